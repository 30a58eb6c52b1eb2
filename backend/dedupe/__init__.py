"""Duplicate detection tooling: configuration loading, evaluation and tuning commands."""
