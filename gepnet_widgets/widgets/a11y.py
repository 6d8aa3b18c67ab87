"""Screen-reader fixes for ipywidgets 8 controls, delivered once per kernel as a page script.

ipywidgets 8 renders a slider's handle as ``<div role="slider">`` with no accessible name (the
description ``<label>`` is not tied to it), announces ``aria-valuetext`` with float noise
(``3.4999999999999996``), puts ``title="null"`` on labels, and leaves toggle-button and radio
groups unnamed. Widget traits cannot fix this (``Layout`` has no ARIA traits), so a small script
does, in the page, for every widget present and future (a ``MutationObserver``):

* each slider handle gets ``aria-label`` = its description (", lower end"/", upper end" for the
  two handles of a range slider) and ``aria-valuetext`` = the formatted readout (``"1.1"``);
* the slider's editable readout becomes a named textbox;
* a disabled slider says so (``aria-disabled``);
* ``title="null"`` is removed; toggle-button groups and radio groups get a group name, toggle
  buttons say whether they are pressed (``aria-pressed``), and the radio buttons of a group
  share a ``name`` (one Tab stop, arrow keys move the choice, "2 of 4" is announced);
* a scroll box inside a widget (``Layout(overflow="auto")``) with nothing focusable in it
  becomes focusable, so keyboard users can scroll it;
* a page with no ``main`` landmark (Voila) gets one around the rendered cells;
* the course's stylesheet (:data:`gepnet_widgets.style.THEME_CSS`: per-theme colour tokens,
  forced-colours rules, self-check options beside their radio buttons) goes into the page's
  ``<head>``, so it stays when the output that delivered it is cleared.

The script is idempotent and small; :func:`deliver_a11y_script` displays it once per kernel
(the explorers and the self-check call it when they are displayed). JupyterLab runs scripts in
trusted HTML outputs (outputs made in the session are trusted) and Voila runs them always;
nbconvert pages include it harmlessly.
"""

from __future__ import annotations

import json

from ..style import CSS_LINK, THEME_CSS

__all__ = ["A11Y_SCRIPT", "PAGE_CSS", "a11y_html", "deliver_a11y_script", "reset_delivery"]

