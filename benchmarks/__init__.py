"""Benchmarks of the course widgets (run with ``make bench``); not part of the installed package."""
