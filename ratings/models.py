"""Satisfaction feedback and ranking snapshots arrive with the rankings issue."""
