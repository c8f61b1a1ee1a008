"""What one "You said, we did" update's page shows besides its own fields: its service, the
feedback counts of the themes it answers (suppressed) and the comments it quotes.

Its page model asks this module, so it reads the update it is given and imports no models of
its own app.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page

from involvement.update_rules import quotable_comments, receipt_list, theme_counts
from involvement.update_status import UpdateStatus
from website.models import ServicePage
from website.suppression import show_count

# Counts on an update cover the year of feedback before it.
COUNT_WINDOW = timedelta(days=365)
STATUS_TAGS = {
    UpdateStatus.PLANNED: "nhsuk-tag--grey",
    UpdateStatus.IN_PROGRESS: "nhsuk-tag--blue",
    UpdateStatus.DONE: "nhsuk-tag--green",
}


def service_of(update: Page) -> ServicePage:
    """The service an update sits under."""
    return ServicePage.objects.get(path=update.path[: -Page.steplen])


def update_context(*, update: Page) -> dict:
    """What an update's page shows besides its own fields: counts per theme (suppressed), the
    comments it quotes, its service."""
    service = service_of(update)
    end = min(update.status_date, timezone.localdate())
    counts = theme_counts(service_id=service.pk, start=end - COUNT_WINDOW, end=end)
    theme_lines = [
        {"theme": theme, "shown": show_count(counts.get(theme.pk, 0))}
        for theme in update.themes.all()
    ]
    receipts = receipt_list(update.quoted_receipts)
    comments = quotable_comments(service_id=service.pk, receipts=receipts)
    return {
        "service": service,
        "theme_lines": theme_lines,
        "quotes": [comments[r] for r in receipts if r in comments],
        "status_tag_class": STATUS_TAGS.get(update.status, ""),
    }
