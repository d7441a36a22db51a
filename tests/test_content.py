"""The rules data (assets/rules/*.toml) and its loader.

The shipped numbers must keep the story true (cold-blooded Calendrea, superheat
rounds that melt hide, 2x2 brutes), and a broken file must say where it is
broken as FILE:LINE:COL, never with a traceback.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from alma_tactics.content import RulesError, TomlSource, load_catalog, locate
from alma_tactics.content.loader import ASSETS_ENV
from alma_tactics.core.catalog import Catalog, FireMode

REPO_RULES = Path(__file__).resolve().parents[1] / "assets" / "rules"

REQUIRED_TERRAIN = {
    "open": ".",
    "road": "=",
    "rough": ",",
    "rock": "^",
    "forest": "T",
    "wall": "#",
    "rubble": ":",
    "building": "B",
    "floor": "_",
    "door": "+",
    "tower": "H",
    "water": "~",
    "ravine": "v",
    "cavern_wall": "%",
    "pad": "P",
    "half_wall": "n",
}


@pytest.fixture
def catalog(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    monkeypatch.delenv(ASSETS_ENV, raising=False)
    return load_catalog()


def copy_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(REPO_RULES, rules)
    return rules


def mangle(rules: Path, name: str, old: str, new: str, after: str = "") -> tuple[Path, int]:
    """Replace the first `old` (after the text `after`) in rules/name; its 1-based line."""
    path = rules / name
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return path, text.count("\n", 0, at) + 1


def problems_of(rules: Path) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_catalog(rules)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


# ---------------------------------------------------------------- shipped rules


def test_shipped_rules_load(catalog: Catalog) -> None:
    assert [k.index for k in catalog.terrain] == list(range(len(catalog.terrain)))
    assert catalog.terrain[0].id == "open"
    assert (catalog.step_straight, catalog.step_diagonal) == (2, 3)
    assert set(catalog.ambient) >= {"day", "dusk", "night"}
    assert catalog.ambient["night"]["lit"] == 0 and catalog.ambient["day"]["lit"] == 1
    assert all(type(v) is int for v in catalog.constants.values())
    for name in ("eye_shot_penalty", "unaware_bonus", "min_hit", "max_hit", "smoke_turns"):
        assert name in catalog.constants
    for unit in catalog.units.values():
        assert unit.weapons == tuple(unit.weapons)
        assert all(w in catalog.weapons for w in unit.weapons), unit.id
        assert list(unit.inventory) == sorted(unit.inventory)
    for weapon in catalog.weapons.values():
        assert weapon.modes and all(isinstance(m, FireMode) for m in weapon.modes)


def test_default_load_is_cached(catalog: Catalog) -> None:
    assert load_catalog() is catalog


def test_every_required_terrain_kind(catalog: Catalog) -> None:
    for terrain_id, char in REQUIRED_TERRAIN.items():
        assert catalog.terrain_by_id(terrain_id).char == char
    chars = [k.char for k in catalog.terrain]
    assert len(chars) == len(set(chars))
    rock, wall = catalog.terrain_by_id("rock"), catalog.terrain_by_id("wall")
    assert rock.move_cost == 0 and rock.blocks_sight and rock.height == 1
    assert wall.move_cost == 0 and wall.breakable and wall.breaks_into == "rubble"
    assert not catalog.terrain_by_id("forest").blocks_sight
    assert catalog.terrain_by_id("forest").cover == 25
    tower = catalog.terrain_by_id("tower")
    assert tower.elevation > wall.height and not tower.blocks_sight
    assert not catalog.terrain_by_id("cavern_wall").flyable
    assert catalog.terrain_by_id("water").flyable and catalog.terrain_by_id("water").move_cost == 0
    assert catalog.terrain_by_char("+").blocks_sight and catalog.terrain_by_char("+").move_cost


def test_brutes_are_two_by_two_and_cold(catalog: Catalog) -> None:
    brute = catalog.units["brute"]
    assert brute.size == 2 and brute.blood == "cold"
    assert brute.hp > 4 * catalog.units["soldier"].hp
    assert set(brute.weapons) == {"claws", "tail"}
    assert catalog.weapons["tail"].range == 2


def test_calendrea_cold_and_alliance_warm(catalog: Catalog) -> None:
    for unit in catalog.units.values():
        if unit.faction == "calendrea":
            assert unit.blood == "cold" and not unit.infrared, unit.id
        elif unit.species in ("human", "elf"):
            assert unit.blood == "warm" and unit.infrared, unit.id
    assert catalog.units["elf"].night_sight > catalog.units["marine"].night_sight


def test_superheat_rounds_pierce_hide(catalog: Catalog) -> None:
    rifle, sniper = catalog.weapons["assault_rifle"], catalog.weapons["sniper_rifle"]
    ordinary = catalog.weapons["calendrea_rifle"]
    assert rifle.calibre == ".60" and sniper.calibre == ".80"
    assert rifle.pierce > 50 and sniper.pierce > 50 and ordinary.pierce == 0
    assert rifle.silenced and sniper.silenced and not ordinary.silenced

    hide = catalog.units["soldier"].armour

    def body_hit(weapon_id: str) -> int:
        weapon = catalog.weapons[weapon_id]
        return max(0, weapon.damage - hide * (100 - weapon.pierce) // 100)

    assert body_hit("sniper_rifle") > body_hit("assault_rifle") > body_hit("calendrea_rifle")
    assert body_hit("assault_rifle") < catalog.units["soldier"].hp  # only the eye is one hit
    assert [m.id for m in sniper.modes] == ["aimed"] and sniper.modes[0].aimed


def test_env_var_points_at_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = copy_rules(tmp_path)
    mangle(rules, "units.toml", "hp = 60", "hp = 61", after="[unit.brute]")
    monkeypatch.setenv(ASSETS_ENV, str(tmp_path))
    assert load_catalog().units["brute"].hp == 61


# ------------------------------------------------------------------ bad files


def test_syntax_error_keeps_parser_position(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path, line = mangle(rules, "terrain.toml", "straight = 2", "straight = = 2")
    (problem,) = problems_of(rules)
    assert problem.startswith(f"{path}:{line}:12: ")
    assert "TOML syntax error" in problem


def test_syntax_error_at_end_of_document(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path = rules / "constants.toml"
    path.write_text("[constants]\nmin_hit = [1,\n", encoding="utf-8")
    (problem,) = problems_of(rules)
    assert problem.startswith(f"{path}:3:1: TOML syntax error")


def test_misspelt_key_suggests_the_right_one(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path, line = mangle(rules, "units.toml", "hp = 10", "hpp = 10", after="[unit.marine]")
    problems = problems_of(rules)
    unknown = [p for p in problems if "unknown key 'hpp'" in p]
    assert unknown == [f"{path}:{line}:1: unit.marine.hpp: unknown key 'hpp' (did you mean 'hp'?)"]
    assert any("unit.marine: missing required key 'hp'" in p for p in problems)


def test_unknown_weapon_names_unit_and_key(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path, line = mangle(
        rules, "units.toml", '"assault_rifle"', '"asault_rifle"', after="[unit.davis]"
    )
    (problem,) = problems_of(rules)
    assert problem.startswith(f"{path}:{line}:")
    assert "unit.davis.weapons" in problem and "unknown weapon 'asault_rifle'" in problem
    assert "did you mean 'assault_rifle'" in problem
    column = int(problem.split(":")[2])
    assert path.read_text().splitlines()[line - 1][column - 1 :].startswith('"asault_rifle"')


def test_missing_required_key_is_named(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path, _ = mangle(rules, "units.toml", "armour = 8\n", "", after="[unit.brute]")
    header = path.read_text().splitlines().index("[unit.brute]") + 1
    (problem,) = problems_of(rules)
    assert problem == f"{path}:{header}:1: unit.brute: missing required key 'armour'"


def test_all_problems_in_all_files_reported_together(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    mangle(rules, "units.toml", "hp = 12", 'hp = "twelve"', after="[unit.soldier]")
    mangle(rules, "units.toml", 'blood = "cold"', 'blood = "cool"', after="[unit.sentry]")
    mangle(rules, "units.toml", 'faction = "alliance"', 'faction = "aliance"')
    mangle(rules, "terrain.toml", 'breaks_into = "rubble"', 'breaks_into = "rubbel"')
    mangle(rules, "terrain.toml", 'char = "T"', 'char = "."')
    mangle(rules, "weapons.toml", "[weapon.knife]", "[weapons.knife]")
    mangle(rules, "constants.toml", "min_hit = 5", "min_hit = 5.5")
    text = "\n".join(problems_of(rules))
    assert "unit.soldier.hp: must be an integer, not string" in text
    assert "unit.sentry.blood: 'cool' is not one of 'warm', 'cold' (did you mean 'cold'?)" in text
    assert "unit.marine.faction: 'aliance'" in text
    assert "terrain.wall.breaks_into: unknown terrain 'rubbel' (did you mean 'rubble'?)" in text
    assert "terrain.forest.char: '.' is already the char of terrain 'open'" in text
    assert "unknown table 'weapons' (did you mean 'weapon'?)" in text
    assert "constants.min_hit: must be an integer, not float" in text
    # [weapon.knife.modes.stab] still defines a knife, now without its fields
    assert "weapon.knife: missing required key 'damage'" in text


def test_bad_fire_mode_is_located(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    path, line = mangle(rules, "weapons.toml", "rounds = 3", "rounds = 3\nspeed = 1")
    (problem,) = problems_of(rules)
    assert problem == (
        f"{path}:{line + 1}:1: weapon.assault_rifle.modes.burst.speed: unknown key 'speed'"
    )


# ------------------------------------------------------------------- locate


def test_locate_headers_keys_and_inline_tables() -> None:
    text = "\n".join(
        [
            "top = 1",  # 1
            "[unit.marine]",  # 2
            "hp = 10",  # 3
            "inventory = { emp = 2, smoke = 1 }",  # 4
            "modes.snap.ap = 8",  # 5
            '[ unit . "odd id" ]',  # 6
            "  hp = 3",  # 7
            "[[side]]",  # 8
            "name = 'a'",  # 9
            "[[side]]",  # 10
            "name = 'b'",  # 11
            'notes = """',  # 12
            "[not.a.header]",  # 13
            '"""',  # 14
        ]
    )
    assert locate(text, (), "top") == (1, 1)
    assert locate(text, ("unit", "marine"), None) == (2, 1)
    assert locate(text, ("unit", "marine"), "hp") == (3, 1)
    assert locate(text, ("unit", "marine"), "missing") == (2, 1)
    assert locate(text, ("unit", "marine", "inventory"), "smoke") == (4, 24)
    assert locate(text, ("unit", "marine", "modes", "snap"), "ap") == (5, 1)
    assert locate(text, ("unit", "marine", "modes", "snap"), None) == (5, 1)
    assert locate(text, ("unit", "odd id"), "hp") == (7, 3)
    assert locate(text, ("side", 1), "name") == (11, 1)
    assert locate(text, ("side", 0), None) == (8, 1)
    assert locate(text, ("not", "a", "header"), None) == (1, 1)


def test_toml_source_reports_positions(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[a]\nb = 1\n", encoding="utf-8")
    src = TomlSource.read(path)
    assert src.data == {"a": {"b": 1}}
    src.problem(("a",), "b", "too small")
    assert src.problems == [f"{path}:2:1: a.b: too small"]
    with pytest.raises(RulesError, match=r"missing\.toml:1:1: cannot read"):
        TomlSource.read(tmp_path / "missing.toml")


def test_syntax_position_from_attributes_or_message() -> None:
    """Python 3.14 puts the position on the exception; 3.11 only in its message."""
    from alma_tactics.content.toml_source import _syntax_position

    new_style = tomllib.TOMLDecodeError("Invalid value (at line 2, column 7)")
    new_style.msg, new_style.lineno, new_style.colno = "Invalid value", 2, 7  # type: ignore[attr-defined]
    assert _syntax_position(new_style, "") == (2, 7, "Invalid value")
    old_style = tomllib.TOMLDecodeError("Invalid value (at line 4, column 9)")
    assert _syntax_position(old_style, "") == (4, 9, "Invalid value")
