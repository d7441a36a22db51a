"""Events played back as animations, showing only what a side saw or heard.

`Animator.play(events, state, side)` turns the events of one or more actions into a
queue of steps. A step is a few effects played together (a move; a burst with its
tracers, muzzle flashes and the blood it drew; an explosion; the EMP wave and the
lights going out...). What the side did not see is left out; what it only heard
becomes a sound marker where it heard it. `update(dt)` advances time, `draw()` draws
the current effects over the board, `skip()` ends everything at once, and `busy`
says whether anything is still queued.

The state given to `play` is the state *after* the events; where a unit started a
move comes from the renderer's record of where it last drew it. The animator never
changes the state: while it walks a unit along its path it asks the board to hide
the unit (`BoardRenderer.hidden`) and draws it itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from ..core.grid import DIRECTIONS, facing_towards
from ..core.state import GameState
from . import palette as pal
from .board import BoardRenderer
from .camera import Camera
from .sideview import SideView, side_view

Pos = tuple[int, int]
STEP_TIME = 0.11  # seconds per tile walked
SHOT_TIME = 0.32
BLAST_TIME = 0.7
LINGER = 2.5  # blood and scorch marks stay this long after their step


@dataclass
class Effect:
    """One thing drawn for `duration` seconds from `start` (relative to its step)."""

    start: float
    duration: float
    paint: Callable[[pygame.Surface, pygame.Rect, Camera, float], None]  # (.., t in 0..1)
    hides: tuple[str, ...] = ()  # units the board must not draw while this runs
    linger: bool = False  # keeps drawing after its step (blood), without keeping busy

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass
class Step:
    effects: list[Effect] = field(default_factory=list)
    impact: float = 0.0  # when hits land (hurt and killed effects start here)
    # (time, event): when each event's own animation begins, for its sound (`on_cue`)
    cues: list[tuple[float, object]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return max((e.end for e in self.effects if not e.linger), default=0.0)


class Animator:
    def __init__(self, renderer: BoardRenderer, speed: float = 1.0) -> None:
        self.renderer = renderer
        self.speed = speed
        self.steps: list[Step] = []
        self.clock = 0.0  # time into the current step
        self.lingering: list[tuple[float, Effect]] = []  # (time left, effect)
        self.positions: dict[str, Pos] = {}  # where units stood after the last events played
        self._positions_key: tuple | None = None
        # called with the events whose animation starts in a frame (sounds keep in time
        # with the pictures); events skipped past are never cued
        self.on_cue: Callable[[list], None] | None = None
        self._cued = 0  # how many of the current step's cues have been given

    # --- the public API --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether pictures are still to play (a step of sound cues alone is not)."""
        return any(step.effects for step in self.steps)

    def play(self, events: list, state: GameState, side: str | None) -> None:
        """Queue animations for the events `side` saw or heard (None: all of them)."""
        view = side_view(state, side)
        known = self._start_positions(state)
        builder = _Builder(self, state, view, known)
        queued = len(self.steps)
        for event in events:
            builder.add(event)
        builder.finish()
        for step in self.steps[queued:]:  # the new steps' cues, in time order
            step.cues.sort(key=lambda cue: cue[0])
        self.positions = {u.id: (u.x, u.y) for u in state.units.values() if u.on_map}
        self._positions_key = (id(state), state.cache.get("units_version", 0))
        self._apply_hidden()

    def update(self, dt: float) -> None:
        dt *= self.speed
        self.renderer.time += dt
        self.lingering = [(left - dt, e) for left, e in self.lingering if left - dt > 0]
        cued: list = []
        self._cue(cued)  # what starts the step now at its beginning
        while self.steps and dt > 0:
            step = self.steps[0]
            remaining = step.duration - self.clock
            if dt < remaining:
                self.clock += dt
                dt = 0
                self._cue(cued)
            else:
                dt -= max(0.0, remaining)
                self.clock = step.duration
                self._cue(cued, every=True)
                self._finish_step()
                self._cue(cued)
        self._apply_hidden()
        if cued and self.on_cue is not None:
            self.on_cue(cued)

    def _cue(self, out: list, every: bool = False) -> None:
        """Collect the current step's cues that are due (all of them, with `every`)."""
        if not self.steps:
            return
        cues = self.steps[0].cues
        while self._cued < len(cues) and (every or cues[self._cued][0] <= self.clock):
            out.append(cues[self._cued][1])
            self._cued += 1

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, camera: Camera) -> None:
        rect = pygame.Rect(rect)
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        for left, effect in self.lingering:
            fade = min(1.0, left / 0.6)
            effect.paint(surface, rect, camera, 1.0 if fade >= 1 else 1.0 + (1 - fade))
        if self.steps:
            step = self.steps[0]
            for effect in step.effects:
                if effect.start <= self.clock < effect.end or (
                    effect.linger and self.clock >= effect.start
                ):
                    t = (self.clock - effect.start) / effect.duration if effect.duration else 1.0
                    effect.paint(surface, rect, camera, min(1.0, max(0.0, t)))
        surface.set_clip(clip)

    def skip(self) -> None:
        """End every queued animation now (the skip key); their sounds are not played."""
        self.steps.clear()
        self.clock = 0.0
        self._cued = 0
        self.lingering.clear()
        self._apply_hidden()

    def _start_positions(self, state: GameState) -> dict[str, Pos]:
        """Where units stood before these events: the board's last drawing from before
        them, unless this animator has played later events on the same state since."""
        renderer = self.renderer
        now = (id(state), state.cache.get("units_version", 0))
        drawn_key = renderer._positions_key
        drawn = renderer.previous_positions if drawn_key == now else renderer.positions
        mine = self._positions_key
        later = mine is not None and drawn_key is not None and mine[0] == drawn_key[0]
        if later and mine[1] >= drawn_key[1] and mine != now:
            return dict(self.positions)
        return dict(drawn)

    # --- internals -------------------------------------------------------------------------------
    def _finish_step(self) -> None:
        step = self.steps.pop(0)
        self.clock = 0.0
        self._cued = 0
        for effect in step.effects:
            if effect.linger:
                self.lingering.append((LINGER, effect))

    def _apply_hidden(self) -> None:
        hidden: set[str] = set()
        if self.steps:
            step = self.steps[0]
            for effect in step.effects:
                if effect.hides and self.clock < effect.end:
                    hidden.update(effect.hides)
            for later in self.steps[1:]:  # a unit that moves later waits where it stood
                for effect in later.effects:
                    hidden.update(effect.hides)
        self.renderer.hidden = hidden


