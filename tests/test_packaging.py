"""Packaging and house-rule checks: environments agree, Binder files, stripped notebooks, layers.

These tests read the repository's files; none of them needs a kernel except the nbval check,
which runs two tiny notebooks in a subprocess.
"""

from __future__ import annotations

import ast
import json
import os
import pkgutil
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 (tomli is in the dev extra there)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "gepnet_widgets"
NOTEBOOK_DIR = ROOT / "notebooks"
EDU_STATEMENT = "This course is for education only. It is not for decisions about anyone's care."

# PyPI name -> conda-forge name, where they differ (normalised names).
CONDA_NAME = {}
# Conda-only entries of environment.yml that pyproject does not list.
CONDA_ONLY = {"python", "pip"}


# --------------------------------------------------------------------------- helpers


def norm(name: str) -> str:
    """PEP 503 normalised name: case-folded, runs of ``-``, ``_``, ``.`` become ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def load_pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def load_environment() -> dict:
    with open(ROOT / "environment.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def conda_to_specifier(spec: str) -> SpecifierSet:
    """Translate a conda version spec (``>=8,<9``, ``=8``, ``3.12.*``, ``1.2``) to PEP 440."""
    spec = spec.replace(" ", "")
    if not spec:
        return SpecifierSet()
    assert "|" not in spec, f"OR specs are not supported by this check: {spec!r}"
    parts = []
    for part in spec.split(","):
        m = re.fullmatch(r"(>=|<=|==|!=|~=|>|<|=)?([0-9][0-9A-Za-z.*+!]*)", part)
        assert m, f"cannot read conda version spec {part!r}"
        op, version = m.groups()
        if op in (None, "=") and version.endswith(".*"):
            parts.append(f"=={version}")
        elif op == "=":  # conda: `=8` means 8.*
            parts.append(f"=={version}.*")
        elif op is None:  # conda: bare version is an exact match
            parts.append(f"=={version}")
        else:
            parts.append(f"{op}{version}")
    return SpecifierSet(",".join(parts))


def parse_conda_dep(entry: str) -> tuple[str, SpecifierSet]:
    m = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9_.\-]*)\s*(.*?)\s*", entry)
    assert m, f"cannot read environment.yml entry {entry!r}"
    name, spec = m.groups()
    assert "::" not in entry, f"channel-pinned entry {entry!r}: use conda-forge for everything"
    return norm(name), conda_to_specifier(spec)


def environment_deps() -> dict[str, SpecifierSet]:
    env = load_environment()
    deps: dict[str, SpecifierSet] = {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):  # a nested `pip:` list; none expected, nothing to compare
            continue
        name, spec = parse_conda_dep(str(entry))
        assert name not in deps, f"{name} listed twice in environment.yml"
        deps[name] = spec
    return deps


def candidate_versions(*specs: SpecifierSet) -> list[Version]:
    """Versions at, just below and just above every bound named in ``specs``."""
    found = {(0, 1), (999,)}
    for spec_set in specs:
        for spec in spec_set:
            r = Version(spec.version.removesuffix(".*")).release
            found |= {r, (*r, 0), (*r, 1), (r[0] + 1,), (*r[:-1], r[-1] + 1)}
            if r[-1] > 0:
                found |= {(*r[:-1], r[-1] - 1), (*r[:-1], r[-1] - 1, 99)}
            if r[0] > 0:
                found.add((r[0] - 1, 99))
    return sorted(Version(".".join(map(str, r))) for r in found)


def conda_within_pip(pip_spec: SpecifierSet, conda_spec: SpecifierSet) -> bool:
    """True if the conda spec allows only versions pip allows, and at least one of them."""
    versions = candidate_versions(pip_spec, conda_spec)
    allowed = [v for v in versions if conda_spec.contains(v)]
    return bool(allowed) and all(pip_spec.contains(v) for v in allowed)


def pyproject_groups() -> tuple[list[Requirement], list[Requirement], list[Requirement]]:
    project = load_pyproject()["project"]
    extras = project["optional-dependencies"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    return (
        runtime,
        [Requirement(r) for r in extras["notebook"]],
        [Requirement(r) for r in extras["dev"]],
    )


def make_env() -> dict[str, str]:
    """Environment for a nested `make` that ignores the flags of a `make test` around us."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env["LC_ALL"] = "C"
    return env


