"""The house style: one colour-blind-safe palette and one matplotlib style for every drawing.

The palette is Okabe & Ito's "Color Universal Design" set (Okabe M, Ito K. *Color Universal
Design (CUD): how to make figures and presentations that are friendly to colorblind people*,
2002/2008), the palette recommended by Wong B, *Points of view: Color blindness*, Nature Methods
2011;8:441. It stays distinguishable under protanopia, deuteranopia and tritanopia.

This module imports matplotlib only inside :func:`rc_params`, so the colour constants can be read
by any layer.

Two kinds of colour live here:

* the hex constants (``TEXT``, ``MUTED``, ...) are for matplotlib: figures keep a light canvas
  in every theme (see :data:`CSS_FIGURE_FRAME`), so their colours never change;
* the ``CSS_*`` tokens are for the HTML the widgets write. Each is a CSS ``var()`` that follows
  the front end's theme (JupyterLab's variables, or the course's own ``--gepnet-*`` variables
  that :data:`THEME_CSS` sets per theme), with the light value as the fallback for pages that
  have no theme (the static site, handouts). Write ``color:{CSS_TEXT}`` in HTML, never
  ``color:{TEXT}``.

Contrast (WCAG 2.2 AA), measured by ``tests/test_palette_a11y.py`` and, in the browser, by
``tests/browser/test_contrast.py`` (Voila light and dark, JupyterLab Dark):

* text tokens keep at least 4.5:1 on the page background of light and dark themes;
* highlight, border and status tokens keep at least 3:1 (non-text contrast, 1.4.11) on both,
  and are never the only cue (the words say "correct", "not quite", "this tumour").
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "TEXT",
    "MUTED",
    "HIGHLIGHT",
    "BACKGROUND",
    "FIGURE_DPI",
    "rc_params",
    "CSS_TEXT",
    "CSS_MUTED",
    "CSS_BACKGROUND",
    "CSS_BORDER",
    "CSS_HIGHLIGHT",
    "CSS_MARK_BG",
    "CSS_CORRECT",
    "CSS_INCORRECT",
    "CSS_INFO",
    "CSS_LINK",
    "CSS_FIGURE_FRAME",
    "THEME_CSS",
    "STATUS_COLOURS",
]

#: The eight Okabe-Ito colours, by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour cycle for categorical data (black is kept for text).
PALETTE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["yellow"],
)

TEXT = "#1A1A1A"  #: body text (contrast 17:1 on white)
MUTED = "#595959"  #: secondary text (contrast 7:1 on white, WCAG AA and AAA)
HIGHLIGHT = OKABE_ITO["vermillion"]  #: the learner's current case
BACKGROUND = "#FFFFFF"
FIGURE_DPI = 100

# --------------------------------------------------------------------------------------------
# HTML colour tokens (follow the front end's theme; light values as fallbacks)
# --------------------------------------------------------------------------------------------

#: Body text: JupyterLab's content text colour (17:1 on white without a theme).
CSS_TEXT = f"var(--jp-content-font-color1, {TEXT})"
#: Secondary text. Set per theme by :data:`THEME_CSS` (#595959 on light themes, 7:1 on white;
#: JupyterLab's own secondary colour on dark ones, 9.5:1 on #111). Without that stylesheet a
#: themed page uses JupyterLab's secondary text colour (4.6:1 light, 9.5:1 dark).
CSS_MUTED = f"var(--gepnet-muted, var(--jp-content-font-color2, {MUTED}))"
#: The page background behind the course's HTML.
CSS_BACKGROUND = f"var(--jp-layout-color1, {BACKGROUND})"
#: Decorative rules between table rows (not information: no contrast requirement).
CSS_BORDER = "var(--jp-border-color2, #E0E0E0)"
#: "This is the learner's case": vermillion, 3.9:1 on white, 4.2:1 on #212121, 4.9:1 on #111.
CSS_HIGHLIGHT = f"var(--gepnet-highlight, {HIGHLIGHT})"
#: Background of a highlighted table row: translucent vermillion, so it tints light and dark
#: pages alike and text on it keeps its theme colour (>= 12:1 in both). Never the only cue: the
#: row is also bold and has a :data:`CSS_HIGHLIGHT` left border.
CSS_MARK_BG = "var(--gepnet-mark-bg, rgba(213, 94, 0, 0.18))"
#: Status borders (with words beside them): correct = bluish green (3.4:1 on white, 4.7:1 on
#: #212121), not quite = vermillion, information = blue (5.2:1 on white; sky blue on dark
#: themes, where blue is 3.1:1 at best).
CSS_CORRECT = f"var(--gepnet-correct, {OKABE_ITO['bluish_green']})"
CSS_INCORRECT = f"var(--gepnet-incorrect, {OKABE_ITO['vermillion']})"
CSS_INFO = f"var(--gepnet-info, {OKABE_ITO['blue']})"
#: Links: JupyterLab's link colour (dark blue on light themes, light blue on dark ones).
CSS_LINK = "var(--jp-content-link-color, #0D47A1)"
#: Status name -> border token (self-checks, case steps, warnings).
STATUS_COLOURS: dict[str, str] = {
    "correct": CSS_CORRECT,
    "incorrect": CSS_INCORRECT,
    "prompt": CSS_INFO,
    "info": CSS_INFO,
    "warning": CSS_HIGHLIGHT,
}
#: Inline style of the frame around every figure: figures keep their light canvas in every
#: theme, so on a dark page they sit in a visible frame (border and a light mat) and read as
#: pictures; their own text stays dark on light.
CSS_FIGURE_FRAME = (
    f"background:{BACKGROUND};padding:4px;border:1px solid var(--jp-border-color1, #BDBDBD);"
    "border-radius:2px;box-sizing:content-box"
)  # 5 px on each side, outside the picture's own width

#: The course's stylesheet, sent once per kernel with the page script
#: (:mod:`gepnet_widgets.widgets.a11y`): per-theme values of the ``--gepnet-*`` tokens, forced
#: colours (Windows high contrast) rules, and layout fixes (self-check options wrap beside their
#: radio buttons; text never overflows its box at 200% zoom).
THEME_CSS = f"""
body[data-jp-theme-light="true"] {{ --gepnet-muted: {MUTED}; }}
body[data-jp-theme-light="false"] {{
  --gepnet-muted: var(--jp-content-font-color2, #BDBDBD);
  --gepnet-info: {OKABE_ITO["sky_blue"]};
  --gepnet-mark-bg: rgba(213, 94, 0, 0.30);
}}
.widget-radio-box label, .jupyter-widget-radio-box label {{
  display: flex; align-items: flex-start; gap: 0.4em; white-space: normal; height: auto;
  min-height: var(--jp-widgets-radio-item-height, 24px); overflow-wrap: anywhere;
  line-height: 1.4; margin: 2px 0;
}}
.widget-radio-box label input[type=radio], .jupyter-widget-radio-box label input[type=radio] {{
  order: -1; float: none; flex: 0 0 auto; height: 1.4em; margin: 0 0 0 1px;
}}
.widget-radio-box, .jupyter-widget-radio-box {{ min-width: 0; max-width: 100%; }}
.widget-html-content, .widget-htmlmath-content {{ overflow-wrap: break-word; }}
.jupyter-widgets .widget-label, .widget-inline-hbox .widget-label {{ white-space: normal; }}
@media (max-width: 1000px) {{
  /* narrow windows and 200% zoom: a dropdown shows its whole choice, wrapping under its label */
  .widget-dropdown, .jupyter-widget-dropdown {{
    flex-wrap: wrap; height: auto; width: auto !important; max-width: 100%;
  }}
  .widget-dropdown > select, .jupyter-widget-dropdown > select {{
    flex: 0 1 auto; field-sizing: content; min-width: min(100%, 5em); max-width: 100%;
  }}
}}
@media (forced-colors: active) {{
  .gepnet-frame {{ border: 1px solid CanvasText; }}
  .jupyter-widgets button, .widget-button, .widget-toggle-button,
  .widget-dropdown select, .widget-text input, .widget-textarea textarea {{
    border: 1px solid ButtonText;
  }}
  .widget-toggle-button.mod-active, .widget-button.mod-active {{
    outline: 3px solid Highlight; outline-offset: -3px;
  }}
  .noUi-target, .noUi-connects, .slider-container .noUi-base {{ border: 1px solid CanvasText; }}
  .noUi-handle {{ border: 2px solid ButtonText; background: ButtonFace; }}
  .noUi-connect {{ background: Highlight; }}
  [style*="border-left"] {{ border-left-color: CanvasText !important; }}
  mark, .gepnet-mark {{ color: HighlightText; background: Highlight; }}
  :focus-visible {{ outline: 2px solid Highlight !important; }}
}}
"""


def rc_params() -> dict[str, Any]:
    """Return the matplotlib rcParams of the house style (use with ``rc_context``)."""
    from cycler import cycler

    return {
        "figure.dpi": FIGURE_DPI,
        "savefig.dpi": FIGURE_DPI,
        "figure.facecolor": BACKGROUND,
        "axes.facecolor": BACKGROUND,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": TEXT,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "font.family": "DejaVu Sans",
        "font.size": 11,
        "text.color": TEXT,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": TEXT,
        "ytick.labelcolor": TEXT,
    }
