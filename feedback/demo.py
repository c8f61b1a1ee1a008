"""Demo feedback forms: one per demo service, the maternity one with an extra question."""

from django.db import transaction

from feedback.choices import QuestionKind
from feedback.demo_history import seed_history
from feedback.models import FeedbackForm, FeedbackQuestion
from website.locales import in_default_language
from website.models import ServicePage

EXTRA_QUESTIONS = {
    "maternity": [
        {"label": "Which part of your care are you telling us about?",
         "help_text": "Choose the one that fits best.", "kind": QuestionKind.RADIOS,
         "choices": "Antenatal care\nLabour and birth\nPostnatal care on the ward\n"
                    "Care at home after the birth",
         "required": False},
    ],
    "emergency-department": [
        {"label": "Roughly how long did you wait to be seen?", "help_text": "",
         "kind": QuestionKind.DROPDOWN,
         "choices": "Under 1 hour\n1 to 4 hours\nMore than 4 hours\nI do not remember",
         "required": False},
    ],
}  # fmt: skip


@transaction.atomic
def seed() -> None:
    """A feedback form for every service and 18 months of history for each service with no
    feedback yet; running it again changes nothing."""
    _seed_forms()
    seed_history()


def _seed_forms() -> None:
    for service in in_default_language(ServicePage.objects.all()):
        form, created = FeedbackForm.objects.get_or_create(service=service)
        if not created:
            continue
        for order, question in enumerate(EXTRA_QUESTIONS.get(service.slug, [])):
            FeedbackQuestion.objects.create(form=form, sort_order=order, **question)
