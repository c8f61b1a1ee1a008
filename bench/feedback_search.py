"""Benchmark the staff feedback list's text search over one busy service (issue 13 item 1).

Loads BENCH_SEARCH_ROWS responses (default 50,000: about three years of a busy service) of
one to four sentences each into one service, on a temporary SQLite file (and on PostgreSQL when
BENCH_PG_URL names a throwaway database, which is wiped), then times what one page of the list
asks for a search: the count and the first page of the filtered, ranked rows, through the list's
own FilterSet. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/feedback_search.py

Target: each search within 2 s. Prints PASS/FAIL; exits 1 on any FAIL.
"""

import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from support.backends import run_on_each_database

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_SEARCH_ROWS", "50000"))
REPEATS = 7
TARGET_S = 2.0
SEED = 20261201
INSERT_BATCH = 5_000  # rows per bulk_create: amortises the round trip, small in memory
PAGE = 50
SENTENCES = [
    "The midwives were kind and explained everything.",
    "Parking was impossible and the car park costs too much.",
    "We waited four hours to be seen.",
    "The ward was clean and quiet at night.",
    "Nobody answered the phone when I rang about my appointment.",
    "Pain relief came quickly when I asked.",
    "The food was cold.",
    "Reception staff were rude to my partner.",
    "My appointment was cancelled twice without a reason.",
    "Thank you to everyone on the delivery suite.",
    "The toilets were dirty.",
    "I felt listened to and safe.",
]
QUERIES = ["parking", "car park", '"pain relief" -night', "rude OR dirty", "helicopter"]


def child(backend: str) -> int:
    """Load and time on the database in DATABASE_URL; returns 0 on PASS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    django.setup()
    from support.database import migrate_empty_database

    from django.db import connection
    from django.utils import timezone

    from feedback.filters import FeedbackFilter
    from feedback.models import Feedback
    from website.demo import ensure_home_page
    from website.factories import ServicePageFactory, ServicesIndexPageFactory

    migrate_empty_database()
    home, _site = ensure_home_page()
    index = ServicesIndexPageFactory(parent=home, slug="services")
    service = ServicePageFactory(parent=index, slug="maternity")

    rng = random.Random(SEED)
    now, first_day = timezone.now(), date(2024, 1, 1)
    started = time.monotonic()
    for start in range(0, ROWS, INSERT_BATCH):
        rows = [Feedback(service=service, receipt=f"B{n:09d}", submission_key=uuid.uuid4(),
                         fft_answer="good", channel="web", lifecycle_stage="delivery",
                         text=" ".join(rng.sample(SENTENCES, rng.randint(1, 4))),
                         received_at=now, given_on=first_day + timedelta(days=n % 1000),
                         status="processed")
                for n in range(start, min(start + INSERT_BATCH, ROWS))]  # fmt: skip
        Feedback.objects.bulk_create(rows)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would give a real table; no Django call asks for them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE feedback_feedback")
    print(f"[{backend}] loaded {ROWS:,} responses in {time.monotonic() - started:.0f} s")

    failed = False
    for query in QUERIES:
        times, count = [], 0
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            found = FeedbackFilter({"q": query}, queryset=Feedback.objects.filter(service=service))
            count = found.qs.count()
            list(found.qs[:PAGE])
            times.append(time.perf_counter() - t0)
        p50, worst = statistics.median(times), max(times)
        verdict = "PASS" if worst <= TARGET_S else "FAIL"
        failed |= verdict == "FAIL"
        print(f"[{backend}] q={query!r}: {count:,} match; count and first page p50 "
              f"{p50 * 1000:.0f} ms, max {worst * 1000:.0f} ms (target {TARGET_S:.0f} s) "
              f"{verdict}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1]) if len(sys.argv) > 1 else run_on_each_database(__file__))
