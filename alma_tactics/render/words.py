"""The combat log's words, built from events, for one side.

The core produces events and no text; this module turns them into the short
sentences of the battle screen's log, as *one side* knows the battle:

- `visible_to(event, state, side)` says whether that side saw or heard the event
  at all (its own units' doings, enemies it has spotted, sounds it heard, lights
  it can see go out);
- `describe(event, state, side)` gives the log line, or None for an event worth no
  line (or one the side did not witness). An enemy the side has not spotted is
  never named: it is "someone unseen".
- `Witness` walks the events of one action in order and keeps track of which
  enemies the side sees at each moment (they appear and vanish *during* an
  enemy's move), so a playback shows only the steps the side could watch.

`spotted` arguments are the enemy ids the side sees at that moment; they default
to the side's knowledge now (`state.knowledge[side].spotted`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ..core import events as ev
from ..core.state import GameState

# fields of an event that may name a unit
UNIT_FIELDS = ("unit", "target", "by", "rider", "transport", "brute")

COMPASS = ("east", "south-east", "south", "south-west", "west", "north-west", "north", "north-east")

CAUSE_WORDS = {
    "shot": "shot dead",
    "eye": "killed by a shot through the eye",
    "takedown": "silently taken down",
    "knife": "killed with a knife",
    "crush": "crushed",
    "tail": "cut down by a tail",
    "blast": "killed by the blast",
    "debris": "killed by flying debris",
    "bleeding": "bled out",
    "wreck": "killed in the wreck",
    "claws": "mauled to death",
    "thrown": "killed by the fall",
    "grapple": "torn apart",
}

MOVE_WORDS = {
    "roll_under": "rolls under",
    "hamstring": "goes for the hamstring of",
    "mount": "leaps onto the back of",
    "sever_tail": "cuts at the tail of",
    "carotid": "goes for the carotid of",
}


# --- who is who ----------------------------------------------------------------------------------
def _spotted(state: GameState, side: str, spotted: Iterable[str] | None) -> set[str]:
    if spotted is None:
        return set(state.knowledge[side].spotted)
    return set(spotted)


def is_friend(state: GameState, side: str, unit_id: str) -> bool:
    """Whether `unit_id` is one of `side`'s own or allied units."""
    unit = state.units.get(unit_id)
    return unit is not None and not state.are_enemies(side, unit.side)


def known(state: GameState, side: str, unit_id: str, spotted: set[str]) -> bool:
    """Whether `side` may be told about `unit_id` now: a friend, or a spotted enemy."""
    return is_friend(state, side, unit_id) or unit_id in spotted


def pretty_id(unit_id: str) -> str:
    """ "marine_1" -> "Marine 1", "sentry1" -> "Sentry1"."""
    text = unit_id.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def plain_name(state: GameState, unit_id: str) -> str:
    """A unit's own name: a hero's name, else its id, with its kind when the id
    does not say it ("Marine 1", "Sentry1", "Operator (Calendrea soldier)")."""
    unit = state.units.get(unit_id)
    if unit is None:
        return pretty_id(unit_id)
    if unit.name:
        return unit.name
    kind = state.catalog.units[unit.type_id].name
    text = pretty_id(unit.id)
    if kind.split()[-1].lower() in text.lower():
        return text
    return f"{text} ({kind})"


def unit_label(
    state: GameState, unit_id: str, side: str, spotted: Iterable[str] | None = None
) -> str:
    """A unit's name as `side` may say it, or "someone unseen" for an enemy not in sight."""
    seen = _spotted(state, side, spotted)
    if unit_id not in state.units or not known(state, side, unit_id, seen):
        return "someone unseen"
    return plain_name(state, unit_id)


def _mentioned(event: ev.Event) -> list[str]:
    return [
        getattr(event, f)
        for f in UNIT_FIELDS
        if isinstance(getattr(event, f, None), str) and getattr(event, f)
    ]


