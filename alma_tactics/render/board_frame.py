"""What every layer drawn over the terrain needs for one frame of the board.

`BoardRenderer.draw` fills one in and hands it to the object, unit and overlay layers
(`objects_layer`, `units_layer`, `overlay_layer`), so they share one description of
where the map lands on the screen, what the side knows, and the renderer's sprites,
text and settings, without reaching back into the renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ..core.catalog import Catalog
from ..core.state import GameState
from . import palette as pal
from .sideview import SideView
from .sprites import Sprites


@dataclass(slots=True)
class BoardFrame:
    surface: pygame.Surface  # drawn on, clipped to the board's rectangle
    state: GameState
    view: SideView  # what the side knows this frame
    tp: int  # pixels a tile
    bx: int  # the screen position of the map's top-left corner
    by: int
    bounds: tuple[int, int, int, int]  # the tiles in view: x0, y0, x1, y1 (x1, y1 past it)
    sprites: Sprites
    catalog: Catalog  # the renderer's (unit sizes, AP)
    colour_blind: bool  # patterns and outlines instead of tints
    time: float  # seconds: blinking, pulsing, drifting
    text: Callable[..., pygame.Surface]  # `BoardRenderer.text`: cached text pictures
    style_of: Callable[[GameState, str], pal.SideStyle]  # `BoardRenderer.style_of`
