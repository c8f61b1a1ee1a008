"""Fixtures for the involvement tests: processed feedback with themes, and rollups to match."""

from datetime import timedelta

import pytest

from django.utils import timezone

from feedback.choices import Status
from feedback.factories import FeedbackFactory
from feedback.models import Theme
from feedback.rollups import rebuild_rollups


def processed(service, *, days_ago: int = 1, themes=(), **fields):
    """A processed response given `days_ago` days ago, tagged with `themes`."""
    when = timezone.now() - timedelta(days=days_ago)
    row = FeedbackFactory(service=service, status=Status.PROCESSED, received_at=when,
                          given_on=timezone.localdate(when), **fields)  # fmt: skip
    row.themes.set(themes)
    return row


@pytest.fixture
def theme(db):
    return Theme.objects.order_by("pk").first() or Theme.objects.create(name="Staff", slug="staff")


@pytest.fixture
def make_feedback(travel):
    """Create processed feedback, then rebuild the rollups from it, on a fixed day."""

    def make(service, n=1, **fields):
        rows = [processed(service, **fields) for _ in range(n)]
        rebuild_rollups(service_ids=[service.pk])
        return rows

    return make
