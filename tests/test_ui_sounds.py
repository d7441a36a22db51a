"""Sound effects: the event -> sound mapping (pure, no audio), the player's silence without
an audio device or when muted, the shipped WAVs, and the battle screen playing only what
the viewing side witnessed (an unseen enemy's shot makes no sound)."""

from __future__ import annotations

import importlib.util
import sys
import wave
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")
pytest.importorskip("pygame_gui")

from test_ui_battle_support import open_battle  # noqa: E402

from alma_tactics.core import events as ev  # noqa: E402
from alma_tactics.core.actions import Move  # noqa: E402
from alma_tactics.core.brutes import Roared  # noqa: E402
from alma_tactics.core.explosives import (  # noqa: E402
    Burst,
    ObjectShot,
    RoundLaunched,
    ShootObject,
)
from alma_tactics.core.movement import reachable  # noqa: E402
from alma_tactics.match import Match  # noqa: E402
from alma_tactics.render import words  # noqa: E402
from alma_tactics.ui import sounds  # noqa: E402
from alma_tactics.ui.settings import Settings  # noqa: E402
from alma_tactics.ui.sounds import (  # noqa: E402
    FIXED_KINDS,
    Listener,
    SoundPlayer,
    SoundTable,
    load_table,
    pick_sounds,
    shot_kind,
    sound_for,
)

ROOT = Path(__file__).resolve().parents[1]
SOUND_DIR = ROOT / "assets" / "sounds"
US = Listener("alliance", frozenset({"davis", "m1"}))


class SpyPlayer(SoundPlayer):
    """A player with a pretend mixer: it records what it was asked to play."""

    def __init__(self, settings=None, table=None) -> None:
        super().__init__(settings, table)
        self.batches: list[tuple[str, list, list[str]]] = []  # (side, events, kinds played)
        self.emitted: list[tuple[str, float]] = []  # (file, level)

    def ready(self) -> bool:
        return True

    def _emit(self, spec, level: float) -> bool:
        self.emitted.append((spec.file, level))
        return True

    def play_events(self, events, state, side):
        events = list(events)
        kinds = super().play_events(events, state, side)
        self.batches.append((side, events, kinds))
        return kinds


@pytest.fixture(scope="module")
def table() -> SoundTable:
    return load_table()


def shot(unit: str, weapon: str, target: str = "x") -> ev.ShotFired:
    return ev.ShotFired(unit, target, weapon, "snap", "body", 50, (True,))


# --- the mapping (pure) -----------------------------------------------------------------------
def test_each_weapon_has_its_own_shot(table, catalog) -> None:
    assert sound_for(shot("davis", "assault_rifle"), US, table) == "shot_silenced"
    assert sound_for(shot("m1", "sniper_rifle"), US, table) == "shot_superheat"
    assert sound_for(shot("soldier1", "calendrea_rifle"), US, table) == "shot_rifle"
    assert sound_for(shot("mech", "gatling"), US, table) == "shot_heavy"
    # a weapon the table does not list sounds by its rules, the same as the table says
    bare = SoundTable(table.sounds, {}, table.max_per_batch, table.directory)
    for weapon, kind in table.weapons.items():
        assert shot_kind(weapon, bare, catalog) == kind
    assert shot_kind("a_mods_blaster", bare, None) == "shot_rifle"


def test_representative_events_pick_the_right_sound(table) -> None:
    cases = {
        ev.Stabbed("davis", "sentry1", True, True): "knife",
        ev.UnitHurt("sentry1", 4, 8, "shot", "davis"): "hit",
        ev.UnitKilled("sentry1", "shot", "davis", 3, 4): "death",
        ev.AlarmRaised("calendrea", "guard1"): "alarm",
        Burst("frag", 3, 3, 2, "davis"): "explosion",
        Burst("rocket", 3, 3, 2, "davis"): "explosion",
        Burst("emp", 3, 3, 3, "davis"): "emp",
        Burst("smoke", 3, 3, 2, "davis"): "smoke",
        RoundLaunched("davis", "emp", 3, 3, 3, 3): "launch",
        RoundLaunched("davis", "frag", 3, 3, 3, 4, thrown=True): None,  # heard as its Burst
        Roared("brute", 5, 5): "roar",
        ev.NoiseHeard("alliance", 9, 9, True): "heard_loud",
        ev.NoiseHeard("alliance", 9, 9, False): "heard_quiet",
        ev.NoiseHeard("calendrea", 1, 6, True): None,  # what another side heard
        ev.UnitSpotted("alliance", "sentry1", 9, 10): "spotted",
        ev.UnitMoved("davis", ((2, 6), (3, 6)), 4): "footstep",
        ev.UnitMoved("sentry1", ((9, 9),), 2): None,  # footsteps are only our own
        ev.Reloaded("m1", "assault_rifle"): "reload",
        ev.Reloaded("soldier1", "calendrea_rifle"): None,
        ev.TurnStarted("alliance", 2): None,
        ev.UnitTurned("davis", 2): None,
    }
    for event, kind in cases.items():
        assert sound_for(event, US, table) == kind, event


