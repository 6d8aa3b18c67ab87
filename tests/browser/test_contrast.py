"""Text contrast of every lesson in Voila light, Voila dark and JupyterLab Dark (WCAG 1.4.3).

Generic over ``notebooks/NN_*.ipynb``: a new lesson is covered without a row anywhere. For each
mode, every lesson is opened (one Voila server for both Voila themes, via ``?theme=``; one
JupyterLab server started with the JupyterLab Dark theme) in a fresh browser context of the one
session browser, and every visible text element the course renders (cell outputs and rendered
Markdown, not code) is measured against its effective background: the first opaque background
up its ancestors, with the semi-transparent ones composited over it. An element below WCAG AA
(4.5:1, or 3:1 for large text) fails the mode. axe-core cannot do this (it gives up on inherited
backgrounds and reports "incomplete").

A summary (elements and failures per lesson, the worst offenders with their text and where
they are) is printed and written to ``tests/artifacts/contrast/<mode>.json``; a full-page
screenshot per lesson and mode goes to ``tests/artifacts/contrast-<mode>-<lesson>.png``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    ARTIFACTS_DIR,
    KERNEL_MS,
    LabServer,
    ServerProcess,
    free_port,
    lab_open_notebook,
    lab_run_all,
    measure_contrast,
    save_full_page_screenshot,
    server_env,
    slug,
    wait_until_settled,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import lesson_paths

pytestmark = pytest.mark.browser

OUT_DIR = ARTIFACTS_DIR / "contrast"
LOG_DIR = ARTIFACTS_DIR / "logs"
MODES = ("voila-light", "voila-dark", "lab-dark")
#: JupyterLab settings for the dark run: the theme, every cell rendered (no windowing, so
#: cells out of view are measured too), no news toast.
LAB_DARK_SETTINGS = {
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"theme": "JupyterLab Dark"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True,
    },
}  # fmt: skip


@dataclass
class LessonContrast:
    lesson: str
    mode: str
    elements: list[dict[str, Any]]
    skipped_on_image: int

    @property
    def failures(self) -> list[dict[str, Any]]:
        return [e for e in self.elements if e["ratio"] < e["need"]]


@pytest.fixture(scope="module")
def voila_dir(
    chromium_executable: str, server_root: Path, server_tmp: Path
) -> Iterator[str]:
    """One Voila server for the whole notebooks folder; returns its base URL."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "voila", str(server_root),
        "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", "--show_tracebacks=True",
        # The test stops each lesson's kernel with a plain POST (loopback only, no cookies).
        "--Voila.tornado_settings=disable_check_xsrf=True",
    ]  # fmt: skip
    env = server_env(server_tmp / "voila-contrast-jupyter", Path(sys.executable).parent)
    server = ServerProcess("voila (contrast)", cmd, LOG_DIR / "voila-contrast.log", env,
                           server_root)
    try:
        base = f"http://127.0.0.1:{port}"
        server.wait_ready(f"{base}/gepnet-readiness-probe-404", any_http=True)
        yield base
    finally:
        server.stop()


@pytest.fixture(scope="module")
def lab_dark(
    chromium_executable: str, server_root: Path, server_tmp: Path
) -> Iterator[LabServer]:
    """A JupyterLab server of its own whose theme is JupyterLab Dark (the shared one is light)."""
    settings = server_tmp / "lab-dark-settings"
    for rel, content in LAB_DARK_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={server_root}",
        "--ServerApp.port_retries=0", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={server_tmp / 'lab-dark-workspaces'}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = server_env(server_tmp / "lab-dark-jupyter", Path(sys.executable).parent)
    server = ServerProcess("jupyterlab (dark)", cmd, LOG_DIR / "jupyterlab-dark.log", env,
                           server_root)
    try:
        base = f"http://127.0.0.1:{port}"
        server.wait_ready(f"{base}/api/status?token={token}")
        yield LabServer(server, base, token, server_root)
    finally:
        server.stop()


def _shutdown_kernels(lab: LabServer) -> None:
    """Stop the lesson's kernel before the next lesson (2 cores; kernels would pile up)."""
    with urllib.request.urlopen(lab.url("api/kernels"), timeout=10) as resp:
        kernels = json.load(resp)
    for kernel in kernels:
        req = urllib.request.Request(lab.url(f"api/kernels/{kernel['id']}"), method="DELETE")
        urllib.request.urlopen(req, timeout=10).close()


_VOILA_DONE_JS = """() => document.readyState === 'complete'
  && !document.querySelector('#loading') && !!document.querySelector('.jp-Cell')"""

