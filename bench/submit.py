"""Benchmark the feedback form's POST path under gunicorn against GET /healthz, with wrk.

For SQLite, and for PostgreSQL when BENCH_PG_URL is set (`make bench` sets it): migrates a fresh
database, collects static files, starts its own Redis (BENCH_REDIS_PORT, default 6422) and
`gunicorn -w 2` with production settings and persistent connections, then runs wrk with
8 connections against /healthz and against the form (a fixed CSRF cookie and token; a new
submission_key per request), alternating the two in rounds so that a slower or busier spell of
this shared machine weighs on both sides of a ratio alike. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/submit.py

Targets: POST req/s at least 0.15 of /healthz req/s (the median of the rounds' ratios), POST p99
at most 50 ms in every round, no errors, and one stored row per accepted (302) response. Prints
PASS/FAIL; exits 1 on any FAIL.
"""

import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.realservices import RedisServer

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6422"))
HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT", "8431"))
DURATION_SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 8
TARGET_RATIO = 0.15
TARGET_P99_MS = 50.0
SERVICE_SLUG = "bench-service"
RESULT = re.compile(r"RESULT (.*)")

# Idempotent, so a PostgreSQL database that other benchmarks used is fine.
SEED = f"""
from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory
from website.models import ServicePage
service = ServicePage.objects.filter(slug="{SERVICE_SLUG}").first()
service = service or FeedbackServiceFactory(slug="{SERVICE_SLUG}", title="Bench service")
FeedbackFormFactory(service=service)
"""
COUNT = "from feedback.models import Feedback; print(Feedback.objects.count())"


def production_env(*, database_url: str, run_dir: Path) -> dict:
    """Production settings with throwaway secrets; the rate limit set high so it never bites."""
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_HOST": "127.0.0.1",
        "SITE_BASE_URL": "http://127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "RUN_DIR": str(run_dir),
        "CONN_MAX_AGE": "600",
        "FEEDBACK_RATE_LIMIT": "1000000000",
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def port_in_use(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_gunicorn(env: dict, log: Path) -> subprocess.Popen:
    # Another server on the port would answer in its place and be measured instead.
    if port_in_use(HTTP_PORT):
        raise SystemExit(f"Port {HTTP_PORT} is in use: stop what runs there or set BENCH_HTTP_PORT")
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "website.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{HTTP_PORT}", "--error-logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{HTTP_PORT}/healthz", timeout=1):
                if process.poll() is None:
                    return process
                raise SystemExit(f"gunicorn exited; see {log}")
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn did not answer; see {log}")


def wrk(script: str, path: str, env: dict) -> dict:
    """Run wrk and return its RESULT line as numbers."""
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{DURATION_SECONDS}s",
         "--timeout", "5s", "-s", str(ROOT / "bench" / script),
         f"http://127.0.0.1:{HTTP_PORT}{path}"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    match = RESULT.search(output)
    if not match:
        raise SystemExit(f"wrk printed no result:\n{output}")
    figures = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    figures["errors"] += figures["other"]
    return figures


def exact_run(path: str, token: str, *, threads: int = CONNECTIONS, each: int = 25) -> int:
    """POST a known number of submissions, all answered; returns how many were accepted (302).

    wrk stops mid-request, so a few stored rows never get their response counted; this run
    waits for every answer, so stored rows must equal accepted responses exactly.
    """
    import http.client
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    def worker(_n: int) -> int:
        accepted = 0
        for _ in range(each):
            conn = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
            body = (f"csrfmiddlewaretoken={token}&fft_answer=poor&text=Exact+run"
                    f"&submission_key={uuid.uuid4()}")  # fmt: skip
            conn.request("POST", path, body, {"Cookie": f"csrftoken={token}",
                         "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
            accepted += conn.getresponse().status == 302
            conn.close()
        return accepted

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(worker, range(threads)))


def check(name: str, ok: bool, detail: str) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}")
    return ok


