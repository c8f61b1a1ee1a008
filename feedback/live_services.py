"""The live service a public feedback form belongs to, with its form and questions, cached.

Reading a Wagtail page with its form took a third of a feedback POST (bench/submit.py), so the
public pages keep what they read in the cache under one invalidation rule: an entry is used only
while the "forms version" it was read under is current, and any save or delete of a service page,
a feedback form or a question (and any page move) sets a new version. A change therefore shows on
the very next request, whatever it was; the cost is that every entry is read afresh after it.
When the cache is unreachable the database answers.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.db.models.signals import post_delete, post_save

from wagtail.signals import post_page_move

from feedback.models import FeedbackForm, FeedbackQuestion
from website.locales import in_default_language
from website.models import ServicePage

VERSION_KEY = "feedback:forms-version"
ENTRY_KEY = "feedback:live-service:v1:{slug}"
# Entries are correct until the version moves; the timeout only lets unused ones go.
ENTRY_SECONDS = 60 * 60
# What the form page, its error pages and the thank-you page read; the rest stays in the database.
SERVICE_FIELDS = (
    "id", "slug", "title", "url_path", "lifecycle_stage", "contact_phone",
    "feedback_form__id", "feedback_form__intro", "feedback_form__follow_up_label",
)  # fmt: skip


def live_service(*, slug: str) -> ServicePage | None:
    """The live service with this slug, its form and the form's questions; None if there is none."""
    key = ENTRY_KEY.format(slug=slug)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    if version is None:
        # Never set, evicted or flushed: start a new one, so no older entry can match it.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    service = _read(slug)
    if service is not None and version is not None:
        cache.set(key, (version, service), timeout=ENTRY_SECONDS)
    return service


def _read(slug: str) -> ServicePage | None:
    """One query for the service and its form; a second for the questions only if it has any."""
    # No ORDER BY (Page sorts by path): live services have unique slugs under the services index.
    # Feedback belongs to the service itself, in the default language, never to a translation.
    services = list(
        in_default_language(ServicePage.objects.live())
        .filter(slug=slug)
        .select_related("feedback_form")
        .only(*SERVICE_FIELDS)
        .annotate(
            has_questions=Exists(
                FeedbackQuestion.objects.filter(form_id=OuterRef("feedback_form__id"))
            )
        )
        .order_by()[:1]
    )
    if not services:
        return None
    service = services[0]
    if service.has_questions:
        prefetch_related_objects([service.feedback_form], "questions")
    return service


def forget_live_services() -> None:
    """Set a new forms version now and again once the transaction commits.

    The second closes a race: a request reading the old rows before the commit would otherwise
    cache them under the new version.
    """
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _changed(**kwargs) -> None:
    forget_live_services()


# The one receiver, for every change that can alter what a public form shows or accepts.
for _model in (ServicePage, FeedbackForm, FeedbackQuestion):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"live-services-save-{_model.__name__}")
    post_delete.connect(
        _changed, sender=_model, dispatch_uid=f"live-services-delete-{_model.__name__}"
    )
post_page_move.connect(_changed, dispatch_uid="live-services-move")
