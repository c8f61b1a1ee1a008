"""Pieces the benchmarks share; scripts/bench.sh runs only bench/*.py, so none is run alone."""
