"""Benchmark the insight board and the organisation overview at 10,000 and 1,000,000 responses.

Loads responses across 200 services over two years with bulk inserts (COPY on PostgreSQL),
rebuilds the rollups, and times the board of one service and the overview through Django's
test client (server-side time, p50 and p99 of repeated requests). Runs on SQLite (a temporary
file) and on PostgreSQL when BENCH_PG_URL is set; that database is wiped, so point it at a
throwaway one (`make bench` does). Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/board.py

BENCH_SLOWEST_QUERIES=8 also prints the board's eight slowest SQL queries at each size.

Targets at 1,000,000 rows (issue 9): board p50 <= 75 ms, board p50 at most 1.5 x its 10,000-row
p50, overview p50 <= 150 ms. Prints PASS/FAIL; exits 1 on any FAIL.
"""

import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.backends import run_on_each_database

ROOT = Path(__file__).resolve().parent.parent
SERVICES = 200
SMALL, LARGE = 10_000, int(os.environ.get("BENCH_BOARD_ROWS", "1000000"))
DAYS = 730
REQUESTS = 40
BOARD_P50_MS, RATIO_MAX, OVERVIEW_P50_MS = 75.0, 1.5, 150.0
SEED = 20260101
INSERT_BATCH = 20_000  # rows per executemany/COPY round: big enough to amortise, small in memory
CHANNELS = ["web"] * 15 + ["paper"] * 3 + ["phone"] * 2
# How often each FFT answer is given, relative to the rarest.
ANSWER_WEIGHTS = {"VERY_GOOD": 10, "GOOD": 5, "NEITHER": 2}
SENTIMENTS = ["positive", "positive", "neutral", "negative", ""]
POLARITIES = ["positive", "positive", "negative", ""]  # a theme's mention, as the worker marks it
TEXTS = ["The nurses were kind.", "Waited too long.", "Parking was hard.", "", "Thank you."]


