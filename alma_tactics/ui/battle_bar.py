"""The action bar: what the selected unit may do, grouped into entries with hotkeys.

The entries come from the rules' proposals, each passing `rules.check` (legality
lives in the rules alone; see `legal_actions` for the one shortcut),
grouped: move, face, a shot per weapon mode (the target is picked on the map),
eye shots, overwatch, reload, knife, each grenade or launcher round kind, rocket
salvos, shooting at objects, placing and blowing charges, boarding and unloading,
the brute's own moves and the knife fighter's moves against a brute.

An entry is either immediate (`target == "none"`: one action, done on press), or
aimed at a unit or a tile picked on the map (`target == "unit" | "tile"`), where
`action_for(tile)` builds the action for that tile. Actions aimed at an enemy the
side has not spotted are dropped here (the rules may allow stabbing an unseen
neighbour, but the bar must not reveal that it is there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core import rules
from ..core.actions import Action
from ..core.grid import DIRECTIONS, Pos, facing_towards
from ..core.units import Unit
from . import battle_preview as preview

if TYPE_CHECKING:
    from ..core.state import GameState

DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")
FUNCTION_KEYS = tuple(f"f{n}" for n in range(1, 13) if n not in (5, 9))  # f5/f9: quicksave/load

GROUP_ORDER = (
    "move",
    "face",
    "shoot",
    "eye",
    "overwatch",
    "reload",
    "knife",
    "throw",
    "launch",
    "bombard",
    "object",
    "charge",
    "detonate",
    "board",
    "unload",
    "brute",
    "fight",
)

# default hotkeys of the one-of-a-kind entries; the rest take digits in order
LETTER_KEYS = {
    "move": "m",
    "face": "f",
    "overwatch": "o",
    "reload": "r",
    "knife": "k",
    "charge": "p",
    "detonate": "x",
    "board": "b",
    "unload": "u",
}

ROUND_NAMES = {"frag": "Frag", "smoke": "Smoke", "emp": "EMP", "rocket": "Rocket"}


@dataclass
class Entry:
    group: str
    label: str
    tooltip: str
    actions: list[Action]
    target: str = "none"  # "none", "unit" or "tile"
    key: str = ""
    ap: int | None = None
    make: Callable[[Pos], Action | None] | None = field(default=None, repr=False)
    targets: dict[str, Action] = field(default_factory=dict, repr=False)  # unit id -> action

    def action_for(self, state: GameState, side: str, tile: Pos) -> Action | None:
        """The action this entry makes aimed at `tile` (None if it cannot aim there)."""
        if self.target == "unit":
            unit = preview.visible_unit_at(state, side, tile)
            if unit is not None and unit.id in self.targets:
                return self.targets[unit.id]
            obj = next((o for o in state.objects.values() if o.pos == tile), None)
            if obj is not None and obj.id in self.targets:
                return self.targets[obj.id]
            return None
        if self.target == "tile" and self.make is not None:
            return self.make(tile)
        return self.actions[0] if self.actions else None


def _target_id(action: Action) -> str | None:
    for name in ("target", "transport", "object"):
        value = getattr(action, name, None)
        if isinstance(value, str):
            return value
    return None


def legal_actions(state: GameState, unit: Unit) -> list[Action]:
    """`rules.legal_actions` without enumerating every Move (hundreds of path checks on a
    big map, each frame the selection changes): the screen draws the reachable tiles
    from `movement.reachable` and checks a move when it is made, so one legal Move
    stands for them all here. Everything else is the rules' own proposals, each
    passing `rules.check`, in the rules' order."""
    from ..core import moves
    from ..core.actions import Move, Turn
    from ..core.grid import DIRECTIONS
    from ..core.movement import reachable

    rules.load_rules()  # as rules.legal_actions does
    found: list[Action] = []
    for propose in rules.PROPOSERS:
        if propose is moves.propose:
            if rules.check_actor(state, unit.id) is not None:
                continue
            reach = reachable(state, unit)
            for pos, _cost in sorted(reach.tiles(), key=lambda t: (t[1], t[0])):
                path = reach.path_to(pos) if pos != unit.pos else None
                if path and rules.check(state, Move(unit.id, tuple(path))) is None:
                    found.append(Move(unit.id, tuple(path)))
                    break
            turns = [Turn(unit.id, f) for f in range(len(DIRECTIONS)) if f != unit.facing]
            found.extend(a for a in turns if rules.check(state, a) is None)
            continue
        found.extend(a for a in propose(state, unit) if rules.check(state, a) is None)
    return found


