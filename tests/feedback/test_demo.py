import pytest

from django.core.management import call_command

from feedback.choices import QuestionKind
from feedback.models import FeedbackForm, FeedbackQuestion
from website.models import ServicePage


@pytest.mark.django_db
def test_seed_demo_gives_every_service_a_form_and_is_idempotent(site_tree):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert FeedbackForm.objects.count() == ServicePage.objects.count() > 0
    maternity = FeedbackForm.objects.get(service__slug="maternity")
    assert maternity.questions.get().kind == QuestionKind.RADIOS
    assert FeedbackQuestion.objects.filter(kind=QuestionKind.RADIOS).count() == 1
