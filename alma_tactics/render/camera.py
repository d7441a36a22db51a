"""Where the board is on screen: the grid <-> pixel layout (kept out of `core`).

`x`, `y` are the map position, in tiles (fractional), at the top-left corner of the
view; `zoom` scales the base `tile` size. Pixel positions given to and returned by
the camera are relative to the view rectangle's top-left corner. Rounding is done
once, on the view's origin, so `to_tile(to_screen(p)) == p` at every zoom.
"""

from __future__ import annotations

import math

import pygame

ZOOM_LEVELS = (0.5, 0.75, 1.0, 1.5, 2.0)


class Camera:
    def __init__(self, tile: int = 32, x: float = 0.0, y: float = 0.0, zoom: float = 1.0) -> None:
        self.tile = tile
        self.x = float(x)
        self.y = float(y)
        self.zoom = float(zoom)

    @property
    def tile_px(self) -> int:
        """Pixels per tile at the current zoom."""
        return max(1, round(self.tile * self.zoom))

    def origin(self) -> tuple[int, int]:
        """The map's pixel position (at this zoom) of the view's top-left corner."""
        tp = self.tile_px
        return round(self.x * tp), round(self.y * tp)

    def to_screen(self, pos: tuple[int, int]) -> tuple[int, int]:
        """Top-left pixel of tile `pos`, relative to the view."""
        tp = self.tile_px
        ox, oy = self.origin()
        return pos[0] * tp - ox, pos[1] * tp - oy

    def centre_px(self, pos: tuple[float, float]) -> tuple[int, int]:
        """The pixel (relative to the view) at the centre of tile `pos` (fractional ok)."""
        tp = self.tile_px
        ox, oy = self.origin()
        return round((pos[0] + 0.5) * tp) - ox, round((pos[1] + 0.5) * tp) - oy

    def to_tile(self, pixel: tuple[int, int]) -> tuple[int, int]:
        """The tile under a pixel given relative to the view."""
        tp = self.tile_px
        ox, oy = self.origin()
        return (pixel[0] + ox) // tp, (pixel[1] + oy) // tp

    def visible_tiles(self, view: pygame.Rect) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1): the tile range (x1, y1 exclusive) the view shows, unclipped."""
        tp = self.tile_px
        ox, oy = self.origin()
        return (
            ox // tp,
            oy // tp,
            -((-(ox + view.width)) // tp),
            -((-(oy + view.height)) // tp),
        )

    def centre_on(self, pos: tuple[float, float], view: pygame.Rect) -> None:
        """Put the centre of tile `pos` in the middle of the view."""
        tp = self.tile_px
        self.x = pos[0] + 0.5 - view.width / (2 * tp)
        self.y = pos[1] + 0.5 - view.height / (2 * tp)

    def pan(self, dx_px: float, dy_px: float) -> None:
        """Move the view by pixels (positive: the view moves right/down over the map)."""
        tp = self.tile_px
        self.x += dx_px / tp
        self.y += dy_px / tp

    def zoom_at(self, factor: float, pixel: tuple[int, int]) -> None:
        """Step to the next zoom level in the direction of `factor` (0.5..2), keeping the
        map point under `pixel` (relative to the view) where it is."""
        if factor == 1:
            return
        target = self.zoom * factor
        if factor > 1:
            steps = [z for z in ZOOM_LEVELS if z > self.zoom + 1e-9]
            within = [z for z in steps if z <= target + 1e-9]
            level = within[-1] if within else (steps[0] if steps else None)
        else:
            steps = [z for z in ZOOM_LEVELS if z < self.zoom - 1e-9]
            within = [z for z in steps if z >= target - 1e-9]
            level = within[0] if within else (steps[-1] if steps else None)
        if level is None:
            return
        old = self.tile_px
        mx, my = self.x + pixel[0] / old, self.y + pixel[1] / old
        self.zoom = level
        new = self.tile_px
        self.x, self.y = mx - pixel[0] / new, my - pixel[1] / new

    def clamp(self, map_w: int, map_h: int, view: pygame.Rect) -> None:
        """Keep the map on screen: at most half a view of empty space past any edge; a map
        smaller than the view is centred."""
        tp = self.tile_px
        vw, vh = view.width / tp, view.height / tp
        for axis, size, span in (("x", map_w, vw), ("y", map_h, vh)):
            if size <= span:
                value = (size - span) / 2
            else:
                value = min(max(getattr(self, axis), -span / 4), size - span * 3 / 4)
            setattr(self, axis, value)

    def snap(self) -> None:
        """Round the position to whole pixels (steadier sprites while panning)."""
        tp = self.tile_px
        self.x = math.floor(self.x * tp + 0.5) / tp
        self.y = math.floor(self.y * tp + 0.5) / tp

    def __repr__(self) -> str:
        return f"Camera(tile={self.tile}, x={self.x:.2f}, y={self.y:.2f}, zoom={self.zoom})"
