"""'Page last reviewed' and 'Next review due' on every public page, and the overdue list.

The NHS service manual asks for content to be reviewed on a schedule and to say when it last was
(https://service-manual.nhs.uk/content/how-we-write): each public page type mixes this in.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

# When no next review date is given, the page is due a year after it was last reviewed.
DEFAULT_REVIEW_INTERVAL = timedelta(days=365)


class ReviewDates(models.Model):
    """Mixed into a page type: when it was last reviewed and when its next review is due."""

    last_reviewed = models.DateField("page last reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        "next review due",
        null=True,
        blank=True,
        db_index=True,
        help_text="Left empty, it is set to a year after the last review.",
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review_due")], heading="Review dates"
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + DEFAULT_REVIEW_INTERVAL
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": "The next review must be after the last review."}
            )


def reviewed_page_models() -> list[type[Page]]:
    """Every page type that carries review dates."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, ReviewDates)
    ]


def overdue_pages(*, today: date, pages=None):
    """Pages (of `pages`, default all) whose next review is due before `today`, most overdue
    first, annotated with `review_due`."""
    pages = Page.objects.all() if pages is None else pages
    due_on: dict[int, date] = {}
    for model in reviewed_page_models():
        rows = model.objects.filter(next_review_due__lt=today).values_list("pk", "next_review_due")
        due_on.update(rows)
    overdue = list(pages.filter(pk__in=due_on).specific())
    for page in overdue:
        page.review_due = due_on[page.pk]
    return sorted(overdue, key=lambda page: (page.review_due, page.title))
