"""The "write your prediction first" box in app mode (Voila), on a phone: it fits the screen with
its label above the box, "Save my prediction" says "Saved.", and after a reload (a new kernel)
the saved prediction is back in the box."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import KERNEL_MS, save_screenshot, wait_until_settled

pytestmark = pytest.mark.browser

NOTEBOOK = "03_tnm_staging.ipynb"
TEXT = "It stays T1 at 1.1 cm? Deeper makes T2."


def _open(page: Any, url: str) -> Any:
    page.goto(url, wait_until="commit")
    page.locator("#loading").wait_for(state="detached", timeout=2 * KERNEL_MS)
    wait_until_settled(page, quiet_ms=1_000, timeout_ms=KERNEL_MS)
    box = page.locator(".gepnet-prediction").first
    box.scroll_into_view_if_needed()
    return box


def test_prediction_box_on_a_phone_survives_a_reload(browser_page: Any,
                                                     voila_url: Any) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    url = voila_url(NOTEBOOK)
    box = _open(page, url)
    area = box.locator("textarea")
    label = box.locator(".gepnet-prediction-text label")
    assert "Write your prediction first" in label.inner_text()
    assert label.get_attribute("for") == area.get_attribute("id")  # a real, linked label
    a, b, lab = area.bounding_box(), box.bounding_box(), label.bounding_box()
    assert b["x"] + b["width"] <= 390 + 1 and a["x"] + a["width"] <= 390 + 1, (a, b)
    assert lab["y"] + lab["height"] <= a["y"] + 2, "the label sits above the box"
    assert a["width"] >= 250, a
    area.fill(TEXT)
    area.blur()
    box.get_by_role("button", name="Save my prediction").click()
    status = box.locator(".gepnet-prediction-status")
    status.get_by_text("Saved.").wait_for(timeout=15_000)
    save_screenshot(box, "prediction-box-390")
    box = _open(page, url)  # a reload: a new kernel reads the progress file
    assert box.locator("textarea").input_value() == TEXT
    assert "Saved." in box.locator(".gepnet-prediction-status").inner_text()
