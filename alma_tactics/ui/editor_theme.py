"""The map editor's look, shared by the screen and its mixins: the tile and panel sizes,
the colours of the panels and of the status messages, and the pygame_gui theme blocks
of the editor's denser widgets (scaled with the UI scale).
"""

from __future__ import annotations

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
NOTE_PX = 14  # the text size of the panels' notes

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


def scaled_theme(scale: float) -> dict:
    """`EDITOR_THEME` with its font sizes and list rows scaled by `scale`."""
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