def _tile_seen(state: GameState, side: str, x: int, y: int) -> bool:
    from ..core import sight

    if not state.grid.in_bounds((x, y)):
        return False
    return bool(sight.visible_tiles(state, side)[y, x])


def direction_words(state: GameState, side: str, x: int, y: int) -> str:
    """ "to the north-east of Scott Davis" from the side's nearest unit, or "at (x, y)"."""
    own = [u for u in state.units.values() if u.on_map and u.side == side]
    if not own:
        return f"near ({x}, {y})"
    nearest = min(own, key=lambda u: (max(abs(u.x - x), abs(u.y - y)), u.id))
    dx, dy = x - nearest.x, y - nearest.y
    if max(abs(dx), abs(dy)) <= 1:
        return f"right next to {unit_label(state, nearest.id, side, ())}"
    import math

    octant = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    far = max(abs(dx), abs(dy))
    return f"to the {COMPASS[octant]} of {unit_label(state, nearest.id, side, ())}, ~{far} tiles"


# --- seen or heard? ------------------------------------------------------------------------------
def visible_to(
    event: ev.Event, state: GameState, side: str, spotted: Iterable[str] | None = None
) -> bool:
    """Whether `side` saw or heard `event` (its own doings always; enemies only in sight)."""
    seen = _spotted(state, side, spotted)
    name = type(event).__name__

    def knows(unit_id: str) -> bool:
        return known(state, side, unit_id, seen)

    def ours(unit_id: str) -> bool:
        return is_friend(state, side, unit_id)

    if isinstance(event, ev.TurnStarted | ev.TurnEnded | ev.BattleWon | ev.MessageShown):
        return True
    if isinstance(event, ev.UnitSpotted | ev.UnitLost | ev.NoiseHeard | ev.AreaRevealed):
        return event.side == side
    if isinstance(event, ev.AlarmRaised):
        return True  # a siren carries across the whole battlefield
    if isinstance(event, ev.ObjectiveChanged):
        return any(
            o.get("id") == event.objective and o.get("side") == side for o in state.objectives
        )
    if isinstance(event, ev.TriggerFired | ev.ControllerChanged):
        return False
    if isinstance(event, ev.NoiseMade):
        return bool(event.by) and knows(event.by)  # otherwise only NoiseHeard tells of it
    if isinstance(event, ev.UnitArrived):
        return ours(event.unit) or event.unit in seen
    if isinstance(event, ev.ShotFired | ev.Stabbed):
        return knows(event.unit) or ours(event.target)
    if isinstance(event, ev.UnitHurt):
        return knows(event.unit)
    if isinstance(event, ev.UnitKilled):  # a body in plain sight tells its own story
        return knows(event.unit) or _tile_seen(state, side, event.x, event.y)
    if name in ("LightsOut", "LightsRestored", "SmokeThinned"):
        return True  # lamps and smoke clouds are seen from afar
    if name in ("Burst", "TerrainBroken"):
        by = getattr(event, "by", "")
        return (bool(by) and knows(by)) or _tile_seen(state, side, event.x, event.y)
    if name == "RoundLaunched":
        return knows(event.unit) or _tile_seen(state, side, event.landed_x, event.landed_y)
    if name == "SalvoFired":
        return knows(event.unit) or any(_tile_seen(state, side, x, y) for x, y in event.impacts)
    if name in ("ObjectDamaged", "ObjectDestroyed"):
        obj = state.objects.get(event.object)
        near = obj is not None and _tile_seen(state, side, obj.x, obj.y)
        return knows(event.by) or near
    if name == "BruteAttacked":
        return knows(event.unit) or ours(event.target)
    mentioned = _mentioned(event)
    if mentioned:
        # someone the side knows took part; an unseen enemy's part is never named
        return any(knows(u) for u in mentioned)
    x, y = getattr(event, "x", None), getattr(event, "y", None)
    if isinstance(x, int) and isinstance(y, int):
        return _tile_seen(state, side, x, y)
    return False


