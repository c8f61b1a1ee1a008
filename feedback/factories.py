"""Factories for feedback rows, forms and questions, shared by the tests and the demo."""

import uuid

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from feedback.choices import Channel, FftAnswer, QuestionKind, Status
from feedback.intake import new_receipt
from feedback.models import ContactRequest, Feedback, FeedbackForm, FeedbackQuestion
from website.crypto import encrypt_json
from website.factories import ServicePageFactory, ServicesIndexPageFactory
from website.models import ServicesIndexPage


def services_index() -> ServicesIndexPage:
    """The services index, created under the home page if there is none (tests need a parent)."""
    from website.demo import ensure_home_page

    existing = ServicesIndexPage.objects.first()
    if existing is not None:
        return existing
    home, _site = ensure_home_page()
    return ServicesIndexPageFactory(parent=home, slug="services")


class FeedbackServiceFactory(ServicePageFactory):
    """A service page placed under the services index, as ServicePage requires."""

    parent = factory.LazyFunction(services_index)
    slug = factory.Sequence(lambda n: f"service-{n}")


class FeedbackFactory(DjangoModelFactory):
    """One anonymised response, status `received` unless told otherwise."""

    service = factory.SubFactory(FeedbackServiceFactory)
    receipt = factory.LazyFunction(new_receipt)
    submission_key = factory.LazyFunction(uuid.uuid4)
    channel = Channel.WEB
    fft_answer = FftAnswer.VERY_GOOD
    text = "The staff were kind and explained everything. [NAME] on reception was lovely."
    answers = factory.LazyFunction(list)
    lifecycle_stage = factory.LazyAttribute(lambda o: o.service.lifecycle_stage)
    received_at = factory.LazyFunction(timezone.now)
    given_on = factory.LazyAttribute(lambda o: timezone.localdate(o.received_at))
    status = Status.RECEIVED

    class Meta:
        model = Feedback


class ContactRequestFactory(DjangoModelFactory):
    """Encrypted contact details attached to a response."""

    feedback = factory.SubFactory(FeedbackFactory)
    details = factory.LazyFunction(
        lambda: encrypt_json({"name": "Alex Example", "email": "alex@example.com", "phone": ""})
    )

    class Meta:
        model = ContactRequest


class FeedbackFormFactory(DjangoModelFactory):
    """A service's feedback form with the default follow-up question."""

    service = factory.SubFactory(FeedbackServiceFactory)
    intro = ""

    class Meta:
        model = FeedbackForm
        django_get_or_create = ("service",)


class FeedbackQuestionFactory(DjangoModelFactory):
    """An extra question on a service's form."""

    form = factory.SubFactory(FeedbackFormFactory)
    label = factory.Sequence(lambda n: f"Extra question {n}")
    kind = QuestionKind.SINGLE_LINE
    required = False
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = FeedbackQuestion
