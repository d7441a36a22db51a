"""Drawing the battle screen's panels: the top bar, unit panel, objectives, combat log,
tooltips, the turn banner and the hand-over curtain. Plain pygame drawing; the
widgets (buttons, menus, dialogs) are pygame_gui's and live in `battle`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

from ..core.state import GameState
from ..core.units import Unit
from ..render.words import plain_name

INK = (207, 227, 238)
DIM = (120, 150, 166)
FAINT = (70, 92, 105)
ACCENT = (79, 214, 240)
WARN = (240, 190, 80)
DANGER = (240, 96, 80)
GOOD = (110, 220, 130)
PANEL = (11, 20, 29)
PANEL_EDGE = (31, 78, 96)


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans (the widgets' font, shipped with pygame_gui), else pygame's default."""
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    try:
        import pygame_gui

        path = Path(pygame_gui.__file__).parent / "data" / name
        return pygame.font.Font(str(path), size)
    except (OSError, FileNotFoundError, ImportError):  # pragma: no cover - a trimmed install
        return pygame.font.Font(None, size + 4)


@dataclass
class Fonts:
    scale: float = 1.0

    def __post_init__(self) -> None:
        s = self.scale
        self.small = font(max(9, round(13 * s)))
        self.body = font(max(10, round(15 * s)))
        self.bold = font(max(10, round(15 * s)), True)
        self.title = font(max(12, round(19 * s)), True)
        self.huge = font(max(16, round(34 * s)), True)


def panel(surface: pygame.Surface, rect: pygame.Rect, alpha: int = 235, edge: bool = True) -> None:
    box = pygame.Surface(rect.size, pygame.SRCALPHA)
    box.fill((*PANEL, alpha))
    surface.blit(box, rect.topleft)
    if edge:
        pygame.draw.rect(surface, PANEL_EDGE, rect, 1)


def wrap(text: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """Break `text` into lines no wider than `width` pixels (words kept whole)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if fnt.size(trial)[0] <= width or not line:
                line = trial
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def text(
    surface: pygame.Surface,
    words: str,
    pos: tuple[int, int],
    fnt: pygame.font.Font,
    colour=INK,
) -> int:
    """Blit one line; returns its height."""
    image = rendered(words, fnt, colour)
    surface.blit(image, pos)
    return image.get_height()


_RENDERED: dict[tuple, pygame.Surface] = {}


def rendered(words: str, fnt: pygame.font.Font, colour=INK) -> pygame.Surface:
    """A line of text as an image, kept between frames (panels redraw every frame)."""
    key = (words, id(fnt), tuple(colour))
    image = _RENDERED.get(key)
    if image is None:
        if len(_RENDERED) > 2000:
            _RENDERED.clear()
        image = _RENDERED[key] = fnt.render(words, True, colour)
    return image


def heading(surface: pygame.Surface, words: str, rect: pygame.Rect, fonts: Fonts) -> int:
    text(surface, words.upper(), (rect.x + 10, rect.y + 6), fonts.small, ACCENT)
    return rect.y + 6 + fonts.small.get_linesize() + 2


def bar(surface, rect: pygame.Rect, value: int, top: int, colour) -> None:
    pygame.draw.rect(surface, (27, 42, 53), rect)
    if top > 0:
        fill = rect.copy()
        fill.w = max(0, round(rect.w * min(1.0, value / top)))
        pygame.draw.rect(surface, colour, fill)
    pygame.draw.rect(surface, PANEL_EDGE, rect, 1)


# --- the unit panel -----------------------------------------------------------------------------
def unit_lines(state: GameState, unit: Unit) -> list[tuple[str, tuple]]:
    """What the panel says about one of the side's units, with colours."""
    utype = state.utype(unit)
    out: list[tuple[str, tuple]] = []
    for wid in utype.weapons:
        weapon = state.catalog.weapons[wid]
        if weapon.kind in ("claws", "tail"):
            continue
        ammo = ""
        if weapon.magazine:
            left = unit.ammo.get(wid, 0)
            ammo = f"  {left}/{weapon.magazine}"
        quiet = " · silenced" if weapon.silenced else ""
        out.append((f"{weapon.name}{ammo}{quiet}", INK if not ammo or left else WARN))
    kit = ", ".join(f"{n} {item}" for item, n in sorted(unit.inventory.items()) if n)
    if kit:
        out.append((f"Carries: {kit}", DIM))
    status = []
    if unit.overwatch:
        status.append(f"on overwatch ({unit.overwatch[1]})")
    for name, left in sorted(unit.status.items()):
        if name in ("stunned", "emp", "hamstrung", "bleeding", "dodging"):
            status.append(name + (f" {left}t" if left else ""))
    if unit.mounted_on:
        status.append(f"riding {unit.mounted_on}")
    if unit.carried_by:
        status.append(f"inside {unit.carried_by}")
    if status:
        out.append(("Status: " + ", ".join(status), WARN))
    return out


def draw_unit_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    state: GameState,
    unit: Unit | None,
    fonts: Fonts,
    hint: str = "",
) -> None:
    panel(surface, rect)
    y = heading(surface, "Unit", rect, fonts)
    x = rect.x + 10
    if unit is None:
        for line in wrap(
            hint or "Click one of your units (Tab: next unit).", fonts.body, rect.w - 20
        ):
            y += text(surface, line, (x, y), fonts.body, DIM)
        return
    utype = state.utype(unit)
    name = plain_name(state, unit.id)
    y += text(surface, name, (x, y), fonts.title)
    kind = utype.name if utype.name != name else f"hero, {utype.species}"
    y += text(surface, f"{kind} · {unit.alertness}", (x, y), fonts.small, DIM) + 4
    w = rect.w - 20
    label_w = fonts.small.size("HP 000/000")[0] + 8
    for label, value, top, colour in (
        ("HP", unit.hp, utype.hp, GOOD if unit.hp * 3 > utype.hp else DANGER),
        ("AP", unit.ap, utype.ap, ACCENT),
    ):
        text(surface, f"{label} {value}/{top}", (x, y), fonts.small)
        bar(surface, pygame.Rect(x + label_w, y + 4, w - label_w, 9), value, top, colour)
        y += fonts.small.get_linesize() + 2
    y += 2
    for line, colour in unit_lines(state, unit):
        for part in wrap(line, fonts.small, w):
            if y > rect.bottom - fonts.small.get_linesize():
                return
            y += text(surface, part, (x, y), fonts.small, colour)


