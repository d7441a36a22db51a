"""Turn a checked scenario document into a fresh GameState.

The document is the dict TOML gives (see docs/scenario-format.md): `[map]` rows
(with an optional `[map.legend]` mapping extra characters to terrain ids),
`[[side]]`, `[[unit]]`, `[[object]]`, `[[area]]`, `[[objective]]` and
`[[trigger]]` arrays. Unit ids are given or numbered in file order (u1, u2...),
objects likewise (o1, o2...), so a state built twice from the same file is
identical. Call this only on a document `checks.check_document` found no problem
in (`load_scenario` does): it trusts the document.
"""

from __future__ import annotations

import copy

from ..core.catalog import Catalog
from ..core.grid import Grid
from ..core.state import GameState
from ..core.units import MapObject, Side, Unit

# Object keys that are MapObject fields; every other key goes into its `props`.
OBJECT_FIELDS = ("id", "kind", "at", "side", "hp", "on")


def split_rows(raw: str) -> list[tuple[int, str]]:
    """The map rows of a `rows` string, each with its line index in that string.

    Lines holding only whitespace (the one before the closing quotes, a stray
    blank line) are not rows; a `\\r` left by CRLF line ends is dropped.
    """
    rows = []
    for index, line in enumerate(raw.split("\n")):
        line = line.removesuffix("\r")
        if line.strip():
            rows.append((index, line))
    return rows


def map_rows(doc: dict) -> list[str]:
    raw = doc["map"]["rows"]
    if not isinstance(raw, str):
        return list(raw)
    return [row for _, row in split_rows(raw)]


def unit_id(table: dict, n: int) -> str:
    """A unit's id: its own, or `u<n>` for the n-th (1-based) unit of the file."""
    return table.get("id") or f"u{n}"


def object_id(table: dict, n: int) -> str:
    return table.get("id") or f"o{n}"


def trigger_id(table: dict, n: int) -> str:
    return table.get("id") or f"t{n}"


def build_state(catalog: Catalog, doc: dict, seed: int = 0) -> GameState:
    legend = {
        ch: catalog.terrain_by_id(tid).char for ch, tid in doc["map"].get("legend", {}).items()
    }
    rows = map_rows(doc)
    if legend:
        rows = ["".join(legend.get(ch, ch) for ch in row) for row in rows]
    grid = Grid.from_rows(catalog, rows)
    sides = [
        Side(
            id=s["id"],
            name=s.get("name", s["id"]),
            faction=s["faction"],
            controller=s.get("controller", "human"),
            alarm=bool(s.get("alarm", False)),
            difficulty=s.get("difficulty", "normal"),
            team=s.get("team", ""),
            ai=copy.deepcopy(s.get("ai", {})),
        )
        for s in doc["side"]
    ]
    alert_by_side = {s["id"]: s.get("alertness", "alert") for s in doc["side"]}
    units: list[Unit] = []
    for n, u in enumerate(doc.get("unit", []), start=1):
        utype = catalog.units[u["type"]]
        extra = {
            "facing": int(u.get("facing", 0)),
            "alertness": u.get("alertness", alert_by_side[u["side"]]),
            "patrol": [list(p) for p in u.get("patrol", [])],
            "squad": u.get("squad", ""),
        }
        if u.get("name"):
            extra["name"] = u["name"]
        at = tuple(u["at"]) if "at" in u else (0, 0)  # a rider may leave `at` out
        unit = Unit.spawn(unit_id(u, n), utype, u["side"], at, **extra)
        unit.ammo.update(u.get("ammo", {}))
        unit.inventory.update(u.get("inventory", {}))
        unit.carried_by = u.get("carried_by", "")
        units.append(unit)
    by_id = {unit.id: unit for unit in units}
    for unit in units:  # riders start where their transport stands
        if unit.carried_by:
            carrier = by_id[unit.carried_by]
            unit.x, unit.y = carrier.x, carrier.y
    objects = []
    for n, o in enumerate(doc.get("object", []), start=1):
        props = {k: copy.deepcopy(v) for k, v in o.items() if k not in OBJECT_FIELDS}
        objects.append(
            MapObject(
                id=object_id(o, n),
                kind=o["kind"],
                x=o["at"][0],
                y=o["at"][1],
                side=o.get("side", ""),
                hp=int(o.get("hp", 0)),
                on=bool(o.get("on", True)),
                props=props,
            )
        )
    ambient = doc.get("scenario", {}).get("ambient", "day")
    state = GameState(catalog, grid, sides, units, objects, seed=seed, ambient=ambient)
    state.areas = {a["id"]: list(a["rect"]) for a in doc.get("area", [])}
    state.objectives = [
        {
            "id": o["id"],
            "text": o["text"],
            "kind": o.get("kind", "primary"),
            "side": o["side"],
            "status": "open",
        }
        for o in doc.get("objective", [])
    ]
    state.triggers = []
    for n, t in enumerate(doc.get("trigger", []), start=1):
        trigger = copy.deepcopy(t)
        trigger["id"] = trigger_id(t, n)
        trigger["once"] = bool(t.get("once", True))
        trigger["fired"] = False
        state.triggers.append(trigger)
    return state
