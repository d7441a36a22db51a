"""The map editor's files besides the scenario itself: the recent-files list (in the
user's config folder), the autosave folder (in the user's data folder), and the
thumbnail written next to a saved scenario (`NAME.png`)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pygame

from ..scenario.writer import write_text_atomic
from .settings import config_dir

log = logging.getLogger(__name__)

RECENT_FILE = "editor-recent.json"
RECENT_LIMIT = 10
THUMBNAIL_PX = 320  # the longer side of a saved thumbnail


def recent_path() -> Path:
    return config_dir() / RECENT_FILE


def recent_files() -> list[Path]:
    """Files opened or saved lately, newest first (those that still exist)."""
    try:
        data = json.loads(recent_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str) and Path(p).is_file()][:RECENT_LIMIT]


def remember(path: Path) -> list[Path]:
    """Put `path` at the top of the recent files."""
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files() if p.resolve() != path]
    files = files[:RECENT_LIMIT]
    try:
        recent_path().parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(recent_path(), json.dumps([str(p) for p in files], indent=1) + "\n")
    except OSError as exc:  # a read-only config folder costs the list, not the save
        log.warning("cannot remember recent files: %s", exc)
    return files


def thumbnail_path(scenario: Path) -> Path:
    return Path(scenario).with_suffix(".png")


def thumbnail_size(width: int, height: int, longest: int = THUMBNAIL_PX) -> tuple[int, int]:
    scale = longest / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def write_thumbnail(picture: pygame.Surface, scenario: Path) -> Path:
    target = thumbnail_path(scenario)
    pygame.image.save(picture, str(target))
    return target
