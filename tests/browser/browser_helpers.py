"""Helpers for the real-browser tests: server processes, page errors, JupyterLab and Voila drivers.

Imported by ``conftest.py`` and the test modules of this folder (pytest puts this folder on
``sys.path`` because it has no ``__init__.py``; the module name is unique on purpose).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"

# Explicit timeouts (milliseconds for playwright, seconds for servers). Generous for a slow
# 2-core machine; the happy path is far below them.
SERVER_START_S = 60.0
KERNEL_MS = 60_000
RUN_ALL_MS = 60_000
UPDATE_MS = 20_000
SCREENSHOTS: list[Path] = []  # every screenshot saved in this session, in order


# --------------------------------------------------------------------------------------------
# Server processes
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (tiny race until the server binds it; fine for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """A server started in its own process group, logging to a file, killed as a group."""

    def __init__(
        self, name: str, cmd: Sequence[str], log_path: Path, env: dict[str, str], cwd: Path
    ) -> None:
        self.name = name
        self.cmd = list(cmd)
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            self.cmd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,  # own process group: killpg() reaches every child
        )

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])

    def fail_message(self, what: str) -> str:
        return (
            f"{self.name}: {what}\ncommand: {' '.join(self.cmd)}\n"
            f"log {self.log_path} (last lines):\n{self.log_tail()}"
        )

    def wait_ready(
        self, url: str, timeout: float = SERVER_START_S, any_http: bool = False
    ) -> float:
        """Poll ``url`` until it answers 200 (or any HTTP status if ``any_http``).

        Fails fast, with the log tail, when the process exits. Returns the seconds waited.
        """
        start = time.monotonic()
        last = "no answer yet"
        while time.monotonic() - start < timeout:
            code = self.proc.poll()
            if code is not None:
                raise AssertionError(self.fail_message(f"exited with code {code} before ready"))
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return time.monotonic() - start
                    last = f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                if any_http:
                    return time.monotonic() - start
                last = f"HTTP {exc.code}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                last = str(exc)
            time.sleep(0.1)
        raise AssertionError(self.fail_message(f"not ready after {timeout:.0f} s ({last})"))

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM the process group, then SIGKILL whatever is left after ``grace`` seconds."""
        try:
            if self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=grace)
            # Children left in the group (even if the leader already exited) get SIGKILL.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        finally:
            self._log.close()


def server_env(tmp: Path, bin_dir: Path) -> dict[str, str]:
    """Environment for Jupyter/Voila servers: isolated config and runtime dirs, venv tools first.

    ``MPLBACKEND`` is dropped: the test session sets it to Agg, and a kernel that inherits it
    would not show inline matplotlib figures as a learner's kernel does.
    """
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.pop("JUPYTER_PATH", None)
    for name in ("config", "runtime"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


@dataclass
class LabServer:
    process: ServerProcess
    base_url: str
    token: str
    root_dir: Path

    def url(self, path: str, reset: bool = False) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path}{sep}token={self.token}" + ("&reset" if reset else "")


# --------------------------------------------------------------------------------------------
# Page errors
# --------------------------------------------------------------------------------------------

# Known harmless noise (see /work/shared/guides/testing.md): Voila's lab template loads Font
# Awesome from the jsDelivr CDN (offline here), Voila bundles older @jupyterlab shared modules,
# and the servers have no favicon for every path.
IGNORED_ERRORS = (
    re.compile(r"font-?awesome", re.IGNORECASE),
    re.compile(r"Unsatisfied version"),
    re.compile(r"favicon", re.IGNORECASE),
    re.compile(r"ERR_NAME_NOT_RESOLVED.*cdn\.jsdelivr\.net", re.DOTALL),
)


@dataclass
class PageErrors:
    """Collects ``console.error`` messages and uncaught page errors of one page."""

    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> PageErrors:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)
        return self

    def _record(self, entry: str) -> None:
        if any(p.search(entry) for p in IGNORED_ERRORS):
            self.ignored.append(entry)
        else:
            self.errors.append(entry)

    def _on_console(self, msg: Any) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        self._record(f"console.error: {msg.text} [at {url}]")

    def _on_pageerror(self, exc: Any) -> None:
        self._record(f"pageerror: {exc}")

    def assert_clean(self, where: str) -> None:
        assert not self.errors, f"{where}: {len(self.errors)} browser error(s):\n" + "\n".join(
            self.errors
        )