def notebook_files() -> list[Path]:
    return sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def code_lines(path: Path) -> list[str]:
    """Non-blank lines of a shell script with comments removed."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


# --------------------------------------------------------------------------- environment.yml


def test_environment_channel_is_conda_forge_only():
    channels = load_environment()["channels"]
    assert [c for c in channels if c != "nodefaults"] == ["conda-forge"], channels


def test_environment_python_is_3_12():
    spec = environment_deps()["python"]
    assert spec.contains("3.12.0") and spec.contains("3.12.7"), spec
    assert not spec.contains("3.11.9") and not spec.contains("3.13.0"), spec
    requires = SpecifierSet(load_pyproject()["project"]["requires-python"])
    assert requires.contains("3.12.0"), "environment.yml's python is outside requires-python"


def _runtime_and_notebook() -> list[Requirement]:
    runtime, notebook, _ = pyproject_groups()
    return runtime + notebook


@pytest.mark.parametrize("req", _runtime_and_notebook(), ids=lambda r: r.name)
def test_environment_lists_pyproject_dependency(req: Requirement):
    deps = environment_deps()
    conda_name = CONDA_NAME.get(norm(req.name), norm(req.name))
    assert conda_name in deps, f"{req} (pyproject) is missing from environment.yml"
    assert conda_within_pip(req.specifier, deps[conda_name]), (
        f"environment.yml allows {conda_name} {deps[conda_name] or '(any version)'}, "
        f"which is not within pyproject's {req}"
    )


def test_environment_lists_nothing_unknown_to_pyproject():
    runtime, notebook, dev = pyproject_groups()
    known = {CONDA_NAME.get(norm(r.name), norm(r.name)) for r in runtime + notebook + dev}
    unknown = set(environment_deps()) - known - CONDA_ONLY
    assert not unknown, f"environment.yml lists packages pyproject.toml does not: {unknown}"


@pytest.mark.parametrize(
    ("pip", "conda", "ok"),
    [
        (">=8,<9", ">=8,<9", True),
        (">=8,<9", "=8", True),
        (">=8,<9", "8.1.*", True),
        (">=8,<9", "", False),  # unbounded conda spec would allow ipywidgets 7 or 9
        (">=8,<9", ">=7", False),
        (">=8,<9", "=9", False),
        (">=3.8", ">=3.7", False),
        (">=3.8", ">=3.8", True),
        (">=3.10", "=3.12", True),
    ],
)
def test_version_comparison_can_fail(pip: str, conda: str, ok: bool):
    assert conda_within_pip(SpecifierSet(pip), conda_to_specifier(conda)) is ok


# --------------------------------------------------------------------------- Binder


def test_postbuild_installs_package_without_deps():
    post = ROOT / "postBuild"
    assert post.is_file(), "postBuild must sit at the repository root"
    assert post.stat().st_mode & stat.S_IXUSR, "postBuild must be executable (chmod +x)"
    first = post.read_text(encoding="utf-8").splitlines()[0]
    assert re.fullmatch(r"#!\s*(/usr/bin/env bash|/bin/bash)", first), first
    lines = code_lines(post)
    assert "set -euo pipefail" in lines
    assert "pip install --no-deps -e ." in lines


@pytest.mark.parametrize("name", ["binder", ".binder"])
def test_no_binder_folder_shadows_root_files(name: str):
    assert not (ROOT / name).exists(), (
        f"{name}/ exists: repo2docker would ignore environment.yml and postBuild at the root"
    )


# --------------------------------------------------------------------------- notebooks


def test_lab_and_binder_notebook_exists():
    """`make lab` falls back to, and the Binder badge opens, the TNM staging lesson."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"labpath=notebooks%2F([\w.-]+\.ipynb)", readme)
    assert m, "README has no Binder labpath"
    assert (NOTEBOOK_DIR / m.group(1)).is_file(), f"notebooks/{m.group(1)} is missing"
    assert (NOTEBOOK_DIR / "03_tnm_staging.ipynb").is_file()


