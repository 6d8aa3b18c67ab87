"""Browser part of ``make bench``: key-to-screen latency and live dragging in Voila + Chromium.

A small notebook (one import cell, one explorer per cell) is written to a temporary folder and
served by Voila on 127.0.0.1; Debian's Chromium (``/usr/bin/chromium``, never a downloaded one)
opens it through playwright. In the page, a MutationObserver on each explorer's figure records
every new picture and the moment it is decoded (``img.decode()``), so "on screen" means the new
PNG is ready to paint, not merely that the message arrived.

Key to screen
    The slider handle has focus; a keydown listener stamps the time; ArrowRight/ArrowLeft
    alternate. A sample is keydown -> the new picture decoded. Presses are spaced so each one
    starts from a settled page.
Drag
    The main slider's handle is dragged from its minimum to its maximum in about one second (30
    mouse moves), then released. Reported: distinct pictures decoded during the drag per second,
    the time from release to the final picture (0 when it was already on screen), and whether
    the final picture is the one the final value gives: one step left and one step right again
    must show the same picture (same PNG bytes) and the same slider value.

Run alone with ``python -m benchmarks.bench_browser``; ``make bench`` runs it after the kernel
part and puts its figures on the last line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_explorers import Summary, summarize

ROOT = Path(__file__).resolve().parent.parent

#: Goals (issue 16): key-to-screen median and p95, pictures per second while dragging, release
#: to final picture.
GOAL_KEY_P50_MS = 40.0
GOAL_KEY_P95_MS = 60.0
GOAL_DRAG_FPS = 10.0
GOAL_RELEASE_MS = 150.0
#: Key presses timed per explorer (after two warm-up presses).
PRESSES = 16
#: Mouse moves during a drag, and the drag's length in seconds.
DRAG_MOVES = 30
DRAG_SECONDS = 1.0
#: Quiet time after which the page counts as settled (no new picture).
SETTLE_MS = 600

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@dataclass(frozen=True)
class Target:
    """An explorer shown in the benchmark notebook and the slider that is dragged."""

    explorer: str  #: class name in gepnet_widgets
    prefix: str  #: its CSS prefix (``gepnet-<prefix>``)
    slider: str  #: the control's name (``gepnet-<prefix>-<slider>``)
    keys: bool  #: included in the key-to-screen sample


TARGETS = (
    Target("TExplorer", "t", "size", keys=True),
    Target("SiteComparison", "compare", "size", keys=False),
    Target("GradeExplorer", "grade", "ki67", keys=True),
    Target("CountingLab", "ki67lab", "across", keys=True),
)


@dataclass(frozen=True)
class DragResult:
    """One drag: pictures decoded while dragging, its length, release to final, final check."""

    target: str
    frames: int
    seconds: float
    release_ms: float
    final_ok: bool

    @property
    def fps(self) -> float:
        """Distinct pictures shown per second of dragging."""
        return self.frames / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class BrowserResult:
    """Key-to-screen latencies (ms, all explorers pooled) and one drag per explorer."""

    keys: Summary
    drags: tuple[DragResult, ...]

    @property
    def min_fps(self) -> float:
        return min((d.fps for d in self.drags), default=0.0)

    @property
    def max_release_ms(self) -> float:
        return max((d.release_ms for d in self.drags), default=float("nan"))

    @property
    def all_final_ok(self) -> bool:
        return bool(self.drags) and all(d.final_ok for d in self.drags)


# --- pure parts (tested in tests/test_bench.py) -------------------------------------------------


def frames_during(events: Sequence[tuple[float, str]], start: float, end: float) -> int:
    """Distinct pictures decoded in ``[start, end]`` (``events``: (time ms, picture id))."""
    seen: list[str] = []
    for t, picture in events:
        if start <= t <= end and (not seen or seen[-1] != picture):
            seen.append(picture)
    return len(seen)


def release_to_final(events: Sequence[tuple[float, str]], release: float) -> float:
    """ms from ``release`` to the last picture decoded (0 if it was decoded before release)."""
    if not events:
        raise ValueError("no picture was shown")
    return max(0.0, max(t for t, _picture in events) - release)


def browser_line(result: BrowserResult | None) -> str:
    """The browser figures for the last line (fixed format), or why there are none."""
    if result is None:
        return "browser: skipped"
    return (f"key-to-screen p50 {result.keys.p50:.1f} ms, p95 {result.keys.p95:.1f} ms; "
            f"drag {result.min_fps:.1f} pictures/s, release {result.max_release_ms:.0f} ms, "
            f"final {'ok' if result.all_final_ok else 'WRONG'}")


def browser_verdict(result: BrowserResult) -> list[str]:
    """Lines naming each browser goal that was missed (empty when all were met)."""
    missed = []
    if result.keys.p50 > GOAL_KEY_P50_MS or result.keys.p95 > GOAL_KEY_P95_MS:
        missed.append(f"GOAL MISSED: key-to-screen p50 {result.keys.p50:.1f} / p95 "
                      f"{result.keys.p95:.1f} ms > {GOAL_KEY_P50_MS:.0f} / "
                      f"{GOAL_KEY_P95_MS:.0f} ms")
    if result.min_fps < GOAL_DRAG_FPS:
        missed.append(f"GOAL MISSED: {result.min_fps:.1f} pictures/s while dragging < "
                      f"{GOAL_DRAG_FPS:.0f}")
    if not result.max_release_ms <= GOAL_RELEASE_MS:
        missed.append(f"GOAL MISSED: release to final picture {result.max_release_ms:.0f} ms > "
                      f"{GOAL_RELEASE_MS:.0f} ms")
    if not result.all_final_ok:
        missed.append("GOAL MISSED: a final picture did not match the final slider value")
    return missed


# --- the page -----------------------------------------------------------------------------------

_NOTEBOOK_CELLS = ["from gepnet_widgets import " + ", ".join(t.explorer for t in TARGETS)] + [
    f"{t.explorer}()" for t in TARGETS]

_INSTRUMENT_JS = r"""(prefixes) => {
  window.__gepnet = {events: {}, key: 0, up: 0};
  document.addEventListener('keydown', () => { window.__gepnet.key = performance.now(); }, true);
  document.addEventListener('pointerup', () => { window.__gepnet.up = performance.now(); }, true);
  document.addEventListener('mouseup', () => { window.__gepnet.up = performance.now(); }, true);
  for (const p of prefixes) {
    const fig = document.querySelector(`.gepnet-${p}-figure`);
    const events = window.__gepnet.events[p] = [];
    const idOf = (img) => img.src.length + ':' + img.src.slice(-48) + ':' + img.alt;
    let last = fig.querySelector('img') && idOf(fig.querySelector('img'));
    new MutationObserver(() => {
      const img = fig.querySelector('img');
      if (!img || idOf(img) === last) return;
      const id = last = idOf(img);
      img.decode().then(() => events.push([performance.now(), id])).catch(() => {});
    }).observe(fig, {childList: true, subtree: true, attributes: true});
  }
}"""


def _chromium() -> str | None:
    override = os.environ.get("GEPNET_CHROMIUM")
    if override:
        return override if os.access(override, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _write_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in _NOTEBOOK_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "bench_browser.ipynb"
    nbformat.write(nb, path)
    return path


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Voila:
    """Voila on 127.0.0.1 in its own process group (killed as a group on exit)."""

    def __init__(self, notebook: Path, tmp: Path) -> None:
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "JUPYTER_PATH")}
        for name in ("config", "runtime"):
            (tmp / name).mkdir(exist_ok=True)
        env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                   PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p),
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
        self.log = open(tmp / "voila.log", "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={self.port}",
             "--Voila.ip=127.0.0.1"], stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env, cwd=notebook.parent, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"voila exited with code {self.proc.returncode}")
            try:
                urllib.request.urlopen(f"{self.url}gepnet-probe", timeout=2)
            except urllib.error.HTTPError:
                return  # any HTTP answer: listening
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError("voila did not start in time")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def _events(page: Any, prefix: str) -> list[tuple[float, str]]:
    return [(float(t), str(i)) for t, i in page.evaluate(
        "(p) => window.__gepnet.events[p]", prefix)]


def _settle(page: Any, prefix: str, timeout_s: float = 20) -> None:
    """Wait until no new picture has been decoded for :data:`SETTLE_MS`."""
    deadline = time.monotonic() + timeout_s
    count = -1
    while time.monotonic() < deadline:
        now = len(_events(page, prefix))
        if now == count:
            return
        count = now
        page.wait_for_timeout(SETTLE_MS)


def _wait_new(page: Any, prefix: str, after: int, timeout_s: float = 20) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if len(_events(page, prefix)) > after:
            return True
        page.wait_for_timeout(5)
    return False


def _handle(page: Any, target: Target) -> Any:
    return page.locator(f".gepnet-{target.prefix}-{target.slider} .noUi-handle").first


def key_samples(page: Any, target: Target, presses: int = PRESSES) -> list[float]:
    """Key-to-screen samples (ms) for ``target``'s slider: ArrowRight/ArrowLeft alternately."""
    _handle(page, target).focus()
    samples = []
    for i in range(presses + 2):
        before = len(_events(page, target.prefix))
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        if not _wait_new(page, target.prefix, before):
            raise RuntimeError(f"{target.explorer}: no new picture after a key press")
        t, _id = _events(page, target.prefix)[-1]
        if i >= 2:
            samples.append(t - page.evaluate("() => window.__gepnet.key"))
        page.wait_for_timeout(150)
        _settle(page, target.prefix)
    return samples


