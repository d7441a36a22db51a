"""Sound effects: which sound an event makes, and a player that never fails the game.

The sounds are data: WAVs made by assets/tools/make_sounds.py and the table
assets/sounds/sounds.toml, which gives each *kind* of sound (shot_silenced, knife,
death, alarm...) a file, a volume and a priority. This module only decides which
kind an event is (`sound_for`, `pick_sounds`: pure, no audio needed) and plays it
(`SoundPlayer`).

Privacy and timing: the player hears only the events the viewing side witnessed,
each when the animator cues it (as that event's own animation begins, see
`render.animations.Animator.on_cue`), so a hot-seat player never hears what their
side did not perceive and a shot sounds when its tracer flies. Footsteps and reloads
sound only for the viewer's own units, and a noise heard only as the side's own
`NoiseHeard`.

The player opens `pygame.mixer` at the first sound it has to play. With no audio
device (CI, SDL's dummy or disk audio driver, a pygame without the mixer) it
quietly becomes a no-op: pygame errors are caught, and ALSA's complaints on a
machine without a sound card are kept off the terminal. Muted or at volume 0 it
does not even open the mixer. The volume is read from the settings at each sound,
so a change in the settings screen applies at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from ..content.loader import ASSETS_ENV
from ..core import events as ev
from ..core.brute_fights import BruteFought, Grappled, TailCut
from ..core.brutes import (
    BruteAttacked,
    BruteCharged,
    BruteSlammed,
    RiderThrown,
    Roared,
    UnitKnockedAside,
)
from ..core.explosives import (
    Burst,
    LightsOut,
    ObjectDestroyed,
    ObjectShot,
    RoundLaunched,
    SalvoFired,
)
from ..folders import assets_dir
from .settings import Settings

if TYPE_CHECKING:
    from ..core.catalog import Catalog
    from ..core.state import GameState

log = logging.getLogger(__name__)

SOUND_DIR = assets_dir() / "sounds"
TABLE_FILE = "sounds.toml"
RATE = 22050  # the files' rate: the mixer opens at it, so nothing is resampled
SILENT_DRIVERS = frozenset({"dummy", "disk"})  # SDL audio drivers that reach no ear
DEFAULT_MAX_PER_BATCH = 3


def default_sound_dir() -> Path:
    """`$ALMA_TACTICS_ASSETS/sounds` if it has a table (a packaged or modded install), else
    the repo's."""
    assets = os.environ.get(ASSETS_ENV)
    if assets:
        folder = Path(assets).expanduser() / "sounds"
        if (folder / TABLE_FILE).is_file():
            return folder
    return SOUND_DIR


# --- the table ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SoundSpec:
    """One kind of sound: its file (in the table's folder), volume 0-1 and priority."""

    file: str
    volume: float = 1.0
    priority: int = 0


@dataclass(frozen=True)
class SoundTable:
    """sounds.toml: the kinds of sound, the shot kind of each weapon, the per-batch cap."""

    sounds: Mapping[str, SoundSpec] = field(default_factory=dict)
    weapons: Mapping[str, str] = field(default_factory=dict)
    max_per_batch: int = DEFAULT_MAX_PER_BATCH
    directory: Path = SOUND_DIR

    def audible(self, kind: str) -> bool:
        spec = self.sounds.get(kind)
        return spec is not None and spec.volume > 0

    def path(self, kind: str) -> Path | None:
        spec = self.sounds.get(kind)
        return self.directory / spec.file if spec is not None else None


