"""Units, sides and map objects: the mutable pieces on the board, as plain data.

Every field is JSON-able so a state round-trips through `to_dict`/`from_dict` and
hashes the same in any process.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import asdict, dataclass, field, fields

from .catalog import UnitType
from .grid import Pos

ALERTNESS = ("unaware", "suspicious", "alert")


@dataclass
class Unit:
    id: str
    type_id: str
    side: str
    x: int
    y: int
    hp: int
    ap: int
    facing: int = 0
    name: str = ""
    alertness: str = "alert"
    # ammunition left in each weapon's magazine, and carried items (charges, rounds)
    ammo: dict[str, int] = field(default_factory=dict)
    inventory: dict[str, int] = field(default_factory=dict)
    # conditions: name -> turns left (0 = until removed), e.g. overwatch, stunned, emp
    status: dict[str, int] = field(default_factory=dict)
    carried_by: str = ""  # id of the transport this unit rides in (off the map)
    mounted_on: str = ""  # id of the brute this unit clings to (on the map, moves with it)
    overwatch: list[str] = field(default_factory=list)  # [weapon, mode] while on overwatch
    patrol: list[list[int]] = field(default_factory=list)
    squad: str = ""  # the scenario's group, if any

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)

    @property
    def alive(self) -> bool:
        return self.hp > 0

    @property
    def on_map(self) -> bool:
        return self.hp > 0 and not self.carried_by

    def footprint(self, size: int, at: Pos | None = None) -> list[Pos]:
        """The tiles the unit covers (anchor is its top-left tile)."""
        x, y = at if at is not None else (self.x, self.y)
        if size == 1:  # nearly every unit: skip the comprehension
            return [(x, y)]
        return [(x + dx, y + dy) for dy in range(size) for dx in range(size)]

    def to_dict(self) -> dict:
        # by hand rather than dataclasses.asdict: this runs for every unit of every
        # snapshot and hash, and asdict's generic deep copy is ten times slower
        return {
            "id": self.id,
            "type_id": self.type_id,
            "side": self.side,
            "x": self.x,
            "y": self.y,
            "hp": self.hp,
            "ap": self.ap,
            "facing": self.facing,
            "name": self.name,
            "alertness": self.alertness,
            "ammo": dict(self.ammo),
            "inventory": dict(self.inventory),
            "status": dict(self.status),
            "carried_by": self.carried_by,
            "mounted_on": self.mounted_on,
            "overwatch": list(self.overwatch),
            "patrol": [list(p) for p in self.patrol],
            "squad": self.squad,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Unit:
        # copied, so the unit never shares a dict or list with `data` (a match's
        # initial snapshot must not change as the unit's status and ammo do)
        names = {f.name for f in fields(cls)}
        return cls(**{k: deepcopy(v) for k, v in data.items() if k in names})

    @classmethod
    def spawn(cls, unit_id: str, utype: UnitType, side: str, pos: Pos, **extra) -> Unit:
        """A fresh unit of a type, with full hit points, AP, magazines and kit."""
        from_type = {
            "hp": utype.hp,
            "ap": utype.ap,
            "name": utype.name if utype.hero else "",
            "inventory": dict(utype.inventory),
        }
        from_type.update(extra)
        return cls(id=unit_id, type_id=utype.id, side=side, x=pos[0], y=pos[1], **from_type)


@dataclass
class Side:
    id: str
    name: str
    faction: str
    controller: str = "human"  # or "ai"
    alarm: bool = False
    difficulty: str = "normal"
    team: str = ""  # sides of one team are friends; defaults to the faction
    # hints for the computer player from the scenario, e.g. {"base": area, "defend": [areas]}
    ai: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.team = self.team or self.faction

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Side:
        return cls(**data)


@dataclass
class MapObject:
    """A spotlight, generator, charge, crate or marker standing on one tile.

    `props` holds kind-specific data: a spotlight's radius, direction and cone and
    the generator feeding it; a generator's hit points.
    """

    id: str
    kind: str
    x: int
    y: int
    side: str = ""
    hp: int = 0
    on: bool = True
    props: dict = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> MapObject:
        return cls(**deepcopy(data))  # shares nothing with `data`, like Unit.from_dict
