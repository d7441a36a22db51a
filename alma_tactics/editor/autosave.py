"""Autosave of the working copy, and its recovery after a crash.

The working copy is written (atomically, as the scenario file `save_scenario`
would write) to `autosave.toml` in `default_dir()` (the `editor` folder of the
game's data folder: `ALMA_TACTICS_DATA_DIR` if set, else platformdirs' user data
folder), with `autosave.json` saying when and from which file. A clean exit
writes `clean-exit.json` and removes the autosave; at the next start, `recover()`
offers an autosave newer than the last clean exit, which only a crash (or a kill)
leaves behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.catalog import Catalog
from ..folders import data_dir
from ..scenario import scenario_text
from ..scenario.writer import write_text_atomic
from .document import MapDocument

WORKING_COPY = "autosave.toml"
INFO = "autosave.json"
CLEAN_EXIT = "clean-exit.json"


def default_dir() -> Path:
    """Where autosaves go unless told otherwise: beside the game's saves, so that
    `ALMA_TACTICS_DATA_DIR` moves them too (tests, portable installs)."""
    return data_dir() / "editor"


@dataclass(frozen=True)
class Recovery:
    """An autosave left by a session that did not exit cleanly."""

    path: Path  # the autosaved working copy
    source: Path | None  # the file the user was editing (None: never saved)
    saved_at: float  # time.time() of the autosave
    title: str

    def load(self, catalog: Catalog | None = None) -> MapDocument:
        """The recovered document (its `path` is the original file, if any)."""
        doc = MapDocument.open(self.path, catalog)
        doc.path = self.source
        return doc


class Autosaver:
    """Autosaves in one folder (default: `default_dir()`)."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()

    @property
    def working_copy(self) -> Path:
        return self.directory / WORKING_COPY

    def save(self, doc: MapDocument, source: Path | None = None) -> Path:
        """Write the working copy now (atomically). `source`: the file it belongs to
        (default: the document's path)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.working_copy, scenario_text(doc.to_doc()))
        source = source if source is not None else doc.path
        info = {
            "saved_at_ns": time.time_ns(),
            "source": str(Path(source).resolve()) if source is not None else None,
            "title": doc.title,
        }
        write_text_atomic(self.directory / INFO, json.dumps(info, indent=1) + "\n")
        return self.working_copy

    def recover(self) -> Recovery | None:
        """The autosave to offer, if it is newer than the last clean exit."""
        info = _read_json(self.directory / INFO)
        if not info or not self.working_copy.exists():
            return None
        saved_at = info.get("saved_at_ns")
        if not isinstance(saved_at, int):
            return None
        clean = _read_json(self.directory / CLEAN_EXIT) or {}
        clean_at = clean.get("at_ns") if isinstance(clean.get("at_ns"), int) else -1
        if saved_at <= clean_at:
            return None
        source = info.get("source")
        return Recovery(
            self.working_copy,
            Path(source) if isinstance(source, str) else None,
            saved_at / 1e9,
            str(info.get("title", "")),
        )

    def discard(self) -> None:
        """Forget the autosave (after recovering it, or when the user declines)."""
        for name in (INFO, WORKING_COPY):  # the info first: without it nothing is offered
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.directory / name)

    def mark_clean_exit(self) -> None:
        """The editor is closing normally: nothing to recover next time."""
        self.directory.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.directory / CLEAN_EXIT, json.dumps({"at_ns": time.time_ns()}) + "\n")
        self.discard()


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def autosave(doc: MapDocument, dir: str | Path | None = None, source: Path | None = None) -> Path:
    """Write `doc`'s working copy to the autosave folder (default: `default_dir()`)."""
    return Autosaver(dir).save(doc, source)


def recover(dir: str | Path | None = None) -> Recovery | None:
    """An autosave newer than the last clean exit, or None."""
    return Autosaver(dir).recover()


def mark_clean_exit(dir: str | Path | None = None) -> None:
    Autosaver(dir).mark_clean_exit()
