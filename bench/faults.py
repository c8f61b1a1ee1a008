"""Fault suite: the real stack under steady feedback while its parts are broken one at a time.

Starts Redis (append-only), a Celery worker, beat and the web server under supervisord with
scripts/supervisord.conf, as `make run` does (dev settings: runserver, SQLite, alert emails
written as files; PostgreSQL instead when FAULTS_DATABASE_URL names an empty database), on
throwaway ports (FAULTS_REDIS_PORT, FAULTS_HTTP_PORT) and a throwaway run directory. The
sweeper's grace and interval are shortened (FEEDBACK_SWEEP_GRACE_SECONDS,
FEEDBACK_SWEEP_INTERVAL_SECONDS) so that lost messages are recovered within the run, and /readyz's
thresholds with them (READYZ_*_MAX_AGE below). It POSTs 5 responses a second (every tenth
discloses a risk) and injects each fault in turn. After each it checks: accepted responses equal
stored rows, every row processed exactly once (daily rollups count every processed row once), one
alert email per flagged row, recovery within 3 minutes with no person acting; for an outage that
lasts past a /readyz threshold (a process kept down, Redis stopped, a lock, lost messages),
"degraded" seen while it lasted; for a process killed under supervision, a new process within
RESTART_LIMIT_SECONDS. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/faults.py

Prints a table and PASS/FAIL; exits 1 on any FAIL. The /readyz bodies seen are kept in
$FAULTS_RUN_DIR/readyz.jsonl.
"""

import getpass
import http.client
import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6443"))
HTTP_PORT = int(os.environ.get("FAULTS_HTTP_PORT", "8443"))
RUN_DIR = Path(os.environ.get("FAULTS_RUN_DIR") or tempfile.mkdtemp(prefix="involve-faults-"))
SWEEP_GRACE_SECONDS = 15
SWEEP_INTERVAL_SECONDS = 5
POSTS_PER_SECOND = 5
RECOVERY_LIMIT_SECONDS = 180
LOCK_SECONDS = 45
# An empty PostgreSQL database to run on instead of SQLite (the lock is then a LOCK TABLE).
DATABASE_URL = os.environ.get("FAULTS_DATABASE_URL") or f"sqlite:///{RUN_DIR / 'involve.sqlite3'}"
POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
# /readyz thresholds for this run, scaled down with the sweeper's timings so each outage can pass
# its threshold within the run: the worker writes its heartbeat every 15 s, beat every 60 s.
READYZ_WORKER_MAX_AGE = 30
READYZ_BEAT_MAX_AGE = 75
READYZ_BACKLOG_MAX_AGE = 10
# Faults that outlast a threshold by 15 s, so /readyz must have seen them.
WORKER_DOWN_SECONDS = READYZ_WORKER_MAX_AGE + 15
BEAT_DOWN_SECONDS = READYZ_BEAT_MAX_AGE + 15
REDIS_DOWN_SECONDS = 8
# A process killed under supervision must be running again (a new pid) within this time.
RESTART_LIMIT_SECONDS = 30
SERVICE_SLUG = "faults-service"
PATH = f"/feedback/{SERVICE_SLUG}/"
RISK_TEXT = "I want to end my life"
TOKEN = secrets.token_hex(16)  # Django accepts the bare 32-character secret as the form token

os.environ.update(
    {
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "0",
        "RUN_DIR": str(RUN_DIR),
        "PORT": str(HTTP_PORT),
        "REDIS_PORT": str(REDIS_PORT),
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "DATABASE_URL": DATABASE_URL,
        "SITE_BASE_URL": f"http://127.0.0.1:{HTTP_PORT}",
        "FEEDBACK_RATE_LIMIT": "1000000000",
        "FEEDBACK_SWEEP_GRACE_SECONDS": str(SWEEP_GRACE_SECONDS),
        "FEEDBACK_SWEEP_INTERVAL_SECONDS": str(SWEEP_INTERVAL_SECONDS),
        "READYZ_WORKER_MAX_AGE": str(READYZ_WORKER_MAX_AGE),
        "READYZ_BEAT_MAX_AGE": str(READYZ_BEAT_MAX_AGE),
        "READYZ_BACKLOG_MAX_AGE": str(READYZ_BACKLOG_MAX_AGE),
        "INVOLVE_ROOT": str(ROOT),
        "INVOLVE_USER": getpass.getuser(),
        "INVOLVE_SUPERVISOR_PASSWORD": secrets.token_hex(16),
        "INVOLVE_REDIS_BIN": subprocess.run(
            [str(ROOT / "scripts" / "redis-binary")], capture_output=True, text=True, check=True
        ).stdout.strip(),
    }
)
CONF = ROOT / "scripts" / "supervisord.conf"


