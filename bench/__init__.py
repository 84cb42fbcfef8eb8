"""Benchmarks: programs that print their figures (see the README)."""