def _slider_text(page: Any, target: Target) -> str:
    return page.locator(f".gepnet-{target.prefix}-{target.slider} .widget-readout").first \
        .inner_text().strip()


def drag(page: Any, target: Target) -> DragResult:
    """Drag ``target``'s slider from its minimum to its maximum in about one second."""
    handle = _handle(page, target)
    track = page.locator(f".gepnet-{target.prefix}-{target.slider} .noUi-target").first
    handle.focus()
    page.keyboard.press("Home")  # start from the minimum
    _settle(page, target.prefix)
    box, hbox = track.bounding_box(), handle.bounding_box()
    y = hbox["y"] + hbox["height"] / 2
    # End exactly on the maximum: the last move sets the final value, then the button goes up.
    x0, x1 = hbox["x"] + hbox["width"] / 2, box["x"] + box["width"]
    page.mouse.move(x0, y)
    page.mouse.down()
    start = page.evaluate("() => performance.now()")
    began = time.monotonic()
    for k in range(1, DRAG_MOVES + 1):
        page.mouse.move(x0 + (x1 - x0) * k / DRAG_MOVES, y)
        wait = began + DRAG_SECONDS * k / DRAG_MOVES - time.monotonic()
        if wait > 0:
            time.sleep(wait)
    page.mouse.up()
    release = page.evaluate("() => window.__gepnet.up")
    _settle(page, target.prefix)
    events = _events(page, target.prefix)
    frames = frames_during(events, start, release)
    after_release = release_to_final([e for e in events if e[0] >= start], release)
    final_text, final_picture = _slider_text(page, target), events[-1][1]
    # The final picture must be what the final value gives: step away and back again.
    handle.focus()
    for key in ("ArrowLeft", "ArrowRight"):
        before = len(_events(page, target.prefix))
        page.keyboard.press(key)
        _wait_new(page, target.prefix, before)
        _settle(page, target.prefix)
    again = _events(page, target.prefix)[-1][1]
    ok = again == final_picture and _slider_text(page, target) == final_text
    return DragResult(target.explorer, frames, (release - start) / 1000, after_release, ok)


