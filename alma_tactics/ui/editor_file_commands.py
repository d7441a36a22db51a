"""The map editor's file commands: starting on the asked-for file (or a new map), New,
Open (with the recent files), Save and Save as (with the thumbnail), the file browser,
and the questions that guard unsaved work: "save first?" before a map is left, and
the offer of an autosave a crash left behind. Leaving the editor or the game asks too.

Part of `EditorScreen` (a mixin).
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pygame
from pygame_gui.windows import UIFileDialog

from ..editor import EditorSession, MapDocument, MapFormatError, Recovery
from . import editor_files as files
from .editor_theme import DANGER, GOOD, WARN
from .editor_windows import Form
from .menu_screen import markup
from .settings import data_dir

log = logging.getLogger(__name__)

NEW_SIZE = (32, 20)


class FileCommandsMixin:
    # --- starting -----------------------------------------------------------------------------
    def start(self) -> None:
        """Open the asked-for file (or a new map); offer an autosave a crash left behind."""
        self.started = True
        found = EditorSession.pending_recovery(self.autosaver)
        path = self.asked_path
        if path is not None and path.exists():
            try:
                self.use(EditorSession.open(path, self.app.catalog, self.autosaver))
                files.remember(path)
            except (MapFormatError, OSError) as exc:
                self.use(self.new_session(*NEW_SIZE, "day", path.stem))
                self.say(f"Cannot open {path.name}: {_first_line(exc)}", DANGER)
        else:
            title = path.stem.replace("_", " ").capitalize() if path else "Untitled map"
            self.use(self.new_session(*NEW_SIZE, "day", title))
            if path is not None:
                self.session.doc.path = path  # `edit NEW.toml`: Save writes it
                self.say(f"{path.name} does not exist yet: a new map will be saved there.")
        if found is not None:
            self.pending_recovery = found

    def new_session(self, width: int, height: int, ambient: str, title: str) -> EditorSession:
        return EditorSession(
            MapDocument.new(width, height, ambient, title, self.app.catalog), self.autosaver
        )

    def use(self, session: EditorSession, recovered: bool = False) -> None:
        """Edit `session` from now on (new, opened or recovered)."""
        if self.session is not None and not recovered:
            # the map being left was saved or given up: its working copy is not work to
            # offer back after a crash
            self.autosaver.discard()
        self.session = session
        doc = session.doc
        self.view.state = None
        self.view.sync(doc)
        self.selected = None
        self.selection = None
        self.route_unit = None
        self.link_from = None
        self.chosen_area = None
        self.drag = None
        self.pasting = False
        self._problems_rev = None
        self._problems_job = None
        self._panel_key = None
        sides = doc.ids("side")
        self.unit_side = sides[0] if sides else ""
        self.deploy_side = self.unit_side
        if self.size is not None:
            self.centre_map()

    # --- new ----------------------------------------------------------------------------------
    def ask_new(self) -> None:
        self.unsaved_then(self.open_new_form, "New map")

    def open_new_form(self) -> None:
        window, width = self.form_window("new", "New map", 420, 270)
        form = Form(self, "new", window, width)
        form.text("Width", 32, "width", numbers=True, tip="1..1024 tiles")
        form.text("Height", 20, "height", numbers=True)
        form.choice(
            "Light", [("day", "day"), ("dusk", "dusk"), ("night", "night")], "night", "ambient"
        )
        form.text("Name", "Untitled map", "title")
        form.buttons(
            [("Create", self.create_from_form), ("Cancel", lambda: self.close_form("new"))]
        )

    def create_from_form(self) -> None:
        get = lambda n: Form.get(self._form("new"), n)  # noqa: E731
        try:
            width, height = int(get("width")), int(get("height"))
            if not (1 <= width <= 1024 and 1 <= height <= 1024):
                raise ValueError
        except ValueError:
            self.say("A map is 1 to 1024 tiles a side", DANGER)
            return
        title = get("title").strip() or "Untitled map"
        ambient = get("ambient") or "day"
        self.close_form("new")
        self.new_map(width, height, ambient, title)

    def new_map(self, width: int, height: int, ambient: str, title: str) -> None:
        self.use(self.new_session(width, height, ambient, title))
        self.say(f"New map: {width}\u00d7{height}, {ambient}")

    # --- open ---------------------------------------------------------------------------------
    def ask_open(self) -> None:
        self.unsaved_then(self.open_open_form, "Open a map")

    def open_open_form(self) -> None:
        window, width = self.form_window("open", "Open a scenario", 560, 380)
        form = Form(self, "open", window, width, label_w=60)
        start = str(self.session.path or (files.recent_files() or [Path.cwd() / "map.toml"])[0])
        form.text("File", start, "path")
        form.buttons(
            [
                ("Browse...", lambda: self.browse("open")),
                ("Open", self.open_from_form),
                ("Cancel", lambda: self.close_form("open")),
            ]
        )
        recent = [str(p) for p in files.recent_files()]
        form.label_at("Recent (double-click to open)", w=width - self.px(20))
        form.next(self.px(22))
        self.widgets.selection(
            "open",
            pygame.Rect(form.x, form.y, width - self.px(20), self.px(170)),
            recent,
            lambda text: self.widgets.field("open", "path").set_text(text),
            container=window,
            double=lambda text: self.open_path(Path(text)),
        )

    def open_from_form(self) -> None:
        path = Path(self._form("open").get("path").strip()).expanduser()
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        if not path.is_file():
            self.say(f"No file {path}", DANGER)
            return
        if self.load_file(path):
            self.close_form("open")

    def load_file(self, path: Path) -> bool:
        try:
            session = EditorSession.open(path, self.app.catalog, self.autosaver)
        except (MapFormatError, OSError) as exc:
            self.say(f"Cannot open {Path(path).name}: {_first_line(exc)}", DANGER, 10)
            return False
        self.use(session)
        files.remember(path)
        self.refresh_recent()
        self.say(f"Opened {Path(path).name}")
        return True

    # --- save ---------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the file (asks for one the first time). Problems warn, never refuse."""
        if self.session.path is None:
            self.ask_save_as()
            return False
        return self.save_to(self.session.path)

    def save_to(self, path: Path) -> bool:
        path = Path(path)
        if path.suffix != ".toml":
            path = path.with_suffix(".toml")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            found = self.session.save(path)
        except (OSError, ValueError) as exc:
            self.say(f"Could not save {path.name}: {exc}", DANGER)
            return False
        files.remember(path)
        self.refresh_recent()
        thumb = ""
        try:
            self.view.sync(self.session.doc)
            size = files.thumbnail_size(*self.session.doc.size)
            thumb = files.write_thumbnail(self.view.thumbnail(size), path).name
        except (pygame.error, OSError) as exc:
            log.warning("no thumbnail for %s: %s", path, exc)
        self.problem_list = found
        self._problems_rev = self.session.doc.revision
        self._problems_shown = None
        if found:
            self.say(
                f"Saved {path.name} with {len(found)} problem{'s' if len(found) != 1 else ''}"
                " - see the list on the right; the game will not load it until they are fixed",
                WARN,
                10,
            )
        else:
            self.say(f"Saved {path.name}" + (f" and its thumbnail {thumb}" if thumb else ""), GOOD)
        return True

    def ask_save_as(self) -> None:
        window, width = self.form_window("saveas", "Save as", 560, 200)
        form = Form(self, "saveas", window, width, label_w=60)
        path = self.session.path
        if path is None:
            slug = re.sub(r"[^a-z0-9]+", "_", self.session.doc.title.lower()).strip("_") or "map"
            path = data_dir() / "maps" / f"{slug}.toml"
        form.text("File", str(path), "path")
        form.note("A thumbnail (the same name, .png) is written beside it.", self.px(34))
        form.buttons(
            [
                ("Browse...", lambda: self.browse("saveas")),
                ("Save", self.save_from_form),
                ("Cancel", lambda: self.close_form("saveas")),
            ]
        )

    def save_from_form(self) -> None:
        text = self._form("saveas").get("path").strip()
        if not text:
            return
        path = Path(text).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.say(f"Cannot make {path.parent}: {exc}", DANGER)
            return
        if self.save_to(path):
            self.close_form("saveas")
            action, self.after_save = getattr(self, "after_save", None), None
            if action is not None:
                action()

    # --- the file browser ---------------------------------------------------------------------
    def browse(self, group: str) -> None:
        entry = self.widgets.field(group, "path")
        start = entry.get_text() if entry is not None else str(Path.cwd())
        self.widgets.clear("browse")
        dialog = UIFileDialog(
            self.centred_rect(520, 460),
            self.app.ui,
            "Choose a scenario file",
            allowed_suffixes={".toml"},
            initial_file_path=start,
            allow_existing_files_only=group == "open",
        )
        self.widgets.windows["browse"] = dialog
        self._browse_for = group

    def file_picked(self, path: str) -> None:
        group = getattr(self, "_browse_for", None)
        entry = self.widgets.field(group, "path") if group else None
        if entry is not None:
            entry.set_text(path)

    # --- unsaved work -------------------------------------------------------------------------
    def unsaved_then(self, action: Callable[[], None], title: str = "Unsaved changes") -> None:
        """Run `action`, after asking to save the unsaved work first."""
        if not self.session.dirty:
            action()
            return
        name = self.session.caption.rstrip("*")

        def save_first():
            self.after_save = action
            if self.save():
                self.after_save = None
                action()

        self.ask(
            title,
            f"<b>{markup(name)}</b> has unsaved changes. Save them first?",
            [("Save", save_first), ("Don't save", action), ("Cancel", lambda: None)],
        )

    def open_recovery(self, found: Recovery) -> None:
        when = datetime.datetime.fromtimestamp(found.saved_at).strftime("%H:%M on %d %b")
        source = found.source.name if found.source else "a map never saved"
        title = markup(found.title or "an untitled map")

        def recover():
            session = type(self.session).recover(self.autosaver, self.app.catalog)
            if session is None:
                self.say("The autosave is gone", DANGER)
                return
            self.use(session, recovered=True)
            self.say(f"Recovered {found.title or 'the map'} (autosaved {when}): save it!")

        def discard():
            self.autosaver.discard()
            self.say("Autosave discarded")

        self.ask(
            "Recover unsaved work?",
            f"The editor closed without saving <b>{title}</b> ({markup(source)}). "
            f"Its working copy was autosaved at {when}.",
            [("Recover", recover), ("Discard", discard)],
        )

    # --- leaving ------------------------------------------------------------------------------
    def ask_exit(self) -> None:
        self.unsaved_then(self.exit_to_menu, "Leave the editor?")

    def exit_to_menu(self) -> None:
        self.closing = True
        self.app.main_menu()

    def ask_before_quit(self) -> bool:
        """The window's close button: ask about unsaved work first (True: asked)."""
        if self.session is None or not self.session.dirty:
            self.closing = True
            return False
        self.unsaved_then(self.quit_app, "Quit Alma Tactics?")
        return True

    def quit_app(self) -> None:
        self.closing = True
        self.app.quit()


def _first_line(exc: Exception) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return str(problems[0])
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
