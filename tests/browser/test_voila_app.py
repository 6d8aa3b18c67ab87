"""``make app`` serves the course so that the links between lessons work (issue 14).

Voila started on a single notebook answers 403 to every link to another lesson. ``make app``
runs ``tools/voila_app.py``, which starts Voila in tree mode on the lessons' folder and opens
the start notebook's page. This test starts it exactly so (``--no-browser``), fetches the start
page, follows a course-map link and expects the lesson with its title. No browser is needed:
Voila renders the page on the server.
"""

from __future__ import annotations

import html
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import (
    ARTIFACTS_DIR,
    REPO_ROOT,
    ServerProcess,
    free_port,
    server_env,
)

sys.path.insert(0, str(REPO_ROOT / "tools"))
from voila_app import app_command, app_url

pytestmark = pytest.mark.browser

RENDER_S = 180  # a render runs the lesson in a fresh kernel; generous on a loaded 2-core machine


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=RENDER_S) as resp:
        return resp.status, resp.read().decode("utf-8", errors="replace")


def _makefile_runs_the_launcher() -> None:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^app:.*\n(?:\t.*\n)*\t.*tools/voila_app\.py \"\$\(APP\)\"", text, re.M), (
        "make app no longer runs tools/voila_app.py")
    assert "APP=notebooks/08_reading_a_report.ipynb" in text, "make report opens lesson 8"


def test_make_app_follows_a_course_map_link(server_root: Path, server_tmp: Path) -> None:
    _makefile_runs_the_launcher()
    start = server_root / "00_start_here.ipynb"
    port = free_port()
    # As make app runs it (make passes VOILA_ARGS through; here: no browser, a free port).
    cmd = [sys.executable, str(REPO_ROOT / "tools" / "voila_app.py"), str(start), "--no-browser",
           f"--port={port}", "--Voila.ip=127.0.0.1"]
    env = server_env(server_tmp / "voila-app-jupyter", Path(sys.executable).parent)
    server = ServerProcess("make app (voila tree)", cmd, ARTIFACTS_DIR / "logs" / "voila-app.log",
                           env, server_root)
    try:
        server.wait_ready(f"http://127.0.0.1:{port}/", any_http=True)
        url = app_url(start, port, host="127.0.0.1")
        assert url.endswith("/voila/render/00_start_here.ipynb")
        status, page = _get(url)
        assert status == 200
        assert "Start here" in page or "start here" in page.lower()
        links = re.findall(r'href="(03_tnm_staging\.ipynb[^"]*)"', page)
        assert links, "the start page has no course-map link to lesson 3"
        target = urllib.parse.urljoin(url, html.unescape(links[0]))
        assert target.split("#")[0].endswith("/voila/render/03_tnm_staging.ipynb")
        status, lesson = _get(target.split("#")[0])
        assert status == 200
        assert re.search(r"<h1[^>]*>\s*Lesson 3: Staging a GEP-NET with TNM", lesson), (
            "the link did not open lesson 3")
    finally:
        server.stop()


def test_launcher_passes_options_and_serves_the_folder(tmp_path: Path) -> None:
    nb = tmp_path / "lessons" / "08_reading_a_report.ipynb"
    cmd = app_command(nb, 9123, ["--theme=dark"])
    assert cmd[1:4] == ["-m", "voila", str(nb.parent)]
    assert "--no-browser" in cmd and "--port=9123" in cmd and cmd[-1] == "--theme=dark"
    assert app_url(nb, 9123) == "http://localhost:9123/voila/render/08_reading_a_report.ipynb"
