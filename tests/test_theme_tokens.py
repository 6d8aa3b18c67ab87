"""The HTML colour tokens follow the theme and keep WCAG AA in light and dark themes.

The tokens (``gepnet_widgets.style.CSS_*``) are resolved the way a browser would: against no
theme (their fallbacks), against JupyterLab Light and against JupyterLab Dark (the installed
theme stylesheets, plus the course's own per-theme values in ``style.THEME_CSS``). Text tokens
need 4.5:1, highlight and status tokens 3:1 (WCAG 1.4.11), on the theme's page backgrounds.
The browser test ``tests/browser/test_contrast.py`` measures the rendered lessons themselves.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupyterlab
import pytest

from gepnet_widgets import style

WIDGETS = Path(style.__file__).parent / "widgets"
LAB_THEMES = Path(jupyterlab.__file__).parent / "themes" / "@jupyterlab"
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*(.*))?\)$", re.S)


def _declarations(css: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"(--[\w-]+)\s*:\s*([^;}]+)", css)}


def _theme(name: str | None) -> dict[str, str]:
    """Custom properties in effect on a page with JupyterLab's ``name`` theme (None: no theme)."""
    if name is None:
        return {}
    found = _declarations((LAB_THEMES / f"theme-{name}-extension" / "index.css").read_text())
    light = "true" if name == "light" else "false"
    block = re.search(r'body\[data-jp-theme-light="' + light + r'"\]\s*\{([^}]*)\}',
                      style.THEME_CSS)
    found.update(_declarations(block.group(1)) if block else {})
    return found


def _resolve(value: str, props: dict[str, str]) -> str:
    value = value.strip()
    m = _VAR.match(value)
    if not m:
        return value
    name, fallback = m.group(1), m.group(2)
    if name in props:
        return _resolve(props[name], props)
    assert fallback is not None, f"{name} is not set and has no fallback"
    return _resolve(fallback, props)


def _rgba(colour: str) -> tuple[float, float, float, float]:
    colour = colour.strip().lower()
    if colour == "white":
        return (255.0, 255.0, 255.0, 1.0)
    if colour.startswith("#"):
        h = colour[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0)
    m = re.match(r"rgba?\(([^)]*)\)", colour)
    assert m, f"cannot read colour {colour!r}"
    parts = [float(p) for p in re.split(r"[\s,/]+", m.group(1).strip()) if p]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _over(top: tuple[float, ...], under: tuple[float, ...]) -> tuple[float, float, float]:
    a = top[3]
    return tuple(a * t + (1 - a) * u for t, u in zip(top[:3], under[:3], strict=True))


def _luminance(rgb: tuple[float, ...]) -> float:
    def lin(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str, props: dict[str, str], under: str = "#FFFFFF") -> float:
    """Contrast of token ``fg`` over token ``bg`` (itself over ``under``) with ``props``."""
    base = _over(_rgba(_resolve(bg, props)), _rgba(under))
    top = _over(_rgba(_resolve(fg, props)), base)
    hi, lo = sorted((_luminance(top), _luminance(base)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


THEMES = [None, "light", "dark"]
#: Page backgrounds the course's HTML sits on, per theme: the layout colours (Voila's body and
#: JupyterLab's notebook use 0 and 1; 2 is the lightest grey a dark theme uses behind cells).
BACKGROUNDS = ["var(--jp-layout-color0, #FFFFFF)", "var(--jp-layout-color1, #FFFFFF)",
               style.CSS_BACKGROUND]
TEXT_TOKENS = {"CSS_TEXT": style.CSS_TEXT, "CSS_MUTED": style.CSS_MUTED,
               "CSS_LINK": style.CSS_LINK}
MARK_TOKENS = {"CSS_HIGHLIGHT": style.CSS_HIGHLIGHT, "CSS_CORRECT": style.CSS_CORRECT,
               "CSS_INCORRECT": style.CSS_INCORRECT, "CSS_INFO": style.CSS_INFO}


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t or "no-theme")
@pytest.mark.parametrize("token", sorted(TEXT_TOKENS))
def test_text_tokens_meet_aa_on_every_background(theme: str | None, token: str) -> None:
    props = _theme(theme)
    for bg in BACKGROUNDS:
        ratio = contrast(TEXT_TOKENS[token], bg, props)
        assert ratio >= 4.5, f"{token} on {bg} in {theme or 'no'} theme: {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t or "no-theme")
def test_text_on_a_highlighted_row_meets_aa(theme: str | None) -> None:
    props = _theme(theme)
    page = _rgba(_resolve("var(--jp-layout-color1, #FFFFFF)", props))
    under = "#{:02X}{:02X}{:02X}".format(*(round(v) for v in page[:3]))
    for token in ("CSS_TEXT", "CSS_MUTED"):
        ratio = contrast(TEXT_TOKENS[token], style.CSS_MARK_BG, props, under=under)
        assert ratio >= 4.5, f"{token} on the highlighted row ({theme}): {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t or "no-theme")
@pytest.mark.parametrize("token", sorted(MARK_TOKENS))
def test_status_and_highlight_tokens_keep_non_text_contrast(theme: str | None,
                                                            token: str) -> None:
    props = _theme(theme)
    for bg in BACKGROUNDS:
        ratio = contrast(MARK_TOKENS[token], bg, props)
        assert ratio >= 3.0, f"{token} on {bg} in {theme or 'no'} theme: {ratio:.2f}:1"


def test_the_check_can_fail() -> None:
    """The old hard-coded text colour is unreadable on JupyterLab Dark; the check says so."""
    assert contrast(style.TEXT, "var(--jp-layout-color0)", _theme("dark")) < 1.5
    assert contrast(style.CSS_TEXT, "var(--jp-layout-color0)", _theme("dark")) > 15


def test_tokens_fall_back_to_the_light_house_colours() -> None:
    assert _resolve(style.CSS_TEXT, {}) == style.TEXT
    assert _resolve(style.CSS_MUTED, {}) == style.MUTED
    assert _resolve(style.CSS_BACKGROUND, {}) == style.BACKGROUND
    assert _resolve(style.CSS_HIGHLIGHT, {}) == style.HIGHLIGHT


_HEX_CONSTANTS = {"TEXT", "MUTED", "HIGHLIGHT", "BACKGROUND", "OKABE_ITO", "PALETTE"}


@pytest.mark.parametrize("path", sorted(WIDGETS.glob("*.py")), ids=lambda p: p.name)
def test_widget_html_uses_theme_tokens(path: Path) -> None:
    """Widgets write colours only through the ``CSS_*`` tokens (figures are drawn in layer 2)."""
    if path.name == "_figure.py":
        return
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("style"):
            hexes = {a.name for a in node.names} & _HEX_CONSTANTS
            assert not hexes, f"{path.name} imports hex colours {sorted(hexes)}; use CSS_*"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found = re.findall(r"#[0-9A-Fa-f]{6}\b", node.value)
            assert not found, f"{path.name}: hard-coded colour {found} in HTML; use CSS_*"
