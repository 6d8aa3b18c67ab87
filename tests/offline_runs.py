"""Lessons run once per test session in the offline kernel (``tools/offline_kernel.py``).

Shared by ``tests/test_offline.py`` and ``tests/browser/test_static_site.py`` (the static pages
are built from these runs), so each lesson is executed only once for both.
"""

from __future__ import annotations

import atexit
import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools"
NOTEBOOKS = ROOT / "notebooks"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

import build_site  # noqa: E402
from offline_kernel import OfflineRun, OfflineRunner  # noqa: E402

__all__ = ["OfflineRun", "build_site", "lesson_paths", "run_offline", "runner"]


def lesson_paths() -> list[Path]:
    """Every lesson notebook (``notebooks/NN_*.ipynb``): new lessons are covered automatically."""
    return build_site.lesson_paths(NOTEBOOKS)


@functools.cache
def runner() -> OfflineRunner:
    r = OfflineRunner()
    atexit.register(r.cleanup)
    return r


@functools.cache
def _run(path: str) -> OfflineRun | BaseException:
    try:
        return runner().execute(Path(path))
    except Exception as exc:  # cached too: a failing lesson fails every test that uses it
        return exc


def run_offline(path: Path) -> OfflineRun:
    """The (cached) offline run of ``path``; re-raises the run's error, if it had one."""
    result = _run(str(Path(path).resolve()))
    if isinstance(result, BaseException):
        raise result
    return result
