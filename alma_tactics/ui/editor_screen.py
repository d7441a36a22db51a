"""The map editor screen: build a scenario by hand, play-test it, save a file the game loads.

The screen holds an `EditorSession` (alma_tactics.editor: the document, its undo
history, its file, its autosave and its live problems) and turns clicks and keys
into the model's edits; it never changes the document any other way. Around the
map:

- the tool bar (top): New, Open, Save, Save as, Recent; the forms for the map,
  its size, sides, areas, objectives and triggers; undo and redo; the light
  preview; play-test; help; exit;
- the tools (left): select, brush, line, rectangle, fill, eyedropper, erase,
  unit, object, route, link, area, deployment zone; brush size; symmetry; the
  terrain palette (every terrain kind);
- the properties (right) of the selected unit, object or selection, or of the
  current tool; under them the live problem list (click one to jump to its tile);
- the status bar (bottom): the file with `*` when unsaved, the tool, the tile
  under the mouse, what undo would undo, and the last message.

Keys: Ctrl+Z / Ctrl+Y undo / redo, Ctrl+S save (Ctrl+Shift+S save as), Ctrl+O
open, Ctrl+N new, Ctrl+C / X / V copy, cut, paste; S B L R F I E U O P K A D
pick a tool; [ and ] brush size; H / V symmetry; N light preview; G grid; , and
. turn the selected unit, lamp or clip; M mirror (Shift+M upside down); Delete;
F5 play-test; F1 help; arrows pan, wheel or +/- zoom, right or middle drag pans;
Esc cancels, then leaves.

This module holds the screen's state, its frame and the map's drawing; every other
part is a mixin in a module of its own: the tool bar and status bar `editor_bars`,
the tool box and palette `editor_toolbox`, the problem list `editor_problem_list`,
keys and camera `editor_input`, New / Open / Save `editor_file_commands`, the
play-test `editor_playtest`, the mouse tools `editor_tools`, the right-hand panel
`editor_panel` and the form windows `editor_forms`. The map's picture is
`editor_view`, the sizes and colours `editor_theme`.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from ..editor import Autosaver, EditorSession, MapProblem
from ..editor.painting import Shape, Symmetry
from ..render.camera import Camera
from ..render.overlay import Overlay
from .editor_bars import BarsMixin
from .editor_file_commands import FileCommandsMixin
from .editor_forms import FormsMixin
from .editor_input import InputMixin
from .editor_panel import PanelMixin
from .editor_playtest import PlaytestMixin
from .editor_problem_list import ProblemListMixin
from .editor_theme import (
    BG,
    DIM,
    EDGE,
    INK,
    LEFT_W,
    NOTE_PX,
    PANEL_BG,
    RIGHT_W,
    STATUS_H,
    TILE,
    TOP_H,
    scaled_theme,
)
from .editor_toolbox import ToolboxMixin
from .editor_tools import ToolsMixin
from .editor_view import (
    EditorView,
    Marks,
    doc_colours,
    draw_areas,
    draw_grid,
    draw_lights,
    draw_problem_marks,
    draw_routes,
    draw_symmetry_axes,
    draw_zones,
    terrain_colours,
    unit_size,
)
from .editor_widgets import Widgets
from .pictures import font
from .screen import Screen

if TYPE_CHECKING:
    from .app import App

log = logging.getLogger(__name__)

MESSAGE_SECONDS = 6.0


# the forms that show parts of the document, by window group, and what opens each
FORM_OPENERS = {
    "map": "open_map_form",
    "story": "open_story_form",
    "sides": "open_sides_form",
    "squads": "open_squads_form",
    "areas": "open_areas_form",
    "objectives": "open_objectives_form",
    "triggers": "open_triggers_form",
}


class EditorScreen(
    BarsMixin,
    ToolboxMixin,
    ProblemListMixin,
    InputMixin,
    FileCommandsMixin,
    PlaytestMixin,
    ToolsMixin,
    PanelMixin,
    FormsMixin,
    Screen,
):
    """The map editor (see the module docstring)."""

    def __init__(
        self, app: App, path: str | Path | None = None, session: EditorSession | None = None
    ) -> None:
        super().__init__(app)
        self.asked_path = Path(path) if path else None
        self.session: EditorSession = session  # type: ignore[assignment]  # set in start()
        self.started = session is not None
        self.autosaver = Autosaver() if session is None else session.autosaver
        settings = getattr(app, "settings", None)
        self.view = EditorView(
            app.catalog, TILE, colour_blind=bool(getattr(settings, "colour_blind", False))
        )
        self.camera = Camera(tile=TILE, x=0, y=0, zoom=1.0)
        self.widgets: Widgets | None = None
        self.tool = "brush"
        self.last_terrain_tool = "brush"
        self.terrain = self._kind("wall")
        self.brush_size = 1
        self.brush_shape = Shape.SQUARE
        self.symmetry = Symmetry.NONE
        self.rect_filled = True
        self.deploy_cut = False
        self.unit_type = "marine"
        self.unit_side = ""
        self.unit_facing = 0
        self.object_kind = "spotlight"
        self.deploy_side = ""
        self.selected: tuple[str, str] | None = None  # ("unit" | "object", id)
        self.selection: tuple[int, int, int, int] | None = None  # a region x0, y0, x1, y1
        self.chosen_area: str | None = None
        self.clip = None  # editor.regions.Clip: what Ctrl+V pastes (kept across maps)
        self.pasting = False
        self.route_unit: str | None = None
        self.link_from: str | None = None
        self.drag: dict[str, Any] | None = None
        self.hover: tuple[int, int] | None = None
        self.mouse: tuple[int, int] | None = None
        self.show_grid = True
        self.message: tuple[str, tuple, float] | None = None
        self.problem_list: list[MapProblem] = []
        self._problems_rev: int | None = None
        self._problems_job: tuple[int, concurrent.futures.Future] | None = None
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._last_edit = 0.0
        self._seen_rev = -1
        self._panel_key: Any = None
        self._problems_shown: list[str] | None = None
        self.playtesting = False
        self.playtest_seed = 1
        self.playtest_humans: list[str] | None = None
        self.closing = False  # leaving on purpose (Exit, Quit): a clean exit
        self.size: tuple[int, int] | None = None
        scale = float(getattr(settings, "ui_scale", 1.0))
        self.fonts = {n: font(max(8, round(n * scale))) for n in (12, 13, 14, 15)}
        self._colours = np.zeros((1, 3), np.uint8)
        self.flash: tuple[tuple[int, int], float] | None = None
        self.pending_recovery = None
        self.after_save = None  # what to do once a "save first?" save-as is done
        self._layer: pygame.Surface | None = None
        self._layer_key: tuple | None = None

    # --- the screen contract ------------------------------------------------------------------
    def enter(self) -> None:
        scale = self.app.settings.ui_scale
        self.app.ui.get_theme().load_theme(scaled_theme(scale))
        with warnings.catch_warnings():  # "already loaded" on a second visit
            warnings.simplefilter("ignore")
            self.app.ui.preload_fonts(
                [
                    {"name": "noto_sans", "point_size": round(NOTE_PX * scale), "style": style}
                    for style in ("regular", "bold", "italic")
                ]
            )
        self.widgets = Widgets(self.app.ui)
        self.size = self.app.window.get_size()
        self._colours = terrain_colours(self.app.catalog, self.view.renderer.sprites)
        first = not self.started
        if first:
            self.start()
        self.playtesting = False
        self.build()
        if first:
            self.centre_map()
        if self.pending_recovery is not None:
            self.open_recovery(self.pending_recovery)
            self.pending_recovery = None

    def leave(self) -> None:
        pygame.display.set_caption("Alma Tactics")
        if self.widgets is not None:
            self.widgets.clear_all()
        self._panel_key = None
        self._problems_shown = None
        if self.playtesting or self.session is None:
            return
        if self.closing:
            self.session.close()  # a clean exit: nothing to recover next time
        elif self.session.dirty:
            self.session.autosave()  # closed without asking: the work waits in the autosave
        else:
            self.session.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    # --- layout -------------------------------------------------------------------------------
    def px(self, n: float) -> int:
        return self.app.px(n)

    def layout(self) -> dict[str, pygame.Rect]:
        w, h = self.app.window.get_size()
        px = self.px
        top, status = px(TOP_H), px(STATUS_H)
        left = px(LEFT_W)
        right = min(px(RIGHT_W), max(px(280), int(w * 0.26)))
        return {
            "top": pygame.Rect(0, 0, w, top),
            "left": pygame.Rect(0, top, left, h - top - status),
            "right": pygame.Rect(w - right, top, right, h - top - status),
            "map": pygame.Rect(left, top, w - left - right, h - top - status),
            "status": pygame.Rect(0, h - status, w, status),
        }

    @property
    def map_rect(self) -> pygame.Rect:
        return self.layout()["map"]

    def build(self) -> None:
        """Every fixed widget: the tool bar, the tools, the palette, the problem list."""
        assert self.widgets is not None
        for group in ("top", "tools", "palette"):
            self.widgets.clear(group)
        self.build_top()
        self.build_tools()
        self.build_problems()
        self._panel_key = None
        self.refresh_panel()
        self.mark_tool()

    # --- small helpers ------------------------------------------------------------------------
    def _kind(self, terrain_id: str) -> int:
        try:
            return self.app.catalog.terrain_by_id(terrain_id).index
        except KeyError:
            return 0

    def say(self, text: str, colour=INK, seconds: float = MESSAGE_SECONDS) -> None:
        self.message = (text, colour, seconds)
        log.info("editor: %s", text)

    # --- undo, redo ---------------------------------------------------------------------------
    def do(self, edit, message: str | None = None) -> bool:
        done = self.session.do(edit)
        if done:
            self._last_edit = time.monotonic()
            if message:
                self.say(message)
        return done

    def undo(self) -> None:
        label = self.session.history.undo_label
        if self.session.undo():
            self._last_edit = time.monotonic()
            self.say(f"Undid: {label}" if label else "Undid")
            self.refresh_forms()
        else:
            self.say("Nothing to undo", DIM)

    def redo(self) -> None:
        label = self.session.history.redo_label
        if self.session.redo():
            self._last_edit = time.monotonic()
            self.say(f"Redid: {label}" if label else "Redid")
            self.refresh_forms()
        else:
            self.say("Nothing to redo", DIM)

    def refresh_forms(self) -> None:
        """Reopen the open forms that show the document, so after an undo or redo their
        fields show it as it is now (an Apply would otherwise write the old values back).
        Typing not yet applied in them is dropped, as the undo asked."""
        for group, opener in FORM_OPENERS.items():
            window = self.widgets.windows.get(group)
            if window is not None and window.alive():
                getattr(self, opener)()

    # --- per frame ----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.app.window.get_size() != self.size:
            self.leave_widgets_and_rebuild()
        if self.message is not None:
            text, colour, left = self.message
            self.message = (text, colour, left - dt) if left - dt > 0 else None
        if self.flash is not None:
            tile, left = self.flash
            self.flash = (tile, left - dt) if left - dt > 0 else None
        self.view.renderer.time += dt
        doc = self.session.doc
        if doc.revision != self._seen_rev:
            self._seen_rev = doc.revision
            self._last_edit = time.monotonic()
            self.check_selection()
        self.view.sync(doc)
        self.session.tick()
        self.refresh_problems()
        self.show_problems()
        self.refresh_panel()
        self.fit_windows()
        caption = f"{self.session.caption} - Alma Tactics map editor"
        if pygame.display.get_caption()[0] != caption:
            pygame.display.set_caption(caption)

    def leave_widgets_and_rebuild(self) -> None:
        self.widgets.clear_all()
        self.size = self.app.window.get_size()
        self.build()

    def check_selection(self) -> None:
        """Forget a selected thing an undo took away."""
        doc = self.session.doc
        if self.selected is not None and self.selected[1] not in doc.ids(self.selected[0]):
            self.selected = None
        if self.route_unit is not None and self.route_unit not in doc.unit_ids():
            self.route_unit = None
        if self.link_from is not None and self.link_from not in doc.object_ids():
            self.link_from = None
        if self.chosen_area is not None and self.chosen_area not in doc.ids("area"):
            self.chosen_area = None
        if self.selection is not None:
            x0, y0, x1, y1 = self.selection
            if x1 >= doc.width or y1 >= doc.height:
                self.selection = None

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        r = self.layout()
        surface.fill(BG)
        view = r["map"]
        clip = surface.get_clip()
        surface.set_clip(view)
        unit = self.selected_unit()
        overlay = Overlay(selected=self.selected[1] if unit is not None else None, hover=self.hover)
        self.view.draw(surface, view, self.camera, overlay)
        self.draw_marks(surface, view)
        surface.set_clip(clip)
        self.draw_panels(surface, r)
        self.draw_status(surface, r["status"])

    def draw_marks(self, surface: pygame.Surface, view: pygame.Rect) -> None:
        doc = self.session.doc
        chosen = self.selected[1] if self.selected and self.selected[0] == "object" else None
        self.draw_layer(surface, view, chosen)
        m = Marks(surface, view, self.camera, self.fonts[13])
        unit = self.selected_unit()
        if unit is not None and isinstance(unit.get("at"), list) and len(unit["at"]) == 2:
            size = unit_size(doc, unit)
            box = m.tile_rect(*unit["at"], size, size).inflate(4, 4)
            pygame.draw.rect(surface, (255, 236, 120), box, 2)
        if chosen is not None:
            table = doc.get("object", chosen)
            at = table.get("at") if table else None
            if isinstance(at, list) and len(at) == 2:
                pygame.draw.rect(surface, (255, 236, 120), m.tile_rect(*at).inflate(4, 4), 2)
        tiles = [p.tile for p in self.problem_list if p.tile is not None]
        draw_problem_marks(m, tiles)
        if self.symmetry is not Symmetry.NONE:
            draw_symmetry_axes(m, doc.width, doc.height, self.symmetry.value)
        self.draw_tool_preview(m)
        if self.flash is not None:
            (x, y), left = self.flash
            if int(left * 6) % 2 == 0:
                pygame.draw.rect(surface, (255, 255, 255), m.tile_rect(x, y).inflate(8, 8), 3)

    def draw_layer(self, surface: pygame.Surface, view: pygame.Rect, chosen: str | None) -> None:
        """The marks that change only with the document's things or the camera (areas,
        zones, routes, lamps, links, the grid), drawn once into a layer and reused: a
        brush stroke changes terrain only, so painting frames just blit it."""
        doc = self.session.doc
        cam = self.camera
        key = (
            self.view.rebuilds,
            id(self.view.renderer),
            round(cam.x * cam.tile_px),
            round(cam.y * cam.tile_px),
            cam.tile_px,
            view.size,
            self.show_grid,
            self.route_unit,
            chosen,
            self.link_from,
            self.chosen_area if self.tool == "area" else None,
        )
        layer = self._layer
        if layer is None or layer.get_size() != view.size:
            layer = self._layer = pygame.Surface(view.size, pygame.SRCALPHA)
            self._layer_key = None
        if key != self._layer_key:
            self._layer_key = key
            layer.fill((0, 0, 0, 0))
            m = Marks(layer, layer.get_rect(), cam, self.fonts[13])
            colours = doc_colours(doc, self.view)
            if self.show_grid:
                draw_grid(m, doc.width, doc.height)
            draw_zones(m, doc, colours)
            draw_areas(m, doc, self.chosen_area if self.tool == "area" else None)
            draw_routes(m, doc, colours, self.route_unit)
            draw_lights(m, doc, chosen, self.link_from)
        surface.blit(layer, view.topleft)

    def draw_panels(self, surface: pygame.Surface, r: dict[str, pygame.Rect]) -> None:
        px = self.px
        for name in ("top", "left", "right"):
            surface.fill(PANEL_BG, r[name])
        pygame.draw.line(surface, EDGE, r["top"].bottomleft, r["top"].bottomright)
        pygame.draw.line(surface, EDGE, r["left"].topright, r["left"].bottomright)
        pygame.draw.line(surface, EDGE, r["right"].topleft, r["right"].bottomleft)
        head = self.fonts[15].render("Tools", True, (127, 233, 255))
        surface.blit(head, (r["left"].x + px(8), r["left"].y + px(4)))
        # the palette's swatches, left of each terrain button
        for index, button in getattr(self, "terrain_buttons", {}).items():
            b = button.rect
            sw = pygame.Rect(b.x - px(15), b.y + px(3), px(12), b.h - px(6))
            surface.fill(tuple(int(c) for c in self._colours[index]), sw)
            pygame.draw.rect(surface, (255, 236, 120) if index == self.terrain else EDGE, sw, 1)

    # --- helpers for the mixins ---------------------------------------------------------------
    def selected_unit(self) -> dict[str, Any] | None:
        if self.selected is None or self.selected[0] != "unit":
            return None
        return self.session.doc.get("unit", self.selected[1])

    def selected_object(self) -> dict[str, Any] | None:
        if self.selected is None or self.selected[0] != "object":
            return None
        return self.session.doc.get("object", self.selected[1])
