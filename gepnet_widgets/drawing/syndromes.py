"""Drawings for the functional-tumour lesson: the syndrome map, the serotonin flow, the mystery.

Each ``draw_*`` function takes a matplotlib Axes, draws the parts that never change, and returns
a small object whose ``changing`` list holds the artists an ``update_*`` function changes, so a
:class:`~gepnet_widgets.widgets._figure.FigureView` can blit them. Nothing here calls
``plt.show`` or imports pyplot or ipywidgets. All words come from :mod:`gepnet_widgets.syndromes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT
from ..syndromes import (
    CONFIRM_TESTS,
    NO_HORMONE,
    NONFUNCTIONING,
    SYMPTOMS,
    SYNDROMES,
    FlowResult,
    Links,
    Mystery,
    MysteryVerdict,
    hormone,
    item_options,
    place_label,
)
from ._restyle import restyle

__all__ = [
    "SyndromeMapArtists",
    "draw_syndrome_map",
    "update_syndrome_map",
    "FlowArtists",
    "draw_serotonin_flow",
    "update_serotonin_flow",
    "MysteryArtists",
    "draw_mystery",
    "update_mystery",
]

_PLAIN_FILL = "#FFFFFF"
_EDGE_GREY = "#C8C8C8"
_TUMOUR = OKABE_ITO["orange"]
_RIGHT = OKABE_ITO["bluish_green"]
_WRONG = OKABE_ITO["vermillion"]


# --- the syndrome map -------------------------------------------------------------------------

# Column geometry (data units): left x and width of each column.
_COLS = {"symptom": (0.0, 2.7), "syndrome": (3.55, 2.95), "place": (7.35, 2.75),
         "test": (7.35, 2.75)}
_NODE_H = 0.78


@dataclass
class _Node:
    key: tuple[str, str]
    x: float
    y: float
    w: float
    label: str
    frame: FancyBboxPatch


@dataclass
class SyndromeMapArtists:
    """The overlay nodes and highlighted links of a syndrome map."""

    nodes: dict[tuple[str, str], _Node]
    links: LineCollection
    edges: dict[tuple[tuple[str, str], tuple[str, str]], tuple]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_syndrome_map` changes (no text: fast to blit)."""
        return [self.links, *(node.frame for node in self.nodes.values())]

    def highlighted(self) -> dict[str, tuple[str, ...]]:
        """The labels of the framed nodes, by column (for tests and alt text)."""
        out: dict[str, list[str]] = {}
        for (column, _key), node in self.nodes.items():
            if node.frame.get_visible():
                out.setdefault(column, []).append(node.label)
        return {k: tuple(v) for k, v in out.items()}


def _node_positions() -> dict[tuple[str, str], tuple[float, float]]:
    """Centre y of every node, by (column, id); x comes from :data:`_COLS`."""
    pos: dict[tuple[str, str], tuple[float, float]] = {}
    symptoms = list(SYMPTOMS)
    for i, sid in enumerate(symptoms):
        pos[("symptom", sid)] = (_COLS["symptom"][0], -float(i))
    bottom = -(len(symptoms) - 1)
    syndromes = list(SYNDROMES)
    step = bottom / (len(syndromes) - 1)
    for i, sid in enumerate(syndromes):
        pos[("syndrome", sid)] = (_COLS["syndrome"][0], i * step)
    places = [key for _label, key in item_options("site")]
    for i, place in enumerate(places):
        pos[("place", place)] = (_COLS["place"][0], -float(i))
    tests = list(CONFIRM_TESTS)
    top = -len(places) - 1.4
    t_step = (bottom - top) / (len(tests) - 1)
    for i, tid in enumerate(tests):
        pos[("test", tid)] = (_COLS["test"][0], top + i * t_step)
    return pos


def _node_label(column: str, key: str) -> str:
    if column == "symptom":
        return SYMPTOMS[key].label
    if column == "syndrome":
        s = SYNDROMES[key]
        return f"{_title(hormone(s.hormone).short)}: {s.short}"
    if column == "place":
        return place_label(key)
    return CONFIRM_TESTS[key].short


def _title(word: str) -> str:
    """Capitalise the first letter only (``"VIP"`` stays ``"VIP"``)."""
    return word[:1].upper() + word[1:]


def _box(ax: Axes, x: float, y: float, w: float, face: str, edge: str, lw: float,
         zorder: float) -> FancyBboxPatch:
    patch = FancyBboxPatch((x, y - _NODE_H / 2), w, _NODE_H, boxstyle="round,pad=0,"
                           "rounding_size=0.12", facecolor=face, edgecolor=edge, linewidth=lw,
                           zorder=zorder, mutation_aspect=0.4)
    ax.add_patch(patch)
    return patch


