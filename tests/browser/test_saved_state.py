"""A lesson saved in JupyterLab and opened again shows its tools, not "Error displaying widget:
model not found" (issue 14). The course ships JupyterLab's "save widget state" setting
(``jupyter-settings/overrides.json``, installed by ``make venv``/``make lab`` and postBuild); this
test runs a lesson, saves it, stops its kernel, opens it again in a fresh page and reads it.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
from browser_helpers import (
    KERNEL_MS,
    RUN_ALL_MS,
    LabServer,
    PageErrors,
    lab_open_notebook,
    lab_run_all,
    save_full_page_screenshot,
    wait_until_settled,
)
from playwright.sync_api import expect

PLUGIN = "@jupyter-widgets/jupyterlab-manager:plugin"
COPY = "zz_saved_state_check.ipynb"  # a copy: the shared server root stays as the repo has it

_SAVE_JS = """async () => {
  await window.jupyterapp.commands.execute('docmanager:save');
  return true;
}"""
# Overrides become the schema's defaults (jupyterlab_server applies them when serving settings).
_SETTING_JS = """async (id) => {
  const plugin = await window.jupyterapp.serviceManager.settings.fetch(id);
  const user = JSON.parse(plugin.raw || '{}');
  return 'saveState' in user ? user.saveState : plugin.schema.properties.saveState['default'];
}"""


def _shut_down_kernels(page: Any, lab: LabServer) -> None:
    sessions = page.request.get(lab.url("api/sessions")).json()
    for session in sessions:
        page.request.delete(lab.url(f"api/sessions/{session['id']}"))


def test_the_setting_is_installed_in_the_labs_settings_dir() -> None:
    from jupyterlab.commands import get_app_dir
    from jupyterlab_server.settings_utils import _get_overrides

    overrides, _error = _get_overrides(str(Path(get_app_dir()) / "settings"))
    assert overrides.get(PLUGIN, {}).get("saveState") is True, (
        f"run `make lab-settings` (JupyterLab at {sys.prefix} does not save widget state)")


def test_reopened_lesson_shows_its_tools(
    lab_server: LabServer, browser_page: Any, page_errors: PageErrors
) -> None:
    page = browser_page
    shutil.copy(lab_server.root_dir / "00_start_here.ipynb", lab_server.root_dir / COPY)
    lab_open_notebook(page, lab_server, COPY)
    assert page.evaluate(_SETTING_JS, PLUGIN) is True, "JupyterLab did not read saveState"
    lab_run_all(page)
    page.locator(".gepnet-t-readout").first.wait_for(state="visible", timeout=RUN_ALL_MS)
    page.evaluate(_SAVE_JS)
    saved = None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        saved = nbformat.read(lab_server.root_dir / COPY, as_version=4)
        if "widgets" in saved.metadata:
            break
        time.sleep(0.5)
    assert saved is not None and "widgets" in saved.metadata, "widget state was not saved"
    state = saved.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert any("gepnet-t-readout" in m["state"].get("_dom_classes", []) for m in state.values())

    _shut_down_kernels(page, lab_server)
    page.goto(lab_server.url(f"lab/tree/{COPY}", reset=True), wait_until="domcontentloaded")
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=KERNEL_MS)
    # The readout's content, not only its box (an empty readout box is already "visible").
    page.locator(".gepnet-t-readout .gepnet-t-category").first.wait_for(
        state="visible", timeout=KERNEL_MS)
    wait_until_settled(page)
    save_full_page_screenshot(page, "saved-state-reopened")
    # textContent, not innerText: JupyterLab skips rendering cells outside the viewport
    # (windowing), and an error in one of those must still fail the test.
    text = page.locator(".jp-Notebook").first.text_content() or ""
    assert "model not found" not in text.lower(), "reopened lesson shows 'model not found'"
    # Rendering the restored readout's text can lag its box under load: wait for the words.
    # (Another element can carry the readout's class, e.g. an empty one still being laid out,
    # so read the readout that has the words rather than the first in the page.)
    readout = page.locator(".gepnet-t-readout", has_text="T category").first
    readout.wait_for(timeout=KERNEL_MS)
    # CI once read an empty innerText from a readout whose textContent had the words (not
    # reproduced here: off screen it reads in full). So bring it on screen, as a learner would,
    # and retry until the words are rendered.
    readout.scroll_into_view_if_needed(timeout=KERNEL_MS)
    expect(readout).to_contain_text("T category", use_inner_text=True, timeout=KERNEL_MS)
    print("reopened:", json.dumps({"widgets saved": len(state)}))