# --- objectives ---------------------------------------------------------------------------------
def objective_rows(state: GameState, side: str) -> list[tuple[str, tuple]]:
    rows = []
    for o in state.objectives:
        if o.get("side") != side:
            continue
        status = o.get("status", "open")
        mark, colour = {"done": ("[x]", GOOD), "failed": ("[!]", DANGER)}.get(status, ("[ ]", INK))
        extra = " (secondary)" if o.get("kind") == "secondary" else ""
        rows.append((f"{mark} {o['text']}{extra}", colour))
    if not rows:
        rows.append(("[ ] Defeat every enemy unit", INK))
    return rows


def draw_objectives(surface, rect: pygame.Rect, state: GameState, side: str, fonts: Fonts) -> None:
    panel(surface, rect)
    y = heading(surface, "Objectives", rect, fonts)
    for line, colour in objective_rows(state, side):
        for part in wrap(line, fonts.small, rect.w - 20):
            if y > rect.bottom - fonts.small.get_linesize():
                return
            y += text(surface, part, (rect.x + 10, y), fonts.small, colour)


# --- the log ------------------------------------------------------------------------------------
@dataclass
class LogLine:
    turn: int
    text: str
    index: int  # len(match.log) after the action that produced it (undo drops it)
    heard: bool = False