# Error outputs anywhere in the page (cell outputs and Output widgets, Lab and Voila), stderr
# text with a traceback, and widget views that failed to render.
_OUTPUT_PROBLEMS_JS = r"""() => {
  const bad = [], warnings = [];
  const text = (el) => (el.textContent || "").trim().slice(0, 1500);
  for (const el of document.querySelectorAll('.jp-OutputArea-output[data-mime-type*="error"]'))
    bad.push("error output: " + text(el));
  for (const el of document.querySelectorAll(
      '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')) {
    const t = text(el);
    if (/Traceback|Error:/.test(t)) bad.push("stderr: " + t); else if (t) warnings.push(t);
  }
  for (const el of document.querySelectorAll('.jupyter-widgets-error-widget'))
    bad.push("widget error view: " + text(el));
  for (const el of document.querySelectorAll('.jupyter-widgets'))
    if (/^Error displaying widget/.test(text(el))) bad.push("widget: " + text(el));
  return {bad, warnings};
}"""


def assert_no_output_errors(page: Any, where: str) -> list[str]:
    """Fail on tracebacks / error outputs in the page; return harmless stderr texts."""
    found = page.evaluate(_OUTPUT_PROBLEMS_JS)
    assert not found["bad"], f"{where}: error output visible to the learner:\n" + "\n---\n".join(
        found["bad"]
    )
    for warning in found["warnings"]:
        print(f"[{where}] stderr shown to the learner (not an error): {warning[:300]}")
    return list(found["warnings"])


# --------------------------------------------------------------------------------------------
# Screenshots
# --------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:120]


def save_screenshot(target: Any, name: str) -> Path:
    """Screenshot a page or locator into tests/artifacts/<name>.png and print the path."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{slug(name)}.png"
    target.screenshot(path=str(path))
    SCREENSHOTS.append(path)
    print(f"screenshot: {path}")
    return path


# JupyterLab and Voila scroll an inner element, not the document, so playwright's full_page
# option only captures the viewport. Instead, grow the viewport by the hidden height of the
# tallest scroller (scrolled to its top), take the picture, and restore the viewport.
_HIDDEN_SCROLL_HEIGHT_JS = """() => {
  let extra = 0;
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!/(auto|scroll)/.test(style.overflowY) && el !== document.scrollingElement) continue;
    extra = Math.max(extra, el.scrollHeight - el.clientHeight);
    el.scrollTop = 0;
  }
  return extra;
}"""


_TWO_FRAMES_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def save_full_page_screenshot(page: Any, name: str, max_height: int = 16_000) -> Path:
    """Screenshot the whole scrollable content of a Lab or Voila page."""
    viewport = page.viewport_size
    extra = int(page.evaluate(_HIDDEN_SCROLL_HEIGHT_JS))
    if extra <= 0 or viewport is None:
        return save_screenshot(page, name)
    page.set_viewport_size(
        {"width": viewport["width"], "height": min(viewport["height"] + extra, max_height)}
    )
    try:
        # Two animation frames: the resize has been laid out and painted.
        page.evaluate(_TWO_FRAMES_JS)
        return save_screenshot(page, name)
    finally:
        page.set_viewport_size(viewport)


# --------------------------------------------------------------------------------------------
# JupyterLab driver
# --------------------------------------------------------------------------------------------

_START_RUN_ALL_JS = """() => {
  window.__gepnetRunAll = {done: false, ok: null, error: null};
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    (ok) => { window.__gepnetRunAll = {done: true, ok: ok !== false, error: null}; },
    (err) => { window.__gepnetRunAll = {done: true, ok: false, error: String(err)}; });
}"""

_NOTEBOOK_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.widgets) return null;
  const code = panel.content.widgets.filter(
    (c) => c.model.type === 'code' && c.model.sharedModel.getSource().trim() !== '');
  const errors = [];
  code.forEach((c, i) => {
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(`code cell ${i + 1}: ${o.ename}: ${o.evalue}`);
    }
  });
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return {
    total: code.length,
    executed: code.filter((c) => c.model.executionCount !== null).length,
    kernel: kernel ? kernel.status : 'none',
    errors,
  };
}"""


