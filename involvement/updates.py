"""Reading "You said, we did" updates: the public index, the service page's list, and for the
insight board which themes an update answers and how long that took (one update's own page:
involvement.update_page)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from wagtail.models import Page

from feedback.models import Theme
from feedback.rollups import rollup_counts
from involvement.models import YouSaidWeDidPage
from involvement.update_page import STATUS_TAGS
from involvement.update_rules import BEGINNING, theme_counts
from involvement.update_status import UpdateStatus
from website.models import ServicePage

INDEX_PAGE_SIZE = 20


def published_updates() -> QuerySet[YouSaidWeDidPage]:
    """Updates anyone may read: live, not behind a privacy setting, newest first."""
    return (
        YouSaidWeDidPage.objects.live()
        .public()
        .order_by("-status_date", "-pk")
        .prefetch_related("themes")
    )


def with_services(updates) -> list[YouSaidWeDidPage]:
    """Updates with `.service` set, their services read in one query."""
    updates = list(updates)
    paths = {u.path[: -Page.steplen] for u in updates}
    services = {s.path: s for s in ServicePage.objects.filter(path__in=paths)}
    for update in updates:
        update.service = services.get(update.path[: -Page.steplen])
        update.status_tag_class = STATUS_TAGS.get(update.status, "")
    return updates


@dataclass
class IndexFilters:
    """The public index's filters, as chosen (None: all)."""

    service: ServicePage | None = None
    theme: Theme | None = None
    services: list[ServicePage] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)


def index_filters(*, service_slug: str, theme_slug: str) -> IndexFilters:
    """The services and themes that have published updates, and those chosen among them
    (an unknown slug chooses nothing)."""
    published = published_updates()
    paths = {path[: -Page.steplen] for path in published.values_list("path", flat=True)}
    services = list(ServicePage.objects.live().public().filter(path__in=paths).order_by("title"))
    themes = list(Theme.objects.filter(pk__in=published.values("themes")).order_by("name"))
    return IndexFilters(
        service=next((s for s in services if s.slug == service_slug), None),
        theme=next((t for t in themes if t.slug == theme_slug), None),
        services=services,
        themes=themes,
    )


def filtered_updates(*, filters: IndexFilters) -> QuerySet[YouSaidWeDidPage]:
    """Published updates for the chosen service and theme."""
    updates = published_updates()
    if filters.service is not None:
        updates = updates.child_of(filters.service)
    if filters.theme is not None:
        updates = updates.filter(themes=filters.theme)
    return updates


def latest_for_service(*, service: Page, limit: int = 3) -> list[YouSaidWeDidPage]:
    """The service's newest published updates, for its page."""
    return list(published_updates().child_of(service)[:limit])


@dataclass
class ThemeAnswer:
    """One theme on the board: its responses in the period, the updates answering it, and the
    days from its first feedback to the first update marked done."""

    theme: Theme
    responses: int
    updates: list[YouSaidWeDidPage]
    days_to_done: int | None

    @property
    def status(self) -> str:
        if not self.updates:
            return ""
        order = [UpdateStatus.DONE, UpdateStatus.IN_PROGRESS, UpdateStatus.PLANNED]
        best = min(self.updates, key=lambda u: order.index(u.status))
        return best.get_status_display()


def first_feedback_days(*, service_id: int, theme_ids: list[int], today: date) -> dict[int, date]:
    """The first day each theme was raised at the service, from the rollups: the first month
    from the monthly rows, then the day within it (two reads per distinct month, not per day)."""
    monthly = rollup_counts(service_ids=[service_id], start=BEGINNING, end=today,
                            by=("month", "theme"), columns=["responses"])  # fmt: skip
    first_month: dict[int, date] = {}
    for month, theme_id in monthly:
        if theme_id in theme_ids and (theme_id not in first_month or month < first_month[theme_id]):
            first_month[theme_id] = month
    by_month: dict[date, list[int]] = defaultdict(list)
    for theme_id, month in first_month.items():
        by_month[month].append(theme_id)
    first_day: dict[int, date] = {}
    for month, ids in by_month.items():
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        daily = rollup_counts(service_ids=[service_id], start=month, end=min(end, today),
                              by=("day", "theme"), columns=["responses"])  # fmt: skip
        for day, theme_id in sorted(daily):
            if theme_id in ids and theme_id not in first_day:
                first_day[theme_id] = day
    return first_day


def board_answers(*, service: ServicePage, start: date, end: date) -> list[ThemeAnswer]:
    """For the insight board: each theme raised in the period or answered by a published update,
    whether an update answers it, and the days from its first feedback to done."""
    counts = theme_counts(service_id=service.pk, start=start, end=end)
    answering: dict[int, list[YouSaidWeDidPage]] = defaultdict(list)
    for update in published_updates().child_of(service):
        for theme in update.themes.all():
            answering[theme.pk].append(update)
    theme_ids = sorted(set(counts) | set(answering))
    firsts = first_feedback_days(service_id=service.pk, theme_ids=list(answering),
                                 today=timezone.localdate())  # fmt: skip
    answers = []
    for theme in Theme.objects.filter(pk__in=theme_ids):
        done = [u.status_date for u in answering[theme.pk] if u.status == UpdateStatus.DONE]
        first = firsts.get(theme.pk)
        days = (min(done) - first).days if done and first else None
        answers.append(ThemeAnswer(theme, counts.get(theme.pk, 0), answering[theme.pk], days))
    return sorted(answers, key=lambda a: (-a.responses, a.theme.name))
