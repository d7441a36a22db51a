"""Saves are replayed, checked and written atomically; bad files never load."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_tactics.ai.simulate import play
from alma_tactics.cli import main
from alma_tactics.match import saves
from alma_tactics.match.saves import SaveError, load_save, write_save


@pytest.fixture(scope="module")
def finished():
    return play("night-yard", 4, turns=6).match


def test_a_save_replays_to_the_same_state(finished, tmp_path):
    path = write_save(finished, tmp_path / "game.json")
    loaded = load_save(path)
    assert loaded.verified
    assert loaded.match.state.state_hash() == finished.state.state_hash()
    assert loaded.match.log == finished.log


def test_a_save_embeds_its_scenario_so_it_outlives_the_file(finished, tmp_path):
    data = json.loads(write_save(finished, tmp_path / "game.json").read_text())
    assert data["scenario"]["scenario"]["title"] == "Night yard"
    assert data["seed"] == 4 and data["format"] == saves.FORMAT


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(seed=d["seed"] + 1), "checksum"),
        (lambda d: d.update(format=99), "newer version"),
        (lambda d: d["log"].pop(), "checksum"),
    ],
)
def test_tampered_or_newer_saves_are_refused_with_a_reason(finished, tmp_path, change, reason):
    path = write_save(finished, tmp_path / "game.json")
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=reason):
        load_save(path)


def test_a_re_signed_save_with_another_seed_fails_the_hash_check(finished, tmp_path):
    path = write_save(finished, tmp_path / "game.json")
    data = json.loads(path.read_text())
    data["seed"] += 1
    body = {k: v for k, v in data.items() if k != "checksum"}
    data["checksum"] = saves._digest(body)
    path.write_text(json.dumps(data))
    assert not load_save(path).verified
    assert main(["replay", str(path), "--verify"]) == 1


def test_a_save_of_an_older_version_that_replays_elsewhere_says_the_rules_changed(
    finished, tmp_path, capsys
):
    path = write_save(finished, tmp_path / "game.json")
    data = json.loads(path.read_text())
    data["game_version"] = "0.0.1"
    data["state_hash"] = "0" * 64  # as if the rules of 0.0.1 had ended elsewhere
    body = {k: v for k, v in data.items() if k != "checksum"}
    data["checksum"] = saves._digest(body)
    path.write_text(json.dumps(data))
    loaded = load_save(path)
    assert not loaded.verified and loaded.saved_version == "0.0.1"
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "made by version 0.0.1" in err and "rules changed" in err


def test_a_truncated_save_is_refused(finished, tmp_path):
    path = write_save(finished, tmp_path / "game.json")
    path.write_text(path.read_text()[:500])
    with pytest.raises(SaveError, match="damaged or truncated"):
        load_save(path)
    assert main(["replay", str(path), "--verify"]) == 2


def test_a_crash_while_writing_leaves_the_previous_save_intact(finished, tmp_path, monkeypatch):
    path = write_save(finished, tmp_path / "game.json")
    before = path.read_bytes()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(saves.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_save(finished, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temp file left behind
    assert load_save(path).verified


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_mangled_saves_only_ever_give_a_save_error(finished, tmp_path_factory, data):
    path = write_save(finished, tmp_path_factory.mktemp("mangled") / "game.json")
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        kind = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        i = data.draw(st.integers(0, len(raw) - 1))
        if kind == "flip":
            raw[i] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del raw[i : i + data.draw(st.integers(1, 50))]
        else:
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=8))
    path.write_bytes(bytes(raw))
    try:
        loaded = load_save(path)
    except SaveError:
        return
    assert loaded.verified or not loaded.verified  # loaded or refused, never crashed


def test_simulate_save_then_replay_verify_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "sim.json"
    assert main(["simulate", "night-yard", "--seed", "2", "--turns", "4", "--save", str(path)]) == 0
    assert main(["replay", str(path), "--verify"]) == 0
    assert "verified" in capsys.readouterr().out
    assert os.path.exists(path)


@pytest.mark.parametrize("scenario", ["outpost-raid", "four-target-assault"])
def test_story_battle_saves_replay_in_a_fresh_process_with_another_hash_seed(scenario, tmp_path):
    import subprocess
    import sys

    match = play(scenario, 7, turns=4).match
    path = write_save(match, tmp_path / "game.json")
    env = {**os.environ, "PYTHONHASHSEED": "987"}
    out = subprocess.run(
        [sys.executable, "-m", "alma_tactics", "replay", str(path), "--verify"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert match.state.state_hash() in out.stdout