@pytest.mark.parametrize("path", notebook_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_committed_stripped(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata, "metadata.widgets (widget state) must be stripped"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs"
            assert cell.execution_count is None, f"cell {i} has an execution count"


# --------------------------------------------------------------------------- layering

LAYER_CHECK = textwrap.dedent(
    """
    import importlib, json, sys, types
    pkg = types.ModuleType("gepnet_widgets")  # skip the package __init__ (it imports widgets)
    pkg.__path__ = [sys.argv[1]]
    sys.modules["gepnet_widgets"] = pkg
    mod = importlib.import_module("gepnet_widgets." + sys.argv[2])
    top = {name.split(".")[0] for name in sys.modules}
    print(json.dumps({
        "file": mod.__file__,
        "init_skipped": sys.modules["gepnet_widgets"] is pkg,
        "heavy": sorted(top & {"matplotlib", "ipywidgets", "IPython"}),
    }))
    """
)
NOT_PURE = {"style", "bench", "__init__", "__main__", "drawing", "widgets"}


def pure_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(PKG)]) if m.name not in NOT_PURE)


def test_pure_modules_are_found():
    assert "sources" in pure_modules()


@pytest.mark.parametrize("name", pure_modules())
def test_pure_module_imports_no_plotting_or_widgets(name: str):
    proc = subprocess.run(
        [sys.executable, "-I", "-c", LAYER_CHECK, str(PKG), name],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert Path(out["file"]).resolve().is_relative_to(PKG), out["file"]
    assert out["init_skipped"]
    assert out["heavy"] == [], f"gepnet_widgets.{name} (layer 1) imports {out['heavy']}"


def _imported_names(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """(line, absolute dotted name) of every import in ``tree`` (``from a import b`` gives a.b)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append((node.lineno, module))
            names += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return names


def _package_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])


LAYER2_FORBIDDEN = ("ipywidgets", "matplotlib.pyplot", "pylab", "gepnet_widgets.widgets")
LAYER2_FILES = [*sorted((PKG / "drawing").rglob("*.py")), PKG / "style.py"]


@pytest.mark.parametrize(
    "path", [p for p in LAYER2_FILES if p.exists()], ids=lambda p: str(p.relative_to(ROOT))
)
def test_drawing_layer_imports_no_widgets_or_pyplot(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = [
        f"line {line}: {name}"
        for line, name in _imported_names(tree, _package_of(path))
        if any(name == f or name.startswith(f + ".") for f in LAYER2_FORBIDDEN)
    ]
    assert not bad, f"{path.relative_to(ROOT)} (layer 2) imports: {bad}"


def test_import_checker_sees_relative_and_from_imports():
    src = "from matplotlib import pyplot\nfrom ..widgets import x\nimport ipywidgets as w\n"
    names = {n for _, n in _imported_names(ast.parse(src), "gepnet_widgets.drawing")}
    assert {"matplotlib.pyplot", "gepnet_widgets.widgets", "ipywidgets"} <= names


def _show_calls(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "show" and ast.unparse(node.func.value) in {
                "plt",
                "pyplot",
                "matplotlib.pyplot",
                "pylab",
            }:
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "matplotlib.pyplot"
            and any(alias.name == "show" for alias in node.names)
        ):
            lines.append(node.lineno)
    return lines


def test_package_never_calls_plt_show():
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [f"{path.relative_to(ROOT)}:{n}" for n in _show_calls(tree)]
    assert not offenders, f"plt.show() in the package: {offenders}"
    assert _show_calls(ast.parse("import matplotlib.pyplot as plt\nplt.show()\n")) == [2]


# --------------------------------------------------------------------------- README and CI


def test_readme_has_setup_binder_and_statement():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme and "make bench" in readme
    assert re.search(
        r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]"
        r"\(https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?labpath=notebooks%2F[\w.-]+\.ipynb\)",
        readme,
    ), "README needs a Binder badge linking to a notebook"
    assert EDU_STATEMENT in readme
    assert "conda env create -f environment.yml" in readme
    assert "pip install --no-deps -e ." in readme
    assert "CONTRIBUTING.md" in readme


def test_ci_run_installs_chromium_and_runs_make_test():
    ci = ROOT / ".ci" / "run"
    assert ci.stat().st_mode & stat.S_IXUSR, ".ci/run must be executable"
    assert ci.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    lines = code_lines(ci)
    assert "set -euo pipefail" in lines
    assert lines[-1] == "make test", "the last thing .ci/run does must be a plain `make test`"
    body = "\n".join(lines)
    assert "/usr/bin/chromium" in body and "apt-get install" in body and "chromium" in body
    assert "|| true" not in body and "PYTEST_ARGS" not in body


# --------------------------------------------------------------------------- Makefile


def _make(tmp: Path, *args: str) -> str:
    proc = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=tmp,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture
def make_sandbox(tmp_path: Path) -> Path:
    """A copy of the Makefile and pyproject.toml with an up-to-date install stamp."""
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    stamp = tmp_path / ".venv" / ".installed"
    stamp.touch()
    now = time.time()
    os.utime(tmp_path / "pyproject.toml", (now - 100, now - 100))
    os.utime(stamp, (now, now))
    return tmp_path


def test_make_venv_reinstalls_only_when_pyproject_changes(make_sandbox: Path):
    assert "pip install" not in _make(make_sandbox, "-n", "venv")
    now = time.time()
    os.utime(make_sandbox / "pyproject.toml", (now + 100, now + 100))
    out = _make(make_sandbox, "-n", "venv")
    assert "-m venv" in out
    assert 'pip install -e ".[dev]"' in out


def test_make_test_runs_strip_check_ruff_then_pytest_on_notebooks(make_sandbox: Path):
    lines = [line for line in _make(make_sandbox, "-n", "test").splitlines() if line.strip()]
    assert len(lines) == 3, lines
    strip, ruff, pytest_line = lines
    assert "nbstripout --keep-id --verify notebooks/a.ipynb" in strip
    assert ruff.endswith("ruff check .")
    assert "MPLBACKEND=Agg" in pytest_line
    words = pytest_line.split()
    assert "pytest" in words and "--nbval-lax" in words and "--nbval-current-env" in words
    assert "tests" in words and "notebooks" in words


def test_make_lab_opens_the_course(make_sandbox: Path):
    out = _make(make_sandbox, "-n", "lab")
    assert "jupyter lab --notebook-dir=notebooks" in out
    assert "03_tnm_staging.ipynb" in out
    assert ("--allow-root" in out) == (os.geteuid() == 0)
    (make_sandbox / "notebooks" / "00_start_here.ipynb").write_text("{}", encoding="utf-8")
    assert "00_start_here.ipynb" in _make(make_sandbox, "-n", "lab")


def test_nbval_lax_fails_a_broken_notebook(tmp_path: Path):
    """The flags `make test` uses really fail a notebook whose cell raises."""
    for name, source in [("good", "x = 6 * 7\nassert x == 42"), ("broken", "1 / 0")]:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "good.ipynb",
            "broken.ipynb",
        ],
        cwd=tmp_path,
        env={**os.environ, "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "ZeroDivisionError" in out
    assert re.search(r"\b1 failed, 1 passed\b", out), out
