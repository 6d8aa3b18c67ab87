"""A class on a real JupyterHub: two learners pull the course with an nbgitpuller link and run a
lesson, each in their own copy, without touching each other.

Everything runs on 127.0.0.1: JupyterHub (PyPI) with configurable-http-proxy (npm, from
``./node_modules``), the dummy authenticator and the local-process spawner (each learner's home
is a folder under a temporary directory). The course is a local git clone of this working tree,
linked as ``file://``: the same nbgitpuller link format as the README's, with the hub and the
repository swapped. Two browser contexts log in as alice and bob, open the link (the hub starts
their servers, nbgitpuller clones the course into their homes and opens the lesson in
JupyterLab), run all cells and use the T explorer. Then: separate copies on disk, alice's saved
change is not in bob's copy, alice cannot reach bob's server, bob's copy opens in app mode
(``/user/<name>/voila/render/...``), and, after the hub stops, no process of the classroom is
left (the fixture's teardown fails the run otherwise).

The hub's learners also hand in: the spawner sets ``GEPNET_HANDIN_DIR`` to a drop box (mode
3733, as the instructor guide sets it up), both learners answer the lesson's first self-check
question (alice rightly, bob wrongly) and press "Hand in my answers", and the instructor's
report (``python -m gepnet_widgets.classroom report``, text and HTML opened in the browser)
shows both, correctly counted. (This spawner runs every learner as root, so the drop box's
permissions between learners are tested with real system users in
``tests/test_classroom_dropbox.py``.)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import yaml
from browser_helpers import (
    SERVER_START_S,
    ServerProcess,
    assert_no_output_errors,
    free_port,
    lab_run_all,
    save_screenshot,
)

from gepnet_widgets import quiz

pytestmark = [pytest.mark.browser, pytest.mark.hub]

ROOT = Path(__file__).resolve().parents[2]

CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
GITHUB_REPO = "https://github.com/gepnet-course/gepnet-notebooks"
README_HUB = "https://hub.example.edu"  # the placeholder hub address the README uses
LESSON = "03_tnm_staging.ipynb"
USERS = ("alice", "bob")
PASSWORD = secrets.token_hex(8)
IN_CI = os.environ.get("CI", "").strip().lower() == "true"


def nbgitpuller_link(hub: str, repo: str, notebook: str, branch: str = "main") -> str:
    """The link a teacher shares: pull ``repo`` into ``~/<repo name>``, open ``notebook``.

    >>> nbgitpuller_link("https://hub.example.edu", "https://github.com/o/course", "00.ipynb")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00.ipynb'
    """
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"}, quote_via=quote,
                      safe="")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def start_notebook() -> str:
    """What every route opens: the start page once it exists, else lesson 3."""
    if (ROOT / "notebooks" / "00_start_here.ipynb").is_file():
        return "00_start_here.ipynb"
    return LESSON


# --------------------------------------------------------------------------- README (no hub)


def test_readme_gives_the_nbgitpuller_link_and_hub_packages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    link = nbgitpuller_link(README_HUB, GITHUB_REPO, start_notebook())
    assert link in readme, f"README should give the class link:\n{link}"
    assert "The Littlest JupyterHub" in readme and "Zero to JupyterHub" in readme
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    section = readme[readme.index("JupyterHub"):]
    for dep in env["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python", "pip")):
            name = re.split(r"[<>=!~ ]", dep, maxsplit=1)[0]
            assert name in section, f"the README's hub section does not name {name}"


# --------------------------------------------------------------------------- the classroom


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"hub test cannot run (CI=true): {reason}")
    pytest.skip(reason)


@dataclass
class Classroom:
    hub: str
    work: Path
    repo: Path
    server: ServerProcess

    def home(self, user: str) -> Path:
        return self.work / "home" / user


def _copy_course(dest: Path) -> None:
    """A git repository with this working tree's files (tracked and new, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, timeout=60)
    if listed.returncode == 0:
        for rel in filter(None, listed.stdout.decode().split("\0")):
            src = ROOT / rel
            if src.is_file():
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / rel)
    else:  # not a git checkout (e.g. an unpacked archive): copy without build products
        shutil.copytree(ROOT, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "node_modules", "__pycache__", "artifacts", "site", "build",
            ".*_cache", ".hypothesis", "*.egg-info"))
    git = ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.invalid"]
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "course"]):
        subprocess.run([*git, *cmd], cwd=dest, check=True, capture_output=True, timeout=60)


