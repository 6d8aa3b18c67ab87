"""Wording checks over every sentence lessons 1, 2 and 5 show (issue 11).

No readout may tell a reader to stop or start a medicine, and no learner-facing sentence may
carry an internal note (raw source key, file name, "fact base", "unverified" ...).
"""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import anatomy, diagnosis, syndromes
from gepnet_widgets.glossary import GLOSSARY

_MEDICINE = (r"(PPI|proton-pump|inhibitor|H2 blocker|blocker|medicine|medication|drug|tablet|"
             r"acid suppression|analogue|diazoxide|octreotide)")
#: A sentence or clause that starts with an order to do something with a medicine.
IMPERATIVE = re.compile(
    r"(?:^|[.:;!?]\s+|\bbut\s+|\bthen\s+)(?:ideally\s+)?"
    r"(stop|start|pause|keep|continue|discontinue|take|avoid|switch|use|test)\b[^.;:]*?"
    + _MEDICINE, re.IGNORECASE)
INTERNAL = re.compile(r"\[S\d|\bS\d{1,2}\b|\.py\b|fact base|from knowledge|unverified|"
                      r"placeholder|\bpending\b", re.IGNORECASE)

TEXTS = (*anatomy.readout_texts(), *diagnosis.readout_texts(), *syndromes.readout_texts())


@pytest.mark.parametrize("old", [
    "Ideally test fasting and off the PPI for more than a week, but keep acid suppression if "
    "stopping it is risky.",
    "Stop the PPI at least two weeks before the test.",
    "Keep taking the H2 blocker.",
])
def test_the_check_catches_the_old_advice(old):
    assert IMPERATIVE.search(old), old


def test_no_readout_tells_a_reader_to_stop_or_start_a_medicine():
    bad = [t for t in TEXTS if IMPERATIVE.search(t)]
    assert not bad, bad


def test_glossary_entries_of_these_lessons_give_no_medicine_orders():
    for e in GLOSSARY:
        assert not IMPERATIVE.search(e.definition), e.term


def test_no_internal_notes_in_learner_text():
    bad = [t for t in TEXTS if INTERNAL.search(t)]
    assert not bad, bad


def test_no_sentence_implies_a_net_is_not_cancer():
    for t in TEXTS:
        low = t.lower()
        assert "benign" not in low and "not a cancer" not in low and "not cancer" not in low, t


def test_h2_blocker_reads_the_same_in_glossary_and_pitfall_tool():
    entry = next(e for e in GLOSSARY if e.term == "H2 blocker")
    assert "raises gastrin" in entry.definition
    assert ("gastrin", "h2_blocker") in diagnosis.INTERFERENCES
