"""The state's own dice: seeded, serialisable, identical in every process.

numpy promises that a bit generator's raw stream never changes between releases
(NEP 19) but not that `Generator` methods keep their algorithms, so dice are
derived from `PCG64.random_raw()` here, with integer arithmetic only.
"""

from __future__ import annotations

import numpy as np


class Rng:
    def __init__(self, seed: int = 0) -> None:
        self._bits = np.random.PCG64(seed)
        self.draws = 0  # how many numbers were taken; undo uses it to spot a roll

    def _raw(self) -> int:
        self.draws += 1
        return int(self._bits.random_raw())

    def below(self, n: int) -> int:
        """A uniform integer in [0, n), unbiased by rejection."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            r = self._raw()
            if r < limit:
                return r % n

    def percent(self) -> int:
        """A d100 roll: 1..100. A chance of c percent succeeds when roll <= c."""
        return self.below(100) + 1

    def chance(self, percent: int) -> bool:
        return self.percent() <= percent

    def between(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return low + self.below(high - low + 1)

    def choice(self, items: list):
        return items[self.below(len(items))]

    def to_dict(self) -> dict:
        state = self._bits.state["state"]
        return {"state": str(state["state"]), "inc": str(state["inc"]), "draws": self.draws}

    @classmethod
    def from_dict(cls, data: dict) -> Rng:
        rng = cls(0)
        rng._bits.state = {
            "bit_generator": "PCG64",
            "state": {"state": int(data["state"]), "inc": int(data["inc"])},
            "has_uint32": 0,
            "uinteger": 0,
        }
        rng.draws = int(data.get("draws", 0))
        return rng
