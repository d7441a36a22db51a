"""`alma-tactics validate FILE...` and `alma-tactics list`."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_scenario_files import BASE, replaced, write

from alma_tactics import cli
from alma_tactics.scenario import builtin_scenarios, load_scenario


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(argv)
    return code, capsys.readouterr().out.splitlines()


def test_validate_a_good_file_says_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path)
    code, out = run(["validate", str(path)], capsys)
    assert code == 0
    assert out == [f"{path}: ok"]


def test_validate_prints_each_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = replaced('type = "brute"', 'type = "brut"')
    text = replaced("..#__#..s.", "..#__#..X.", text)
    bad = write(tmp_path, text, "bad.toml")
    good = write(tmp_path, BASE, "good.toml")
    code, out = run(["validate", str(bad), str(good)], capsys)
    assert code == 1
    assert out[0].startswith(f"{bad}:18:9: map.rows: unknown terrain character 'X'")
    line = text[: text.index('type = "brut"')].count("\n") + 1
    assert (
        out[1] == f"{bad}:{line}:1: unit[5].type: unknown unit type 'brut' (did you mean 'brute'?)"
    )
    assert out[2:] == [f"{good}: ok"]


def test_validate_a_syntax_error_and_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write(tmp_path, BASE.replace("[map]", "[map", 1), "broken.toml")
    code, out = run(["validate", str(broken), str(tmp_path / "gone.toml")], capsys)
    assert code == 1
    assert len(out) == 2
    assert out[0].startswith(f"{broken}:") and "TOML syntax error" in out[0]
    assert out[1].startswith(f"{tmp_path / 'gone.toml'}:1:1: cannot read file")


def test_validate_takes_a_builtin_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["validate", "night-yard"], capsys)
    assert code == 0 and out[0].endswith("night_yard.toml: ok")


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["validate"])
    assert exc.value.code == 2


def test_list_shows_name_size_and_description(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["list"], capsys)
    assert code == 0
    assert len(out) == len(builtin_scenarios())
    for path, line in zip(builtin_scenarios(), out, strict=True):
        scenario = load_scenario(path)
        name, size, *words = line.split()
        assert name == scenario.name
        assert size == f"{scenario.width}x{scenario.height}"
        assert " ".join(words) == " ".join(scenario.description.split())


def test_list_survives_a_broken_builtin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from alma_tactics.scenario import files

    write(tmp_path, BASE, "a_good_one.toml")
    write(tmp_path, replaced('type = "brute"', 'type = "brut"'), "b_broken.toml")
    write(tmp_path, "not = [toml", "c_garbage.toml")
    monkeypatch.setattr(files, "SCENARIO_DIR", tmp_path)
    code, out = run(["list"], capsys)
    assert code == 0
    assert out[0].split()[:2] == ["a-good-one", "10x6"]
    assert out[1].startswith("b-broken") and "INVALID" in out[1]
    assert "unknown unit type 'brut'" in out[1]
    assert out[2].startswith("c-garbage") and "TOML syntax error" in out[2]
