"""The tallies behind the rankings: their SQL, their refresh, and periods as pieces of
their rows (docs/rankings.md)."""
