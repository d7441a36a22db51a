"""The desktop game's window and main loop, and the doors between screens.

`App.frame()` runs one frame (events -> pygame_gui -> the screen; update; draw
the screen, then the widgets; flip), so tests drive the real screens frame by
frame with posted mouse and key events. `run_app(args)` is what `alma-tactics`
and `alma-tactics play|edit` call when there is a display.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from .screen import Screen  # noqa: E402
from .settings import Settings, saves_dir  # noqa: E402

if TYPE_CHECKING:
    import argparse

    from ..core.catalog import Catalog
    from ..match.match import Match
    from ..match.saves import Loaded
    from ..scenario.files import Scenario
    from .sounds import SoundPlayer

THEME_PATH = Path(__file__).with_name("theme.json")
FPS = 60
# Fonts the HTML text boxes use, loaded up front so pygame_gui does not warn.
HTML_FONTS = ((16, "bold"), (16, "italic"))


def load_theme(scale: float = 1.0) -> dict:
    """theme.json with every font size multiplied by the UI scale."""
    theme = json.loads(THEME_PATH.read_text(encoding="utf-8"))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
    return theme


class App:
    """The window, the widget manager, the settings and the current screen."""

    def __init__(self, settings: Settings | None = None) -> None:
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.settings = settings if settings is not None else Settings.load()
        self.window = self._open_window()
        self.ui = self._make_manager()
        self.clock = pygame.time.Clock()
        self.screen: Screen | None = None
        self.running = False
        self.last_scenario = ""  # the scenario list preselects it when coming back
        self.playtest_return: Screen | None = None  # the editor a play-test battle goes back to
        # hot-seat PINs, (scenario name, side id) -> digits: for this session only, never saved
        self.pins: dict[tuple[str, str], str] = {}

    # --- window and widgets ---------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        flags = pygame.FULLSCREEN if self.settings.fullscreen else 0
        size = tuple(self.settings.resolution)
        try:
            window = pygame.display.set_mode(size, flags)
        except pygame.error:  # a mode the display refuses: fall back to a window
            window = pygame.display.set_mode(size)
        pygame.display.set_caption("Alma Tactics")
        return window

    def _make_manager(self) -> pygame_gui.UIManager:
        scale = self.settings.ui_scale
        manager = pygame_gui.UIManager(
            self.window.get_size(), load_theme(scale), enable_live_theme_updates=False
        )
        manager.preload_fonts(
            [
                {"name": "noto_sans", "point_size": round(size * scale), "style": style}
                for size, style in HTML_FONTS
            ]
        )
        return manager

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    def px(self, n: float) -> int:
        """A length in pixels at the current UI scale."""
        return round(n * self.settings.ui_scale)

    def apply_settings(self) -> None:
        """Reopen the window and rebuild the widgets after a display or UI-scale change."""
        current = self.screen
        if current is not None:
            current.leave()
        wanted = tuple(self.settings.resolution)
        fullscreen = bool(pygame.display.get_surface().get_flags() & pygame.FULLSCREEN)
        if self.window.get_size() != wanted or fullscreen != self.settings.fullscreen:
            self.window = self._open_window()
        self.ui = self._make_manager()
        if current is not None:
            current.enter()

    @cached_property
    def sounds(self) -> SoundPlayer:
        """The sound effects, one player for every screen; it opens the mixer only at the
        first sound (and stays silent without an audio device)."""
        from .sounds import SoundPlayer

        return SoundPlayer(lambda: self.settings)

    @cached_property
    def catalog(self) -> Catalog:
        from ..content import load_catalog

        return load_catalog()

    # --- the loop -------------------------------------------------------------------------------
    def switch(self, screen: Screen) -> None:
        """Make `screen` current: the old one removes its widgets, the new one builds its own."""
        if self.screen is not None:
            self.screen.leave()
        self.screen = screen
        screen.enter()

    def frame(self, dt: float | None = None) -> bool:
        """One frame. `dt` None: wait for the frame rate and measure it (tests pass a value).

        Returns False once the app has quit.
        """
        if dt is None:
            dt = self.clock.tick(FPS) / 1000.0
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                ask = getattr(self.screen, "ask_before_quit", None)
                if callable(ask) and ask():
                    continue  # the screen asks first (unsaved work) and quits itself
                self.quit()
                return False
            screen = self.screen
            consumed = self.ui.process_events(event)
            if event.type == pygame_gui.UI_BUTTON_PRESSED:
                self.sounds.play("button")
            if not consumed and screen is not None and screen is self.screen:
                screen.handle_event(event)
            if not self.running:
                return False
        self.ui.update(dt)
        if self.screen is not None:
            self.screen.update(dt)
            self.screen.draw(self.window)
        else:
            self.window.fill((7, 11, 16))
        self.ui.draw_ui(self.window)
        pygame.display.flip()
        return self.running

    def start(self, first: Screen | None = None) -> None:
        """Show `first` (default: the main menu); frames may run from now on."""
        self.running = True
        self.switch(first or self.main_menu_screen())

    def run(self, first: Screen | None = None) -> int:
        """Show `first` (default: the main menu) and loop until the player quits."""
        self.start(first)
        while self.frame():
            pass
        return 0

    def quit(self) -> None:
        """Leave the loop cleanly: the screen removes its widgets (and saves what it must)."""
        if self.screen is not None:
            self.screen.leave()
            self.screen = None
        self.running = False

    def close(self) -> None:
        if self.screen is not None:
            self.quit()
        if "sounds" in self.__dict__:  # only a player that was made can have opened the mixer
            self.sounds.close()
        pygame.display.quit()

    # --- doors between screens ------------------------------------------------------------------
    def main_menu_screen(self) -> Screen:
        from .menus import MainMenu

        return MainMenu(self)

    def main_menu(self) -> None:
        if self.end_playtest():
            return  # a play-test battle's "quit to menu" goes back to the editor
        self.switch(self.main_menu_screen())

    def open_briefing(self, scenario: Scenario, seed: int | None = None) -> None:
        from .menus import BriefingScreen

        self.last_scenario = scenario.name
        self.switch(BriefingScreen(self, scenario, seed))

    def start_battle(self, scenario: Scenario, seed: int, human_sides: list[str]) -> Screen:
        """A new match of `scenario`: `human_sides` are played here, every other side by the
        computer. Switches to the battle screen and returns it."""
        from ..match import Match

        state = scenario.new_state(seed, self.catalog)
        for side in state.sides:
            side.controller = "human" if side.id in human_sides else "ai"
        match = Match(state, seed, scenario_doc=scenario.doc, scenario_name=scenario.name)
        return self.resume_battle(match, scenario)

    def start_hotseat(
        self, scenario: Scenario, seed: int, human_sides: list[str], pins: dict[str, str]
    ) -> Screen:
        """A new hot-seat match: people play `human_sides` (PINs by side, optional)."""
        self.pins = {(scenario.name, side): pin for side, pin in pins.items() if pin}
        self.last_scenario = scenario.name
        return self.start_battle(scenario, seed, human_sides)

    def hotseat_setup(self, scenario: Scenario | None = None, seed: int | None = None) -> Screen:
        from .hotseat import HotseatSetupScreen

        return HotseatSetupScreen(self, scenario, seed)

    def replay_viewer(self, path: str | Path, back=None) -> Screen:
        """The replay viewer on a save (raises SaveError with a one-line reason)."""
        from .replay_viewer import ReplayViewer

        return ReplayViewer(self, path, back=back)

    def resume_battle(self, match: Match, scenario: Scenario) -> Screen:
        """Switch to the battle screen for a match in progress (new, or a loaded save)."""
        battle = self.battle_screen(match, scenario)
        self.switch(battle)
        return battle

    def battle_screen(self, match: Match, scenario: Scenario) -> Screen:
        """The battle screen for `match`; the sides whose controller is human play here."""
        from .battle import BattleScreen

        human = [s.id for s in match.state.sides if s.controller == "human"]
        battle = BattleScreen(self, match, human, scenario)
        battle.pins = {
            side: pin
            for (name, side), pin in self.pins.items()
            if name == match.scenario_name and side in human
        }
        return battle

    def show_after_action(self, match: Match, scenario: Scenario) -> None:
        if self.end_playtest(match):
            return
        from .after_action import AfterActionScreen

        self.switch(AfterActionScreen(self, match, scenario))

    # --- the map editor and its play-tests -----------------------------------------------------
    def editor_screen(self, path: str | Path | None = None) -> Screen:
        """The map editor on `path` (a new map if there is none, or it does not exist yet)."""
        from .editor_screen import EditorScreen

        return EditorScreen(self, path or None)

    def open_editor(self, path: str | Path | None = None) -> None:
        self.switch(self.editor_screen(path))

    def start_playtest(
        self, scenario: Scenario, seed: int, human_sides: list[str], editor: Screen
    ) -> Screen:
        """A battle of the editor's current map; when it ends (or is quit) the app goes back
        to `editor`, as it was."""
        battle = self.start_battle(scenario, seed, human_sides)
        self.playtest_return = editor
        return battle

    def end_playtest(self, match: Match | None = None) -> bool:
        """Back to the editor a play-test came from (False if no play-test is running)."""
        editor, self.playtest_return = self.playtest_return, None
        if editor is None:
            return False
        finished = getattr(editor, "playtest_finished", None)
        if callable(finished):
            finished(match)
        self.switch(editor)
        return True

    # --- saves ----------------------------------------------------------------------------------
    @property
    def saves_dir(self) -> Path:
        return saves_dir()

    def save_game(self, match: Match, name: str = "quicksave") -> Path:
        """Write `match` to the saves folder as NAME.json (atomically)."""
        from ..match.saves import write_save

        return write_save(match, self.saves_dir / f"{name}.json")

    def load_game(self, path: str | Path) -> Loaded:
        """Replay a save (raises SaveError with a one-line reason)."""
        from ..match.saves import load_save

        return load_save(path)


def scenario_of_save(match: Match) -> Scenario:
    """The Scenario a loaded match was started from (its document is in the save)."""
    from ..scenario.files import Scenario

    name = (match.scenario_name or "saved-game").replace("-", "_")
    return Scenario(Path(f"{name}.toml"), match.scenario_doc or {})


def run_app(args: argparse.Namespace) -> int:
    """Open the window on the main menu, a scenario's briefing (`play SCENARIO`), a loaded
    battle (`play --load SAVE`) or the editor (`edit`)."""
    scenario = None
    name = getattr(args, "scenario", "") if getattr(args, "command", None) == "play" else ""
    if name:
        from ..scenario import ScenarioError, find_scenario, load_scenario

        try:
            scenario = load_scenario(find_scenario(name))
        except (FileNotFoundError, ScenarioError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    app = App()
    try:
        return app.run(first_screen(app, args, scenario))
    finally:
        app.close()


def first_screen(app: App, args: argparse.Namespace, scenario: Scenario | None) -> Screen:
    from . import menus

    if getattr(args, "editor", False):
        return app.editor_screen(getattr(args, "file", "") or None)
    if getattr(args, "load", None):
        from ..match.saves import SaveError

        try:
            loaded = app.load_game(args.load)
        except SaveError as exc:
            return menus.load_screen(app, error=str(exc))
        try:
            return app.battle_screen(loaded.match, scenario_of_save(loaded.match))
        except ImportError as exc:
            return menus.load_screen(app, error=menus.battle_missing(exc))
    if getattr(args, "hotseat", False):
        seed = getattr(args, "seed", None) if scenario is not None else None
        return app.hotseat_setup(scenario, seed)
    if scenario is not None:
        app.last_scenario = scenario.name
        return menus.BriefingScreen(app, scenario, getattr(args, "seed", None))
    if getattr(args, "command", None) == "play":
        return menus.ScenarioListScreen(app)
    return menus.MainMenu(app)