def visible_actions(state: GameState, unit: Unit, side: str) -> list[Action]:
    """The legal actions less any aimed at an enemy the side has not spotted."""
    spotted = state.knowledge[side].spotted
    out = []
    for action in legal_actions(state, unit):
        target = state.units.get(_target_id(action) or "")
        unseen = target is not None and target.id not in spotted
        if unseen and state.are_enemies(side, target.side):
            continue
        out.append(action)
    return out


def _lob_probes(state: GameState, unit: Unit) -> list[Action]:
    """Grenades, launcher rounds and salvos may go to any tile in reach, not only the aim
    points the rules propose: one legal probe (at the unit's own tile) per kind shows the
    bar that the unit can throw it at all; the tile is then picked on the map."""
    from ..core import explosives

    probes: list[Action] = []
    x, y = unit.pos
    launcher = explosives.launcher_of(state, unit)
    for item in explosives.GRENADES:
        probes.append(explosives.Throw(unit.id, item, x, y))
    for item in launcher.rounds if launcher else ():
        probes.append(explosives.Launch(unit.id, item, x, y))
    for wid in state.utype(unit).weapons:
        if state.catalog.weapons[wid].kind == "rockets":
            probes.append(explosives.Bombard(unit.id, wid, x, y))
    return [a for a in probes if rules.check(state, a) is None]