def load_table(directory: Path | None = None) -> SoundTable:
    """The table in `directory` (default: `default_sound_dir()`). A missing or broken
    table, or a broken entry, is logged and left out: sound is never worth a crash."""
    folder = Path(directory) if directory is not None else default_sound_dir()
    try:
        with open(folder / TABLE_FILE, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("no sound effects: cannot read %s (%s)", folder / TABLE_FILE, exc)
        return SoundTable(directory=folder)
    sounds: dict[str, SoundSpec] = {}
    for kind, entry in (data.get("sound") or {}).items():
        try:
            sounds[kind] = SoundSpec(
                file=str(entry["file"]),
                volume=min(1.0, max(0.0, float(entry.get("volume", 1.0)))),
                priority=int(entry.get("priority", 0)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("%s: sound.%s left out (%r)", TABLE_FILE, kind, exc)
    weapons = {str(k): str(v) for k, v in (data.get("weapon") or {}).items()}
    try:
        cap = max(0, int(data.get("max_per_batch", DEFAULT_MAX_PER_BATCH)))
    except (TypeError, ValueError):
        cap = DEFAULT_MAX_PER_BATCH
    return SoundTable(sounds, weapons, cap, folder)


# --- which sound an event makes ---------------------------------------------------------------
@dataclass(frozen=True)
class Listener:
    """Who is listening: the viewing side and its own units (whose footsteps it hears)."""

    side: str
    own_units: frozenset[str] = frozenset()

    @classmethod
    def of(cls, state: GameState, side: str) -> Listener:
        return cls(side, frozenset(u.id for u in state.units.values() if u.side == side))


# events whose sound depends on nothing but their class
FIXED_KINDS: dict[type, str] = {
    ev.Stabbed: "knife",
    BruteFought: "knife",
    TailCut: "knife",
    BruteAttacked: "swipe",
    ev.UnitHurt: "hit",
    Grappled: "hit",
    ev.UnitKilled: "death",
    SalvoFired: "launch",
    LightsOut: "power_down",
    ObjectDestroyed: "wreck",
    ev.AlarmRaised: "alarm",
    Roared: "roar",
    BruteCharged: "slam",
    BruteSlammed: "slam",
    RiderThrown: "slam",
    UnitKnockedAside: "slam",
}
BURST_KINDS = {"emp": "emp", "smoke": "smoke"}  # any other burst is an explosion


def shot_kind(weapon: str, table: SoundTable, catalog: Catalog | None = None) -> str:
    """The shot sound of weapon id `weapon`: the table's [weapon] entry, else by its rules
    (a sniper's superheat crack, a silenced whisper, a Gatling's roar, a plain rifle)."""
    if weapon in table.weapons:
        return table.weapons[weapon]
    wtype = catalog.weapons.get(weapon) if catalog is not None else None
    if wtype is None:
        return "shot_rifle"
    if wtype.kind == "sniper":
        return "shot_superheat"
    if wtype.silenced:
        return "shot_silenced"
    return "shot_heavy" if wtype.kind == "gatling" else "shot_rifle"


def sound_for(
    event: ev.Event, listener: Listener, table: SoundTable, catalog: Catalog | None = None
) -> str | None:
    """The kind of sound `event` makes for `listener`, or None (it makes none)."""
    fixed = FIXED_KINDS.get(type(event))
    if fixed is not None:
        return fixed
    if isinstance(event, ev.ShotFired | ObjectShot):
        return shot_kind(event.weapon, table, catalog)
    if isinstance(event, Burst):
        return BURST_KINDS.get(event.kind, "explosion")
    if isinstance(event, RoundLaunched):
        return None if event.thrown else "launch"  # a thrown grenade is heard when it bursts
    if isinstance(event, ev.NoiseHeard):
        if event.side != listener.side:
            return None
        return "heard_loud" if event.loud else "heard_quiet"
    if isinstance(event, ev.UnitSpotted):
        return "spotted" if event.side == listener.side else None
    if isinstance(event, ev.UnitMoved):
        return "footstep" if event.unit in listener.own_units and event.path else None
    if isinstance(event, ev.Reloaded):
        return "reload" if event.unit in listener.own_units else None
    return None


def pick_sounds(
    events: Iterable[ev.Event],
    listener: Listener,
    table: SoundTable,
    catalog: Catalog | None = None,
) -> list[str]:
    """The kinds to play for one batch of witnessed events, in event order: each kind once,
    only audible ones, and no more than the table's `max_per_batch` (highest priority
    first), so a burst of fire or a catch-up turn is a few sounds, not a din."""
    kinds: list[str] = []
    for event in events:
        kind = sound_for(event, listener, table, catalog)
        if kind is not None and kind not in kinds and table.audible(kind):
            kinds.append(kind)
    ranked = sorted(range(len(kinds)), key=lambda i: (-table.sounds[kinds[i]].priority, i))
    return [kinds[i] for i in sorted(ranked[: table.max_per_batch])]


# --- playing ----------------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Point the process's stderr (file descriptor 2) at nowhere for a moment: ALSA prints
    its complaints there on a machine without a sound card, and pygame raises anyway."""
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield  # no descriptor 2 to hide (a windowed Windows build)
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def open_mixer() -> bool:
    """Open `pygame.mixer` if there is somewhere to play to; False (quietly) if not."""
    if os.environ.get("SDL_AUDIODRIVER", "").strip().lower() in SILENT_DRIVERS:
        return False
    try:
        if pygame.mixer.get_init():
            return True
        with _quiet_stderr():
            pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
        return bool(pygame.mixer.get_init())
    except (pygame.error, NotImplementedError, OSError, AttributeError) as exc:
        log.info("no sound: %s", exc)
        return False


class SoundPlayer:
    """Plays the table's sounds at the settings' volume, and silently nothing without audio.

    `settings` is a Settings-like object, or a function returning the current one (the
    app's settings are replaced by "restore defaults"); its `effective_volume` (0 when
    muted) scales every sound and is read at each one.
    """

    def __init__(self, settings: Any = None, table: SoundTable | None = None) -> None:
        self._settings: Callable[[], Any] = settings if callable(settings) else lambda: settings
        self.table = table if table is not None else load_table()
        self._open: bool | None = None  # None: not tried yet
        self._opened_here = False
        self._loaded: dict[str, Any] = {}  # file -> pygame.mixer.Sound, or None if unloadable

    def volume(self) -> float:
        """The settings' effective volume, 0-1 (0 when muted)."""
        settings = self._settings()
        effective = getattr(settings, "effective_volume", None)
        if callable(effective):
            effective = effective()
        if effective is None:
            muted = bool(getattr(settings, "mute", False))
            effective = 0.0 if muted else getattr(settings, "volume", Settings.volume)
        try:
            return min(1.0, max(0.0, float(effective)))
        except (TypeError, ValueError):
            return 0.0

    def ready(self) -> bool:
        """Whether sounds can be played; the first call opens the mixer."""
        if self._open is None:
            already = _mixer_open()
            self._open = open_mixer()
            self._opened_here = self._open and not already
        return self._open

    def play(self, kind: str) -> bool:
        """Start the sound of `kind` (a sounds.toml kind); whether it started."""
        spec = self.table.sounds.get(kind)
        level = spec.volume * self.volume() if spec is not None else 0.0
        if spec is None or level <= 0 or not self.ready():
            return False
        return self._emit(spec, level)

    def play_events(self, events: Iterable[ev.Event], state: GameState, side: str) -> list[str]:
        """Play what `side` witnessed in `events` (see `pick_sounds`); the kinds started."""
        if self.volume() <= 0:
            return []
        kinds = pick_sounds(events, Listener.of(state, side), self.table, state.catalog)
        return [kind for kind in kinds if self.play(kind)]

    def apply_settings(self) -> None:
        """The settings changed: muting (or volume 0) silences what is playing now."""
        if self.volume() <= 0 and self._open:
            with contextlib.suppress(pygame.error):
                pygame.mixer.stop()

    def close(self) -> None:
        """Close the mixer if this player opened it."""
        if self._opened_here:
            with contextlib.suppress(pygame.error):
                pygame.mixer.quit()
        self._open, self._opened_here = None, False
        self._loaded.clear()

    # --- the mixer itself (a test's spy replaces `_emit`) -------------------------------------
    def _sound(self, file: str) -> Any:
        if file not in self._loaded:
            try:
                self._loaded[file] = pygame.mixer.Sound(str(self.table.directory / file))
            except (pygame.error, OSError) as exc:
                log.warning("sound %s not loaded: %s", file, exc)
                self._loaded[file] = None
        return self._loaded[file]

    def _emit(self, spec: SoundSpec, level: float) -> bool:
        sound = self._sound(spec.file)
        if sound is None:
            return False
        try:
            channel = pygame.mixer.find_channel(True)  # the oldest gives way if all are busy
            if channel is None:
                return False
            channel.set_volume(level)
            channel.play(sound)
            channel.set_volume(level)
        except pygame.error as exc:
            log.info("sound %s not played: %s", spec.file, exc)
            return False
        return True


def _mixer_open() -> bool:
    try:
        return bool(pygame.mixer.get_init())
    except (pygame.error, NotImplementedError, AttributeError):
        return False
