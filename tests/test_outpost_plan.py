"""The story's raid, played move for move on the real map (scenarios/outpost_raid.toml).

"The mech moved out ahead and circled the compound, black and silent ... Davis loaded
an EMP grenade into the under barrel of his gun and fired ... take out the sentries
silently, use your knives ... he heard sharp cracks as the snipers took out the guards
in the towers. He and the other squad leaders pulled out a shaped explosive and placed
it on the wall ... Davis fired a smoke grenade inside and as soon as the smoke rose he
and his men ran inside."

Every action goes through `Match.submit`, and every one is first asked of
`rules.check` (a refusal fails the test with the reason). The Alliance turns are
scripted here; every Calendrea turn is just `EndTurn("calendrea")`: the garrison stands
where the file puts it (sentries do not walk their circuit, nobody shoots back), which
keeps the script deterministic for a fixed seed. So this proves the story's plan is
*possible* on this map with these rules, not that the AI would lose to it.

Paths come from the rules' own `movement.reachable`; while stealth matters the test
forbids the tiles any Calendrea would see a unit on (and the tiles next to one, where
a footstep is heard), so the raiders only ever stand where the garrison cannot see them.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import tcod.path

from alma_tactics.core import combat, light, movement, rules, sight, triggers
from alma_tactics.core import events as ev
from alma_tactics.core.actions import Action, EndTurn, Move, Reload, Shoot, Stab
from alma_tactics.core.explosives import (
    Burst,
    ChargePlaced,
    Detonate,
    Launch,
    LightsOut,
    PlaceCharge,
    RoundLaunched,
    TerrainBroken,
)
from alma_tactics.core.grid import DIRECTIONS, Pos, distance
from alma_tactics.match import Match
from alma_tactics.scenario import find_scenario, load_scenario

# A seed on which the dice fall the story's way: the EMP round lands on the generator
# (a scattered round may land close enough to the west sentry for it to hear the pop),
# and the snipers' eye shots (38-40% each) all land within five turns. (32 of the
# seeds 0-39 play through; the others fail on exactly those two rolls.)
SEED = 0

GUARDS = ("guard_nw", "guard_ne", "guard_sw", "guard_se")
SENTRIES = ("sentry_n", "sentry_e", "sentry_s", "sentry_w")
FAR = 10**6  # AP enough to plan a route across the whole map

# The scout mech's circuit before the EMP: west of the compound (it sees both west
# towers over the wall), round the north out of the spotlights, and down the east side.
SCOUT_CIRCUIT = [(18, 17), (20, 2), (33, 1), (54, 3), (54, 17)]
# After the EMP it comes back round to the south-west, where its night optics (8)
# spot the south-west tower for a human sniper (night sight 3).
SCOUT_SPOTTING = (22, 25)

# "The snipers took up positions on all four sides, the rest of the men broke into
# four squads of three, one for each side." Every tile is in the dark and out of every
# Calendrea's view. Each sniper stands five tiles (a close eye shot) but more than five
# tiles of Euclidean distance from its tower, so a miss is not heard there. The elves
# (night sight 6) see their guards themselves; bravo_3 (an elf) spots for sniper_n,
# the scout for sniper_w. Charlie has to go round by the north and east: on the south
# face the rocks at x 37-38 and the standing sentry's view close the way.
POSITIONS = {
    "davis": (19, 16),  # 11 tiles from the generator: the EMP strays at most 2
    "alpha_1": (18, 18),
    "alpha_2": (18, 19),
    "alpha_3": (19, 19),
    "bravo_1": (29, 1),
    "bravo_2": (33, 1),
    "bravo_3": (24, 4),
    "charlie_1": (44, 34),
    "charlie_2": (43, 34),
    "charlie_3": (45, 34),
    "delta_1": (55, 12),
    "delta_2": (54, 12),
    "delta_3": (54, 13),
    "sniper_n": (23, 6),
    "sniper_w": (23, 29),
    "sniper_e": (52, 6),
    "sniper_s": (52, 29),
}
SNIPERS = {
    "sniper_n": "guard_nw",
    "sniper_w": "guard_sw",
    "sniper_e": "guard_ne",
    "sniper_s": "guard_se",
}
# Knife men: each slides up diagonally behind its sentry (not beside it: a step next
# to a sentry is heard) and stabs. Davis takes the west one, as in the story.
KNIVES = {
    "davis": ("sentry_w", (24, 19)),  # faces north
    "bravo_2": ("sentry_n", (36, 4)),  # faces east
    "charlie_2": ("sentry_s", (39, 31)),  # faces west
    "delta_2": ("sentry_e", (51, 16)),  # faces south
}
# Squad leaders: where they stand to set the charge, the wall tile, where they go to
# be clear of the blast (two tiles or more from the charge).
CHARGES = {
    "alpha_1": ((26, 17), (27, 17), (24, 17)),  # west wall, in line with the CP door
    "bravo_1": ((37, 6), (37, 7), (37, 4)),
    "charlie_1": ((38, 29), (38, 28), (38, 31)),
    "delta_1": ((49, 22), (48, 22), (51, 22)),
}
BREACH = (28, 17)  # first tile inside the west breach
CP_DOOR = (39, 17)


class Raid:
    """The outpost raid in play, driven through `Match.submit` only."""

    def __init__(self, seed: int) -> None:
        scenario = load_scenario(find_scenario("outpost-raid"))
        self.match = Match(scenario.new_state(seed), seed, scenario_doc=scenario.doc)
        self.events: list[ev.Event] = []

    @property
    def state(self):
        return self.match.state

    def unit(self, unit_id: str):
        return self.state.units[unit_id]

    def play(self, action: Action) -> list[ev.Event]:
        why = rules.check(self.state, action)
        assert why is None, f"turn {self.state.turn}: {action} is refused: {why}"
        events = self.match.submit(action)
        self.events += events
        return events

    def end_round(self) -> list[ev.Event]:
        """End the Alliance turn; the Calendrea end theirs at once (they stand still)."""
        return self.play(EndTurn("alliance")) + self.play(EndTurn("calendrea"))

    # --- moving ------------------------------------------------------------------------------
    def watched(self) -> np.ndarray:
        """Tiles where a raider would be seen (or a footstep heard) by the garrison now."""
        state = self.state
        mask = sight.visible_tiles(state, "calendrea").copy()
        for unit in state.units.values():
            if unit.side == "calendrea" and unit.on_map:
                for x, y in unit.footprint(state.size(unit)):
                    for dx, dy in DIRECTIONS[::2]:  # N, E, S, W: within earshot of a step
                        if state.grid.in_bounds((x + dx, y + dy)):
                            mask[y + dy, x + dx] = True
        return mask

    def route(self, unit_id: str, goal: Pos, stealthy: bool):
        """The rules' reach over the whole map, with enemies (and, stealthy, the watched
        tiles) blocked: (reach, path to goal or None)."""
        state, unit = self.state, self.unit(unit_id)
        reach = movement.reachable(state, unit, ap=FAR)
        cost = reach.cost.copy()
        for other in state.units.values():
            if other.on_map and state.are_enemies(unit.side, other.side):
                for x, y in other.footprint(state.size(other)):
                    cost[y - reach.y0, x - reach.x0] = 0
        if stealthy:
            h, w = cost.shape
            cost[self.watched()[reach.y0 : reach.y0 + h, reach.x0 : reach.x0 + w]] = 0
        dist = np.full(cost.shape, movement.UNREACHABLE, np.int32)
        dist[unit.y - reach.y0, unit.x - reach.x0] = 0
        tcod.path.dijkstra2d(dist, cost, reach.straight, reach.diagonal, out=dist)
        reach = dataclasses.replace(reach, cost=cost, dist=dist)
        return reach, reach.path_to(goal)

    def advance(self, unit_id: str, goal: Pos, stealthy: bool = True, keep_ap: int = 0) -> bool:
        """Walk towards `goal` as far as this turn's AP (less `keep_ap`) goes, starting
        again when a newly seen enemy stops the move. True once the unit stands there."""
        for _ in range(6):
            unit = self.unit(unit_id)
            if unit.pos == goal:
                return True
            reach, path = self.route(unit_id, goal, stealthy)
            if not path:
                return False  # no way now (the goal may hold a friend passing through)
            at = [reach.dist[y - reach.y0, x - reach.x0] for x, y in path]
            steps = [p for p, cost in zip(path, at, strict=True) if cost <= unit.ap - keep_ap]
            while steps and reach.taken[steps[-1][1] - reach.y0, steps[-1][0] - reach.x0]:
                steps.pop()  # a friend's tile can be crossed, not stopped on
            if not steps:
                return False
            before = unit.pos
            self.play(Move(unit_id, tuple(steps)))
            if self.unit(unit_id).pos == before:
                return False
        return self.unit(unit_id).pos == goal

    # --- what the garrison knows -------------------------------------------------------------
    def assert_unseen(self) -> None:
        """The ghosts rule: no Calendrea has seen a raider, nobody is alert, no alarm."""
        seen = [e for e in self.events if isinstance(e, ev.UnitSpotted) and e.side == "calendrea"]
        assert not seen, f"the garrison saw raiders: {seen}"
        assert not any(isinstance(e, ev.AlarmRaised) for e in self.events)
        alert = [
            u.id
            for u in self.state.units.values()
            if u.side == "calendrea" and u.alertness == "alert"
        ]
        assert not alert, f"alert: {alert}"
        assert not self.state.side("calendrea").alarm


def of(events: list[ev.Event], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def test_the_storys_plan_can_be_played_move_for_move():
    raid = Raid(SEED)
    state = raid.state

    # 1. The scout mech circles the compound, black and silent, and spots the four
    #    towers over the wall (the floodlights light them) and the lamps on the wall,
    #    while the snipers and the four squads take up their positions in the dark.
    scout_saw: set[str] = set()
    leg = 0
    for _ in range(12):
        while leg < len(SCOUT_CIRCUIT):
            mark = len(raid.events)
            arrived = raid.advance("scout", SCOUT_CIRCUIT[leg])
            spotted = of(raid.events[mark:], ev.UnitSpotted)
            scout_saw |= {e.unit for e in spotted if e.side == "alliance"}
            if not arrived:
                break
            leg += 1
        for unit_id, post in POSITIONS.items():
            raid.advance(unit_id, post)
        raid.end_round()
        placed = all(raid.unit(u).pos == p for u, p in POSITIONS.items())
        if leg == len(SCOUT_CIRCUIT) and placed:
            break
    assert leg == len(SCOUT_CIRCUIT), f"the scout is stuck at {raid.unit('scout').pos}"
    assert scout_saw >= set(GUARDS), f"the scout saw only {sorted(scout_saw & set(GUARDS))}"
    lamps = [o for o in state.objects.values() if o.kind == "spotlight"]
    assert len(lamps) == 16
    assert all(state.knowledge["alliance"].explored[o.y, o.x] for o in lamps)
    late = {u: raid.unit(u).pos for u, p in POSITIONS.items() if raid.unit(u).pos != p}
    assert not late, f"not in position by turn {state.turn}: {late}"
    raid.assert_unseen()

    # 2. Davis's EMP round arcs into the compound onto the generator: every lamp dies.
    assert light.lit_mask(state).any()
    events = raid.play(Launch("davis", "emp", 30, 16))
    (landed,) = of(events, RoundLaunched)
    assert distance((landed.landed_x, landed.landed_y), (30, 16)) <= 2
    assert not state.objects["generator"].on
    assert {o for e in of(events, LightsOut) for o in e.objects} == {o.id for o in lamps}
    assert not light.lit_mask(state).any(), "the lights went dead"
    raid.advance("scout", SCOUT_SPOTTING)  # the mech comes back round, in the dark now
    raid.end_round()
    assert not light.lit_mask(state).any(), "the generator stays off: no lamp comes back"
    raid.assert_unseen()

    # 3. "Take out the sentries silently": each knife man slides up behind his sentry
    #    in the dark, and the knife does the rest. Nobody hears; no alarm next turn.
    lit = light.lit_mask(state)
    for unit_id, (sentry, spot) in KNIVES.items():
        assert raid.advance(unit_id, spot), f"{unit_id} cannot reach {spot} unseen"
        knife, target = raid.unit(unit_id), raid.unit(sentry)
        assert not lit[knife.y, knife.x]
        assert target.alertness == "unaware" and not sight.can_see(state, target, knife)
        events = raid.play(Stab(unit_id, sentry))
        assert of(events, ev.Stabbed)[0].takedown
        assert any(e.unit == sentry and e.cause == "takedown" for e in of(events, ev.UnitKilled))
    raid.advance("scout", SCOUT_SPOTTING)
    events = raid.end_round()
    assert not of(events, ev.AlarmRaised), "the sentries died without a sound"
    assert not any(raid.unit(s).alive for s in SENTRIES)
    raid.assert_unseen()

    # 4. Sharp cracks: aimed eye shots from the dark, a turn at a time, until the four
    #    tower guards are down. A human sniper sees no further than 3 tiles at night,
    #    so bravo_3 and the scout spot for sniper_n and sniper_w.
    for _ in range(8):
        if raid.unit("scout").pos != SCOUT_SPOTTING:
            raid.advance("scout", SCOUT_SPOTTING)
        for sniper, guard in SNIPERS.items():
            if not raid.unit(guard).alive or guard not in state.knowledge["alliance"].spotted:
                continue
            shot = Shoot(sniper, guard, "sniper_rifle", "aimed", "eye")
            chance = combat.hit_chance(
                state, raid.unit(sniper), raid.unit(guard), "aimed", "sniper_rifle", "eye"
            )
            assert chance >= 30, f"{sniper} on {guard}: {chance}%"
            raid.play(shot)
            if raid.unit(sniper).ammo["sniper_rifle"] == 0:
                raid.play(Reload(sniper, "sniper_rifle"))
        raid.end_round()
        if not any(raid.unit(g).alive for g in GUARDS):
            break
    dead = {e.unit: e.cause for e in of(raid.events, ev.UnitKilled)}
    assert all(dead.get(g) == "eye" for g in GUARDS), "every tower guard took a round in the eye"
    raid.assert_unseen()

    # 5. The squad leaders set their charges on the four walls, move a safe distance
    #    away, and one man blows all four: every charge leaves a three-tile breach.
    charges: dict[str, str] = {}
    for _ in range(3):
        for leader, (spot, wall, _away) in CHARGES.items():
            if leader not in charges and raid.advance(leader, spot, keep_ap=8):
                events = raid.play(PlaceCharge(leader, *wall))
                charges[leader] = of(events, ChargePlaced)[0].charge
        raid.end_round()
        if len(charges) == len(CHARGES):
            break
    assert len(charges) == len(CHARGES), f"charges set: {charges}"
    raid.assert_unseen()
    for leader, (_spot, _wall, away) in CHARGES.items():
        assert raid.advance(leader, away), f"{leader} cannot get clear"
    for leader, (_spot, (wx, wy), _away) in CHARGES.items():
        friends = [u for u in state.units.values() if u.side == "alliance" and u.on_map]
        assert all(distance(u.pos, (wx, wy)) >= 2 for u in friends)
        events = raid.play(Detonate("alpha_2", charges[leader]))
        broken = {(e.x, e.y) for e in of(events, TerrainBroken)}
        assert len(broken) == 3 and all(distance(t, (wx, wy)) <= 1 for t in broken)
        assert all(state.grid.terrain_at(t).id == "rubble" for t in broken)
    hurt = [e.unit for e in of(raid.events, ev.UnitHurt) if state.units[e.unit].side == "alliance"]
    assert not hurt, f"clear of the blasts, yet hurt: {hurt}"

    # 6. Davis fires a smoke round into the west breach.
    events = raid.play(Launch("davis", "smoke", *BREACH))
    assert of(events, Burst)[0].kind == "smoke"
    assert state.grid.smoke[BREACH[1], BREACH[0]] > 0

    # 7. Through the breach (the first man in before the bang has woken the garrison:
    #    a quiet breach), then to the command post: the door guard and the soldier
    #    inside are shot down, Davis's squad holds the room for a turn and it is theirs.
    assert raid.advance("alpha_3", BREACH, stealthy=False)
    assert triggers.in_rect(raid.unit("alpha_3").pos, state.areas["compound"])
    assert objective(state, "no_alarm") == "done"
    events = raid.end_round()
    assert of(events, ev.AlarmRaised), "the charges were heard: now the garrison is up"
    posts = {
        "soldier_cp_door": {
            "davis": (35, 17),
            "alpha_3": (36, 16),
            "alpha_1": (35, 18),
            "alpha_2": (34, 17),
        },
        "soldier_cp": {
            "davis": (40, 17),
            "alpha_3": (40, 18),
            "alpha_1": (40, 16),
            "alpha_2": CP_DOOR,
        },
    }
    for target, stations in posts.items():
        for _ in range(4):
            storm(raid, target, stations)
            if not raid.unit(target).alive:
                break
            raid.end_round()
        assert not raid.unit(target).alive, f"{target} still stands"
    inside = triggers.units_in_area(state, "command_post")
    assert inside and all(u.side == "alliance" for u in inside)
    for _ in range(2):
        raid.end_round()
        if state.winner:
            break
    assert state.winner == "alliance"
    assert objective(state, "take_cp") == "done"
    assert objective(state, "no_alarm") == "done", "the quiet breach's verdict stands"
    assert any(e.text == "The command post is ours." for e in of(raid.events, ev.MessageShown))
    assert all(u.alive for u in state.units.values() if u.side == "alliance"), "not a man lost"
    assert state.turn < 31, "done before dawn"


def storm(raid: Raid, target: str, stations: dict[str, Pos]) -> None:
    """Each man fires bursts at `target` while he sees it and has the AP, else walks
    to his station (in the dark a human sees 3 tiles: the stations are that close)."""
    state = raid.state
    for unit_id, station in stations.items():
        for _ in range(4):
            unit = raid.unit(unit_id)
            if not raid.unit(target).alive:
                return
            if target in state.knowledge["alliance"].spotted and sight.can_see(
                state, unit, raid.unit(target)
            ):
                if unit.ammo["assault_rifle"] < 3:
                    raid.play(Reload(unit_id, "assault_rifle"))
                    continue
                if unit.ap >= 10:
                    raid.play(Shoot(unit_id, target, "assault_rifle", "burst"))
                    continue
                break
            if unit.pos == station or not raid.advance(unit_id, station, stealthy=False):
                break


def objective(state, objective_id: str) -> str:
    return next(o.get("status", "open") for o in state.objectives if o["id"] == objective_id)


def test_the_loud_plan_a_rocket_at_the_compound_wakes_the_whole_outpost():
    """The plan the story avoids: Davis opens with a rocket instead of the EMP and the
    knives. The blast is heard across the compound; at the Calendrea's turn the alarm
    sounds and every unit of the outpost is alert."""
    raid = Raid(SEED)
    state = raid.state
    assert raid.advance("davis", (12, 18), stealthy=False)  # 18 tiles from the compound
    events = raid.play(Launch("davis", "rocket", 30, 17))
    assert any(e.loud for e in of(events, ev.NoiseMade))
    assert not state.side("calendrea").alarm
    events = raid.play(EndTurn("alliance"))
    assert of(events, ev.AlarmRaised)
    assert state.side("calendrea").alarm
    compound = triggers.units_in_area(state, "compound", "calendrea")
    assert len(compound) >= 9
    assert all(u.alertness == "alert" for u in state.units.values() if u.side == "calendrea")
    assert objective(state, "no_alarm") == "failed"
    raid.play(EndTurn("calendrea"))
