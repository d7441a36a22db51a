"""The battle screen's words about what the pointer and the armed action point at.

`TooltipsMixin` builds the text of the map tooltip (a hovered enemy's hit chances
with the modifier breakdown; a hovered tile's move cost, light, watchers, noise and
terrain), the armed action's preview box, the action bar buttons' tooltips and the
top bar's hint. The numbers come from `battle_preview`; the boxes are drawn by
`battle_panels`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.actions import Action, Move, Shoot
from ..core.grid import Pos
from ..core.units import Unit
from ..render import words
from . import battle_panels
from . import battle_preview as preview
from .battle_input import key_label
from .battle_panels import ACCENT, DANGER, DIM, GOOD, INK, WARN

if TYPE_CHECKING:
    import pygame

    from . import battle_bar


class TooltipsMixin:
    """The tooltip and preview text of `BattleScreen` (methods only)."""

    def _entry_tooltip(self, entry: battle_bar.Entry) -> str:
        lines = [entry.tooltip]
        if entry.ap is not None and entry.group != "move":
            lines.append(
                f"Cost: {entry.ap} AP"
                + (" (all that is left)" if entry.group == "overwatch" else "")
            )
        if entry.target == "none" and entry.actions:
            lines += self._noise_lines(entry.actions[0])
        key = f"Hotkey: {key_label(entry.key)}" if entry.key else ""
        if key:
            lines.append(
                key + (" (press again to fire at the target)" if entry.target == "unit" else "")
            )
        return "<br>".join(_escape(line) for line in lines)

    def _noise_lines(self, action: Action) -> list[str]:
        noises = preview.action_noises(self.state, action)
        if not noises:
            return ["Silent."]
        loudest = max(r for _, r in noises)
        heard = preview.hearers(self.state, self.viewer, noises)
        kind = "LOUD" if preview.loud(self.state, noises) else "Noise"
        reach = f"{kind} ({loudest} tile{'s' if loudest != 1 else ''})"
        if heard:
            names = ", ".join(preview.contact_label(self.state, c) for c in heard)
            return [f"{reach}: heard by {names}, and by anyone unseen in range."]
        return [f"{reach}: heard by no known enemy (anyone unseen in range would)."]

    def tooltip_lines(self) -> list[tuple[str, tuple]]:
        """The map tooltip for the hovered tile, as (line, colour); [] for none."""
        armed = self.armed.label if self.armed else None
        extra = (self.hover, armed, self.selected, self.target, self.viewer, self.curtain)
        return self._cached("tooltip", extra, self._tooltip_lines)

    def _tooltip_lines(self) -> list[tuple[str, tuple]]:
        tile = self.hover
        if tile is None or self.curtain is not None:
            return []
        state, side = self.state, self.viewer
        know = state.knowledge[side]
        if not state.grid.in_bounds(tile):
            return []
        me = self._selected_unit()
        if not know.explored[tile[1], tile[0]]:
            lines = [("Unexplored", DIM), ("Your side has not seen this ground.", DIM)]
            return lines + self._action_lines(tile, me, None)
        lines: list[tuple[str, tuple]] = []
        unit = preview.visible_unit_at(state, side, tile)
        if unit is not None and state.are_enemies(side, unit.side):
            lines += self._enemy_lines(unit, me)
        elif unit is not None:
            utype = state.utype(unit)
            lines.append((words.plain_name(state, unit.id), INK))
            lines.append((f"{utype.name}: HP {unit.hp}/{utype.hp}, AP {unit.ap}/{utype.ap}", DIM))
        else:
            ghost = preview.contact_at(state, side, tile)
            if ghost is not None and not ghost.seen:
                lines.append((preview.contact_label(state, ghost), WARN))
                lines.append(("Last known position; it may have moved.", DIM))
        lines += self._action_lines(tile, me, unit)
        lines += self._terrain_lines(tile, bool(lines))
        return lines

    def _enemy_lines(self, enemy: Unit, me: Unit | None) -> list[tuple[str, tuple]]:
        state = self.state
        etype = state.utype(enemy)
        out = [(words.plain_name(state, enemy.id), DANGER)]
        out.append((f"{etype.name}: HP {enemy.hp}/{etype.hp}, {enemy.alertness}", DIM))
        if self.intent_on() and enemy.patrol and enemy.alertness != "alert":
            nxt = _next_waypoint(enemy)
            if nxt is not None:
                out.append((f"Intent: patrols towards ({nxt[0]}, {nxt[1]})", WARN))
        if me is None:
            out.append(("Select one of your units to see your chances.", DIM))
            return out
        dist = max(abs(me.x - enemy.x), abs(me.y - enemy.y))
        out.append((f"{dist} tiles from {words.plain_name(state, me.id)}", DIM))
        options = preview.shot_options(state, me, enemy)
        armed = self.armed if self.armed and self.armed.group in ("shoot", "eye") else None
        focus = None
        for option in options:
            colour = INK if not option.why_not else DIM
            if armed is not None and any(
                a.weapon == option.weapon and a.mode == option.mode and a.aim == option.aim
                for a in armed.actions
            ):
                focus, colour = option, ACCENT
            out.append((preview.shot_line(option), colour))
        for line in preview.melee_lines(state, me, enemy):
            out.append((line, INK))
        if focus is None:
            focus = next((o for o in options if not o.why_not and o.aim == "body"), None)
            focus = focus or next(iter(options), None)
        if focus is not None:
            why = preview.modifiers_text(focus.modifiers)
            out.append((f"Why {focus.chance}% ({focus.label}): {why}", DIM))
            if self.armed is None:  # an armed action's own lines tell its noise
                shot = Shoot(me.id, enemy.id, focus.weapon, focus.mode, focus.aim)
                out += [(line, WARN) for line in self._noise_lines(shot)]
        return out

    def _action_lines(
        self, tile: Pos, me: Unit | None, unit: Unit | None
    ) -> list[tuple[str, tuple]]:
        if me is None or not self.my_turn():
            return []
        state = self.state
        out: list[tuple[str, tuple]] = []
        if self.armed is None:
            move = self._hover_move()
            if move is None:
                return []
            path, cost = move
            out.append((f"Move here: {cost} AP ({me.ap - cost} left)", ACCENT))
            exposure = preview.exposure(state, self.viewer, me, tile)
            for k, line in enumerate(exposure.lines(state)):
                danger = (k == 0 and exposure.lit and not exposure.daylight) or (
                    k == 1 and exposure.watchers
                )
                out.append((line, DANGER if danger else GOOD))
            out += [(line, WARN) for line in self._noise_lines(Move(me.id, tuple(path)))]
            return out
        entry = self.armed
        action = entry.action_for(state, self.viewer, tile)
        if action is None:
            if entry.target == "tile" or (unit is None and entry.target == "unit"):
                out.append((f"{entry.label}: not possible here", DIM))
            return out
        ap = preview.action_ap(state, action)
        out.append((f"{entry.label}: {ap} AP — click to commit", ACCENT))
        blast = preview.blast_of(state, action)
        if blast is not None:
            out.append((f"Blast radius {blast.radius}", INK))
            if blast.scatter_chance:
                tiles = f"{blast.scatter} tile{'s' if blast.scatter != 1 else ''}"
                out.append((f"Scatter: {blast.scatter_chance}% to land up to {tiles} off", WARN))
            hit = preview.in_blast(state, self.viewer, blast)
            if hit:
                out.append(("In the blast: " + ", ".join(hit), DANGER))
        out += [(line, WARN) for line in self._noise_lines(action)]
        return out

    def _terrain_lines(self, tile: Pos, more: bool) -> list[tuple[str, tuple]]:
        state = self.state
        kind = state.grid.terrain_at(tile)
        facts = []
        if kind.cover:
            facts.append(f"cover {kind.cover}%")
        if kind.elevation:
            facts.append("elevated")
        if kind.move_cost <= 0:
            facts.append("impassable")
        if state.grid.smoke[tile[1], tile[0]]:
            facts.append("smoke")
        obj = next((o for o in state.objects.values() if o.pos == tile), None)
        title = kind.name + (f" · {obj.kind} {obj.id}" if obj else "")
        text = f"{title} ({tile[0]}, {tile[1]})" + (": " + ", ".join(facts) if facts else "")
        return [(text, DIM if more else INK)]

    def _hint(self) -> tuple[str, tuple] | None:
        """The top bar's message: a fresh status, else how to use the armed action."""
        if self.status is not None:
            return self.status[0], self.status[1]
        entry = self.armed
        if entry is None:
            return None
        if entry.target == "unit":
            key = key_label(entry.key)
            return f"{entry.label}: click a target (T cycles) or press {key} again", ACCENT
        if entry.target == "tile":
            return f"{entry.label}: click a tile. Right-click cancels.", ACCENT
        return None

    def _draw_preview(self, surface, view: pygame.Rect) -> None:
        """The armed aimed-at-unit action against its current target, in a box above the bar."""
        self.preview_text = ""
        entry = self.armed
        me = self._selected_unit()
        if entry is None or entry.target != "unit" or me is None:
            return
        action = entry.targets.get(self.target or "")
        if action is None:
            return
        target = self.state.units.get(self.target or "")
        if target is None:
            return
        lines: list[tuple[str, tuple]] = [
            (f"{entry.label} at {words.plain_name(self.state, target.id)}", ACCENT)
        ]
        if type(action).__name__ == "Shoot":
            option = next(
                (
                    o
                    for o in preview.shot_options(self.state, me, target)
                    if o.weapon == action.weapon and o.mode == action.mode and o.aim == action.aim
                ),
                None,
            )
            if option is not None:
                lines.append((preview.shot_line(option), INK))
                lines.append(("Why: " + preview.modifiers_text(option.modifiers), DIM))
        else:
            ap = preview.action_ap(self.state, action)
            lines.append((f"{ap} AP", INK))
            lines += [(line, INK) for line in preview.melee_lines(self.state, me, target)]
        lines += [(line, WARN) for line in self._noise_lines(action)]
        key = key_label(entry.key)
        lines.append((f"Press {key} again or click the target to commit.", DIM))
        self.preview_text = "\n".join(line for line, _ in lines)
        battle_panels.draw_tooltip(
            surface, lines, (view.x - 14, view.bottom), view, self.fonts, self.px(440)
        )


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False).replace("\n", "<br>")


def _next_waypoint(unit: Unit) -> Pos | None:
    """Where a patrolling unit heads next (the renderer's reading, for the same arrows)."""
    points = [tuple(p) for p in unit.patrol]
    if not points:
        return None
    try:
        from ..render.board import next_waypoint
    except ImportError:
        pass
    else:
        return tuple(next_waypoint(unit.pos, points))
    if unit.pos in points:
        return points[(points.index(unit.pos) + 1) % len(points)]
    return min(points, key=lambda p: max(abs(p[0] - unit.x), abs(p[1] - unit.y)))