def child(backend: str) -> int:
    """Load, rebuild and time on the database in DATABASE_URL; returns 0 on PASS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    django.setup()
    from support.database import migrate_empty_database

    started = time.monotonic()
    migrate_empty_database()
    services, lead, admin = make_site()
    print(f"[{backend}] migrated and made {len(services)} services in "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip

    rng = random.Random(SEED)
    load(rng, services, 0, SMALL)
    from feedback.rollups import rebuild_rollups

    since = datetime.now(UTC).date() - timedelta(days=DAYS + 5)
    rebuild_rollups(since=since)
    reference = rollup_totals()
    set_based_rollups()
    if rollup_totals() != reference:
        raise RuntimeError("the set-based rebuild differs from rebuild_rollups")
    small = measure(backend, SMALL, services[0], lead, admin)

    started = time.monotonic()
    load(rng, services, SMALL, LARGE)
    print(f"[{backend}] loaded {LARGE - SMALL:,} more rows in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    set_based_rollups()
    print(f"[{backend}] rebuilt rollups in {time.monotonic() - started:.0f} s")
    large = measure(backend, LARGE, services[0], lead, admin)

    ratio = large["board_p50"] / small["board_p50"]
    checks = [
        (f"board p50 at {LARGE:,} rows <= {BOARD_P50_MS:.0f} ms",
         large["board_p50"] <= BOARD_P50_MS),
        (f"board ratio {LARGE:,}/{SMALL:,} = {ratio:.2f} <= {RATIO_MAX}", ratio <= RATIO_MAX),
        (f"overview p50 at {LARGE:,} rows <= {OVERVIEW_P50_MS:.0f} ms",
         large["overview_p50"] <= OVERVIEW_P50_MS),
    ]  # fmt: skip
    for label, ok in checks:
        print(f"[{backend}] {'PASS' if ok else 'FAIL'}: {label}")
    return 0 if all(ok for _label, ok in checks) else 1


def make_site():
    """200 live services under the home page, a service lead for the first and an admin."""
    from django.contrib.auth.models import Group

    from wagtail.models import Locale

    from website.choices import GROUP_NAMES, LifecycleStage, ServiceRoleName
    from website.demo import ensure_home_page
    from website.factories import ServicesIndexPageFactory, UserFactory
    from website.models import ServicePage, ServiceRole
    from website.roles import ensure_staff_groups

    Locale.objects.get_or_create(language_code="en")
    home, _site = ensure_home_page()
    ensure_staff_groups()
    index = ServicesIndexPageFactory(parent=home, slug="services")
    stages = list(LifecycleStage.values)
    services = []
    for n in range(SERVICES):
        page = ServicePage(title=f"Service {n:03d}", slug=f"service-{n:03d}",
                           summary="A benchmark service.",
                           lifecycle_stage=stages[n % 3])  # fmt: skip
        index.add_child(instance=page)
        services.append(page)
    lead = UserFactory(username="bench-lead")
    ServiceRole.objects.create(user=lead, service=services[0], role=ServiceRoleName.SERVICE_LEAD)
    lead.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.SERVICE_LEAD]))
    admin = UserFactory(username="bench-admin", is_staff=True, is_superuser=True)
    return services, lead, admin


def load(rng: random.Random, services, first: int, last: int) -> None:
    """Insert responses first..last-1, processed, each with one theme, in bulk."""
    from django.db import connection

    from feedback.choices import FftAnswer
    from feedback.models import Feedback, Theme

    theme_ids = list(Theme.objects.values_list("pk", flat=True))[:8]
    answers = [a.value for a in FftAnswer for _ in range(ANSWER_WEIGHTS.get(a.name, 1))]
    fields = [f for f in Feedback._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    defaults = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    today = datetime.now(UTC).date()
    table = Feedback._meta.db_table
    through = Feedback.themes.through._meta.db_table
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {qn(table)}")  # noqa: S608 - our table
        next_id = cursor.fetchone()[0] + 1
    for start in range(first, last, INSERT_BATCH):
        rows, links = [], []
        for n in range(start, min(start + INSERT_BATCH, last)):
            service = services[rng.randrange(SERVICES)]
            given_on = today - timedelta(days=rng.randrange(DAYS))
            at = datetime(given_on.year, given_on.month, given_on.day, 12, tzinfo=UTC)
            values = {**defaults, "service_id": service.pk, "receipt": f"B{n:010d}",
                      "submission_key": uuid.UUID(int=rng.getrandbits(128)).hex,
                      "channel": rng.choice(CHANNELS), "fft_answer": rng.choice(answers),
                      "text": rng.choice(TEXTS), "lifecycle_stage": service.lifecycle_stage,
                      "received_at": at, "given_on": given_on, "status": "processed",
                      "processed_at": at, "sentiment": rng.choice(SENTIMENTS),
                      "safeguarding_status": rng.choice(["new"] + [""] * 999)}  # fmt: skip
            rows.append([values[c] for c in columns])
            links.append((next_id, rng.choice(theme_ids), rng.choice(POLARITIES)))
            next_id += 1
        insert(table, columns, rows)
        insert(through, ["feedback_id", "theme_id", "polarity"], links)


def insert(table: str, columns: list[str], rows: list) -> None:
    """COPY on PostgreSQL, executemany elsewhere."""
    from django.db import connection, transaction

    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([v.adapted if hasattr(v, "adapted") else v for v in row])
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {qn(table)} ({names}) VALUES ({marks})"  # noqa: S608 - our names
            cursor.executemany(sql, rows)


def set_based_rollups() -> None:
    """The same rollups as feedback.rollups.rebuild_rollups: daily in two INSERT ... SELECTs.

    The monthly rollups and theme totals come from rebuild_monthly_rollups, as in a rebuild.
    """
    from django.db import connection, transaction

    from feedback.choices import FftAnswer, Sentiment
    from feedback.rollups import rebuild_monthly_rollups

    # Our own enum values, not input: safe to write into the SQL.
    counts = [f"SUM(CASE WHEN fft_answer = '{a.value}' THEN 1 ELSE 0 END)" for a in FftAnswer]
    counts += [f"SUM(CASE WHEN sentiment = '{s.value}' THEN 1 ELSE 0 END)" for s in Sentiment]
    counts.append("SUM(CASE WHEN safeguarding_status <> '' THEN 1 ELSE 0 END)")
    names = [*(a.column for a in FftAnswer), *(s.column for s in Sentiment), "flagged"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM feedback_dailyrollup")
        cursor.execute("DELETE FROM feedback_themedailyrollup")
        keys = "service_id, given_on, channel, lifecycle_stage"
        columns = f"service_id, date, channel, lifecycle_stage, responses, {', '.join(names)}"
        select = f"SELECT {keys}, COUNT(*), {', '.join(counts)} FROM feedback_feedback"  # noqa: S608
        where = f"WHERE status = 'processed' GROUP BY {keys}"
        cursor.execute(f"INSERT INTO feedback_dailyrollup ({columns}) {select} {where}")
        cursor.execute(
            "INSERT INTO feedback_themedailyrollup (service_id, date, channel, lifecycle_stage, "
            "theme_id, count, positive, negative) SELECT f.service_id, f.given_on, f.channel, "
            "f.lifecycle_stage, t.theme_id, COUNT(*), "
            "SUM(CASE WHEN t.polarity = 'positive' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN t.polarity = 'negative' THEN 1 ELSE 0 END) "
            "FROM feedback_feedback f JOIN feedback_feedback_themes t "
            "ON t.feedback_id = f.id WHERE f.status = 'processed' "
            "GROUP BY f.service_id, f.given_on, f.channel, f.lifecycle_stage, t.theme_id"
        )
        rebuild_monthly_rollups()
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a live database


def rollup_totals() -> list:
    from django.db.models import Sum

    from feedback.models import (
        DailyRollup,
        MonthlyRollup,
        MonthlyThemeRollup,
        MonthlyThemeTotal,
        ThemeDailyRollup,
    )
    from feedback.rollups import COUNT_COLUMNS as fields

    totals = []
    for counts, themes in ((DailyRollup, ThemeDailyRollup), (MonthlyRollup, MonthlyThemeRollup)):
        totals += [counts.objects.aggregate(**{f: Sum(f) for f in fields}), counts.objects.count(),
                   themes.objects.aggregate(Sum("count")), themes.objects.count()]  # fmt: skip
    totals += [MonthlyThemeTotal.objects.aggregate(Sum("count")),
               MonthlyThemeTotal.objects.count()]  # fmt: skip
    if totals[0] != totals[4] or totals[2] != totals[6] or totals[2] != totals[8]:
        raise RuntimeError("the monthly rollups do not add up to the daily ones")
    return totals


def timed(client, url: str) -> list[float]:
    for _ in range(3):
        if client.get(url).status_code != 200:
            raise RuntimeError(f"{url} did not answer 200")
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} did not answer 200")
    return times


def print_slowest_queries(backend: str, client, url: str) -> None:
    """Which SQL one request spends its time in, slowest first (BENCH_SLOWEST_QUERIES=n)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates, caches
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    total = sum(float(q["time"]) for q in queries) * 1000
    print(f"[{backend}] {url}: {len(queries)} queries, {total:.1f} ms in SQL; slowest:")
    for query in queries[: int(os.environ["BENCH_SLOWEST_QUERIES"])]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")


