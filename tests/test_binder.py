"""What repo2docker (Binder, and hub images built with it) reads, checked without Docker.

Complements ``tests/test_packaging.py`` (environment.yml against pyproject.toml, postBuild's
content, no ``binder/`` folder). The rules follow repo2docker's buildpacks: it looks for its
configuration in ``binder/`` or ``.binder/`` if either exists, else at the root; the first
buildpack that recognises a file wins (a ``Dockerfile``, Julia, Nix or R files, or a
``.devcontainer`` would take over from the conda buildpack that ``environment.yml`` selects);
the conda buildpack reads the Python version from a ``python=X.Y`` entry and needs a frozen
base environment for it; ``postBuild`` must be executable and is run as the notebook user.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: Files and folders whose presence makes repo2docker pick another buildpack or read more.
TAKEOVER = (
    "Dockerfile", ".devcontainer", "Project.toml", "JuliaProject.toml", "REQUIRE",
    "default.nix", "install.R", "DESCRIPTION", "runtime.txt", "Pipfile", "Pipfile.lock",
    "requirements.txt", "apt.txt", "start", "environment.yaml", "setup.py",
)
#: repo2docker's own pattern for the Python version (conda buildpack).
PYTHON_REGEX = re.compile(r"python\s*=+\s*([\d\.]*)")
#: Python versions with a frozen base environment in current repo2docker.
FROZEN_PYTHONS = {"3.10", "3.11", "3.12", "3.13", "3.14"}
BINDER_URL = re.compile(
    r"https://mybinder\.org/v2/gh/(?P<repo>[\w.-]+/[\w.-]+)/(?P<ref>[\w.-]+)"
    r"\?(?P<key>labpath|urlpath)=(?P<path>[\w.%-]+)"
)


def _git_mode(path: str) -> str | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    out = subprocess.run(["git", "ls-files", "--stage", "--", path], cwd=ROOT,
                         capture_output=True, text=True, timeout=30).stdout.split()
    return out[0] if out else None


def start_notebook() -> str:
    """The notebook every route opens: the start page once it exists, else lesson 3."""
    if (ROOT / "notebooks" / "00_start_here.ipynb").is_file():
        return "00_start_here.ipynb"
    return "03_tnm_staging.ipynb"


@pytest.mark.parametrize("name", TAKEOVER)
def test_nothing_overrides_the_conda_buildpack(name: str) -> None:
    assert not (ROOT / name).exists(), (
        f"{name} at the root changes what repo2docker builds (only environment.yml and "
        "postBuild are meant to configure it)")


def test_environment_yml_is_what_the_conda_buildpack_expects() -> None:
    path = ROOT / "environment.yml"
    assert path.is_file(), "repo2docker's conda buildpack looks for environment.yml"
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(env, dict), "environment.yml must be a mapping"
    deps = env["dependencies"]
    versions = [PYTHON_REGEX.match(d).group(1) for d in deps
                if isinstance(d, str) and PYTHON_REGEX.match(d)]
    assert len(versions) == 1, f"one python=X.Y entry expected, found {versions}"
    assert ".".join(versions[0].split(".")[:2]) in FROZEN_PYTHONS, versions
    assert not any(isinstance(d, str) and d.startswith("r-") for d in deps), "R would be added"
    pip = [d for d in deps if isinstance(d, dict)]
    assert not pip, "a pip: section (e.g. -e .) stops repo2docker caching the conda layer"


def test_postbuild_runs_for_the_notebook_user() -> None:
    post = ROOT / "postBuild"
    raw = post.read_bytes()
    assert b"\r\n" not in raw, "postBuild has CRLF line endings: bash would fail on Binder"
    mode = _git_mode("postBuild")
    if mode is not None:  # a fresh clone must get the executable bit from git
        assert mode == "100755", f"postBuild is {mode} in git: run `git update-index --chmod=+x`"
    text = raw.decode("utf-8")
    assert "sudo" not in text and "apt-get" not in text, "postBuild runs without root"


def test_binder_badge_opens_the_start_notebook() -> None:
    readme = README.read_text(encoding="utf-8")
    badge = re.search(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\(([^)]+)\)",
                      readme)
    assert badge, "README has no Binder badge"
    m = BINDER_URL.fullmatch(badge.group(1))
    assert m and m["key"] == "labpath", badge.group(1)
    assert m["path"] == f"notebooks%2F{start_notebook()}", (
        f"the badge opens {m['path']}; it should open notebooks/{start_notebook()}")


def test_readme_binder_links_point_at_existing_notebooks() -> None:
    readme = README.read_text(encoding="utf-8")
    links = list(BINDER_URL.finditer(readme))
    assert len(links) >= 2, "README needs the badge and an app-mode (Voila) Binder link"
    assert len({m["repo"] for m in links}) == 1, "all Binder links name the same repository"
    voila = [m for m in links if m["path"].startswith("voila%2Frender%2F")]
    assert voila, "README needs a Binder link that opens a lesson in Voila"
    for m in links:
        path = m["path"].replace("%2F", "/").removeprefix("voila/render/")
        assert (ROOT / path).is_file(), f"Binder link to missing {path}"


def test_environment_has_what_the_routes_need() -> None:
    names = {re.split(r"[<>=!~ ]", d, maxsplit=1)[0]
             for d in yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
             if isinstance(d, str)}
    assert {"voila", "nbgitpuller", "jupyterlab", "ipywidgets"} <= names, names
