"""The printable paper form in Chromium's print to PDF: one A4 page, both sides at most."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from feedback.choices import QuestionKind
from feedback.demo import EXTRA_QUESTIONS
from feedback.factories import FeedbackQuestionFactory
from feedback.models import FeedbackForm
from website.models import ServicePage

pytestmark = pytest.mark.django_db(transaction=True)

# A page object in the PDF's page tree ("/Type /Pages" is the tree itself, not a page).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """How many pages Chromium's PDF holds: its page objects, which its /Count confirms."""
    pages = len(PAGE_OBJECT.findall(pdf))
    assert f"/Count {pages}".encode() in pdf
    return pages


@pytest.fixture
def demo_forms(demo_site):
    """Each demo service's form with its demo questions (maternity and A&E have one more)."""
    for service in ServicePage.objects.all():
        form, created = FeedbackForm.objects.get_or_create(service=service)
        for order, question in enumerate(EXTRA_QUESTIONS.get(service.slug, []) if created else []):
            FeedbackQuestionFactory(form=form, sort_order=order, **question)


def print_paper_form(page, live_server, client, slug: str) -> bytes:
    client.force_login(get_user_model().objects.get(username="admin"))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    service = ServicePage.objects.get(slug=slug)
    response = page.goto(live_server.url + reverse("feedback_staff:paper", args=[service.pk]))
    assert response.status == 200
    assert page.locator("h1").inner_text().endswith(service.title)
    page.emulate_media(media="print")
    return page.pdf(format="A4")


@pytest.mark.parametrize("slug", ["maternity", "emergency-department", "pharmacy"])
def test_each_demo_paper_form_prints_on_one_a4_page(page, live_server, client, demo_forms, slug):
    pdf = print_paper_form(page, live_server, client, slug)
    assert pdf_pages(pdf) == 1


def test_a_long_form_prints_on_both_sides_of_one_sheet_at_most(
    page, live_server, client, demo_forms
):
    # given the maternity form with four more questions, of every kind, after its demo question
    form = FeedbackForm.objects.get(service__slug="maternity")
    FeedbackQuestionFactory(form=form, label="What could we do better?",
                            kind=QuestionKind.MULTI_LINE, sort_order=10)  # fmt: skip
    FeedbackQuestionFactory(form=form, label="Which ward were you on?",
                            kind=QuestionKind.SINGLE_LINE, sort_order=11)  # fmt: skip
    FeedbackQuestionFactory(form=form, label="Who was with you?", kind=QuestionKind.CHECKBOXES,
                            choices="Partner\nFamily\nFriend\nNobody", sort_order=12)  # fmt: skip
    FeedbackQuestionFactory(form=form, label="Was it your first baby?", kind=QuestionKind.RADIOS,
                            choices="Yes\nNo", sort_order=13)  # fmt: skip

    # when a member of staff prints it
    pdf = print_paper_form(page, live_server, client, "maternity")

    # then it fits on both sides of one sheet
    assert pdf_pages(pdf) <= 2
