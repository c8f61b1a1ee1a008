#!/usr/bin/env bash
# `make bench`: runs every bench/*.py with a throwaway PostgreSQL cluster (as in the tests) whose
# address is in BENCH_PG_URL. Each benchmark prints its figures and PASS/FAIL against its target.
# Ports: BENCH_PG_PORT (default 15433), BENCH_REDIS_PORT (default 6396).
set -euo pipefail
cd "$(dirname "$0")/.."
export RUN_DIR=${RUN_DIR:-$PWD/var}
export BENCH_REDIS_PORT=${BENCH_REDIS_PORT:-6396}
BENCH_PG_PORT=${BENCH_PG_PORT:-15433}
BENCH_PG_CLUSTER=${BENCH_PG_CLUSTER:-involvebench}
mkdir -p "$RUN_DIR"
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh

shopt -s nullglob
benches=(bench/*.py)
if [ ${#benches[@]} = 0 ]; then echo "No benchmarks in bench/." >&2; exit 1; fi

trap 'pg_cluster_drop "$BENCH_PG_CLUSTER" || true' EXIT
pg_cluster_start "$BENCH_PG_CLUSTER" "$BENCH_PG_PORT"
export BENCH_PG_URL=$PG_URL PYTHONPATH=$PWD

failed=()
for bench in "${benches[@]}"; do
  echo; echo "==> $bench"
  .venv/bin/python "$bench" || failed+=("$bench")
done
echo
if [ ${#failed[@]} != 0 ]; then echo "Benchmarks that FAILED: ${failed[*]}" >&2; exit 1; fi
echo "All ${#benches[@]} benchmarks passed."
