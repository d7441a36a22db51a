"""The load-game screen: the saves folder's games, newest first. A save is checked when
chosen and replayed when loaded; a bad one says why in one line and the screen stays."""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from .menu_screen import MenuScreen, battle_missing, markup


class LoadGameScreen(MenuScreen):
    """The saves folder's games, newest first; a bad save shows why, in one line."""

    def __init__(self, app, error: str = "") -> None:
        super().__init__(app)
        self.first_error = error
        self.confirm: Path | None = None  # a save that replays differently: Load again plays it

    def build(self) -> None:
        app, px = self.app, self.app.px
        w, h = app.size
        m = px(40)
        self.label(self.rect(m, px(20), w - 2 * m, px(68)), "Load game", "#title")
        folder = app.saves_dir
        paths = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        self.saves = {}
        for path in paths:
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            self.saves[f"{path.stem}   \u00b7  {stamp}"] = path
        top, bottom = px(96), h - px(150)
        list_w = min(px(460), w // 2 - m)
        self.list = self.add(
            UISelectionList(
                self.rect(m, top, list_w, bottom - top), list(self.saves), manager=self.manager
            )
        )
        x = m + list_w + px(24)
        empty = f"No saved games yet.<br><br>Saves are kept in {markup(str(folder))}"
        self.details = self.text_box(
            self.rect(x, top, w - x - m, bottom - top),
            "Choose a save." if self.saves else empty,
        )
        self.error = self.label(self.rect(m, bottom + px(10), w - 2 * m, px(40)), "", "#error")
        self.error.set_text(self.first_error)
        by = h - px(76)
        self.button(self.rect(m, by, px(160), px(48)), "Back", self.back)
        self.load = self.button(
            self.rect(w - m - px(220), by, px(220), px(48)), "Load  \u00bb", self.open, "#primary"
        )
        self.load.disable()
        self.selected: Path | None = None

    def handle_event(self, event: pygame.event.Event) -> None:
        if (
            event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION
            and event.ui_element is self.list
        ):
            self.choose(self.saves.get(event.text))
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION
            and event.ui_element is self.list
        ):
            self.choose(None)
        elif (
            event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION
            and event.ui_element is self.list
        ):
            self.choose(self.saves.get(event.text))
            self.open()
        else:
            super().handle_event(event)

    def choose(self, path: Path | None) -> None:
        from ..match.saves import SaveError, read_save

        self.selected = path
        self.confirm = None
        self.error.set_text("")
        if path is None:
            self.details.set_text("Choose a save.")
            self.load.disable()
            return
        self.load.enable()
        try:
            data = read_save(path)
        except SaveError as exc:
            self.details.set_text(markup(f"{path.name}\n\nThis save cannot be loaded."))
            self.error.set_text(str(exc))
            return
        meta = data["scenario"].get("scenario", {})
        humans = [side for side, c in data.get("controllers", {}).items() if c == "human"]
        self.details.set_text(
            f"<b>{markup(meta.get('title', data.get('scenario_name', '?')))}</b><br>"
            + markup(meta.get("description", ""))
            + f"<br><br>Seed {data['seed']}  \u00b7  {len(data['log'])} actions played"
            + f"<br>Played by: {markup(', '.join(humans) or 'the computer')}"
            + f"<br>Saved with version {markup(str(data.get('game_version', '?')))}"
        )

    def open(self) -> None:
        from ..match.saves import SaveError
        from .app import scenario_of_save

        path = self.selected
        if path is None:
            return
        try:
            loaded = self.app.load_game(path)
        except SaveError as exc:
            self.error.set_text(str(exc))
            return
        if not loaded.verified and self.confirm != path:
            self.confirm = path
            self.error.set_text(
                "This save replays to a different state (the rules changed since). "
                "Press Load again to play it anyway."
            )
            return
        try:
            self.app.resume_battle(loaded.match, scenario_of_save(loaded.match))
        except ImportError as exc:
            self.error.set_text(battle_missing(exc))