def _map_edges() -> list[tuple[tuple[str, str], tuple[str, str]]]:
    edges = []
    for s in SYNDROMES.values():
        edges += [(("symptom", sym), ("syndrome", s.id)) for sym in s.symptoms]
        edges += [(("syndrome", s.id), ("place", p)) for p in s.places]
        edges.append((("syndrome", s.id), ("test", s.test)))
    return edges


def draw_syndrome_map(ax: Axes, links: Links) -> SyndromeMapArtists:
    """Draw every symptom, syndrome, usual site and confirming test, joined by their links.

    The nodes and links are drawn once in plain style; :func:`update_syndrome_map` shows the
    ones connected to the learner's starting point on top of them.
    """
    ax.clear()
    pos = _node_positions()
    edges: dict = {}
    segments = []
    for a, b in _map_edges():
        (xa, ya), (xb, yb) = pos[a], pos[b]
        seg = ((xa + _COLS[a[0]][1], ya), (xb, yb))
        edges[(a, b)] = seg
        segments.append(seg)
    ax.add_collection(LineCollection(segments, colors=_EDGE_GREY, linewidths=0.8, zorder=1))
    nodes: dict[tuple[str, str], _Node] = {}
    for key, (x, y) in pos.items():
        w = _COLS[key[0]][1]
        label = _node_label(*key)
        _box(ax, x, y, w, _PLAIN_FILL, MUTED, 0.8, 2)
        ax.text(x + 0.1, y, label, va="center", ha="left", fontsize=8, color=TEXT, zorder=3)
        frame = _box(ax, x, y, w, "none", HIGHLIGHT, 2.0, 5)
        nodes[key] = _Node(key, x, y, w, label, frame)
    headings = (("symptom", 0.0, "Symptom or sign"), ("syndrome", 0.0, "Hormone: syndrome"),
                ("place", 0.0, "Where it arises"),
                ("test", pos[("test", next(iter(CONFIRM_TESTS)))][1], "Test that confirms it"))
    for column, top_y, text in headings:
        ax.text(_COLS[column][0], top_y + 0.7, text, fontsize=9, fontweight="bold",
                color=TEXT, va="bottom")
    links_artist = LineCollection([], colors=HIGHLIGHT, linewidths=2.2, zorder=4)
    ax.add_collection(links_artist)
    ax.set_xlim(-0.1, 10.2)
    ax.set_ylim(-len(SYMPTOMS) + 0.3, 1.6)
    ax.set_axis_off()
    artists = SyndromeMapArtists(nodes, links_artist, edges)
    update_syndrome_map(artists, links)
    return artists


def _selected_key(links: Links) -> tuple[str, str]:
    column = {"symptom": "symptom", "hormone": "syndrome", "syndrome": "syndrome",
              "site": "place", "test": "test"}[links.kind]
    if links.kind == "hormone":
        return ("syndrome", links.syndromes[0]) if links.syndromes else ("syndrome", "")
    return (column, links.item)


def update_syndrome_map(artists: SyndromeMapArtists, links: Links) -> None:
    """Show the nodes and links connected to ``links``' starting point; hide the rest."""
    linked = {("symptom", s) for s in links.symptoms} | {("syndrome", s) for s in
                                                          links.syndromes}
    linked |= {("place", p) for p in links.places} | {("test", t) for t in links.tests}
    selected = _selected_key(links)
    for key, node in artists.nodes.items():
        node.frame.set_visible(key in linked or key == selected)
        is_selected = key == selected
        # Starting from a symptom, the syndromes' other symptoms are context: a dashed frame.
        context = links.kind == "symptom" and key[0] == "symptom" and not is_selected
        restyle(node.frame, linewidth=4.0 if is_selected else 1.4 if context else 2.2,
                linestyle="--" if context else "-", edgecolor=MUTED if context else HIGHLIGHT)
    chosen = set(links.syndromes)
    segments = []
    for (a, b), seg in artists.edges.items():
        syndrome_end = a if a[0] == "syndrome" else b
        other = b if a[0] == "syndrome" else a
        if syndrome_end[1] not in chosen or other not in linked:
            continue
        if links.kind == "symptom" and other[0] == "symptom" and other != selected:
            continue  # from a symptom: show its own links, not the other symptoms' links
        segments.append(seg)
    artists.links.set_segments(segments)