def test_every_kind_the_code_can_pick_is_in_the_shipped_table(table) -> None:
    kinds = set(FIXED_KINDS.values()) | set(table.weapons.values())
    kinds |= set(sounds.BURST_KINDS.values()) | {"explosion", "launch"}
    kinds |= {"heard_loud", "heard_quiet", "spotted", "footstep", "reload", "click"}
    kinds |= {"shot_rifle", "shot_silenced", "shot_superheat", "shot_heavy"}
    assert kinds <= set(table.sounds), kinds - set(table.sounds)


def test_a_batch_is_a_few_sounds_not_a_din(table) -> None:
    events = [shot("soldier1", "calendrea_rifle", "davis") for _ in range(20)]
    events += [ev.UnitHurt("davis", 5, 9, "shot", "soldier1")] * 5
    events += [ev.UnitKilled("m1", "shot", "soldier1", 1, 8), ev.AlarmRaised("calendrea", "")]
    events += [ev.UnitMoved("davis", ((2, 6),), 2)]
    kinds = pick_sounds(events, US, table)
    assert len(kinds) == len(set(kinds)) <= table.max_per_batch == 3
    assert kinds == ["shot_rifle", "death", "alarm"]  # the loudest news, in event order
    quiet = SoundTable(
        {**table.sounds, "shot_rifle": sounds.SoundSpec("shot_rifle.wav", 0.0, 99)},
        table.weapons,
        table.max_per_batch,
    )
    assert "shot_rifle" not in pick_sounds(events, US, quiet)  # volume 0: never played


def test_a_broken_table_means_silence_not_a_crash(tmp_path) -> None:
    assert load_table(tmp_path).sounds == {}
    (tmp_path / "sounds.toml").write_text('max_per_batch = "lots"\n[sound.x]\nvolume = 1\n')
    broken = load_table(tmp_path)
    assert broken.sounds == {} and broken.max_per_batch == sounds.DEFAULT_MAX_PER_BATCH
    assert pick_sounds([ev.AlarmRaised("calendrea", "")], US, broken) == []


# --- the player ----------------------------------------------------------------------------------
def test_with_the_dummy_audio_driver_the_player_is_a_quiet_no_op(monkeypatch, capfd) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    player = SoundPlayer(Settings())
    assert not player.ready()
    assert not player.play("alarm")
    assert not player.play("no_such_kind")
    assert player.play_events([ev.AlarmRaised("calendrea", "")], _FakeState(), "alliance") == []
    player.apply_settings()
    player.close()
    assert not pygame.mixer.get_init()
    assert capfd.readouterr() == ("", "")


