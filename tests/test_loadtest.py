"""The classroom load test (``make loadtest``): its pure parts, and a 2-learner, 20-second smoke run
on a real local JupyterHub (marked like the hub test; the full run is not part of CI)."""

from __future__ import annotations

import importlib
import os
import random
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
lt = importlib.import_module("benchmarks.loadtest")


def _result(k: int, p95_ms: float, pss_mb: float = 200.0, errors: int = 0) -> object:
    return lt.ClassResult(k, updates_ms=[10.0] * 18 + [p95_ms] * 2, errors=["x"] * errors,
                       rss_mb=[pss_mb + 50] * k, pss_mb=[pss_mb] * k, learner_cpu_s=k * 6.0,
                       hub_cpu_s=3.0, proxy_cpu_s=1.2, seconds=120.0, load="1.0/1.0/1.0")


def test_row_figures() -> None:
    row = _result(10, 100.0).row()
    assert row["K"] == 10 and row["updates"] == 20 and row["errors"] == 0
    assert row["p50_ms"] == 10.0 and row["p95_ms"] == pytest.approx(100.0)
    assert row["pss_mb"] == 200.0 and row["rss_mb"] == 250.0
    assert row["cores_per_learner"] == pytest.approx(0.05)
    assert row["hub_cpu_pct"] == pytest.approx(2.5) and row["proxy_cpu_pct"] == pytest.approx(1.0)


def test_report_has_one_line_per_class_size() -> None:
    lines = lt.format_report([_result(5, 50.0), _result(10, 100.0, errors=2)]).splitlines()
    assert lines[0].split()[:4] == ["K", "updates", "p50", "ms"]
    assert lines[1].split()[:5] == ["5", "20", "10.0", "50.0", "0"]
    assert lines[2].split()[:5] == ["10", "20", "10.0", "100.0", "2"]


def test_learners_that_fit_takes_the_smaller_of_latency_and_memory() -> None:
    measured = [_result(5, 50.0), _result(10, 120.0), _result(20, 300.0)]
    assert lt.learners_that_fit(measured, 24) == 10  # K=20 missed 250 ms
    assert lt.learners_that_fit(measured, 3) == 5  # (3 - 2) GB / 200 MB = 5
    assert lt.learners_that_fit([_result(5, 50.0, errors=1)], 24) == 0  # errors never count
    assert lt.learners_that_fit([], 24) == 0


def test_random_state_offers_only_valid_new_values() -> None:
    rng = random.Random(1)
    slider = {"_model_name": "FloatSliderModel", "min": 0.1, "max": 10.0, "step": 0.1,
              "value": 1.0}
    for _ in range(200):
        value = lt.random_state(slider, rng)["value"]
        assert 0.1 <= value <= 10.0 and value != 1.0
        assert abs(round(value * 10) - value * 10) < 1e-6
    ints = {"_model_name": "IntSliderModel", "min": 0, "max": 2, "step": 1, "value": 1}
    assert {lt.random_state(ints, rng)["value"] for _ in range(50)} == {0, 2}
    drop = {"_model_name": "DropdownModel", "_options_labels": ["a", "b", "c"], "index": 2}
    assert {lt.random_state(drop, rng)["index"] for _ in range(50)} == {0, 1}
    assert lt.random_state({"_model_name": "DropdownModel", "_options_labels": ["a"],
                            "index": 0}, rng) is None
    assert lt.random_state({"_model_name": "CheckboxModel", "value": True}, rng) == {
        "value": False}


def test_controls_are_the_lessons_shown_and_enabled_ones() -> None:
    learner = lt.Learner("x", "http://127.0.0.1:1", "t", random.Random(0))
    learner.states = {
        "a": {"_model_name": "IntSliderModel", "_dom_classes": ["gepnet-control"],
              "layout": "IPY_MODEL_la"},
        "b": {"_model_name": "CheckboxModel", "_dom_classes": ["gepnet-control"],
              "layout": "IPY_MODEL_lb"},
        "c": {"_model_name": "DropdownModel", "_dom_classes": ["gepnet-control"],
              "disabled": True, "layout": "IPY_MODEL_la"},
        "d": {"_model_name": "IntSliderModel", "_dom_classes": [], "layout": "IPY_MODEL_la"},
        "e": {"_model_name": "HTMLModel", "_dom_classes": ["gepnet-control"]},
        "la": {"_model_name": "LayoutModel", "display": None},
        "lb": {"_model_name": "LayoutModel", "display": "none"},
    }
    assert learner.controls() == ["a"]


@pytest.mark.browser
@pytest.mark.hub
def test_two_learners_for_twenty_seconds_on_a_real_hub() -> None:
    """The smoke version of ``make loadtest``: every update answered, no error, nothing left."""
    if not lt.CHP.exists() or shutil.which("git") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the load test needs configurable-http-proxy (make node)")
        pytest.skip("configurable-http-proxy is missing: `make node` installs it")
    # A kernel websocket that the machine drops under heavy load (seen about once in five runs
    # on a loaded 2-core machine, "Connection to remote host was lost") gets one fresh class;
    # a second failure, or any other error, fails the test.
    for attempt in (1, 2):
        with lt.classroom(2) as hub:
            work = hub.work
            result = lt.run_class(hub, 2, 20.0, seed=attempt, verbose=False)
        assert lt._marked(str(work)) == [], "processes of the load test left after it stopped"
        lost = [e for e in result.errors if "Connection to remote host was lost" in e]
        if attempt == 1 and lost and len(lost) == len({e.split(":")[0] for e in result.errors}):
            print(f"first class lost a connection, run again: {result.errors}")
            continue
        break
    row = result.row()
    assert result.errors == []
    assert row["updates"] >= 2 * 8, row  # a change every 2 s each, for 20 s
    assert 0 < row["p50_ms"] <= row["p95_ms"] < lt.UPDATE_TIMEOUT_S * 1000
    assert 60 < row["pss_mb"] <= row["rss_mb"] < 2000, row  # a server and a kernel
    assert row["hub_cpu_pct"] >= 0 and row["cores_per_learner"] > 0