def run(verbose: bool = True) -> BrowserResult:
    """Start Voila and Chromium, measure, stop both. Raises RuntimeError if they cannot run."""
    chromium = _chromium()
    if chromium is None:
        raise RuntimeError("Chromium not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise RuntimeError("playwright is missing (pip install -e .[dev])") from err
    with tempfile.TemporaryDirectory(prefix="gepnet-bench-") as tmp_name:
        tmp = Path(tmp_name)
        voila = _Voila(_write_notebook(tmp), tmp)
        try:
            voila.wait_ready()
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1280, "height": 1400})
                    page.set_default_timeout(120_000)
                    page.goto(voila.url, wait_until="commit")
                    for t in TARGETS:
                        page.locator(f".gepnet-{t.prefix}-figure img").first.wait_for()
                    page.wait_for_timeout(1000)
                    page.evaluate(_INSTRUMENT_JS, [t.prefix for t in TARGETS])
                    keys: list[float] = []
                    drags = []
                    for t in TARGETS:
                        _handle(page, t).scroll_into_view_if_needed()
                        if t.keys:
                            samples = key_samples(page, t)
                            keys += samples
                            if verbose:
                                s = summarize(samples)
                                print(f"  {t.explorer}.{t.slider}: key-to-screen p50 "
                                      f"{s.p50:.1f} ms, p95 {s.p95:.1f} ms (n={s.n})")
                        d = drag(page, t)
                        drags.append(d)
                        if verbose:
                            print(f"  {t.explorer}.{t.slider}: drag {d.frames} pictures in "
                                  f"{d.seconds:.2f} s = {d.fps:.1f}/s; release to final "
                                  f"{d.release_ms:.0f} ms; final picture "
                                  f"{'matches' if d.final_ok else 'DOES NOT match'} the value")
                finally:
                    browser.close()
        finally:
            voila.stop()
    return BrowserResult(summarize(keys), tuple(drags))


def main() -> int:
    print("Browser: Voila + Chromium, key-to-screen (keydown -> new picture decoded) and drags")
    try:
        result = run()
    except RuntimeError as err:
        print(f"browser part skipped: {err}")
        return 0
    for line in browser_verdict(result):
        print(line)
    print(browser_line(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
