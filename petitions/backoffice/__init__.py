"""The back-office's petitions: the moderators' queue and flags, the addressee's queue and
its answer, on the appeals' back-office site (appeals/backoffice/site.py)."""
