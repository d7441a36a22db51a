"""The player's settings, kept as JSON in the user's config folder.

`Settings.load()` never fails: a missing file gives the defaults, a broken one
gives the defaults with a warning (logged, and kept in `Settings.notice` for the
menu to show), and a single bad value falls back to its own default only.
`save()` writes atomically, so a crash mid-write leaves the old file whole.

The folders (`config_dir`, `data_dir`, `saves_dir`) live in `alma_tactics.folders`.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..folders import config_dir, data_dir, saves_dir  # noqa: F401 (imported from here too)
from ..scenario.writer import write_text_atomic

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"

RESOLUTIONS = ((1024, 640), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440))
UI_SCALE_RANGE = (0.75, 2.0)
ANIMATION_SPEED_RANGE = (0.25, 4.0)
INTENT_CHOICES = ("easy", "on", "off")  # "easy": shown only against an easy computer player

# Action -> pygame key name (`pygame.key.name`); the battle screen reads these.
DEFAULT_KEYS: dict[str, str] = {
    "end_turn": "return",
    "undo": "backspace",
    "pause": "escape",
    "next_unit": "tab",
    "centre": "c",
    "overwatch": "o",
    "reload": "r",
    "pan_up": "w",
    "pan_down": "s",
    "pan_left": "a",
    "pan_right": "d",
    "zoom_in": "=",
    "zoom_out": "-",
    "skip_animation": "space",
    "quicksave": "f5",
    "quickload": "f9",
}

ACTION_LABELS: dict[str, str] = {
    "end_turn": "End turn",
    "undo": "Undo move",
    "pause": "Pause menu",
    "next_unit": "Next unit",
    "centre": "Centre on unit",
    "overwatch": "Overwatch",
    "reload": "Reload",
    "pan_up": "Pan up",
    "pan_down": "Pan down",
    "pan_left": "Pan left",
    "pan_right": "Pan right",
    "zoom_in": "Zoom in",
    "zoom_out": "Zoom out",
    "skip_animation": "Skip animation",
    "quicksave": "Quicksave",
    "quickload": "Quickload",
}


def settings_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass
class Settings:
    resolution: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    ui_scale: float = 1.0
    animation_speed: float = 1.0  # multiplier: 2.0 plays animations twice as fast
    edge_scrolling: bool = True
    volume: float = 0.8
    mute: bool = False
    colour_blind: bool = False  # patterns and outlines beside the side colours
    high_contrast: bool = False
    telegraph_intent: str = "easy"  # one of INTENT_CHOICES
    # hot-seat: the "Pass to ..." screen between people's turns. Off, the next player's
    # view opens straight away (friends at one table); a side with a PIN still gets it
    hand_over_screen: bool = True
    key_bindings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    # what went wrong reading the file, for the menu to show (never saved)
    notice: str = field(default="", compare=False, repr=False)

    # --- what other screens ask --------------------------------------------------------------
    def shows_intent(self, difficulty: str) -> bool:
        """Whether to telegraph the computer's intent against a side of this difficulty."""
        if self.telegraph_intent == "easy":
            return difficulty == "easy"
        return self.telegraph_intent == "on"

    @property
    def effective_volume(self) -> float:
        return 0.0 if self.mute else self.volume

    def key_name(self, action: str) -> str:
        return self.key_bindings.get(action, DEFAULT_KEYS.get(action, ""))

    def action_for_key(self, key: int) -> str | None:
        """The action bound to a pygame key code, or None."""
        import pygame

        name = pygame.key.name(key)
        for action, bound in self.key_bindings.items():
            if bound == name:
                return action
        return None

    def bind(self, action: str, key_name: str) -> None:
        """Bind `action` to a key; an action that had this key takes the old one (a swap)."""
        old = self.key_bindings.get(action, "")
        for other, bound in self.key_bindings.items():
            if other != action and bound == key_name:
                self.key_bindings[other] = old
        self.key_bindings[action] = key_name

    # --- the file ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "notice"}
        data["resolution"] = list(self.resolution)
        data["key_bindings"] = dict(self.key_bindings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, and the names of the values that were bad."""
        settings = cls()
        bad: list[str] = []
        for f in fields(cls):
            if f.name == "notice" or f.name not in data:
                continue
            value = _checked(f.name, data[f.name], getattr(settings, f.name))
            if value is None:
                bad.append(f.name)
            else:
                setattr(settings, f.name, value)
        return settings, bad

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        path = Path(path) if path else settings_path()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            return cls._fallback(f"cannot read {path} ({exc}); using the default settings")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return cls._fallback(
                f"{path} is damaged (line {exc.lineno}: {exc.msg}); using the default settings"
            )
        if not isinstance(data, dict):
            return cls._fallback(f"{path} is not a settings file; using the default settings")
        settings, bad = cls.from_dict(data)
        if bad:
            settings.notice = f"{path}: ignored bad value(s) for {', '.join(bad)}"
            log.warning(settings.notice)
        return settings

    @classmethod
    def _fallback(cls, message: str) -> Settings:
        log.warning(message)
        settings = cls()
        settings.notice = message
        return settings

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path) if path else settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n")
        return path


def _checked(name: str, value: Any, default: Any) -> Any:
    """`value` if it suits the setting `name` (clamped into range), else None."""
    if name == "resolution":
        if (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(
                isinstance(v, int) and not isinstance(v, bool) and 320 <= v <= 16384 for v in value
            )
        ):
            return (value[0], value[1])
        return None
    if name == "key_bindings":
        if not isinstance(value, dict):
            return None
        keys = dict(DEFAULT_KEYS)
        for action, key in value.items():
            if action in DEFAULT_KEYS and isinstance(key, str) and key:
                keys[action] = key
        return keys
    if name == "telegraph_intent":
        return value if value in INTENT_CHOICES else None
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value):
            return None
        low, high = {
            "ui_scale": UI_SCALE_RANGE,
            "animation_speed": ANIMATION_SPEED_RANGE,
            "volume": (0.0, 1.0),
        }[name]
        return float(min(max(value, low), high))
    return None
