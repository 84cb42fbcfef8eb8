"""Benchmarks: programs that print their figures (docs/benchmarks.md), and the data
generator they use."""
