"""Smoke tests of the benchmark's pure parts (the kernel run itself is `make bench`, not a test)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

# benchmarks/ sits beside the package, not in it: importable from the repository root only.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
bench = importlib.import_module("benchmarks.bench_explorers")
browser = importlib.import_module("benchmarks.bench_browser")


@pytest.mark.parametrize("q", [0, 5, 50, 90, 95, 100])
@pytest.mark.parametrize("values", [[3.0], [1.0, 2.0], [5.0, 1.0, 4.0, 2.0, 3.0],
                                    [float(x) for x in range(31, 0, -1)]])
def test_percentile_matches_numpy(values: list[float], q: float) -> None:
    assert bench.percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        bench.percentile([], 50)
    with pytest.raises(ValueError):
        bench.percentile([1.0], 101)


def test_summarize() -> None:
    s = bench.summarize([float(x) for x in range(1, 101)])
    assert (s.p50, s.p95, s.n) == (pytest.approx(50.5), pytest.approx(95.05), 100)


def test_slider_values_stay_on_the_grid_and_in_range() -> None:
    floats = bench.slider_values(0.1, 10.0, 0.1, integer=False)
    assert floats[0] == 0.1 and floats[2] == 10.0 and abs(floats[1] - 5.05) <= 0.1
    assert len(floats) == len(set(floats)) == 5
    assert all(0.1 <= v <= 10.0 for v in floats)
    assert all(abs(round(v * 10) - v * 10) < 1e-9 for v in floats)
    ints = bench.slider_values(0, 30, 1, integer=True)
    assert ints == [0, 15, 30, 8, 22] and all(isinstance(v, int) for v in ints)
    assert bench.slider_values(1, 2, 1, integer=True) == [1, 2]


def test_change_plan_changes_every_time() -> None:
    values, warmup = bench.change_plan("b", ["a", "b", "c"], min_changes=30)
    assert warmup == 3 and len(values) >= 33
    assert values[:3] == ["c", "a", "b"]
    assert all(x != y for x, y in zip(["b", *values], values, strict=False))
    checks, warmup = bench.change_plan(True, [False, True])
    assert warmup == 2 and len(checks) - warmup >= bench.MIN_CHANGES
    assert checks[:4] == [False, True, False, True]
    assert bench.change_plan("only", ["only"]) == ([], 0)


def test_table_and_last_line_format() -> None:
    rows = [("TExplorer", "size", bench.Summary(12.34, 20.0, 30), ""),
            ("StageExplorer", "site", bench.Summary(40.0, 55.55, 30), "over target")]
    table = bench.format_table(rows).splitlines()
    assert table[0].split() == ["explorer", "control", "p50", "ms", "p95", "ms", "n", "note"]
    assert table[2].split() == ["TExplorer", "size", "12.3", "20.0", "30"]
    assert table[3].split()[:5] == ["StageExplorer", "site", "40.0", "55.5", "30"]
    line = bench.final_line(48.26, 2.345)
    assert line == "worst p95 update: 48.3 ms; baseline/ours: 2.3x"
    assert re.fullmatch(r"worst p95 update: \d+\.\d ms; baseline/ours: \d+\.\dx", line)


def _browser_result(fps: tuple[float, ...] = (12.0, 15.0), release: float = 80.0,
                    ok: bool = True) -> object:
    drags = tuple(browser.DragResult(f"E{i}", round(f), 1.0, release, ok)
                  for i, f in enumerate(fps))
    return browser.BrowserResult(bench.Summary(35.04, 55.55, 48), drags)


def test_last_line_gains_the_browser_figures() -> None:
    result = _browser_result()
    text = browser.browser_line(result)
    assert text == ("key-to-screen p50 35.0 ms, p95 55.5 ms; drag 12.0 pictures/s, "
                    "release 80 ms, final ok")
    line = bench.final_line(21.04, 4.0, text)
    assert re.fullmatch(
        r"worst p95 update: \d+\.\d ms; baseline/ours: \d+\.\dx; key-to-screen p50 \d+\.\d ms, "
        r"p95 \d+\.\d ms; drag \d+\.\d pictures/s, release \d+ ms, final (ok|WRONG)", line)
    assert bench.final_line(21.04, 4.0, browser.browser_line(None)).endswith("; browser: skipped")
    assert "final WRONG" in browser.browser_line(_browser_result(ok=False))


def test_browser_verdict() -> None:
    assert browser.browser_verdict(_browser_result()) == []
    slow = browser.BrowserResult(bench.Summary(41.0, 50.0, 30), _browser_result().drags)
    assert browser.browser_verdict(slow)[0].startswith("GOAL MISSED: key-to-screen")
    missed = browser.browser_verdict(_browser_result(fps=(9.0, 15.0), release=151.0, ok=False))
    assert len(missed) == 3 and all(m.startswith("GOAL MISSED") for m in missed)


def test_frames_during_a_drag_counts_distinct_pictures_in_the_window() -> None:
    events = [(5.0, "a"), (10.0, "b"), (20.0, "b"), (30.0, "c"), (40.0, "b"), (60.0, "d")]
    assert browser.frames_during(events, 10.0, 40.0) == 3  # b, c, b: a repeat is not new
    assert browser.frames_during(events, 41.0, 59.0) == 0
    assert browser.frames_during(events, 0.0, 100.0) == 5


def test_release_to_final() -> None:
    assert browser.release_to_final([(10.0, "a"), (130.0, "b")], 100.0) == 30.0
    assert browser.release_to_final([(10.0, "a"), (90.0, "b")], 100.0) == 0.0
    with pytest.raises(ValueError):
        browser.release_to_final([], 100.0)


def test_drag_fps() -> None:
    assert browser.DragResult("T", 15, 1.25, 0.0, True).fps == 12.0
    assert browser.DragResult("T", 15, 0.0, 0.0, True).fps == 0.0


def test_verdict() -> None:
    assert bench.verdict(30.0, 3.0) == []
    missed = bench.verdict(30.1, 2.9)
    assert len(missed) == 2 and all(m.startswith("TARGET MISSED") for m in missed)
    assert bench.verdict(10.0, float("nan"))[0].startswith("TARGET MISSED")


def test_discovers_the_tnm_explorers() -> None:
    names = [cls.__name__ for cls in bench.discover_explorers()]
    assert {"TExplorer", "NMExplorer", "StageExplorer", "SiteComparison"} <= set(names)
    assert "Explorer" not in names


def test_dropdowns_are_sent_as_an_index() -> None:
    dropdown = widgets.Dropdown(options=[("A", "a"), ("B", "b")])
    assert bench._frontend_state(dropdown, "b") == {"index": 1}
    assert bench._frontend_state(widgets.FloatSlider(), 2.5) == {"value": 2.5}