def lab_open_notebook(page: Any, lab: LabServer, notebook: str) -> float:
    """Open ``notebook`` (path relative to the Lab root) with a fresh workspace; wait for Idle."""
    start = time.monotonic()
    page.goto(lab.url(f"lab/tree/{notebook}", reset=True), wait_until="domcontentloaded")
    # The status bar reads "Python 3 (ipykernel) | Idle" only once the kernel websocket is
    # connected; the execution indicator says idle too early (guide, section 4).
    page.get_by_text(re.compile(r"\| Idle$")).first.wait_for(timeout=KERNEL_MS)
    return time.monotonic() - start


def lab_run_all(page: Any, timeout_ms: int = RUN_ALL_MS) -> dict[str, Any]:
    """Run all cells via the app command; wait until every non-empty code cell has executed."""
    page.evaluate(_START_RUN_ALL_JS)
    page.wait_for_function(
        "() => window.__gepnetRunAll && window.__gepnetRunAll.done", timeout=timeout_ms
    )
    result = page.evaluate("() => window.__gepnetRunAll")
    state = page.evaluate(_NOTEBOOK_STATE_JS)
    # A failing cell stops Run All, so later cells never run: report the error at once.
    assert state and not state["errors"], "cells raised exceptions:\n" + "\n".join(
        (state or {}).get("errors", ["(no notebook panel)"])
    )
    assert result["ok"], f"run-all did not succeed: {result}"
    page.wait_for_function(
        f"""() => {{ const s = ({_NOTEBOOK_STATE_JS})();
            return s && s.executed === s.total && s.kernel === 'idle'; }}""",
        timeout=timeout_ms,
    )
    return page.evaluate(_NOTEBOOK_STATE_JS)


# --------------------------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------------------------

_MARK_COMMON_ANCESTOR_JS = """([selectors, mark]) => {
  const els = selectors.map((s) => document.querySelector(s)).filter(Boolean);
  if (!els.length) return false;
  let a = els[0];
  while (a && !els.every((e) => a.contains(e))) a = a.parentElement;
  if (!a) return false;
  a.setAttribute(mark, '1');
  return true;
}"""


def mark_explorer(page: Any, selectors: Sequence[str], mark: str = "data-gepnet-explorer") -> Any:
    """Locator for the smallest element containing every one of ``selectors`` (the explorer)."""
    assert page.evaluate(_MARK_COMMON_ANCESTOR_JS, [list(selectors), mark]), (
        f"no element contains all of {selectors}"
    )
    return page.locator(f"[{mark}]").first


def img_state(page: Any, img_selector: str) -> dict[str, str]:
    return page.eval_on_selector(
        img_selector, "(img) => ({src: img.getAttribute('src') || '', alt: img.alt || ''})"
    )


def wait_src_change(
    page: Any, img_selector: str, old_src: str, timeout_ms: int = UPDATE_MS
) -> None:
    page.wait_for_function(
        """([sel, old]) => { const img = document.querySelector(sel);
            return img && img.getAttribute('src') && img.getAttribute('src') !== old; }""",
        arg=[img_selector, old_src],
        timeout=timeout_ms,
    )


FLOAT_NOISE = re.compile(r"\d\.\d*(?:00000|99999)\d")


def assert_no_float_noise(text: str, where: str) -> None:
    match = FLOAT_NOISE.search(text)
    assert not match, f"{where}: float noise {match.group(0)!r} shown to the learner in {text!r}"


_A11Y_JS = r"""(root) => {
  const out = [];
  for (const h of root.querySelectorAll('[role=slider]')) {
    const box = h.closest('.widget-slider, .jupyter-widgets');
    const labelEl = box && box.querySelector('.widget-label');
    const label = labelEl ? labelEl.textContent.trim() : '?';
    if (!h.getAttribute('aria-label') && !h.getAttribute('aria-labelledby'))
      out.push(`slider "${label}" has no accessible name (no aria-label/aria-labelledby)`);
    const text = h.getAttribute('aria-valuetext') || '';
    if (/\d\.\d*(?:00000|99999)\d/.test(text))
      out.push(`slider "${label}" announces aria-valuetext ${JSON.stringify(text)} (float noise)`);
  }
  for (const img of root.querySelectorAll('img'))
    if (!(img.getAttribute('alt') || '').trim()) out.push('an <img> has no alt text');
  return out;
}"""