# --- serotonin flow ---------------------------------------------------------------------------

_BOXES = {  # place -> (x, y, w, h, label)
    "body": (5.8, 4.3, 4.0, 2.2, "Heart and the whole body\n(the circulation)"),
    "liver": (2.9, 2.2, 2.6, 1.65, "Liver"),
    "jejunum_ileum": (0.2, 0.2, 2.8, 1.2, "Small intestine"),
    "lung": (0.2, 5.0, 2.8, 1.2, "Lung (bronchus)"),
    "ovary": (5.8, 0.2, 1.9, 1.2, "Ovary"),
    "bone": (8.0, 0.2, 1.8, 1.2, "Bones"),
}
_ARROWS = {  # name -> (start, end, label, label position)
    "portal": ((2.2, 1.4), (3.4, 2.2), "portal vein", (2.15, 1.95)),
    "hepatic": ((5.0, 3.85), (5.8, 4.6), "hepatic veins", (4.85, 4.4)),
    "lung": ((3.0, 5.6), (5.8, 5.6), "", (0, 0)),
    "ovary": ((6.75, 1.4), (6.75, 4.3), "", (0, 0)),
    "bone": ((8.9, 1.4), (8.9, 4.3), "", (0, 0)),
}


@dataclass
class FlowArtists:
    """The changing parts of the serotonin-flow drawing."""

    arrows: dict[str, FancyArrowPatch]
    primaries: dict[str, Circle]
    liver_mets: list[Circle]
    bone_mets: list[Circle]
    inactivated: object
    body: FancyBboxPatch
    body_texts: dict[bool, object] = field(default_factory=dict)

    @property
    def changing(self) -> list:
        """The artists that :func:`update_serotonin_flow` changes (one text shown at a time)."""
        return [*self.arrows.values(), *self.primaries.values(), *self.liver_mets,
                *self.bone_mets, self.inactivated, self.body, *self.body_texts.values()]


def _place_box(ax: Axes, key: str) -> FancyBboxPatch:
    x, y, w, h, label = _BOXES[key]
    patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.2",
                           facecolor="#F7F7F7", edgecolor=MUTED, linewidth=1.0, zorder=1)
    ax.add_patch(patch)
    if key != "body":
        ax.text(x + w / 2, y + h - 0.12, label, ha="center", va="top", fontsize=9.5,
                color=TEXT, zorder=2)
    return patch


def draw_serotonin_flow(ax: Axes, result: FlowResult) -> FlowArtists:
    """Draw the gut, liver, lung, ovary, bones and the body with the blood routes between them.

    Serotonin's route from each place holding tumour is drawn as a thick arrow; routes without
    tumour are thin and dashed. The liver box says what happens to the serotonin there
    (:attr:`FlowResult.liver_note`): inactivated, or released by metastases into the hepatic veins.
    """
    ax.clear()
    for key in _BOXES:
        if key != "body":
            _place_box(ax, key)
    x, y, w, h, _label = _BOXES["body"]
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.2",
                                facecolor="#F7F7F7", edgecolor=TEXT, linewidth=1.5, zorder=1))
    # The verdict panel inside the body box changes; the heading above it stays in the background.
    body = FancyBboxPatch((x + 0.2, y + 0.2), w - 0.4, h * 0.5, boxstyle="round,pad=0,"
                          "rounding_size=0.15", facecolor="#F2F2F2", edgecolor=TEXT,
                          linewidth=1.0, zorder=2)
    ax.add_patch(body)
    ax.text(x + w / 2, y + h - 0.3, "Heart and the whole body", ha="center", va="top",
            fontsize=10, color=TEXT, fontweight="bold", zorder=3)
    body_texts = {
        reaches: ax.text(x + w / 2, y + 0.2 + h * 0.25, text, ha="center", va="center",
                         fontsize=10, color=TEXT, zorder=3)
        for reaches, text in ((True, "Serotonin ARRIVES"), (False, "Little serotonin arrives"))
    }
    arrows = {}
    for name, (start, end, label, at) in _ARROWS.items():
        arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, zorder=4,
                                shrinkA=0, shrinkB=0)
        ax.add_patch(arrow)
        arrows[name] = arrow
        if label:
            ax.text(*at, label, fontsize=8.5, color=MUTED, ha="center", va="center",
                    style="italic", zorder=5)
    primaries = {}
    for place in ("jejunum_ileum", "lung", "ovary"):
        px, py, pw, _ph, _l = _BOXES[place]
        circle = Circle((px + pw / 2, py + 0.38), 0.22, facecolor=_TUMOUR, edgecolor=TEXT,
                        linewidth=1.2, zorder=6)
        ax.add_patch(circle)
        primaries[place] = circle
    liver_mets = _dots(ax, "liver")
    bone_mets = _dots(ax, "bone")
    lx, ly, lw_, _lh, _l = _BOXES["liver"]
    inactivated = ax.text(lx + lw_ / 2, ly + 0.86, result.liver_note,
                          ha="center", va="center", fontsize=8, color=TEXT,
                          fontweight="bold", zorder=6)
    ax.text(0.2, 3.4, "Tumour", fontsize=9, color=TEXT, va="center", ha="left")
    ax.add_patch(Circle((1.35, 3.4), 0.17, facecolor=_TUMOUR, edgecolor=TEXT, linewidth=1.0))
    ax.plot([0.2, 0.8], [2.9, 2.9], color=HIGHLIGHT, linewidth=3)
    ax.text(0.9, 2.9, "serotonin's route", fontsize=9, color=TEXT, va="center")
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.45, 6.7)
    ax.set_axis_off()
    artists = FlowArtists(arrows, primaries, liver_mets, bone_mets, inactivated, body,
                          body_texts)
    update_serotonin_flow(artists, result)
    return artists


