"""What one side knows: the tiles it has ever seen, the enemies it sees now, and the
ghosts of enemies where it last saw them.

The AI and the renderer read this, never the true positions of unseen enemies.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Ghost:
    """An enemy last seen at (x, y) on `turn`; the side does not know more."""

    unit: str
    type_id: str
    x: int
    y: int
    turn: int


@dataclass
class Knowledge:
    side: str
    explored: np.ndarray  # bool [y, x]: seen at least once
    spotted: set[str] = field(default_factory=set)  # enemy unit ids in sight now
    ghosts: dict[str, Ghost] = field(default_factory=dict)
    heard: list[list[int]] = field(default_factory=list)  # [x, y, turn] of recent noises
    last_seen: dict[str, list[int]] = field(default_factory=dict)  # spotted enemy -> [x, y]

    @classmethod
    def empty(cls, side: str, width: int, height: int) -> Knowledge:
        return cls(side, np.zeros((height, width), dtype=np.bool_))

    def to_dict(self) -> dict:
        packed = np.packbits(self.explored, axis=None).tobytes()
        return {
            "explored": base64.b64encode(packed).decode(),
            "spotted": sorted(self.spotted),
            "ghosts": {k: vars(g).copy() for k, g in sorted(self.ghosts.items())},
            "heard": [list(h) for h in self.heard],
            "last_seen": {k: list(v) for k, v in sorted(self.last_seen.items())},
        }

    @classmethod
    def from_dict(cls, side: str, data: dict, width: int, height: int) -> Knowledge:
        bits = np.frombuffer(base64.b64decode(data["explored"]), dtype=np.uint8)
        explored = np.unpackbits(bits)[: width * height].astype(np.bool_).reshape(height, width)
        ghosts = {k: Ghost(**g) for k, g in data.get("ghosts", {}).items()}
        heard = [list(h) for h in data.get("heard", [])]
        last_seen = {k: list(v) for k, v in data.get("last_seen", {}).items()}
        return cls(side, explored, set(data.get("spotted", [])), ghosts, heard, last_seen)