def measure(backend: str, rows: int, service, lead, admin) -> dict:
    from django.test import Client

    from feedback.models import DailyRollup

    lead_client, admin_client = Client(), Client()
    lead_client.force_login(lead)
    admin_client.force_login(admin)
    board_url = f"/admin/involvement/services/{service.pk}/board/"
    if os.environ.get("BENCH_SLOWEST_QUERIES"):
        print_slowest_queries(backend, lead_client, board_url)
    board = timed(lead_client, board_url)
    overview = timed(admin_client, "/admin/involvement/overview/")
    result = {}
    for name, times in (("board", board), ("overview", overview)):
        p50 = statistics.median(times)
        p99 = statistics.quantiles(times, n=100)[98]
        result[f"{name}_p50"] = p50
        print(f"[{backend}] {rows:>9,} rows ({DailyRollup.objects.count():,} rollup rows): "
              f"{name:8} p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")  # fmt: skip
    return result


def main() -> int:
    if len(sys.argv) > 1:
        return child(sys.argv[1])
    env = {"PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "website.settings.test",
           # No Redis is needed: point the cache at a closed port, so it fails fast and is skipped.
           "TEST_REDIS_PORT": os.environ.get("BENCH_REDIS_PORT", "6397")}  # fmt: skip
    failed = run_on_each_database(__file__, env=env)
    print("PASS" if not failed else "FAIL")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
