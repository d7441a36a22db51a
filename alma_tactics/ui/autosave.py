"""Autosaves: one at the start of every human side's turn, the last few kept.

They go to the saves folder (the user's data folder, from platformdirs) as
`autosave-SCENARIO-turnNNN-SIDE.json`, written atomically through
`saves.write_save`, and are listed by the Load game screen like any other save.
Only the newest `KEEP` are kept. A hot-seat game's PINs are never written: a save
holds the scenario, the seed and the action log, nothing else.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..match.match import Match

log = logging.getLogger(__name__)

KEEP = 5
PREFIX = "autosave-"


def autosave_name(match: Match) -> str:
    """`autosave-duel-turn003-red`: the scenario, the turn and whose turn it is."""
    state = match.state
    scenario = match.scenario_name or "battle"
    return f"{PREFIX}{scenario}-turn{state.turn:03d}-{state.active_side.id}"


def autosaves(folder: Path) -> list[Path]:
    """The autosaves in `folder`, newest first."""
    found = [p for p in Path(folder).glob(f"{PREFIX}*.json") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` autosaves; returns the deleted files."""
    doomed = autosaves(folder)[keep:]
    for path in doomed:
        try:
            path.unlink()
        except OSError as exc:  # a file another program holds: try again next time
            log.warning("could not delete the old autosave %s: %s", path, exc)
    return doomed


def write_autosave(match: Match, folder: Path, keep: int = KEEP) -> Path:
    """Write the match as an autosave and drop the oldest beyond `keep`."""
    from ..match.saves import write_save

    folder = Path(folder)
    existing = autosaves(folder) if folder.exists() else []
    path = write_save(match, folder / f"{autosave_name(match)}.json")
    # Newest by modification time, even when the clock's grain is coarser than a turn.
    newest = max((p.stat().st_mtime_ns for p in existing if p != path), default=0)
    stamp = max(time.time_ns(), newest + 1_000)
    os.utime(path, ns=(stamp, stamp))
    prune(folder, keep)
    return path


class AutoSaver:
    """Watches a battle: when a human side's turn begins, autosaves it.

    A game opened from a save part-way through a turn is not saved again at once;
    a new game is saved at its first human turn.
    """

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self.seen: tuple[int, int] | None = None  # (turn, active side index) last looked at
        self.written: list[Path] = []

    def tick(self, match: Match, human_sides: list[str], folder: Path) -> Path | None:
        state = match.state
        key = (state.turn, state.active)
        if key == self.seen:
            return None
        first = self.seen is None
        self.seen = key
        if state.winner or state.active_side.id not in human_sides:
            return None
        if first and match.log:
            return None
        path = write_autosave(match, folder, self.keep)
        self.written.append(path)
        return path
