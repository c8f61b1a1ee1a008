"""`manage.py rebuild_rollups`: recompute the daily rollups from the feedback rows."""

from datetime import date

from django.core.management.base import BaseCommand

from feedback.rollups import rebuild_horizon, rebuild_rollups


class Command(BaseCommand):
    help = (
        "Recompute daily and theme rollups from processed feedback. Days older than the "
        "retention period are left alone unless --since says otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--service", type=int, action="append", dest="service_ids",
                            help="Only this service ID (repeat for more).")  # fmt: skip
        parser.add_argument("--since", type=date.fromisoformat,
                            help="First day to rebuild (YYYY-MM-DD).")  # fmt: skip

    def handle(self, *args, service_ids=None, since=None, **options):
        since = since or rebuild_horizon()
        written = rebuild_rollups(service_ids=service_ids, since=since)
        self.stdout.write(f"Rebuilt rollups from {since.isoformat()}: {written} rows written.")
