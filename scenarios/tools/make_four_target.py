"""Generate scenarios/four_target_assault.toml, the story's four-target assault.

    /tmp/v/bin/python scenarios/tools/make_four_target.py [--check] [--sketch]

The map is too big to draw by hand (120 x 76), so this script draws it from a few
named rectangles (the Calendrea main base, three lesser targets, the roads between
them, the ridge Davis hides behind) and places every unit by rule (rings of sentries
and mechs, rows of soldiers). It uses no randomness: running it again writes the
same file. Edit the constants below, rerun, and commit the .toml with the script.

`--check` also builds the written scenario with the game's loader and checks that
every unit stands on free, passable ground; `--sketch` prints the 1:2 overview
that heads the file.

No reinforcement triggers: the main base's AI decides whom to send where (the
Calendrea side's `ai` hints name its base, the targets it defends and the garrison
it keeps). The map only makes it possible: land transports parked in the motor pool and by the east
gate with soldiers beside them, drop ships on the main base's landing pad, roads to
every target and a landing pad outside each one.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "four_target_assault.toml"

W, H = 120, 76
IMPASSABLE = set("^#B~v%")
Box = tuple[int, int, int, int]
Pos = tuple[int, int]

# ---------------------------------------------------------------------- layout
# Compounds as wall boxes (x0, y0, x1, y1), corners included.
MAIN: Box = (46, 6, 85, 41)  # the Calendrea main base: a two-tile paracrete wall
TARGET_A: Box = (8, 6, 25, 19)  # north-west: the relay station (Arlana's twenty mechs)
TARGET_B: Box = (8, 56, 25, 69)  # south-west: the fuel depot (Sotari)
TARGET_C: Box = (96, 42, 111, 55)  # east: the ore works (Waller)
COMMAND_CENTRE: Box = (60, 11, 71, 19)  # walled room inside the main base
LANDING_PAD: Box = (70, 28, 81, 36)  # the drop ships' pad inside the main base
MOTOR_POOL: Box = (49, 26, 58, 31)
HIDEOUT: Box = (52, 54, 80, 66)  # where Davis's group waits, behind the ridge

ROUGH = [
    (34, 2, 38, 4), (2, 26, 6, 29), (40, 30, 43, 33), (92, 8, 95, 11), (110, 6, 114, 8),
    (30, 66, 34, 69), (88, 66, 92, 70), (112, 64, 116, 67), (38, 50, 41, 52), (4, 44, 8, 46),
    (96, 28, 99, 30), (56, 70, 60, 72), (66, 44, 70, 46), (20, 32, 24, 34),
]  # fmt: skip
FOREST = [
    (36, 8, 40, 13), (10, 36, 15, 41), (26, 44, 31, 48), (90, 30, 94, 35), (104, 14, 109, 18),
    (42, 60, 47, 66), (84, 58, 89, 63), (116, 30, 119, 36), (0, 70, 4, 75), (62, 68, 68, 71),
    (102, 62, 106, 65), (31, 28, 33, 31),
]  # fmt: skip
ROCK = [
    (40, 16, 41, 18), (96, 18, 97, 19), (2, 50, 3, 52), (33, 58, 34, 60), (112, 70, 114, 71),
    (90, 48, 91, 50), (44, 36, 44, 38), (28, 36, 29, 37),
]  # fmt: skip
RIDGE_GAPS = (57, 58, 68, 69, 76, 77)  # where Davis's group can sortie through the ridge

# Where the lesser targets' soldiers stand.
A_SOLDIERS = [
    (12, 8), (17, 9), (16, 13), (20, 13), (22, 15),
    (16, 17), (17, 17), (10, 18), (23, 17), (18, 15),
]  # fmt: skip
B_SOLDIERS = [
    (16, 57), (17, 57), (10, 58), (23, 58), (17, 60),
    (16, 63), (10, 63), (18, 66), (23, 65), (20, 58),
]  # fmt: skip
C_SOLDIERS = [
    (103, 43), (104, 43), (98, 44), (106, 45), (104, 49),
    (100, 50), (103, 53), (108, 53), (110, 47), (105, 46),
]  # fmt: skip

# The lesser targets: wall box, gate side, guard towers (inside the corners),
# buildings, the soldiers' tiles and a marker.
TARGETS = {
    "a": dict(
        box=TARGET_A,
        name="Relay station",
        gate="south",
        towers=[(9, 7), (24, 7)],
        buildings=[(11, 10, 14, 12), (19, 9, 22, 11), (11, 15, 13, 16)],
        soldiers=A_SOLDIERS,
        brute=None,
        marker=(17, 13),
    ),
    "b": dict(
        box=TARGET_B,
        name="Fuel depot",
        gate="north",
        towers=[(9, 68), (24, 68)],
        buildings=[(11, 59, 14, 61), (19, 60, 22, 63), (12, 65, 15, 66)],
        soldiers=B_SOLDIERS,
        brute=(20, 66),
        marker=(17, 62),
    ),
    "c": dict(
        box=TARGET_C,
        name="Ore works",
        gate="north",
        towers=[(97, 54), (110, 43)],
        buildings=[(99, 46, 102, 48), (106, 48, 109, 51), (99, 51, 101, 53)],
        soldiers=C_SOLDIERS,
        brute=(107, 44),
        marker=(104, 49),
    ),
}

# ---------------------------------------------------------------------- sketch
# Labels written over the 1:2 sketch (tile coordinates of their first letter).
LABELS = [
    (10, 2, "A relay"), (56, 2, "MAIN BASE"), (60, 14, "command"), (60, 16, "centre"),
    (52, 28, "motor"), (72, 32, "pad"), (98, 58, "C ore works"), (8, 72, "B fuel depot"),
    (34, 34, "lake"), (60, 48, "ridge"), (88, 66, "ravine"), (56, 68, "Davis hides"),
    (20, 30, "Arlana's men"), (36, 0, "noose of 20 mechs"), (36, 62, "Sotari"),
    (106, 66, "Waller"),
]  # fmt: skip
# What a 2x2 block of tiles shows: the most telling terrain in it.
SKETCH_PRIORITY = "+#HBP=~v^Tn,_."
SKETCH_CHAR = {".": " ", "_": " ", ",": " "}
SKETCH_UNITS = {"alliance": "D", "arlana": "m", "diversion_b": "s", "diversion_c": "w"}


class Board:
    """The map as a grid of terrain characters."""

    def __init__(self) -> None:
        self.g = [["."] * W for _ in range(H)]

    def put(self, x: int, y: int, ch: str) -> None:
        self.g[y][x] = ch

    def at(self, x: int, y: int) -> str:
        return self.g[y][x]

    def fill(self, x0: int, y0: int, x1: int, y1: int, ch: str) -> None:
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                self.g[y][x] = ch

    def box(self, x0: int, y0: int, x1: int, y1: int, ch: str, thick: int = 1) -> None:
        for t in range(thick):
            for x in range(x0 + t, x1 - t + 1):
                self.g[y0 + t][x] = ch
                self.g[y1 - t][x] = ch
            for y in range(y0 + t, y1 - t + 1):
                self.g[y][x0 + t] = ch
                self.g[y][x1 - t] = ch

    def passable(self, x: int, y: int) -> bool:
        return 0 <= x < W and 0 <= y < H and self.g[y][x] not in IMPASSABLE

    def rows(self) -> list[str]:
        return ["".join(r) for r in self.g]


def compound(b: Board, box: Box, thick: int = 1) -> None:
    """Floor inside a paracrete wall."""
    b.fill(*box, "_")
    b.box(*box, "#", thick)


def draw_terrain(b: Board) -> None:
    for rect in ROUGH:
        b.fill(*rect, ",")
    for rect in FOREST:
        b.fill(*rect, "T")
    for rect in ROCK:
        b.fill(*rect, "^")
    # a lake west of the ridge and a ravine east of it: feet and wheels go round
    b.fill(36, 40, 41, 44, "~")
    b.fill(37, 39, 40, 39, "~")
    b.fill(37, 45, 40, 45, "~")
    for y in range(46, 64):
        b.put(86 + (y % 3 == 0), y, "v")
    # the ridge that hides Davis's group from the main base
    for x in range(50, 83):
        if x not in RIDGE_GAPS:
            b.put(x, 50, "^")
            if x % 4:
                b.put(x, 51, "^")
    b.fill(50, 52, 82, 52, ",")


def draw_main_base(b: Board) -> None:
    x0, y0, x1, y1 = MAIN
    compound(b, MAIN, thick=2)
    # 2x2 corner towers inside the two-tile wall
    for tx, ty in [(x0 + 2, y0 + 2), (x1 - 3, y0 + 2), (x0 + 2, y1 - 3), (x1 - 3, y1 - 3)]:
        b.fill(tx, ty, tx + 1, ty + 1, "H")
    # the main street from the west gate to the east gate; gates two tiles wide
    b.fill(x0, 23, x1, 24, "=")
    for x in (x0, x0 + 1, x1 - 1, x1):
        b.put(x, 23, "+")
        b.put(x, 24, "+")
    # gate towers flanking both gates, inside the wall
    for tx in (x0 + 2, x1 - 2):
        b.put(tx, 21, "H")
        b.put(tx, 26, "H")
    # a door through the south wall
    b.put(66, y1, "+")
    b.put(66, y1 - 1, "+")
    # the command centre: a walled room, doors on the main street side
    compound(b, COMMAND_CENTRE)
    b.put(65, COMMAND_CENTRE[3], "+")
    b.put(66, COMMAND_CENTRE[3], "+")
    # barracks, stores and workshops
    for rect in [(50, 10, 56, 14), (75, 10, 81, 14), (50, 34, 56, 37), (61, 29, 66, 35)]:
        b.fill(*rect, "B")
    b.fill(76, 38, 81, 38, "B")
    b.fill(73, 16, 78, 19, "B")
    b.fill(*MOTOR_POOL, "=")
    b.fill(*LANDING_PAD, "P")
    # sandbag lines at both gates and before the command centre
    for y in (20, 21, 26, 27):
        b.put(50, y, "n")
        b.put(81, y, "n")
    for x in (62, 63, 68, 69):
        b.put(x, 21, "n")


def draw_target(b: Board, spec: dict) -> None:
    x0, y0, x1, y1 = spec["box"]
    compound(b, spec["box"])
    for tx, ty in spec["towers"]:
        b.put(tx, ty, "H")
    mid = (x0 + x1) // 2
    gate_y = y1 if spec["gate"] == "south" else y0
    b.put(mid, gate_y, "+")
    b.put(mid + 1, gate_y, "+")
    for rect in spec["buildings"]:
        b.fill(*rect, "B")


def draw_roads(b: Board) -> None:
    # the west road: target A's gate - the main street - target B's gate
    b.fill(16, 20, 17, 55, "=")
    b.fill(16, 23, 45, 24, "=")
    # the east road: the main base's east gate to target C's north gate
    b.fill(86, 23, 104, 24, "=")
    b.fill(103, 25, 104, 41, "=")
    # a landing pad outside each target
    b.fill(27, 11, 29, 13, "P")
    b.fill(27, 61, 29, 63, "P")
    b.fill(107, 36, 109, 38, "P")


def build_map() -> Board:
    b = Board()
    draw_terrain(b)
    draw_main_base(b)
    for spec in TARGETS.values():
        draw_target(b, spec)
    draw_roads(b)
    return b


# ----------------------------------------------------------------------- units
def ring(x0: int, y0: int, x1: int, y1: int, n: int) -> list[Pos]:
    """`n` tiles spaced evenly round a rectangle, clockwise from its top-left."""
    perim = [(x, y0) for x in range(x0, x1)]
    perim += [(x1, y) for y in range(y0, y1)]
    perim += [(x, y1) for x in range(x1, x0, -1)]
    perim += [(x0, y) for y in range(y1, y0, -1)]
    return [perim[(i * len(perim)) // n] for i in range(n)]


def facing_to(a: Pos, b: Pos) -> int:
    """The facing (0..7: N, NE, E, SE, S, SW, W, NW) from a towards b."""
    dx, dy = (b[0] > a[0]) - (b[0] < a[0]), (b[1] > a[1]) - (b[1] < a[1])
    dirs = [(0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1)]
    return dirs.index((dx, dy)) if (dx, dy) != (0, 0) else 0


def centre(box: Box) -> Pos:
    return ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)


def next_corner(at: Pos, circuit: list[Pos]) -> int:
    """Index of the corner a clockwise walker standing at `at` heads for next."""
    (_, ay), (bx, _), (_, cy), (dx, _) = circuit
    x, y = at
    if y == ay and x < bx:
        return 1
    if x == bx and y < cy:
        return 2
    if y == cy and x > dx:
        return 3
    return 0


class Units:
    """The [[unit]] tables in file order; refuses a unit on rock, wall or another unit."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.list: list[dict] = []
        self.taken: set[Pos] = set()

    def add(self, uid: str, utype: str, side: str, at: Pos, facing: int | None = None, **extra):
        size = 2 if utype == "brute" else 1
        tiles = [(at[0] + dx, at[1] + dy) for dy in range(size) for dx in range(size)]
        for t in tiles:
            assert self.board.passable(*t), (uid, t, self.board.at(*t))
            assert t not in self.taken, (uid, t)
        self.taken.update(tiles)
        unit = {"id": uid, "type": utype, "side": side, "at": list(at)}
        if facing is not None:
            unit["facing"] = facing
        unit.update(extra)
        self.list.append(unit)

    def row(self, prefix: str, utype: str, side: str, tiles, facing=None, **extra) -> None:
        for i, at in enumerate(tiles, 1):
            self.add(f"{prefix}_{i}", utype, side, at, facing, **extra)

    def patrol(self, uid: str, side: str, at: Pos, circuit: list[Pos]) -> None:
        """A sentry walking `circuit` clockwise from where it stands."""
        nxt = next_corner(at, circuit)
        route = [list(c) for c in circuit[nxt:] + circuit[:nxt]]
        self.add(uid, "sentry", side, at, facing_to(at, circuit[nxt]), patrol=route)

    def nudge(self, at: Pos) -> Pos:
        """The nearest free passable tile to `at`."""
        for r in range(4):
            for dy in range(-r, r + 1):
                for dx in range(-r, r + 1):
                    p = (at[0] + dx, at[1] + dy)
                    ring_tile = max(abs(dx), abs(dy)) == r
                    if ring_tile and self.board.passable(*p) and p not in self.taken:
                        return p
        raise AssertionError(at)


