"""The map editor's input: each event to the widgets first, then to the map (the mouse
tools) or to the keys (shortcuts, tools, panning, zooming); Esc cancels what is under
way, step by step. And the camera the keys and the wheel steer.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

import pygame
import pygame_gui

from ..render.camera import ZOOM_LEVELS
from .editor_theme import TILE
from .editor_tools import TOOLS
from .editor_widgets import typing


class InputMixin:
    # --- events -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if self.widgets is not None and self.widgets.handle(event):
            return
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.file_picked(event.text)
            return
        if event.type == pygame_gui.UI_COLOUR_PICKER_COLOUR_PICKED:
            self.colour_picked(event.colour)
            return
        if event.type == pygame.KEYDOWN:
            if typing(self.app.ui):
                if event.key == pygame.K_ESCAPE:
                    self.app.ui.set_focus_set(None)
                return
            self.key_down(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if self.map_rect.collidepoint(event.pos) and event.button in (1, 2, 3):
                if self.widgets is not None:
                    self.widgets.poll(focused_too=True)  # what was typed, then the click
                self.app.ui.set_focus_set(None)
                self.map_press(event)
        elif event.type == pygame.MOUSEMOTION:
            self.map_motion(event)
        elif event.type == pygame.MOUSEBUTTONUP:
            self.map_release(event)
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos() if self.mouse is None else self.mouse
            if self.map_rect.collidepoint(pos):
                self.zoom(1.25 if event.y > 0 else 0.8, pos)

    def key_down(self, event: pygame.event.Event) -> None:
        key, mod = event.key, event.mod
        ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        shift = bool(mod & pygame.KMOD_SHIFT)
        if ctrl:
            actions = {
                pygame.K_z: self.redo if shift else self.undo,
                pygame.K_y: self.redo,
                pygame.K_s: self.ask_save_as if shift else self.save,
                pygame.K_o: self.ask_open,
                pygame.K_n: self.ask_new,
                pygame.K_c: self.copy_selection,
                pygame.K_x: self.cut_selection,
                pygame.K_v: self.start_paste,
            }
            action = actions.get(key)
            if action is not None:
                action()
            return
        if key == pygame.K_ESCAPE:
            self.escape()
            return
        if key == pygame.K_F5:
            self.playtest()
            return
        if key == pygame.K_F1:
            self.open_help()
            return
        name = pygame.key.name(key)
        for tool, _, tool_key, _ in TOOLS:
            if name == tool_key:
                self.set_tool(tool)
                return
        pans = {
            pygame.K_LEFT: (-1, 0),
            pygame.K_RIGHT: (1, 0),
            pygame.K_UP: (0, -1),
            pygame.K_DOWN: (0, 1),
        }
        if key in pans:
            dx, dy = pans[key]
            step = self.camera.tile_px * 3
            self.camera.pan(dx * step, dy * step)
            self.clamp_camera()
        elif key == pygame.K_LEFTBRACKET:
            self.set_brush(self.brush_size - 1)
        elif key == pygame.K_RIGHTBRACKET:
            self.set_brush(self.brush_size + 1)
        elif key == pygame.K_h:
            self.toggle_symmetry("h")
        elif key == pygame.K_v:
            self.toggle_symmetry("v")
        elif key == pygame.K_n:
            self.cycle_light()
        elif key == pygame.K_g:
            self.show_grid = not self.show_grid
        elif key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.zoom(1.25)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom(0.8)
        elif key == pygame.K_HOME:
            self.centre_map()
        elif key in (pygame.K_COMMA, pygame.K_PERIOD):
            self.turn_selected(1 if key == pygame.K_PERIOD else -1)
        elif key == pygame.K_m:
            self.mirror_selected(vertical=shift)
        elif key == pygame.K_DELETE:
            self.delete_selected()
        elif key == pygame.K_BACKSPACE:
            if self.tool == "route" and self.route_unit is not None:
                self.remove_last_waypoint()
            else:
                self.delete_selected()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.tool == "route":
            self.finish_route()

    def escape(self) -> None:
        """Cancel what is under way, step by step; with nothing to cancel, leave."""
        if self.close_top_window():
            return
        if self.drag is not None:
            self.cancel_drag()
        elif self.pasting:
            self.pasting = False
            self.say("Paste cancelled")
        elif self.route_unit is not None:
            self.finish_route()
        elif self.link_from is not None:
            self.link_from = None
        elif self.selected is not None or self.selection is not None:
            self.selected = None
            self.selection = None
            self.refresh_panel()
        else:
            self.ask_exit()

    # --- camera -------------------------------------------------------------------------------
    def centre_map(self) -> None:
        """Show the whole map if it fits at some zoom (75% at least), and centre it."""
        doc = self.session.doc
        view = self.map_rect
        fits = [
            z
            for z in ZOOM_LEVELS
            if doc.width * TILE * z <= view.w * 1.05 and doc.height * TILE * z <= view.h * 1.05
        ]
        self.camera.zoom = min(1.0, max(fits)) if fits and max(fits) >= 0.75 else 0.75
        if doc.width * TILE * 0.75 > view.w * 3 or doc.height * TILE * 0.75 > view.h * 3:
            self.camera.zoom = 0.5  # a big map: see more of it
        self.camera.centre_on(((doc.width - 1) / 2, (doc.height - 1) / 2), view)
        self.clamp_camera()

    def clamp_camera(self) -> None:
        doc = self.session.doc
        self.camera.clamp(doc.width, doc.height, self.map_rect)

    def tile_at(self, pixel: tuple[int, int]) -> tuple[int, int]:
        r = self.map_rect
        return self.camera.to_tile((pixel[0] - r.x, pixel[1] - r.y))

    def zoom(self, factor: float, pixel: tuple[int, int] | None = None) -> None:
        r = self.map_rect
        pixel = pixel or r.center
        self.camera.zoom_at(factor, (pixel[0] - r.x, pixel[1] - r.y))
        self.clamp_camera()