def _dots(ax: Axes, place: str) -> list[Circle]:
    x, y, w, _h, _l = _BOXES[place]
    dots = []
    for i in range(3):
        dot = Circle((x + w * (0.3 + 0.2 * i), y + 0.27), 0.13, facecolor=_TUMOUR,
                     edgecolor=TEXT, linewidth=1.0, zorder=6)
        ax.add_patch(dot)
        dots.append(dot)
    return dots


def _arrow_state(arrow: FancyArrowPatch, active: bool) -> None:
    restyle(arrow, color=HIGHLIGHT if active else "#9E9E9E", linewidth=3.0 if active else 1.0,
            linestyle="-" if active else "--")


def update_serotonin_flow(artists: FlowArtists, result: FlowResult) -> None:
    """Move the tumour to ``result.primary``, show the metastases and colour the routes."""
    for place, circle in artists.primaries.items():
        circle.set_visible(place == result.primary)
    for dot in artists.liver_mets:
        dot.set_visible(result.liver_metastases)
    for dot in artists.bone_mets:
        dot.set_visible(result.bone_metastases)
    gut = result.primary == "jejunum_ileum"
    _arrow_state(artists.arrows["portal"], gut)
    _arrow_state(artists.arrows["hepatic"], result.liver_metastases)
    _arrow_state(artists.arrows["lung"], result.primary == "lung")
    _arrow_state(artists.arrows["ovary"], result.primary == "ovary")
    _arrow_state(artists.arrows["bone"], result.bone_metastases)
    artists.inactivated.set_text(result.liver_note)
    artists.inactivated.set_visible(bool(result.liver_note))
    restyle(artists.body, facecolor="#FBE0D0" if result.reaches_body else "#F2F2F2",
            linewidth=3.0 if result.reaches_body else 1.5)
    for reaches, text in artists.body_texts.items():
        text.set_visible(reaches == result.reaches_body)


# --- mystery patient ----------------------------------------------------------------------------

_MAX_CLUES = 3
_NO_CLUES = "No hormone-related\nsymptoms"


@dataclass
class MysteryArtists:
    """The clue cards and answer boxes of a mystery drawing (a pool reused for every story)."""

    clue_boxes: list[FancyBboxPatch]
    clue_texts: list
    clue_arrows: list[FancyArrowPatch]
    hormone_box: FancyBboxPatch
    hormone_text: object
    syndrome_box: FancyBboxPatch
    syndrome_text: object

    @property
    def changing(self) -> list:
        """The artists that :func:`update_mystery` changes."""
        return [*self.clue_boxes, *self.clue_texts, *self.clue_arrows, self.hormone_box,
                self.hormone_text, self.syndrome_box, self.syndrome_text]

    def clues_shown(self) -> tuple[str, ...]:
        """The clue labels currently drawn (for tests and alt text)."""
        return tuple(t.get_text() for t in self.clue_texts if t.get_visible())


def _clue_y(i: int) -> float:
    return 3.4 - i * 1.05


