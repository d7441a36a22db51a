"""Where a document names a side, squad, unit/object, area or objective by id (the
sides' computer hints name areas too).

`references(doc, kind, ident)` lists every place that names `ident` (so a form
can say "used by 4 units and 2 triggers"), and `rename_edits` changes them all
when an id is renamed, so a rename never leaves a dangling reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .document import MapDocument, iter_tables
from .edits import MISSING, Edit, SetValue

KINDS = ("side", "squad", "thing", "area", "objective")

# What names what inside a trigger step: `{ kind = arg }` -> the ref kind of the
# argument itself (a str) or of its keys (a dict).
CONDITION_REFS: dict[str, str | dict[str, str]] = {
    "enters": {"side": "side", "area": "area"},
    "held": {"side": "side", "area": "area"},
    "alarm": "side",
    "no_units": "side",
    "attacked": "area",
    "destroyed": "thing",
}
EFFECT_REFS: dict[str, str | dict[str, str]] = {
    "reinforce": {"side": "side"},
    "controller": {"side": "side"},
    "alertness": {"side": "side"},
    "victory": "side",
    "defeat": "side",
    "reveal": {"side": "side", "area": "area"},
    "objective": {"id": "objective"},
}
# Keys of the [[section]] tables that name something.
TABLE_REFS: dict[str, dict[str, str]] = {
    "unit": {"side": "side", "squad": "squad", "carried_by": "thing"},
    "squad": {"side": "side"},
    "object": {"side": "side", "generator": "thing"},
    "objective": {"side": "side"},
}


@dataclass(frozen=True)
class Ref:
    """One mention of an id: the value at `path` (or, with `is_key`, the key `path[-1]`)."""

    path: tuple[str | int, ...]
    is_key: bool = False

    @property
    def section(self) -> str:
        return str(self.path[0])

    @property
    def index(self) -> int | None:
        return self.path[1] if len(self.path) > 1 and isinstance(self.path[1], int) else None


def references(doc: MapDocument, kind: str, ident: str) -> list[Ref]:
    """Every place that names `ident` as a `kind` ("side", "squad", "thing", "area",
    "objective"), in document order."""
    if kind not in KINDS:
        raise ValueError(f"unknown reference kind {kind!r} (one of {', '.join(KINDS)})")
    return [ref for ref, k, value in _all_refs(doc) if k == kind and value == ident]


def _all_refs(doc: MapDocument) -> Iterator[tuple[Ref, str, Any]]:
    for section, keys in TABLE_REFS.items():
        for i, table in iter_tables(doc, section):
            for key, kind in keys.items():
                if key in table:
                    yield Ref((section, i, key)), kind, table[key]
    for i, side in iter_tables(doc, "side"):  # the computer player's hints name areas
        hints = side.get("ai")
        if not isinstance(hints, dict):
            continue
        for key in ("base", "attack"):
            if key in hints:
                yield Ref(("side", i, "ai", key)), "area", hints[key]
        defend = hints.get("defend")
        for j, area in enumerate(defend if isinstance(defend, list) else []):
            yield Ref(("side", i, "ai", "defend", j)), "area", area
    for i, trigger in iter_tables(doc, "trigger"):
        for part, refs in (("when", CONDITION_REFS), ("then", EFFECT_REFS)):
            steps = trigger.get(part)
            if not isinstance(steps, list):
                continue
            for j, step in enumerate(steps):
                if not isinstance(step, dict):
                    continue
                for name, arg in step.items():
                    spec = refs.get(name)
                    if isinstance(spec, str):
                        yield Ref(("trigger", i, part, j, name)), spec, arg
                    elif isinstance(spec, dict) and isinstance(arg, dict):
                        for key, kind in spec.items():
                            if key in arg:
                                yield Ref(("trigger", i, part, j, name, key)), kind, arg[key]
    losses = doc.story.get("losses")
    if isinstance(losses, dict):
        for who in losses:
            yield Ref(("story", "losses", who), is_key=True), "side", who


def rename_edits(doc: MapDocument, kind: str, old: str, new: str) -> list[Edit]:
    """Edits renaming every reference to `old` as `new` (not the id itself)."""
    edits: list[Edit] = []
    for ref in references(doc, kind, old):
        if ref.is_key:  # story.losses: the key itself, kept in its place
            table = doc.story["losses"]
            if new in table:
                continue
            position = list(table).index(old)
            value = table[old]
            edits.append(SetValue(ref.path, MISSING, None, "Rename"))
            edits.append(SetValue((*ref.path[:-1], new), value, position, "Rename"))
        else:
            edits.append(SetValue(ref.path, new, None, "Rename"))
    return edits
