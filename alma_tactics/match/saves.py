"""Saved games: JSON holding the scenario itself, the seed and the action log.

A save is replayed, never trusted: loading rebuilds the battle from the embedded
scenario by submitting every logged action through the rules, then compares the
state hash with the one saved. Writing is atomic (a temporary file in the same
folder, flushed to disk, then renamed over the old save), so a crash mid-write
leaves the previous save intact. Nothing in a save is ever executed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..content import load_catalog
from ..core.actions import Action
from ..scenario.build import build_state
from .match import Match, collector_paused

FORMAT = 1


class SaveError(Exception):
    """A save that cannot be loaded; the message says why, in one line."""


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _digest(data: object) -> str:
    return hashlib.sha256(_canonical(data).encode()).hexdigest()


def save_dict(match: Match) -> dict:
    """The JSON-able save of a match (which must know its scenario document)."""
    doc = match.scenario_doc
    if doc is None:
        raise SaveError("this match was not started from a scenario document")
    body = {
        "format": FORMAT,
        "game_version": __version__,
        "scenario_name": match.scenario_name,
        "scenario": doc,
        "scenario_hash": _digest(doc),
        "seed": match.seed,
        "controllers": {s["id"]: s["controller"] for s in match.initial["sides"]},
        "log": [a.to_dict() for a in match.log],
        "state_hash": match.state.state_hash(),
    }
    return {**body, "checksum": _digest(body)}


def write_save(match: Match, path: str | Path) -> Path:
    """Write atomically: the old file stays whole until the new one is complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(save_dict(match), separators=(",", ":"), sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass
class Loaded:
    match: Match
    saved_hash: str
    replayed_hash: str
    saved_version: str = ""  # the game version that wrote the save

    @property
    def verified(self) -> bool:
        return self.saved_hash == self.replayed_hash

    def mismatch(self) -> str:
        """Why the replay ends elsewhere than the save, in one line ("" if it does not)."""
        if self.verified:
            return ""
        if self.saved_version and self.saved_version != __version__:
            return (
                f"the replay does not match the save: it was made by version "
                f"{self.saved_version} and the rules changed since (this is {__version__})"
            )
        return f"the replay does not match the save (saved {self.saved_hash})"


def read_save(path: str | Path) -> dict:
    """Parse and check a save file's outer shape and checksum (no replay yet)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path} is not a text save file") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path} is damaged or truncated (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise SaveError(f"{path} is not an Alma Tactics save")
    fmt = data.get("format")
    if not isinstance(fmt, int):
        raise SaveError(f"{path} is not an Alma Tactics save (no format number)")
    if fmt > FORMAT:
        raise SaveError(f"{path} was written by a newer version (save format {fmt} > {FORMAT})")
    body = {k: v for k, v in data.items() if k != "checksum"}
    if data.get("checksum") != _digest(body):
        raise SaveError(f"{path} has been changed or damaged (checksum mismatch)")
    for key, kind in (("scenario", dict), ("seed", int), ("log", list), ("state_hash", str)):
        if not isinstance(data.get(key), kind):
            raise SaveError(f"{path} is missing its {key}")
    if data.get("scenario_hash") != _digest(data["scenario"]):
        raise SaveError(f"{path} has a scenario that does not match its hash")
    return data


def starting_match(data: dict, catalog=None) -> Match:
    """The saved battle as it began (nothing of its log played yet), from `read_save`'s
    data: the embedded scenario, the seed and who played which side."""
    state = build_state(catalog or load_catalog(), data["scenario"], data["seed"])
    for side, controller in data.get("controllers", {}).items():
        if controller in ("human", "ai"):  # who played which side, chosen at the start
            state.side(side).controller = controller
    return Match(
        state,
        data["seed"],
        scenario_doc=data["scenario"],
        scenario_name=data.get("scenario_name", ""),
        undo=False,  # replayed moves cannot be taken back anyway
    )


def load_save(path: str | Path) -> Loaded:
    """Rebuild the saved battle by replaying its log; report a hash mismatch."""
    data = read_save(path)
    try:
        match = starting_match(data)
        with collector_paused():
            for entry in data["log"]:
                match.submit(Action.from_dict(entry))
        match.keeps_undo = True
    except SaveError:
        raise
    except Exception as exc:  # a save that does not replay is damaged, whatever broke
        raise SaveError(f"{path} does not replay: {type(exc).__name__}: {exc}") from None
    version = data.get("game_version")
    return Loaded(
        match,
        data["state_hash"],
        match.state.state_hash(),
        version if isinstance(version, str) else "",
    )
