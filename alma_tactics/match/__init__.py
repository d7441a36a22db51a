"""A game in progress: initial state, seed, action log; undo and replays."""

from .match import Match

__all__ = ["Match"]
