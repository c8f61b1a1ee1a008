import pytest

from django.core.management import call_command

from feedback.choices import QuestionKind
from feedback.models import FeedbackForm, FeedbackQuestion
from website.locales import in_default_language
from website.models import ServicePage


@pytest.mark.django_db
def test_seed_demo_gives_every_service_a_form_and_is_idempotent(site_tree):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    # A Welsh copy of a service is the same service: one form each, for the English pages.
    services = in_default_language(ServicePage.objects.all())
    assert FeedbackForm.objects.count() == services.count() > 0
    maternity = FeedbackForm.objects.get(service__slug="maternity")
    assert maternity.questions.get().kind == QuestionKind.RADIOS
    assert FeedbackQuestion.objects.filter(kind=QuestionKind.RADIOS).count() == 1
