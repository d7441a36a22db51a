"""Events played back as animations: only what the side saw or heard, and they end."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import maps  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from alma_tactics.ai.player import AiPlayer  # noqa: E402
from alma_tactics.core import events as ev  # noqa: E402
from alma_tactics.core import explosives  # noqa: E402
from alma_tactics.match import Match  # noqa: E402
from alma_tactics.render.animations import Animator  # noqa: E402
from alma_tactics.render.board import BoardRenderer  # noqa: E402
from alma_tactics.render.camera import Camera  # noqa: E402
from alma_tactics.render.snapshot import ensure_display  # noqa: E402
from alma_tactics.scenario import find_scenario, load_scenario  # noqa: E402

VIEW = pygame.Rect(0, 0, 480, 320)


@pytest.fixture(scope="module", autouse=True)
def display():
    ensure_display()
    yield


def frame(renderer, animator, state, side, camera, surface) -> None:
    renderer.draw(surface, VIEW, state, side, camera)
    animator.draw(surface, VIEW, camera)


def run_out(animator: Animator, renderer, state, side, limit: float = 120.0) -> float:
    surface = pygame.Surface(VIEW.size)
    camera = Camera()
    spent = 0.0
    while animator.busy and spent < limit:
        animator.update(1 / 30)
        frame(renderer, animator, state, side, camera, surface)
        spent += 1 / 30
    return spent


def test_a_played_turn_animates_and_ends() -> None:
    scenario = load_scenario(find_scenario("night-yard"))
    match = Match(scenario.new_state(1), 1)
    renderer = BoardRenderer(match.state.catalog)
    animator = Animator(renderer, speed=4.0)
    players = {s.id: AiPlayer(s.id) for s in match.state.sides}
    surface = pygame.Surface(VIEW.size)
    camera = Camera()
    queued = 0
    before = None
    for _ in range(60):
        if match.state.winner:
            break
        renderer.draw(surface, VIEW, match.state, "alliance", camera)
        events = match.submit(players[match.state.active_side.id].next_action(match.state))
        before = match.state.state_hash()
        animator.play(events, match.state, "alliance")
        queued += len(animator.steps)
        run_out(animator, renderer, match.state, "alliance")
        assert not animator.busy
        assert match.state.state_hash() == before, "animating never changes the game"
    assert queued > 0
    assert renderer.hidden == set()


def test_own_move_animates_and_skip_ends_it() -> None:
    state = maps.make_state(["a.........", ".........."], {"a": ("marine", "alliance")})
    renderer = BoardRenderer(state.catalog)
    surface = pygame.Surface(VIEW.size)
    renderer.draw(surface, VIEW, state, "alliance", Camera())
    maps.place(state, "a", (5, 0))
    animator = Animator(renderer)
    animator.play(
        [ev.UnitMoved(unit="a", path=tuple((x, 0) for x in range(1, 6)), ap_spent=10)],
        state,
        "alliance",
    )
    assert animator.busy
    animator.update(0.05)
    assert "a" in renderer.hidden, "the board leaves the walking unit to the animator"
    frame(renderer, animator, state, "alliance", Camera(), surface)
    animator.skip()
    assert not animator.busy
    assert renderer.hidden == set()
    animator.play([ev.UnitMoved(unit="a", path=((6, 0),), ap_spent=2)], state, "alliance")
    animator.update(10.0)
    assert not animator.busy


def test_what_the_side_did_not_see_is_not_played_but_a_sound_is() -> None:
    rows = [
        "a.....#...",
        "......#e..",
        "......#...",
    ]
    state = maps.make_state(rows, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    assert "e" not in state.knowledge["alliance"].spotted
    renderer = BoardRenderer(state.catalog)
    animator = Animator(renderer)
    unseen = [
        ev.UnitMoved(unit="e", path=((8, 1), (9, 1)), ap_spent=4),
        ev.ShotFired(
            unit="e",
            target="e",
            weapon="calendrea_rifle",
            mode="burst",
            aim="body",
            chance=50,
            hits=(False,),
        ),
        explosives.Burst(kind="frag", x=8, y=2, radius=1, by="e"),
    ]
    animator.play(unseen, state, "alliance")
    assert not animator.busy, "nothing the side could see"
    animator.play([ev.NoiseHeard(side="alliance", x=8, y=1, loud=True)], state, "alliance")
    assert animator.busy, "a sound marker where it was heard"
    assert run_out(animator, renderer, state, "alliance") < 5
    animator.play(unseen, state, None)
    assert animator.busy, "the all-seeing replay shows it all"
    animator.skip()
    assert not animator.busy


def test_effects_of_every_kind_play_and_end() -> None:
    rows = [
        "a....e....",
        "..........",
        ".....#....",
    ]
    state = maps.make_state(
        rows,
        {"a": ("davis", "alliance"), "e": ("soldier", "calendrea")},
        objects=[maps.spotlight("lamp", (8, 1))],
    )
    renderer = BoardRenderer(state.catalog)
    animator = Animator(renderer, speed=2.0)
    events = [
        ev.ShotFired(
            unit="a",
            target="e",
            weapon="assault_rifle",
            mode="burst",
            aim="body",
            chance=60,
            hits=(True, False, True),
        ),
        ev.UnitHurt(unit="e", amount=5, hp=7, cause="shot", by="a"),
        ev.UnitKilled(unit="e", cause="shot", by="a", x=5, y=0),
        explosives.RoundLaunched(unit="a", round="emp", x=8, y=1, landed_x=8, landed_y=1),
        explosives.Burst(kind="emp", x=8, y=1, radius=2, by="a"),
        explosives.LightsOut(objects=("lamp",), by="a"),
        explosives.RoundLaunched(unit="a", round="smoke", x=3, y=1, landed_x=3, landed_y=2),
        explosives.Burst(kind="smoke", x=3, y=2, radius=1, by="a"),
        explosives.Burst(kind="charge", x=5, y=2, radius=1, by="a"),
        explosives.TerrainBroken(x=5, y=2, was="wall", now="rubble"),
        ev.AlarmRaised(side="calendrea", by="e"),
    ]
    animator.play(events, state, "alliance")
    assert len(animator.steps) >= 5
    spent = run_out(animator, renderer, state, "alliance")
    assert not animator.busy and spent < 30
    for _ in range(120):  # the blood and scorch marks fade away too
        animator.update(1 / 30)
    assert animator.lingering == []


def test_each_events_sound_is_cued_when_its_own_animation_begins() -> None:
    """A walk then a shot: the footsteps sound as the walk starts, the shot once the
    walker has arrived; skipped animations cue nothing."""
    rows = ["a.......e."]
    state = maps.make_state(rows, {"a": ("marine", "alliance"), "e": ("soldier", "calendrea")})
    renderer = BoardRenderer(state.catalog)
    animator = Animator(renderer)
    heard: list[tuple[float, str]] = []
    clock = [0.0]
    animator.on_cue = lambda events: heard.extend((clock[0], type(e).__name__) for e in events)
    walk = ev.UnitMoved(unit="a", path=((1, 0), (2, 0), (3, 0), (4, 0)), ap_spent=8)
    shot = ev.ShotFired(
        unit="a",
        target="e",
        weapon="assault_rifle",
        mode="snap",
        aim="body",
        chance=60,
        hits=(True,),
    )
    animator.play([walk, shot], state, None)
    while animator.steps and clock[0] < 30:
        animator.update(1 / 30)
        clock[0] += 1 / 30
    assert [name for _, name in heard] == ["UnitMoved", "ShotFired"]
    (t_walk, _), (t_shot, _) = heard
    assert t_walk < 0.1 and t_shot >= t_walk + 0.3, heard
    heard.clear()
    animator.play([walk, shot], state, None)
    animator.skip()
    animator.update(1 / 30)
    assert heard == []
