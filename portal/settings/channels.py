"""The settings of the listening channels beside the appeals: receptions and meetings,
e-petitions, and listening ahead (repeats and parallels, problem clusters, the topic
proposed from the text). Read from the environment after base.py has loaded `.env`."""

from __future__ import annotations

import environ

env = environ.Env()

# --- Receptions and meetings (receptions/, docs/receptions.md) ---
# A question marked resolved counts as reopened when an appeal on the same topic from the
# same citizen or locality follows within this many days.
RECEPTIONS_REOPEN_DAYS = env.int("RECEPTIONS_REOPEN_DAYS", default=90)
# Figures of fewer questions show their counts but no rate, and are not ranked.
RECEPTIONS_MIN_CASES = env.int("RECEPTIONS_MIN_CASES", default=10)
# Reminders of a booked reception go out this many hours before it.
RECEPTIONS_REMINDER_HOURS = env.int("RECEPTIONS_REMINDER_HOURS", default=24)
# Upcoming bookings one citizen may hold at once: no account takes every reception's times.
RECEPTIONS_BOOKINGS_PER_CITIZEN = env.int("RECEPTIONS_BOOKINGS_PER_CITIZEN", default=3)

# --- E-petitions (petitions/, docs/petitions.md); the law's thresholds and periods are
# reference data in the admin, not settings ---
# Petitions one citizen may file a day.
PETITIONS_FILED_PER_DAY = env.int("PETITIONS_FILED_PER_DAY", default=3)
# Signatures an hour from one account, and from one client address (behind TRUSTED_PROXIES).
PETITIONS_SIGN_PER_ACCOUNT_HOUR = env.int("PETITIONS_SIGN_PER_ACCOUNT_HOUR", default=60)
PETITIONS_SIGN_PER_ADDRESS_HOUR = env.int("PETITIONS_SIGN_PER_ADDRESS_HOUR", default=600)
# An account younger than this signs as "new"; this many such signatures to one petition
# within the minutes below raise a flag to the moderators.
PETITIONS_NEW_ACCOUNT_HOURS = env.int("PETITIONS_NEW_ACCOUNT_HOURS", default=48)
PETITIONS_BURST_SIGNATURES = env.int("PETITIONS_BURST_SIGNATURES", default=100)
PETITIONS_BURST_MINUTES = env.int("PETITIONS_BURST_MINUTES", default=10)
# A petition's page keeps its text, timeline and latest signers this many seconds (its count
# is read at every view): a popular petition's page stays cheap while it is being signed.
PETITIONS_PAGE_CACHE_SECONDS = env.int("PETITIONS_PAGE_CACHE_SECONDS", default=5)
# Bodies with fewer petitions received show counts but no rate, and are not ranked.
PETITIONS_MIN_CASES = env.int("PETITIONS_MIN_CASES", default=5)

# --- Listening ahead (appeals/linking.py, appeals/topics/, listening/; docs/listening.md) ---
# Repeats and parallels (appeals/linking.py): how many days back, the pg_trgm similarity that
# links and the one that counts a repeat (docs/workflow.md#repeats-and-parallels).
LINK_PERIOD_DAYS = env.int("LINK_PERIOD_DAYS", default=365)
LINK_SIMILARITY = env.float("LINK_SIMILARITY", default=0.25)
REPEAT_SIMILARITY = env.float("REPEAT_SIMILARITY", default=0.4)
# The topic proposed from the text (appeals/topics/): the latest appeals it learns from, and
# the proposals one person (or address, in the API) may ask for within an hour.
TOPIC_TRAINING_LIMIT = env.int("TOPIC_TRAINING_LIMIT", default=200_000)
TOPIC_PROPOSALS_PER_HOUR = env.int("TOPIC_PROPOSALS_PER_HOUR", default=600)
# Fewer different applicants could point at the people: such a cluster is not public.
PROBLEM_CLUSTER_PUBLIC_MIN = env.int("PROBLEM_CLUSTER_PUBLIC_MIN", default=3)
