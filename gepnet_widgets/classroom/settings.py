"""The classroom's two settings: where hand-ins go, and whether the course is in assessment mode.

Both come from one place the hub admin controls: an environment variable set for every learner's
server (``GEPNET_HANDIN_DIR``, ``GEPNET_ASSESSMENT``) or a small JSON file,
``/etc/gepnet/classroom.json`` (another path with ``GEPNET_CLASSROOM_CONFIG``)::

    {"handin_dir": "/srv/gepnet/handin", "assessment": false}

An environment variable wins over the file. A file that cannot be read or is not valid is
ignored, and :attr:`ClassroomSettings.message` says why, in words.

Pure layer-1 module: standard library only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CONFIG_PATH",
    "ENV_ASSESSMENT",
    "ENV_CONFIG",
    "ENV_HANDIN",
    "ClassroomSettings",
    "load_settings",
    "parse_switch",
]

ENV_HANDIN = "GEPNET_HANDIN_DIR"  #: the drop-box folder
ENV_ASSESSMENT = "GEPNET_ASSESSMENT"  #: "1" turns assessment mode on
ENV_CONFIG = "GEPNET_CLASSROOM_CONFIG"  #: another path for the config file
CONFIG_PATH = Path("/etc/gepnet/classroom.json")  #: the file a hub admin writes
MAX_CONFIG_BYTES = 10_000
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class ClassroomSettings:
    """How this copy of the course is set up for a class.

    Attributes
    ----------
    handin_dir : pathlib.Path or None
        The drop-box folder; ``None``: hand-ins become a file the learner downloads.
    assessment : bool
        Assessment mode: explanations and answers hidden until hand-in, first attempt only.
    message : str
        A sentence about a setting that could not be used (empty when all is well).
    """

    handin_dir: Path | None = None
    assessment: bool = False
    message: str = ""


def parse_switch(value: object) -> bool:
    """Read an on/off setting: ``1/true/yes/on`` or ``0/false/no/off`` (any case), or a bool.

    Raises
    ------
    ValueError
        If the value is neither.
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{str(value)[:20]!r} is not an on/off value (use 1 or 0)")


def _read_config(path: Path) -> tuple[dict[str, object], str]:
    """The config file's fields, and a message if it could not be used."""
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            return {}, f"{path} is too large to be the classroom settings file; it was ignored."
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"{path} could not be read ({exc.__class__.__name__}); it was ignored."
    if not isinstance(data, Mapping) or set(data) - {"handin_dir", "assessment"}:
        return {}, (f"{path} should be a JSON object with only 'handin_dir' and 'assessment'; "
                    "it was ignored.")
    if "handin_dir" in data and not isinstance(data["handin_dir"], str | None):
        return {}, f"{path}: 'handin_dir' must be a folder path; the file was ignored."
    return dict(data), ""


def load_settings(environ: Mapping[str, str] | None = None) -> ClassroomSettings:
    """The classroom settings from the environment, else the config file.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read (default: ``os.environ``).
    """
    env = os.environ if environ is None else environ
    config_path = Path(env.get(ENV_CONFIG, "").strip() or CONFIG_PATH)
    config, message = _read_config(config_path)
    folder = env.get(ENV_HANDIN, "").strip() or str(config.get("handin_dir") or "").strip()
    raw_switch = env.get(ENV_ASSESSMENT)
    if raw_switch is None:
        raw_switch = config.get("assessment", False)
    try:
        assessment = parse_switch(raw_switch)
    except ValueError as exc:
        assessment = False
        message = " ".join(filter(None, [message, f"Assessment mode is off: {exc}."]))
    return ClassroomSettings(Path(folder).expanduser() if folder else None, assessment, message)
