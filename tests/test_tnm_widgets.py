"""The four TNM explorers without a browser or kernel: every control, the readouts, the drawing.

Each test sets ``control.value`` as a browser would (observers run synchronously without a
kernel) and checks the result, the readout, the alt text and the PNG. Expected categories come
from :func:`gepnet_widgets.staging.stage_tumor` / :func:`compare_sites` for the values on the
controls, never from tables written here.
"""

from __future__ import annotations

import html
import io
import random
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

from gepnet_widgets.drawing.tnm import stage_grid_cells
from gepnet_widgets.staging import (
    COMPARISON_DEPTHS,
    SITES,
    compare_sites,
    invasion_options,
    metastasis_options,
    site_label,
    site_tnm,
    stage_table,
    stage_tumor,
)
from gepnet_widgets.widgets import base
from gepnet_widgets.widgets.tnm import (
    MAX_NODES,
    NMExplorer,
    SiteComparison,
    StageExplorer,
    TExplorer,
)

EXPLORERS = (TExplorer, NMExplorer, StageExplorer, SiteComparison)
ARTIFACTS = Path(__file__).parent / "artifacts"
MASS_SITES = tuple(s for s in SITES if site_tnm(s).has_mesenteric_mass)
#: A float with noise in it, as a browser sends for 3.5 (35 * 0.1).
NOISY_3_5 = 3.4999999999999996
#: Raw float noise on screen: a digit, a point and five or more digits.
FLOAT_NOISE = re.compile(r"\d\.\d{5,}")


# --- helpers ------------------------------------------------------------------------------------