def build_entries(
    state: GameState,
    unit: Unit,
    side: str,
    letters: dict[str, str] | None = None,
    reserved: set[str] | frozenset[str] = frozenset(),
) -> list[Entry]:
    """The bar's entries for `unit`, in GROUP_ORDER, with hotkeys assigned (`letters`:
    group -> key name for the one-of-a-kind entries, default LETTER_KEYS; `reserved`:
    keys the screen's own actions use, never given to an entry)."""
    actions = visible_actions(state, unit, side) + _lob_probes(state, unit)
    by_kind: dict[str, list[Action]] = {}
    for action in actions:
        by_kind.setdefault(type(action).__name__, []).append(action)
    weapons = state.catalog.weapons
    several_guns = len({a.weapon for a in by_kind.get("Shoot", [])}) > 1
    entries: list[Entry] = []

    def add(entry: Entry) -> None:
        if entry.ap is None and entry.actions:
            entry.ap = preview.action_ap(state, entry.actions[0])
        entries.append(entry)

    if by_kind.get("Move"):
        add(
            Entry(
                "move",
                "Move",
                "Click a highlighted tile to walk there. The colour shows the AP left "
                "after the move; hover first to see the path, its cost, the light and "
                "who would see or hear you.",
                by_kind["Move"],
                "tile",
                ap=0,
                make=lambda t: None,  # the screen builds moves from the reachable tiles
            )
        )
    if by_kind.get("Turn"):
        facings = {a.facing: a for a in by_kind["Turn"]}

        def face(tile: Pos, facings=facings) -> Action | None:
            if tile == unit.pos:
                return None
            return facings.get(facing_towards(unit.pos, tile))

        add(
            Entry(
                "face",
                "Face",
                "Turn to face a tile (click it). An unaware unit sees only ahead.",
                by_kind["Turn"],
                "tile",
                make=face,
            )
        )
    # shots: one entry per weapon mode and aim; the target is chosen on the map
    shots: dict[tuple[str, str, str], dict[str, Action]] = {}
    for a in by_kind.get("Shoot", []):
        shots.setdefault((a.weapon, a.mode, a.aim), {})[a.target] = a
    for (weapon_id, mode_id, aim), targets in sorted(
        shots.items(), key=lambda kv: (kv[0][2] == "eye", _mode_order(state, unit, kv[0]))
    ):
        weapon = weapons[weapon_id]
        mode = weapon.mode(mode_id)
        name = f"{weapon.name} " if several_guns else ""
        rounds = f", {mode.rounds} rounds" if mode and mode.rounds > 1 else ""
        if aim == "eye":
            label = f"Eye ({mode_id})"
            tip = (
                f"{weapon.name}, aimed at the eye: a hit kills a Calendrea soldier, sentry "
                f"or tower guard outright; a brute takes a heavy wound. Much harder to hit. "
                f"Noise {weapon.noise}."
            )
        else:
            label = f"{name}{mode_id.capitalize()}"
            tip = f"{weapon.name}, {mode_id}{rounds}. Noise {weapon.noise} tiles" + (
                " (silenced)." if weapon.silenced else "."
            )
        add(
            Entry(
                "eye" if aim == "eye" else "shoot",
                label,
                tip + " Pick the target on the map (T cycles targets).",
                list(targets.values()),
                "unit",
                targets=dict(targets),
            )
        )
    if by_kind.get("Overwatch"):
        options = by_kind["Overwatch"]
        best = max(
            options, key=lambda a: (weapons[a.weapon].mode(a.mode).rounds, a.mode == "burst")
        )
        others = ", ".join(sorted({a.mode for a in options} - {best.mode}))
        add(
            Entry(
                "overwatch",
                "Overwatch",
                f"Spend the rest of the turn watching: fire a {best.mode} at the first enemy "
                f"that moves in sight (at a penalty)."
                + (f" Other modes: {others}." if others else ""),
                [best],
            )
        )
    for a in by_kind.get("Reload", []):
        add(Entry("reload", "Reload", f"Reload the {weapons[a.weapon].name}.", [a]))
    stabs = {a.target: a for a in by_kind.get("Stab", [])}
    if stabs:
        add(
            Entry(
                "knife",
                "Knife",
                "Stab an adjacent enemy: silent. An unaware one is taken down outright.",
                list(stabs.values()),
                "unit",
                targets=stabs,
            )
        )
    for kind, group, verb in (("Throw", "throw", "Throw"), ("Launch", "launch", "Launch")):
        items = sorted({a.item if kind == "Throw" else a.round for a in by_kind.get(kind, [])})
        for item in items:
            count = unit.inventory.get(item, 0)

            def lob(tile: Pos, kind=kind, item=item) -> Action | None:
                from ..core import explosives

                cls = explosives.Throw if kind == "Throw" else explosives.Launch
                action = cls(unit.id, item, tile[0], tile[1])
                return action if rules.check(state, action) is None else None

            sample = next(
                a for a in by_kind[kind] if (a.item if kind == "Throw" else a.round) == item
            )
            add(
                Entry(
                    group,
                    f"{verb} {ROUND_NAMES.get(item, item)} ({count})",
                    f"{verb} a {ROUND_NAMES.get(item, item).lower()} "
                    f"{'grenade' if kind == 'Throw' else 'round'} at a tile: it flies in an arc "
                    "and may scatter the further it goes. The blast and scatter are shown.",
                    [sample],
                    "tile",
                    make=lob,
                )
            )
    for weapon_id in sorted({a.weapon for a in by_kind.get("Bombard", [])}):
        sample = next(a for a in by_kind["Bombard"] if a.weapon == weapon_id)

        def salvo(tile: Pos, weapon_id=weapon_id) -> Action | None:
            from ..core.explosives import Bombard

            action = Bombard(unit.id, weapon_id, tile[0], tile[1])
            return action if rules.check(state, action) is None else None

        add(
            Entry(
                "bombard",
                f"{weapons[weapon_id].name}",
                "Fire a rocket salvo at an explored tile; each rocket scatters on its own.",
                [sample],
                "tile",
                make=salvo,
            )
        )
    objects: dict[tuple[str, str], dict[str, Action]] = {}
    for a in by_kind.get("ShootObject", []):
        objects.setdefault((a.weapon, a.mode), {})[a.object] = a
    for (weapon_id, mode_id), targets in sorted(objects.items()):
        add(
            Entry(
                "object",
                f"Fire at object ({mode_id})",
                f"Put {weapons[weapon_id].name} fire ({mode_id}) into a generator or lamp: "
                "a dead generator darkens every lamp it feeds.",
                list(targets.values()),
                "unit",
                targets=dict(targets),
            )
        )
    places = by_kind.get("PlaceCharge", [])
    if places:
        spots = {(a.x, a.y): a for a in places}
        add(
            Entry(
                "charge",
                "Place charge",
                "Set a shaped charge on the wall next to the unit (click the wall); blow it "
                "later from anywhere.",
                places,
                "tile",
                make=lambda t, spots=spots: spots.get(t),
            )
        )
    for a in by_kind.get("Detonate", []):
        add(Entry("detonate", f"Detonate {a.charge}", "Blow the charge: loud, heard far off.", [a]))
    boards = {a.transport: a for a in by_kind.get("Board", [])}
    if boards:
        add(
            Entry(
                "board",
                "Board",
                "Climb into the adjacent transport (click it).",
                list(boards.values()),
                "unit",
                targets=boards,
            )
        )
    unloads = {(a.x, a.y): a for a in by_kind.get("Unload", [])}
    if unloads:
        add(
            Entry(
                "unload",
                "Unload",
                "Step out of the transport onto a free tile next to it (click it).",
                list(unloads.values()),
                "tile",
                make=lambda t, spots=unloads: spots.get(t),
            )
        )
    # the brute's own moves
    charges = {(a.dx, a.dy): a for a in by_kind.get("Charge", [])}
    if charges:

        def charge(tile: Pos, charges=charges) -> Action | None:
            d = (tile[0] - unit.x, tile[1] - unit.y)
            step = ((d[0] > 0) - (d[0] < 0), (d[1] > 0) - (d[1] < 0))
            return charges.get(step) if step in DIRECTIONS else None

        add(
            Entry(
                "brute",
                "Charge",
                "Charge in a line (click a tile in that direction).",
                list(charges.values()),
                "tile",
                make=charge,
            )
        )
    for kind, label, tip in (
        ("TailSweep", "Tail sweep", "Sweep the bladed tail at everyone within reach 2."),
        ("Slam", "Slam", "Slam the rider against a wall."),
        ("TailStab", "Tail stab", "Stab at the rider with the tail (may hit its own back)."),
        ("ThrowOff", "Throw off", "Try to throw the rider off."),
        ("Roar", "Roar", "Roar: loud; wakes everyone around."),
    ):
        for a in by_kind.get(kind, []):
            add(Entry("brute", label, tip, [a]))
    mauls = {a.target: a for a in by_kind.get("Maul", [])}
    if mauls:
        add(
            Entry(
                "brute",
                "Maul",
                "Claw an adjacent enemy (click it).",
                list(mauls.values()),
                "unit",
                targets=mauls,
            )
        )
    # a knife fighter's moves against a brute, a rider's, a mech's grapple
    fights: dict[str, dict[str, Action]] = {}
    for a in by_kind.get("BruteFight", []):
        fights.setdefault(a.move, {})[a.target] = a
    for move, targets in fights.items():
        label = move.replace("_", " ").capitalize()
        add(
            Entry(
                "fight",
                label,
                _FIGHT_TIPS.get(move, label),
                list(targets.values()),
                "unit",
                targets=dict(targets),
            )
        )
    dismounts = {(a.x, a.y): a for a in by_kind.get("Dismount", [])}
    if dismounts:
        add(
            Entry(
                "fight",
                "Dismount",
                "Leap off the brute onto a free tile (click it).",
                list(dismounts.values()),
                "tile",
                make=lambda t, s=dismounts: s.get(t),
            )
        )
    grapples = {a.target: a for a in by_kind.get("Grapple", [])}
    if grapples:
        add(
            Entry(
                "fight",
                "Grapple",
                "Grab the brute and tear it apart.",
                list(grapples.values()),
                "unit",
                targets=grapples,
            )
        )
    entries.sort(key=lambda e: GROUP_ORDER.index(e.group))
    _assign_keys(entries, {**LETTER_KEYS, **(letters or {})}, set(reserved))
    return entries


