"""What one side knows this frame, read from the state without changing it.

The renderer (and the animator) must never see more than the side does: the tiles
it sees now, the tiles it has ever seen, the enemies it has spotted (some only on
infrared), its ghosts and what it heard. `side=None` is the all-seeing view of a
replay. Sight comes from the state's own cached `sight.Vision`; a state that was
never refreshed (a freshly built one) is looked at through a refreshed clone, so
drawing never touches the game's own caches of sight and knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core import light, sight
from ..core.knowledge import Knowledge
from ..core.state import GameState
from ..core.units import Unit


@dataclass
class SideView:
    side: str | None
    lit: np.ndarray  # bool [y, x]: in light now
    ambient_lit: bool  # daylight: everything is lit
    night_dark: bool  # night (or dusk): unlit tiles are dark
    visible: np.ndarray | None  # bool [y, x]: seen now (None: everything)
    explored: np.ndarray | None  # bool [y, x]: ever seen (None: everything)
    seen_counts: np.ndarray | None  # the side's viewers per tile (sight.Vision.seen)
    infrared_counts: np.ndarray | None
    knowledge: Knowledge | None
    state: GameState  # the state these arrays describe (a clone for unrefreshed states)

    def sees_tile(self, pos: tuple[int, int]) -> bool:
        if self.visible is None:
            return True
        x, y = pos
        h, w = self.visible.shape
        return 0 <= x < w and 0 <= y < h and bool(self.visible[y, x])

    def knows_tile(self, pos: tuple[int, int]) -> bool:
        if self.explored is None:
            return True
        x, y = pos
        h, w = self.explored.shape
        return 0 <= x < w and 0 <= y < h and bool(self.explored[y, x])

    def is_friend(self, unit: Unit) -> bool:
        return self.side is None or not self.state.are_enemies(self.side, unit.side)

    def knows_unit(self, unit: Unit) -> bool:
        """Whether the side may draw `unit` where it is now: its own and friends', and
        enemies it has spotted."""
        if not unit.on_map:
            return False
        if self.side is None or not self.state.are_enemies(self.side, unit.side):
            return True
        return self.knowledge is not None and unit.id in self.knowledge.spotted

    def infrared_only(self, unit: Unit, size: int) -> bool:
        """A spotted enemy that no eye of the side sees, only an infrared HUD."""
        if self.seen_counts is None or self.is_friend(unit):
            return False
        seen = self.seen_counts
        return not any(seen[y, x] > 0 for x, y in unit.footprint(size))


def fresh_vision(state: GameState):
    """The state's cached Vision if it is up to date with terrain and light, else None."""
    vision = state.cache.get("vision")
    key = (state.grid.version, state.light_version, state.ambient)
    if vision is None or vision.key != key:
        return None
    return vision


def side_view(state: GameState, side: str | None, clone_cache: dict | None = None) -> SideView:
    """What `side` knows (everything if None). `clone_cache` keeps the refreshed clone of
    an unrefreshed state between frames."""
    source = state
    vision = fresh_vision(state) if side is not None else None
    if side is not None and vision is None:
        source = _refreshed_clone(state, clone_cache)
        vision = fresh_vision(source)
    lit = light.lit_mask(source)
    ambient_lit = light.ambient_lit(source)
    night = not ambient_lit
    if side is None:
        return SideView(None, lit, ambient_lit, night, None, None, None, None, None, source)
    know = source.knowledge[side]
    seen = vision.seen[side] if vision is not None else None
    infrared = vision.infrared[side] if vision is not None else None
    visible = seen > 0 if seen is not None else np.zeros_like(know.explored)
    return SideView(
        side, lit, ambient_lit, night, visible, know.explored, seen, infrared, know, source
    )


def _refreshed_clone(state: GameState, cache: dict | None) -> GameState:
    key = (
        id(state),
        state.grid.version,
        state.light_version,
        state.cache.get("units_version", 0),
        state.turn,
        state.active,
    )
    if cache is not None and cache.get("key") == key:
        return cache["state"]
    clone = state.clone()
    sight.refresh(clone)
    if cache is not None:
        cache.clear()
        cache.update(key=key, state=clone)
    return clone
