"""Performance benchmarks (``make bench``). Never timed unit tests: numbers go here.

Each ``benchmarks/bench_*.py`` module defines ``run(options) -> list[Row]``; the runner
sets Django up, runs every module (or those named with ``--only``) and prints one table.
"""