_FIGHT_TIPS = {
    "roll_under": "Roll under the brute and slash: dodge its next attack.",
    "hamstring": "Cut the knee tendon: the brute limps, every step costs double.",
    "mount": "Leap onto its back: it cannot strike you normally.",
    "sever_tail": "From its back: cut at the tail (several cuts sever it).",
    "carotid": "From its back: go for the carotid; a hit bleeds it out over a few turns.",
}


def _mode_order(state: GameState, unit: Unit, key: tuple[str, str, str]) -> tuple[int, int]:
    """The unit's weapons in its type's order, each weapon's modes in the order listed."""
    weapon_id, mode_id, _ = key
    guns = [w.id for w in state.catalog.ranged(unit.type_id)]
    weapon = state.catalog.weapons[weapon_id]
    index = next((i for i, m in enumerate(weapon.modes) if m.id == mode_id), 0)
    return (guns.index(weapon_id) if weapon_id in guns else len(guns), index)


def _assign_keys(entries: list[Entry], letters: dict[str, str], reserved: set[str]) -> None:
    used: set[str] = set(reserved)
    numbered = iter(
        d for d in DIGITS + FUNCTION_KEYS if d not in letters.values() and d not in reserved
    )
    for entry in entries:
        letter = letters.get(entry.group)
        if letter and letter not in used:
            entry.key = letter
        else:
            entry.key = next(numbered, "")
        used.add(entry.key)
