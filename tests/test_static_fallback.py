"""Static fallbacks and the a11y page script, without a browser or a kernel.

Every explorer (found like the benchmark finds them) and the self-check must display a bundle
with the live widget view AND a static ``text/html`` picture-and-summary, an ``image/png`` and a
meaningful ``text/plain``, so front ends without a widget manager show something real.
"""

from __future__ import annotations

import base64
import importlib
import inspect
import io
import pkgutil
import re
from typing import Any

import ipywidgets as widgets
import pytest
from PIL import Image

import gepnet_widgets.widgets as widget_pkg
from gepnet_widgets.quiz import available_lessons
from gepnet_widgets.widgets import a11y
from gepnet_widgets.widgets.base import Explorer
from gepnet_widgets.widgets.selfcheck import SelfCheck
from gepnet_widgets.widgets.static import (
    STATIC_CLASS,
    FallbackBox,
    StaticView,
    control_value_text,
    html_to_text,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def explorer_classes() -> list[type]:
    """Every public Explorer subclass in gepnet_widgets.widgets.* (new lessons included)."""
    found = []
    for info in sorted(pkgutil.iter_modules(widget_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{widget_pkg.__name__}.{info.name}")
        found += [
            obj for obj in vars(module).values()
            if inspect.isclass(obj) and issubclass(obj, Explorer) and obj is not Explorer
            and obj.__module__ == module.__name__ and not obj.__name__.startswith("_")
        ]
    return found


def bundle_of(widget: widgets.Widget) -> tuple[dict[str, Any], dict[str, Any]]:
    out = widget._repr_mimebundle_(include=None, exclude=None)
    return out if isinstance(out, tuple) else (out, {})


def test_explorers_are_found() -> None:
    names = {cls.__name__ for cls in explorer_classes()}
    assert {"TExplorer", "GradeExplorer"} <= names, names


@pytest.mark.parametrize("cls", explorer_classes(), ids=lambda c: c.__name__)
def test_explorer_bundle_has_live_view_and_static_fallback(cls: type) -> None:
    ex = cls()
    assert isinstance(ex.widget, FallbackBox)
    data, metadata = bundle_of(ex.widget)
    # The live widget is still offered (JupyterLab and Voila rank it first).
    assert data[WIDGET_VIEW]["model_id"] == ex.widget.model_id
    page = data["text/html"]
    assert f'class="{STATIC_CLASS} {STATIC_CLASS}-{cls.prefix}"' in page
    assert ex.title in html_to_text(page)
    # The picture: the figure's own PNG, as <img alt> in the HTML and as image/png.
    assert ex.view.png, f"{cls.__name__} has no picture after construction"
    assert base64.b64decode(data["image/png"]) == ex.view.png
    assert Image.open(io.BytesIO(ex.view.png)).format == "PNG"
    assert metadata["image/png"]["width"] == ex.view.width_px > 0
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert len(alts) == 1 and alts[0].strip(), f"figure alt text missing: {alts}"
    assert base64.b64encode(ex.view.png).decode() in page
    # The settings: every visible control's label and value, as the learner sees them.
    text = data["text/plain"]
    for control in ex.controls.values():
        if control.layout.display == "none":
            continue
        value = control_value_text(control)
        assert value and f"{value}</b>" in page, (control.description, value)
        assert control.description.rstrip(":") in text
    # The readout's words are in the summary, and no Python repr leaks out.
    readout_words = html_to_text(ex.readout.value).split()[:6]
    assert " ".join(readout_words) in " ".join(text.split())
    assert "VBox(" not in text and "HTML(value" not in text


def test_static_view_follows_the_current_state() -> None:
    from gepnet_widgets.widgets.tnm import TExplorer

    ex = TExplorer()
    before = ex.static_view()
    ex.size.value = 1.1  # stomach: 1.0 cm is T1, 1.1 cm is T2
    after = ex.static_view()
    assert "T category: T1" in before.text and "T category: T2" in after.text
    assert "Size (cm) = 1.1" in after.text
    assert after.png != before.png


def test_fallback_error_never_hides_the_live_widget() -> None:
    def broken() -> StaticView:
        raise RuntimeError("boom")

    box = FallbackBox([widgets.Label("x")], fallback=broken)
    data, _ = bundle_of(box)
    assert WIDGET_VIEW in data
    assert STATIC_CLASS in data["text/html"] and "RuntimeError" in data["text/plain"]


@pytest.mark.parametrize("lesson", available_lessons())
def test_selfcheck_bundle_lists_questions_without_answer_key(lesson: str) -> None:
    sc = SelfCheck(lesson)
    data, _ = bundle_of(sc.widget)
    assert WIDGET_VIEW in data
    page = data["text/html"]
    assert f"{STATIC_CLASS}-selfcheck" in page
    text = html_to_text(page)
    for q in sc.questions:
        assert " ".join(q.prompt.split()) in " ".join(text.split())
        for choice in q.choices:
            assert " ".join(choice.text.split()) in " ".join(text.split())
            # feedback is shown only after answering, in a running notebook
            if choice.feedback and len(choice.feedback) > 40:
                assert choice.feedback not in text
    assert "Correct." not in text


@pytest.mark.parametrize(
    ("control", "shown"),
    [
        (widgets.FloatSlider(value=3.4999999999999996, readout_format=".1f"), "3.5"),
        (widgets.IntSlider(value=7), "7"),
        (widgets.Dropdown(options=[("Small bowel", "si"), ("Colon", "c")], value="c"), "Colon"),
        (widgets.Checkbox(value=True), "yes"),
        (widgets.RadioButtons(options=["a", "b"], value=None), "none chosen"),
        (widgets.IntRangeSlider(value=(2, 5)), "2 to 5"),
        (widgets.SelectMultiple(options=["x", "y"], value=("y",)), "y"),
    ],
)
def test_control_values_are_shown_as_the_learner_sees_them(control: Any, shown: str) -> None:
    assert control_value_text(control) == shown


def test_html_to_text_drops_scripts_styles_and_tags() -> None:
    assert html_to_text("<style>p{}</style><p>A&amp;B</p><script>x()</script><td>1</td>") == (
        "A&B\n1"
    )


# --------------------------------------------------------------------------- a11y page script


def test_a11y_script_is_not_displayed_outside_a_kernel() -> None:
    a11y.reset_delivery()
    assert a11y.deliver_a11y_script() is False


def test_a11y_script_is_displayed_once_per_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython
    import IPython.display

    shown: list[Any] = []

    class FakeShell:
        kernel = object()

    monkeypatch.setattr(IPython, "get_ipython", lambda: FakeShell())
    monkeypatch.setattr(IPython.display, "display", lambda *o, **kw: shown.append((o, kw)))
    a11y.reset_delivery()
    try:
        assert a11y.deliver_a11y_script() is True
        assert a11y.deliver_a11y_script() is False
        FallbackBox([], fallback=lambda: StaticView("<p>x</p>", "x"))._repr_mimebundle_()
    finally:
        a11y.reset_delivery()
    assert len(shown) == 1
    (bundle,), kwargs = shown[0]
    assert kwargs == {"raw": True}
    assert "<script" in bundle["text/html"] and "MutationObserver" in bundle["text/html"]


def test_a11y_script_fixes_what_the_guide_found() -> None:
    """The script names slider handles, cleans aria-valuetext and title="null", adds groups."""
    js = a11y.A11Y_SCRIPT
    for needle in ('"aria-label"', '"aria-valuetext"', 'title="null"', '"radiogroup"',
                   '"aria-pressed"', '"main"', "window.__gepnetA11y"):
        assert needle in js, needle


def test_edition_change_table_has_a_static_fallback() -> None:
    from gepnet_widgets.widgets.tnm import edition_changes_html, edition_changes_table

    box = edition_changes_table()
    assert isinstance(box, FallbackBox) and "gepnet-editions" in box._dom_classes
    data, _ = bundle_of(box)
    assert WIDGET_VIEW in data
    page = data["text/html"]
    assert f'class="{STATIC_CLASS} {STATIC_CLASS}-editions"' in page
    assert edition_changes_html() in page  # the whole table and its sources line
    assert "What changed from the AJCC 8th edition to AJCC Version 9" in data["text/plain"]
    assert "HTML(value" not in data["text/plain"]


def _lesson_paths() -> list[Any]:
    from pathlib import Path

    return sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", _lesson_paths(), ids=lambda p: p.stem)
def test_every_widget_a_lesson_displays_has_a_static_fallback(path: Any) -> None:
    """Each code cell after the import cell is one call; what it shows must be a FallbackBox
    (an Explorer, a SelfCheck, ...), not a bare widget that exported pages show as nothing."""
    import nbformat

    namespace: dict[str, Any] = {}
    shown = 0
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
        source = cell.source.strip()
        if cell.cell_type != "code" or not source:
            continue
        if "import" in source:
            exec(source, namespace)  # the lesson's own setup cell
            continue
        obj = eval(source, namespace)  # the lesson's own one-call cell
        root = obj if isinstance(obj, widgets.Widget) else getattr(obj, "widget", None)
        assert isinstance(root, FallbackBox), (
            f"{path.name} code cell {i} shows a {type(root or obj).__name__} without a static "
            "fallback: wrap it in gepnet_widgets.widgets.static.FallbackBox")
        shown += 1
    assert shown, f"{path.name} displays no widget"