_KERNEL_ID = re.compile(r"/api/kernels/([0-9a-f-]{36})/channels")


def _open_voila(page: Any, base: str, name: str, theme: str) -> None:
    page.goto(f"{base}/voila/render/{name}?theme={theme}", wait_until="commit")
    page.wait_for_function(_VOILA_DONE_JS, timeout=2 * KERNEL_MS, polling=200)
    wait_until_settled(page)


def _shutdown_voila_kernels(page: Any, base: str, kernel_urls: list[str]) -> None:
    """Stop the page's kernel, as Voila does when a page unloads (a closed context never does)."""
    for kernel_id in {m.group(1) for u in kernel_urls if (m := _KERNEL_ID.search(u))}:
        req = urllib.request.Request(
            f"{base}/voila/api/shutdown/{kernel_id}", method="POST", data=b"")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(req, timeout=10).close()


def _open_lab(page: Any, lab: LabServer, name: str) -> None:
    lab_open_notebook(page, lab, name)
    lab_run_all(page)
    wait_until_settled(page)
    assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false", (
        "JupyterLab did not start in its dark theme"
    )


def _measure_lessons(
    mode: str,
    browser: Any,
    open_page: Callable[[Any, str], None],
    after: Callable[[Any, list[str]], None],
) -> list[LessonContrast]:
    """Open each lesson in a fresh context with ``open_page(page, name)`` and measure it.

    ``after(page, websocket_urls)`` stops the lesson's kernel before the next lesson starts.
    """
    results = []
    for path in lesson_paths():
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        context.set_default_timeout(30_000)
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda ws, sockets=sockets: sockets.append(ws.url))
        try:
            start = time.monotonic()
            open_page(page, path.name)
            measured = measure_contrast(page)
            result = LessonContrast(path.stem, mode, measured["elements"],
                                    measured["skippedImage"])
            save_full_page_screenshot(page, f"contrast-{mode}-{path.stem}")
            print(f"{mode} {path.stem}: {len(result.elements)} text elements, "
                  f"{len(result.failures)} below AA ({time.monotonic() - start:.1f} s)")
            results.append(result)
        finally:
            after(page, sockets)
            context.close()
    return results


def _summary(mode: str, results: list[LessonContrast], worst: int = 20) -> str:
    total = sum(len(r.elements) for r in results)
    failing = [(r.lesson, e) for r in results for e in r.failures]
    lines = [f"{mode}: {len(failing)} of {total} text elements below WCAG AA"]
    for r in results:
        lines.append(f"  {r.lesson}: {len(r.failures)} of {len(r.elements)} below AA"
                     + (f" ({r.skipped_on_image} on an image, skipped)"
                        if r.skipped_on_image else ""))
    failing.sort(key=lambda item: item[1]["ratio"] / item[1]["need"])
    seen: set[tuple[str, str]] = set()
    shown = 0
    for lesson, e in failing:
        key = (e["where"], e["fg"] + e["bg"])
        if key in seen:
            continue
        seen.add(key)
        lines.append(f"  {e['ratio']:.2f}:1 (needs {e['need']}) {e['fg']} on {e['bg']} "
                     f"{lesson} cell {e['cell']} {e['where']}: {e['text'][:70]!r}")
        shown += 1
        if shown >= worst:
            break
    return "\n".join(lines)


def _report(mode: str, results: list[LessonContrast]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"{slug(mode)}.json").write_text(json.dumps(
        [{"lesson": r.lesson, "elements": len(r.elements), "failures": r.failures,
          "skipped_on_image": r.skipped_on_image} for r in results], indent=1))
    summary = _summary(mode, results)
    print(summary)
    assert results, "no lessons found (notebooks/NN_*.ipynb)"
    for r in results:
        assert r.elements, f"{mode} {r.lesson}: no text measured (page did not render?)"
    assert not any(r.failures for r in results), summary


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_voila_text_contrast(theme: str, chromium_browser: Any, voila_dir: str) -> None:
    mode = f"voila-{theme}"
    results = _measure_lessons(
        mode, chromium_browser, lambda page, name: _open_voila(page, voila_dir, name, theme),
        after=lambda page, urls: _shutdown_voila_kernels(page, voila_dir, urls))
    _report(mode, results)


def test_jupyterlab_dark_text_contrast(chromium_browser: Any, lab_dark: LabServer) -> None:
    results = _measure_lessons(
        "lab-dark", chromium_browser, lambda page, name: _open_lab(page, lab_dark, name),
        after=lambda page, urls: _shutdown_kernels(lab_dark))
    _report("lab-dark", results)
