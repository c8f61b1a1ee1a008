"""Benchmark the panel matching count over 100,000 members (issue 14).

Loads members across 3 panels and 20 services with bulk inserts on a temporary SQLite file (and
on PostgreSQL when BENCH_PG_URL names a throwaway database, which is wiped), then times
`panels.matching.matching_count` for a few sets of criteria (p50 and max of repeated counts).
Nothing is decrypted to match. Run from the repository root:

    PYTHONPATH=. .venv/bin/python bench/panels.py

Target: every count within 1 s. Prints PASS/FAIL; exits 1 on any FAIL.
The issue's other half, 1,000 invitations sent by a real worker, is bench/invitations.py.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

from support.backends import run_on_each_database

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = int(os.environ.get("BENCH_PANEL_MEMBERS", "100000"))
SERVICES = 20
PANELS = 3
REPEATS = 15
TARGET_S = 1.0
SEED = 20261201
INSERT_BATCH = 5_000  # rows per bulk_create: amortises the round trip, small in memory


def child(backend: str) -> int:
    """Load and time on the database in DATABASE_URL; returns 0 on PASS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    django.setup()
    from support.database import migrate_empty_database

    from panels.choices import AgeBand, MemberStatus, WayToTakePart, way_bits
    from panels.factories import PanelPageFactory
    from panels.matching import matching_count
    from panels.models import PanelMember
    from website.crypto import encrypt_json
    from website.demo import ensure_home_page
    from website.factories import ServicePageFactory, ServicesIndexPageFactory

    migrate_empty_database()
    home, _site = ensure_home_page()
    index = ServicesIndexPageFactory(parent=home, slug="services")
    services = [ServicePageFactory(parent=index, slug=f"s{n}") for n in range(SERVICES)]
    panels = [PanelPageFactory(parent=home, slug=f"p{n}") for n in range(PANELS)]

    rng = random.Random(SEED)
    bands = [b for b in AgeBand.values if b != AgeBand.UNDER_16]
    ways = list(WayToTakePart.values)
    # One ciphertext for all rows: matching never reads it, and encryption is not what is timed.
    contact = encrypt_json({"name": "Bench", "email": "bench@example.org"})
    details = encrypt_json({})
    statuses = [MemberStatus.ACTIVE] * 8 + [MemberStatus.PAUSED, MemberStatus.PENDING]
    through = PanelMember.services.through
    started = time.monotonic()
    for start in range(0, MEMBERS, INSERT_BATCH):
        rows = [PanelMember(panel=rng.choice(panels), status=rng.choice(statuses),
                            email_key=f"k{n}", contact=contact, details=details,
                            age_band=rng.choice(bands), postcode_district="LS1",
                            ways=way_bits(rng.sample(ways, rng.randint(1, 3))))
                for n in range(start, min(start + INSERT_BATCH, MEMBERS))]  # fmt: skip
        made = PanelMember.objects.bulk_create(rows)
        if made and made[0].pk is None:  # a database that returns no ids from bulk inserts
            made = PanelMember.objects.filter(email_key__in=[r.email_key for r in rows])
        links = [through(panelmember_id=m.pk, servicepage_id=s.pk) for m in made
                 for s in rng.sample(services, rng.randint(0, 2))]  # fmt: skip
        through.objects.bulk_create(links)
    print(f"[{backend}] loaded {MEMBERS:,} members in {time.monotonic() - started:.0f} s")

    cases = {
        "one panel, everyone active": {"panel_ids": [panels[0].pk]},
        "age bands": {"panel_ids": [panels[0].pk], "age_bands": bands[:3]},
        "ways": {"panel_ids": [panels[0].pk], "ways": ["video", "in_person"]},
        "services": {"panel_ids": [panels[0].pk], "service_ids": [services[0].pk]},
        "all criteria, all panels": {"panel_ids": [p.pk for p in panels],
                                     "age_bands": bands[2:5], "ways": ["phone"],
                                     "service_ids": [s.pk for s in services[:3]]},
    }  # fmt: skip
    failed = False
    for name, criteria in cases.items():
        times, count = [], 0
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            count = matching_count(**criteria)
            times.append(time.perf_counter() - t0)
        p50, worst = statistics.median(times), max(times)
        verdict = "PASS" if worst <= TARGET_S else "FAIL"
        failed |= verdict == "FAIL"
        print(f"[{backend}] {name}: {count:,} match; p50 {p50 * 1000:.0f} ms, "
              f"max {worst * 1000:.0f} ms (target {TARGET_S:.0f} s) {verdict}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1]) if len(sys.argv) > 1 else run_on_each_database(__file__))
