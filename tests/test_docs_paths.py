"""Every repository path the README and the docs name exists.

Checked: relative Markdown link targets (resolved from the file that links) and paths written
as code (`` `tests/browser/test_a11y.py` ``) that start with one of the repository's folders
(resolved from the repository root). Patterns (``NN_*.ipynb``, ``<file>``), build outputs,
commands in fenced blocks and paths said not to exist ("no `binder/` folder") are not checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FOLDERS = (".ci", "benchmarks", "binder", "docs", "gepnet_widgets", "jupyter-settings",
           "notebooks", "tests", "tools")
_CODE = re.compile(r"`([^`\s]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_PATTERN = re.compile(r"[*<>{}$]|\bNN\b|\bNN_|\.\.\.")


def _repo_path(token: str) -> str | None:
    token = token.rstrip(".,;:)")
    first = token.split("/", 1)[0]
    if first in FOLDERS and "/" in token and not _PATTERN.search(token):
        return token.split("::", 1)[0].split("#", 1)[0]
    return None


def named_paths(doc: Path) -> list[tuple[str, Path]]:
    """(as written, resolved path) for every repository path ``doc`` names."""
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)  # commands, not claims
    found = []
    for m in _CODE.finditer(text):
        token = m.group(1)
        if re.search(r"\b(?:no|not|without)\s+$", text[max(0, m.start() - 9):m.start()]):
            continue  # "no `binder/` folder": a path said not to exist
        path = _repo_path(token)
        if path:
            found.append((token, ROOT / path))
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][\w+.-]*:|^#", target) or _PATTERN.search(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path:
            found.append((target, (doc.parent / path).resolve()))
    return found


def test_the_checker_finds_paths(tmp_path: Path) -> None:
    doc = ROOT / "README.md"
    names = [written for written, _ in named_paths(doc)]
    assert any(n.startswith("tests/") for n in names)
    assert _repo_path("tests/hub/test_hub_classroom.py") == "tests/hub/test_hub_classroom.py"
    assert _repo_path("notebooks/NN_*.ipynb") is None
    assert _repo_path("build/handouts/") is None
    other = tmp_path / "x.md"
    other.write_text("See `tests/conftest.py`; there is no `binder/` folder; [a](nope.md).")
    assert [w for w, _ in named_paths(other)] == ["tests/conftest.py", "nope.md"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_named_path_exists(doc: Path) -> None:
    missing = sorted({written for written, path in named_paths(doc) if not path.exists()})
    assert not missing, f"{doc.relative_to(ROOT)} names paths that do not exist: {missing}"
