"""Benchmarks of annotator: measurements with floors and targets, not tests (run ``python -m benchmarks``)."""
