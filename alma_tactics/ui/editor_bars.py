"""The bars across the map editor: the tool bar on top (New, Open, Save, Save as; the
forms; undo and redo; the light preview; play-test; help; the recent files; exit) and
the status bar at the bottom (the file, with `*` when unsaved, the tool, the tile
under the mouse, what undo would undo, and the last message).

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from ..editor.painting import Symmetry
from . import editor_files as files
from .editor_theme import DIM, EDGE, INK, WARN
from .editor_toolbox import SYMMETRY_NAMES
from .editor_tools import TERRAIN_TOOLS, TOOLS
from .editor_view import LIGHT_LABELS, LIGHT_MODES
from .editor_widgets import Option


def recent_choices() -> list[Option]:
    """The Recent menu's choices: a heading, then the recent files."""
    return [("Recent files...", "")] + [(p.name, str(p)) for p in files.recent_files()]


class BarsMixin:
    # --- the tool bar -------------------------------------------------------------------------
    def build_top(self) -> None:
        w, px = self.widgets, self.px
        bar = self.layout()["top"]
        x, y, h = px(6), bar.y + px(5), bar.h - px(10)
        self.top_buttons: dict[str, Any] = {}
        entries = (
            ("New", self.ask_new, "A new map: size, light, name (Ctrl+N)", 50),
            ("Open", self.ask_open, "Open a scenario file (Ctrl+O)", 54),
            ("Save", self.save, "Save (Ctrl+S); a thumbnail NAME.png is written beside it", 50),
            ("Save as", self.ask_save_as, "Save under another name (Ctrl+Shift+S)", 66),
            (None, None, None, 8),
            ("Map", self.open_map_form, "Title, description, briefing, light, story", 48),
            ("Resize", self.open_resize_form, "Change the map's size, keeping its content", 62),
            (
                "Sides",
                self.open_sides_form,
                "Sides: faction, colour, controller, difficulty, computer player hints",
                54,
            ),
            ("Squads", self.open_squads_form, "Squads: a side's units in groups", 62),
            ("Areas", self.open_areas_form, "Named areas (triggers and objectives use them)", 56),
            ("Objectives", self.open_objectives_form, "Each side's objectives", 90),
            ("Triggers", self.open_triggers_form, "When something happens, do something", 76),
            (None, None, None, 8),
            ("Undo", self.undo, "Undo (Ctrl+Z)", 54),
            ("Redo", self.redo, "Redo (Ctrl+Y)", 54),
            (None, None, None, 8),
            ("Light", self.cycle_light, "Preview the map at night, generators on or off (N)", 52),
            (
                "Play-test",
                self.open_playtest_form,
                "Play the map as it is now (F5 starts at once)"
                "; the battle's end or Quit brings you back",
                96,  # bold: wider than the others' text
            ),
            ("Help", self.open_help, "Keys and tools (F1)", 46),
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
        right = bar.right - px(6)
        exit_rect = pygame.Rect(right - px(54), y, px(54), h)
        self.top_buttons["Exit"] = w.button(
            "top", exit_rect, "Exit", self.ask_exit, "Back to the main menu", object_id="#ed"
        )
        rw = max(px(90), min(px(170), exit_rect.x - x - px(8)))
        self.recent = w.dropdown(
            "top",
            pygame.Rect(exit_rect.x - rw - px(4), y, rw, h),
            recent_choices(),
            "",
            self.open_recent,
        )

    def refresh_recent(self) -> None:
        if self.widgets is None or not hasattr(self, "recent") or not self.recent.alive():
            return
        rect = self.recent.relative_rect.copy()
        self.widgets.drop(self.recent)
        self.recent = self.widgets.dropdown("top", rect, recent_choices(), "", self.open_recent)

    def open_recent(self, value: str) -> None:
        if not value:
            return
        self.refresh_recent()
        self.unsaved_then(lambda: self.load_file(Path(value)))

    def cycle_light(self) -> None:
        mode = LIGHT_MODES[(LIGHT_MODES.index(self.view.mode) + 1) % len(LIGHT_MODES)]
        self.view.set_mode(mode)
        self.say(LIGHT_LABELS[mode] + (f" ({self.view.night_ambient})" if mode != "edit" else ""))

    # --- the status bar -----------------------------------------------------------------------
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
