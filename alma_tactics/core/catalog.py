"""The rules' vocabulary: terrain kinds, unit types and weapons, as plain frozen data.

The numbers come from `assets/rules/*.toml` (loaded by `alma_tactics.content`); the
core only reads these records, so tuning the game never touches code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

SPECIES = ("human", "elf", "calendrea", "mech")
BLOOD = ("warm", "cold")
FACTIONS = ("alliance", "calendrea")


@dataclass(frozen=True)
class TerrainKind:
    """One kind of map tile. `move_cost` 0 means impassable on foot."""

    id: str
    name: str
    char: str
    index: int
    move_cost: int
    blocks_sight: bool
    height: int  # how tall a sight blocker is: seen over from an elevation above it
    cover: int  # percent off an incoming shot's hit chance
    elevation: int  # a unit standing here is this high (guard towers)
    breakable: bool  # a shaped charge turns it into `breaks_into`
    breaks_into: str | None
    flyable: bool = True  # drop ships may cross it


@dataclass(frozen=True)
class FireMode:
    """One way to use a weapon: its AP cost, rounds used and accuracy modifier."""

    id: str
    ap: int
    rounds: int
    accuracy: int
    aimed: bool = False  # may be called at the eye


@dataclass(frozen=True)
class WeaponType:
    id: str
    name: str
    kind: str  # rifle, sniper, knife, launcher, gatling, rockets, claws, tail
    calibre: str
    damage: int
    pierce: int  # percent of the target's hide/armour ignored
    range: int
    accuracy: int
    magazine: int  # 0 = needs no ammunition
    reload_ap: int
    noise: int  # radius in tiles at which a shot is heard
    silenced: bool
    modes: tuple[FireMode, ...]
    area: int = 0  # blast radius for rockets and grenades
    rounds: tuple[str, ...] = ()  # launcher round kinds it can fire

    def mode(self, mode_id: str) -> FireMode | None:
        return next((m for m in self.modes if m.id == mode_id), None)


@dataclass(frozen=True)
class UnitType:
    id: str
    name: str
    faction: str
    species: str
    hp: int
    armour: int  # hide or plating, subtracted from each hit before pierce
    ap: int
    sight: int
    night_sight: int
    blood: str
    size: int  # 1, or 2 for a brute's 2x2 footprint
    aim: int
    melee: int
    weapons: tuple[str, ...]
    inventory: tuple[tuple[str, int], ...] = ()
    infrared: bool = False
    flies: bool = False
    capacity: int = 0  # transports: how many units ride inside
    move_noise: int = 1
    hero: bool = False
    electronic: bool = False  # EMP disables it
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """Every type the rules know, plus the few global numbers (step costs, light)."""

    terrain: tuple[TerrainKind, ...]
    units: dict[str, UnitType]
    weapons: dict[str, WeaponType]
    step_straight: int = 2
    step_diagonal: int = 3
    ambient: dict[str, dict[str, int]] = field(default_factory=dict)
    constants: dict[str, int] = field(default_factory=dict)

    def terrain_by_id(self, terrain_id: str) -> TerrainKind:
        for kind in self.terrain:
            if kind.id == terrain_id:
                return kind
        raise KeyError(terrain_id)

    def terrain_by_char(self, char: str) -> TerrainKind | None:
        return next((k for k in self.terrain if k.char == char), None)

    def table(self, attribute: str, dtype: type = np.int16) -> np.ndarray:
        """A lookup array `table[kind_index] -> attribute`, for vectorised layers."""
        return np.array([getattr(k, attribute) or 0 for k in self.terrain], dtype=dtype)

    @cached_property
    def _ranged(self) -> dict[str, list[WeaponType]]:
        guns = ("rifle", "sniper", "gatling")
        return {
            t.id: [self.weapons[w] for w in t.weapons if self.weapons[w].kind in guns]
            for t in self.units.values()
        }

    def ranged(self, type_id: str) -> list[WeaponType]:
        """A unit type's guns (rifles, sniper rifles, Gatlings), in its listed order."""
        return self._ranged[type_id]

    def magazines(self, utype: UnitType) -> dict[str, int]:
        """Full magazines for every weapon of the type that takes ammunition."""
        return {w: self.weapons[w].magazine for w in utype.weapons if self.weapons[w].magazine}

    def constant(self, name: str) -> int:
        return self.constants[name]
