"""The lesson-5 explorers without a browser: every control, every option, readouts and drawings.

Each test drives the controls the way a learner would (setting ``.value``), then reads what the
learner would see: the values tagged in the readout, the figure's alt text and PNG.
"""

from __future__ import annotations

import html
import re

import pytest

from gepnet_widgets import syndromes as syn
from gepnet_widgets.widgets.base import Explorer
from gepnet_widgets.widgets.syndromes import CarcinoidFlow, MysteryPatient, SyndromeExplorer

EXPLORERS = (SyndromeExplorer, CarcinoidFlow, MysteryPatient)


def tagged(readout: str, css: str) -> str:
    """The text of the one ``<b class="css">`` in a readout (unescaped)."""
    found = re.findall(rf'<b class="{css}">([^<]*)</b>', readout)
    assert len(found) == 1, (css, readout[:400])
    return html.unescape(found[0])


def no_error(explorer: Explorer) -> None:
    assert "gepnet-error" not in explorer.readout.value
    assert explorer.view.alt and "data:image/png;base64," in explorer.view.widget.value


# --- house rules for every explorer -------------------------------------------------------------


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_option_of_every_control_updates_without_error(cls):
    e = cls()
    for name, control in e.controls.items():
        values = ([v for _label, v in control.options] if hasattr(control, "options")
                  else [not control.value, control.value])
        for value in values:
            before = e.update_count
            control.value = value
            if value != control.value:  # pragma: no cover - controls only offer valid values
                pytest.fail(f"{name} refused {value!r}")
            no_error(e)
            assert e.update_count >= before
        assert e.view.render_count > 1, name


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_sources_are_shown(cls):
    e = cls()
    if cls is MysteryPatient:  # sources appear once the story is solved
        m = syn.MYSTERIES[e.case.value]
        e.hormone.value, e.syndrome.value = m.hormone, m.answer
    assert "NCI PDQ" in e.readout.value or "NCCN" in e.readout.value


# --- syndrome explorer --------------------------------------------------------------------------


def test_syndrome_explorer_default_is_diarrhoea():
    e = SyndromeExplorer()
    assert (e.start.value, e.item.value) == ("symptom", "diarrhoea")
    r = e.readout.value
    assert tagged(r, "gepnet-syn-selected") == "Diarrhoea"
    expected = syn.links_from("symptom", "diarrhoea")
    assert tagged(r, "gepnet-syn-syndromes") == "; ".join(
        syn.SYNDROMES[s].name for s in expected.syndromes)
    assert "Carcinoid syndrome" in tagged(r, "gepnet-syn-syndromes")
    assert "several syndromes" in r
    assert "Starting from Diarrhoea (a symptom)" in e.view.alt


@pytest.mark.parametrize("kind", [k for _label, k in syn.START_KINDS])
def test_syndrome_explorer_every_item(kind):
    e = SyndromeExplorer(start="test" if kind == "symptom" else "symptom",
                         item="urine_5hiaa" if kind == "symptom" else "diarrhoea")
    e.start.value = kind
    assert e.item.value == e.item.options[0][1], "a new start resets the choice"
    assert [v for _l, v in e.item.options] == [v for _l, v in syn.item_options(kind)]
    pngs = set()
    for label, item in e.item.options:
        e.item.value = item
        r = e.readout.value
        links = syn.links_from(kind, item)
        assert tagged(r, "gepnet-syn-selected") == label
        names = tagged(r, "gepnet-syn-syndromes").split("; ")
        assert names == [syn.SYNDROMES[s].name for s in links.syndromes]
        assert tagged(r, "gepnet-syn-tests") == ", ".join(
            syn.CONFIRM_TESTS[t].name for t in links.tests)
        for s in links.syndromes:
            assert f"gepnet-syn-card-{s}" in r
        framed = e._map.highlighted()
        assert set(framed["syndrome"]) == {
            f"{syn.HORMONES[syn.SYNDROMES[s].hormone].short[:1].upper()}"
            f"{syn.HORMONES[syn.SYNDROMES[s].hormone].short[1:]}: {syn.SYNDROMES[s].short}"
            for s in links.syndromes}
        assert len(framed["test"]) == len(links.tests)
        assert e.view.alt.endswith(
            ", ".join(syn.SYNDROMES[s].short for s in links.syndromes) + ".")
        pngs.add(e.view.png)
        no_error(e)
    assert len(pngs) == len(e.item.options), "every choice draws a different picture"


