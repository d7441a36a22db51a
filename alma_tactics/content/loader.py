"""Build the rules `Catalog` from `assets/rules/*.toml`.

All four files are read and checked before anything is built, and every
problem in them is reported together as one `RulesError`, so tuning the
numbers never means a traceback or a fix-one-rerun loop.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from alma_tactics.core.catalog import (
    BLOOD,
    FACTIONS,
    SPECIES,
    Catalog,
    FireMode,
    TerrainKind,
    UnitType,
    WeaponType,
)

from ..folders import assets_dir
from .schema import FieldSpec, check_table, read_fields, specs_for, suggestion, type_name
from .toml_source import PathPart, RulesError, TomlSource, sorted_by_position

ASSETS_ENV = "ALMA_TACTICS_ASSETS"
TERRAIN_FILE, WEAPONS_FILE, UNITS_FILE, CONSTANTS_FILE = (
    "terrain.toml",
    "weapons.toml",
    "units.toml",
    "constants.toml",
)
RULE_FILES = (TERRAIN_FILE, WEAPONS_FILE, UNITS_FILE, CONSTANTS_FILE)
AMBIENTS = ("day", "dusk", "night")
MAX_TERRAIN_KINDS = 256  # the map's kind layer is uint8

_MOVEMENT = {name: FieldSpec(name, "int", True) for name in ("straight", "diagonal")}
_AMBIENT = {
    "lit": FieldSpec("lit", "bool", True),
    "night_sight_bonus": FieldSpec("night_sight_bonus", "int", True),
}


def default_rules_dir() -> Path:
    """`$ALMA_TACTICS_ASSETS/rules` if set (a packaged or modded install), else the repo's."""
    assets = os.environ.get(ASSETS_ENV)
    if assets:
        return Path(assets).expanduser() / "rules"
    return assets_dir() / "rules"


def load_catalog(rules_dir: Path | None = None) -> Catalog:
    """The rules catalog from `rules_dir` (default: `default_rules_dir()`).

    Loads are cached per directory and file stamps, since tests and tools ask
    often; the returned catalog is shared, so treat it as read-only. Raises
    `RulesError` listing every problem as `FILE:LINE:COL: message`.
    """
    directory = Path(rules_dir if rules_dir is not None else default_rules_dir()).resolve()
    return _load_cached(directory, tuple(_stamp(directory / name) for name in RULE_FILES))


