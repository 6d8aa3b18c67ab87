"""Time every control of every explorer in a real Jupyter kernel, against a naive pyplot baseline.

Run with ``make bench`` or ``python -m benchmarks.bench_explorers`` from the repository root.

How it measures
---------------
A real ipykernel is started (``jupyter_client.KernelManager``). In it, every explorer (every
subclass of :class:`gepnet_widgets.widgets.base.Explorer` found in the ``gepnet_widgets.widgets``
modules) is built and displayed, so its widgets have live comms. This process then plays the
frontend: for each change it sends the ``comm_msg`` a browser sends when a control moves
(``{"method": "update", "state": {"value": ...}}``, or ``{"index": ...}`` for a dropdown) on the
shell channel, and stops the clock when the kernel reports *idle* for that message on IOPub. By
then the kernel has run the whole ipykernel/ipywidgets comm path (deserialise, ``set_state``,
echo), the explorer's callback (logic, drawing, PNG), and has sent the new figure and readout
state to the frontend. So a sample is the kernel-side update latency as a frontend sees it, plus
two loopback ZMQ hops (well under a millisecond).

The baseline is what a notebook usually does: an ``ipywidgets.interact`` function that re-creates
the figure with ``plt.subplots`` on every change, calls the same ``draw_wall`` function, and shows
it with ``plt.show()`` (inline backend, default settings), with the T category printed under it. It
has the two controls of the T explorer that do not depend on the site (site and size), and is
measured in the same kernel, in the same way.

Each control cycles through a few valid values (sliders: min, quartiles, max; dropdowns: every
option; checkboxes: both ways); a first pass through the values is a warm-up and not counted.

The last line is ``worst p95 update: <ms> ms; baseline/ours: <ratio>x; key-to-screen p50 <ms> ms,
p95 <ms> ms; drag <n> pictures/s, release <ms> ms, final ok``: the largest p95 over all
controls of our explorers, the baseline's median divided by ours for the comparable controls
(the smaller of the two ratios), then the browser part (:mod:`benchmarks.bench_browser`; it ends
``browser: skipped`` without Chromium or with ``--no-browser``). It is a benchmark, not a test:
it exits 0 when the target is missed and says so ("TARGET MISSED", "GOAL MISSED").
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import math
import os
import pkgutil
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Target: the slowest control's p95 at most this many ms ...
TARGET_P95_MS = 30.0
#: ... and at least this many times faster than the baseline (median against median: the
#: median is steadier than the p95 when other work shares the machine).
TARGET_RATIO = 3.0
#: Timed changes per control (after the warm-up pass).
MIN_CHANGES = 30
#: Slider positions visited, as fractions of the range (consecutive ones differ).
SLIDER_FRACTIONS = (0.0, 0.5, 1.0, 0.25, 0.75)
#: Our explorer and control compared with each baseline control.
COMPARABLE = {"site": ("TExplorer", "site"), "size": ("TExplorer", "size")}
BASELINE = "baseline (interact + pyplot)"


# --- pure parts (tested in tests/test_bench.py) -------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation (numpy's default method)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, got {q!r}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


@dataclass(frozen=True)
class Summary:
    """p50 and p95 (ms) of ``n`` timed changes."""

    p50: float
    p95: float
    n: int


def summarize(samples_ms: Sequence[float]) -> Summary:
    """Summarise latencies in milliseconds."""
    return Summary(percentile(samples_ms, 50), percentile(samples_ms, 95), len(samples_ms))


def slider_values(lo: float, hi: float, step: float, integer: bool) -> list[float | int]:
    """Slider positions at :data:`SLIDER_FRACTIONS` of the range, on the step grid, deduplicated.

    Values are computed as a browser does (``min + k * step``), so float sliders may get values
    such as ``3.4999999999999996``, as they do from a real frontend.
    """
    values: list[float | int] = []
    for frac in SLIDER_FRACTIONS:
        k = round((hi - lo) * frac / step)
        v = lo + k * step
        v = round(v) if integer else min(max(v, lo), hi)
        if v not in values:
            values.append(v)
    return values


def change_plan(current: Any, choices: Sequence[Any], min_changes: int = MIN_CHANGES,
                ) -> tuple[list[Any], int]:
    """Values to set one after another: a warm-up pass, then at least ``min_changes`` more.

    Every value differs from the one before it (the first from ``current``), so every step is a
    real change. Returns ``(values, warmup)``: the first ``warmup`` values are not timed.
    """
    distinct = list(dict.fromkeys(choices))
    if len(distinct) < 2 and (not distinct or distinct[0] == current):
        return [], 0
    start = distinct.index(current) + 1 if current in distinct else 0
    cycle = distinct[start:] + distinct[:start]
    warmup = len(cycle)
    values: list[Any] = []
    previous = current
    i = 0
    while len(values) < warmup + min_changes:
        v = cycle[i % len(cycle)]
        i += 1
        if v != previous:
            values.append(v)
            previous = v
    return values, warmup


def format_table(rows: Sequence[tuple[str, str, Summary, str]]) -> str:
    """A plain-text table: explorer, control, p50 ms, p95 ms, n, note (``cpu`` = the kernel's
    mean CPU ms per update)."""
    header = ("explorer", "control", "p50 ms", "p95 ms", "n", "note")
    body = [(e, c, f"{s.p50:.1f}", f"{s.p95:.1f}", str(s.n), note) for e, c, s, note in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    right = {2, 3, 4}

    def line(cells: Sequence[str]) -> str:
        out = [cell.rjust(w) if i in right else cell.ljust(w)
               for i, (cell, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in body)])


def final_line(worst_p95_ms: float, ratio: float, browser: str | None = None) -> str:
    """The last line of the report (a fixed format that scripts may parse).

    ``browser`` is :func:`benchmarks.bench_browser.browser_line`'s text, appended after "; ".
    """
    line = f"worst p95 update: {worst_p95_ms:.1f} ms; baseline/ours: {ratio:.1f}x"
    return f"{line}; {browser}" if browser else line


def verdict(worst_p95_ms: float, ratio: float) -> list[str]:
    """Lines saying which targets were missed (empty when all were met)."""
    missed = []
    if not math.isfinite(worst_p95_ms) or worst_p95_ms > TARGET_P95_MS:
        missed.append(f"TARGET MISSED: worst p95 {worst_p95_ms:.1f} ms > {TARGET_P95_MS:.0f} ms")
    if not math.isfinite(ratio) or ratio < TARGET_RATIO:
        missed.append(f"TARGET MISSED: baseline/ours {ratio:.1f}x < {TARGET_RATIO:.0f}x")
    return missed


# --- kernel side (imported and called inside the kernel) ----------------------------------------

_KERNEL: dict[str, Any] = {}


def discover_explorers() -> list[type]:
    """Every public Explorer subclass defined in a ``gepnet_widgets.widgets`` module.

    Private classes (``_Name``: shared bases of a lesson's explorers) are left out.
    """
    import gepnet_widgets.widgets as pkg
    from gepnet_widgets.widgets.base import Explorer

    found: list[type] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        members = [obj for _name, obj in vars(module).items()
                   if inspect.isclass(obj) and issubclass(obj, Explorer) and obj is not Explorer
                   and obj.__module__ == module.__name__ and not obj.__name__.startswith("_")]
        members.sort(key=lambda cls: inspect.getsourcelines(cls)[1])
        found.extend(members)
    return found


def _naive_t(site: str = "stomach", size_cm: float = 1.0) -> None:
    """The baseline: re-create a pyplot figure on every change (what notebooks often do)."""
    import matplotlib.pyplot as plt

    from gepnet_widgets.drawing.tnm import draw_wall
    from gepnet_widgets.staging import invasion_options, stage_tumor
    from gepnet_widgets.style import FIGURE_DPI

    invasion = invasion_options(site)[0][1]
    result = stage_tumor(site, size_cm, invasion, 0, "none")
    _fig, ax = plt.subplots(figsize=(6.4, 4.0), dpi=FIGURE_DPI)
    draw_wall(ax, site, invasion, size_cm)
    plt.show()
    print(f"T category: {result.t}")


def _build_baseline() -> Any:
    import ipywidgets as widgets

    from gepnet_widgets.staging import SITES, site_label

    interact = widgets.interact(
        _naive_t,
        site=widgets.Dropdown(options=[(site_label(s), s) for s in SITES], value="stomach",
                              description="Site"),
        size_cm=widgets.FloatSlider(value=1.0, min=0.1, max=10.0, step=0.1,
                                    description="Size (cm)", continuous_update=False),
    )
    box = interact.widget
    controls = {"site": box.children[0], "size": box.children[1]}
    return box, controls


def kernel_setup(only: Sequence[str] = ()) -> dict[str, Any]:
    """Build and display every explorer (or those named in ``only``) and the baseline; return
    their comm ids (as JSON)."""
    from IPython import get_ipython
    from IPython.display import display

    get_ipython().run_line_magic("matplotlib", "inline")
    info: dict[str, Any] = {"explorers": [], "skipped": []}
    targets: dict[str, Any] = {}
    for cls in discover_explorers():
        if only and cls.__name__ not in only:
            continue
        try:
            explorer = cls()
        except TypeError as err:  # needs constructor arguments
            info["skipped"].append(f"{cls.__module__}.{cls.__name__}: {err}")
            continue
        display(explorer)
        name = cls.__name__
        targets[name] = explorer
        info["explorers"].append({
            "name": name,
            "controls": list(explorer.controls),
            "watch": [explorer.view.widget.model_id, explorer.readout.model_id],
        })
    box, controls = _build_baseline()
    targets[BASELINE] = controls
    info["baseline"] = {"name": BASELINE, "controls": list(controls), "watch": []}
    _KERNEL["targets"] = targets
    _KERNEL["initial"] = {name: {c: w.value for c, w in _controls(name).items()}
                          for name in targets}
    _KERNEL["box"] = box
    return info


def _controls(target: str) -> dict[str, Any]:
    obj = _KERNEL["targets"][target]
    return obj if isinstance(obj, dict) else obj.controls


def _usable(control: Any) -> bool:
    return not control.disabled and control.layout.display != "none"


def _make_usable(target: str, name: str) -> None:
    """If ``name`` is disabled or hidden, set another dropdown or checkbox so that it is not."""
    import ipywidgets as widgets

    controls = _controls(target)
    control = controls[name]
    if _usable(control):
        return
    for other_name, other in controls.items():
        if other_name == name or not isinstance(other, widgets.Dropdown | widgets.Checkbox):
            continue
        before = other.value
        candidates = [True, False] if isinstance(other, widgets.Checkbox) else \
            [value for _label, value in other.options]
        for value in candidates:
            other.value = value
            if _usable(control):
                return
        other.value = before


def _frontend_state(control: Any, value: Any) -> dict[str, Any]:
    """The state a browser sends for ``value`` (dropdowns send the option's index)."""
    if "index" in control.keys and hasattr(control, "options"):
        return {"index": [v for _label, v in control.options].index(value)}
    return {"value": value}


def kernel_plan(target: str, name: str) -> dict[str, Any]:
    """Prepare ``target``'s control ``name`` and return the states a frontend would send."""
    import ipywidgets as widgets

    _make_usable(target, name)
    control = _controls(target)[name]
    if isinstance(control, widgets.Checkbox):
        choices: list[Any] = [not control.value, control.value]
    elif hasattr(control, "options"):
        choices = [value for _label, value in control.options]
    elif isinstance(control, widgets.FloatSlider | widgets.IntSlider):
        choices = slider_values(control.min, control.max, control.step,
                                isinstance(control, widgets.IntSlider))
    else:
        raise TypeError(f"{target}.{name}: no change plan for {type(control).__name__}")
    values, warmup = change_plan(control.value, choices)
    return {"comm_id": control.model_id, "warmup": warmup, "usable": _usable(control),
            "states": [_frontend_state(control, v) for v in values]}


def kernel_restore(target: str) -> None:
    """Set ``target``'s controls back to their first values (in control order)."""
    for name, value in _KERNEL["initial"][target].items():
        control = _controls(target)[name]
        if control.value != value:
            control.value = value


# --- frontend side (this process) ---------------------------------------------------------------


class KernelSession:
    """A kernel started for the benchmark, with helpers that play the frontend."""

    def __init__(self) -> None:
        from jupyter_client.manager import KernelManager

        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(ROOT), env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def cpu_seconds(self) -> float:
        """The kernel process's CPU time so far (user + system), in seconds."""
        import psutil

        times = psutil.Process(self.km.provisioner.process.pid).cpu_times()
        return times.user + times.system

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def _until_idle(self, msg_id: str, timeout: float = 60) -> list[dict]:
        """IOPub messages of request ``msg_id`` up to its *idle* status."""
        seen = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            seen.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return seen

    def run(self, code: str) -> str:
        """Execute ``code`` in the kernel, return its stdout; raise on error."""
        msg_id = self.kc.execute(code, store_history=False)
        out = []
        for msg in self._until_idle(msg_id):
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise RuntimeError("kernel error:\n" + "\n".join(msg["content"]["traceback"]))
        return "".join(out)

    def call(self, func: str, *args: Any) -> Any:
        """Call ``benchmarks.bench_explorers.<func>(*args)`` in the kernel, return its result."""
        arg_text = ", ".join(repr(a) for a in args)
        code = (f"import json as _j, benchmarks.bench_explorers as _b\n"
                f"print('@@' + _j.dumps(_b.{func}({arg_text})))")
        out = self.run(code)
        return json.loads(out.split("@@", 1)[1])

    def change(self, comm_id: str, state: dict[str, Any], watch: Sequence[str],
               ) -> tuple[float, bool]:
        """Send a frontend's update for one control.

        Returns the ms until the kernel was idle again, and whether a new picture or readout
        came back (for explorers: a state update of the figure or readout widget; for the
        baseline: a displayed PNG). Widgets send only values that changed, so a change that
        alters neither the picture nor the text sends nothing.
        """
        content = {"comm_id": comm_id,
                   "data": {"method": "update", "state": state, "buffer_paths": []}}
        msg = self.kc.session.msg("comm_msg", content)
        t0 = time.perf_counter()
        self.kc.shell_channel.send(msg)
        replies = self._until_idle(msg["header"]["msg_id"])
        elapsed = (time.perf_counter() - t0) * 1000
        if not watch:
            return elapsed, any(m["msg_type"] == "display_data"
                                and "image/png" in m["content"]["data"] for m in replies)
        updated = {m["content"]["comm_id"] for m in replies if m["msg_type"] == "comm_msg"
                   and m["content"]["data"].get("method") == "update"}
        return elapsed, bool(updated.intersection(watch))


def measure(session: KernelSession, target: str, name: str, watch: Sequence[str],
            ) -> tuple[list[float], int, bool, float]:
    """Time the changes of one control.

    Returns (samples ms, changes that updated, usable, the kernel's mean CPU ms per timed
    change). The CPU time does not grow when other work shares the machine, the wall time does.
    """
    plan = session.call("kernel_plan", target, name)
    samples, updated, cpu0 = [], 0, 0.0
    for i, state in enumerate(plan["states"]):
        if i == plan["warmup"]:
            cpu0 = session.cpu_seconds()
        ms, ok = session.change(plan["comm_id"], state, watch)
        if i >= plan["warmup"]:
            samples.append(ms)
            updated += ok
    cpu_ms = (session.cpu_seconds() - cpu0) * 1000 / len(samples) if samples else 0.0
    session.call("kernel_restore", target)
    return samples, updated, plan["usable"], cpu_ms


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # not available on this platform
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the browser part (Voila + Chromium)")
    parser.add_argument("--only", nargs="+", default=[], metavar="EXPLORER",
                        help="time only these explorers (class names; for profiling)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import ipykernel
    import ipywidgets
    import matplotlib

    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, matplotlib "
          f"{matplotlib.__version__}, ipywidgets {ipywidgets.__version__}, ipykernel "
          f"{ipykernel.__version__}")
    print(f"load average before: {_load()}")
    print("Latency = frontend comm_msg sent -> kernel idle (callback run, new figure and "
          "readout sent).")
    session = KernelSession()
    try:
        info = session.call("kernel_setup", list(args.only))
        rows: list[tuple[str, str, Summary, str]] = []
        results: dict[tuple[str, str], Summary] = {}
        cpu: dict[tuple[str, str], float] = {}
        for target in [*info["explorers"], info["baseline"]]:
            for name in target["controls"]:
                samples, updated, usable, cpu_ms = measure(session, target["name"], name,
                                                           target["watch"])
                if not samples:
                    print(f"{target['name']}.{name}: has a single value, not timed")
                    continue
                summary = summarize(samples)
                results[target["name"], name] = summary
                cpu[target["name"], name] = cpu_ms
                notes = [f"cpu {cpu_ms:.1f}"]
                if target["name"] != BASELINE and summary.p95 > TARGET_P95_MS:
                    notes.append("over target")
                if updated < summary.n:
                    notes.append(f"nothing new to show in {summary.n - updated}/{summary.n}")
                if not usable:
                    notes.append("control hidden or disabled")
                rows.append((target["name"], name, summary, "; ".join(notes)))
    finally:
        session.close()

    print()
    print(format_table(rows))
    print()
    for skipped in info["skipped"]:
        print(f"skipped (needs constructor arguments): {skipped}")
    ours = [s for (t, _c), s in results.items() if t != BASELINE]
    worst = max((s.p95 for s in ours), default=float("nan"))
    ratios = []
    for base_name, ours_key in COMPARABLE.items():
        base, mine = results.get((BASELINE, base_name)), results.get(ours_key)
        if base and mine:
            ratios.append(base.p50 / mine.p50)
            print(f"baseline {base_name} vs {'.'.join(ours_key)}: p95 {base.p95:.1f} vs "
                  f"{mine.p95:.1f} ms = {base.p95 / mine.p95:.1f}x; p50 {base.p50:.1f} vs "
                  f"{mine.p50:.1f} ms = {base.p50 / mine.p50:.1f}x")
    ratio = min(ratios) if ratios else float("nan")
    slowest = max(((v, k) for k, v in cpu.items() if k[0] != BASELINE), default=(0.0, ("", "")))
    print(f"kernel CPU per update (mean; does not grow with the machine's load): largest "
          f"{slowest[0]:.1f} ms ({'.'.join(slowest[1])})")
    print("ratio = baseline median (p50) / our median for the comparable controls (TExplorer "
          "site and size against the baseline's site and size); the smaller of the two is "
          "reported.")
    print(f"load average after: {_load()} (other work on the machine inflates the numbers)")
    print(f"target: worst p95 <= {TARGET_P95_MS:.0f} ms and baseline/ours >= "
          f"{TARGET_RATIO:.0f}x; total run {time.perf_counter() - started:.0f} s")
    for line in verdict(worst, ratio):
        print(line)
    browser = None if args.no_browser else _browser_part()
    print(final_line(worst, ratio, browser))
    return 0


def _browser_part() -> str:
    """Run the browser benchmark; return its part of the last line."""
    from benchmarks import bench_browser

    print()
    print("Browser: Voila + Chromium; key-to-screen = keydown -> new figure decoded; a drag = "
          "the main slider from min to max in about 1 s")
    print(f"load average before browser part: {_load()}")
    try:
        result = bench_browser.run()
    except RuntimeError as err:
        print(f"browser part skipped: {err}")
        return bench_browser.browser_line(None)
    print(f"load average after browser part: {_load()}")
    for line in bench_browser.browser_verdict(result):
        print(line)
    return bench_browser.browser_line(result)


if __name__ == "__main__":
    sys.exit(main())
