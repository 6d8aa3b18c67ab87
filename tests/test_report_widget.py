"""The ReportReader widget (lesson 8): what it shows, that it follows read_report, its edition
switch and short form, and privacy (the text box is emptied after reading, private items are
hidden, the raw text is not a control and so not in the settings or static view)."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from gepnet_widgets import ReportReader, read_report
from gepnet_widgets.reading import EXAMPLE_REPORTS, MAX_CHARS
from gepnet_widgets.staging import stage_tumor

PRIVATE = "Seen on 14/02/2025, MRN 98765432, a 58-year-old. Rectal NET 1.5 cm, muscularis propria."


def _tag(html: str, css: str) -> str:
    (value,) = re.findall(rf'<b class="{css}">([^<]*)</b>', html)
    return value


@pytest.fixture
def reader() -> ReportReader:
    return ReportReader()


def test_default_shows_example_one_as_read(reader: ReportReader) -> None:
    r = read_report(EXAMPLE_REPORTS[0].text)
    html = reader.readout.value
    assert _tag(html, "gepnet-report-stage") == "not given"
    assert _tag(html, "gepnet-report-stage-edition") == "AJCC Version 9"
    assert _tag(html, "gepnet-report-grade") == r.grade == "G2"
    assert _tag(html, "gepnet-report-tnm") == "pT3 N1 M?"
    assert "Questions to ask your care team" in html and "What this does not tell you" in html
    assert 'href="references.ipynb' in html and "Sources:" in html
    assert "03_tnm_staging.ipynb#" in html and "04_grade_and_differentiation.ipynb#" in html
    assert "Checklist of what the report states" in reader.view.alt


def test_every_example_and_edition_matches_the_logic(reader: ReportReader) -> None:
    for example in EXAMPLE_REPORTS:
        for edition in ("ajcc9", "ajcc8"):
            with reader.quietly():
                reader.source.value = example.key
                reader.edition.value = edition
            reader.refresh()
            r = read_report(example.text, edition)
            assert reader.reading == r
            assert _tag(reader.readout.value, "gepnet-report-stage") == (r.stage or "not given")


def test_form_stages_through_stage_tumor(reader: ReportReader) -> None:
    with reader.quietly():
        reader.source.value = "form"
        reader.site.value = "colon_rectum"
        reader.size.value = 1.5
        reader.depth.value = "invades the muscularis propria"
        reader.nodes.value = True
        reader.positive.value = 0
        reader.spread.value = "No distant metastases."
    reader.refresh()
    expected = stage_tumor("colon_rectum", 1.5, "muscularis_propria", 0, "none").stage
    assert _tag(reader.readout.value, "gepnet-report-stage") == expected == "IIA"
    reader.nodes.value = False
    assert reader.positive.layout.display == "none"
    assert _tag(reader.readout.value, "gepnet-report-stage") == "not given"
    assert reader.site.layout.display != "none"
    reader.source.value = "ileum"
    assert reader.site.layout.display == "none" and reader.box_panel.layout.display == "none"


def test_own_text_is_read_then_emptied_and_private_items_hidden(reader: ReportReader) -> None:
    reader.source.value = "own"
    assert reader.box_panel.layout.display != "none"
    assert _tag(reader.readout.value, "gepnet-report-stage") == "not given"
    reader.text.value = PRIVATE
    reader.read_text()
    assert reader.text.value == ""  # nothing left in the widget model to be saved
    assert reader.reading.stage == read_report(PRIVATE).stage
    html = reader.readout.value
    for secret in ("14/02/2025", "98765432", "58-year-old"):
        assert secret not in html
        assert secret not in reader.view.alt
    assert "hidden" in html
    assert "Read 8" in reader.box_status.value or "characters" in reader.box_status.value
    static = reader.static_view()
    assert "98765432" not in static.html and "98765432" not in static.text


def test_text_box_is_not_a_control_and_is_labelled(reader: ReportReader) -> None:
    assert reader.text not in reader.controls.values()
    assert isinstance(reader.text, widgets.Textarea) and reader.text.description
    assert "gepnet-report-text" in reader.text._dom_classes
    assert not reader.text.continuous_update
    note = reader.box_panel.children[0].value
    assert "names" in note and "dates of birth" in note and "hospital numbers" in note


def test_too_long_text_is_refused_in_words(reader: ReportReader) -> None:
    reader.source.value = "own"
    reader.text.value = "x" * (MAX_CHARS + 1)
    reader.read_text()
    assert "at most 20,000" in reader.box_status.value
    assert "Traceback" not in reader.box_status.value


def test_no_survival_figure_or_medicine_advice(reader: ReportReader) -> None:
    for example in EXAMPLE_REPORTS:
        reader.source.value = example.key
        text = re.sub(r"<[^>]+>", " ", reader.readout.value).lower()
        assert "survival" not in text and "prognosis" not in text
        assert not re.search(r"\b(start|stop)\s+(taking|your|the)\b", text)
        assert "only your care team can say what it means for one person" in text


def test_static_view_shows_an_example(reader: ReportReader) -> None:
    static = reader.static_view()
    assert "gepnet-static" in static.html and "<img" in static.html
    assert "Report to read = Example 1" in static.text
    assert "Stage:" in static.text
