"""Run every benchmark: `python -m benchmarks` (exit 1 if any figure misses its target)."""

from __future__ import annotations

import sys

from . import (
    bench_ai,
    bench_combat,
    bench_core,
    bench_editor,
    bench_editor_ui,
    bench_render,
    bench_saves,
    bench_scenario,
    bench_ui,
)

failed = 0
for module in (
    bench_core,
    bench_combat,
    bench_scenario,
    bench_ai,
    bench_saves,
    bench_render,
    bench_ui,
    bench_editor,
    bench_editor_ui,
):
    print(f"\n== {module.__name__} ==")
    failed += module.main([]) != 0
sys.exit(1 if failed else 0)
