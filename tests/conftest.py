"""Shared test setup. Kept small: browser fixtures live in tests/browser/conftest.py."""

import os

# Headless plotting everywhere, before any test module imports matplotlib.
os.environ.setdefault("MPLBACKEND", "Agg")
