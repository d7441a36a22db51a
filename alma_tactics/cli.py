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
    if not has_display():
        print("No display found: running the headless demo instead (`alma-tactics demo`).")
    else:
        print("The desktop screens are not built yet: running the headless demo instead.")
    return cmd_demo(args)


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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
