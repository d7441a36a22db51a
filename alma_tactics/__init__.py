"""Alma Tactics: a turn-based tactical wargame of the Alliance resistance on Alma."""

__version__ = "0.2.0"