def test_unverified_statements_are_labelled():
    e = SyndromeExplorer(start="syndrome", item="gastrinoma")
    assert "(not yet checked against the original)" in e.readout.value
    e.item.value = "glucagonoma"
    assert "not yet checked against the original" not in e.readout.value


# --- carcinoid flow -----------------------------------------------------------------------------


def test_flow_default_and_extremes():
    e = CarcinoidFlow()
    r = e.readout.value
    assert tagged(r, "gepnet-flow-reaches") == "mostly not"
    assert tagged(r, "gepnet-flow-syndrome") == "unusual"
    gut_only = e.view.png
    e.liver.value = True
    assert tagged(e.readout.value, "gepnet-flow-reaches") == "yes"
    assert tagged(e.readout.value, "gepnet-flow-syndrome") == "can occur"
    assert "with metastases in the liver" in e.view.alt
    assert e.view.png != gut_only
    e.bone.value = True
    assert "the liver and the bones" in e.view.alt
    e.liver.value = e.bone.value = False
    assert e.view.png == gut_only, "back to the start draws the same picture"


@pytest.mark.parametrize(("primary", "liver", "label"), [
    ("jejunum_ileum", False, "liver inactivates the serotonin"),
    ("jejunum_ileum", True, "metastases release serotonin into the hepatic veins"),
    ("ovary", True, "metastases release serotonin into the hepatic veins"),
    ("ovary", False, None),
    ("lung", False, None),
])
def test_flow_liver_box_label_follows_the_state(primary, liver, label):
    # Review fix: with liver metastases the route runs via the hepatic veins to "Serotonin
    # ARRIVES", so the liver box must not still say that the liver inactivates the serotonin.
    e = CarcinoidFlow(primary=primary, liver_metastases=liver)
    note = e._flow.inactivated
    if label is None:
        assert not note.get_visible()
        assert "liver box" not in e.view.alt
    else:
        assert note.get_visible()
        assert note.get_text().replace("\n", " ") == label
        assert f"The liver box says: {label}." in e.view.alt
    if liver:
        assert "inactivates" not in note.get_text()
        assert tagged(e.readout.value, "gepnet-flow-reaches") == "yes"


@pytest.mark.parametrize("primary", syn.FLOW_PRIMARIES)
def test_flow_every_primary(primary):
    e = CarcinoidFlow()
    e.primary.value = primary
    expected = syn.serotonin_flow(primary)
    assert tagged(e.readout.value, "gepnet-flow-reaches") == (
        "yes" if expected.reaches_body else "mostly not")
    assert expected.verdict in e.view.alt
    assert syn.FLOW_PRIMARY_LABELS[primary].lower() in e.view.alt
    visible = [p for p, c in e._flow.primaries.items() if c.get_visible()]
    assert visible == [primary]


# --- mystery patients -------------------------------------------------------------------------


def test_mystery_default_is_unanswered():
    e = MysteryPatient()
    r = e.readout.value
    assert tagged(r, "gepnet-mystery-hormone-verdict") == "not answered yet"
    assert tagged(r, "gepnet-mystery-syndrome-verdict") == "not answered yet"
    assert html.escape(syn.MYSTERIES["ulcers"].story) in r
    assert "Solved" not in r


@pytest.mark.parametrize("mystery_id", list(syn.MYSTERIES))
def test_mystery_each_case(mystery_id):
    e = MysteryPatient(case="by-chance" if mystery_id == "ulcers" else "ulcers")
    e.hormone.value = "insulin"
    e.case.value = mystery_id
    assert (e.hormone.value, e.syndrome.value) == ("", ""), "a new patient clears the answers"
    m = syn.MYSTERIES[mystery_id]
    shown = e._drawing.clues_shown()
    if m.clues:
        assert shown == tuple(syn.SYMPTOMS[c].label for c in m.clues)
    else:
        assert shown == ("No hormone-related\nsymptoms",)
    for _label, pick in e.hormone.options[1:]:
        e.hormone.value = pick
        word = tagged(e.readout.value, "gepnet-mystery-hormone-verdict")
        assert word == ("right" if pick == m.hormone else "not quite"), pick
        expected = syn.judge_mystery(m.id, pick, "").hormone.feedback
        assert html.escape(expected) in e.readout.value
    e.hormone.value = m.hormone
    e.syndrome.value = m.answer
    assert tagged(e.readout.value, "gepnet-mystery-syndrome-verdict") == "right"
    assert "Solved" in e.readout.value
    assert "Hormone answer: right; syndrome answer: right." in e.view.alt
