"""The pages of receptions: the public calendar and a meeting's page (calendar.py); booking
and the citizen's own receptions (booking.py)."""
