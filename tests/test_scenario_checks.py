"""The validator: every bad input is reported as FILE:LINE:COL: message, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_scenario_files import BASE, replaced, write

from alma_tactics.scenario import FORMAT_VERSION, Problem, validate


def check(tmp_path: Path, text: str) -> list[Problem]:
    return validate(write(tmp_path, text))


def where(text: str, snippet: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, col) of the `occurrence`-th `snippet` in `text`."""
    at = -1
    for _ in range(occurrence):
        at = text.index(snippet, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def found(problems: list[Problem], text: str) -> Problem:
    """The one problem whose message holds `text`."""
    matching = [p for p in problems if text in p.message]
    assert len(matching) == 1, f"{text!r} in:\n" + "\n".join(map(str, problems))
    return matching[0]


# --- exact positions -----------------------------------------------------------------------------


def test_a_bad_map_character_points_at_its_row_and_column(tmp_path: Path) -> None:
    text = replaced("..#__#..s.", "..#__#..X.")
    problem = only(check(tmp_path, text))
    line, _ = where(text, "..#__#..X.")
    assert (problem.line, problem.col) == (line, 9)
    assert str(problem) == (
        f"{tmp_path / 'test.toml'}:{line}:9: map.rows: unknown terrain character 'X' at [8, 2] "
        "(not in assets/rules/terrain.toml, nor in [map.legend])"
    )


def test_a_map_starting_on_the_rows_line_is_placed_too(tmp_path: Path) -> None:
    text = replaced('rows = """\n..........\n', 'rows = """..........\n')
    text = replaced("..####....\n..........\n", "..####....\n....?.....\n", text)
    problem = only(check(tmp_path, text))
    assert (problem.line, problem.col) == (where(text, "....?.....")[0], 5)
    first = replaced('rows = """..........', 'rows = """...?......', text)
    problems = check(tmp_path, first)
    # 'rows = """' is 10 characters: the map's x = 3 is column 11 + 3
    assert (problems[0].line, problems[0].col) == (where(first, 'rows = """')[0], 14)


def test_an_unknown_unit_type_names_the_key_and_suggests_the_closest(tmp_path: Path) -> None:
    text = replaced('type = "brute"', 'type = "brut"')
    problem = only(check(tmp_path, text))
    assert (problem.line, problem.col) == where(text, 'type = "brut"')
    assert problem.message == "unit[5].type: unknown unit type 'brut' (did you mean 'brute'?)"


def test_a_toml_syntax_error_keeps_the_parsers_position(tmp_path: Path) -> None:
    text = replaced("at = [0, 2]\n", "at = [0, 2\n")
    problem = only(check(tmp_path, text))
    line, _ = where(text, "at = [0, 2\n")
    assert problem.line == line + 1  # tomllib notices at the next line's first key
    assert problem.col == 1
    assert problem.message.startswith("TOML syntax error: ")
    text = replaced('title = "Test yard"', 'title = "Test yard')
    problem = only(check(tmp_path, text))
    assert (problem.line, problem.col) == (where(text, "title")[0], 19)


def test_a_file_that_is_not_utf8_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(BASE.replace("Test yard", "Caf\xe9").encode("latin-1"))
    problem = only(validate(path))
    assert (problem.line, problem.col) == (where(BASE, "Test yard")[0], where(BASE, "Test")[1] + 3)
    assert "UTF-8" in problem.message


# --- the map -------------------------------------------------------------------------------------


def test_a_map_wider_than_its_declared_size(tmp_path: Path) -> None:
    text = replaced("width = 10", "width = 9")
    problems = check(tmp_path, text)
    # every row; and the brute, the spotlight and a reinforcement at x = 9 are off the map
    assert len(problems) == 6 + 3
    first = problems[0]
    assert (first.line, first.col) == (where(text, "..........")[0], 10)
    assert first.message == "map.rows: row 0 is 10 wide, wider than width = 9"
    found(problems, "object[2].at: [9, 0] is off the map (the map is 9x6)")
    found(problems, "unit[5].at: [8, 4] puts its 2x2 footprint off the map (the map is 9x6)")


def test_a_short_row_and_a_missing_row(tmp_path: Path) -> None:
    text = replaced("..#__+....\n", "..#__+..\n")
    text = replaced("..####....\n..........\n", "..####....\n", text)
    problems = check(tmp_path, text)
    short = found(problems, "row 3 is 8 wide, narrower than width = 10")
    assert (short.line, short.col) == (where(text, "..#__+..")[0], 9)
    rows = found(problems, "the map has 5 rows, but height is 6")
    assert (rows.line, rows.col) == where(text, "rows =")


def test_an_extra_row_points_at_itself(tmp_path: Path) -> None:
    text = replaced("..####....\n..........\n", "..####....\n..........\n..........\n")
    problem = only(check(tmp_path, text))
    assert problem.message == "map.rows: the map has 7 rows, but height is 6"
    assert (problem.line, problem.col) == (where(text, "..####....", 2)[0] + 2, 1)


def test_a_broken_map_reports_a_bounded_number_of_characters(tmp_path: Path) -> None:
    start = BASE.index('rows = """') + len('rows = """')
    end = BASE.index('"""', start)
    text = BASE[:start] + "\n" + "??????????\n" * 6 + BASE[end:]
    problems = check(tmp_path, text)
    assert len(problems) == 51  # 50 shown, then a count of the rest
    assert problems[-1].message == "map.rows: ... and 10 more problems in the rows"
    assert problems == sorted(problems, key=lambda p: (p.line, p.col))


def test_legend_problems(tmp_path: Path) -> None:
    text = replaced('"s" = "rough"', '"s" = "rouhg"\n"ab" = "open"')
    problems = check(tmp_path, text)
    bad_id = found(problems, "unknown terrain 'rouhg' (did you mean 'rough'?)")
    assert (bad_id.line, bad_id.col) == where(text, '"s" = "rouhg"')
    key = found(problems, "a legend key must be one printable, non-space character")
    assert key.line == where(text, '"ab"')[0]
    found(problems, "unknown terrain character 's'")  # the legend entry did not count


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("width = 10", "width = 0", "map.width: must be between 1 and 1024, not 0"),
        ("width = 10", 'width = "10"', "map.width: must be an integer, not string"),
        ('ambient = "night"', 'ambient = "nite"', "'nite' is not one of 'day', 'dusk', 'night'"),
        ("version = 1", f"version = {FORMAT_VERSION + 1}", "is newer than this game reads"),
        ("version = 1", "version = 0", "scenario.version: must be at least 1"),
        ('title = "Test yard"\n', "", "scenario: missing required key 'title'"),
    ],
)
def test_scenario_and_map_values(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = replaced(old, new)
    problem = found(check(tmp_path, text), message)
    if new:
        assert (problem.line, problem.col) == where(text, new.split(" ")[0])


# --- sides, units, objects -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('faction = "calendrea"', 'faction = "calendria"', "'calendria' is not one of"),
        ('controller = "ai"', 'controller = "computer"', "'computer' is not one of 'human', 'ai'"),
        ('difficulty = "hard"', 'difficulty = "brutal"', "'brutal' is not one of 'easy'"),
        ('colour = "#3c8cdc"', 'colour = "blue"', 'must be a colour like "#3c8cdc"'),
        ('colour = "#3c8cdc"', 'color = "#3c8cdc"', "unknown key 'color' (did you mean 'colour'?)"),
        ("deploy = [[0, 0, 1, 5]]", "deploy = [[0, 0, 1, 6]]", "[0, 0, 1, 6] is off the map"),
        ('alertness = "unaware"', 'alertness = "sleepy"', "'sleepy' is not one of"),
    ],
)
def test_side_values(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = replaced(old, new)
    problem = found(check(tmp_path, text), message)
    assert problem.line == where(text, new)[0]


def test_units_on_walls_and_off_the_map(tmp_path: Path) -> None:
    text = replaced("at = [0, 2]", "at = [2, 1]")  # davis into the wall
    text = replaced("at = [8, 4]", "at = [9, 4]", text)  # a 2x2 brute's right half off the map
    problems = check(tmp_path, text)
    wall = found(problems, "davis cannot stand on wall ('#') at [2, 1]")
    assert (wall.line, wall.col) == where(text, "at = [2, 1]")
    off = found(problems, "[9, 4] puts its 2x2 footprint off the map (the map is 10x6)")
    assert off.line == where(text, "at = [9, 4]")[0]
    assert off.message.startswith("unit[5].at: ")


def test_a_brute_on_impassable_terrain(tmp_path: Path) -> None:
    text = replaced("at = [8, 4]", "at = [5, 3]")  # the door is fine, the wall below is not
    problem = found(check(tmp_path, text), "brute cannot stand on wall ('#') at [5, 4]")
    assert problem.line == where(text, "at = [5, 3]")[0]


def test_overlapping_units(tmp_path: Path) -> None:
    text = replaced("at = [7, 1]\n", "at = [9, 5]\n")  # the sentry, under the brute
    problem = only(check(tmp_path, text))
    assert problem.message == "unit[5].at: overlaps unit 'sentry' (unit[4], at [9, 5])"
    assert problem.line == where(text, "at = [8, 4]")[0]


def test_a_rider_is_not_placed_but_its_transport_is_checked(tmp_path: Path) -> None:
    text = replaced('carried_by = "truck"', 'carried_by = "davis"')
    problem = only(check(tmp_path, text))
    assert "'davis' (davis) is not a transport" in problem.message
    assert problem.line == where(text, 'carried_by = "davis"')[0]
    text = replaced('carried_by = "truck"', 'carried_by = "truk"')
    assert "no unit 'truk' (did you mean 'truck'?)" in only(check(tmp_path, text)).message


def test_a_unit_on_a_generator(tmp_path: Path) -> None:
    text = replaced("at = [0, 2]", "at = [3, 2]")
    problem = only(check(tmp_path, text))
    assert problem.message == "unit[0].at: stands on the generator 'gen'"


def test_duplicate_ids_including_default_ones(tmp_path: Path) -> None:
    text = replaced('id = "truck"', 'id = "davis"')
    text = replaced('carried_by = "truck"', 'carried_by = "davis"', text)
    problems = check(tmp_path, text)
    dup = found(problems, "duplicate id 'davis': unit[0] has it too")
    assert dup.line == where(text, 'id = "davis"', 2)[0]
    text = replaced('id = "brute"', 'id = "u2"')  # unit[1] is u2 by default
    assert (
        only(check(tmp_path, text)).message == "unit[5].id: duplicate id 'u2': unit[1] has it too"
    )
    text = replaced('id = "davis"', 'id = "u2"')  # unit[0] takes unit[1]'s default id
    problem = only(check(tmp_path, text))
    assert problem.message == "unit[1]: duplicate id 'u2' (its default id): unit[0] has it too"
    assert problem.line == where(text, "[[unit]]", 2)[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'side = "calendrea"\nat = [7, 1]',
            'side = "calendra"\nat = [7, 1]',
            "unit[4].side: unknown side 'calendra' (did you mean 'calendrea'?)",
        ),
        ("facing = 2", "facing = 8", "must be 0..7"),
        ('squad = "alpha"\ninventory', 'squad = "bravo"\ninventory', "unknown squad 'bravo'"),
        ("ammo = { assault_rifle = 10 }", "ammo = { assault_rifle = 99 }", "do not fit"),
        (
            "ammo = { assault_rifle = 10 }",
            "ammo = { sniper_rifle = 5 }",
            "no weapon 'sniper_rifle'",
        ),
        ("inventory = { emp = 3 }", "inventory = { emp = -1 }", "must be a count"),
        ("[7, 1], [7, 4]]", "[7, 1], [2, 4]]", "waypoint sentry cannot stand on wall"),
        ("[7, 1], [7, 4]]", "[7, 1], [7, 40]]", "waypoint [7, 40] puts it off"),
        ("[7, 1], [7, 4]]", "[7, 1], 7]", "must be [x, y] (integers), not 7"),
        ("at = [0, 4]", "at = [0.5, 4]", "must be [x, y] (integers), not [0.5, 4]"),
    ],
)
def test_unit_values(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = replaced(old, new)
    problem = found(check(tmp_path, text), message)
    assert problem.line == where(text, new)[0]


def test_patrol_problems_point_at_the_waypoint(tmp_path: Path) -> None:
    text = replaced("patrol = [[7, 1], [7, 4]]", "patrol = [[7, 1], [7, 40]]")
    problem = only(check(tmp_path, text))
    assert (problem.line, problem.col) == where(text, "[7, 40]")
    assert problem.message.startswith("unit[4].patrol[1]: ")


def test_lights_and_generators(tmp_path: Path) -> None:
    text = replaced('generator = "gen"', "")
    problem = only(check(tmp_path, text))
    assert "fed by no generator" in problem.message
    assert (problem.line, problem.col) == where(text, "[[object]]", 2)

    text = replaced('generator = "gen"', 'generator = "hut_marker"')
    assert "'hut_marker' is a marker, not a generator" in only(check(tmp_path, text)).message
    text = replaced('generator = "gen"', 'generator = "gne"')
    problem = only(check(tmp_path, text))
    assert problem.message == (
        "object[1].generator: no generator 'gne' in the [[object]]s (did you mean 'gen'?)"
    )
    assert (problem.line, problem.col) == where(text, 'generator = "gne"')
    text = replaced("self_powered = true", "self_powered = false")
    assert "fed by no generator" in only(check(tmp_path, text)).message
    text = replaced("hp = 20\n", "")
    assert "a generator needs hp" in only(check(tmp_path, text)).message
    text = replaced("cone = 90", "cone = 400")
    assert "object[1].cone: must be degrees" in only(check(tmp_path, text)).message
    text = replaced('kind = "marker"', 'kind = "beacon"')
    assert "'beacon' is not one of 'spotlight'" in only(check(tmp_path, text)).message
    text = replaced('label = "The hut"', "radius = 3")
    assert "unknown key 'radius'" in only(check(tmp_path, text)).message


# --- areas, objectives, triggers -----------------------------------------------------------------


def test_a_trigger_naming_a_missing_area_points_inside_the_condition(tmp_path: Path) -> None:
    text = replaced('area = "hut" } }]', 'area = "hat" } }]')
    problem = only(check(tmp_path, text))
    assert (problem.line, problem.col) == where(text, 'area = "hat"')
    assert problem.message == (
        "trigger[0].when[0].enters.area: unknown area 'hat' (did you mean 'hut'?)"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{ turn = 3 }", "{ turn = 0 }", "trigger[1].when[0].turn: must be a turn number"),
        ("{ turn = 3 }", "{ tern = 3 }", "unknown condition 'tern' (did you mean 'turn'?)"),
        ("{ turn = 3 }", "{ turn = 3, alarm = 'x' }", "each condition is a table with one key"),
        ("{ turn = 3 }", '{ destroyed = "genn" }', "unknown unit or object 'genn'"),
        ("{ turn = 3 }", '{ alarm = "calendrae" }', "unknown side 'calendrae'"),
        ("{ turn = 3 }", '{ attacked = "hot" }', "unknown area 'hot'"),
        (
            "{ turn = 3 }",
            '{ held = { side = "alliance", area = "hut" } }',
            "missing required key 'turns'",
        ),
        ('{ message = "Dawn." }', '{ mesage = "Dawn." }', "unknown effect 'mesage'"),
        ('{ victory = "alliance" }', '{ victory = "aliance" }', "unknown side 'aliance'"),
        ('status = "done"', 'status = "won"', "'won' is not one of 'open', 'done', 'failed'"),
        ('id = "take_hut", status', 'id = "take_hat", status', "unknown objective 'take_hat'"),
        ('type = "soldier"', 'type = "soldeir"', "unknown unit type 'soldeir' (did you mean"),
        ("at = [9, 5] }", "at = [19, 5] }", "[19, 5] is off the map"),
        ("units = [{", "unit = [{", "unknown key 'unit' (did you mean 'units'?)"),
        (
            '{ message = "Dawn." }',
            '{ controller = { side = "calendrea", to = "robot" } }',
            "'robot' is not one of 'human', 'ai'",
        ),
        (
            '{ message = "Dawn." }',
            '{ alertness = { side = "calendrea", level = "awake" } }',
            "'awake' is not one of",
        ),
        (
            '{ message = "Dawn." }',
            '{ reveal = { side = "alliance", area = "yard" } }',
            "unknown area 'yard'",
        ),
        (
            "when = [{ turn = 3 }]",
            "when = [{ turn = 3 }",
            "",
        ),  # a syntax error: reported, no traceback
    ],
)
def test_trigger_values(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = replaced(old, new)
    problems = check(tmp_path, text)
    assert problems
    problem = found(problems, message) if message else problems[0]
    if message:
        line, _ = where(text, new)
        assert problem.line == line


def test_area_and_objective_values(tmp_path: Path) -> None:
    text = replaced("rect = [3, 2, 4, 3]", "rect = [3, 2, 14, 3]")
    problem = only(check(tmp_path, text))
    assert problem.message == "area[0].rect: [3, 2, 14, 3] is off the map (the map is 10x6)"
    text = replaced("rect = [3, 2, 4, 3]", "rect = [4, 2, 3, 3]")
    assert "with x0 <= x1" in only(check(tmp_path, text)).message
    text = replaced('kind = "secondary"', 'kind = "optional"')
    assert "'optional' is not one of 'primary', 'secondary'" in only(check(tmp_path, text)).message
    text = replaced(
        'text = "Take the hut"\nkind = "primary"\nside = "alliance"', 'text = "x"\nside = "allies"'
    )
    assert "objective[0].side: unknown side 'allies'" in only(check(tmp_path, text)).message


def test_story_values(tmp_path: Path) -> None:
    text = replaced(
        "losses = { alliance = 0, calendrea = 2 }", "losses = { alliance = 0, calendra = -1 }"
    )
    problems = check(tmp_path, text)
    found(problems, "unknown side or faction 'calendra' (did you mean 'calendrea'?)")
    found(problems, "must be a count")
    text = replaced(
        "losses = { alliance = 0, calendrea = 2 }",
        "losses = { alliance = { infantry = 15, mechs = 2 }, calendrea = 120 }",
    )
    assert check(tmp_path, text) == []


def test_unknown_and_misplaced_tables(tmp_path: Path) -> None:
    text = replaced("[[squad]]", "[[squads]]")
    problems = check(tmp_path, text)
    found(problems, "unknown table 'squads' (did you mean 'squad'?)")
    assert len([p for p in problems if "unknown squad 'alpha'" in p.message]) == 2
    text = BASE.replace("[scenario]", "[scenaro]")
    problems = check(tmp_path, text)
    found(problems, "missing table [scenario]")
    assert found(problems, "unknown table 'scenaro'").line == where(text, "[scenaro]")[0]


def test_wrong_shapes_never_crash(tmp_path: Path) -> None:
    for old, new in [
        ('[[side]]\nid = "alliance"', 'side = 5\n[[sid]]\nid = "alliance"'),
        ("[map]", "map = 3\n[mapp]"),
        ("when = [{ turn = 3 }]", 'when = "soon"'),
        ("when = [{ turn = 3 }]", "when = []"),
        ('[map.legend]\n"s" = "rough"', 'legend = "s"'),
        ('rows = """', 'rows = 5\nrowz = """'),
        ('{ message = "Dawn." },', '5, { message = "Dawn." },'),
        ("{ enters = { side", "{ enters = 3, x = { side"),
    ]:
        text = BASE.replace(old, new, 1)
        assert text != BASE, old
        problems = check(tmp_path, text)
        assert problems, new
        assert all("internal error" not in p.message for p in problems), problems


# --- all at once ---------------------------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_reading_order(tmp_path: Path) -> None:
    text = BASE
    for old, new in [
        ('ambient = "night"', 'ambient = "noon"'),
        ("..#__#..s.", "..#__#..X."),
        ('type = "brute"', 'type = "brut"'),
        ("at = [0, 2]", "at = [2, 1]"),
        ("at = [7, 1]\n", "at = [0, 4]\n"),
        ('generator = "gen"', ""),
        ('area = "hut" } }]', 'area = "hat" } }]'),
        ("width = 10", "width = 9"),
    ]:
        text = replaced(old, new, text)
    problems = check(tmp_path, text)
    messages = "\n".join(map(str, problems))
    for expected in [
        "'noon' is not one of",
        "unknown terrain character 'X'",
        "unknown unit type 'brut'",
        "davis cannot stand on wall",
        "overlaps unit 'u2'",
        "fed by no generator",
        "unknown area 'hat'",
        "row 0 is 10 wide, wider than width = 9",
    ]:
        assert expected in messages
    assert problems == sorted(problems, key=lambda p: (p.line, p.col))
    assert all(str(p).startswith(f"{tmp_path / 'test.toml'}:{p.line}:{p.col}: ") for p in problems)


def test_the_format_documents_example_uses_only_known_keys(tmp_path: Path) -> None:
    """docs/scenario-format.md is the contract: its example must read under these checks."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md").read_text()
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    problems = check(tmp_path, example)
    unknown = [p for p in problems if "unknown key" in p.message or "unknown table" in p.message]
    assert unknown == []
    assert any("unknown terrain" not in p.message for p in problems)  # it is a sketch: 8 wide


def test_reinforcement_ids(tmp_path: Path) -> None:
    text = replaced(
        '{ type = "soldier", at = [9, 5] }', '{ type = "soldier", at = [9, 5], id = "late" }'
    )
    assert check(tmp_path, text) == []
    named = replaced("{ turn = 3 }", '{ destroyed = "late" }', text)
    assert check(tmp_path, named) == []  # a reinforcement may be named once it has come
    again = replaced("when = [{ turn = 3 }]", "once = false\nwhen = [{ turn = 3 }]", text)
    problem = only(check(tmp_path, again))
    assert "once = false may fire again" in problem.message
    assert (problem.line, problem.col) == where(again, 'id = "late"')
    clash = replaced('id = "late"', 'id = "sentry"', text)
    assert "duplicate id 'sentry'" in only(check(tmp_path, clash)).message


def test_a_rider_needs_no_position_and_sides_cannot_be_empty(tmp_path: Path) -> None:
    text = replaced('at = [0, 0]\ncarried_by = "truck"', 'carried_by = "truck"')
    assert check(tmp_path, text) == []
    text = replaced("at = [0, 4]\n", "")
    assert only(check(tmp_path, text)).message == "unit[1]: missing required key 'at'"
    problems = check(tmp_path, "side = []\n" + BASE.replace("[[side]]", "[[sides]]"))
    found(problems, "side: a scenario needs at least one [[side]]")
