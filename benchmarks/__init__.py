"""Speed and memory benchmarks of the rules core (`python -m benchmarks.bench_core`)."""
