"""The whole game at one moment: board, units, sides, objects, turn, dice, knowledge.

The state is plain data plus caches. `to_dict` gives the canonical JSON-able form
(caches excluded), `state_hash` hashes it, and `from_dict` rebuilds an identical
state, so a save, a replay and a test in another process all agree.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .catalog import Catalog, UnitType
from .grid import Grid, Pos
from .knowledge import Knowledge
from .rng import Rng
from .units import MapObject, Side, Unit


class GameState:
    def __init__(
        self,
        catalog: Catalog,
        grid: Grid,
        sides: list[Side],
        units: list[Unit] | None = None,
        objects: list[MapObject] | None = None,
        *,
        seed: int = 0,
        ambient: str = "day",
    ) -> None:
        self.catalog = catalog
        self.grid = grid
        self.sides = sides
        self.units: dict[str, Unit] = {u.id: u for u in units or []}
        for unit in self.units.values():  # weapons start loaded unless told otherwise
            unit.ammo = {**catalog.magazines(catalog.units[unit.type_id]), **unit.ammo}
        self.objects: dict[str, MapObject] = {o.id: o for o in objects or []}
        for obj in self.objects.values():  # remember what "undamaged" means
            if obj.hp > 0:
                obj.props.setdefault("max_hp", obj.hp)
        self.ambient = ambient
        self.turn = 1
        self.active = 0  # index into sides: whose turn it is
        self.winner = ""  # side id once the battle is decided
        self.rng = Rng(seed)
        self.light_version = 0  # bump when a light or generator changes
        # the scenario's named areas, triggers (with their bookkeeping) and objectives
        self.areas: dict[str, list[int]] = {}
        self.triggers: list[dict] = []
        self.objectives: list[dict] = []
        self.flags: dict[str, int] = {}  # facts triggers test, e.g. "attacked:<area>": turn
        self.knowledge: dict[str, Knowledge] = {
            s.id: Knowledge.empty(s.id, grid.width, grid.height) for s in sides
        }
        self.cache: dict[str, Any] = {}  # derived data only; never serialised

    # --- lookups -------------------------------------------------------------------------
    @property
    def active_side(self) -> Side:
        return self.sides[self.active]

    def side(self, side_id: str) -> Side:
        by_id = self.cache.get("sides_by_id")
        if by_id is None or len(by_id) != len(self.sides):
            by_id = self.cache["sides_by_id"] = {s.id: s for s in self.sides}
        return by_id[side_id]

    def utype(self, unit: Unit) -> UnitType:
        return self.catalog.units[unit.type_id]

    def size(self, unit: Unit) -> int:
        return self.catalog.units[unit.type_id].size

    def team(self, side_id: str) -> str:
        return self.side(side_id).team

    def are_enemies(self, side_a: str, side_b: str) -> bool:
        if side_a == side_b:
            return False
        teams = self.cache.get("teams")
        if teams is None:  # sides never change team during a battle
            teams = self.cache["teams"] = {s.id: s.team for s in self.sides}
        return teams[side_a] != teams[side_b]

    def units_of(self, side_id: str) -> list[Unit]:
        return [u for u in self.units.values() if u.side == side_id and u.on_map]

    def unit_at(self, pos: Pos) -> Unit | None:
        """The unit whose footprint covers `pos`, if any."""
        return self.occupancy().get(pos)

    def occupancy(self) -> dict[Pos, Unit]:
        """Tile -> unit, for every unit on the map; cached until a unit moves.

        Where units share a tile (a friend being crossed) the later unit in `units`
        order is listed; `occupancy_shared` keeps every unit on such tiles, in order.
        """
        key = self.cache.get("occupancy_key")
        if key != self.cache.get("units_version", 0) or "occupancy" not in self.cache:
            table: dict[Pos, Unit] = {}
            shared: dict[Pos, list[Unit]] = {}
            units = self.catalog.units
            for unit in self.units.values():
                if unit.hp > 0 and not unit.carried_by and not unit.mounted_on:
                    size = units[unit.type_id].size  # a rider shares its brute's tiles
                    tiles = ((unit.x, unit.y),) if size == 1 else unit.footprint(size)
                    for tile in tiles:
                        below = table.get(tile)
                        if below is not None:
                            shared.setdefault(tile, [below]).append(unit)
                        table[tile] = unit
            self.cache["occupancy"] = table
            self.cache["occupancy_shared"] = shared  # see `unit_moved`
            self.cache["occupancy_key"] = self.cache.get("units_version", 0)
        return self.cache["occupancy"]

    def units_changed(self) -> None:
        """Call after any unit moves, dies or boards, so cached lookups are rebuilt."""
        self.cache["units_version"] = self.cache.get("units_version", 0) + 1

    def unit_moved(self, unit: Unit, old: Pos) -> None:
        """`units_changed` for one on-map unit (not a rider) that stepped from `old`.

        A move happens every step of every walk, so the occupancy is patched in place
        rather than rebuilt, to exactly what a rebuild would give (see `occupancy`).
        """
        cache = self.cache
        version = cache.get("units_version", 0)
        self.units_changed()
        forces = cache.get("sides_with_forces")  # who has living units: a step changes nothing
        if forces is not None and forces[0] == version:
            cache["sides_with_forces"] = (cache["units_version"], forces[1])
        table = cache.get("occupancy")
        if table is None or cache.get("occupancy_key") != version:
            return
        size = self.catalog.units[unit.type_id].size
        shared: dict[Pos, list[Unit]] = cache["occupancy_shared"]
        for tile in unit.footprint(size, at=old):
            stack = shared.get(tile)
            if stack is None:
                if table.get(tile) is not unit:
                    cache.pop("occupancy", None)
                    return
                del table[tile]
            elif unit not in stack:
                cache.pop("occupancy", None)
                return
            else:
                stack.remove(unit)
                table[tile] = stack[-1]
                if len(stack) == 1:
                    del shared[tile]
        order = self._unit_order()
        for tile in unit.footprint(size):
            below = table.get(tile)
            if below is None:
                table[tile] = unit
                continue
            stack = shared.setdefault(tile, [below])
            place = order[unit.id]
            at = len(stack)
            while at and order[stack[at - 1].id] > place:
                at -= 1
            stack.insert(at, unit)
            table[tile] = stack[-1]
        cache["occupancy_key"] = cache["units_version"]

    def _unit_order(self) -> dict[str, int]:
        """Unit id -> its place in `units` (units are only ever added, at the end)."""
        order = self.cache.get("unit_order")
        if order is None or len(order) != len(self.units):
            order = self.cache["unit_order"] = {uid: i for i, uid in enumerate(self.units)}
        return order

    def object_at(self, pos: Pos) -> MapObject | None:
        for obj in self.objects.values():
            if obj.pos == pos and obj.kind not in ("spotlight", "marker"):
                return obj
        return None

    # --- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "grid": self.grid.to_dict(),
            "sides": [s.to_dict() for s in self.sides],
            "units": [u.to_dict() for u in self.units.values()],
            "objects": [o.to_dict() for o in self.objects.values()],
            "ambient": self.ambient,
            "turn": self.turn,
            "active": self.active,
            "winner": self.winner,
            "rng": self.rng.to_dict(),
            "light_version": self.light_version,
            "knowledge": {k: v.to_dict() for k, v in self.knowledge.items()},
            # copies, not the live containers: a snapshot (undo) must not change with play
            "areas": {k: list(v) for k, v in self.areas.items()},
            "triggers": json.loads(json.dumps(self.triggers)),
            "objectives": json.loads(json.dumps(self.objectives)),
            "flags": dict(self.flags),
        }

    @classmethod
    def from_dict(cls, catalog: Catalog, data: dict) -> GameState:
        grid = Grid.from_dict(catalog, data["grid"])
        state = cls(
            catalog,
            grid,
            [Side.from_dict(s) for s in data["sides"]],
            [Unit.from_dict(u) for u in data["units"]],
            [MapObject.from_dict(o) for o in data["objects"]],
            ambient=data["ambient"],
        )
        state.turn = data["turn"]
        state.active = data["active"]
        state.winner = data.get("winner", "")
        state.rng = Rng.from_dict(data["rng"])
        state.light_version = data.get("light_version", 0)
        state.areas = {k: list(v) for k, v in data.get("areas", {}).items()}
        state.triggers = json.loads(json.dumps(data.get("triggers", [])))
        state.objectives = [dict(o) for o in data.get("objectives", [])]
        state.flags = dict(data.get("flags", {}))
        state.knowledge = {
            k: Knowledge.from_dict(k, v, grid.width, grid.height)
            for k, v in data["knowledge"].items()
        }
        return state

    def state_hash(self) -> str:
        """SHA-256 of the canonical serialisation: equal states hash equal anywhere."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def clone(self) -> GameState:
        return GameState.from_dict(self.catalog, self.to_dict())
