"""Drawing a frame of the battle screen.

`DrawMixin.draw` paints the map (the renderer and the animator, clipped to the map's
rectangle), the top bar (turn, title, alarm, hint), the side panel (minimap with the
camera's view, unit panel, objectives, log), the bottom bar, the preview box, the map
tooltip, the turn banner and the shade under a modal; under the hot-seat curtain
only the curtain. The panels themselves are drawn by `battle_panels`.
"""

from __future__ import annotations

import pygame

from . import battle_panels
from .battle_panels import ACCENT, DANGER, DIM, GOOD, INK, WARN


class DrawMixin:
    """The drawing of `BattleScreen` (methods only)."""

    def draw(self, surface: pygame.Surface) -> None:
        r = self.layout(surface.get_size())
        surface.fill((7, 11, 16))
        if self.curtain is not None:
            self.hand_off.draw(surface)
            return
        overlay = self.build_overlay()
        clip = surface.get_clip()
        surface.set_clip(r["map"])
        self.renderer.draw(surface, r["map"], self.state, self.viewer, self.camera, overlay)
        self.animator.draw(surface, r["map"], self.camera)
        surface.set_clip(clip)
        self._draw_top(surface, r["top"])
        self._draw_side(surface, r)
        self._draw_bar(surface, r["bar"])
        self._draw_preview(surface, r["map"])
        lines = self.tooltip_lines() if self.modal is None else []
        self.tooltip_text = "\n".join(line for line, _ in lines)
        if lines and self.mouse is not None and r["map"].collidepoint(self.mouse):
            battle_panels.draw_tooltip(
                surface, lines, self.mouse, r["map"], self.fonts, self.px(360)
            )
        if self.banner is not None:
            text, sub, left = self.banner
            battle_panels.draw_banner(
                surface, r["map"], text, sub, self.fonts, min(1.0, left / 0.5)
            )
        if self.modal is not None:
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 120))
            surface.blit(shade, (0, 0))

    def _draw_top(self, surface, rect: pygame.Rect) -> None:
        battle_panels.panel(surface, rect, 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, rect.bottomleft, rect.bottomright)
        state = self.state
        active = state.active_side
        title = getattr(self.scenario, "title", "") or self.match.scenario_name
        if self.my_turn():
            turn = f"Turn {state.turn} · {active.name}: your turn"
            colour = ACCENT
        elif state.winner:
            turn = f"Turn {state.turn} · the battle is over"
            colour = GOOD
        else:
            turn = f"Turn {state.turn} · {active.name} is moving…"
            colour = WARN
        x = rect.x + 12
        battle_panels.text(surface, turn, (x, rect.y + 7), self.fonts.bold, colour)
        x += self.fonts.bold.size(turn)[0] + 24
        battle_panels.text(surface, title, (x, rect.y + 9), self.fonts.small, DIM)
        x += self.fonts.small.size(title)[0] + 24
        right = rect.right - 110
        alarms = [s.name for s in state.sides if s.alarm and state.are_enemies(self.viewer, s.id)]
        if alarms:
            img = self.fonts.bold.render("ALARM RAISED", True, DANGER)
            right -= img.get_width()
            surface.blit(img, (right, rect.y + 7))
            right -= 20
        hint = self._hint()
        if hint is not None:
            img = self.fonts.body.render(hint[0], True, hint[1])
            surface.blit(img, (max(x, right - img.get_width()), rect.y + 8))

    def _draw_side(self, surface, r: dict[str, pygame.Rect]) -> None:
        battle_panels.panel(surface, r["side"], 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, r["side"].topleft, r["side"].bottomleft)
        mini = r["minimap"]
        image = self.renderer.minimap(self.state, self.viewer, mini.size)
        if image.get_size() != mini.size:
            image = pygame.transform.smoothscale(image, mini.size)
        surface.blit(image, mini.topleft)
        pygame.draw.rect(surface, battle_panels.PANEL_EDGE, mini, 1)
        # the camera's view on the minimap
        box = self._minimap_box(mini)
        if box is not None:
            pygame.draw.rect(surface, INK, box.clip(mini), 1)
        battle_panels.draw_unit_panel(
            surface, r["unit"], self.state, self._selected_unit(), self.fonts
        )
        battle_panels.draw_objectives(surface, r["objectives"], self.state, self.viewer, self.fonts)
        battle_panels.draw_log(
            surface, r["log"], self.logs.get(self.viewer, []), self.fonts, self.log_scroll
        )

    def _minimap_box(self, mini: pygame.Rect) -> pygame.Rect | None:
        """Where the camera's view lies on the minimap (window coordinates)."""
        view = self.layout()["map"]
        grid = self.state.grid
        ask = getattr(self.renderer, "minimap_view_rect", None)
        if callable(ask):
            box = pygame.Rect(ask(self.state, self.camera, view, mini.size))
            return box.move(mini.x, mini.y)
        if hasattr(self.camera, "visible_tiles"):
            x0, y0, x1, y1 = self.camera.visible_tiles(view)
        else:
            x0, y0 = self._tile_at_view((0, 0))
            x1, y1 = self._tile_at_view((view.w, view.h))
        sx, sy = mini.w / grid.width, mini.h / grid.height
        return pygame.Rect(
            mini.x + round(x0 * sx),
            mini.y + round(y0 * sy),
            max(4, round((x1 - x0) * sx)),
            max(4, round((y1 - y0) * sy)),
        )

    def _tile_at_view(self, pixel: tuple[int, int]) -> tuple[int, int]:
        t = self.camera.to_tile(pixel)
        return (int(t[0]), int(t[1]))

    def _draw_bar(self, surface, rect: pygame.Rect) -> None:
        battle_panels.panel(surface, rect, 255, edge=False)
        pygame.draw.line(surface, battle_panels.PANEL_EDGE, rect.topleft, rect.topright)
        if not self.bar_buttons and self.modal is None:
            if self.my_turn():
                msg = "Select a unit: click it, or Tab. Right-click cancels."
            elif self.state.winner:
                msg = "The battle is over."
            else:
                msg = "The enemy is moving. Space skips the animations."
            battle_panels.text(surface, msg, (rect.x + 14, rect.y + 16), self.fonts.body, DIM)
