"""The editor session the screen holds: new / open / save / save as, the dirty marker,
live problems, autosave of the working copy and its recovery after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_editor_document import YARD, snapshot

from alma_tactics.editor import Autosaver, EditorSession, autosave, recover
from alma_tactics.editor import painting as P
from alma_tactics.editor import things as T
from alma_tactics.editor.autosave import default_dir
from alma_tactics.scenario import validate


@pytest.fixture
def autosaver(tmp_path: Path) -> Autosaver:
    return Autosaver(tmp_path / "data")


@pytest.fixture
def yard_file(tmp_path: Path) -> Path:
    path = tmp_path / "yard.toml"
    path.write_text(YARD, encoding="utf-8")
    return path


def test_new_edit_save_as_and_the_dirty_marker(tmp_path: Path, autosaver: Autosaver) -> None:
    session = EditorSession.new(24, 16, "night", "Raid", autosaver=autosaver)
    assert session.caption == "Raid" and not session.dirty
    session.do(P.rectangle(session.doc, 2, 2, 8, 6, "#", filled=False))
    assert session.dirty and session.caption == "Raid*"
    with pytest.raises(ValueError):
        session.save()  # no file yet: the screen asks for one (save as)
    found = session.save(tmp_path / "raid.toml")
    assert found == [] and not session.dirty
    assert session.caption == "raid.toml"
    assert validate(tmp_path / "raid.toml") == []
    session.undo()
    assert session.dirty
    session.redo()
    assert not session.dirty


def test_saving_a_file_with_problems_warns_but_saves(yard_file: Path, autosaver) -> None:
    session = EditorSession.open(yard_file, autosaver=autosaver)
    session.do(P.brush(session.doc, 0, 2, "#"))  # under Davis
    found = session.save()
    assert [p.key for p in found] == ["unit[0].at"]
    assert found[0].tile == (0, 2)
    assert [p.message for p in validate(yard_file)] == [p.message for p in found]
    assert not session.dirty


def test_live_problems_are_cached_until_the_next_edit(yard_file: Path, autosaver) -> None:
    session = EditorSession.open(yard_file, autosaver=autosaver)
    first = session.problems()
    assert first == [] and session.problems() is first
    session.do(T.move_unit(session.doc, "davis", 2, 1))  # onto the hut's wall
    assert [p.tile for p in session.problems()] == [(2, 1)]
    session.undo()
    assert session.problems() == []


def test_autosave_then_recover_after_a_crash(yard_file: Path, autosaver) -> None:
    session = EditorSession.open(yard_file, autosaver=autosaver)
    assert not session.autosave()  # nothing changed yet
    session.do(P.brush(session.doc, 9, 6, "~", size=3))
    assert session.tick(now=0.0) is False  # not due yet
    assert session.tick(now=1e9) is True
    edited = snapshot(session.doc)
    # ... the process dies here: no close(). The next start finds the working copy.
    found = EditorSession.pending_recovery(autosaver)
    assert found is not None and found.source == yard_file.resolve()
    assert found.title == "Editor yard"
    again = EditorSession.recover(autosaver)
    assert snapshot(again.doc) == edited
    assert again.path == yard_file.resolve()
    assert again.dirty  # the file on disk is still the old one
    again.close()
    assert EditorSession.recover(autosaver) is None  # a clean exit leaves nothing


def test_a_clean_exit_is_not_recovered(yard_file: Path, autosaver) -> None:
    session = EditorSession.open(yard_file, autosaver=autosaver)
    session.do(P.brush(session.doc, 1, 1, "T"))
    session.autosave()
    session.close()
    assert autosaver.recover() is None
    assert not autosaver.working_copy.exists()


def test_an_autosave_newer_than_the_last_clean_exit_is_offered(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    session = EditorSession.new(8, 8, autosaver=Autosaver(folder))
    session.close()  # a clean exit, then a later session crashes after an autosave
    session = EditorSession.new(8, 8, title="Later", autosaver=Autosaver(folder))
    session.do(P.brush(session.doc, 1, 1, "T"))
    autosave(session.doc, folder)
    found = recover(folder)
    assert found is not None and found.title == "Later" and found.source is None
    assert found.load().terrain[1, 1] != 0
    Autosaver(folder).discard()
    assert recover(folder) is None


def test_a_broken_autosave_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "autosave.json").write_text("{not json", encoding="utf-8")
    assert recover(folder) is None


def test_the_default_autosave_folder_is_the_users_data_folder(monkeypatch) -> None:
    import platformdirs

    monkeypatch.delenv("ALMA_TACTICS_DATA_DIR", raising=False)
    assert default_dir() == Path(platformdirs.user_data_dir("alma-tactics")) / "editor"


def test_the_default_autosave_folder_follows_the_data_dir_variable(
    tmp_path: Path, monkeypatch
) -> None:
    """Like saves and settings: a session made without an Autosaver writes under it."""
    monkeypatch.setenv("ALMA_TACTICS_DATA_DIR", str(tmp_path / "data"))
    assert default_dir() == tmp_path / "data" / "editor"
    session = EditorSession.new(8, 8, title="Moved")
    session.do(P.brush(session.doc, 1, 1, "T"))
    assert session.autosave()
    assert (tmp_path / "data" / "editor" / "autosave.toml").is_file()
    found = EditorSession.pending_recovery()
    assert found is not None and found.title == "Moved"
    session.close()
    assert recover() is None


def test_autosave_survives_a_killed_process(tmp_path: Path) -> None:
    """A real crash: a child process edits, autosaves and dies without a clean exit."""
    folder = tmp_path / "data"
    program = (
        "import os, sys\n"
        "from alma_tactics.editor import EditorSession, Autosaver, painting\n"
        f"s = EditorSession.new(10, 10, title='Crash', autosaver=Autosaver({str(folder)!r}))\n"
        "s.do(painting.brush(s.doc, 4, 4, '#', size=3))\n"
        "s.autosave()\n"
        "os._exit(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 3, done.stderr
    session = EditorSession.recover(Autosaver(folder))
    assert session is not None
    assert int((session.doc.terrain != 0).sum()) == 9
    assert not any(name.endswith(".tmp") for name in os.listdir(folder))
