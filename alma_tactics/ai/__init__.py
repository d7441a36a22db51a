"""Computer players. They read one side's knowledge only (`SideView`), choose actions
that pass `rules.check`, and never change the state themselves: the match does."""

from . import melee_sense, raid  # noqa: F401  (register close-combat and raid options)
from .player import AiPlayer, choose_action

__all__ = ["AiPlayer", "choose_action"]
