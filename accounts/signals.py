"""What accounts announce to the apps above them, which accounts may not import.

identity_proven: an account's IIN/BIN was proven, and `records` (walk-in records of the
same person, now merged into it) hand over what was theirs: appeals move their appeals
(appeals/identity.py). Sent inside the proof's transaction.
"""

from __future__ import annotations

from django.dispatch import Signal

identity_proven = Signal()
