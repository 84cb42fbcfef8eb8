"""The back-office for agency staff: a Django admin site of its own at /backoffice/."""
