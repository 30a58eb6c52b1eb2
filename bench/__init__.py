"""Benchmarks: `python -m bench.<name>`; figures printed, never asserted in tests."""
