"""The feedback POST with Redis down: stays fast, answers everyone, stores every row.

gunicorn with production settings (as bench/submit.py starts it), Redis started and then
stopped, and a few clients sending 5 POST/s in all for BENCH_REDIS_DOWN_SECONDS (30 s).
Targets from issue 12: POST p99 at most 1 s, zero errors, rows stored == POSTs accepted.
Ports: BENCH_REDIS_PORT, BENCH_HTTP_PORT. Exits 1 on FAIL.
"""

import http.client
import os
import secrets
import signal
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.submit import (
    COUNT,
    HTTP_PORT,
    REDIS_PORT,
    ROOT,
    SEED,
    SERVICE_SLUG,
    check,
    manage,
    production_env,
    start_gunicorn,
)
from tests.realservices import RedisServer

DURATION_SECONDS = int(os.environ.get("BENCH_REDIS_DOWN_SECONDS", "30"))
CLIENTS = 3
RATE_PER_SECOND = 5
TARGET_P99_SECONDS = 1.0
PATH = f"/feedback/{SERVICE_SLUG}/"


def post(token: str) -> tuple[float, int | None]:
    """One feedback POST: (seconds taken, status or None on a connection error)."""
    body = (f"csrfmiddlewaretoken={token}&fft_answer=good&text=Redis+down"
            f"&submission_key={uuid.uuid4()}")  # fmt: skip
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
        conn.request("POST", PATH, body, {"Cookie": f"csrftoken={token}",
                     "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        status = conn.getresponse().status
        conn.close()
    except OSError:
        status = None
    return time.monotonic() - started, status


def client(token: str, offset: float, start: float) -> list[tuple[float, int | None]]:
    """Send on a fixed schedule (RATE_PER_SECOND / CLIENTS each), like people, not a loop."""
    interval = CLIENTS / RATE_PER_SECOND
    results = []
    n = 0
    while (due := start + offset + n * interval) < start + DURATION_SECONDS:
        time.sleep(max(0.0, due - time.monotonic()))
        results.append(post(token))
        n += 1
    return results


def main() -> int:
    base = Path(os.environ.get("RUN_DIR", ROOT / "var"))
    base.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-redis-down-", dir=base))
    env = production_env(database_url=f"sqlite:///{workdir / 'bench.sqlite3'}", run_dir=workdir)
    redis_server = RedisServer(REDIS_PORT, workdir / "redis")
    redis_server.start()
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "shell", "--no-imports", "-c", SEED)
    log = workdir / "gunicorn.log"
    gunicorn = start_gunicorn(env, log)
    token = secrets.token_hex(16)
    try:
        # Warm both workers with Redis up, then take Redis away under them.
        for _ in range(4):
            post(token)
        redis_server.stop()
        rows_before = int(manage(env, "shell", "--no-imports", "-c", COUNT).strip())
        print(f"Feedback POST with Redis stopped: gunicorn 2 workers, {CLIENTS} clients, "
              f"{RATE_PER_SECOND} POST/s for {DURATION_SECONDS} s (SQLite)")  # fmt: skip
        start = time.monotonic() + 0.2
        with ThreadPoolExecutor(CLIENTS) as pool:
            offsets = [i / RATE_PER_SECOND for i in range(CLIENTS)]
            runs = list(pool.map(lambda o: client(token, o, start), offsets))
        rows = int(manage(env, "shell", "--no-imports", "-c", COUNT).strip()) - rows_before
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        if redis_server.running:
            redis_server.stop()
    results = [result for run in runs for result in run]
    times = sorted(seconds for seconds, _ in results)
    accepted = sum(status == 302 for _, status in results)
    errors = len(results) - accepted
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"  {len(results)} POSTs: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
          f"{accepted} accepted, {rows} rows stored")  # fmt: skip
    ok = all(
        [
            check("POST p99 <= 1 s", p99 <= TARGET_P99_SECONDS, f"{p99 * 1000:.0f} ms"),
            check("zero errors", errors == 0, f"{errors} not answered with 302"),
            check("rows == accepted", rows == accepted > 0, f"{rows} rows, {accepted} accepted"),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