def grid_tiles(x0: int, y0: int, x1: int, y1: int, step: int = 1) -> list[Pos]:
    return [(x, y) for y in range(y0, y1 + 1, step) for x in range(x0, x1 + 1, step)]


def place_davis(u: Units) -> None:
    """Davis's main group, hidden behind the ridge south of the main base."""
    side = "alliance"
    u.add("davis", "davis", side, (66, 58), 0, name="Scott Davis", squad="davis_hq")
    u.add("sniper_1", "sniper", side, (61, 57), 0, squad="davis_hq")
    u.add("sniper_2", "elf_sniper", side, (72, 57), 0, squad="davis_hq")
    squads = {
        "red": (54, 58, ["marine"] * 5 + ["elf"]),
        "blue": (60, 60, ["marine"] * 5 + ["elf"]),
        "gold": (68, 60, ["marine"] * 4 + ["elf"] * 2),
        "green": (74, 58, ["marine"] * 4 + ["elf"] * 2),
    }
    for name, (x, y, types) in squads.items():
        for i, utype in enumerate(types):
            extra: dict = {"squad": name}
            if i == 0:
                extra["inventory"] = {"charge": 1}  # the leader's, as in the story
            u.add(f"{name}_{i + 1}", utype, side, (x + i % 3, y + i // 3), 0, **extra)
    mechs = [(56, 63), (60, 64), (64, 64), (68, 64), (72, 64), (76, 63)]
    u.row("mech", "combat_mech", side, mechs, 0, squad="davis_mechs")


def place_diversions(u: Units) -> None:
    # Arlana: twenty combat mechs in a noose six tiles round target A, and her men
    side = "arlana"
    u.add("arlana", "arlana", side, (14, 27), 0, name="Arlana", squad="arlana_hq")
    x0, y0, x1, y1 = TARGET_A
    for i, at in enumerate(ring(x0 - 6, max(0, y0 - 6), x1 + 6, y1 + 6, 20), 1):
        at = u.nudge(at)
        facing = facing_to(at, centre(TARGET_A))
        u.add(f"arlana_mech_{i:02d}", "combat_mech", side, at, facing, squad="arlana_mechs")
    marines = [(10, 28), (12, 28), (18, 28), (20, 28), (11, 29), (19, 29)]
    u.row("arlana_marine", "marine", side, marines, 0, squad="arlana_men")
    u.row("arlana_elf", "elf", side, [(13, 29), (17, 29)], 0, squad="arlana_men")

    # Eleana Sotari's group before target B, east of it
    side = "diversion_b"
    u.add("sotari", "sotari", side, (34, 55), 6, name="Eleana Sotari", squad="b_men")
    marines = [(32, 53), (34, 53), (36, 54), (32, 56), (35, 57), (37, 56)]
    u.row("b_marine", "marine", side, marines, 6, squad="b_men")
    u.row("b_elf", "elf", side, [(32, 51), (37, 58), (33, 68)], 6, squad="b_men")
    u.row("b_mech", "combat_mech", side, [(31, 54), (31, 72)], 6, squad="b_mechs")

    # Kathleen Waller's group before target C, south and east of it
    side = "diversion_c"
    u.add("waller", "waller", side, (104, 62), 0, name="Kathleen Waller", squad="c_men")
    marines = [(98, 61), (100, 61), (102, 61), (106, 61), (108, 61), (110, 61)]
    u.row("c_marine", "marine", side, marines, 0, squad="c_men")
    u.row("c_elf", "elf", side, [(96, 61), (113, 60), (117, 46)], 0, squad="c_men")
    u.row("c_mech", "combat_mech", side, [(104, 64), (117, 56)], 6, squad="c_mechs")


def place_main_garrison(u: Units) -> None:
    side = "calendrea"
    x0, y0, x1, y1 = MAIN
    towers = [
        ("mb_guard_nw", (x0 + 2, y0 + 2), 7), ("mb_guard_ne", (x1 - 2, y0 + 2), 1),
        ("mb_guard_sw", (x0 + 2, y1 - 2), 5), ("mb_guard_se", (x1 - 2, y1 - 2), 3),
        ("mb_guard_wn", (x0 + 2, 21), 6), ("mb_guard_ws", (x0 + 2, 26), 6),
        ("mb_guard_en", (x1 - 2, 21), 2), ("mb_guard_es", (x1 - 2, 26), 2),
    ]  # fmt: skip
    for uid, at, facing in towers:
        u.add(uid, "tower_guard", side, at, facing)
    # six sentries on one clockwise circuit two tiles outside the wall
    circuit = [(x0 - 2, y0 - 2), (x1 + 2, y0 - 2), (x1 + 2, y1 + 2), (x0 - 2, y1 + 2)]
    for i, at in enumerate(ring(x0 - 2, y0 - 2, x1 + 2, y1 + 2, 6), 1):
        u.patrol(f"mb_sentry_{i}", side, at, circuit)
    # the garrison, by where it stands
    soldiers = {
        "mb_cc": ([(62, 13), (69, 13), (62, 17), (69, 17), (65, 15), (66, 17)], 4),
        "mb_street": ([(63, 22), (68, 22), (58, 25), (73, 25)], 4),
        "mb_motor": (grid_tiles(51, 28, 57, 30, 2) + [(50, 31), (58, 28)], 6),
        "mb_pad": (grid_tiles(71, 34, 80, 36, 3) + [(70, 29), (81, 29)], 2),
        "mb_gate_w": ([(49, 20), (49, 27), (51, 22), (51, 25)], 6),
        "mb_gate_e": ([(82, 20), (82, 27), (80, 22), (80, 25)], 2),
        "mb_barracks_n": ([(52, 15), (54, 15), (56, 16), (77, 15), (79, 15), (81, 16)], 4),
        "mb_barracks_s": ([(52, 33), (54, 33), (57, 34), (60, 37), (67, 37), (70, 38)], 0),
        "mb_yard": ([(58, 9), (65, 9), (72, 9), (83, 12), (59, 21), (71, 21), (76, 21)], 4),
        "mb_south": ([(62, 38), (64, 38), (69, 38), (73, 38), (66, 37), (83, 30)], 4),
    }
    for prefix, (tiles, facing) in soldiers.items():
        u.row(prefix, "soldier", side, tiles, facing)
    u.add("mb_brute_s", "brute", side, (58, 36), 4)
    u.add("mb_brute_cc", "brute", side, (64, 25), 4)
    u.add("mb_brute_e", "brute", side, (78, 26), 2)
    # vehicles: land transports by the motor pool and the east gate, drop ships on the pad
    transports = [(50, 29), (53, 26), (56, 31), (79, 24)]
    u.row("land_transport", "land_transport", side, transports, 6)
    u.row("drop_ship", "drop_ship", side, [(72, 30), (76, 32), (79, 29)], 0)


def place_target_garrisons(u: Units) -> None:
    side = "calendrea"
    for key, spec in TARGETS.items():
        box = spec["box"]
        for i, at in enumerate(spec["towers"], 1):
            u.add(f"{key}_guard_{i}", "tower_guard", side, at, facing_to(centre(box), at))
        u.row(f"{key}_soldier", "soldier", side, spec["soldiers"], 4)
        bx0, by0, bx1, by1 = box
        circuit = [(bx0 - 2, by0 - 2), (bx1 + 2, by0 - 2), (bx1 + 2, by1 + 2), (bx0 - 2, by1 + 2)]
        circuit = [(max(0, x), max(0, y)) for x, y in circuit]
        # two sentries, at opposite corners of the circuit
        u.patrol(f"{key}_sentry_1", side, circuit[0], circuit)
        u.patrol(f"{key}_sentry_2", side, circuit[2], circuit)
        if spec["brute"]:
            u.add(f"{key}_brute", "brute", side, spec["brute"], 4)


def place_units(b: Board) -> Units:
    u = Units(b)
    place_davis(u)
    place_diversions(u)
    place_main_garrison(u)
    place_target_garrisons(u)
    return u


# ----------------------------------------------------------------------- output
def prose(text: str) -> str:
    """Paragraphs written wrapped in this file, unwrapped (one line each) in the TOML."""
    paragraphs = textwrap.dedent(text).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def val(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(val(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {val(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def table(name: str, d: dict) -> str:
    lines = [f"[[{name}]]"]
    for k, v in d.items():
        if k == "then":  # a trigger's effects, one a line
            lines += ["then = ["] + [f"  {val(e)}," for e in v] + ["]"]
        else:
            lines.append(f"{k} = {val(v)}")
    return "\n".join(lines) + "\n"


HEADER = """\
# The four-target assault: the story's counter-offensive. Three groups hit three
# lesser Calendrea targets at once (Arlana's twenty combat mechs round the relay
# station); when the main base sends its army out by land transport and drop
# ship, Davis's hidden group storms the weakened base.
#
# GENERATED by scenarios/tools/make_four_target.py: edit the script and rerun it
# rather than editing this file by hand.
#
# What is where: the map ({W} x {H}) at 1:2, one character for each 2x2 block
# (row labels are y, the ruler marks every tenth x / 10). D Davis's group,
# m Arlana's mechs and men, s Sotari's group, w Waller's group, t land
# transports, d drop ships; Calendrea garrisons not marked.
#
{sketch}
#
#   Main base {main}: a two-tile paracrete wall; 2x2 towers inside
#   the corners and single towers beside both gates; the command centre
#   {cc} with its doors on the main street; the landing pad
#   {pad} with three drop ships; land transports in the motor pool
#   and by the east gate; three brutes. Roads: the main street runs through both
#   gates; the west road goes to targets A and B, the east road to target C. A
#   landing pad (P) lies outside each target. The ridge and the ravine south of
#   the base keep Davis's group out of the towers' sight (14 tiles by day).
#   The diversion groups are sides of their own (team "alliance"), played by
#   the computer; set their controller to "human" to command them yourself.
"""

DESCRIPTION = (
    "Day. Three diversions draw the Calendrea army out; Davis storms the main base behind it."
)

BRIEFING = """
    Second Lieutenant Kathleen Waller, to the leaders of the resistance:

    "Alright men, we have four targets this time, three of which are only meant
    to draw the enemy from the main target. Davis, you'll lead the men to take the
    main target. If all works as planned, the simultaneous attacks should force the
    main target to send reinforcements to the other targets, leaving the main base
    open to attack."

    Arlana has her men form a noose around the relay station: she has twenty combat
    mechs under her command. Eleana Sotari's group lies before the fuel depot,
    Waller's own before the ore works. When the other assault leaders radio in that
    they are in position, Arlana gives the order to attack.

    You command Davis's group, hidden behind the ridge south of the main base:
    infantry, two snipers and six combat mechs. Wait for the Calendrea army to load
    into its land transports and drop ships and leave. Then let the mechs' rockets
    open the wall, and go in. Take the command centre and hold it for two turns,
    before the transports come back over the ridge at turn 19. Every diversion group
    must survive.
"""

STORY_TEXT = """
    Davis lost fifteen infantry and two mechs; the Calendrea over a hundred soldiers.
    The other assault groups fared just as well, even with the Calendrea
    reinforcements.
"""

# The Calendrea commander's hints (ai/commander.py): the main base sends riders to
# the targets it hears are attacked, keeping a garrison of six soldiers at home.
CALENDREA_AI = {"base": "main_base", "defend": ["target_a", "target_b", "target_c"], "keep": 6}

SIDES = [
    # Davis waits in the hideout while the diversions draw the garrison out
    dict(id="alliance", name="Davis's group", faction="alliance", controller="human",
         colour="#3c8cdc", alertness="alert", alarm=False, team="alliance",
         deploy=[list(HIDEOUT)], ai={"attack": "main_base", "wait_turns": 4}),
    dict(id="arlana", name="Arlana's mechs", faction="alliance", controller="ai",
         difficulty="normal", colour="#46b4a0", alertness="alert", alarm=False,
         team="alliance", ai={"attack": "target_a"}),
    dict(id="diversion_b", name="Sotari's group", faction="alliance", controller="ai",
         difficulty="normal", colour="#8c78dc", alertness="alert", alarm=False,
         team="alliance", ai={"attack": "target_b"}),
    dict(id="diversion_c", name="Waller's group", faction="alliance", controller="ai",
         difficulty="normal", colour="#dcc83c", alertness="alert", alarm=False,
         team="alliance", ai={"attack": "target_c"}),
    dict(id="calendrea", name="Calendrea occupation", faction="calendrea", controller="ai",
         difficulty="normal", colour="#d2782d", alertness="unaware", alarm=False,
         ai=CALENDREA_AI),
]  # fmt: skip

SQUADS = [
    ("davis_hq", "alliance", "Davis and the snipers"),
    ("red", "alliance", "Red squad"),
    ("blue", "alliance", "Blue squad"),
    ("gold", "alliance", "Gold squad"),
    ("green", "alliance", "Green squad"),
    ("davis_mechs", "alliance", "Davis's mechs"),
    ("arlana_hq", "arlana", "Arlana"),
    ("arlana_mechs", "arlana", "The noose (twenty combat mechs)"),
    ("arlana_men", "arlana", "Arlana's grenadiers"),
    ("b_men", "diversion_b", "Sotari's infantry"),
    ("b_mechs", "diversion_b", "Sotari's mechs"),
    ("c_men", "diversion_c", "Waller's infantry"),
    ("c_mechs", "diversion_c", "Waller's mechs"),
]

SIDE_TITLES = {
    "alliance": "Davis's group, hidden south of the main base",
    "arlana": "Arlana: twenty combat mechs in a noose round target A, and her men",
    "diversion_b": "Sotari's group before target B",
    "diversion_c": "Waller's group before target C",
    "calendrea": "The Calendrea: the main base first, then targets A, B and C",
}

OBJECTIVES = [
    ("take_cc", "Capture the command centre and hold it for two turns", "primary"),
    ("diversions_live", "Every diversion group survives", "primary"),
    ("hit_a", "Arlana's mechs strike the relay station", "secondary"),
    ("hit_b", "Sotari's group strikes the fuel depot", "secondary"),
    ("hit_c", "Waller's group strikes the ore works", "secondary"),
]


def done(objective: str) -> dict:
    return {"objective": {"id": objective, "status": "done"}}


def failed(objective: str) -> dict:
    return {"objective": {"id": objective, "status": "failed"}}


def triggers() -> list[dict]:
    """Victory, defeat and the diversions' strikes. No reinforcements: the AI decides."""
    held = {"side": "alliance", "area": "command_centre", "turns": 2}
    out = [
        dict(
            id="cc_held",
            when=[{"held": held}],
            then=[
                {"message": "The command centre is ours, and we hold it."},
                done("take_cc"),
                done("diversions_live"),
                {"victory": "alliance"},
            ],
        )
    ]
    strikes = [
        ("a", "Arlana's mechs open fire on the relay station: hundreds of rockets."),
        ("b", "Sotari's group opens fire on the fuel depot."),
        ("c", "Waller's group opens fire on the ore works."),
    ]
    for key, message in strikes:
        out.append(
            dict(
                id=f"{key}_attacked",
                when=[{"attacked": f"target_{key}"}],
                then=[{"message": message}, done(f"hit_{key}")],
            )
        )
    out.append(
        dict(
            id="calendrea_wiped",
            when=[{"no_units": "calendrea"}],
            then=[
                {"message": "Not one Calendrea is left standing."},
                done("take_cc"),
                {"victory": "alliance"},
            ],
        )
    )
    out.append(
        dict(
            id="davis_lost",
            when=[{"no_units": "alliance"}],
            then=[{"message": "Davis's group is wiped out."}, {"defeat": "alliance"}],
        )
    )
    # the base has to fall before the reinforcements it sent out come home for good
    out.append(
        dict(
            id="too_late",
            when=[{"turn": 19}],
            then=[
                {"message": "The transports are back over the ridge: the main base holds."},
                {"defeat": "alliance"},
            ],
        )
    )
    for side, who in [
        ("arlana", "Arlana's"),
        ("diversion_b", "Sotari's"),
        ("diversion_c", "Waller's"),
    ]:
        out.append(
            dict(
                id=f"{side}_lost",
                when=[{"no_units": side}],
                then=[
                    {"message": f"{who} group is wiped out."},
                    failed("diversions_live"),
                    {"defeat": "alliance"},
                ],
            )
        )
    return out


def sketch(board: Board, units: Units) -> list[str]:
    """The map at 1:2 (a character for each 2x2 block), Alliance groups marked, labelled."""
    cells = []
    for y in range(0, H, 2):
        line = []
        for x in range(0, W, 2):
            block = {board.at(x + i, y + j) for i in (0, 1) for j in (0, 1)}
            ch = next(c for c in SKETCH_PRIORITY if c in block)
            line.append(SKETCH_CHAR.get(ch, ch))
        cells.append(line)
    for unit in units.list:
        mark = SKETCH_UNITS.get(unit["side"])
        if unit["type"] in ("land_transport", "drop_ship"):
            mark = "t" if unit["type"] == "land_transport" else "d"
        x, y = unit["at"][0] // 2, unit["at"][1] // 2
        if mark and cells[y][x] in " P=":
            cells[y][x] = mark
    for x, y, text in LABELS:
        for i, ch in enumerate(text):
            cells[y // 2][x // 2 + i] = ch
    ruler = "".join(str((x // 10) % 10) if x % 10 == 0 else " " for x in range(0, W, 2))
    lines = [f"{y * 2:3d} " + "".join(line) for y, line in enumerate(cells)]
    return ["x/2 " + ruler] + lines


def inner(box: Box, t: int = 1) -> list[int]:
    return [box[0] + t, box[1] + t, box[2] - t, box[3] - t]


def write(board: Board, units: Units) -> str:
    overview = "\n".join(("#   " + line).rstrip() for line in sketch(board, units))
    header = HEADER.format(
        W=W, H=H, sketch=overview, main=list(MAIN), cc=list(COMMAND_CENTRE), pad=list(LANDING_PAD)
    )
    out = [header]
    out.append(
        "[scenario]\n"
        'title = "The four-target assault"\n'
        'author = "Alma Tactics"\n'
        f"description = {val(DESCRIPTION)}\n"
        f'briefing = """\n{prose(BRIEFING)}\n"""\n'
        "version = 1\n"
        'ambient = "day"\n'
    )
    out.append(
        f"[map]\nwidth = {W}\nheight = {H}\n"
        "# . open  , rough  ^ rock  T forest  ~ water  v ravine  = road  P landing pad\n"
        "# # paracrete wall  H guard tower  _ floor  B building  + door/gate  n sandbags\n"
        'rows = """\n' + "\n".join(board.rows()) + '\n"""\n'
    )
    out += [table("side", s) for s in SIDES]
    out += [table("squad", dict(id=i, side=s, name=n)) for i, s, n in SQUADS]
    last = None
    for unit in units.list:
        if unit["side"] != last:
            last = unit["side"]
            out.append(f"# {'-' * 70}\n# {SIDE_TITLES[last]}\n")
        out.append(table("unit", unit))
    out.append(f"# {'-' * 70}\n# Objects: markers for the objectives (by day the lamps are off).\n")
    marker = dict(id="cc_marker", kind="marker", at=[65, 15], label="Command centre")
    out.append(table("object", marker))
    for key, spec in TARGETS.items():
        marker = dict(id=f"{key}_marker", kind="marker", at=list(spec["marker"]))
        out.append(table("object", {**marker, "label": spec["name"]}))
    areas = [
        ("main_base", "The main base", inner(MAIN, 2)),
        ("command_centre", "The command centre", inner(COMMAND_CENTRE)),
        ("main_pad", "The main base's landing pad", list(LANDING_PAD)),
        ("target_a", "Target A: the relay station", inner(TARGET_A)),
        ("target_b", "Target B: the fuel depot", inner(TARGET_B)),
        ("target_c", "Target C: the ore works", inner(TARGET_C)),
        ("hideout", "Davis's hideout", list(HIDEOUT)),
    ]
    out += [table("area", dict(id=i, name=n, rect=r)) for i, n, r in areas]
    for oid, text, kind in OBJECTIVES:
        out.append(table("objective", dict(id=oid, text=text, kind=kind, side="alliance")))
    out.append(
        f"# {'-' * 70}\n# Triggers. No reinforcements: the Calendrea AI decides whom to send.\n"
    )
    out += [table("trigger", t) for t in triggers()]
    out.append(
        f"[story]\nlosses = {{ alliance = 17, calendrea = 100 }}\ntext = {val(prose(STORY_TEXT))}\n"
    )
    return "\n".join(out)


def check(path: Path) -> None:
    """Build the written file with the game's loader; every unit on free, passable tiles."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from collections import Counter

    from alma_tactics.scenario import load_scenario

    state = load_scenario(path).new_state(1)
    seen: set = set()
    for unit in state.units.values():
        for tile in unit.footprint(state.size(unit)):
            assert state.grid.passable(tile), (unit.id, tile)
            assert tile not in seen, (unit.id, tile)
            seen.add(tile)
    print(dict(Counter(u.side for u in state.units.values())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="build it with the game's loader")
    parser.add_argument("--sketch", action="store_true", help="print the 1:2 overview")
    args = parser.parse_args()
    board = build_map()
    units = place_units(board)
    OUT.write_text(write(board, units), encoding="utf-8")
    print(f"wrote {OUT} ({W}x{H}, {len(units.list)} units)")
    if args.sketch:
        print("\n".join(sketch(board, units)))
    if args.check:
        check(OUT)


if __name__ == "__main__":
    main()