# --- the words -----------------------------------------------------------------------------------
def describe(
    event: ev.Event, state: GameState, side: str, spotted: Iterable[str] | None = None
) -> str | None:
    """The log line `side` reads for `event`, or None (not witnessed, or not worth a line)."""
    seen = _spotted(state, side, spotted)
    if not visible_to(event, state, side, seen):
        return None

    def who(unit_id: str) -> str:
        return unit_label(state, unit_id, side, seen)

    def weapon(weapon_id: str) -> str:
        w = state.catalog.weapons.get(weapon_id)
        return w.name if w else weapon_id

    e = event
    name = type(e).__name__
    side_names = {s.id: s.name for s in state.sides}
    if isinstance(e, ev.TurnStarted):
        return f"Turn {e.turn}: {side_names.get(e.side, e.side)}."
    if isinstance(e, ev.TurnEnded):
        return None
    if isinstance(e, ev.BattleWon):
        how = {
            "victory": "victory",
            "defeat": "the enemy's defeat",
            "last_standing": "last standing",
        }
        return f"{side_names.get(e.side, e.side)} won the battle ({how.get(e.reason, e.reason)})."
    if isinstance(e, ev.MessageShown):
        return e.text
    if isinstance(e, ev.UnitMoved):
        if is_friend(state, side, e.unit):
            return None  # your own moves are plain to see on the map
        return f"{who(e.unit)} moves."
    if isinstance(e, ev.MoveInterrupted):
        why = {
            "enemy_spotted": "an enemy came into view",
            "reaction": "it came under fire",
            "blocked": "the way was blocked",
        }.get(e.reason, e.reason)
        return f"{who(e.unit)} stopped: {why}."
    if isinstance(e, ev.UnitTurned):
        return None
    if isinstance(e, ev.UnitSpotted):
        return f"Spotted {unit_label(state, e.unit, side, {e.unit})} at ({e.x}, {e.y})."
    if isinstance(e, ev.UnitLost):  # it was in sight until now (or left a ghost)
        was_seen = e.unit in seen or e.unit in state.knowledge[side].ghosts
        name = unit_label(state, e.unit, side, {e.unit}) if was_seen else "an enemy"
        return f"Lost sight of {name}."
    if isinstance(e, ev.ShotFired):
        hits = sum(1 for h in e.hits if h)
        rounds = len(e.hits)
        result = ("hit" if hits else "missed") if rounds == 1 else f"{hits} of {rounds} hit"
        if not known(state, side, e.unit, seen):
            return f"{who(e.target)} was shot at by someone unseen: {result}."
        at = f"the eye of {who(e.target)}" if e.aim == "eye" else who(e.target)
        return f"{who(e.unit)} fired ({e.mode}) at {at}, {e.chance}%: {result}."
    if isinstance(e, ev.UnitHurt):
        return f"{who(e.unit)} took {e.amount} damage ({e.hp} HP left)."
    if isinstance(e, ev.UnitKilled):
        if e.cause == "takedown":
            return None  # the Stabbed line has told it
        if not known(state, side, e.unit, seen):  # a body in plain sight
            kind = state.catalog.units[state.units[e.unit].type_id].name
            return f"A {kind} lies dead at ({e.x}, {e.y})."
        cause = CAUSE_WORDS.get(e.cause, f"killed ({e.cause})")
        by = f" by {who(e.by)}" if e.by and known(state, side, e.by, seen) else ""
        return f"{who(e.unit)} was {cause}{by}."
    if isinstance(e, ev.Reloaded):
        return f"{who(e.unit)} reloaded the {weapon(e.weapon)}."
    if isinstance(e, ev.OverwatchSet):
        return f"{who(e.unit)} is on overwatch ({e.mode})."
    if isinstance(e, ev.NoiseMade):
        return None  # NoiseHeard tells what was heard; the maker's own side knows
    if isinstance(e, ev.NoiseHeard):
        kind = "gunfire or an explosion" if e.loud else "a noise"
        return f"Heard {kind} {direction_words(state, side, e.x, e.y)}."
    if isinstance(e, ev.UnitAlerted):
        if e.level == "unaware":
            return f"{who(e.unit)} has calmed down."
        why = {
            "saw": "saw an enemy",
            "noise": "heard something",
            "gunfire": "heard gunfire",
            "wounded": "was wounded",
            "alarm": "the alarm",
            "body": "found a body",
            "order": "orders",
        }.get(e.cause, e.cause)
        return f"{who(e.unit)} is {e.level} ({why})."
    if isinstance(e, ev.AlarmRaised):
        return f"ALARM! {side_names.get(e.side, e.side)} raised the alarm."
    if isinstance(e, ev.UnitUnloaded):
        return f"{who(e.unit)} got out at ({e.x}, {e.y})."
    if isinstance(e, ev.Stabbed):
        if e.takedown:
            return f"{who(e.unit)} took down {who(e.target)} with a knife."
        return f"{who(e.unit)} stabbed at {who(e.target)}: {'hit' if e.hit else 'missed'}."
    if isinstance(e, ev.AreaRevealed):
        return f"Intelligence: the area {e.area} is revealed."
    if isinstance(e, ev.ObjectiveChanged):
        text = next(
            (o["text"] for o in state.objectives if o.get("id") == e.objective), e.objective
        )
        return f"Objective {e.status}: {text}."
    if isinstance(e, ev.UnitArrived):
        return f"{who(e.unit)} arrived at ({e.x}, {e.y})."
    # explosives
    if name == "RoundLaunched":
        what = {"emp": "an EMP", "smoke": "smoke", "frag": "a frag grenade", "rocket": "a rocket"}
        verb = "threw" if e.thrown else "launched"
        off = "" if (e.x, e.y) == (e.landed_x, e.landed_y) else " (it scattered)"
        return f"{who(e.unit)} {verb} {what.get(e.round, e.round)}{off}."
    if name == "SalvoFired":
        return f"{who(e.unit)} fired a rocket salvo at ({e.x}, {e.y})."
    if name == "Burst":
        what = {
            "frag": "A grenade exploded",
            "rocket": "A rocket exploded",
            "charge": "A shaped charge blew",
            "smoke": "Smoke billows",
            "emp": "An EMP burst",
        }.get(e.kind, f"A {e.kind} went off")
        return f"{what} at ({e.x}, {e.y})."
    if name == "SmokeThinned":
        return "The smoke has cleared." if e.tiles == 0 else None
    if name == "TerrainBroken":
        return f"The {e.was.replace('_', ' ')} at ({e.x}, {e.y}) was breached."
    if name == "LightsOut":
        n = len(e.objects)
        return f"{n} light{'s' if n != 1 else ''} went out."
    if name == "LightsRestored":
        return "The lights came back on."
    if name == "UnitDisabled":
        return f"{who(e.unit)} is knocked out by {e.cause.upper()} for {e.turns} turns."
    if name == "ObjectShot":
        hits = sum(1 for h in e.hits if h)
        return f"{who(e.unit)} fired at the {e.object}, {e.chance}%: {hits} of {len(e.hits)} hit."
    if name == "ObjectDamaged":
        return f"The {e.object} was damaged ({e.hp} left)."
    if name == "ObjectDestroyed":
        return f"The {e.object} was destroyed."
    if name == "ChargePlaced":
        return f"{who(e.unit)} set a shaped charge at ({e.x}, {e.y})."
    if name == "UnitBoarded":
        return f"{who(e.unit)} boarded {who(e.transport)}."
    # brutes and the fights with them
    if name == "BruteCharged":
        return f"{who(e.unit)} charges!"
    if name == "UnitKnockedAside":
        return f"{who(e.unit)} was knocked aside by {who(e.by)}."
    if name == "BruteAttacked":
        attack = e.attack.replace("_", " ")
        if e.dodged:
            result = "dodged"
        elif e.self_hit:
            result = "it struck its own back"
        else:
            result = "decapitated!" if e.decapitated else ("hit" if e.hit else "missed")
        return f"{who(e.unit)} struck at {who(e.target)} with its {attack}: {result}."
    if name == "BruteSlammed":
        return f"{who(e.unit)} slammed {who(e.rider)} against the wall."
    if name == "RiderShaken":
        return f"{who(e.rider)} held on to {who(e.unit)}."
    if name == "RiderThrown":
        return f"{who(e.unit)} threw {who(e.rider)} off."
    if name == "Roared":
        return f"{who(e.unit)} roars."
    if name == "BruteFought":
        verb = MOVE_WORDS.get(e.move, e.move)
        result = "success" if e.hit else "failed"
        return f"{who(e.unit)} {verb} {who(e.target)}, {e.chance}%: {result}."
    if name == "UnitDismounted":
        return f"{who(e.unit)} leapt off {who(e.brute)}."
    if name == "TailCut":
        if e.severed:
            return f"{who(e.by)} severed the tail of {who(e.unit)}!"
        return f"{who(e.by)} cut the tail of {who(e.unit)} ({e.cuts}/{e.needed})."
    if name == "Grappled":
        return f"{who(e.unit)} grappled {who(e.target)}{': torn apart!' if e.torn else '.'}"
    return None


