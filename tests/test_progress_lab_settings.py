"""The JupyterLab setting the course ships (save widget state with the notebook), installed where
JupyterLab reads it: by `make venv`/`make lab` into the venv, by postBuild on Binder.

With it, a lesson saved in JupyterLab keeps its widgets' state in the notebook's metadata, so
reopening it shows the tools as they were instead of "Error displaying widget: model not found".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "jupyter-settings" / "overrides.json"
PLUGIN = "@jupyter-widgets/jupyterlab-manager:plugin"


def test_override_turns_on_save_widget_state() -> None:
    data = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert data == {PLUGIN: {"saveState": True}}


def test_the_setting_exists_in_the_installed_widget_manager() -> None:
    """The plugin id and setting name match the widget manager's own schema (a typo would be
    ignored silently by JupyterLab)."""
    from jupyterlab.commands import get_app_dir

    candidates = [
        Path(sys.prefix) / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager"
        / "schemas/@jupyter-widgets/jupyterlab-manager/plugin.json",
        Path(get_app_dir()) / "schemas/@jupyter-widgets/jupyterlab-manager/plugin.json",
    ]
    schema_path = next((p for p in candidates if p.is_file()), None)
    assert schema_path is not None, "the ipywidgets JupyterLab extension is not installed"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema["properties"]["saveState"]["type"] == "boolean"


def test_make_installs_it_where_jupyterlab_reads_overrides(tmp_path: Path) -> None:
    from jupyterlab.commands import get_app_dir
    from jupyterlab_server.settings_utils import _get_overrides

    # The Makefile's target for the real venv is JupyterLab's application settings directory.
    dry = subprocess.run(["make", "-n", "-B", "-s", "lab-settings"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    expected = Path(get_app_dir()) / "settings" / "overrides.json"
    target = re.search(r'cp jupyter-settings/overrides\.json "([^"]+)"', dry).group(1)
    assert (ROOT / target).resolve() == expected.resolve()

    # Installing into another prefix writes the file there, and JupyterLab's own reader finds
    # the setting in that settings directory.
    venv = tmp_path / "venv"
    subprocess.run(["make", "-s", "lab-settings", f"VENV={venv}"], cwd=ROOT, check=True,
                   timeout=60)
    settings_dir = venv / "share" / "jupyter" / "lab" / "settings"
    overrides, error = _get_overrides(str(settings_dir))
    assert error == ""
    assert overrides[PLUGIN]["saveState"] is True


def test_venv_and_lab_targets_install_the_setting() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^venv: .*\$\(LAB_SETTINGS\)", makefile, flags=re.M)
    assert re.search(r"^lab: .*\$\(LAB_SETTINGS\)", makefile, flags=re.M)
    assert "LAB_SETTINGS_DIR := $(VENV)/share/jupyter/lab/settings" in makefile


def test_postbuild_installs_it_into_the_environment_prefix(tmp_path: Path) -> None:
    """Run postBuild's settings lines with a fake prefix: the file lands in
    <prefix>/share/jupyter/lab/settings, JupyterLab's application settings directory there."""
    lines = (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("settings_dir="))
    snippet = "\n".join(lines[start:])
    assert "overrides.json" in snippet and "sudo" not in snippet
    fake_python = tmp_path / "bin" / "python"
    fake_python.parent.mkdir()
    fake_python.write_text(f"#!/bin/sh\necho {tmp_path / 'env'}\n", encoding="utf-8")
    fake_python.chmod(0o755)
    subprocess.run(["bash", "-euo", "pipefail", "-c", snippet], cwd=ROOT, check=True,
                   env={"PATH": f"{fake_python.parent}:/usr/bin:/bin"}, timeout=60)
    installed = tmp_path / "env/share/jupyter/lab/settings/overrides.json"
    assert json.loads(installed.read_text(encoding="utf-8")) == {PLUGIN: {"saveState": True}}
