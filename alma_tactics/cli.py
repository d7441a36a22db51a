"""The `alma-tactics` command."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from . import __version__


def has_display() -> bool:
    """Whether a window could open: an X or Wayland display, or a non-Linux desktop."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def cmd_game(args: argparse.Namespace) -> int:
    """The desktop game; without a screen, say so and show something useful instead."""
    if not has_display():
        print(
            "No display found: playing a headless demo instead "
            "(`alma-tactics render SCENARIO --out FILE.png` draws a battle, "
            "`alma-tactics simulate SCENARIO` plays one)."
        )
        return cmd_demo(args)
    from .ui.app import run_app

    return run_app(args)


def cmd_render(args: argparse.Namespace) -> int:
    from .render.snapshot import render_command

    return render_command(args)


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(args.scenario, seed=args.seed, turns=args.turns)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Each built-in scenario: name, map size and one-line description.

    A broken file is listed with its first problem instead, so one bad file
    never hides the others.
    """
    from .scenario import ScenarioError, builtin_scenarios, load_scenario

    for path in builtin_scenarios():
        name = path.stem.replace("_", "-")
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            first = exc.problems[0] if exc.problems else f"{path}: cannot be read"
            print(f"{name:24} {'?':>7}  INVALID: {first}")
            continue
        size = f"{scenario.width}x{scenario.height}"
        print(f"{name:24} {size:>7}  {scenario.description}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Print every problem of each file as FILE:LINE:COL: message; exit 1 if any."""
    from .scenario import find_scenario, validate

    failed = False
    for name in args.files:
        path = Path(name)
        if not path.exists():  # a built-in scenario's name also works
            with contextlib.suppress(FileNotFoundError):
                path = find_scenario(name)
        problems = validate(path)
        for problem in problems:
            print(problem)
        if problems:
            failed = True
        else:
            print(f"{path}: ok")
    return 1 if failed else 0


def cmd_simulate(args: argparse.Namespace) -> int:
    """Computer against computer, headless: one game's report, or K games' win rates."""
    import json

    from .ai.simulate import play, play_many, summary_text, win_rates

    if args.games > 1:
        seeds = list(range(args.seed, args.seed + args.games))
        results = play_many(args.scenario, seeds, args.turns, args.difficulty, workers=args.workers)
        rates = win_rates(results)
        if args.json:
            print(json.dumps({"games": len(results), "win_rates": rates, "results": results}))
        else:
            for side, rate in rates.items():
                print(f"{side:16} {rate:6.1%}")
        return 0
    outcome = play(args.scenario, args.seed, args.turns, args.difficulty)
    if args.save:
        from .match.saves import write_save

        write_save(outcome.match, args.save)
    if args.json:
        print(json.dumps(outcome.result, sort_keys=True))
    else:
        print(summary_text(outcome.result))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    """Watch a save in the replay viewer when there is a display; otherwise (and always
    with --verify) replay it without a window: --verify exits 0 only if the hash matches."""
    if not args.verify and has_display():
        from .ui.replay_viewer import run_replay

        return run_replay(args.save)
    from .match.saves import SaveError, load_save

    try:
        loaded = load_save(args.save)
    except SaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(loaded.match.log)} actions replayed; state hash {loaded.replayed_hash}")
    if not loaded.verified:
        print(f"error: {loaded.mismatch()}", file=sys.stderr)
        return 1
    if args.verify:
        print("verified: the replay matches the save")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alma-tactics", description="Alma Tactics")
    parser.add_argument("--version", action="version", version=f"alma-tactics {__version__}")
    parser.set_defaults(func=cmd_game, scenario="night-yard", seed=1, turns=3)
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="play a few scripted turns and print the board as text")
    demo.add_argument("scenario", nargs="?", default="night-yard")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--turns", type=int, default=3)
    demo.set_defaults(func=cmd_demo)
    listing = sub.add_parser("list", help="list the built-in scenarios")
    listing.set_defaults(func=cmd_list)
    check = sub.add_parser(
        "validate", help="check scenario files; print each problem as FILE:LINE:COL: message"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="scenario files (or built-in names)"
    )
    check.set_defaults(func=cmd_validate)
    play = sub.add_parser("play", help="play a scenario in the desktop game")
    play.add_argument("scenario", nargs="?", default="")
    play.add_argument("--seed", type=int, default=1)
    play.add_argument("--hotseat", action="store_true", help="people take turns at one computer")
    play.add_argument("--load", metavar="SAVE", help="carry on a saved game")
    play.set_defaults(func=cmd_game, turns=3)
    edit = sub.add_parser("edit", help="open the map and scenario editor")
    edit.add_argument("file", nargs="?", default="")
    edit.set_defaults(func=cmd_game, editor=True, scenario="", seed=1, turns=3)
    render = sub.add_parser("render", help="draw a battle as a side sees it, into a PNG")
    render.add_argument("scenario")
    render.add_argument("--out", required=True, metavar="FILE.png")
    render.add_argument("--side", default="", help="whose view (default: the first side)")
    render.add_argument("--turn", type=int, default=1, help="let the computer play to this turn")
    render.add_argument("--seed", type=int, default=1)
    render.set_defaults(func=cmd_render)
    sim = sub.add_parser("simulate", help="computer against computer, headless")
    sim.add_argument("scenario")
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--turns", type=int, default=40, help="stop after this many turns")
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--games", type=int, default=1, help="play K seeds and print win rates")
    sim.add_argument("--workers", type=int, default=2, help="processes for --games")
    sim.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="")
    sim.add_argument("--save", metavar="FILE", help="write the finished game's save")
    sim.set_defaults(func=cmd_simulate)
    rep = sub.add_parser(
        "replay", help="watch a saved game (without a display: replay it and print its hash)"
    )
    rep.add_argument("save")
    rep.add_argument("--verify", action="store_true", help="check the final state hash")
    rep.set_defaults(func=cmd_replay)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
