"""The map editor's tool box, down the left: a button for each tool, the brush size,
the symmetry of terrain strokes and the terrain palette; and choosing the tool, the
terrain, the brush size and the symmetry (by button or key). What each tool does
on the map is `editor_tools`.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

from typing import Any

import pygame

from ..editor.painting import Symmetry
from .editor_tools import TERRAIN_TOOLS, TOOLS

SYMMETRY_NAMES = {
    Symmetry.NONE: "none",
    Symmetry.HORIZONTAL: "left-right",
    Symmetry.VERTICAL: "top-bottom",
    Symmetry.BOTH: "four ways",
    Symmetry.POINT: "half turn",
}


class ToolboxMixin:
    # --- the widgets --------------------------------------------------------------------------
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
        self.symmetry_dropdown(pygame.Rect(x0 + px(76), y, left.w - px(92), bh), self.symmetry)
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

    def symmetry_dropdown(self, rect: pygame.Rect, symmetry: Symmetry) -> None:
        """(Re)make the symmetry menu, showing `symmetry`."""
        self.symmetry_menu = self.widgets.dropdown(
            "tools",
            rect,
            [(SYMMETRY_NAMES[s], s.value) for s in Symmetry],
            symmetry.value,
            lambda v: self.set_symmetry(Symmetry(v)),
        )

    # --- choosing -----------------------------------------------------------------------------
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
            self.symmetry_dropdown(rect, symmetry)
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