#: Rules for the page as a whole, after the theme: Lab-only instructions (Shift + Enter, code
#: cells) hidden in Voila (``tools/build_site.py`` strips them from static pages); the course's
#: navigation bar as a wrapping row of links at least 24 px high; links in the lesson text and
#: in the tools' HTML underlined (told from the words around them without colour, WCAG 1.4.1;
#: JupyterLab's own stylesheet underlines them only on hover); readouts single-spaced and as
#: wide as the space allows; narrow screens (phones): no control wider than the screen, slider
#: tracks that can be set, wide tables and pictures scroll or shrink inside their own box.
PAGE_CSS = THEME_CSS + """
body[data-voila] .gepnet-lab-only { display: none !important; }
.gepnet-nav ul, .jp-RenderedHTMLCommon .gepnet-nav ul { display: flex; flex-wrap: wrap;
  gap: 0 1.25em; list-style: none; margin: 0.25em 0; padding: 0; }
.gepnet-nav li { margin: 0; }
.gepnet-nav a { display: inline-block; min-height: 24px; padding: 2px 0; }
/* Folded answers ("Show the explanation"): the toggle is a touch target of at least 24 px. */
.jp-RenderedHTMLCommon summary, .widget-html-content summary { min-height: 24px;
  padding: 2px 0; box-sizing: border-box; }
/* A label above its box (the prediction box: flex_flow column) is as wide as the box, starts
   at the left and wraps: ipywidgets' one-line 28 px label, right-aligned, cut "(kept on this
   computer)" to "(kept on this" on a phone. */
.gepnet-prediction-text > .widget-label { width: auto !important; max-width: 100%;
  height: auto; line-height: 1.35; padding: 2px 0; text-align: left; white-space: normal;
  overflow: visible; }
body .jp-RenderedHTMLCommon a:link, body .jp-RenderedHTMLCommon a:visited {
  text-decoration: underline; }
/* Readouts single-spaced: ipywidgets gives an HTML widget a 28 px line (about double spacing
   at 13 px). Blocks inside it (paragraphs, lists, tables) take 1.35; text straight in the widget
   keeps the 28 px line, so a one-line label still lines up beside a control. Lists tight. */
.widget-html-content :is(p, div, ul, ol, li, table, details, summary, dl, dt, dd, blockquote,
  caption, h3, h4, h5) { line-height: 1.35; }
.widget-html-content :is(ul, ol) > li { margin: 0.1em 0; }
/* the case studies' "Try it with" hints and step feedback are text straight in the widget,
   several lines long: single-spaced too (they stand on their own line, beside no control) */
.widget-html[class*="gepnet-case-hint-"] .widget-html-content,
.widget-html[class*="gepnet-case-feedback-"] .widget-html-content { line-height: 1.35; }
.gepnet-explorer .widget-html-content :is(td, th) { vertical-align: top; }
/* A slider's track never shrinks to nothing (a slider laid out at width "auto" beside a long
   name showed a bare handle): at least 120 px, the slider grows instead. */
.widget-hslider .slider-container, .jupyter-widget-hslider .slider-container {
  min-width: 120px; }
/* Links in the tools' HTML (sources, "Where the course teaches this") look like links: the
   front end's link colour and an underline (Voila's page styles them as plain text). */
.widget-html-content a:link, .widget-html-content a:visited {
  color: __CSS_LINK__; text-decoration: underline; }
/* Readouts as wide as the space allows: beside the figure only where 400 px are left (560 px
   for the report reader's table of items), else under it at the full width. */
.gepnet-explorer .widget-html[class*="-readout"] { min-width: min(100%, 400px) !important; }
.gepnet-explorer .widget-html.gepnet-report-readout { min-width: min(100%, 560px) !important; }
@media (max-width: 640px) {
  .jp-RenderedHTMLCommon table { display: block; max-width: 100%; overflow-x: auto; }
  /* a readout's wide table scrolls on its own, so the readout's text around it wraps to the
     screen (lesson 6's comparer table widened its readout, cutting its sources line) */
  .widget-html-content { max-width: 100%; min-width: 0; }
  .widget-html-content table { display: block; max-width: 100%; overflow-x: auto; }
  .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
  /* quoted notes ("For education only") use the width: no 28 px margins on both sides */
  .jp-RenderedHTMLCommon blockquote { margin-left: 0; margin-right: 0; }
  /* a figure keeps its labels readable (not shrunk) and scrolls inside its own box */
  .gepnet-figure { max-width: 100%; overflow-x: auto; }
  .gepnet-figure img.gepnet-frame { max-width: none !important; }
  .jupyter-widgets.widget-box, .jupyter-widgets.widget-hbox, .jupyter-widgets.widget-vbox {
    max-width: 100%; }
  .jupyter-widgets.widget-hbox { flex-wrap: wrap; }
  .widget-dropdown select, .widget-text input { max-width: 100%; }
  /* a checkbox's words wrap under each other instead of running, cut, past the screen's edge
     inside a box that scrolls ("Takes a proton-pump inhibitor (PPI, an acid-redu") */
  .jupyter-widgets.widget-checkbox { height: auto; min-width: 0;
    max-width: calc(100% - 24px); }
  .widget-checkbox .widget-label-basic { display: flex; align-items: flex-start; gap: 4px;
    height: auto; min-height: 24px; line-height: 1.35; white-space: normal; overflow: visible; }
  .widget-checkbox .widget-label-basic input { flex: 0 0 auto; margin-top: 2px; }
  .widget-checkbox .widget-label-basic span { white-space: normal; overflow-wrap: anywhere; }
  /* touch targets at least 24 px */
  .jupyter-widgets select, .jupyter-widgets button, .widget-text input,
  .widget-inline-hbox input { min-height: 24px; }
  .widget-slider, .jupyter-widget-slider { --jp-widgets-slider-handle-size: 24px; }
  /* every slider: its name on a line of its own, the track and the value under it, so a
     long name never squeezes the track (a 7 px track cannot be set) */
  .jupyter-widgets.widget-hslider, .jupyter-widget-hslider { flex-wrap: wrap; height: auto; }
  .widget-hslider > .widget-label, .jupyter-widget-hslider > .widget-label {
    flex: 0 0 100%; max-width: 100%; margin-right: 0; text-align: left; }
  .widget-hslider .slider-container, .jupyter-widget-hslider .slider-container {
    min-width: 140px; }
  .jupyter-widgets.widget-dropdown, .jupyter-widgets.widget-text,
  .jupyter-widgets.widget-slider { max-width: 100%; min-width: 0; }
}
""".replace("__CSS_LINK__", CSS_LINK)

