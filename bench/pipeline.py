"""Benchmark the feedback pipeline: 10,000 queued submissions drained by a real Celery worker.

Starts its own Redis on BENCH_REDIS_PORT (default 6419) and a migrated SQLite file database in a
temporary folder, stores 10,000 responses, queues `process_feedback` for each, then starts
`celery -A website worker -c 2` and times it until every response is processed. Run from the
repository root:

    PYTHONPATH=. .venv/bin/python bench/pipeline.py

Target: at least 250 responses processed per second. Also checks that the rollups count every
response once (equal to a rebuild). Prints PASS/FAIL; exits 1 on FAIL.
"""

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from tests.realservices import RedisServer

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "10000"))
TARGET_PER_SECOND = 250
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6419"))
SEED = 20261122
# Rows per INSERT while seeding: within SQLite's limit on bound parameters for Feedback's columns.
SEED_BATCH_SIZE = 500
TEXTS = [
    "The nurses were kind and explained everything to me.",
    "Waited four hours in A&E and nobody told me why. The toilets were dirty.",
    "Parking was impossible and the car park machine was broken.",
    "My medication was late and the ward was noisy at night, but the food was good.",
    "[NAME] on reception was rude and dismissive when I asked about my appointment.",
    "Very good care from start to finish, thank you.",
    "I could kill for a cup of tea after waiting so long.",
    "",
    "Discharge took all day and the letter had the wrong information.",
]
# A disclosure that raises a safeguarding alert, in 1 response of 50: more than services see,
# so the alert path is part of the measured work.
FLAGGED_TEXT = "Some days I want to end my life and nobody listens."
FLAGGED_SHARE = 0.02


def seed(count: int) -> list[int]:
    """A service and `count` stored responses, status `received`, across channels and days."""
    from django.utils import timezone

    from feedback.choices import Channel, FftAnswer
    from feedback.factories import FeedbackServiceFactory
    from feedback.intake import new_receipt
    from feedback.models import Feedback
    from website.choices import LifecycleStage
    from website.demo import ensure_home_page
    from website.roles import ensure_staff_groups

    ensure_home_page()
    ensure_staff_groups()
    services = [FeedbackServiceFactory() for _ in range(3)]
    rng = random.Random(SEED)
    now = timezone.now()
    rows = [
        Feedback(
            service=rng.choice(services),
            receipt=new_receipt(),
            submission_key=uuid.uuid4(),
            channel=rng.choice(list(Channel)),
            fft_answer=rng.choice(list(FftAnswer)),
            text=FLAGGED_TEXT if rng.random() < FLAGGED_SHARE else rng.choice(TEXTS),
            lifecycle_stage=rng.choice(list(LifecycleStage)),
            received_at=now,
            given_on=timezone.localdate(now) - timedelta(days=rng.randint(0, 6)),
        )
        for _ in range(count)
    ]
    Feedback.objects.bulk_create(rows, batch_size=SEED_BATCH_SIZE)
    return list(Feedback.objects.order_by("pk").values_list("pk", flat=True))


def enqueue(ids: list[int]) -> None:
    """Queue one `process_feedback` per response, as `submit_feedback` does on commit."""
    from feedback.tasks import process_feedback
    from website.celery_app import app

    with app.producer_or_acquire() as producer:
        for pk in ids:
            process_feedback.apply_async(args=[pk], producer=producer)


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "website", "worker", "-c", "2",
         "-Q", "feedback,email", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel", "WARNING", "--hostname", f"bench-{os.getpid()}@%h"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="involve-bench-pipeline-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "RUN_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    redis_server = RedisServer(REDIS_PORT, workdir / "redis")
    redis_server.start()
    worker = None
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env,
            check=True,
        )  # fmt: skip
        import django

        django.setup()
        from django.db.models import Max, Min, Sum

        from feedback.choices import Status
        from feedback.models import DailyRollup, Feedback
        from feedback.rollups import rebuild_rollups

        cpu_before = _children_cpu()
        ids = seed(SUBMISSIONS)
        enqueue(ids)
        print(f"Queued {len(ids)} submissions; starting `celery -A website worker -c 2`.")

        started = time.monotonic()
        worker = start_worker(env, workdir / "worker.log")
        pending = Feedback.objects.exclude(status=Status.PROCESSED)
        deadline = started + max(120, SUBMISSIONS / 20)
        while pending.exists():
            if worker.poll() is not None or time.monotonic() > deadline:
                print((workdir / "worker.log").read_text()[-3000:])
                print("FAIL: the worker stopped or took too long")
                return 1
            time.sleep(0.25)
        wall = time.monotonic() - started

        span = Feedback.objects.aggregate(first=Min("processed_at"), last=Max("processed_at"))
        seconds = (span["last"] - span["first"]).total_seconds()
        rate = (SUBMISSIONS - 1) / seconds if seconds else float("inf")
        counted = DailyRollup.objects.aggregate(total=Sum("responses"))["total"]
        # Rows compared without their IDs, which a rebuild renumbers.
        incremental = sorted(row[1:] for row in DailyRollup.objects.values_list())
        rebuild_rollups()
        same = incremental == sorted(row[1:] for row in DailyRollup.objects.values_list())

        print(f"Processed {SUBMISSIONS} in {seconds:.1f} s, first to last: {rate:.0f} per second")
        print(f"Wall time including worker start-up: {wall:.1f} s ({SUBMISSIONS / wall:.0f}/s)")
        print(f"Rollups count {counted} responses; equal to a rebuild: {same}")
        stop_worker(worker)
        cpu = _children_cpu() - cpu_before
        print(f"Worker CPU, all processes: {cpu:.1f} s ({cpu / SUBMISSIONS * 1000:.2f} ms each)")
        ok = rate >= TARGET_PER_SECOND and counted == SUBMISSIONS and same
        verdict = "PASS" if ok else "FAIL"
        print(f"{verdict}: {rate:.0f} processed per second (target >= {TARGET_PER_SECOND})")
        return 0 if ok else 1
    finally:
        if worker:
            stop_worker(worker)
        redis_server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