def a11y_findings(explorer: Any) -> list[str]:
    """Screen-reader problems inside ``explorer``: unnamed sliders, noisy values, bare images."""
    return list(explorer.evaluate(_A11Y_JS))


def select_state(page: Any, select_selector: str) -> dict[str, Any]:
    return page.eval_on_selector(
        select_selector,
        "(s) => ({index: s.selectedIndex, value: s.value,"
        " label: s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : ''})",
    )


# --------------------------------------------------------------------------------------------
# Accessibility: axe-core (from npm, installed into ./node_modules by `make test`)
# --------------------------------------------------------------------------------------------

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Run axe on the whole document; sort each violating node into what this project renders (cell
# outputs, widgets, rendered Markdown) or the page template around it (Voila's shell).
_AXE_RUN_JS = r"""async () => {
  const res = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of res.violations) {
    for (const node of v.nodes) {
      let el = null;
      try { el = document.querySelector(node.target[0]); } catch (e) { el = null; }
      const content = !!(el && el.closest(
        '.jp-OutputArea-output, .jupyter-widgets, .jp-RenderedHTMLCommon, .jp-Cell, '
        + '.widget-radio, .widget-toggle-buttons, [cell-index]'));
      out.push({rule: v.id, impact: v.impact || 'minor', help: v.help,
                where: content ? 'content' : 'template', target: node.target.join(' '),
                html: (node.html || '').slice(0, 300), summary: (node.failureSummary || '')
                  .slice(0, 400)});
    }
  }
  return {version: axe.version, nodes: out};
}"""

SERIOUS = ("serious", "critical")


def run_axe(page: Any) -> dict[str, Any]:
    """Inject axe-core (once per page) and run it; returns ``{"version", "nodes": [...]}``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_AXE_RUN_JS)


def axe_counts(nodes: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """``{"content": {impact: n}, "template": {impact: n}}`` (violating nodes)."""
    counts: dict[str, dict[str, int]] = {"content": {}, "template": {}}
    for node in nodes:
        bucket = counts[node["where"]]
        bucket[node["impact"]] = bucket.get(node["impact"], 0) + 1
    return counts


def axe_serious_content(nodes: list[dict[str, Any]]) -> list[str]:
    """Serious or critical violations in what the project renders, one line each."""
    return [
        f"{n['impact']} {n['rule']} ({n['help']}) at {n['target']}: {n['html']}"
        for n in nodes
        if n["where"] == "content" and n["impact"] in SERIOUS
    ]


# --------------------------------------------------------------------------------------------
# Text contrast (WCAG 1.4.3) against the effective background
# --------------------------------------------------------------------------------------------

# Every visible text element under ``roots`` (cell outputs and rendered Markdown), its text and
# background colours, and its contrast ratio. The background is found by walking up the
# ancestors to the first opaque background colour and compositing the semi-transparent ones
# over it (the canvas is white if none is opaque); the text colour's own alpha and the
# ancestors' opacity are composited too. Text drawn over a background image is skipped
# (reported as ``on_image``). Form controls count with their shown value (select, text input).
# Disabled controls are exempt (WCAG 1.4.3 "inactive user interface components").
_CONTRAST_JS = r"""(rootSelector) => {
  const parse = (s) => {
    let m = /^rgba?\(([^)]+)\)$/.exec(s || '');
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = /^color\(srgb ([^)]+)\)$/.exec(s || '');
    if (m) {
      const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (top, a, under) => [0, 1, 2].map((i) => a * top[i] + (1 - a) * under[i]);
  const lum = (c) => {
    const ch = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92
      : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const hex = (c) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const background = (el) => {
    const layers = [];
    let onImage = false;
    for (let a = el; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') onImage = true;
      const c = parse(cs.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], layers[i][3], bg);
    return {bg, onImage};
  };
  const opacity = (el) => {
    let o = 1;
    for (let a = el; a; a = a.parentElement) o *= parseFloat(getComputedStyle(a).opacity || '1');
    return o;
  };
  const where = (el) => {
    const parts = [];
    for (let a = el; a && parts.length < 4; a = a.parentElement) {
      const own = [...a.classList].filter((k) => k.startsWith('gepnet') || k.startsWith('widget'));
      if (a === el || own.length) parts.unshift(a.tagName.toLowerCase()
        + own.slice(0, 2).map((k) => '.' + k).join(''));
      if (own.some((k) => k.startsWith('gepnet'))) break;
    }
    return parts.join(' > ');
  };
  const disabled = (el) => !!el.closest(
    ':disabled, [disabled], [aria-disabled="true"], .mod-disabled');
  const elements = new Map();
  const add = (el, text) => {
    if (!el || elements.has(el) || !text.trim()) return;
    elements.set(el, text.replace(/\s+/g, ' ').trim());
  };
  const roots = [...document.querySelectorAll(rootSelector)];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let el = n.parentElement;
      if (!el || el.closest('script, style, noscript, template')) continue;
      const select = el.closest('select');
      if (select) { add(select, select.selectedIndex >= 0
        ? select.options[select.selectedIndex].text : ''); continue; }
      add(el, n.textContent);
    }
    for (const input of root.querySelectorAll(
        'input[type=text], input[type=number], input:not([type]), textarea'))
      add(input, input.value || input.placeholder || '');
  }
  const out = [];
  let skippedImage = 0;
  for (const [el, text] of elements) {
    if (el.closest('.jp-InputArea, .jp-Cell-inputWrapper .jp-Editor')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width * rect.height < 4) continue;  // visually hidden (screen-reader-only) text
    if (disabled(el)) continue;
    const cs = getComputedStyle(el);
    const {bg, onImage} = background(el);
    if (onImage) { skippedImage++; continue; }
    const fgRaw = parse(cs.color);
    if (!fgRaw) continue;
    const fg = over(fgRaw, fgRaw[3] * opacity(el), bg);
    const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(cs.fontSize);
    const bold = parseInt(cs.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const need = large ? 3 : 4.5;
    const cell = el.closest('.jp-Cell');
    out.push({text: text.slice(0, 90), ratio: Math.round(ratio * 100) / 100, need,
              fg: hex(fg), bg: hex(bg), size, bold, where: where(el),
              cell: cell ? [...document.querySelectorAll('.jp-Cell')].indexOf(cell) : -1});
  }
  return {elements: out, skippedImage};
}"""

#: Where the course's text is: cell outputs (widgets, HTML) and rendered Markdown, not code.
CONTENT_ROOTS = ".jp-OutputArea-output, .jp-RenderedMarkdown, .jp-MarkdownOutput"


def measure_contrast(page: Any, roots: str = CONTENT_ROOTS) -> dict[str, Any]:
    """``{"elements": [{text, ratio, need, fg, bg, size, bold, where, cell}], "skippedImage"}``.

    ``need`` is WCAG AA's minimum for that text (4.5, or 3 for large text: at least 24 px, or
    18.66 px and bold); an element fails when ``ratio < need``.
    """
    return page.evaluate(_CONTRAST_JS, roots)


def wait_until_settled(page: Any, quiet_ms: int = 1_200, timeout_ms: int = 30_000) -> None:
    """Wait until the page's DOM has not changed for ``quiet_ms`` (widgets done rendering).

    A page that is still between two documents (no ``documentElement`` yet, or its execution
    context replaced by a navigation) is waited for and measured again, at most three times.
    """
    for attempt in range(3):
        try:
            _settle(page, quiet_ms, timeout_ms)
            return
        except Exception as err:  # playwright's Error: the document was being replaced
            if attempt == 2 or not any(s in str(err) for s in (
                    "MutationObserver", "Execution context was destroyed")):
                raise
            page.wait_for_load_state("domcontentloaded")


def _settle(page: Any, quiet_ms: int, timeout_ms: int) -> None:
    page.evaluate(
        """([quiet, limit]) => new Promise((resolve) => {
          let last = performance.now();
          const start = last;
          const obs = new MutationObserver(() => { last = performance.now(); });
          obs.observe(document.documentElement, {subtree: true, childList: true,
                                                 attributes: true, characterData: true});
          const tick = () => {
            const now = performance.now();
            if (now - last >= quiet || now - start >= limit) { obs.disconnect(); resolve(); }
            else setTimeout(tick, 100);
          };
          tick();
        })""",
        [quiet_ms, timeout_ms],
    )
