"""Running one benchmark on each database: a temporary SQLite file, then PostgreSQL."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run_on_each_database(script: str, *, env: dict[str, str] | None = None) -> int:
    """Run `script <backend>` on a temporary SQLite file, then on PostgreSQL when BENCH_PG_URL
    names a throwaway database (which the run wipes); 1 if either run failed."""
    base = {**os.environ, "TEST_WORKER": "1", **(env or {})}
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        sqlite = {**base, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "RUN_DIR": tmp}
        results.append(subprocess.call([sys.executable, script, "sqlite"], env=sqlite, cwd=ROOT))
        if pg_url := os.environ.get("BENCH_PG_URL"):
            postgresql = {**base, "DATABASE_URL": pg_url, "RUN_DIR": tmp}
            results.append(
                subprocess.call([sys.executable, script, "postgresql"], env=postgresql, cwd=ROOT)
            )
        else:
            print("[postgresql] skipped: set BENCH_PG_URL to a throwaway database")
    return 1 if any(results) else 0
