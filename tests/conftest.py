"""Shared test setup. Kept small: browser fixtures live in tests/browser/conftest.py."""

import os
import tempfile

# Headless plotting everywhere, before any test module imports matplotlib.
os.environ.setdefault("MPLBACKEND", "Agg")
# Self-check answers are saved to the learner's progress file; tests, and the kernels they start,
# use a throwaway folder instead of the developer's own (gepnet_widgets.progress.ENV_VAR).
os.environ.setdefault("GEPNET_PROGRESS_DIR", tempfile.mkdtemp(prefix="gepnet-progress-"))
