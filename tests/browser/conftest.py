"""Fixtures for the real-browser tests: JupyterLab and Voila servers, headless Chromium, pages.

Policy when Chromium (or the playwright package) is missing: skip with a hint, except when the
environment variable ``CI`` is ``"true"``, where the browser tests fail instead.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    ARTIFACTS_DIR,
    AXE_JS,
    CHROMIUM_ARGS,
    REPO_ROOT,
    SCREENSHOTS,
    LabServer,
    PageErrors,
    ServerProcess,
    free_port,
    save_full_page_screenshot,
    server_env,
    slug,
)

# The fixture notebooks are opened by the harness self-test, never collected by nbval.
collect_ignore_glob = ["fixtures/*"]

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
FIXTURES_SUBDIR = "_browser_fixtures"  # where the fixture notebooks go inside the server root
LOG_DIR = ARTIFACTS_DIR / "logs"
# Shown to JupyterLab as user settings: no "Jupyter news" toast, no update check.
LAB_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if _in_ci():
        pytest.fail(f"browser tests cannot run (CI=true, so this is a failure): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    override = os.environ.get("GEPNET_CHROMIUM")  # another Chromium binary, if you have one
    if override:
        path = override if os.access(override, os.X_OK) else None
    else:
        path = "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
        path = path or shutil.which("chromium")
    if not path:
        _unavailable(
            f"Chromium not found ({override or '/usr/bin/chromium or `chromium` on PATH'}); "
            "`apt-get install chromium` enables the browser tests"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable(
            "the playwright package is missing; `pip install -e .[dev]` enables the browser "
            "tests (never run `playwright install`: the system Chromium is used)"
        )
    return str(path)


@pytest.fixture(scope="session")
def axe_js(chromium_executable: str) -> Path:
    """axe-core's browser bundle from ./node_modules (``make test`` runs ``npm ci``)."""
    if not AXE_JS.is_file():
        _unavailable(
            f"{AXE_JS.relative_to(REPO_ROOT)} is missing; `make node` (npm ci, needs Node.js "
            "and npm) installs axe-core for the accessibility tests"
        )
    return AXE_JS


@pytest.fixture(scope="session")
def chromium_browser(chromium_executable: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        manager.stop()


@pytest.fixture
def browser_page(chromium_browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page (own browser context) with a 1280x1400 viewport (the explorers are tall)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 1400})
    context.set_default_timeout(30_000)
    page = context.new_page()
    request.node._gepnet_page = page  # for the failure screenshot in pytest_runtest_makereport
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page_errors(browser_page: Any) -> PageErrors:
    """Console errors and uncaught exceptions of ``browser_page`` (known harmless ones ignored)."""
    return PageErrors().attach(browser_page)


@pytest.fixture(scope="session")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of notebooks/ (servers never write into the repo) plus the fixtures."""
    root = tmp_path_factory.mktemp("browser") / "notebooks"
    if NOTEBOOKS_DIR.is_dir():
        shutil.copytree(
            NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        )
    else:
        root.mkdir()
    shutil.copytree(FIXTURES_DIR, root / FIXTURES_SUBDIR)
    return root


@pytest.fixture(scope="session")
def server_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session")
def lab_server(
    chromium_executable: str, server_root: Path, server_tmp: Path
) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 (free port, random token), app exposed as ``window.jupyterapp``."""
    settings = server_tmp / "lab-settings"
    for rel, content in LAB_USER_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={server_root}",
        "--ServerApp.port_retries=0",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={server_tmp / 'lab-workspaces'}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        cmd.append("--allow-root")  # as root, lab exits at once without it
    env = server_env(server_tmp / "lab-jupyter", Path(sys.executable).parent)
    server = ServerProcess("jupyterlab", cmd, LOG_DIR / "jupyterlab.log", env, server_root)
    try:
        base = f"http://127.0.0.1:{port}"
        took = server.wait_ready(f"{base}/api/status?token={token}")
        print(f"jupyterlab ready in {took:.1f} s at {base}")
        yield LabServer(server, base, token, server_root)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila_url(
    chromium_executable: str, server_root: Path, server_tmp: Path
) -> Iterator[Callable[[str], str]]:
    """``voila_url(notebook)`` starts (once per notebook) a Voila server; returns its URL."""
    servers: dict[str, tuple[ServerProcess, str]] = {}
    env = server_env(server_tmp / "voila-jupyter", Path(sys.executable).parent)

    def start(notebook: str) -> str:
        if notebook in servers:
            return servers[notebook][1]
        path = server_root / notebook
        port = free_port()
        cmd = [
            sys.executable, "-m", "voila", str(path),
            "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--show_tracebacks=True",  # a failing cell shows its traceback, which the tests catch
        ]  # fmt: skip
        log = LOG_DIR / f"voila-{slug(notebook)}.log"
        server = ServerProcess(f"voila {notebook}", cmd, log, env, path.parent)
        base = f"http://127.0.0.1:{port}"
        servers[notebook] = (server, f"{base}/")
        # Any HTTP answer on a missing path means "listening"; GET / would run the notebook.
        took = server.wait_ready(f"{base}/gepnet-readiness-probe-404", any_http=True)
        print(f"voila ready in {took:.1f} s at {base} for {notebook}")
        return f"{base}/"

    try:
        yield start
    finally:
        for server, _ in servers.values():
            server.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    page = getattr(item, "_gepnet_page", None)
    if report.when == "call" and report.failed and page is not None:
        try:
            path = save_full_page_screenshot(page, f"FAILED-{item.name}")
            report.sections.append(("browser", f"screenshot at failure: {path}"))
        except Exception as exc:  # the page may be gone; the failure itself matters more
            report.sections.append(("browser", f"no failure screenshot: {exc}"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not SCREENSHOTS:
        return
    terminalreporter.section("browser screenshots")
    for path in SCREENSHOTS:
        terminalreporter.write_line(str(path))
    terminalreporter.write_line(f"last screenshot: {SCREENSHOTS[-1]}")
