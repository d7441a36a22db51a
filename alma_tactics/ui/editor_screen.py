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

The drawing is `editor_view`, the mouse tools `editor_tools`, the right-hand
panel `editor_panel`, the form windows `editor_forms`.
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
import pygame_gui

from ..editor import EditorSession, MapDocument, MapFormatError, MapProblem, check_snapshot
from ..editor.painting import Shape, Symmetry
from ..render.camera import ZOOM_LEVELS, Camera
from ..render.overlay import Overlay
from . import editor_files as files
from .editor_forms import FormsMixin
from .editor_panel import PanelMixin
from .editor_tools import TERRAIN_TOOLS, TOOLS, ToolsMixin
from .editor_view import (
    LIGHT_LABELS,
    LIGHT_MODES,
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
from .editor_widgets import Widgets, typing
from .pictures import font
from .screen import Screen

if TYPE_CHECKING:
    from .app import App

log = logging.getLogger(__name__)

TILE = 32
TOP_H, STATUS_H, LEFT_W, RIGHT_W = 40, 28, 204, 320
BG = (9, 14, 20)
PANEL_BG = (13, 21, 30)
EDGE = (31, 78, 96)
INK = (207, 227, 238)
DIM = (120, 146, 160)
GOOD = (120, 220, 140)
WARN = (250, 200, 90)
DANGER = (255, 110, 90)
NEW_SIZE = (32, 20)
SYNC_PROBLEMS_CELLS = 96 * 96  # bigger maps check their problems in a worker thread
PROBLEM_DELAY = 0.25  # seconds after the last edit before a big map is checked
MESSAGE_SECONDS = 6.0
NOTE_PX = 14  # the text size of the panels' notes
SYMMETRY_NAMES = {
    Symmetry.NONE: "none",
    Symmetry.HORIZONTAL: "left-right",
    Symmetry.VERTICAL: "top-bottom",
    Symmetry.BOTH: "four ways",
    Symmetry.POINT: "half turn",
}
# Extra theme blocks: the editor's denser widgets (font sizes scale with the UI scale).
EDITOR_THEME = {
    "#ed": {
        "font": {"name": "noto_sans", "size": "14"},
        "misc": {"text_horiz_alignment_padding": "6", "shape": "rounded_rectangle"},
    },
    "#ed_tool": {
        "font": {"name": "noto_sans", "size": "14"},
        "misc": {"text_horiz_alignment": "left", "text_horiz_alignment_padding": "8"},
    },
    "#ed_label": {"font": {"name": "noto_sans", "size": "14"}},
    "#ed_check": {"font": {"name": "noto_sans", "size": "14"}},
    "#ed_list": {"misc": {"list_item_height": "26"}},
    "#ed_list.@selection_list_item": {
        "font": {"name": "noto_sans", "size": "14"},
        "misc": {"text_horiz_alignment_padding": "8"},
    },
    "#ed.@selected_option": {"font": {"name": "noto_sans", "size": "14"}},
    "#ed.#drop_down_options_list": {"misc": {"list_item_height": "26"}},
    "#ed.#drop_down_options_list.@selection_list_item": {
        "font": {"name": "noto_sans", "size": "14"}
    },
    "#ed_primary": {
        "font": {"name": "noto_sans", "size": "14", "bold": "1"},
        "colours": {
            "normal_bg": "#145066",
            "hovered_bg": "#1e6f8a",
            "normal_border": "#4fd6f0",
            "hovered_border": "#b8f6ff",
        },
    },
    "#ed_head": {
        "font": {"name": "noto_sans", "size": "15", "bold": "1"},
        "colours": {"normal_text": "#7fe9ff"},
    },
    "#ed_dim": {
        "font": {"name": "noto_sans", "size": "13"},
        "colours": {"normal_text": "#7f95a3"},
    },
}


def _scaled_theme(scale: float) -> dict:
    out = {}
    for key, block in EDITOR_THEME.items():
        block = {k: dict(v) for k, v in block.items()}
        if "font" in block:
            block["font"]["size"] = str(max(8, round(int(block["font"]["size"]) * scale)))
        if "list_item_height" in block.get("misc", {}):
            height = int(block["misc"]["list_item_height"])
            block["misc"]["list_item_height"] = str(round(height * scale))
        out[key] = block
    return out


class EditorScreen(ToolsMixin, PanelMixin, FormsMixin, Screen):
    """The map editor (see the module docstring)."""

    def __init__(
        self, app: App, path: str | Path | None = None, session: EditorSession | None = None
    ) -> None:
        super().__init__(app)
        self.asked_path = Path(path) if path else None
        self.session: EditorSession = session  # type: ignore[assignment]  # set in start()
        self.started = session is not None
        self.autosaver = files.autosaver() if session is None else session.autosaver
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
        self.app.ui.get_theme().load_theme(_scaled_theme(scale))
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

    # --- starting -----------------------------------------------------------------------------
    def start(self) -> None:
        """Open the asked-for file (or a new map); offer an autosave a crash left behind."""
        self.started = True
        found = EditorSession.pending_recovery(self.autosaver)
        path = self.asked_path
        if path is not None and path.exists():
            try:
                self.use(EditorSession.open(path, self.app.catalog, self.autosaver))
                files.remember(path)
            except (MapFormatError, OSError) as exc:
                self.use(self.new_session(*NEW_SIZE, "day", path.stem))
                self.say(f"Cannot open {path.name}: {_first_line(exc)}", DANGER)
        else:
            title = path.stem.replace("_", " ").capitalize() if path else "Untitled map"
            self.use(self.new_session(*NEW_SIZE, "day", title))
            if path is not None:
                self.session.doc.path = path  # `edit NEW.toml`: Save writes it
                self.say(f"{path.name} does not exist yet: a new map will be saved there.")
        if found is not None:
            self.pending_recovery = found

    def new_session(self, width: int, height: int, ambient: str, title: str) -> EditorSession:
        return EditorSession(
            MapDocument.new(width, height, ambient, title, self.app.catalog), self.autosaver
        )

    def use(self, session: EditorSession, recovered: bool = False) -> None:
        """Edit `session` from now on (new, opened or recovered)."""
        if self.session is not None and not recovered:
            # the map being left was saved or given up: its working copy is not work to
            # offer back after a crash
            self.autosaver.discard()
        self.session = session
        doc = session.doc
        self.view.state = None
        self.view.sync(doc)
        self.selected = None
        self.selection = None
        self.route_unit = None
        self.link_from = None
        self.chosen_area = None
        self.drag = None
        self.pasting = False
        self._problems_rev = None
        self._problems_job = None
        self._panel_key = None
        sides = doc.ids("side")
        self.unit_side = sides[0] if sides else ""
        self.deploy_side = self.unit_side
        if self.size is not None:
            self.centre_map()

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

    def build_top(self) -> None:
        w, px = self.widgets, self.px
        bar = self.layout()["top"]
        x, y, h = px(6), bar.y + px(5), bar.h - px(10)
        self.top_buttons: dict[str, Any] = {}
        entries = (
            ("New", self.ask_new, "A new map: size, light, name (Ctrl+N)", 50),
            ("Open", self.ask_open, "Open a scenario file (Ctrl+O)", 54),
            ("Save", self.save, "Save (Ctrl+S); a thumbnail NAME.png is written beside it", 50),
            ("Save as", self.ask_save_as, "Save under another name (Ctrl+Shift+S)", 70),
            (None, None, None, 8),
            ("Map", self.open_map_form, "Title, description, briefing, light, story", 48),
            ("Resize", self.open_resize_form, "Change the map's size, keeping its content", 62),
            ("Sides", self.open_sides_form, "Sides: faction, colour, controller, difficulty", 54),
            ("Areas", self.open_areas_form, "Named areas (triggers and objectives use them)", 56),
            ("Objectives", self.open_objectives_form, "Each side's objectives", 90),
            ("Triggers", self.open_triggers_form, "When something happens, do something", 76),
            (None, None, None, 8),
            ("Undo", self.undo, "Undo (Ctrl+Z)", 54),
            ("Redo", self.redo, "Redo (Ctrl+Y)", 54),
            (None, None, None, 8),
            ("Light", self.cycle_light, "Preview the map at night, generators on or off (N)", 56),
            (
                "Play-test",
                self.open_playtest_form,
                "Play the map as it is now (F5 starts at once)"
                "; the battle's end or Quit brings you back",
                84,
            ),
            ("Help", self.open_help, "Keys and tools (F1)", 50),
        )
        # a narrow window: every button a little narrower, so Recent and Exit still fit
        room = bar.w - px(6 + 6 + 54 + 4 + 120 + 8)
        need = sum(px(width) + (px(3) if text else 0) for text, _, _, width in entries)
        fit = min(1.0, room / need)
        for text, call, tip, width in entries:
            if text is None:
                x += round(px(width) * fit)
                continue
            rect = pygame.Rect(x, y, round(px(width) * fit), h)
            self.top_buttons[text] = w.button("top", rect, text, call, tip, object_id="#ed")
            x += rect.w + px(3)
        self.top_buttons["Play-test"].change_object_id("#ed_primary")
        recent = [("Recent files...", "")] + [(p.name, str(p)) for p in files.recent_files()]
        right = bar.right - px(6)
        exit_rect = pygame.Rect(right - px(54), y, px(54), h)
        self.top_buttons["Exit"] = w.button(
            "top", exit_rect, "Exit", self.ask_exit, "Back to the main menu", object_id="#ed"
        )
        rw = max(px(90), min(px(170), exit_rect.x - x - px(8)))
        self.recent = w.dropdown(
            "top",
            pygame.Rect(exit_rect.x - rw - px(4), y, rw, h),
            recent,
            "",
            self.open_recent,
        )

    def build_tools(self) -> None:
        w, px = self.widgets, self.px
        left = self.layout()["left"]
        x0, y = left.x + px(8), left.y + px(24)
        bw, bh, gap = (left.w - px(20)) // 2, px(28), px(4)
        self.tool_buttons: dict[str, Any] = {}
        for n, (name, label, key, tip) in enumerate(TOOLS):
            col, row = n % 2, n // 2
            rect = pygame.Rect(x0 + col * (bw + px(4)), y + row * (bh + gap), bw, bh)
            self.tool_buttons[name] = w.button(
                "tools",
                rect,
                f"{label} ({key.upper()})",
                lambda name=name: self.set_tool(name),
                tip,
                object_id="#ed_tool",
            )
        y += ((len(TOOLS) + 1) // 2) * (bh + gap) + px(6)
        self.tools_bottom = y
        # brush size and symmetry
        self.size_label = w.label(
            "tools", pygame.Rect(x0, y, px(92), bh), "", object_id="#ed_label"
        )
        w.button(
            "tools",
            pygame.Rect(x0 + px(96), y, px(40), bh),
            "-",
            lambda: self.set_brush(self.brush_size - 1),
            "Smaller brush ([)",
            object_id="#ed",
        )
        w.button(
            "tools",
            pygame.Rect(x0 + px(140), y, px(40), bh),
            "+",
            lambda: self.set_brush(self.brush_size + 1),
            "Bigger brush (])",
            object_id="#ed",
        )
        y += bh + gap
        w.label("tools", pygame.Rect(x0, y, px(76), bh), "Symmetry", object_id="#ed_label")
        self.symmetry_menu = w.dropdown(
            "tools",
            pygame.Rect(x0 + px(76), y, left.w - px(92), bh),
            [(SYMMETRY_NAMES[s], s.value) for s in Symmetry],
            self.symmetry.value,
            lambda v: self.set_symmetry(Symmetry(v)),
        )
        y += bh + px(10)
        self.palette_top = y
        w.label(
            "palette", pygame.Rect(x0, y, left.w - px(16), px(24)), "Terrain", object_id="#ed_head"
        )
        y += px(22)
        self.terrain_buttons: dict[int, Any] = {}
        kinds = self.app.catalog.terrain
        rows = (len(kinds) + 1) // 2
        ph = min(px(26), max(px(18), (left.bottom - y - px(6)) // max(1, rows) - px(2)))
        for n, kind in enumerate(kinds):
            col, row = n % 2, n // 2
            rect = pygame.Rect(
                x0 + col * (bw + px(4)) + px(16), y + row * (ph + px(2)), bw - px(16), ph
            )
            self.terrain_buttons[kind.index] = w.button(
                "palette",
                rect,
                _short(kind.name),
                lambda k=kind.index: self.set_terrain(k),
                f"{kind.name} ('{kind.char}'): move cost {kind.move_cost}",
                object_id="#ed_tool",
            )
        self.update_size_label()

    def problems_top(self) -> int:
        """Where the problem list starts: the properties panel gets the rest above it."""
        right = self.layout()["right"]
        px = self.px
        return right.y + min(right.h - px(140), max(int(right.h * 0.6), px(440)))

    def build_problems(self) -> None:
        w, px = self.widgets, self.px
        right = self.layout()["right"]
        top = self.problems_top()
        self.widgets.clear("problems")
        self.problems_label = w.label(
            "problems",
            pygame.Rect(right.x + px(8), top, right.w - px(16), px(22)),
            "Problems",
            object_id="#ed_head",
        )
        self.problems_box = w.selection(
            "problems",
            pygame.Rect(
                right.x + px(8), top + px(24), right.w - px(16), right.bottom - top - px(30)
            ),
            [],
            self.jump_to_problem,
            repeat=True,
        )
        self._problems_shown = None

    # --- small state changes ------------------------------------------------------------------
    def _kind(self, terrain_id: str) -> int:
        try:
            return self.app.catalog.terrain_by_id(terrain_id).index
        except KeyError:
            return 0

    def set_tool(self, name: str) -> None:
        if self.drag is not None:
            self.cancel_drag()
        if name in TERRAIN_TOOLS and name != "pick":
            self.last_terrain_tool = name
        if name != "route":
            self.route_unit = None if name != self.tool else self.route_unit
        if name == "route" and self.route_unit is None and self.selected_unit() is not None:
            self.route_unit = self.selected[1]
        if name != "link":
            self.link_from = None
        self.pasting = False
        if name not in ("select", "unit", "object", "route"):
            self.selected = None  # the panel shows the tool, and no field edits a thing
        self.tool = name
        self.mark_tool()
        self.refresh_panel()

    def mark_tool(self) -> None:
        for name, button in getattr(self, "tool_buttons", {}).items():
            if name == self.tool:
                button.select()
            else:
                button.unselect()
        for index, button in getattr(self, "terrain_buttons", {}).items():
            if index == self.terrain:
                button.select()
            else:
                button.unselect()

    def set_terrain(self, index: int) -> None:
        self.terrain = index
        if self.tool not in TERRAIN_TOOLS or self.tool in ("pick", "erase"):
            self.set_tool(self.last_terrain_tool)
        self.mark_tool()
        self.refresh_panel()

    def set_brush(self, size: int) -> None:
        self.brush_size = max(1, min(15, size))
        self.update_size_label()

    def update_size_label(self) -> None:
        if hasattr(self, "size_label"):
            n = self.brush_size
            self.size_label.set_text(f"Brush {n}\u00d7{n}")

    def set_symmetry(self, symmetry: Symmetry) -> None:
        self.symmetry = symmetry
        menu = getattr(self, "symmetry_menu", None)
        live = self.widgets is not None and menu is not None and menu.alive()
        if live and menu.selected_option[0] != SYMMETRY_NAMES[symmetry]:
            rect = menu.relative_rect.copy()
            self.widgets.drop(menu)
            self.symmetry_menu = self.widgets.dropdown(
                "tools",
                rect,
                [(SYMMETRY_NAMES[s], s.value) for s in Symmetry],
                symmetry.value,
                lambda v: self.set_symmetry(Symmetry(v)),
            )
        self.say(f"Symmetry: {SYMMETRY_NAMES[symmetry]}")

    def toggle_symmetry(self, axis: str) -> None:
        """H or V: add or remove that mirror (both: four ways)."""
        h = self.symmetry in (Symmetry.HORIZONTAL, Symmetry.BOTH)
        v = self.symmetry in (Symmetry.VERTICAL, Symmetry.BOTH)
        if axis == "h":
            h = not h
        else:
            v = not v
        self.set_symmetry(
            Symmetry.BOTH
            if h and v
            else Symmetry.HORIZONTAL
            if h
            else Symmetry.VERTICAL
            if v
            else Symmetry.NONE
        )

    def cycle_light(self) -> None:
        mode = LIGHT_MODES[(LIGHT_MODES.index(self.view.mode) + 1) % len(LIGHT_MODES)]
        self.view.set_mode(mode)
        self.say(LIGHT_LABELS[mode] + (f" ({self.view.night_ambient})" if mode != "edit" else ""))

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
        else:
            self.say("Nothing to undo", DIM)

    def redo(self) -> None:
        label = self.session.history.redo_label
        if self.session.redo():
            self._last_edit = time.monotonic()
            self.say(f"Redid: {label}" if label else "Redid")
        else:
            self.say("Nothing to redo", DIM)

    # --- files --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the file (asks for one the first time). Problems warn, never refuse."""
        if self.session.path is None:
            self.ask_save_as()
            return False
        return self.save_to(self.session.path)

    def save_to(self, path: Path) -> bool:
        path = Path(path)
        if path.suffix != ".toml":
            path = path.with_suffix(".toml")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            found = self.session.save(path)
        except (OSError, ValueError) as exc:
            self.say(f"Could not save {path.name}: {exc}", DANGER)
            return False
        files.remember(path)
        self.refresh_recent()
        thumb = ""
        try:
            self.view.sync(self.session.doc)
            size = files.thumbnail_size(*self.session.doc.size)
            thumb = files.write_thumbnail(self.view.thumbnail(size), path).name
        except (pygame.error, OSError) as exc:
            log.warning("no thumbnail for %s: %s", path, exc)
        self.problem_list = found
        self._problems_rev = self.session.doc.revision
        self._problems_shown = None
        if found:
            self.say(
                f"Saved {path.name} with {len(found)} problem{'s' if len(found) != 1 else ''}"
                " - see the list on the right; the game will not load it until they are fixed",
                WARN,
                10,
            )
        else:
            self.say(f"Saved {path.name}" + (f" and its thumbnail {thumb}" if thumb else ""), GOOD)
        return True

    def load_file(self, path: Path) -> bool:
        try:
            session = EditorSession.open(path, self.app.catalog, self.autosaver)
        except (MapFormatError, OSError) as exc:
            self.say(f"Cannot open {Path(path).name}: {_first_line(exc)}", DANGER, 10)
            return False
        self.use(session)
        files.remember(path)
        self.refresh_recent()
        self.say(f"Opened {Path(path).name}")
        return True

    def refresh_recent(self) -> None:
        if self.widgets is None or not hasattr(self, "recent") or not self.recent.alive():
            return
        rect = self.recent.relative_rect.copy()
        self.widgets.drop(self.recent)
        recent = [("Recent files...", "")] + [(p.name, str(p)) for p in files.recent_files()]
        self.recent = self.widgets.dropdown("top", rect, recent, "", self.open_recent)

    def open_recent(self, value: str) -> None:
        if not value:
            return
        self.refresh_recent()
        self.unsaved_then(lambda: self.load_file(Path(value)))

    def new_map(self, width: int, height: int, ambient: str, title: str) -> None:
        self.use(self.new_session(width, height, ambient, title))
        self.say(f"New map: {width}\u00d7{height}, {ambient}")

    # --- leaving ------------------------------------------------------------------------------
    def ask_exit(self) -> None:
        self.unsaved_then(self.exit_to_menu, "Leave the editor?")

    def exit_to_menu(self) -> None:
        self.closing = True
        self.app.main_menu()

    def ask_before_quit(self) -> bool:
        """The window's close button: ask about unsaved work first (True: asked)."""
        if self.session is None or not self.session.dirty:
            self.closing = True
            return False
        self.unsaved_then(self.quit_app, "Quit Alma Tactics?")
        return True

    def quit_app(self) -> None:
        self.closing = True
        self.app.quit()

    # --- play-test ----------------------------------------------------------------------------
    def playtest(self, humans: list[str] | None = None) -> bool:
        """Start a battle of the map as it is now; the editor comes back unchanged."""
        from ..scenario import build_state
        from ..scenario.files import Scenario

        self.session.end_stroke()
        self.cancel_drag()
        doc = self.session.doc.to_doc()
        problems = self.current_problems(sync=True)
        try:
            scenario = Scenario(self.session.path or Path("untitled-map.toml"), doc)
            sides = scenario.sides
            build_state(self.app.catalog, doc, self.playtest_seed)
        except Exception as exc:  # noqa: BLE001 - any broken part of a map being drawn
            first = problems[0].message if problems else f"{type(exc).__name__}: {exc}"
            self.say(f"Cannot play-test yet: {first}", DANGER, 10)
            return False
        if humans is None:
            humans = self.playtest_humans
        if humans is None:
            humans = [s["id"] for s in sides if s["controller"] == "human"]
        humans = [h for h in humans if h in {s["id"] for s in sides}]
        self.session.autosave()  # a crash in the battle loses nothing
        self.playtesting = True
        self.playtest_result = ""
        try:
            self.app.start_playtest(scenario, self.playtest_seed, humans, self)
        except Exception as exc:  # noqa: BLE001 - the editor must survive a broken battle
            log.exception("play-test failed to start")
            self.playtesting = False
            if self.app.screen is not self:
                self.app.playtest_return = None
                self.app.switch(self)
            self.say(f"The play-test could not start: {exc}", DANGER, 10)
            return False
        if problems:
            log.info("play-testing with %d problems", len(problems))
        return True

    def playtest_finished(self, match) -> None:
        """Called by the app when the play-test battle ends or is quit."""
        if match is None:
            self.say("Play-test over: back in the editor, the map as you left it.")
            return
        state = match.state
        winner = state.winner
        names = {s.id: s.name for s in state.sides}
        who = f"{names.get(winner, winner)} won" if winner else "nobody won"
        self.say(f"Play-test over on turn {state.turn}: {who}.", GOOD)

    # --- problems -----------------------------------------------------------------------------
    def current_problems(self, sync: bool = False) -> list[MapProblem]:
        if sync or self._problems_rev != self.session.doc.revision:
            self.refresh_problems(force=True)
        return self.problem_list

    def refresh_problems(self, force: bool = False) -> None:
        doc = self.session.doc
        rev = doc.revision
        job = self._problems_job
        if job is not None and job[1].done():
            self._problems_job = None
            if job[0] == rev:
                try:
                    self.problem_list = job[1].result()
                    self._problems_rev = rev
                except Exception:  # noqa: BLE001
                    log.exception("problem check failed")
        if self._problems_rev == rev:
            return
        if self.session.history.in_stroke and not force:
            return
        small = doc.width * doc.height <= SYNC_PROBLEMS_CELLS
        if force or small:
            self.problem_list = self.session.problems()
            self._problems_rev = rev
            return
        if time.monotonic() - self._last_edit < PROBLEM_DELAY:
            return
        if self._problems_job is not None:
            return  # one check at a time; the next frame asks again
        if self._pool is None:
            self._pool = concurrent.futures.ThreadPoolExecutor(1, "editor-problems")
        snapshot = doc.to_doc()
        name = str(doc.path or "<map>")
        future = self._pool.submit(check_snapshot, snapshot, doc.catalog, name)
        self._problems_job = (rev, future)

    def show_problems(self) -> None:
        lines = [f"{n}. {p.message}" for n, p in enumerate(self.problem_list, start=1)]
        if lines == self._problems_shown:
            return
        self._problems_shown = lines
        self.problems_box.set_item_list(lines)
        count = len(lines)
        self.problems_label.set_text(
            f"Problems ({count})" if count else "Problems: none - the game will load it"
        )

    def jump_to_problem(self, text: str) -> None:
        try:
            n = int(text.split(".", 1)[0]) - 1
            problem = self.problem_list[n]
        except (ValueError, IndexError):
            return
        self.say(problem.message, WARN, 10)
        if problem.tile is not None:
            self.camera.centre_on(problem.tile, self.map_rect)
            self.flash = (problem.tile, 1.5)
        section, index = problem.section, problem.index
        doc = self.session.doc
        if (
            section in ("unit", "object")
            and index is not None
            and index < len(doc.section(section))
        ):
            self.selected = (section, doc.ids(section)[index])
            self.refresh_panel()
        elif section == "area" and index is not None and index < len(doc.areas):
            self.chosen_area = doc.ids("area")[index]
        elif section == "side":
            self.open_sides_form(index)
        elif section == "objective":
            self.open_objectives_form(index)
        elif section == "trigger":
            self.open_triggers_form(index)
        elif section in ("scenario", "story"):
            self.open_map_form()

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

    def key_down(self, event) -> None:
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

    def draw_status(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        px = self.px
        surface.fill((7, 11, 16), rect)
        pygame.draw.line(surface, EDGE, rect.topleft, rect.topright)
        f = self.fonts[14]
        x = rect.x + px(8)
        cy = rect.centery
        caption = self.session.caption
        dirty = self.session.dirty
        text = f.render(caption, True, WARN if dirty else INK)
        surface.blit(text, (x, cy - text.get_height() // 2))
        x += text.get_width() + px(16)
        parts = [self.tool_summary()]
        doc = self.session.doc
        if self.hover is not None and doc.on_map(*self.hover):
            hx, hy = self.hover
            kind = self.app.catalog.terrain[doc.kind_at(hx, hy)]
            parts.append(f"({hx}, {hy}) {kind.name}")
        label = self.session.history.undo_label
        if label:
            parts.append(f"undo: {label}")
        parts.append(f"{doc.width}\u00d7{doc.height} {doc.ambient}")
        if self.view.mode != "edit":
            parts.append(LIGHT_LABELS[self.view.mode])
        text = f.render("   \u00b7   ".join(parts), True, DIM)
        surface.blit(text, (x, cy - text.get_height() // 2))
        x += text.get_width() + px(16)
        if self.message is not None:
            words, colour, _ = self.message
            room = rect.right - x - px(8)
            text = f.render(words, True, colour)
            if text.get_width() > room > 40:
                while words and f.size(words + "\u2026")[0] > room:
                    words = words[:-1]
                text = f.render(words + "\u2026", True, colour)
            surface.blit(
                text, (max(x, rect.right - px(8) - text.get_width()), cy - text.get_height() // 2)
            )

    def tool_summary(self) -> str:
        name = next(label for tool, label, _, _ in TOOLS if tool == self.tool)
        kind = self.app.catalog.terrain[self.terrain].name
        if self.tool in ("brush", "erase"):
            n = self.brush_size
            what = kind if self.tool == "brush" else "erase"
            text = f"{name} {n}\u00d7{n} {what}"
        elif self.tool in TERRAIN_TOOLS and self.tool != "pick":
            text = f"{name}: {kind}"
        elif self.tool == "unit":
            text = f"{name}: {self.unit_type} for {self.unit_side}"
        elif self.tool == "object":
            text = f"{name}: {self.object_kind}"
        else:
            text = name
        if self.symmetry is not Symmetry.NONE and self.tool in TERRAIN_TOOLS:
            text += f" (mirrored {SYMMETRY_NAMES[self.symmetry]})"
        if self.pasting:
            text = "Pasting: click to place (Esc cancels, , . turn, M mirror)"
        return text

    # --- helpers for the mixins ---------------------------------------------------------------
    def selected_unit(self) -> dict[str, Any] | None:
        if self.selected is None or self.selected[0] != "unit":
            return None
        return self.session.doc.get("unit", self.selected[1])

    def selected_object(self) -> dict[str, Any] | None:
        if self.selected is None or self.selected[0] != "object":
            return None
        return self.session.doc.get("object", self.selected[1])


def _short(name: str) -> str:
    """A terrain name short enough for a palette button."""
    return {
        "Paracrete wall": "Wall",
        "Open ground": "Open",
        "Rough ground": "Rough",
        "Guard tower": "Tower",
        "Cavern wall": "Cavern",
        "Landing pad": "Pad",
    }.get(name, name)


def _first_line(exc: Exception) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return str(problems[0])
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