def _stamp(path: Path) -> tuple[int, int] | None:
    """Modification time and size, so an edited file is not served from the cache."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=8)
def _load_cached(directory: Path, _stamps: tuple[tuple[int, int] | None, ...]) -> Catalog:
    return _load(directory)


def _load(directory: Path) -> Catalog:
    unreadable: dict[str, list[str]] = {}
    sources: dict[str, TomlSource] = {}
    for name in RULE_FILES:
        try:
            sources[name] = TomlSource.read(directory / name)
        except RulesError as exc:
            unreadable[name] = exc.problems

    terrain: tuple[TerrainKind, ...] = ()
    steps = (2, 3)
    ambient: dict[str, dict[str, int]] = {}
    weapons: dict[str, WeaponType] = {}
    units: dict[str, UnitType] = {}
    constants: dict[str, int] = {}
    if TERRAIN_FILE in sources:
        terrain, steps, ambient = _read_terrain_file(sources[TERRAIN_FILE])
    if WEAPONS_FILE in sources:
        weapons = _read_weapons(sources[WEAPONS_FILE])
    if UNITS_FILE in sources:
        weapon_ids = None  # unknown when weapons.toml did not parse: skip that check
        if WEAPONS_FILE in sources:
            table = sources[WEAPONS_FILE].data.get("weapon")
            weapon_ids = set(table) if isinstance(table, dict) else set()
        units = _read_units(sources[UNITS_FILE], weapon_ids)
    if CONSTANTS_FILE in sources:
        constants = _read_constants(sources[CONSTANTS_FILE])

    problems: list[str] = []
    for name in RULE_FILES:  # one file after another, each in reading order
        if name in sources:
            problems.extend(sorted_by_position(sources[name].problems, sources[name].path))
        else:
            problems.extend(unreadable[name])
    if problems:
        raise RulesError(problems)
    return Catalog(
        terrain=terrain,
        units=units,
        weapons=weapons,
        step_straight=steps[0],
        step_diagonal=steps[1],
        ambient=ambient,
        constants=constants,
    )


def _top_level(src: TomlSource, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """Flag misspelt or missing top-level tables (`[units.x]` for `[unit.x]`)."""
    allowed = [*required, *optional]
    for key in src.data:
        if key not in allowed:
            src.problem((), key, f"unknown table '{key}'{suggestion(key, allowed)}")
    for key in required:
        if key not in src.data:
            src.problem((), None, f"missing table [{key}]")


def _tables(src: TomlSource, name: str) -> list[tuple[str, dict[str, Any]]]:
    """The `[name.ID]` sub-tables of a top-level table, in file order."""
    outer = src.data.get(name)
    if outer is None or check_table(src, (name,), outer) is None:
        return []
    found = []
    for item_id, table in outer.items():
        if check_table(src, (name, item_id), table) is not None:
            found.append((item_id, table))
    return found


def _choice(
    src: TomlSource, path: Sequence[PathPart], key: str, value: str, allowed: Sequence[str]
) -> bool:
    """Is `value` one of `allowed`? If not, say so with the closest one."""
    if value in allowed:
        return True
    options = ", ".join(f"'{a}'" for a in allowed)
    src.problem(path, key, f"'{value}' is not one of {options}{suggestion(value, allowed)}")
    return False


# ------------------------------------------------------------------- terrain


def _read_terrain_file(
    src: TomlSource,
) -> tuple[tuple[TerrainKind, ...], tuple[int, int], dict[str, dict[str, int]]]:
    _top_level(src, ("movement", "ambient", "terrain"))
    steps = (2, 3)
    movement = src.data.get("movement")
    if movement is not None and check_table(src, ("movement",), movement) is not None:
        values, ok = read_fields(src, ("movement",), movement, _MOVEMENT)
        for name, cost in values.items():
            if cost <= 0:
                src.problem(("movement",), name, "must be at least 1")
        if ok:
            steps = (values["straight"], values["diagonal"])

    ambient: dict[str, dict[str, int]] = {}
    for name, table in _tables(src, "ambient"):
        values, ok = read_fields(src, ("ambient", name), table, _AMBIENT)
        if ok:
            ambient[name] = {
                "lit": int(values["lit"]),
                "night_sight_bonus": values["night_sight_bonus"],
            }
    if isinstance(src.data.get("ambient"), dict):
        for name in AMBIENTS:
            if name not in src.data["ambient"]:
                src.problem(("ambient",), None, f"missing table [ambient.{name}]")

    return _read_terrain(src), steps, ambient


def _read_terrain(src: TomlSource) -> tuple[TerrainKind, ...]:
    specs = specs_for(TerrainKind, exclude=("id", "index"))
    tables = _tables(src, "terrain")
    if len(tables) > MAX_TERRAIN_KINDS:
        src.problem(("terrain",), None, f"at most {MAX_TERRAIN_KINDS} terrain kinds fit a map")
    if not tables and isinstance(src.data.get("terrain"), dict):
        src.problem(("terrain",), None, "needs at least one [terrain.ID] table")
    ids = [terrain_id for terrain_id, _ in tables]
    chars: dict[str, str] = {}
    kinds: list[TerrainKind] = []
    for index, (terrain_id, table) in enumerate(tables):
        path = ("terrain", terrain_id)
        values, ok = read_fields(src, path, table, specs)
        char = values.get("char")
        if char is None:
            pass
        elif len(char) != 1 or not char.isprintable() or char.isspace():
            src.problem(path, "char", f"must be one printable, non-space character, not {char!r}")
            ok = False
        elif char in chars:
            src.problem(path, "char", f"'{char}' is already the char of terrain '{chars[char]}'")
            ok = False
        else:
            chars[char] = terrain_id
        target = values.get("breaks_into")
        if target is not None and target not in ids:
            src.problem(path, "breaks_into", f"unknown terrain '{target}'{suggestion(target, ids)}")
            ok = False
        elif values.get("breakable") is True and "breaks_into" in values and target is None:
            src.problem(path, "breakable", "is true but no 'breaks_into' terrain is given")
            ok = False
        elif values.get("breakable") is False and target is not None:
            src.problem(path, "breaks_into", "is given but 'breakable' is false")
            ok = False
        if ok:
            kinds.append(TerrainKind(id=terrain_id, index=index, **values))
    return tuple(kinds)


# ------------------------------------------------------------------- weapons


def _read_weapons(src: TomlSource) -> dict[str, WeaponType]:
    _top_level(src, ("weapon",))
    specs = specs_for(WeaponType, exclude=("id", "modes"))
    mode_specs = specs_for(FireMode, exclude=("id",))
    weapons: dict[str, WeaponType] = {}
    for weapon_id, table in _tables(src, "weapon"):
        path = ("weapon", weapon_id)
        values, ok = read_fields(src, path, table, specs, extra_keys=("modes",))
        modes = _read_modes(src, path, table.get("modes"), mode_specs, values.get("magazine"))
        if values.get("kind") == "launcher" and values.get("rounds") == ():
            src.problem(path, "rounds", "a launcher needs the round kinds it can fire")
            ok = False
        if ok and modes is not None:
            weapons[weapon_id] = WeaponType(id=weapon_id, modes=modes, **values)
    return weapons


def _read_modes(
    src: TomlSource,
    path: tuple[str, str],
    modes: Any,
    specs: dict[str, FieldSpec],
    magazine: int | None,
) -> tuple[FireMode, ...] | None:
    """A weapon's `[weapon.ID.modes.MODE]` tables, checked against its magazine."""
    modes_path = (*path, "modes")
    if modes is None:
        src.problem(path, None, f"has no fire modes: add a [{path[0]}.{path[1]}.modes.NAME] table")
        return None
    if check_table(src, modes_path, modes) is None:
        return None
    if not modes:
        src.problem(modes_path, None, "needs at least one fire mode")
        return None
    result: list[FireMode] = []
    all_ok = True
    for mode_id, table in modes.items():
        mode_path = (*modes_path, mode_id)
        if check_table(src, mode_path, table) is None:
            all_ok = False
            continue
        values, ok = read_fields(src, mode_path, table, specs)
        rounds = values.get("rounds")
        if magazine is not None and rounds is not None:
            if magazine == 0 and rounds > 0:
                src.problem(mode_path, "rounds", "uses ammunition but the weapon has magazine 0")
                ok = False
            elif rounds > magazine > 0:
                src.problem(mode_path, "rounds", f"{rounds} is more than the magazine ({magazine})")
                ok = False
        if ok:
            result.append(FireMode(id=mode_id, **values))
        all_ok = all_ok and ok
    return tuple(result) if all_ok else None


