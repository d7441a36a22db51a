"""Turn a parsed scenario document into a fresh GameState.

The document is the dict TOML gives: `[map]` rows (with an optional `[map.legend]`
mapping extra characters to terrain ids), `[[side]]`, `[[unit]]` and `[[object]]`
arrays. Unit ids are given or numbered in file order, so a state built twice from
the same file is identical.
"""

from __future__ import annotations

from ..core.catalog import Catalog
from ..core.grid import Grid
from ..core.state import GameState
from ..core.units import MapObject, Side, Unit

UNIT_KEYS = (
    "id",
    "type",
    "side",
    "at",
    "name",
    "facing",
    "alertness",
    "patrol",
    "ammo",
    "inventory",
)


def map_rows(doc: dict) -> list[str]:
    raw = doc["map"]["rows"]
    rows = raw.splitlines() if isinstance(raw, str) else list(raw)
    return [r for r in rows if r.strip()]


def build_state(catalog: Catalog, doc: dict, seed: int = 0) -> GameState:
    legend = {
        ch: catalog.terrain_by_id(tid).char for ch, tid in doc["map"].get("legend", {}).items()
    }
    rows = ["".join(legend.get(ch, ch) for ch in row) for row in map_rows(doc)]
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
        )
        for s in doc["side"]
    ]
    alert_by_side = {s["id"]: s.get("alertness", "alert") for s in doc["side"]}
    units = []
    for n, u in enumerate(doc.get("unit", []), start=1):
        utype = catalog.units[u["type"]]
        extra = {
            "facing": int(u.get("facing", 0)),
            "alertness": u.get("alertness", alert_by_side[u["side"]]),
            "patrol": [list(p) for p in u.get("patrol", [])],
        }
        if u.get("name"):
            extra["name"] = u["name"]
        unit = Unit.spawn(u.get("id", f"u{n}"), utype, u["side"], tuple(u["at"]), **extra)
        unit.ammo.update(u.get("ammo", {}))
        unit.inventory.update(u.get("inventory", {}))
        units.append(unit)
    objects = []
    for n, o in enumerate(doc.get("object", []), start=1):
        props = {k: v for k, v in o.items() if k not in ("id", "kind", "at", "side", "hp", "on")}
        objects.append(
            MapObject(
                id=o.get("id", f"o{n}"),
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
    return GameState(catalog, grid, sides, units, objects, seed=seed, ambient=ambient)