def test_a_mixer_that_cannot_open_is_caught_and_says_nothing(monkeypatch, capfd) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_driver")  # SDL refuses it: pygame.error
    player = SoundPlayer(Settings())
    assert not player.play("shot_silenced")
    assert not player.ready() and not pygame.mixer.get_init()
    player.close()

    def broken(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setenv("SDL_AUDIODRIVER", "alsa")
    monkeypatch.setattr(pygame.mixer, "init", broken)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    player = SoundPlayer(Settings())
    assert not player.play("explosion") and not player.ready()
    assert capfd.readouterr() == ("", "")


def test_muted_or_at_zero_volume_nothing_plays_and_the_mixer_stays_shut(monkeypatch) -> None:
    def never(*args, **kwargs):
        raise AssertionError("the mixer was opened")

    monkeypatch.setattr(sounds, "open_mixer", never)
    for settings in (Settings(mute=True), Settings(volume=0.0)):
        player = SoundPlayer(settings)
        assert player.volume() == 0.0
        assert not player.play("alarm")
        assert player.play_events([ev.AlarmRaised("calendrea", "")], _FakeState(), "x") == []
    spy = SpyPlayer(Settings(mute=True))
    assert spy.play_events([ev.AlarmRaised("calendrea", "")], _FakeState(), "x") == []
    assert spy.emitted == []


def test_the_volume_follows_the_settings_live(table) -> None:
    current = {"settings": Settings(volume=0.5)}
    spy = SpyPlayer(lambda: current["settings"])
    assert spy.play("alarm")
    assert spy.emitted[-1] == ("alarm.wav", pytest.approx(0.5 * table.sounds["alarm"].volume))
    current["settings"].volume = 1.0
    spy.play("alarm")
    assert spy.emitted[-1][1] == pytest.approx(table.sounds["alarm"].volume)
    current["settings"] = Settings(mute=True)  # "restore defaults" swaps the object
    assert not spy.play("alarm") and len(spy.emitted) == 2


class _FakeState:
    """Just enough of a GameState for `play_events`: no units, no catalog."""

    units: dict = {}
    catalog = None


# --- the files ------------------------------------------------------------------------------------
def test_the_sound_files_exist_are_small_mono_wavs_and_load(table, monkeypatch) -> None:
    files = {spec.file for spec in table.sounds.values()}
    total = 0
    for name in sorted(files):
        path = SOUND_DIR / name
        assert path.is_file(), name
        with wave.open(str(path)) as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
            assert 0.02 < wav.getnframes() / 22050 <= 1.5, name
        total += path.stat().st_size
    assert total < 400 * 1024
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")  # a mixer that plays to nowhere
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=2)
    except pygame.error:
        return  # no mixer here at all: the WAV checks above must do
    try:
        for name in sorted(files):
            assert pygame.mixer.Sound(str(SOUND_DIR / name)).get_length() > 0.02
    finally:
        pygame.mixer.quit()


def test_the_generator_rewrites_the_same_bytes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_sounds", ROOT / "assets" / "tools" / "make_sounds.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sounds"] = module
    try:
        spec.loader.exec_module(module)
        for name in module.SOUND_MAKERS:
            assert module.render(name) == (SOUND_DIR / f"{name}.wav").read_bytes(), name
    finally:
        del sys.modules["make_sounds"]


# --- the battle screen ---------------------------------------------------------------------------
@pytest.fixture
def battle(monkeypatch, tmp_path):
    """The night-yard battle (alliance human) with a spy for a sound player."""
    app, screen = open_battle(monkeypatch, tmp_path)
    assert isinstance(screen.sounds, SoundPlayer)  # the app's own (silent here)
    screen.sounds = SpyPlayer(lambda: app.settings)
    yield app, screen
    app.close()


def settle(app, screen, frames_at_most: int = 600) -> None:
    """Run frames until the animations (and the sounds they cue) have all played."""
    from alma_tactics.ui.driver import frames

    for _ in range(frames_at_most):
        if not screen.animator.steps:
            return
        frames(app, 1)


def test_the_viewers_own_move_sounds_its_footstep(battle) -> None:
    app, screen = battle
    state = screen.state
    davis = state.units["davis"]
    tile = next(t for t, _ in sorted(reachable(state, davis).tiles(), key=lambda t: t[1])[1:])
    screen._commit(Move("davis", tuple(reachable(state, davis).path_to(tile))))
    settle(app, screen)
    assert screen.sounds.batches and "footstep" in screen.sounds.batches[-1][2]
    assert screen.sounds.emitted
    app.settings.mute = True  # live: the next move is silent
    emitted = len(screen.sounds.emitted)
    davis = screen.state.units["davis"]
    tile = next(t for t, _ in sorted(reachable(state, davis).tiles(), key=lambda t: t[1])[1:])
    screen._commit(Move("davis", tuple(reachable(state, davis).path_to(tile))))
    settle(app, screen)
    assert len(screen.sounds.emitted) == emitted


def unseen_shot_at_the_generator(screen):
    """(enemy, tile): an enemy move and a shot at the generator from there that the
    alliance neither sees nor hears (tried on copies of the match)."""
    match = screen.match
    state = match.state
    for uid in sorted(u.id for u in state.units.values() if u.side == "calendrea" and u.alive):
        for tile, _cost in sorted(reachable(state, state.units[uid]).tiles(), key=lambda t: t[1]):
            copy = Match.replay(
                state.__class__.from_dict(match.catalog, match.initial), match.seed, match.log
            )
            path = reachable(copy.state, copy.state.units[uid]).path_to(tile)
            if not path or copy.check(Move(uid, tuple(path))) is not None:
                continue
            events = copy.submit(Move(uid, tuple(path)))
            fire = ShootObject(uid, "generator", "calendrea_rifle", "snap")
            if copy.check(fire) is not None:
                continue
            events += copy.submit(fire)
            if not words.Witness(copy.state, "alliance", ()).watch(events):
                return uid, tile
    pytest.skip("no enemy can shoot the generator unseen in this scenario")