# --- the stack ------------------------------------------------------------------------------


def ctl(*args: str) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "supervisorctl"), "-c", str(CONF), *args], capture_output=True, text=True
    )
    return result.stdout.strip()


def pid_of(program: str) -> int:
    for _ in range(100):
        out = ctl("pid", program)
        if out.isdigit() and out != "0":
            return int(out)
        time.sleep(0.1)
    raise SystemExit(f"{program} is not running; see {RUN_DIR / 'logs'}")


def signal_group(program: str, signum: int) -> None:
    """Signal a program and its children (supervisord makes each program a process group)."""
    os.killpg(pid_of(program), signum)


def restarted_within(program: str, old_pid: int, since: float) -> float | None:
    """Seconds from `since` until supervisord runs `program` under a new pid, or None."""
    while time.monotonic() - since < RESTART_LIMIT_SECONDS:
        out = ctl("pid", program)
        if out.isdigit() and int(out) not in (0, old_pid):
            return time.monotonic() - since
        time.sleep(0.1)
    return None


def start_stack() -> subprocess.Popen:
    for port in (REDIS_PORT, HTTP_PORT):
        if port_in_use(port):
            raise SystemExit(f"Port {port} is in use: set FAULTS_REDIS_PORT / FAULTS_HTTP_PORT")
    (RUN_DIR / "redis").mkdir(parents=True, exist_ok=True)
    (RUN_DIR / "logs").mkdir(parents=True, exist_ok=True)
    supervisor = subprocess.Popen(
        [str(VENV_BIN / "supervisord"), "-c", str(CONF)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(50):
        if ctl("pid").isdigit():
            break
        time.sleep(0.1)
    ctl("start", "redis")
    wait_until(lambda: redis_client().ping(), 10, "Redis did not start")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory

    call_command("migrate", interactive=False, verbosity=0)
    FeedbackFormFactory(service=FeedbackServiceFactory(slug=SERVICE_SLUG, title="Faults service"))
    # The alert goes to administrators when a service has no safeguarding lead.
    get_user_model().objects.create_superuser("faults", "faults@example.org", secrets.token_hex(8))
    close_db()
    ctl("start", "worker", "beat", "web")
    wait_until(lambda: http_get("/healthz")[0] == 200, 60, "the web server did not answer")
    return supervisor


def stop_stack(supervisor: subprocess.Popen) -> None:
    if supervisor.poll() is None:
        supervisor.send_signal(signal.SIGTERM)
        try:
            supervisor.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(supervisor.pid, signal.SIGKILL)


def port_in_use(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def redis_client():
    import redis

    return redis.Redis(port=REDIS_PORT, socket_timeout=2, socket_connect_timeout=1)


def wait_until(ready: Callable[[], object], seconds: float, message: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            is_ready = ready()
        except Exception:  # noqa: BLE001 - anything not ready yet is retried until the deadline
            is_ready = False
        if is_ready:
            return
        time.sleep(0.2)
    raise SystemExit(f"{message}; see {RUN_DIR / 'logs'}")


def close_db() -> None:
    from django.db import connections

    connections.close_all()


# --- traffic and observation ----------------------------------------------------------------


def http_get(path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def post(key: str, text: str) -> tuple[int, float]:
    """POST one response; (status, seconds). 0 when no answer came."""
    body = f"csrfmiddlewaretoken={TOKEN}&fft_answer=poor&text={text.replace(' ', '+')}"
    body += f"&submission_key={key}"
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=90)
    try:
        conn.request("POST", PATH, body, {"Cookie": f"csrftoken={TOKEN}",
                     "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        status = conn.getresponse().status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.monotonic() - started


@dataclass
class Traffic:
    """Steady POSTs from a thread pool, so a slow answer does not slow the rate."""

    accepted: set = field(default_factory=set)
    results: list = field(default_factory=list)  # (monotonic sent, status, seconds)
    sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(64))
    pending: list = field(default_factory=list)

    def send(self, key: str, text: str) -> None:
        sent_at = time.monotonic()
        status, seconds = post(key, text)
        with self.lock:
            self.results.append((sent_at, status, seconds))
            if status == 302:
                self.accepted.add(key)

    def drive(self, seconds: float) -> None:
        """Send POSTS_PER_SECOND for `seconds`; every tenth discloses a risk."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.sent += 1
            text = RISK_TEXT if self.sent % 10 == 0 else f"Kind staff, long wait {self.sent}"
            self.pending.append(self.pool.submit(self.send, str(uuid.uuid4()), text))
            time.sleep(1 / POSTS_PER_SECOND)

    def settle(self) -> None:
        for future in self.pending:
            future.result()
        self.pending.clear()


class ReadyzWatch(threading.Thread):
    """GET /readyz every quarter second; keeps (monotonic time, status) and writes the bodies."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: list[tuple[float, str, dict]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        with open(RUN_DIR / "readyz.jsonl", "a") as self.log:
            self.watch()

    def watch(self) -> None:
        while not self.stopping.is_set():
            now = time.monotonic()
            try:
                code, raw = http_get("/readyz")
                body = json.loads(raw)
                status = body.get("status", f"http {code}")
                self.log.write(json.dumps({"t": round(now, 1), "code": code, "body": body}) + "\n")
            except (OSError, ValueError) as exc:
                body, status = {}, f"no answer ({type(exc).__name__})"
            self.seen.append((now, status, body))
            self.log.flush()
            self.stopping.wait(0.25)

    def between(self, start: float, end: float) -> list[str]:
        return [status for t, status, _ in self.seen if start <= t <= end]

    def worst_body(self, start: float, end: float) -> dict:
        """The first body during the window with the most reasons, else the last one."""
        bodies = [body for t, _, body in self.seen if start <= t <= end]
        if not bodies:
            return {}
        most = max(len(body.get("reasons", [])) for body in bodies)
        return next(b for b in bodies if len(b.get("reasons", [])) == most) if most else bodies[-1]

    def latest(self) -> str:
        return self.seen[-1][1] if self.seen else ""


# --- checks ---------------------------------------------------------------------------------


def state() -> dict:
    """What the database and the mail directory say now (waiting while connections run out)."""
    from django.db import OperationalError

    deadline = time.monotonic() + RECOVERY_LIMIT_SECONDS
    while True:
        try:
            return _state()
        except OperationalError:
            # PostgreSQL refuses new connections while a lock holds every slot's request.
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _state() -> dict:
    from django.db.models import Sum

    from feedback.choices import Status
    from feedback.models import DailyRollup, Feedback

    try:
        rows = Feedback.objects.all()
        flagged = rows.exclude(safeguarding_status="")
        figures = {
            "stored": rows.count(),
            "processed": rows.filter(status=Status.PROCESSED).count(),
            "flagged": flagged.count(),
            "alerted": flagged.filter(alert_sent_at__isnull=False).count(),
            "rolled_up": DailyRollup.objects.aggregate(n=Sum("responses"))["n"] or 0,
            **alert_emails(),
        }
    finally:
        close_db()
    return figures


def alert_emails() -> dict:
    """Messages the file backend wrote (one file can hold several) and how many distinct subjects
    (each names the response's receipt, so a repeated alert repeats its subject)."""
    subjects = []
    for path in (RUN_DIR / "mail").glob("*"):
        lines = path.read_text(errors="replace").splitlines()
        subjects += [line for line in lines if line.startswith("Subject:")]
    return {"emails": len(subjects), "distinct_emails": len(set(subjects))}


def consistent(figures: dict, accepted: int) -> bool:
    return (
        figures["stored"] == accepted == figures["processed"] == figures["rolled_up"]
        and figures["flagged"] == figures["alerted"] == figures["emails"]
        and figures["emails"] == figures["distinct_emails"]
    )


@dataclass
class Outcome:
    fault: str
    accepted: int
    figures: dict
    recovery: float | None
    readyz_statuses: list[str]
    p99_ms: float
    refused: int
    kind: str
    restart_s: float | None

    @property
    def degraded_seen(self) -> bool:
        return "degraded" in self.readyz_statuses

    @property
    def passed(self) -> bool:
        return (
            consistent(self.figures, self.accepted)
            and self.recovery is not None
            and self.recovery <= RECOVERY_LIMIT_SECONDS
            and (self.degraded_seen or self.kind != OUTAGE)
            and (self.restart_s is not None or self.kind != RESTART)
        )


def recover(traffic: Traffic, watch: ReadyzWatch, since: float) -> tuple[float | None, dict]:
    """Seconds from the fault's end until the data is consistent and /readyz says ok, or None
    past RECOVERY_LIMIT_SECONDS."""
    traffic.settle()
    while True:
        figures = state()
        elapsed = time.monotonic() - since
        if consistent(figures, len(traffic.accepted)) and watch.latest() == "ok":
            return elapsed, figures
        if elapsed > RECOVERY_LIMIT_SECONDS:
            return None, figures
        time.sleep(1)


# --- faults ---------------------------------------------------------------------------------


def worker_kill(traffic: Traffic) -> float | None:
    traffic.drive(3)
    old, killed_at = pid_of("worker"), time.monotonic()
    signal_group("worker", signal.SIGKILL)
    restart = restarted_within("worker", old, killed_at)
    traffic.drive(10)
    return restart


def worker_kill_kept_down(traffic: Traffic) -> None:
    traffic.drive(3)
    signal_group("worker", signal.SIGKILL)
    ctl("stop", "worker")  # as if it could not be restarted: no worker at all for a while
    traffic.drive(WORKER_DOWN_SECONDS)
    ctl("start", "worker")
    traffic.drive(3)


def worker_stop_then_kill(traffic: Traffic) -> None:
    traffic.drive(2)
    signal_group("worker", signal.SIGSTOP)
    traffic.drive(WORKER_DOWN_SECONDS)
    signal_group("worker", signal.SIGKILL)
    traffic.drive(5)


def redis_term_kept_down(traffic: Traffic) -> None:
    traffic.drive(2)
    ctl("stop", "redis")  # supervisord's stop sends SIGTERM and keeps it down
    traffic.drive(REDIS_DOWN_SECONDS)
    ctl("start", "redis")
    traffic.drive(3)


def redis_kill_holding(traffic: Traffic) -> float | None:
    # With the worker paused, the queue holds the messages of the last few seconds.
    signal_group("worker", signal.SIGSTOP)
    traffic.drive(4)
    held = redis_client().llen("feedback")
    old, killed_at = pid_of("redis"), time.monotonic()
    os.kill(old, signal.SIGKILL)
    signal_group("worker", signal.SIGCONT)
    print(f"    messages held in Redis when killed: {held}")
    restart = restarted_within("redis", old, killed_at)
    traffic.drive(6)
    return restart


def redis_flushall(traffic: Traffic) -> None:
    # The lost messages' rows wait for the sweeper's grace: the backlog's oldest passes its limit.
    signal_group("worker", signal.SIGSTOP)
    traffic.drive(4)
    redis_client().flushall()
    signal_group("worker", signal.SIGCONT)
    traffic.drive(SWEEP_GRACE_SECONDS + 2 * SWEEP_INTERVAL_SECONDS)


def beat_kill(traffic: Traffic) -> float | None:
    traffic.drive(2)
    old, killed_at = pid_of("beat"), time.monotonic()
    signal_group("beat", signal.SIGKILL)
    restart = restarted_within("beat", old, killed_at)
    traffic.drive(8)
    return restart


def beat_kill_kept_down(traffic: Traffic) -> None:
    traffic.drive(2)
    signal_group("beat", signal.SIGKILL)
    ctl("stop", "beat")
    traffic.drive(BEAT_DOWN_SECONDS)
    ctl("start", "beat")
    traffic.drive(3)


def database_lock(traffic: Traffic) -> None:
    """Hold the database's write lock: SQLite's whole file, or feedback's table on PostgreSQL
    (EXCLUSIVE: reads go on, every submission waits)."""
    traffic.drive(2)
    # An outside connection, as an operator's or a migration's would be: the fault is a lock the
    # app did not take, so it is held through the driver, not the app's ORM.
    if POSTGRES:
        import psycopg

        with psycopg.connect(DATABASE_URL) as locker:
            locker.execute("LOCK TABLE feedback_feedback IN EXCLUSIVE MODE")
            try:
                traffic.drive(LOCK_SECONDS)
            finally:
                locker.rollback()
    else:
        locker = sqlite3.connect(RUN_DIR / "involve.sqlite3", isolation_level=None, timeout=30)
        locker.execute("BEGIN IMMEDIATE")
        try:
            traffic.drive(LOCK_SECONDS)
        finally:
            locker.execute("ROLLBACK")
            locker.close()
    traffic.drive(3)


def duplicate_delivery(traffic: Traffic) -> None:
    """The same task message (same task id) published twice, for rows fresh and processed."""
    from celery import current_app

    from feedback.models import Feedback
    from feedback.queue import PROCESS_FEEDBACK, SEND_SAFEGUARDING_ALERT

    traffic.drive(2)
    traffic.settle()
    try:
        rows = list(Feedback.objects.order_by("-pk").values_list("pk", "safeguarding_status")[:20])
    finally:
        close_db()
    for pk, flag in rows:
        task_id = str(uuid.uuid4())
        for _ in range(2):
            current_app.signature(PROCESS_FEEDBACK, args=(pk,)).apply_async(task_id=task_id)
        if flag:
            alert_id = str(uuid.uuid4())
            for _ in range(2):
                current_app.signature(SEND_SAFEGUARDING_ALERT, args=(pk,)).apply_async(
                    task_id=alert_id
                )
    # And for rows not yet processed: each POST's own message plus two copies of one more.
    for n in range(10):
        key = str(uuid.uuid4())
        traffic.send(key, RISK_TEXT if n % 2 else "Duplicate delivery")
        try:
            pk = Feedback.objects.get(submission_key=key).pk
        finally:
            close_db()
        task_id = str(uuid.uuid4())
        for _ in range(2):
            current_app.signature(PROCESS_FEEDBACK, args=(pk,)).apply_async(task_id=task_id)
    traffic.drive(3)


def same_key_five_times(traffic: Traffic) -> None:
    traffic.drive(2)
    for n in range(3):
        key = str(uuid.uuid4())
        text = RISK_TEXT if n == 0 else "Sent five times"
        barrier = threading.Barrier(5)

        def send(key: str = key, text: str = text, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            traffic.send(key, text)

        threads = [threading.Thread(target=send) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    traffic.drive(3)


OUTAGE = "outage"  # lasts past a /readyz threshold: "degraded" must be seen while it lasts
RESTART = "restart"  # supervisord starts the process again: a new pid within RESTART_LIMIT_SECONDS
TRAFFIC = "traffic"  # duplicate deliveries and repeated keys: normal traffic the app absorbs

FAULTS: list[tuple[str, Callable[[Traffic], float | None], str]] = [
    ("worker SIGKILL (supervised)", worker_kill, RESTART),
    (f"worker SIGKILL, down {WORKER_DOWN_SECONDS} s", worker_kill_kept_down, OUTAGE),
    (f"worker SIGSTOP {WORKER_DOWN_SECONDS} s, SIGKILL", worker_stop_then_kill, OUTAGE),
    (f"Redis SIGTERM, down {REDIS_DOWN_SECONDS} s", redis_term_kept_down, OUTAGE),
    ("Redis kill -9, msgs held", redis_kill_holding, RESTART),
    ("Redis FLUSHALL", redis_flushall, OUTAGE),
    ("beat SIGKILL (supervised)", beat_kill, RESTART),
    (f"beat SIGKILL, down {BEAT_DOWN_SECONDS} s", beat_kill_kept_down, OUTAGE),
    (
        f"{'PostgreSQL LOCK TABLE' if POSTGRES else 'SQLite lock'} {LOCK_SECONDS} s",
        database_lock,
        OUTAGE,
    ),  # fmt: skip
    ("duplicate delivery", duplicate_delivery, TRAFFIC),
    ("same key 5x at once", same_key_five_times, TRAFFIC),
]


def p99_ms(results: list, start: float, end: float) -> float:
    times = sorted(seconds for t, status, seconds in results if start <= t <= end)
    if not times:
        return 0.0
    return times[min(len(times) - 1, int(len(times) * 0.99))] * 1000


def main() -> int:
    started = time.monotonic()
    database = "PostgreSQL" if POSTGRES else "SQLite"
    print(
        f"Run directory: {RUN_DIR} (dev settings, {database}; Redis {REDIS_PORT}, HTTP {HTTP_PORT})"
    )
    supervisor = start_stack()
    traffic = Traffic()
    watch = ReadyzWatch()
    watch.start()
    outcomes: list[Outcome] = []
    try:
        traffic.drive(3)
        recover(traffic, watch, time.monotonic())
        for name, inject, kind in FAULTS:
            print(f"  {name} ...", flush=True)
            before = len(traffic.results)
            fault_start = time.monotonic()
            restart_s = inject(traffic)
            fault_end = time.monotonic()
            recovery, figures = recover(traffic, watch, fault_end)
            outcome = Outcome(
                fault=name,
                accepted=len(traffic.accepted),
                figures=figures,
                recovery=recovery,
                readyz_statuses=watch.between(fault_start, time.monotonic()),
                p99_ms=p99_ms(traffic.results[before:], fault_start, fault_end),
                refused=sum(status != 302 for _, status, _ in traffic.results[before:]),
                kind=kind,
                restart_s=restart_s,
            )
            outcomes.append(outcome)
            statuses = sorted(set(outcome.readyz_statuses))
            print(f"    /readyz statuses seen: {statuses}", flush=True)
            if kind == RESTART:
                back = "not restarted" if restart_s is None else f"{restart_s:.1f} s"
                print(f"    restarted by supervisord in: {back}", flush=True)
            body = watch.worst_body(fault_start, time.monotonic())
            print(f"    /readyz body: {json.dumps(body)}", flush=True)
    finally:
        watch.stopping.set()
        traffic.pool.shutdown(wait=False, cancel_futures=True)
        stop_stack(supervisor)
    print_table(outcomes)
    failures = [o for o in outcomes if not o.passed]
    print(f"\nWall time {time.monotonic() - started:.0f} s; logs in {RUN_DIR / 'logs'}")
    print("PASS" if not failures else f"FAIL: {', '.join(o.fault for o in failures)}")
    if not failures and not os.environ.get("FAULTS_RUN_DIR"):
        shutil.rmtree(RUN_DIR, ignore_errors=True)
    return 1 if failures else 0


def print_table(outcomes: list[Outcome]) -> None:
    header = ("fault", "accepted", "refused", "stored", "processed", "rolled up", "flagged",
              "alerts", "recovery s", "POST p99 ms", "restart s", "readyz degraded",
              "result")  # fmt: skip
    rows = [
        (
            o.fault,
            o.accepted,
            o.refused,
            o.figures["stored"],
            o.figures["processed"],
            o.figures["rolled_up"],
            o.figures["flagged"],
            f"{o.figures['alerted']} set, {o.figures['emails']} mails",
            "-" if o.recovery is None else f"{o.recovery:.0f}",
            f"{o.p99_ms:.0f}",
            ("-" if o.kind != RESTART else "none" if o.restart_s is None else f"{o.restart_s:.1f}"),
            ("yes" if o.degraded_seen else "no") + ("" if o.kind == OUTAGE else " (n/a)"),
            "PASS" if o.passed else "FAIL",
        )
        for o in outcomes
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print("\nAccepted, stored, processed, rolled up, flagged and alerts: the whole run so far;")
    print("refused (POSTs not answered 302) and POST p99: the fault's own span.\n")
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
