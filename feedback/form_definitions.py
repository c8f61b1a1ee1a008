"""What the public form needs about a live service, as plain data cached per slug.

Every submission needs the service's id, lifecycle stage and form questions: two queries that
dominated the POST's cost (bench/submit.py). The cache's Redis holds each definition as JSON,
plain values only, so a deploy that changes these classes never reads stale objects; the POST
reads it in the same round trip as its rate limit (`definition_key`, `definition_from`). Signals
forget an entry whenever what it holds may change; the TTL is a backstop, also for a change made
while Redis was down. When Redis is down the definition comes from the database.
"""

import json
import logging
from dataclasses import asdict, dataclass

from django_redis import get_redis_connection
from redis.exceptions import RedisError

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from feedback.models import DEFAULT_FOLLOW_UP, FeedbackForm, FeedbackQuestion
from website.models import ServicePage

logger = logging.getLogger(__name__)

# Bump when the cached shape changes, so old entries are never read.
CACHE_KEY = "feedback:form-definition:v2:{slug}"
# A backstop only: the signals below forget an entry as soon as it may be out of date.
CACHE_SECONDS = 5 * 60


@dataclass(frozen=True)
class QuestionDefinition:
    """One extra question of a form, with what the form field and the stored answer need."""

    pk: int
    label: str
    help_text: str
    kind: str
    choice_list: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class FormDefinition:
    """A live service's feedback form: enough to validate and store a submission."""

    service_id: int
    slug: str
    lifecycle_stage: str
    follow_up_label: str
    questions: tuple[QuestionDefinition, ...]


def definition_of(*, service: ServicePage) -> FormDefinition:
    """Read a service's form definition from the database (one query for the questions)."""
    try:
        feedback_form = service.feedback_form
    except FeedbackForm.DoesNotExist:
        feedback_form = None
    questions = feedback_form.questions.all() if feedback_form is not None else []
    return FormDefinition(
        service_id=service.pk,
        slug=service.slug,
        lifecycle_stage=service.lifecycle_stage,
        follow_up_label=feedback_form.follow_up_label if feedback_form else DEFAULT_FOLLOW_UP,
        questions=tuple(
            QuestionDefinition(
                pk=q.pk,
                label=q.label,
                help_text=q.help_text,
                kind=q.kind,
                choice_list=tuple(q.choice_list),
                required=q.required,
            )
            for q in questions
        ),
    )


def definition_key(slug: str) -> str:
    """The Redis key of a slug's cached definition (in the cache's database, with its prefix)."""
    return cache.make_key(CACHE_KEY.format(slug=slug))


def _redis():
    return get_redis_connection("default")


def live_form_definition(*, slug: str) -> FormDefinition | None:
    """The form definition of the live service with this slug, from the cache if there; or None."""
    try:
        cached = _redis().get(definition_key(slug))
    except RedisError:
        cached = None
    return definition_from(cached, slug=slug)


def definition_from(cached: bytes | None, *, slug: str) -> FormDefinition | None:
    """The definition from its cached JSON, read by the caller; if none, from the database."""
    if cached is not None:
        data = json.loads(cached)
        questions = tuple(QuestionDefinition(**q) for q in data.pop("questions"))
        return FormDefinition(**data, questions=questions)
    # No ORDER BY (Page sorts by path): live services have unique slugs under the services index.
    services = list(
        ServicePage.objects.live()
        .filter(slug=slug)
        .select_related("feedback_form")
        .only(
            "id", "slug", "lifecycle_stage", "feedback_form__id", "feedback_form__follow_up_label"
        )
        .order_by()[:1]
    )
    if not services:
        return None
    definition = definition_of(service=services[0])
    try:
        _redis().set(definition_key(slug), json.dumps(asdict(definition)), ex=CACHE_SECONDS)
    except RedisError as exc:
        logger.warning("Form definition not cached (%s)", type(exc).__name__)
    return definition


def forget_form_definition(*, slug: str) -> None:
    """Drop a slug's cached definition now and again once the current transaction commits.

    The second delete closes a race: a request reading the old rows before the commit could
    otherwise put them back in the cache until the TTL ran out.
    """
    key = definition_key(slug)
    _forget(key)
    transaction.on_commit(lambda: _forget(key))


def _forget(key: str) -> None:
    try:
        _redis().delete(key)
    except RedisError as exc:
        # The TTL forgets it in minutes; a page edit must not fail because Redis is down.
        logger.warning("Form definition not forgotten (%s)", type(exc).__name__)


def _forget_service(service_id: int | None) -> None:
    for slug in ServicePage.objects.filter(pk=service_id).values_list("slug", flat=True):
        forget_form_definition(slug=slug)


@receiver(post_save, sender=ServicePage)
@receiver(post_delete, sender=ServicePage)
@receiver(page_published, sender=ServicePage)
@receiver(page_unpublished, sender=ServicePage)
@receiver(post_page_move, sender=ServicePage)
def _service_changed(sender, instance, **kwargs):
    forget_form_definition(slug=instance.slug)


@receiver(page_slug_changed, sender=ServicePage)
def _service_slug_changed(sender, instance, instance_before, **kwargs):
    forget_form_definition(slug=instance_before.slug)
    forget_form_definition(slug=instance.slug)


@receiver(pre_save, sender=FeedbackForm)
def _form_moving(sender, instance, **kwargs):
    # A form moved to another service leaves its old service's entry behind otherwise.
    if instance.pk is not None:
        old = FeedbackForm.objects.filter(pk=instance.pk).values_list("service_id", flat=True)
        for service_id in old:
            if service_id != instance.service_id:
                _forget_service(service_id)


@receiver(post_save, sender=FeedbackForm)
@receiver(post_delete, sender=FeedbackForm)
def _form_changed(sender, instance, **kwargs):
    _forget_service(instance.service_id)


@receiver(post_save, sender=FeedbackQuestion)
@receiver(post_delete, sender=FeedbackQuestion)
def _question_changed(sender, instance, **kwargs):
    slugs = ServicePage.objects.filter(feedback_form__id=instance.form_id)
    for slug in slugs.values_list("slug", flat=True):
        forget_form_definition(slug=slug)