def run_one(label: str, database_url: str, workdir: Path) -> bool:
    """One database: migrate, seed, serve, measure, check."""
    print(f"\n{label}")
    env = production_env(database_url=database_url, run_dir=workdir)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "shell", "--no-imports", "-c", SEED)
    gunicorn = start_gunicorn(env, workdir / f"gunicorn-{label.split()[0].lower()}.log")
    try:
        token = secrets.token_hex(16)  # 32 characters: Django accepts the bare secret as token
        wrk_env = {**os.environ, "BENCH_CSRF": token, "BENCH_PATH": f"/feedback/{SERVICE_SLUG}/"}
        # A short warm-up of both paths, so each worker has loaded its code and connections.
        for script in ("healthz.lua", "submit.lua"):
            subprocess.run(
                ["wrk", "-t", "1", "-c", "2", "-d", "2s", "-s", str(ROOT / "bench" / script),
                 f"http://127.0.0.1:{HTTP_PORT}{wrk_env['BENCH_PATH']}"],
                env=wrk_env, check=True, capture_output=True,
            )  # fmt: skip
        rows_before = int(manage(env, "shell", "--no-imports", "-c", COUNT).strip())
        rounds = []
        for _ in range(ROUNDS):
            health = wrk("healthz.lua", "/healthz", wrk_env)
            post = wrk("submit.lua", wrk_env["BENCH_PATH"], wrk_env)
            rounds.append((health, post))
        rows_after_wrk = int(manage(env, "shell", "--no-imports", "-c", COUNT).strip())
        exact_accepted = exact_run(wrk_env["BENCH_PATH"], token)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    rows = rows_after_wrk - rows_before
    exact_rows = int(manage(env, "shell", "--no-imports", "-c", COUNT).strip()) - rows_after_wrk
    posts = [post for _, post in rounds]
    accepted = sum(post["accepted"] for post in posts)
    in_flight = sum(post["sent"] - post["requests"] for post in posts)
    worst_p99_ms = max(post["p99_us"] for post in posts) / 1000
    get_errors = sum(health["errors"] for health, _ in rounds)
    post_errors = sum(post["errors"] for post in posts)
    ratios = [post["rps"] / health["rps"] for health, post in rounds]
    ratio = statistics.median(ratios)

    for number, (health, post) in enumerate(rounds, start=1):
        print(f"  round {number}: ratio {ratios[number - 1]:.3f}")
        for name, figures in (("GET /healthz", health), ("POST feedback", post)):
            print(f"    {name:14} {figures['rps']:8.0f} req/s"
                  f"  p50 {figures['p50_us'] / 1000:6.2f} ms"
                  f"  p99 {figures['p99_us'] / 1000:6.2f} ms"
                  f"  errors {figures['errors']}")  # fmt: skip
    print(f"  ratio POST/healthz: median {ratio:.3f} of {', '.join(f'{r:.3f}' for r in ratios)}; "
          f"wrk: {rows} rows, {accepted} accepted, {in_flight} cut off in flight; exact run: "
          f"{exact_rows} rows, {exact_accepted} accepted")  # fmt: skip
    results = [
        check(
            f"ratio POST/healthz >= {TARGET_RATIO:.2f} (median)",
            ratio >= TARGET_RATIO,
            f"{ratio:.3f}",
        ),
        check(
            "POST p99 <= 50 ms (every round)",
            worst_p99_ms <= TARGET_P99_MS,
            f"worst {worst_p99_ms:.2f} ms",
        ),
        check(
            "zero errors",
            post_errors == 0 and get_errors == 0,
            f"POST {post_errors}, healthz {get_errors}",
        ),
        check(
            "rows == accepted (every answered POST, exact run)",
            exact_rows == exact_accepted == CONNECTIONS * 25,
            f"{exact_rows} rows, {exact_accepted} accepted",
        ),
        check(
            "rows == accepted (wrk run, allowing requests cut off when wrk stopped)",
            accepted <= rows <= accepted + in_flight and rows > 0,
            f"{rows} rows, {accepted} accepted, {in_flight} in flight",
        ),
    ]
    return all(results)


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk)")
        return 1
    base = Path(os.environ.get("RUN_DIR", ROOT / "var"))
    base.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-submit-", dir=base))
    redis_server = RedisServer(REDIS_PORT, workdir / "redis")
    redis_server.start()
    ok = True
    try:
        print(f"Feedback POST vs /healthz: gunicorn 2 workers, wrk {CONNECTIONS} connections, "
              f"{ROUNDS} rounds of {DURATION_SECONDS} s on each path, alternating")  # fmt: skip
        ok &= run_one("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
        pg_url = os.environ.get("BENCH_PG_URL")
        if pg_url:
            ok &= run_one("PostgreSQL (persistent connections)", pg_url, workdir)
        else:
            print("\nPostgreSQL: skipped (set BENCH_PG_URL, as `make bench` does, to run it)")
    finally:
        redis_server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("\nPASS" if ok else "\nFAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