def _write_config(work: Path, ports: dict[str, int]) -> Path:
    settings = work / "lab-settings"
    for rel, content in {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
            {"autoStartDefaultKernel": True, "windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
    }.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(content))
    args = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        args.insert(0, "--allow-root")  # as root, the single-user server refuses to start
    config = {
        "JupyterHub": {
            "bind_url": f"http://127.0.0.1:{ports['hub']}",
            "hub_ip": "127.0.0.1", "hub_port": ports["api"],
            "db_url": f"sqlite:///{work}/jupyterhub.sqlite",
            "cookie_secret_file": str(work / "cookie_secret"),
            "pid_file": str(work / "jupyterhub.pid"),
            "authenticator_class": "shared-password",
            "spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
            "cleanup_servers": True, "cleanup_proxy": True,
        },
        "SharedPasswordAuthenticator": {"user_password": PASSWORD},
        "Authenticator": {"allowed_users": list(USERS)},
        "ConfigurableHTTPProxy": {
            "api_url": f"http://127.0.0.1:{ports['proxy_api']}",
            "command": [str(CHP)], "pid_file": str(work / "proxy.pid"),
        },
        "Spawner": {
            "ip": "127.0.0.1", "cmd": [str(Path(sys.executable).parent / "jupyterhub-singleuser")],
            "args": args, "default_url": "/lab", "start_timeout": 120, "http_timeout": 90,
            "environment": {"JUPYTERLAB_SETTINGS_DIR": str(settings),
                            "GEPNET_HANDIN_DIR": str(work / "handin"),
                            "GEPNET_CLASSROOM_CONFIG": str(work / "no-classroom.json")},
        },
        "SimpleLocalProcessSpawner": {"home_dir_template": f"{work}/home/{{username}}"},
    }
    path = work / "jupyterhub_config.py"
    lines = ["c = get_config()  # noqa: F821"]
    for section, values in config.items():
        lines += [f"c.{section}.{key} = {value!r}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _leftovers(marker: str) -> list[int]:
    """Processes (other than this one) whose command line or environment mentions ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            blob = (entry / "cmdline").read_bytes() + (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in blob:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Classroom]:
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError as exc:
        _unavailable(f"{exc.name} is missing: `pip install -e .[dev]` installs it")
    if not CHP.exists():
        _unavailable("configurable-http-proxy is missing: `make node` (npm ci) installs it")
    if shutil.which("git") is None:
        _unavailable("git is missing (apt-get install git)")
    work = tmp_path_factory.mktemp("classroom")
    repo = work / "teacher" / "gepnet-notebooks"
    repo.mkdir(parents=True)
    _copy_course(repo)
    ports = {"hub": free_port(), "api": free_port(), "proxy_api": free_port()}
    config = _write_config(work, ports)
    (work / "handin").mkdir()
    os.chmod(work / "handin", 0o3733)  # the drop box: learners write, nobody else lists
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.pop("GEPNET_PROGRESS_DIR", None)  # each learner keeps progress in their own home
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["GEPNET_CLASSROOM"] = str(work)  # marks every process of the classroom
    log = ROOT / "tests" / "artifacts" / "logs" / "jupyterhub.log"
    server = ServerProcess("jupyterhub", [sys.executable, "-m", "jupyterhub", "-f", str(config)],
                           log, env, work)
    hub = f"http://127.0.0.1:{ports['hub']}"
    try:
        took = server.wait_ready(f"{hub}/hub/api/", timeout=SERVER_START_S)
        print(f"jupyterhub ready in {took:.1f} s at {hub}")
        yield Classroom(hub, work, repo, server)
    finally:
        start = time.monotonic()
        if server.proc.poll() is None:  # the hub stops the learners' servers and the proxy
            with contextlib.suppress(ProcessLookupError):
                os.kill(server.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.proc.wait(timeout=30)
        server.stop(grace=5)
        deadline = time.monotonic() + 10
        while _leftovers(str(work)) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _leftovers(str(work))
        for pid in left:  # only processes this fixture started (they carry its folder)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        print(f"classroom stopped in {time.monotonic() - start:.1f} s; left over: {left}")
        assert not left, f"processes of the classroom left after the hub stopped: {left}"


def _log_in(browser: Any, room: Classroom, user: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{room.hub}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/(hub/spawn|hub/home|user/).*"), timeout=60_000)
    return page


def _t_category(page: Any) -> str:
    return (page.locator(".gepnet-t-readout .gepnet-t-category").first.text_content() or "").strip()


def test_two_learners_pull_and_run_a_lesson_without_interfering(
    classroom: Classroom, chromium_browser: Any, request: pytest.FixtureRequest
) -> None:
    browser = chromium_browser
    room = classroom
    link = nbgitpuller_link(room.hub, room.repo.as_uri(), LESSON)
    pages: dict[str, Any] = {}
    t0 = time.monotonic()
    for user in USERS:  # both log in and open the link; their servers start side by side
        pages[user] = _log_in(browser, room, user)
        request.node._gepnet_page = pages[user]  # screenshot on failure
        pages[user].goto(link, wait_until="commit")
    opened = re.compile(rf"/user/[a-z]+/lab/tree/gepnet-notebooks/notebooks/{LESSON}")
    for user, page in pages.items():
        page.wait_for_url(opened, timeout=180_000)
        assert f"/user/{user}/" in page.url, page.url
        page.get_by_text(re.compile(r"\| Idle$")).first.wait_for(timeout=120_000)
    print(f"both learners logged in, pulled and opened {LESSON} in {time.monotonic() - t0:.1f} s")

    for user, page in pages.items():
        state = lab_run_all(page, timeout_ms=120_000)
        page.locator(".gepnet-t-readout .gepnet-t-category").first.wait_for(timeout=60_000)
        assert_no_output_errors(page, f"{user}'s {LESSON}")
        assert _t_category(page) == "T1", f"{user}: starting T category"
        print(f"{user}: {state['total']} code cells ran by {time.monotonic() - t0:.1f} s")

    # alice moves her slider: her explorer changes, bob's does not (separate kernels)
    alice, bob = pages["alice"], pages["bob"]
    alice.locator(".gepnet-t-size .noUi-handle").first.focus()
    alice.keyboard.press("ArrowRight")
    alice.wait_for_function(
        "() => document.querySelector('.gepnet-t-readout .gepnet-t-category')"
        ".textContent.trim() === 'T2'", timeout=30_000)
    bob.wait_for_timeout(500)
    assert _t_category(bob) == "T1", "bob's explorer changed when alice moved her slider"
    save_screenshot(alice.locator(".gepnet-t").first, "hub-alice-t-explorer")
    save_screenshot(bob.locator(".gepnet-t").first, "hub-bob-t-explorer")

    # alice saves her notebook: her copy changes on disk, bob's does not
    alice.keyboard.press("Control+s")
    alice_nb = room.home("alice") / "gepnet-notebooks" / "notebooks" / LESSON
    bob_nb = room.home("bob") / "gepnet-notebooks" / "notebooks" / LESSON
    deadline = time.monotonic() + 30
    while '"output_type"' not in alice_nb.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert '"output_type"' in alice_nb.read_text(), "alice's save did not reach her copy"
    assert '"output_type"' not in bob_nb.read_text(), "alice's outputs appeared in bob's copy"
    assert alice_nb.stat().st_ino != bob_nb.stat().st_ino
    for user in USERS:
        clone = room.home(user) / "gepnet-notebooks"
        origin = subprocess.run(["git", "-C", str(clone), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=30).stdout.strip()
        assert origin == room.repo.as_uri(), f"{user}'s copy comes from {origin}"

    # both hand in: alice answers the first self-check question rightly, bob wrongly
    question = quiz.load_questions(LESSON.removesuffix(".ipynb"))[0]
    wrong = next(c for c in question.choices if not c.correct)
    for user, page, choice in (("alice", alice, question.correct_choice), ("bob", bob, wrong)):
        _answer_and_hand_in(page, question.id, choice.text)
        print(f"{user} handed in by {time.monotonic() - t0:.1f} s")
    box = room.work / "handin"
    assert sorted(p.name for p in box.iterdir()) == ["alice.json", "bob.json"]
    _instructor_report_counts_both(room, alice, question, wrong)

    # alice cannot reach bob's server
    response = alice.request.get(f"{room.hub}/user/bob/api/contents/gepnet-notebooks",
                                 max_redirects=5, fail_on_status_code=False)
    assert response.status in (401, 403), f"alice -> bob's files: HTTP {response.status}"
    assert "03_tnm_staging" not in response.text()
    # app mode on the hub: bob opens his copy of the lesson in Voila (code hidden, widgets live)
    bob.goto(f"{room.hub}/user/bob/voila/render/gepnet-notebooks/notebooks/{LESSON}",
             wait_until="commit")
    bob.locator(".gepnet-t-readout .gepnet-t-category").first.wait_for(timeout=90_000)
    assert _t_category(bob) == "T1"
    assert bob.locator(".jp-CodeCell .jp-InputArea").count() == 0, "Voila shows code"
    print(f"classroom test done in {time.monotonic() - t0:.1f} s")
    for page in pages.values():
        page.context.close()


def _answer_and_hand_in(page: Any, question_id: str, choice_text: str) -> None:
    """Pick ``choice_text`` in the self-check question, check it, press Hand in."""
    card = page.locator(f".gepnet-selfcheck-q-{question_id}").first
    card.scroll_into_view_if_needed()
    card.locator("label").filter(has_text=choice_text).first.click()
    card.locator(".gepnet-selfcheck-check").first.click()
    card.locator(".gepnet-selfcheck-feedback [role=status]").first.wait_for(timeout=30_000)
    check = page.locator(".gepnet-selfcheck").filter(has=card)
    check.locator(".gepnet-handin-button").first.click()
    check.locator(".gepnet-handin-status").get_by_text("Handed in to the class folder").wait_for(
        timeout=30_000)


def _instructor_report_counts_both(room: Classroom, page: Any, question: Any,
                                   wrong: Any) -> None:
    """The instructor's report (command line, and its HTML page in the browser)."""
    html_path = room.work / "class-report.html"
    proc = subprocess.run(
        [sys.executable, "-m", "gepnet_widgets.classroom", "report", str(room.work / "handin"),
         "--html", str(html_path)], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "2 hand-ins" in out and "files not used" not in out, out
    assert f"Q1 {question.id}: answered 2 of 2, right at the first try 1" in out, out
    assert f"chose {wrong.text[:70]!r}: 1" in out, out
    report = page.context.new_page()
    report.goto(html_path.as_uri())
    row = report.locator(f"tr[data-question='{question.id}']")
    assert row.locator(".gepnet-class-answered").inner_text().strip() == "2 of 2"
    assert row.locator(".gepnet-class-first").inner_text().strip() == "1"
    assert "bob" in row.inner_text() and wrong.text in row.inner_text()
    learners = report.locator("table").first.inner_text()
    assert "alice" in learners and "bob" in learners
    save_screenshot(report.locator("main"), "hub-class-report")
    report.close()


def test_classroom_processes_are_marked(classroom: Classroom) -> None:
    """The teardown's check for left-over processes can see them (it fails the run if any)."""
    assert classroom.server.proc.poll() is None, "the hub died during the test"
    assert _leftovers(str(classroom.work)), "no classroom process found while the hub runs"
