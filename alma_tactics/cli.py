"""The `alma-tactics` command."""

from __future__ import annotations

import argparse
import os
import sys

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
    from .scenario import builtin_scenarios, load_scenario

    for path in builtin_scenarios():
        scenario = load_scenario(path)
        print(f"{scenario.name:24} {scenario.description}")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
