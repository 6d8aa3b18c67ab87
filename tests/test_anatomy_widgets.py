"""The lesson-1 explorers without a browser: every control, its extremes, readouts and drawings."""

from __future__ import annotations

import html
import re

import pytest

from gepnet_widgets import anatomy as an
from gepnet_widgets.staging import SITES, site_label
from gepnet_widgets.syndromes import SYNDROMES
from gepnet_widgets.widgets.anatomy import CellExplorer, SiteMap

EXPLORERS = (CellExplorer, SiteMap)


def tagged(readout: str, css: str) -> str:
    found = re.findall(rf'<b class="{css}">([^<]*)</b>', readout)
    assert len(found) == 1, (css, readout[:400])
    return html.unescape(found[0])


def no_error(explorer) -> None:
    assert "gepnet-error" not in explorer.readout.value
    assert explorer.view.alt and "data:image/png;base64," in explorer.view.widget.value


def test_step_slider_extremes_and_every_step():
    e = CellExplorer()
    assert (e.step.min, e.step.max, e.step.continuous_update) == (1, 4, True)
    pngs = {}
    for step in (4, 1, 2, 3):  # the extremes first
        e.step.value = step
        s = an.cell_step(step)
        assert tagged(e.readout.value, "gepnet-cell-current") == f"{step} of 4"
        assert tagged(e.readout.value, "gepnet-cell-title") == s.title
        assert html.escape(s.statement.text) in e.readout.value
        assert f"Step {step} of 4: {s.title}." in e.view.alt
        pngs[step] = e.view.png
        no_error(e)
    assert len(set(pngs.values())) == 4, "each step draws a different picture"
    assert e._cell.tumour.get_visible() is False
    e.step.value = 4
    assert e._cell.tumour.get_visible() is True
    assert "lesson 5" in e.readout.value


@pytest.mark.parametrize("example", list(an.CELL_EXAMPLES))
def test_every_example_cell(example):
    e = CellExplorer(step=3)
    e.example.value = example
    no_error(e)
    ex = an.CELL_EXAMPLES[example]
    label = e._cell.hormone_label.get_text()
    assert label == f"carries {an.hormone_word(example)}"
    if ex.cell_type is None:
        assert "gepnet-cell-type" not in e.readout.value
    else:
        c = an.CELL_TYPES[ex.cell_type]
        assert tagged(e.readout.value, "gepnet-cell-type") == c.name
        assert f"Lives in: {site_label(ex.site)}" in e.readout.value
        assert html.escape(c.statement.text) in e.readout.value


def test_site_map_every_site():
    e = SiteMap()
    assert tagged(e.readout.value, "gepnet-site-name") == "Stomach"
    pngs = set()
    for site in (SITES[-1], *SITES):  # the last option first, then all in order
        e.site.value = site
        p = an.site_profile(site)
        r = e.readout.value
        assert tagged(r, "gepnet-site-name") == site_label(site)
        assert e._map.highlighted() == (site,)
        assert f"Highlighted: {site_label(site)}." in e.view.alt
        cells = tagged(r, "gepnet-site-cells")
        if p.cell_types:
            assert cells == ", ".join(c.name for c in p.cell_types)
        else:
            assert cells == "not covered by the course's sources"
            assert "say nothing specific" in r
        syndromes = tagged(r, "gepnet-site-syndromes")
        assert syndromes == ("; ".join(SYNDROMES[s].name for s in p.syndromes)
                             or "none of the six")
        for s in (*p.info.arises, *p.info.behaviour):
            assert html.escape(s.text) in r
        assert html.escape(p.staging_note) in r and "AJCC Version 9" in r
        pngs.add(e.view.png)
        no_error(e)
    assert len(pngs) == len(SITES)
