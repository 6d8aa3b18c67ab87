"""Lesson 6 after the clinical review of the shortened lesson (fact base sections 5, 5.1-5.4,
9.4, 9.7, 9.23): qualifiers kept, claims match what the tools show, sources lines, the Ki-67
box says its range and the value used, and bank 06 says the verdict once."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from gepnet_widgets import quiz
from gepnet_widgets import treatment as tr
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.widgets.selfcheck import CORRECT_WORD, INCORRECT_WORD, feedback_html
from gepnet_widgets.widgets.treatment import DiscussionExplorer, EvidenceExplorer

ROOT = Path(__file__).resolve().parents[1]
LESSON = "06_treatment_categories"


def _cells() -> dict[str, str]:
    nb = nbformat.read(ROOT / "notebooks" / f"{LESSON}.ipynb", as_version=4)
    return {c.id: c.source for c in nb.cells if c.cell_type == "markdown"}


def _answer(cell: str, number: int) -> str:
    (line,) = [ln for ln in _cells()[cell].splitlines() if ln.startswith(f"{number}. ")
               and "<details>" not in ln and ln in _cells()[cell].split("<details>")[1]]
    return line


def _reasons(**features: str) -> str:
    d = tr.discussed_for(**features)
    return " ".join(r.reason for c in d.categories for r in c.rules)


# --- 1. growth and earlier treatment ----------------------------------------------------------


def test_section_4_names_growth_and_earlier_treatment_among_what_the_tool_does_not_know():
    text = _cells()["t6-s4"]
    assert "what the tool does not know" in text
    assert "earlier treatments" in text and "whether the tumour is growing" in text


def test_activity_4_answer_2_keeps_the_tools_qualifiers():
    answer = _answer("t6-a4", 2)
    for phrase in ("if all liver metastases can be removed", "to remove the primary",
                   "everolimus if it grows", "cabozantinib after earlier treatment",
                   "**PRRT** if it grows despite a somatostatin analogue"):
        assert phrase in answer, phrase
    # ... and the tool's reasons for that setting carry the same qualifiers
    reasons = _reasons(extent="liver_only", grade="NET G2", receptors="positive",
                       function="non_functioning", site="gut")
    for phrase in ("every liver metastasis can be removed", "removing the primary tumour",
                   "non-functioning gut NET is growing", "grows after earlier treatment",
                   "grows despite a somatostatin analogue"):
        assert phrase in reasons, phrase


# --- 2. NETTER-1 and RADIANT-4 share an endpoint ----------------------------------------------


def test_trials_not_comparable_feedback_does_not_say_the_endpoints_differ():
    (q,) = [q for q in quiz.load_questions(LESSON) if q.id == "trials-not-comparable"]
    assert tr.trial("netter1").endpoint == tr.trial("radiant4").endpoint
    for c in q.choices:
        assert "endpoint" not in c.feedback, c.feedback


# --- 3. receptor-negative: PRRT vs the analogue's two uses ------------------------------------


def test_activity_4_answer_3_separates_prrt_growth_control_and_symptoms():
    answer = _answer("t6-a4", 3)
    assert "both need the receptors" not in answer
    assert "PRRT needs receptors shown on imaging" in answer
    assert "growth-slowing role is for receptor-positive tumours" in answer
    assert "carcinoid syndrome or another hormone syndrome" in answer
    assert "not insulinoma or gastrinoma" not in answer
    # the tool: receptor-negative keeps the analogue exactly for those two syndromes
    for function, listed in (("non_functioning", False), ("carcinoid_syndrome", True),
                             ("other_syndrome", True), ("insulinoma", False),
                             ("gastrinoma", False)):
        d = tr.discussed_for("liver_only", "NET G2", "negative", function, "small_intestine")
        assert ("ssa" in d.category_keys) is listed, function
        assert "prrt" not in d.category_keys


# --- 4. chemotherapy and cure -----------------------------------------------------------------


def test_activity_1_answer_5_keeps_its_qualifier():
    answer = _answer("t6-a1", 5)
    assert "aims at tumour control, not cure" not in answer
    assert "in the comparer" in answer and "on its own it is not curative" in answer
    # a localised NEC still lists surgery within combined treatment (section 9.7)
    assert "surgery" in tr.discussed_for("localised", "NEC", "not_imaged", "non_functioning",
                                         "gut").category_keys


# --- 5. endoscopic removal and observation have limits ----------------------------------------


def test_endoscopic_removal_and_watching_are_limited_as_in_the_tool():
    assert "for some small stomach, duodenal or rectal NETs, through an endoscope" in \
        _cells()["t6-s1"]
    answer = _answer("t6-a4", 1)
    assert "endoscopic removal for some small stomach, duodenal or rectal NETs" in answer
    assert "watching with scans only for a small non-functioning pancreatic NET G1" in answer
    gut = _reasons(extent="localised", grade="NET G1", receptors="not_imaged",
                   function="non_functioning", site="gut")
    pancreas = _reasons(extent="localised", grade="NET G1", receptors="not_imaged",
                        function="non_functioning", site="pancreas")
    assert "some small stomach, duodenal and rectal NETs" in gut
    assert "observation" not in gut and "observation" in pancreas


# --- 6. the evidence notes ---------------------------------------------------------------------


def test_lesson_claims_about_trial_notes_match_the_tool():
    text = _cells()["t6-a3"]
    assert "the readout says so in a note" not in text
    assert "n = 229-231" in _answer("t6-a3", 3)
    assert tr.trial("cabinet_p").note == tr.trial("cabinet_ep").note == ""
    netter1 = EvidenceExplorer(trial_key="netter1").readout.value
    assert "229-231" in netter1.split("<b>Note:</b>")[1].split("</div>")[0]


# --- 7. one sources line per section, the tools' sources in words ----------------------------


def test_sources_lines():
    cells = _cells()
    for cell in ("t6-s1", "t6-s3", "t6-s4"):
        assert cells[cell].count("**Sources.**") == 1, cell
    assert "NCCN" in cells["t6-s4"].split("**Sources.**")[1]
    a2 = cells["t6-a2"].split("Sources:")[1]
    for words in ("NCI PDQ", "NCCN", "ESMO", "ENETS", "MSD Manual", "NETTER-1", "NETTER-2",
                  "Theranostics"):
        assert words in a2, words
    for key in ("S8", "S27", "S16", "MSD_CARCINOID", "S22"):  # cited by the mechanism panels
        assert any(key in p.caption.sources for p in tr.MECHANISM_PANELS), key
        assert key in SOURCES


# --- 8. Ki-67 box: range and value used; the 55% note --------------------------------------


def test_ki67_box_says_the_grades_range_and_the_readout_the_value_used():
    d = DiscussionExplorer(extent="liver_only", grade="NET G1", receptors="positive",
                           function="non_functioning", site="pancreas")
    d.ki67_box.value = 9  # what typing 9 does: clamped to the grade's range
    assert d.ki67.value == 2
    note = re.sub(r"<[^>]+>", "", d.ki67_range.value)
    assert note == "For NET G1 the Ki-67 box takes 0-2%: change the grade for other values."
    assert "gepnet-discuss-ki67-range" in d.ki67_range._dom_classes
    assert re.search(r'class="gepnet-discuss-ki67-used">2%<', d.readout.value)
    d.features["grade"].value = "NET G2"
    d.ki67_box.value = 15
    assert "For NET G2 the Ki-67 box takes 3-20%" in d.ki67_range.value
    assert re.search(r'class="gepnet-discuss-ki67-used">15%<', d.readout.value)
    (row,) = [r for r in d.widget.children if d.ki67 in getattr(r, "children", ())]
    assert d.ki67_range in row.children


def test_ki67_above_55_note_calls_55_a_trial_cut_off():
    d = tr.discussed_for("liver_only", "NET G3", "positive", "non_functioning", "pancreas",
                         ki67=70)
    (note,) = [n.text for n in d.notes if n.text.startswith("No PRRT setting")]
    assert "trial cut-off, not a pathology criterion" in note
    assert "does not reach above 55%" in note


# --- 9. bank 06: the verdict once, NETTER-1 attributed to its population ----------------------


_PRAISE = re.compile(r"^(right|correct|yes|exactly|well done|good|great)\b", re.I)
_BLAME = re.compile(r"^(wrong|incorrect|not quite|no)\b[.,!:]", re.I)


def test_bank_feedback_says_the_verdict_once():
    for q in quiz.load_questions(LESSON):
        for c in q.choices:
            assert not (_PRAISE if c.correct else _BLAME).search(c.feedback), (q.id, c.text)
        right = quiz.grade_choice(q, q.correct_choice.id)
        shown = re.sub(r"<[^>]+>", " ", feedback_html(q, right))
        assert re.findall(r"\b(Correct|Right|Yes)\b\.", shown) == [CORRECT_WORD.rstrip(".")]
        wrong = next(c for c in q.choices if not c.correct)
        shown = re.sub(r"<[^>]+>", " ", feedback_html(q, quiz.grade_choice(q, wrong.id)))
        assert shown.count(INCORRECT_WORD) == 1, q.id


def test_netter2_question_does_not_credit_netter1_with_pancreatic_nets():
    (q,) = [q for q in quiz.load_questions(LESSON) if q.id == "netter2-needs-ki67"]
    assert "S8" in q.sources and all(k in SOURCES for k in q.sources)
    assert "midgut" in tr.trial("netter1").population
    for c in q.choices:
        assert "(NETTER-1)" not in c.feedback, c.text
    assert "(NCCN; NETTER-1 was in midgut NETs)" in q.correct_choice.feedback