def draw_mystery(ax: Axes, case: Mystery, verdict: MysteryVerdict, hormone_pick: str,
                 syndrome_pick: str) -> MysteryArtists:
    """Draw clue cards, an arrow to the hormone and one to the syndrome, for ``case``."""
    ax.clear()
    ax.text(0.0, 4.25, "Clues in the story", fontsize=9.5, fontweight="bold", color=TEXT)
    boxes, texts, arrows = [], [], []
    for i in range(_MAX_CLUES):
        y = _clue_y(i)
        box = FancyBboxPatch((0.0, y - 0.35), 3.0, 0.7,
                             boxstyle="round,pad=0,rounding_size=0.12", facecolor="#F2F2F2",
                             edgecolor=MUTED, linewidth=1.0)
        ax.add_patch(box)
        boxes.append(box)
        texts.append(ax.text(0.12, y, "", fontsize=9, va="center", color=TEXT))
        arrow = FancyArrowPatch((3.0, y), (3.95, 2.0), arrowstyle="-|>", mutation_scale=12,
                                color=MUTED, linewidth=1.0, shrinkA=0, shrinkB=0)
        ax.add_patch(arrow)
        arrows.append(arrow)
    ax.text(4.0, 4.25, "Which hormone?", fontsize=9.5, fontweight="bold", color=TEXT)
    ax.text(7.3, 4.25, "Which syndrome?", fontsize=9.5, fontweight="bold", color=TEXT)
    hormone_box = FancyBboxPatch((4.0, 1.2), 2.7, 1.6, boxstyle="round,pad=0,rounding_size=0.2",
                                 facecolor="#FFFFFF", edgecolor=MUTED, linewidth=1.5)
    syndrome_box = FancyBboxPatch((7.3, 1.2), 2.7, 1.6,
                                  boxstyle="round,pad=0,rounding_size=0.2",
                                  facecolor="#FFFFFF", edgecolor=MUTED, linewidth=1.5)
    ax.add_patch(hormone_box)
    ax.add_patch(syndrome_box)
    ax.add_patch(FancyArrowPatch((6.7, 2.0), (7.3, 2.0), arrowstyle="-|>", mutation_scale=12,
                                 color=MUTED, linewidth=1.0, shrinkA=0, shrinkB=0))
    hormone_text = ax.text(5.35, 2.0, "", ha="center", va="center", fontsize=9.5, color=TEXT)
    syndrome_text = ax.text(8.65, 2.0, "", ha="center", va="center", fontsize=9.5, color=TEXT)
    ax.set_xlim(-0.1, 10.1)
    ax.set_ylim(0.7, 4.65)
    ax.set_axis_off()
    artists = MysteryArtists(boxes, texts, arrows, hormone_box, hormone_text, syndrome_box,
                             syndrome_text)
    update_mystery(artists, case, verdict, hormone_pick, syndrome_pick)
    return artists


def _answer_label(pick: str, is_hormone: bool) -> str:
    if pick == "":
        return "?"
    if is_hormone:
        return "None" if pick == NO_HORMONE else _title(hormone(pick).short)
    return "Non-functioning" if pick == NONFUNCTIONING else SYNDROMES[pick].short


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _answer_state(box: FancyBboxPatch, text, label: str, correct: bool | None) -> None:
    if correct is None:
        restyle(box, edgecolor=MUTED, linewidth=1.5)
        text.set_text(label)
        restyle(text, fontsize=16 if label == "?" else 9.5)
        return
    restyle(box, edgecolor=_RIGHT if correct else _WRONG, linewidth=3.5)
    mark = "✓ right" if correct else "✗ not quite"
    text.set_text(f"{_wrap(label)}\n{mark}")
    restyle(text, fontsize=9.5)


def update_mystery(artists: MysteryArtists, case: Mystery, verdict: MysteryVerdict,
                   hormone_pick: str, syndrome_pick: str) -> None:
    """Show ``case``'s clues and the learner's answers, each marked right or not in words."""
    labels = [SYMPTOMS[c].label for c in case.clues] or [_NO_CLUES]
    if len(labels) > _MAX_CLUES:
        raise ValueError(f"a mystery may show at most {_MAX_CLUES} clues, {case.id!r} has "
                         f"{len(labels)}")
    for i, (box, text, arrow) in enumerate(zip(artists.clue_boxes, artists.clue_texts,
                                               artists.clue_arrows, strict=True)):
        shown = i < len(labels)
        for artist in (box, text, arrow):
            artist.set_visible(shown)
        text.set_text(labels[i] if shown else "")
    _answer_state(artists.hormone_box, artists.hormone_text,
                  _answer_label(hormone_pick, True), verdict.hormone.correct)
    _answer_state(artists.syndrome_box, artists.syndrome_text,
                  _answer_label(syndrome_pick, False), verdict.syndrome.correct)
