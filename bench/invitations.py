"""Benchmark panel invitations (issue 14): 1,000 invitations queued and emailed by a real worker.

Starts its own Redis on BENCH_REDIS_PORT (default 6587) and a migrated SQLite file database in a
temporary folder, loads 1,000 confirmed members (each with their own encrypted contact details),
starts `celery -A website worker -c 2 -Q email`, then times `panels.recruitment.invite_members`
(shortlist, contact cap, a task per SEND_BATCH invitations queued on commit) and the worker until
every invitation is emailed. A tenth of the invitations are queued again, as a redelivery would:
the mail folder must still hold exactly one email per invitation. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/invitations.py

Target: at least 100 invitations sent per second, each exactly once. Prints PASS/FAIL; exits 1 on
FAIL. Emails go to files (Django's file backend: one file per connection and second, so a file
may hold several), a little more work than the locmem backend, and countable from outside.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from tests.realservices import RedisServer

ROOT = Path(__file__).resolve().parent.parent
INVITATIONS = int(os.environ.get("BENCH_INVITATIONS", "1000"))
TARGET_PER_SECOND = 100
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6587"))
DUPLICATE_EVERY = 10  # every tenth task queued twice, as a redelivered message would be


def seed(count: int):
    """A service, an organisation-wide panel, `count` confirmed members and a recruitment."""
    from datetime import timedelta

    from django.utils import timezone

    from panels import joining, services
    from panels.factories import PanelPageFactory
    from panels.joining import AboutMe, Contact
    from panels.models import Recruitment
    from website.demo import ensure_home_page
    from website.factories import ServicePageFactory, ServicesIndexPageFactory

    home, _site = ensure_home_page()
    index = ServicesIndexPageFactory(parent=home, slug="services")
    service = ServicePageFactory(parent=index, slug="maternity", title="Maternity services")
    panel = PanelPageFactory(parent=home, slug="join-a-panel")
    for n in range(count):
        member = joining.sign_up(
            panel=panel, contact=Contact(name=f"Member {n}", email=f"member{n}@example.org"),
            about=AboutMe(age_band="35_44", postcode_district="LS1", ways=["video"]),
            purposes=["contact"],
        )  # fmt: skip
        services.confirm(member=member)
    return Recruitment.objects.create(
        service=service, title="Antenatal app test", stage="design", activity="usability_test",
        starts_on=timezone.localdate() + timedelta(days=30), setting="online",
        target_number=count, payment="£25 voucher",
    )  # fmt: skip


def env_redis_url() -> str:
    from django.conf import settings

    return settings.CELERY_BROKER_URL


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "website", "worker", "-c", "2",
         "-Q", "email", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel", "WARNING", "--hostname", f"bench-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
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


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="involve-bench-invitations-"))
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "TEST_WORKER": "1",
        "TEST_REDIS_PORT": str(REDIS_PORT),
        "TEST_EMAIL_DIR": str(mail_dir),
        "RUN_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    redis_server = RedisServer(REDIS_PORT, workdir / "redis")
    redis_server.start()
    worker = None
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT,
                       env=env, check=True)  # fmt: skip
        import django

        django.setup()
        from celery import current_app

        from panels import recruitment
        from panels.models import Invitation, PanelMember

        started = time.monotonic()
        study = seed(INVITATIONS)
        print(f"Loaded {INVITATIONS:,} members in {time.monotonic() - started:.0f} s")
        # Joining queued a confirmation email each; they are not what is measured.
        redis.Redis.from_url(env_redis_url()).delete("email")
        worker = start_worker(env, workdir / "worker.log")
        while not current_app.control.ping(timeout=0.5):
            if worker.poll() is not None:
                print((workdir / "worker.log").read_text()[-3000:])
                return 1
        print("Worker ready (-c 2, queue email); inviting.")

        t0 = time.monotonic()
        outcome = recruitment.invite_members(recruitment=study, members=PanelMember.objects.all(),
                                             user=None)  # fmt: skip
        queued = time.monotonic() - t0
        for pk in list(Invitation.objects.values_list("pk", flat=True))[::DUPLICATE_EVERY]:
            current_app.signature(recruitment.SEND_INVITATIONS, args=([pk],)).apply_async()
        unsent = Invitation.objects.filter(emailed_at__isnull=True)
        deadline = t0 + max(120, INVITATIONS / 5)
        while unsent.exists():
            if worker.poll() is not None or time.monotonic() > deadline:
                print((workdir / "worker.log").read_text()[-3000:])
                print("FAIL: the worker stopped or took too long")
                return 1
            time.sleep(0.1)
        wall = time.monotonic() - t0
        time.sleep(1)  # let the duplicate tasks finish: they must send nothing
        sent = sum(p.read_text().count("Subject: An invitation to take part")
                   for p in mail_dir.iterdir())  # fmt: skip

        rate = INVITATIONS / wall
        print(f"invite_members: {outcome.invited} invited, {outcome.held_back} held back; "
              f"queued in {queued:.2f} s ({INVITATIONS / queued:.0f}/s)")  # fmt: skip
        print(f"Queued to last email sent: {wall:.2f} s, {rate:.0f} invitations per second")
        print(f"Emails written: {sent} for {INVITATIONS} invitations "
              f"({INVITATIONS // DUPLICATE_EVERY} tasks queued twice)")  # fmt: skip
        ok = rate >= TARGET_PER_SECOND and sent == INVITATIONS == outcome.invited
        verdict = "PASS" if ok else "FAIL"
        print(f"{verdict}: {rate:.0f} sent per second (target >= {TARGET_PER_SECOND}), "
              f"each exactly once: {sent == INVITATIONS}")  # fmt: skip
        return 0 if ok else 1
    finally:
        if worker:
            stop_worker(worker)
        redis_server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
