"""Large PNG frames are encoded in two halves at once (one worker thread): same bytes, same
pixels, errors not lost.
"""

from __future__ import annotations

import io
import math
import threading

import numpy as np
import pytest
from PIL import Image

from gepnet_widgets.widgets import _figure
from gepnet_widgets.widgets._figure import BAND_ROWS, PALETTE_TOLERANCE, PngStream, in_two


@pytest.fixture(autouse=True)
def _an_idle_machine(monkeypatch):
    """The halves run at once only with a core to spare: pretend the machine is idle (a reading
    of the load average that is never read again)."""
    monkeypatch.setattr(_figure, "_load_seen", (math.inf, 0.0))


def _decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _frames(palette: bool) -> list[tuple[np.ndarray, list[tuple[int, int]] | None]]:
    """A stream's frames: a first one, big and small changes, new colours, a resize."""
    rng = np.random.default_rng(3)
    height, width = 16 * BAND_ROWS + 5, 90  # a short last band
    rgba = np.full((height, width, 4), 255, np.uint8)
    rgba[10:200, 5:60, :3] = (0, 114, 178)
    frames: list[tuple[np.ndarray, list[tuple[int, int]] | None]] = [(rgba.copy(), None)]
    rgba[:, 20:40, :3] = (230, 159, 0)  # every band
    frames.append((rgba.copy(), None))
    rgba[3:9, 70:80, :3] = (204, 121, 167)  # one band, with a hint
    frames.append((rgba.copy(), [(0, 12)]))
    noise = rng.integers(0, 256, (120, width, 3), np.uint8)  # many new colours: palette grows
    rgba[40:160, :, :3] = noise
    frames.append((rgba.copy(), None))
    rgba[100:250, :, :3] = 255 - rgba[100:250, :, :3]  # bands 6..15, the last one short
    frames.append((rgba.copy(), [(100, height)]))
    frames.append((np.ascontiguousarray(rgba[:200]), None))  # a new size
    if palette:
        # More new colours than a palette holds: a new palette for the whole frame.
        rgba[:200, :, :3] = rng.integers(0, 256, (200, width, 3), np.uint8)
        frames.append((rgba.copy(), None))
    return frames


def _encode_all(palette: bool) -> list[bytes]:
    stream = PngStream(palette)
    return [stream.encode(frame, rows) for frame, rows in _frames(palette)]


@pytest.mark.parametrize("palette", [False, True], ids=["rgb", "palette"])
def test_two_halves_give_the_bytes_one_thread_gives(palette, monkeypatch):
    monkeypatch.setattr(_figure, "_CORES", 2)
    monkeypatch.setattr(_figure, "PARALLEL_MIN_BANDS", 10 ** 6)
    alone = _encode_all(palette)
    monkeypatch.setattr(_figure, "PARALLEL_MIN_BANDS", 2)
    together = _encode_all(palette)
    assert together == alone
    for k, (png, (frame, _rows)) in enumerate(zip(together, _frames(palette), strict=True)):
        shown = _decoded(png)
        assert shown.shape == frame[..., :3].shape
        if not palette:
            assert np.array_equal(shown, frame[..., :3]), k
        elif k < 3:  # (noise has more colours than a palette holds: only nearest colours)
            assert np.abs(shown - frame[..., :3]).max() <= PALETTE_TOLERANCE, k


def test_the_second_half_runs_in_the_worker_and_results_keep_their_order(monkeypatch):
    monkeypatch.setattr(_figure, "_CORES", 2)
    seen: list[tuple[list[int], str]] = []

    def work(items: list[int]) -> list[int]:
        seen.append((items, threading.current_thread().name))
        return [10 * i for i in items]

    items = list(range(_figure.PARALLEL_MIN_BANDS + 3))
    assert in_two(work, items) == [10 * i for i in items]
    middle = len(items) // 2
    names = {tuple(part): name for part, name in seen}
    assert set(names) == {tuple(items[:middle]), tuple(items[middle:])}
    assert names[tuple(items[middle:])].startswith("gepnet-png")
    assert names[tuple(items[:middle])] == threading.current_thread().name


def _recording_threads(threads: list[str]):
    """Work that returns its items and notes the thread it ran in."""
    def work(items: list[int]) -> list[int]:
        threads.append(threading.current_thread().name)
        return items
    return work


def test_few_items_or_one_core_stay_in_the_callers_thread(monkeypatch):
    threads: list[str] = []
    work = _recording_threads(threads)
    monkeypatch.setattr(_figure, "_CORES", 2)
    few = list(range(_figure.PARALLEL_MIN_BANDS - 1))
    assert in_two(work, few) == few
    monkeypatch.setattr(_figure, "_CORES", 1)
    many = list(range(_figure.PARALLEL_MIN_BANDS * 3))
    assert in_two(work, many) == many
    assert threads == [threading.current_thread().name] * 2
    assert in_two(work, []) == []


@pytest.mark.parametrize("failing_half", ["first", "second"])
def test_an_error_in_either_half_reaches_the_caller(failing_half, monkeypatch):
    monkeypatch.setattr(_figure, "_CORES", 2)
    items = list(range(_figure.PARALLEL_MIN_BANDS * 2))

    def work(part: list[int]) -> list[int]:
        if (part[0] == 0) == (failing_half == "first"):
            raise ValueError(f"bad {failing_half} half")
        return part

    with pytest.raises(ValueError, match=f"bad {failing_half} half"):
        in_two(work, items)
    # The worker is free again afterwards.
    assert in_two(lambda part: part, items) == items


def test_each_thread_maps_to_its_own_palette_image(monkeypatch):
    # Pillow fills a colour cache inside the palette while it maps, without Python's lock.
    monkeypatch.setattr(_figure, "_CORES", 2)
    monkeypatch.setattr(_figure, "PARALLEL_MIN_BANDS", 2)
    stream = PngStream(palette=True)
    first, second = (frame for frame, _rows in _frames(palette=True)[:2])
    for frame in (first, second, first):  # the last one has only colours the palette holds
        stream.encode(frame)
    images = list(stream._palette_images.values())
    assert len(images) == 2 and images[0] is not images[1]
    assert images[0].getpalette() == images[1].getpalette()


def test_a_busy_machine_gets_no_second_thread(monkeypatch):
    threads: list[str] = []
    work = _recording_threads(threads)
    monkeypatch.setattr(_figure, "_CORES", 2)
    monkeypatch.setattr(_figure, "_load_seen", (-math.inf, 0.0))  # read it now
    monkeypatch.setattr(_figure.os, "getloadavg", lambda: (1.6, 1.0, 1.0))  # a class at work
    items = list(range(_figure.PARALLEL_MIN_BANDS * 2))
    assert in_two(work, items) == items
    assert threads == [threading.current_thread().name]
    # The reading is kept for a second, then read again: an idle machine splits the work.
    monkeypatch.setattr(_figure.os, "getloadavg", lambda: (1.2, 1.0, 1.0))  # one learner dragging
    assert in_two(work, items) == items and len(threads) == 2
    monkeypatch.setattr(_figure, "_load_seen", (-math.inf, 0.0))
    assert in_two(work, items) == items and len(threads) == 4
    assert threads[-1].startswith("gepnet-png") or threads[-2].startswith("gepnet-png")