def pixels(png: bytes) -> np.ndarray:
    """Decoded RGB pixels of a PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def shown(readout: str, css: str) -> str:
    """The text of the readout element with class ``css`` (inner tags removed)."""
    match = re.search(rf'<(b|td) class="{re.escape(css)}">(.*?)</\1>', readout)
    assert match, f"no {css} in readout"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))


def nodes_of(ex: Any) -> int | None:
    nc = ex.node_controls
    return nc.nodes.value if nc.assessed.value else None


def expected(ex: Any) -> Any:
    """The logic's answer for the values on ``ex``'s controls (sizes as shown: 1 decimal)."""
    if isinstance(ex, TExplorer):
        return stage_tumor(ex.site.value, round(ex.size.value, 1), ex.invasion.value, 0, "none",
                           tumor_count=ex.count.value, edition=ex.edition.value)
    if isinstance(ex, NMExplorer):
        site = ex.site.value
        return stage_tumor(site, 0.5, invasion_options(site)[0][1], nodes_of(ex),
                           ex.metastasis.value,
                           mesenteric_mass_gt_2cm=ex.node_controls.mass.value,
                           edition=ex.edition.value)
    if isinstance(ex, StageExplorer):
        return stage_tumor(ex.site.value, round(ex.size.value, 1), ex.invasion.value,
                           nodes_of(ex), ex.metastasis.value,
                           mesenteric_mass_gt_2cm=ex.node_controls.mass.value,
                           tumor_count=ex.count.value, edition=ex.edition.value)
    return compare_sites(round(ex.size.value, 1), ex.depth.value, nodes_of(ex),
                         ex.metastasis.value, edition=ex.edition.value)


def drawing_key(ex: Any) -> tuple:
    """Everything the picture shows: the PNG must change exactly when this changes."""
    if isinstance(ex, TExplorer):
        return ex.site.value, round(ex.size.value, 1), ex.invasion.value, ex.count.value
    if isinstance(ex, NMExplorer):
        r = ex.result
        return nodes_of(ex), ex.node_controls.mass.value, r.n, r.m
    if isinstance(ex, StageExplorer):  # sites with the same stage table look the same
        r, site = ex.result, ex.site.value
        edition = ex.edition.value
        table = tuple((row.stage, row.t, row.n, row.m) for row in stage_table(site, edition))
        return table, stage_grid_cells(site, edition), r.t[:2], r.n if r.m == "M0" else "M1"
    return tuple((s, r and (r.t, r.n, r.m, r.stage)) for s, r in ex.results.items())


def told_in_text(ex: Any) -> Any:
    """What the readout tells: T, N, M, stage and rules (the comparison's: these and why T)."""
    if isinstance(ex, SiteComparison):
        return tuple((s, r and (r.t, r.n, r.m, r.stage, r.rules[0].text))
                     for s, r in ex.results.items())
    r = ex.result
    return r.t, r.n, r.m, r.stage, r.rules


def check_consistent(ex: Any) -> None:
    """Readout, alt text and result agree with the logic; nothing is shown unformatted."""
    readout, alt = ex.readout.value, ex.view.alt
    assert "gepnet-error" not in readout, readout
    assert not FLOAT_NOISE.search(alt), alt
    assert not FLOAT_NOISE.search(readout), readout
    assert f'alt="{html.escape(alt, quote=True)}"' in ex.view.widget.value
    exp = expected(ex)
    if isinstance(ex, SiteComparison):
        assert ex.results == exp
        assert f"a {round(ex.size.value, 1):.1f} cm tumour" in alt
        for site, r in exp.items():
            label = site_label(site)
            if r is None:
                assert f"{label}: depth not defined" in alt
                assert f"gepnet-compare-t-{site}" not in readout
            else:
                assert f"{label}: {r.tnm}, stage {r.stage or 'none'}" in alt
                assert shown(readout, f"gepnet-compare-t-{site}") == r.t
                row = re.search(rf'gepnet-compare-t-{site}".*?</tr>', readout)
                assert row and f"{r.n} {r.m}, stage {r.stage or 'none'}" in row.group(0)
        return
    assert ex.result == exp
    if isinstance(ex, TExplorer):
        assert shown(readout, "gepnet-t-category") == exp.t
        assert f"A {round(ex.size.value, 1):.1f} cm tumour" in alt
        assert alt.endswith(f"T category {exp.t}.")
    elif isinstance(ex, NMExplorer):
        assert shown(readout, "gepnet-nm-n") == exp.n
        assert shown(readout, "gepnet-nm-m") == exp.m
        assert alt.endswith(f"N category {exp.n}, M category {exp.m}.")
    else:
        assert shown(readout, "gepnet-stage-tnm") == exp.tnm
        assert shown(readout, "gepnet-stage-group") == (exp.stage or "none")
        assert f"The case {exp.tnm} is framed: stage {exp.stage or 'none (not defined)'}." in alt


@contextmanager
def warns_nothing() -> Iterator[None]:
    """Fail on any warning raised inside the block (where the tests drive the widgets)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert [f"{w.category.__name__}: {w.message}" for w in caught] == []


@pytest.fixture(scope="module")
def built() -> dict[type, Any]:
    """One explorer of each kind, shared by the read-only tests."""
    return {cls: cls() for cls in EXPLORERS}


def values_to_try(control: widgets.ValueWidget) -> list[Any]:
    """Every value worth a visit: slider max, min and middle; every option; both ticks."""
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, widgets.Dropdown):
        keys = [key for _label, key in control.options]
        start = keys.index(control.value) + 1
        return keys[start:] + keys[:start]  # every option, ending on the current one
    assert isinstance(control, widgets.FloatSlider | widgets.IntSlider)
    middle = control.min + round((control.max - control.min) / 2 / control.step) * control.step
    return [control.max, control.min, middle, control.value]


def set_and_check(ex: Any, control: widgets.ValueWidget, value: Any) -> tuple[bool, bool]:
    """Set one control; check one render and a consistent view. Returns (drawing, text) changed."""
    before = (ex.view.png, ex.view.alt, ex.readout.value, ex.view.render_count, drawing_key(ex),
              told_in_text(ex))
    if control.value == value:
        return False, False
    control.value = value
    png, alt, readout, renders, key, result = before
    assert ex.view.render_count == renders + 1, "one change, one render"
    check_consistent(ex)
    if drawing_key(ex) != key:
        assert ex.view.png != png, "what is drawn changed, the picture did not"
    else:
        assert ex.view.png == png, "nothing drawn changed, yet the picture did"
    if told_in_text(ex) != result:
        assert ex.readout.value != readout
    if ex.view.png != png:
        assert ex.view.alt != alt, "the picture changed, its alt text did not"
    return ex.view.png != png, ex.readout.value != readout


def prepare(ex: Any, name: str) -> None:
    """Put ``ex`` where control ``name`` is visible and enabled (mass: jejunum; nodes: examined)."""
    if name == "mass":
        ex.site.value = MASS_SITES[0]
    if name == "nodes":
        ex.node_controls.assessed.value = True
    control = ex.controls[name]
    assert not control.disabled and control.layout.display != "none"


#: Controls whose every move changes the picture (and its alt text) at some value tried.
DRAWN = {
    TExplorer: {"site", "size", "invasion"},
    NMExplorer: {"assessed", "nodes", "mass", "metastasis"},
    StageExplorer: {"site", "size", "invasion", "assessed", "nodes", "mass", "metastasis"},
    SiteComparison: {"size", "depth", "assessed", "nodes", "metastasis"},
}


# --- tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_controls_are_labelled_and_hooked(built: dict, cls: type) -> None:
    ex = built[cls]
    assert ex.controls, "an explorer without controls"
    for name, control in ex.controls.items():
        assert control.description.strip(), f"{name} has no description"
        assert control.style.description_width == "initial"
        assert f"gepnet-{cls.prefix}-{name}" in control._dom_classes
        if isinstance(control, widgets.FloatSlider | widgets.IntSlider):
            assert control.continuous_update is True, name  # live while dragged
    assert f"gepnet-{cls.prefix}-readout" in ex.readout._dom_classes
    assert f"gepnet-{cls.prefix}-figure" in ex.view.widget._dom_classes


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_first_view_is_consistent(built: dict, cls: type) -> None:
    ex = built[cls]
    check_consistent(ex)
    assert ex.view.render_count == 1
    assert re.match(r'<img [^>]*src="data:image/png;base64,', ex.view.widget.value)


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_control_at_its_extremes(cls: type) -> None:
    ex = cls()
    for name, control in ex.controls.items():
        prepare(ex, name)
        drawn = texts = False
        with warns_nothing():
            for value in values_to_try(control):
                d, t = set_and_check(ex, control, value)
                drawn, texts = drawn or d, texts or t
        assert texts, f"{cls.__name__}.{name}: the readout never changed"
        if name in DRAWN[cls]:
            assert drawn, f"{cls.__name__}.{name}: the picture never changed"


@pytest.mark.parametrize("cls", [TExplorer, StageExplorer, SiteComparison],
                         ids=lambda c: c.__name__)
def test_sizes_are_shown_rounded(cls: type) -> None:
    ex = cls()
    ex.size.value = NOISY_3_5  # what a browser sends for 35 steps of 0.1
    check_consistent(ex)
    assert "3.49999" not in ex.view.alt + ex.readout.value
    if cls is not StageExplorer:  # the stage grid does not draw the size
        assert "3.5 cm" in ex.view.alt
    if cls is TExplorer:
        assert ex.result == stage_tumor("stomach", 3.5, ex.invasion.value, 0, "none")
        assert ex._wall.caption.get_text().startswith("Tumour 3.5 cm")


def test_size_just_over_a_cut_off_counts_as_shown() -> None:
    """A browser may send 1.0000000000000002 for 1.0: staged as the 1.0 the slider shows."""
    ex = TExplorer("stomach", 0.9)
    ex.size.value = 1.0000000000000002
    assert ex.result == stage_tumor("stomach", 1.0, "mucosa", 0, "none")
    check_consistent(ex)


def test_site_comparison_tells_n_m_and_stage_in_text() -> None:
    ex = SiteComparison()
    ex.node_controls.nodes.value = 2
    ex.metastasis.value = "hepatic"
    r = ex.results["stomach"]
    assert r is not None and (r.n, r.m) == ("N1", "M1a")
    text = f"{ex.view.alt} {html.unescape(re.sub(r'<[^>]+>', ' ', ex.readout.value))}"
    assert "N1" in text and "M1a" in text and f"{r.stage}" in text


#: Every site once and back: each step keeps the layer or falls back to the site's first.
SITE_WALK = (*SITES[1:], *SITES[-2::-1])


@pytest.mark.parametrize(("cls", "walk"), [(TExplorer, SITE_WALK), (StageExplorer, SITES[1:])],
                         ids=["TExplorer", "StageExplorer"])
def test_site_switch_resets_invasion_options(cls: type, walk: tuple[str, ...]) -> None:
    ex = cls(site=SITES[0])
    kept = reset = 0
    for step, site in enumerate(walk):
        keys = [key for _label, key in ex.invasion.options]
        ex.invasion.value = keys[(step * 5 + 2) % len(keys)]
        layer = ex.invasion.value
        renders = ex.view.render_count
        ex.site.value = site
        assert ex.view.render_count == renders + 1, "a site change renders once"
        assert ex.invasion.options == invasion_options(site)
        new_keys = [key for _label, key in invasion_options(site)]
        if layer in new_keys:
            assert ex.invasion.value == layer
            kept += 1
        else:
            assert ex.invasion.value == new_keys[0]
            reset += 1
        check_consistent(ex)
    assert kept and reset


@pytest.mark.parametrize("cls", [NMExplorer, StageExplorer], ids=lambda c: c.__name__)
def test_mesenteric_mass_only_at_jejunum_ileum(cls: type) -> None:
    ex = cls(site=MASS_SITES[0])
    mass = ex.node_controls.mass
    assert mass.layout.display != "none"
    assert "mass" in ex.controls
    at = SITES.index(MASS_SITES[0])
    for site in (*SITES[at + 1:], *SITES[:at + 1], SITES[0]):  # all sites; leave twice
        if ex.site.value in MASS_SITES and site not in MASS_SITES:
            with warns_nothing():
                mass.value = True  # ticked when leaving: must be unticked at the next site
            assert ex.result.n == "N2"
        with warns_nothing():
            ex.site.value = site
        check_consistent(ex)
        if site in MASS_SITES:
            assert mass.layout.display != "none"
        else:
            assert mass.layout.display == "none"
            assert mass.value is False
            assert ex.result.n == "N0"


@pytest.mark.parametrize("cls", [NMExplorer, StageExplorer, SiteComparison],
                         ids=lambda c: c.__name__)
def test_nodes_not_examined_gives_nx(cls: type) -> None:
    ex = cls()
    nc = ex.node_controls
    nc.nodes.value = 3
    assert not nc.nodes.disabled
    nc.assessed.value = False
    assert nc.nodes.disabled
    check_consistent(ex)
    results = ex.results.values() if cls is SiteComparison else [ex.result]
    assert all(r.n == "NX" for r in results if r is not None)
    if cls is NMExplorer:
        assert "not examined" in ex.view.alt
        assert ex._spread.node_caption.get_text() == "Nodes not assessed: NX"
    nc.assessed.value = True
    assert not nc.nodes.disabled
    check_consistent(ex)
    results = ex.results.values() if cls is SiteComparison else [ex.result]
    assert all(r.n != "NX" for r in results if r is not None)


def _texts_outside(ex: Any) -> list[str]:
    """Drawn texts that stick out of the picture (they would be cut off)."""
    renderer = ex.view.canvas.get_renderer()
    frame = ex.view.figure.bbox
    outside = []
    for text in ex.view.figure.findobj(Text):
        if not text.get_visible() or not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1:
            outside.append(f"{text.get_text()!r} spans x {box.x0:.0f}-{box.x1:.0f}, "
                           f"y {box.y0:.0f}-{box.y1:.0f} of {frame.x1:.0f}x{frame.y1:.0f} px")
    return outside


def test_wall_caption_fits_and_alt_names_the_layer_as_drawn() -> None:
    """Every site and layer at the largest size: the caption fits, the alt text agrees with it."""
    ex = TExplorer("stomach", 10.0)
    cut, misnamed = [], []
    for site in SITES:
        ex.site.value = site
        for _label, key in invasion_options(site):
            ex.invasion.value = key
            cut += [f"{site}/{key}: {t}" for t in _texts_outside(ex)]
            drawn = ex._wall.caption.get_text().split("deepest layer reached: ")[1]
            if f"reaches the {drawn[0].lower()}{drawn[1:]}." not in ex.view.alt:
                misnamed.append(f"{site}/{key}: drawn {drawn!r}, alt {ex.view.alt!r}")
    problems = [f"cut off at the edge of the picture: {c}" for c in cut] + \
        [f"alt text names the layer differently from the picture: {m}" for m in misnamed]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("cls", [TExplorer, NMExplorer, StageExplorer],
                         ids=lambda c: c.__name__)
def test_site_names_keep_their_capitals(cls: type) -> None:
    """"Ampulla of Vater" may start lower case in a sentence, but "vater" is wrong."""
    ex = cls(site="ampulla")
    label = site_label("ampulla")
    assert label != label.lower()
    text = {"alt text": ex.view.alt, "readout": html.unescape(ex.readout.value)}
    wrong = [f"{where}: ...{t[max(0, i - 40):i + 40]}..." for where, t in text.items()
             if (i := t.find(label.lower())) >= 0]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("cls", [NMExplorer, StageExplorer, SiteComparison],
                         ids=lambda c: c.__name__)
def test_texts_fit_in_the_picture(cls: type) -> None:
    ex = cls()
    states: list[tuple[str, Any]] = []
    if "site" in ex.controls:
        states += [("site", s) for s in SITES]
    if "depth" in ex.controls:
        states += [("depth", key) for _label, key in COMPARISON_DEPTHS]
    states += [("nodes", MAX_NODES), ("metastasis", "both"), ("assessed", False)]
    cut = []
    for name, value in states:
        ex.controls[name].value = value
        cut += [f"{name}={value}: {t}" for t in _texts_outside(ex)]
    assert not cut, "\n".join(cut)


# --- blitting: a picture after many changes equals a freshly built one ---------------------------


def _random_changes(ex: Any, rng: random.Random, steps: int) -> None:
    controls = ex.controls
    for _ in range(steps):
        name = rng.choice(sorted(controls))
        control = controls[name]
        if control.disabled or control.layout.display == "none":
            continue
        if isinstance(control, widgets.Checkbox):
            value: Any = not control.value
        elif isinstance(control, widgets.Dropdown):
            value = rng.choice([key for _label, key in control.options])
        elif isinstance(control, widgets.IntSlider):
            value = rng.randint(control.min, control.max)
        else:
            value = control.min + rng.randint(0, 99) * control.step  # float noise included
        control.value = value
        check_consistent(ex)


def _fresh_like(ex: Any) -> Any:
    """A new explorer of the same kind, built at ``ex``'s site and set to its values."""
    cls = type(ex)
    if cls is TExplorer:
        fresh = cls(ex.site.value, ex.size.value, ex.invasion.value)
    elif cls is SiteComparison:
        fresh = cls()
    else:
        fresh = cls(site=ex.site.value)
    for name, control in ex.controls.items():
        if fresh.controls[name].value != control.value:
            fresh.controls[name].value = control.value
    assert {n: c.value for n, c in fresh.controls.items()} == \
        {n: c.value for n, c in ex.controls.items()}
    return fresh


def _full_draw(ex: Any) -> np.ndarray:
    """Pixels of the figure drawn in one go (no blitting); changes ``ex``'s figure."""
    for artist in ex.view.changing:
        artist.set_animated(False)
    ex.view.canvas.draw()
    return np.asarray(ex.view.canvas.buffer_rgba())[..., :3].astype(np.int16)


def _assert_same_picture(got: np.ndarray, want: np.ndarray, name: str) -> None:
    assert got.shape == want.shape
    diff = np.abs(got - want).max(axis=2)
    if diff.max() > 2 or (diff > 0).mean() > 0.001:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"blit-diff-{name}.png"
        side = np.concatenate([got, want, np.minimum(diff * 40, 255)[..., None].repeat(3, 2)],
                              axis=1)
        Image.fromarray(side.astype(np.uint8)).save(out)
        pytest.fail(f"{name}: {int((diff > 0).sum())} pixels differ (max {int(diff.max())}); "
                    f"blitted | fresh | difference in {out}")


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_blitted_picture_equals_a_fresh_one(cls: type) -> None:
    ex = cls()
    with warns_nothing():
        _random_changes(ex, random.Random(20), 16)
    fresh = _fresh_like(ex)
    _assert_same_picture(pixels(ex.view.png), pixels(fresh.view.png), f"{cls.__name__}-fresh")
    assert ex.view.alt == fresh.view.alt
    assert ex.readout.value == fresh.readout.value
    _assert_same_picture(pixels(ex.view.png), _full_draw(ex), f"{cls.__name__}-fulldraw")


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_building_warns_nothing(cls: type) -> None:
    """E.g. a Layout property ipywidgets does not have is dropped with only a warning."""
    with warns_nothing():
        cls()


# --- display --------------------------------------------------------------------------------------


def _descendants(w: widgets.Widget) -> Iterator[widgets.Widget]:
    yield w
    for child in getattr(w, "children", ()):
        yield from _descendants(child)


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_displays_its_widget(built: dict, cls: type, monkeypatch: pytest.MonkeyPatch) -> None:
    ex = built[cls]
    shown_objects: list[Any] = []
    fake: Callable[..., None] = lambda *objs, **_kw: shown_objects.extend(objs)  # noqa: E731
    monkeypatch.setattr("IPython.display.display", fake)
    monkeypatch.setattr(base, "display", fake)
    ex._ipython_display_()
    assert shown_objects == [ex.widget]
    inside = list(_descendants(ex.widget))
    for part in [*ex.controls.values(), ex.view.widget, ex.readout]:
        assert any(part is w for w in inside)
    assert f"gepnet-{cls.prefix}" in ex.widget._dom_classes


def test_metastasis_and_depth_options_come_from_the_logic(built: dict) -> None:
    for cls in (NMExplorer, StageExplorer, SiteComparison):
        assert built[cls].metastasis.options == metastasis_options()
    assert built[SiteComparison].depth.options == COMPARISON_DEPTHS
    assert built[TExplorer].invasion.options == invasion_options("stomach")


def test_stage_explorer_shows_a_depth_move_that_keeps_t() -> None:
    """1.5 cm in the colorectal mucosa or submucosa is T1b either way: the readout still says
    which layer the case reaches, so the move is visible (keyboard test: no silent control)."""
    ex = StageExplorer(site="colon_rectum")
    ex.invasion.value = "mucosa"
    before, t = ex.readout.value, ex.result.t
    ex.invasion.value = "submucosa"
    assert ex.result.t == t
    assert ex.readout.value != before
    assert "reaches the submucosa" in ex.readout.value
