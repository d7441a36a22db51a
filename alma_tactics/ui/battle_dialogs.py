"""The battle screen's modal dialogs and pause menu.

`DialogsMixin` gives `BattleScreen` one modal at a time (`screen.modal`: its kind,
panel and buttons' callbacks): a confirmation box, the pause menu, and behind the
pause menu saving, loading, the settings screen, surrender and quitting to the
menu; also the autosave written as each human side's turn begins.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UISelectionList

from .battle_input import Keys
from .battle_panels import DANGER, GOOD, WARN, Fonts
from .battle_tooltips import _escape

log = logging.getLogger(__package__ + ".battle")  # the battle screen's logger


class DialogsMixin:
    """The dialogs and pause menu of `BattleScreen` (methods only; the screen holds the state)."""

    def _r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A rectangle given at UI scale 1, scaled."""
        px = self.px
        return pygame.Rect(px(x), px(y), px(w), px(h))

    def _open_modal(
        self, kind: str, title: str, width: int, height: int
    ) -> tuple[UIPanel, pygame.Rect]:
        self._close_modal()
        w, h = self.app.window.get_size()
        size = (self.px(width), self.px(height))
        rect = pygame.Rect((w - size[0]) // 2, (h - size[1]) // 2, *size)
        panel = UIPanel(rect, starting_height=5, manager=self.manager)
        UILabel(
            self._r(0, 10, width - 4, 30),
            title,
            manager=self.manager,
            container=panel,
            object_id=ObjectID(object_id="#battle_dialog_title"),
        )
        self.modal = {"kind": kind, "panel": panel, "callbacks": {}, "rect": rect}
        self.armed = None
        return panel, rect

    def _modal_button(
        self, panel, rect: pygame.Rect, text: str, callback, tip: str | None = None, main=False
    ):
        button = UIButton(
            rect,
            text,
            manager=self.manager,
            container=panel,
            tool_tip_text=tip,
            object_id=ObjectID(object_id="#primary") if main else None,
        )
        self.modal["callbacks"][button] = callback
        return button

    def _close_modal(self) -> None:
        if self.modal is not None:
            self.modal["panel"].kill()
            self.modal = None

    def _confirm(self, title: str, message: str, yes: str, on_yes, kind: str = "confirm") -> None:
        from pygame_gui.elements import UITextBox

        width, height = 480, 270
        panel, _ = self._open_modal(kind, title, width, height)
        UITextBox(
            _escape(message),
            self._r(14, 46, width - 32, 150),
            manager=self.manager,
            container=panel,
        )
        self._modal_button(panel, self._r(14, 208, 210, 42), yes, on_yes, main=True)
        self._modal_button(panel, self._r(width - 228, 208, 210, 42), "Cancel", self._close_modal)

    def _open_pause(self) -> None:
        width, height = 320, 390
        panel, _ = self._open_modal("pause", "Paused", width, height)
        items = (
            ("Resume", self._close_modal, "Back to the battle (Escape)."),
            ("Save game", lambda: self._save(), "Save to the saves folder."),
            ("Load game", self._open_load, "Load a saved battle."),
            ("Settings", self._open_settings, "Display, sound, accessibility, keys."),
            ("Surrender", self._ask_surrender, "Give up this battle: to the after-action report."),
            ("Quit to menu", self._ask_quit, "Leave the battle (unsaved progress is lost)."),
        )
        for i, (text, callback, tip) in enumerate(items):
            self._modal_button(panel, self._r(30, 50 + i * 52, width - 66, 42), text, callback, tip)

    def _saves_dir(self) -> Path:
        folder = getattr(self.app, "saves_dir", None)
        if folder is not None:
            return Path(folder)
        from .settings import saves_dir

        return saves_dir()

    def save_name(self) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = self.match.scenario_name or "battle"
        return f"{name}-turn{self.state.turn}-{stamp}"

    def _save(self, name: str | None = None) -> Path | None:
        """Write the match to the saves folder; returns the file (None if it failed)."""
        from ..match.saves import SaveError, write_save

        name = name or self.save_name()
        try:
            path = write_save(self.match, self._saves_dir() / f"{name}.json")
        except (SaveError, OSError) as exc:
            self._say(f"Could not save: {exc}", DANGER)
            return None
        self._close_modal()
        self._say(f"Saved: {path.name}", GOOD)
        self.last_save = path
        return path

    def _autosave(self) -> None:
        """At the start of each human side's turn, an autosave (the last few are kept)."""
        from ..match.saves import SaveError

        try:
            self.autosaver.tick(self.match, self.human_sides, self._saves_dir())
        except (SaveError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
            self._say(f"Autosave failed: {exc}", WARN)

    def _open_load(self) -> None:
        folder = self._saves_dir()
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        width, height = 520, 430
        panel, _ = self._open_modal("load", "Load game", width, height)
        self.modal["files"] = {p.stem: p for p in files}
        if not files:
            UILabel(
                pygame.Rect(14, 60, width - 34, 30),
                "No saved games yet.",
                manager=self.manager,
                container=panel,
            )
        listing = UISelectionList(
            pygame.Rect(14, 44, width - 34, 300),
            [p.stem for p in files],
            manager=self.manager,
            container=panel,
        )
        self.modal["list"] = listing
        self._modal_button(panel, pygame.Rect(14, 356, 200, 40), "Load", self._load_chosen)
        self._modal_button(panel, pygame.Rect(width - 220, 356, 200, 40), "Back", self._open_pause)

    def _load_chosen(self) -> None:
        if not self.modal or self.modal.get("kind") != "load":
            return
        chosen = self.modal["list"].get_single_selection()
        if chosen is None:
            self._say("Choose a save first.", WARN)
            return
        self._load_path(self.modal["files"][chosen])

    def _load_path(self, path: Path) -> None:
        from ..match.saves import SaveError, load_save

        try:
            loaded = load_save(path)
        except SaveError as exc:
            self._close_modal()
            self._say(str(exc), DANGER)
            return
        if not loaded.verified:
            self._say("Warning: the save does not replay to the same state.", WARN)
        from .app import scenario_of_save

        scenario = scenario_of_save(loaded.match)
        self._close_modal()
        resume = getattr(self.app, "resume_battle", None)
        if callable(resume):
            resume(loaded.match, scenario)
        else:
            from .battle import BattleScreen

            human = [s.id for s in loaded.match.state.sides if s.controller == "human"]
            self.app.switch(BattleScreen(self.app, loaded.match, human, scenario))

    def _open_settings(self) -> None:
        self._close_modal()
        try:
            from .settings_screen import SettingsScreen
        except ImportError:
            self._say("No settings screen yet.", WARN)
            return
        screen = SettingsScreen(self.app)
        battle = self

        def back() -> None:
            battle.settings = getattr(battle.app, "settings", battle.settings)
            battle.keys = Keys(battle.settings)
            battle.fonts = Fonts(float(getattr(battle.settings, "ui_scale", 1.0)))
            speed = getattr(battle.animator, "speed", None)
            if speed is not None:
                battle.animator.speed = float(getattr(battle.settings, "animation_speed", 1.0))
            blind = bool(getattr(battle.settings, "colour_blind", False))
            switch = getattr(battle.renderer, "set_colour_blind", None)
            if callable(switch):
                switch(blind)
            elif hasattr(battle.renderer, "colour_blind"):
                battle.renderer.colour_blind = blind
            battle.app.switch(battle)

        screen.back = back
        self.app.switch(screen)

    def _ask_surrender(self) -> None:
        self._confirm(
            "Surrender?",
            "Give up the battle and go to the after-action report.",
            "Surrender",
            self._surrender,
            kind="surrender",
        )

    def _surrender(self) -> None:
        self._close_modal()
        self.finished = True
        self.surrendered = self.viewer
        self.app.show_after_action(self.match, self.scenario)

    def _ask_quit(self) -> None:
        self._confirm(
            "Quit to the menu?",
            "Leave the battle for the main menu. Progress since your last save is lost.",
            "Quit",
            self._quit,
            kind="quit",
        )

    def _quit(self) -> None:
        self._close_modal()
        for name in ("main_menu", "show_main_menu", "show_menu"):
            door = getattr(self.app, name, None)
            if callable(door):
                door()
                return
        self.app.quit()