def test_an_unseen_enemys_shot_makes_no_sound_for_the_viewer(battle, monkeypatch) -> None:
    app, screen = battle
    monkeypatch.setattr(screen.driver, "run", lambda *a, **k: None)  # we play the computer
    screen._end_turn()
    assert screen.state.active_side.id == "calendrea" and screen.viewer == "alliance"
    spy = screen.sounds
    spy.batches.clear()
    spy.emitted.clear()
    enemy, tile = unseen_shot_at_the_generator(screen)
    state = screen.state
    moved = screen._submit(Move(enemy, tuple(reachable(state, state.units[enemy]).path_to(tile))))
    fired = screen._submit(ShootObject(enemy, "generator", "calendrea_rifle", "snap"))
    assert moved and any(isinstance(e, ObjectShot) for e in fired)
    # the shot was loud for its own side, and the viewer heard nothing of it
    own = pick_sounds(fired, Listener.of(screen.state, "calendrea"), spy.table)
    assert "shot_rifle" in own
    assert spy.emitted == [] and all(kinds == [] for _, _, kinds in spy.batches)


def test_the_sounds_follow_exactly_what_the_animator_shows(battle) -> None:
    """A computer turn: the player hears exactly the events the viewer is shown, in
    order, each as its animation begins (cued by the animator, frame by frame)."""
    app, screen = battle
    from alma_tactics.ui.driver import frames

    shown: list = []
    real_play = screen.animator.play

    def record(events, state, side):
        shown.append((side, list(events)))
        return real_play(events, state, side)

    screen.animator.play = record
    screen._end_turn()
    for _ in range(900):
        if screen.my_turn():
            break
        frames(app, 1)
    assert screen.my_turn()
    settle(app, screen)
    heard = [e for _, events, _ in screen.sounds.batches for e in events]
    assert shown and heard == [e for _, events in shown for e in events]
    assert all(side == "alliance" for side, _ in shown)
    assert {side for side, _, _ in screen.sounds.batches} == {"alliance"}
    assert len(screen.sounds.batches) > len(shown), "cued over time, not all at once"


def test_the_settings_screen_previews_the_volume_and_mute_silences(monkeypatch, tmp_path) -> None:
    import pygame_gui

    from alma_tactics.ui.app import App
    from alma_tactics.ui.driver import click, frames

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("ALMA_TACTICS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ALMA_TACTICS_DATA_DIR", str(tmp_path / "data"))
    app = App()
    try:
        assert isinstance(app.sounds, SoundPlayer) and app.sounds is app.sounds
        spy = app.__dict__["sounds"] = SpyPlayer(lambda: app.settings)
        silenced: list[float] = []
        monkeypatch.setattr(spy, "apply_settings", lambda: silenced.append(spy.volume()))
        app.start()
        frames(app)
        click(app, app.screen.buttons["Settings"])
        spy.emitted.clear()  # the button's own click
        screen = app.screen
        slider = next(s for s, (name, _) in screen.sliders.items() if name == "volume")
        event = pygame.event.Event(
            pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, ui_element=slider, value=40
        )
        pygame.event.post(event)
        frames(app)
        assert app.settings.volume == pytest.approx(0.4)
        assert spy.emitted == [("click.wav", pytest.approx(0.4 * spy.table.sounds["click"].volume))]
        click(app, screen.toggles["mute"])
        assert app.settings.mute and silenced[-1] == 0.0
    finally:
        app.close()


def test_a_pressed_button_clicks(monkeypatch, tmp_path) -> None:
    from alma_tactics.ui.app import App
    from alma_tactics.ui.driver import click, frames

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("ALMA_TACTICS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ALMA_TACTICS_DATA_DIR", str(tmp_path / "data"))
    app = App()
    try:
        spy = app.__dict__["sounds"] = SpyPlayer(lambda: app.settings)
        app.start()
        frames(app)
        assert spy.emitted == []
        click(app, app.screen.buttons["Settings"])
        assert ("click.wav", pytest.approx(0.3 * app.settings.volume)) in spy.emitted
    finally:
        app.close()