class _Builder:
    """Turns events into steps, deciding what the side saw."""

    def __init__(
        self, animator: Animator, state: GameState, view: SideView, known: dict[str, Pos]
    ) -> None:
        self.animator = animator
        self.renderer = animator.renderer
        self.sprites = animator.renderer.sprites
        self.state = state
        self.view = view
        self.known = known
        self.step: Step | None = None
        self.launch: Step | None = None  # the step of rounds in flight: their bursts join it
        self.expected = 0  # how many bursts the rounds in flight will make
        self.shown_heard: set[Pos] = set()

    # what the side perceives
    def sees(self, pos: Pos) -> bool:
        return self.view.sees_tile(pos)

    def mine(self, unit_id: str) -> bool:
        unit = self.state.units.get(unit_id)
        return unit is not None and self.view.is_friend(unit)

    def unit_pos(self, unit_id: str) -> Pos | None:
        unit = self.state.units.get(unit_id)
        if unit is None:
            return None
        if unit_id in self.known:
            return self.known[unit_id]
        return (unit.x, unit.y)

    def sees_unit(self, unit_id: str) -> bool:
        pos = self.unit_pos(unit_id)
        return pos is not None and (self.mine(unit_id) or self.sees(pos))

    def size(self, unit_id: str) -> int:
        unit = self.state.units.get(unit_id)
        return self.state.catalog.units[unit.type_id].size if unit is not None else 1

    def centre(self, unit_id: str) -> tuple[float, float] | None:
        pos = self.unit_pos(unit_id)
        if pos is None:
            return None
        half = (self.size(unit_id) - 1) / 2
        return (pos[0] + half, pos[1] + half)

    # steps
    def new_step(self) -> Step:
        self.finish()
        self.step = Step()
        self.launch = None
        return self.step

    def current(self) -> Step:
        return self.step if self.step is not None else self.new_step()

    def finish(self) -> None:
        if self.step is not None and (self.step.effects or self.step.cues):
            self.animator.steps.append(self.step)
        self.step = None

    def add(self, event) -> None:
        """Animate `event` (if the side sees something of it) and cue it where its own
        pictures begin, or after what is queued so far when it has none."""
        recent = [self.step, self.launch, *self.animator.steps[-2:]]
        before = {id(s): len(s.effects) for s in recent if s is not None}
        handler = getattr(self, "on_" + type(event).__name__, None)
        if handler is not None:
            handler(event)
        for step in (*self.animator.steps[-3:], self.launch, self.step):
            if step is None:
                continue
            added = step.effects[before.get(id(step), 0) :]
            if added:
                step.cues.append((min(e.start for e in added), event))
                return
        step = self.current()
        step.cues.append((step.duration, event))

    # --- moves -----------------------------------------------------------------------------------
    def _walk(self, unit_id: str, path: list[Pos], step_time: float, dust: bool = False) -> None:
        unit = self.state.units.get(unit_id)
        if unit is None or not path:
            return
        start = self.known.get(unit_id, path[0])
        tiles = [start] + [tuple(p) for p in path]
        seen = [self.mine(unit_id) or self.sees(p) for p in tiles]
        self.known[unit_id] = tiles[-1]
        if not any(seen[1:]) and not seen[0]:
            return
        step = self.new_step()
        duration = step_time * (len(tiles) - 1)
        size = self.size(unit_id)
        style = self.renderer.style_of(self.state, unit.side)
        type_id = unit.type_id
        sprites = self.sprites

        def paint(surface, rect, camera, t):
            k = t * (len(tiles) - 1)
            i = min(len(tiles) - 2, int(k))
            f = k - i
            a, b = tiles[i], tiles[i + 1]
            if not (seen[i] or seen[i + 1]):
                return
            facing = facing_towards(a, b)
            x, y = a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
            tp = camera.tile_px
            ox, oy = camera.origin()
            sprite = sprites.unit(type_id, facing, tp, style)
            if not (seen[i] and seen[i + 1]):  # stepping into or out of sight: fade
                sprite = sprite.copy()
                sprite.set_alpha(round(255 * (f if seen[i + 1] else 1 - f)))
            surface.blit(sprite, (rect.x + round(x * tp) - ox, rect.y + round(y * tp) - oy))
            if dust:
                puff = sprites.effect("smoke", tp * size, i)
                puff = puff.copy()
                puff.set_alpha(120)
                surface.blit(puff, (rect.x + round(a[0] * tp) - ox, rect.y + round(a[1] * tp) - oy))

        step.effects.append(Effect(0.0, max(duration, 0.05), paint, hides=(unit_id,)))

    def on_UnitMoved(self, e) -> None:
        self._walk(e.unit, [tuple(p) for p in e.path], STEP_TIME)

    def on_BruteCharged(self, e) -> None:
        self._walk(e.unit, [tuple(p) for p in e.path], STEP_TIME * 0.45, dust=True)

    def on_UnitKnockedAside(self, e) -> None:
        self._walk(e.unit, [(e.x, e.y)], STEP_TIME * 1.5)

    def on_RiderThrown(self, e) -> None:
        self._walk(e.rider, [(e.x, e.y)], STEP_TIME * 2)

    def on_UnitDismounted(self, e) -> None:
        self._walk(e.unit, [(e.x, e.y)], STEP_TIME)

    def on_UnitUnloaded(self, e) -> None:
        self.known[e.unit] = (e.x, e.y)
        if self.mine(e.unit) or self.sees((e.x, e.y)):
            self._pop((e.x, e.y), None, "cargo", new=True)

    def on_UnitArrived(self, e) -> None:
        self.known[e.unit] = (e.x, e.y)
        if self.mine(e.unit) or self.sees((e.x, e.y)):
            self._pop((e.x, e.y), None, "alert", new=True)

    # --- fire ------------------------------------------------------------------------------------
    def _tracers(
        self,
        src: tuple[float, float],
        dst: tuple[float, float],
        rounds: int,
        hits: tuple,
        colour,
        muzzle=True,
    ):
        step = self.new_step()
        count = max(1, min(rounds, 6))
        gap = 0.06
        sprites = self.sprites

        def bullet(k: int, hit: bool):
            wobble = ((k * 37) % 7 - 3) * 0.05 if not hit else 0.0

            def paint(surface, rect, camera, t):
                tp = camera.tile_px
                sx, sy = _px(camera, rect, src)
                dx, dy = _px(camera, rect, (dst[0] + wobble, dst[1] - wobble))
                head = min(1.0, t * 1.4)
                tail = max(0.0, head - 0.35)
                a = (sx + (dx - sx) * tail, sy + (dy - sy) * tail)
                b = (sx + (dx - sx) * head, sy + (dy - sy) * head)
                pygame.draw.line(surface, colour, a, b, max(1, tp // 14))
                if muzzle and t < 0.35:
                    flash = sprites.effect("muzzle", tp)
                    angle = -math.degrees(math.atan2(dx - sx, -(dy - sy)))
                    flash = pygame.transform.rotate(flash, angle)
                    surface.blit(
                        flash, flash.get_rect(center=(sx, sy)), special_flags=pygame.BLEND_RGB_ADD
                    )
                if t > 0.75:
                    spark = sprites.effect("spark", tp // 2)
                    surface.blit(
                        spark,
                        spark.get_rect(center=(round(dx), round(dy))),
                        special_flags=pygame.BLEND_RGB_ADD,
                    )

            return paint

        for k in range(count):
            hit = bool(hits[k]) if k < len(hits) else False
            step.effects.append(Effect(k * gap, SHOT_TIME, bullet(k, hit)))
        step.impact = (count - 1) * gap + SHOT_TIME * 0.8
        return step

    def on_ShotFired(self, e) -> None:
        seen = self.sees_unit(e.unit) or self.sees_unit(e.target)
        if not seen:
            return
        src, dst = self.centre(e.unit), self.centre(e.target)
        if src is None or dst is None:
            return
        weapon = self.state.catalog.weapons.get(e.weapon)
        rounds = (
            len(e.hits) if e.hits else (weapon.modes[0].rounds if weapon and weapon.modes else 1)
        )
        shooter = self.state.units.get(e.unit)
        colour = (
            pal.CAL_TRACER
            if shooter is not None and self.state.utype(shooter).faction == "calendrea"
            else pal.TRACER
        )
        if weapon is not None and weapon.kind in ("knife", "claws", "tail"):
            self._slash(dst)
            return
        self._tracers(
            src, dst, rounds, tuple(e.hits), colour, muzzle=not (weapon and weapon.silenced)
        )

    def on_ObjectShot(self, e) -> None:
        obj = self.state.objects.get(e.object)
        src = self.centre(e.unit)
        if obj is None or src is None or not (self.sees_unit(e.unit) or self.sees(obj.pos)):
            return
        weapon = self.state.catalog.weapons.get(e.weapon)
        self._tracers(
            src,
            obj.pos,
            max(1, len(e.hits)),
            tuple(e.hits),
            pal.TRACER,
            muzzle=not (weapon and weapon.silenced),
        )

    def _slash(self, at: tuple[float, float]) -> None:
        step = self.new_step()

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, at)
            r = tp * 0.55
            a0 = -2.2 + 2.6 * t
            pts = [
                (cx + r * math.cos(a0 + k * 0.12), cy + r * math.sin(a0 + k * 0.12))
                for k in range(8)
            ]
            pygame.draw.lines(surface, (250, 250, 255), False, pts, max(2, tp // 10))

        step.effects.append(Effect(0.0, 0.25, paint))
        step.impact = 0.2

    def on_Stabbed(self, e) -> None:
        if not (self.sees_unit(e.unit) or self.sees_unit(e.target)):
            return
        at = self.centre(e.target)
        if at is not None:
            self._slash(at)

    def on_BruteAttacked(self, e) -> None:
        if not (self.sees_unit(e.unit) or self.sees_unit(e.target)):
            return
        at = self.centre(e.target)
        if at is not None:
            self._slash(at)

    def on_BruteFought(self, e) -> None:
        self.on_Stabbed(e)

    def on_TailCut(self, e) -> None:
        if self.sees_unit(e.unit):
            at = self.centre(e.unit)
            if at is not None:
                self._slash(at)

    def on_Grappled(self, e) -> None:
        if self.sees_unit(e.unit) or self.sees_unit(e.target):
            at = self.centre(e.target)
            if at is not None:
                self._slash(at)
                self._slash(at)

    def on_BruteSlammed(self, e) -> None:
        if self.sees((e.x, e.y)) or self.sees_unit(e.unit):
            step = self.new_step()
            step.effects.append(Effect(0.0, 0.4, self._scorch((e.x, e.y), 0)))
            step.impact = 0.15

    # --- hurt and killed -------------------------------------------------------------------------
    def _attached(self) -> Step:
        """The step a consequence (a wound, a death) belongs to: the current one, or a new
        short one if nothing is playing."""
        return self.step if self.step is not None else self.new_step()

    def on_UnitHurt(self, e) -> None:
        if not self.sees_unit(e.unit):
            return
        at = self.centre(e.unit)
        if at is None:
            return
        step = self._attached()
        colour = self._blood(e.unit)
        sprites = self.sprites
        amount = e.amount
        renderer = self.renderer

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, at)
            splash = sprites.effect(colour, round(tp * (0.5 + 0.5 * t)), e.amount)
            splash = splash.copy()
            splash.set_alpha(round(255 * (1 - t * 0.6)))
            surface.blit(splash, splash.get_rect(center=(cx, cy)))
            label = renderer.text(f"-{amount}", max(12, tp // 2), (255, 90, 70), shadow=True)
            surface.blit(label, label.get_rect(center=(cx, cy - tp * (0.4 + 0.5 * t))))

        step.effects.append(Effect(step.impact, 0.6, paint))

    def _blood(self, unit_id: str) -> str:
        unit = self.state.units.get(unit_id)
        if unit is None:
            return "blood_red"
        utype = self.state.utype(unit)
        if utype.species == "mech":
            return "oil"
        return pal.BLOOD.get(utype.blood, "blood_red")

    def on_UnitKilled(self, e) -> None:
        pos = (e.x, e.y)
        if not (self.mine(e.unit) or self.sees(pos)):
            return
        step = self._attached()
        colour = self._blood(e.unit)
        unit = self.state.units.get(e.unit)
        size = self.state.catalog.units[unit.type_id].size if unit is not None else 1
        at = (e.x + (size - 1) / 2, e.y + (size - 1) / 2)
        sprites = self.sprites
        style = self.renderer.style_of(self.state, unit.side) if unit is not None else None
        type_id = unit.type_id if unit is not None else ""
        facing = unit.facing if unit is not None else 0

        def fall(surface, rect, camera, t):
            tp = camera.tile_px
            if style is not None:
                sprite = sprites.unit(type_id, facing, tp, style).copy()
                sprite.set_alpha(round(255 * (1 - t)))
                x, y = _px(camera, rect, at)
                surface.blit(sprite, sprite.get_rect(center=(x, y)))

        def pool(surface, rect, camera, t):
            tp = camera.tile_px
            x, y = _px(camera, rect, at)
            splash = sprites.effect(colour, round(tp * size * min(1.0, 0.6 + t)), len(e.unit))
            if t > 1:  # fading away after its step
                splash = splash.copy()
                splash.set_alpha(round(255 * max(0.0, 2 - t)))
            surface.blit(splash, splash.get_rect(center=(x, y)))

        step.effects.append(Effect(step.impact, 0.5, pool, linger=True))
        step.effects.append(Effect(step.impact, 0.5, fall))

    def on_UnitDisabled(self, e) -> None:
        if self.sees_unit(e.unit):
            pos = self.unit_pos(e.unit)
            if pos is not None:
                self._pop(pos, None, "emp")

    def on_UnitAlerted(self, e) -> None:
        if self.sees_unit(e.unit):
            pos = self.unit_pos(e.unit)
            if pos is not None:
                self._pop(pos, None, "alert" if e.level == "alert" else "suspicious")

    def on_UnitSpotted(self, e) -> None:
        if self.view.side is not None and e.side == self.view.side:
            self._pop((e.x, e.y), None, "alert")

    def _pop(self, pos: Pos, step: Step | None, icon: str, new: bool = False) -> None:
        step = step or (self.new_step() if new else self._attached())
        sprites = self.sprites

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, pos)
            img = sprites.status(icon, tp * 2)
            if t > 0.7:
                img = img.copy()
                img.set_alpha(round(255 * (1 - t) / 0.3))
            surface.blit(img, img.get_rect(center=(cx, cy - tp * (0.5 + 0.4 * t))))

        step.effects.append(Effect(step.impact, 0.7, paint))

    # --- sound -----------------------------------------------------------------------------------
    def on_NoiseHeard(self, e) -> None:
        if self.view.side is None or e.side != self.view.side:
            return
        pos = (e.x, e.y)
        if self.sees(pos) or pos in self.shown_heard:
            return
        self.shown_heard.add(pos)
        self._sound(pos, e.loud)

    def _sound(self, pos: Pos, loud: bool) -> None:
        step = self.new_step()
        sprites = self.sprites
        colour = pal.NOISE

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, pos)
            for k in range(3):
                phase = (t * 1.5 - k * 0.25) % 1.0
                r = round(tp * (0.4 + phase * (2.5 if loud else 1.4)))
                width = max(1, round(tp / 10 * (1 - phase)))
                pygame.draw.circle(surface, colour, (cx, cy), r, width)
            icon = sprites.status("heard", tp * 2)
            surface.blit(icon, icon.get_rect(center=(cx, cy)))

        step.effects.append(Effect(0.0, 0.9, paint))

    # --- explosives ------------------------------------------------------------------------------
    def on_RoundLaunched(self, e) -> None:
        src = self.centre(e.unit)
        land = (e.landed_x, e.landed_y)
        if src is None or not (self.sees_unit(e.unit) or self.sees(land)):
            return
        step = self.new_step()
        sprites = self.sprites
        flight = 0.2 + 0.04 * math.dist(src, land)
        colour = {"emp": pal.EMP, "smoke": (220, 220, 220), "frag": (90, 110, 70)}.get(
            e.round, (255, 160, 80)
        )

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            sx, sy = _px(camera, rect, src)
            dx, dy = _px(camera, rect, land)
            x = sx + (dx - sx) * t
            y = sy + (dy - sy) * t - math.sin(math.pi * t) * tp * (1.0 + 0.1 * math.dist(src, land))
            shadow_y = sy + (dy - sy) * t
            pygame.draw.circle(surface, (0, 0, 0), (round(x), round(shadow_y)), max(2, tp // 10))
            pygame.draw.circle(surface, (20, 20, 24), (round(x), round(y)), max(3, tp // 7))
            pygame.draw.circle(surface, colour, (round(x), round(y)), max(2, tp // 9))
            if not e.thrown and t < 0.2:
                flash = sprites.effect("muzzle", tp)
                surface.blit(
                    flash, flash.get_rect(center=(sx, sy)), special_flags=pygame.BLEND_RGB_ADD
                )

        step.effects.append(Effect(0.0, flight, paint))
        step.impact = flight
        self.launch, self.expected = step, 1

    def on_SalvoFired(self, e) -> None:
        src = self.centre(e.unit)
        impacts = [tuple(p) for p in e.impacts]
        if src is None or not (self.sees_unit(e.unit) or any(self.sees(p) for p in impacts)):
            return
        step = self.new_step()
        for k, land in enumerate(impacts):
            delay = k * 0.09

            def paint(surface, rect, camera, t, land=land):
                tp = camera.tile_px
                sx, sy = _px(camera, rect, src)
                dx, dy = _px(camera, rect, land)
                x = sx + (dx - sx) * t
                y = sy + (dy - sy) * t - math.sin(math.pi * t) * tp * 2
                tail = (
                    sx + (dx - sx) * max(0, t - 0.15),
                    sy
                    + (dy - sy) * max(0, t - 0.15)
                    - math.sin(math.pi * max(0, t - 0.15)) * tp * 2,
                )
                pygame.draw.line(surface, (255, 200, 120), tail, (x, y), max(1, tp // 12))
                pygame.draw.circle(surface, (255, 240, 200), (round(x), round(y)), max(2, tp // 10))

            step.effects.append(Effect(delay, 0.45, paint))
        step.impact = 0.45
        self.launch, self.expected = step, len(impacts)

    def on_Burst(self, e) -> None:
        pos = (e.x, e.y)
        if not self.sees(pos) and not self._near_friend(pos, e.radius):
            return  # heard, not seen: NoiseHeard gives the sound marker
        if self.launch is not None and self.step is self.launch and self.expected > 0:
            step = self.launch
            self.expected -= 1
        else:
            step = self.new_step()
        start = step.impact
        if e.kind == "emp":
            step.effects.append(Effect(start, 0.8, self._emp_wave(pos, e.radius)))
        elif e.kind == "smoke":
            step.effects.append(Effect(start, 0.8, self._smoke_bloom(pos, e.radius)))
        else:
            step.effects.append(Effect(start, BLAST_TIME, self._explosion(pos, max(1, e.radius))))
            step.effects.append(
                Effect(start, 0.6, self._scorch(pos, max(1, e.radius)), linger=True)
            )
        step.impact = start + (0.2 if self.expected <= 0 else 0.06)

    def _near_friend(self, pos: Pos, radius: int) -> bool:
        if self.view.side is None:
            return True
        for unit in self.state.units.values():
            near = max(abs(unit.x - pos[0]), abs(unit.y - pos[1])) <= radius + 1
            if unit.on_map and unit.side == self.view.side and near:
                return True
        return False

    def _explosion(self, pos: Pos, radius: int):
        sprites = self.sprites
        frames = sprites.effect_frames("explosion")

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            size = round(tp * (2 * radius + 1) * 1.2)
            img = sprites.effect("explosion", size, min(frames - 1, int(t * frames)))
            cx, cy = _px(camera, rect, pos)
            surface.blit(img, img.get_rect(center=(cx, cy)))
            if t < 0.3:
                glow = sprites.effect("glow", size * 2)
                surface.blit(
                    glow, glow.get_rect(center=(cx, cy)), special_flags=pygame.BLEND_RGB_ADD
                )

        return paint

    def _scorch(self, pos: Pos, radius: int):
        sprites = self.sprites

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            size = round(tp * (2 * radius + 1) * 0.9)
            img = sprites.effect("debris", size, pos[0] + pos[1])
            if t > 1:
                img = img.copy()
                img.set_alpha(round(255 * max(0.0, 2 - t)))
            cx, cy = _px(camera, rect, pos)
            surface.blit(img, img.get_rect(center=(cx, cy)))

        return paint

    def _emp_wave(self, pos: Pos, radius: int):
        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, pos)
            r = max(2, round(tp * (radius + 0.5) * (0.2 + 0.8 * t)))
            width = max(1, round(tp / 6 * (1 - t)) + 1)
            pygame.draw.circle(surface, pal.EMP, (cx, cy), r, width)
            pygame.draw.circle(
                surface, (230, 245, 255), (cx, cy), max(1, r - width), max(1, width // 2)
            )
            for k in range(6):  # arcs of lightning on the ring
                a = k * math.pi / 3 + t * 4
                p0 = (cx + r * math.cos(a), cy + r * math.sin(a))
                p1 = (
                    cx + (r - tp * 0.3) * math.cos(a + 0.2),
                    cy + (r - tp * 0.3) * math.sin(a + 0.2),
                )
                pygame.draw.line(surface, (230, 245, 255), p0, p1, max(1, width // 2))

        return paint

    def _smoke_bloom(self, pos: Pos, radius: int):
        sprites = self.sprites

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            cx, cy = _px(camera, rect, pos)
            for k, (dx, dy) in enumerate(((0, 0), *DIRECTIONS)):
                if k and k > 1 + t * 8:
                    break
                d = radius * t
                size = round(tp * (1 + t))
                puff = sprites.effect("smoke", size, k)
                surface.blit(puff, puff.get_rect(center=(cx + dx * d * tp, cy + dy * d * tp)))

        return paint

    def on_LightsOut(self, e) -> None:
        lamps = [self.state.objects[o] for o in e.objects if o in self.state.objects]
        lamps = [o for o in lamps if self.view.knows_tile(o.pos)]
        if not lamps:
            return
        step = self.step if self.step is not None else self.new_step()
        start = step.impact
        sprites = self.sprites

        def paint(surface, rect, camera, t):
            tp = camera.tile_px
            flicker = (int(t * 12) % 2 == 0) and t < 0.7
            if not flicker:
                return
            glow = sprites.effect("glow", tp * 3)
            for lamp in lamps:
                cx, cy = _px(camera, rect, lamp.pos)
                surface.blit(
                    glow, glow.get_rect(center=(cx, cy)), special_flags=pygame.BLEND_RGB_ADD
                )

        step.effects.append(Effect(start, 0.9, paint))

    def on_LightsRestored(self, e) -> None:
        self.on_LightsOut(e)

    def on_TerrainBroken(self, e) -> None:
        pos = (e.x, e.y)
        if not self.sees(pos):
            return
        step = self._attached()
        step.effects.append(Effect(step.impact, 0.6, self._scorch(pos, 0), linger=True))

    def on_ObjectDestroyed(self, e) -> None:
        obj = self.state.objects.get(e.object)
        if obj is None or not self.view.knows_tile(obj.pos):
            return
        step = self._attached()
        step.effects.append(Effect(step.impact, BLAST_TIME, self._explosion(obj.pos, 0)))

    def on_ChargePlaced(self, e) -> None:
        if self.mine(e.unit) or self.sees((e.x, e.y)):
            self._pop((e.x, e.y), None, "alert", new=True)

    def on_AlarmRaised(self, e) -> None:
        step = self.new_step()

        def paint(surface, rect, camera, t):
            alpha = round(90 * math.sin(math.pi * t))
            edge = max(6, rect.width // 60)
            band = pygame.Surface((rect.width, edge), pygame.SRCALPHA)
            band.fill((255, 40, 30, alpha))
            surface.blit(band, rect.topleft)
            surface.blit(band, (rect.x, rect.bottom - edge))

        step.effects.append(Effect(0.0, 0.8, paint))


def _px(camera: Camera, rect: pygame.Rect, pos: tuple[float, float]) -> tuple[int, int]:
    """Screen pixel of the centre of (fractional) tile `pos`."""
    x, y = camera.centre_px(pos)
    return rect.x + x, rect.y + y
