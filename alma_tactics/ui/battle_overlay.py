"""What the battle screen's board highlights for the selection, the hover and the aim.

`OverlayMixin` works out the selected unit's reachable tiles (coloured by the AP
left), the path and cost to the hovered tile, the armed action aimed at the hover,
the tiles known enemies watch, the computer's telegraphed intent, and hands them to
the renderer's `Overlay` (`build_overlay`, once a frame; unchanged parts are cached).
`_call` adapts to the renderer's API as it grows.
"""

from __future__ import annotations

import inspect

from ..core import movement
from ..core.actions import Action, Move
from ..core.grid import Pos
from ..core.units import Unit
from . import battle_preview as preview


def _call(factory, **kwargs):
    """Call `factory` with the keyword arguments it accepts (the renderer's API may grow)."""
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return factory(**kwargs)
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return factory(**kwargs)
    return factory(**{k: v for k, v in kwargs.items() if k in params})


class OverlayMixin:
    """The board overlay of `BattleScreen` (methods only)."""

    def _reach(self):
        unit = self._selected_unit()
        if unit is None or not self.my_turn() or not unit.on_map or unit.mounted_on:
            return None
        return self._cached("reach", (unit.id,), lambda: movement.reachable(self.state, unit))

    def reachable_tiles(self) -> dict[Pos, int]:
        reach = self._reach()
        unit = self._selected_unit()
        if reach is None or unit is None:
            return {}

        def make() -> dict[Pos, int]:
            return {pos: unit.ap - cost for pos, cost in reach.tiles() if pos != unit.pos}

        return self._cached("reachable", (unit.id,), make)

    def _hover_move(self) -> tuple[list[Pos], int] | None:
        """The path to the hovered tile and its AP cost (the same list while unchanged)."""
        reach = self._reach()
        tile = self.hover
        if reach is None or tile is None or tile not in self.reachable_tiles():
            return None
        unit_id = self.selected

        def make():
            path = reach.path_to(tile)
            return (path, reach.cost_to(tile) or 0) if path else None

        return self._cached("hover_move", (unit_id, tile), make)

    def _hover_action(self) -> Action | None:
        """The armed entry's action aimed at the hovered tile (or its current target)."""
        entry = self.armed
        if entry is None or not self.my_turn():
            return None
        if entry.target == "unit":
            if self.hover is not None:
                action = entry.action_for(self.state, self.viewer, self.hover)
                if action is not None:
                    return action
            return entry.targets.get(self.target or "")
        if entry.target == "tile" and self.hover is not None:
            return entry.action_for(self.state, self.viewer, self.hover)
        return entry.actions[0] if entry.actions else None

    def watched(self) -> set[Pos]:
        return self._cached(
            "watched", (self.viewer,), lambda: preview.watched_tiles(self.state, self.viewer)
        )

    def intent_on(self) -> bool:
        shows = getattr(self.settings, "shows_intent", None)
        difficulties = [self.state.side(s).difficulty for s in self.players]
        if callable(shows):
            return any(shows(d) for d in difficulties)
        setting = getattr(self.settings, "telegraph_intent", "easy")
        if setting in (True, "on"):
            return True
        return setting == "easy" and "easy" in difficulties

    def build_overlay(self):
        """What the board highlights this frame. Unchanged parts are the same objects
        as last frame (the renderer caches on their identity)."""
        unit = self._selected_unit()
        reachable = self.reachable_tiles() if self.armed is None and unit is not None else None
        path, cost = None, None
        rings: list[tuple[Pos, int]] = []
        blast = None
        move = self._hover_move() if self.armed is None else None
        if move is not None and unit is not None:
            path, cost = move
            rings = preview.ring(preview.action_noises(self.state, Move(unit.id, tuple(path))))
        action = self._hover_action()
        target_object = None
        if action is not None:
            rings = preview.ring(preview.action_noises(self.state, action))
            b = preview.blast_of(self.state, action)
            if b is not None:
                blast = (b.tile, b.radius, b.scatter)
            target_object = getattr(action, "object", None)
        target = None
        aiming_at_tiles = self.armed is not None and self.armed.target == "tile"
        if self.target and self.target in self.state.knowledge[self.viewer].spotted:
            target = None if aiming_at_tiles else self.target
        watched = self.watched() if unit is not None else None
        labels = self._target_labels(unit)
        self.overlay = _call(
            self.api.Overlay,
            selected=unit.id if unit else None,
            reachable=reachable,
            path=path,
            path_cost=cost,
            hover=self.hover,
            target=target,
            noise_rings=rings,
            blast=blast,
            watched=watched,
            intent=self.intent_on(),
            target_object=target_object,
            labels=labels,
        )
        return self.overlay

    def _target_labels(self, unit: Unit | None) -> list[tuple[Pos, str]]:
        """With a shot armed, each target it may fire at shows its hit chance."""
        entry = self.armed
        if unit is None or entry is None or entry.group not in ("shoot", "eye"):
            return []

        def make() -> list[tuple[Pos, str]]:
            from ..core import combat

            out = []
            for target_id, action in sorted(entry.targets.items()):
                target = self.state.units.get(target_id)
                if target is None:
                    continue
                chance = combat.hit_chance(
                    self.state, unit, target, action.mode, action.weapon, action.aim
                )
                out.append((target.pos, f"{chance}%"))
            return out

        return self._cached("labels", (unit.id, entry.label), make)