# --------------------------------------------------------------------- units


def _read_units(src: TomlSource, weapon_ids: set[str] | None) -> dict[str, UnitType]:
    _top_level(src, ("unit",))
    specs = specs_for(UnitType, exclude=("id",))
    units: dict[str, UnitType] = {}
    for unit_id, table in _tables(src, "unit"):
        path = ("unit", unit_id)
        values, ok = read_fields(src, path, table, specs)
        for key, allowed in (("faction", FACTIONS), ("species", SPECIES), ("blood", BLOOD)):
            if key in values:
                ok = _choice(src, path, key, values[key], allowed) and ok
        if values.get("size", 1) not in (1, 2):
            src.problem(path, "size", f"must be 1 or 2 (a 2x2 footprint), not {values['size']}")
            ok = False
        if values.get("ap", 1) <= 0:
            src.problem(path, "ap", "must be at least 1")
            ok = False
        for weapon_id in values.get("weapons", ()) if weapon_ids is not None else ():
            if weapon_id not in weapon_ids:
                where = src.where_item(path, "weapons", weapon_id)
                hint = suggestion(weapon_id, weapon_ids)
                src.problem_at(where, path, "weapons", f"unknown weapon '{weapon_id}'{hint}")
                ok = False
        if ok:
            units[unit_id] = UnitType(id=unit_id, **values)
    return units


# ----------------------------------------------------------------- constants


def _read_constants(src: TomlSource) -> dict[str, int]:
    _top_level(src, ("constants",))
    table = src.data.get("constants")
    if table is None or check_table(src, ("constants",), table) is None:
        return {}
    constants: dict[str, int] = {}
    for name, value in table.items():
        if type(value) is int:
            constants[name] = value
        else:
            src.problem(("constants",), name, f"must be an integer, not {type_name(value)}")
    return constants