# --- one action's events, in order ---------------------------------------------------------------
@dataclass
class Seen:
    """An event as one side witnessed it: possibly trimmed (the steps it could watch)."""

    event: ev.Event
    text: str | None
    turn: int
    heard_only: bool = False  # a sound: the side heard it but did not see it


class Witness:
    """Follows one side through a sequence of events (one action's, or one turn's).

    Start it with the enemies the side saw *before* the action (`spotted`); it
    updates that set as `UnitSpotted` / `UnitLost` / deaths go by, so each event
    is judged by what the side could see at that moment. An enemy's move is cut
    to the steps the side watched: a move that ends out of sight loses its last
    step (the unit vanishes where it was last seen); a move that brings it into
    view is left to the `UnitSpotted` that follows (it appears there).
    """

    def __init__(self, state: GameState, side: str, spotted: Iterable[str] | None = None) -> None:
        self.state = state
        self.side = side
        self.spotted = _spotted(state, side, spotted)
        self.turn = state.turn

    def watch(self, events: list[ev.Event]) -> list[Seen]:
        out: list[Seen] = []
        for i, event in enumerate(events):
            if isinstance(event, ev.TurnStarted):
                self.turn = event.turn
            shown = self._trim(event, events[i + 1 :])
            if shown is not None and visible_to(shown, self.state, self.side, self.spotted):
                text = describe(shown, self.state, self.side, self.spotted)
                heard = isinstance(shown, ev.NoiseHeard)
                out.append(Seen(shown, text, self.turn, heard))
            self._update(event)
        return out

    def _update(self, event: ev.Event) -> None:
        if isinstance(event, ev.UnitSpotted) and event.side == self.side:
            self.spotted.add(event.unit)
        elif (isinstance(event, ev.UnitLost) and event.side == self.side) or isinstance(
            event, ev.UnitKilled
        ):
            self.spotted.discard(event.unit)

    def _trim(self, event: ev.Event, rest: list[ev.Event]) -> ev.Event | None:
        """The part of an enemy's move the side watched (None: none of it)."""
        if not isinstance(event, ev.UnitMoved) or is_friend(self.state, self.side, event.unit):
            return event
        if event.unit not in self.spotted:
            return None  # unseen all along, or it comes into view: UnitSpotted shows it
        lost = False
        for later in rest:
            if isinstance(later, ev.UnitMoved) and later.unit == event.unit:
                break
            if (
                isinstance(later, ev.UnitLost)
                and later.unit == event.unit
                and later.side == self.side
            ):
                lost = True
                break
        if not lost:
            return event
        path = tuple(event.path[:-1])  # the last step took it out of sight
        return dataclasses.replace(event, path=path) if path else None