def draw_log(
    surface, rect: pygame.Rect, lines: list[LogLine], fonts: Fonts, scroll: int = 0
) -> None:
    """The newest lines at the bottom; `scroll` lines back from the newest."""
    panel(surface, rect)
    top = heading(surface, "Combat log", rect, fonts)
    fnt = fonts.small
    h = fnt.get_linesize()
    prefix_w = fnt.size("T00 ")[0]
    width = rect.w - 20 - prefix_w
    rows: list[tuple[str, str, tuple]] = []
    for line in lines:
        colour = WARN if line.heard else (DANGER if "ALARM" in line.text else INK)
        for k, part in enumerate(wrap(line.text, fnt, width)):
            rows.append((f"T{line.turn}" if k == 0 else "", part, colour))
    fit = max(1, (rect.bottom - top - 4) // h)
    end = max(0, len(rows) - scroll)
    shown = rows[max(0, end - fit) : end]
    y = top
    clip = surface.get_clip()
    surface.set_clip(rect)
    for turn, part, colour in shown:
        text(surface, turn, (rect.x + 10, y), fnt, FAINT)
        text(surface, part, (rect.x + 10 + prefix_w, y), fnt, colour)
        y += h
    surface.set_clip(clip)
    if not lines:
        text(surface, "Nothing has happened yet.", (rect.x + 10, top), fnt, DIM)


# --- tooltip, banner, curtain -------------------------------------------------------------------
def draw_tooltip(
    surface,
    lines: list[tuple[str, tuple]],
    anchor: tuple[int, int],
    bounds: pygame.Rect,
    fonts: Fonts,
    width: int = 340,
) -> pygame.Rect:
    """A box of lines beside `anchor`, kept inside `bounds`; the first line is the title."""
    fnt = fonts.small
    rows: list[tuple[str, tuple, pygame.font.Font]] = []
    for i, (line, colour) in enumerate(lines):
        f = fonts.bold if i == 0 else fnt
        for part in wrap(line, f, width - 16):
            rows.append((part, colour, f))
    h = sum(f.get_linesize() for _, _, f in rows) + 12
    w = min(width, max(f.size(p)[0] for p, _, f in rows) + 18) if rows else 40
    rect = pygame.Rect(anchor[0] + 18, anchor[1] + 18, w, h)
    if rect.right > bounds.right:
        rect.right = anchor[0] - 12
    if rect.bottom > bounds.bottom:
        rect.bottom = anchor[1] - 12
    rect.clamp_ip(bounds)
    panel(surface, rect, 240)
    y = rect.y + 6
    for part, colour, f in rows:
        text(surface, part, (rect.x + 9, y), f, colour)
        y += f.get_linesize()
    return rect


def draw_banner(
    surface, view: pygame.Rect, words: str, sub: str, fonts: Fonts, fade: float
) -> None:
    """The turn banner across the map, fading out (`fade` 1 -> 0)."""
    alpha = max(0, min(255, round(255 * fade)))
    if alpha <= 0:
        return
    big = fonts.huge.render(words, True, INK)
    small = fonts.body.render(sub, True, DIM) if sub else None
    h = big.get_height() + (small.get_height() if small else 0) + 24
    w = min(view.w - 40, max(big.get_width(), small.get_width() if small else 0) + 120)
    rect = pygame.Rect(view.centerx - w // 2, view.y + 16, w, h)
    layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    layer.fill((*PANEL, min(215, alpha)))
    pygame.draw.line(layer, (*ACCENT, alpha), (0, 0), (rect.w, 0), 2)
    pygame.draw.line(layer, (*ACCENT, alpha), (0, rect.h - 2), (rect.w, rect.h - 2), 2)
    big.set_alpha(alpha)
    layer.blit(big, ((rect.w - big.get_width()) // 2, 10))
    if small is not None:
        small.set_alpha(alpha)
        layer.blit(small, ((rect.w - small.get_width()) // 2, 12 + big.get_height()))
    surface.blit(layer, rect.topleft)


def draw_curtain(surface, rect: pygame.Rect, side_name: str, fonts: Fonts) -> None:
    """Hot-seat privacy: nothing of the board, only who should take the seat."""
    surface.fill((5, 9, 13), rect)
    lines = [
        (f"{side_name}: your turn", fonts.huge, INK),
        ("Pass the computer to this player.", fonts.body, DIM),
        ("Click or press any key when ready.", fonts.body, ACCENT),
    ]
    y = rect.centery - 60
    for words, fnt, colour in lines:
        image = fnt.render(words, True, colour)
        surface.blit(image, (rect.centerx - image.get_width() // 2, y))
        y += image.get_height() + 10


# --- the frame shared by the battle screen and the replay viewer -----------------------------
SIDE_W = 330
TOP_H = 34


def frame_layout(
    size: tuple[int, int], px, grid_size: tuple[int, int], bar_h: int
) -> dict[str, pygame.Rect]:
    """Top bar, map view, side panel, bottom bar and a minimap shaped like the map;
    each screen lays out the rest of its side panel below `minimap`."""
    w, h = size
    top_h = px(TOP_H)
    side_w = min(px(SIDE_W), max(220, w // 3))
    rects = {
        "top": pygame.Rect(0, 0, w, top_h),
        "map": pygame.Rect(0, top_h, w - side_w, h - top_h - bar_h),
        "side": pygame.Rect(w - side_w, top_h, side_w, h - top_h - bar_h),
        "bar": pygame.Rect(0, h - bar_h, w, bar_h),
    }
    side = rects["side"]
    gw, gh = grid_size
    mini_w = side.w - 16
    mini_h = min(round(mini_w * gh / max(1, gw)), max(80, side.h // 4))
    mini_w = min(mini_w, round(mini_h * gw / max(1, gh)))
    rects["minimap"] = pygame.Rect(side.x + (side.w - mini_w) // 2, side.y + 8, mini_w, mini_h)
    return rects