#: The page script (plain ES2017, no dependencies). Safe to run more than once.
A11Y_SCRIPT = r"""
(function () {
  "use strict";
  var css = __GEPNET_THEME_CSS__;
  var sheet = document.getElementById("gepnet-theme-css");
  if (!sheet) {
    sheet = document.createElement("style");
    sheet.id = "gepnet-theme-css";
    (document.head || document.documentElement).appendChild(sheet);
  }
  if (sheet.textContent !== css) sheet.textContent = css;
  if (window.__gepnetA11y) { window.__gepnetA11y.fixAll(); return; }
  var setAttr = function (el, name, value) {
    if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  var clean = function (text) { return (text || "").replace(/\u200b/g, "").trim(); };
  var labelText = function (box) {
    if (!box) return "";
    var label = box.querySelector(":scope > .widget-label");
    var text = label ? clean(label.textContent) : "";
    if (!text && label && label.title && label.title !== "null") text = clean(label.title);
    return text;
  };
  var decimals = function (handle) {
    var parts = [handle.getAttribute("aria-valuemin"), handle.getAttribute("aria-valuemax")];
    var d = 0;
    parts.forEach(function (p) {
      var m = /\.(\d+)$/.exec(p || "");
      if (m) d = Math.max(d, m[1].length);
    });
    return Math.min(d, 6);
  };
  var fixSlider = function (box) {
    var name = labelText(box) || "Slider";
    var handles = box.querySelectorAll("[role=slider]");
    var readout = box.querySelector(".widget-readout");
    var shown = readout && readout.offsetParent !== null ? clean(readout.textContent) : "";
    var parts = handles.length === 2 ? shown.split(/\s+[\u2013-]\s+/) : [shown];
    var off = !!box.querySelector(".noUi-target[disabled], .slider[disabled]");
    handles.forEach(function (h, i) {
      setAttr(h, "aria-disabled", off ? "true" : null);
      var suffix = handles.length === 2 ? (i === 0 ? ", lower end" : ", upper end") : "";
      setAttr(h, "aria-label", name + suffix);
      var text = parts.length === handles.length && parts[i] ? parts[i] : "";
      if (!text) {
        var now = parseFloat(h.getAttribute("aria-valuenow"));
        if (!isNaN(now)) text = now.toFixed(decimals(h));
      }
      if (text) setAttr(h, "aria-valuetext", text);
    });
    if (readout && readout.isContentEditable) {
      setAttr(readout, "role", "textbox");
      setAttr(readout, "aria-label", name + " (type a value)");
    }
  };
  var fixGroup = function (box, groupSel, role) {
    var group = box.querySelector(groupSel) || box;
    var name = labelText(box);
    if (!name) return;
    setAttr(group, "role", role);
    setAttr(group, "aria-label", name);
  };
  var counter = 0;
  var fixAll = function () {
    var root = document;
    root.querySelectorAll('.jupyter-widgets [title="null"], .widget-label[title="null"]')
      .forEach(function (el) { el.removeAttribute("title"); });
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach(fixSlider);
    root.querySelectorAll(".widget-toggle-buttons").forEach(function (box) {
      fixGroup(box, ":scope > div:not(.widget-label)", "group");
      box.querySelectorAll(".widget-toggle-button").forEach(function (b) {
        setAttr(b, "aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
      });
    });
    root.querySelectorAll(".widget-toggle-button").forEach(function (b) {
      if (!b.closest(".widget-toggle-buttons"))
        setAttr(b, "aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
    });
    root.querySelectorAll(".widget-radio").forEach(function (box) {
      fixGroup(box, ".widget-radio-box", "radiogroup");
      // One name per group: one Tab stop, arrow keys move the choice, "2 of 4" is announced.
      var group = box.querySelector(".widget-radio-box");
      if (!group) return;
      if (!group.hasAttribute("data-gepnet-radio")) group.setAttribute("data-gepnet-radio",
        "gepnet-radio-" + (++counter));
      var name = group.getAttribute("data-gepnet-radio");
      group.querySelectorAll("input[type=radio]").forEach(function (r) {
        setAttr(r, "name", name);
      });
    });
    // A scroll box (ipywidgets Layout overflow) must be reachable by keyboard to be scrolled.
    var boxes = '.jupyter-widgets[style*="overflow"], .jupyter-widgets [style*="overflow"]';
    root.querySelectorAll(boxes).forEach(function (box) {
      var style = getComputedStyle(box);
      var scrolls = /(auto|scroll)/.test(style.overflowY + style.overflowX) &&
        (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1);
      var inner = box.querySelector("a[href], button, input, select, textarea, [tabindex]");
      if (scrolls && !inner) {
        setAttr(box, "tabindex", "0");
        box.setAttribute("data-gepnet-scroll", "1");
      } else if (box.hasAttribute("data-gepnet-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-gepnet-scroll");
      }
    });
    if (!document.querySelector("main, [role=main]")) {
      var cells = document.getElementById("rendered_cells") ||
        document.getElementById("jp-main-content-panel");
      if (cells) setAttr(cells, "role", "main");
    }
  };
  var WIDGETS = ".jupyter-widgets, .widget-slider, .widget-toggle-buttons, .widget-radio";
  var relevant = function (records) {
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      var t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (t && t.closest && t.closest(WIDGETS)) return true;
      for (var j = 0; j < r.addedNodes.length; j++) {
        var n = r.addedNodes[j];
        if (n.nodeType === 1 && (n.matches(WIDGETS) || n.querySelector(WIDGETS))) return true;
      }
    }
    return false;
  };
  var pending = false;
  var schedule = function (records) {
    if (pending || (records && !relevant(records))) return;
    pending = true;
    Promise.resolve().then(function () { pending = false; fixAll(); });
  };
  var observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["aria-valuetext", "aria-valuenow", "title", "class", "disabled"]
  });
  window.__gepnetA11y = { fixAll: fixAll, observer: observer, version: 1 };
  fixAll();
})();
""".replace("__GEPNET_THEME_CSS__", json.dumps(PAGE_CSS))

_delivered = False


def a11y_html() -> str:
    """The script as an HTML snippet: an invisible marker, the stylesheet, the ``<script>``.

    The ``<style>`` serves pages that do not run scripts; the script also copies it into the
    page's ``<head>``.
    """
    return (
        '<div class="gepnet-a11y" hidden></div>'
        f'<style class="gepnet-theme-css">{PAGE_CSS}</style>'
        f'<script type="text/javascript">{A11Y_SCRIPT}</script>'
    )


def deliver_a11y_script() -> bool:
    """Display the page script once per kernel; return whether it was displayed now.

    Outside IPython (plain Python, pytest) nothing is displayed and nothing is remembered.
    """
    global _delivered
    if _delivered:
        return False
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return False
    display({"text/html": a11y_html(), "text/plain": ""}, raw=True)
    _delivered = True
    return True


def reset_delivery() -> None:
    """Forget that the script was delivered (tests; a new page on the same kernel)."""
    global _delivered
    _delivered = False
