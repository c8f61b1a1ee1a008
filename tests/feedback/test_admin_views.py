"""Staff review screens: per-service scoping, filters, escaping, hide, retag, safeguarding."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from feedback.choices import Channel, FftAnswer, SafeguardingStatus, Status, ThemeReviewOutcome
from feedback.factories import ContactRequestFactory, FeedbackFactory, FeedbackServiceFactory
from feedback.models import DailyRollup, Feedback, Theme, ThemeDailyRollup, ThemeReview
from feedback.processing import process_feedback
from feedback.themes import seed_default_themes
from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff(service, role, username):
    """A member of staff holding `role` on `service`, in that role's admin group."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    ServiceRoleFactory(user=user, service=service, role=role)
    return user


@pytest.fixture
def other_service(site_tree):
    return FeedbackServiceFactory(title="Urgent care", slug="urgent-care")


@pytest.fixture
def lead(service):
    return staff(service, ServiceRoleName.SERVICE_LEAD, "lee-lead")


@pytest.fixture
def safeguarding_lead(service):
    return staff(service, ServiceRoleName.SAFEGUARDING_LEAD, "sam-safeguarding")


@pytest.fixture
def editor(service):
    return staff(service, ServiceRoleName.EDITOR, "eddie-editor")


@pytest.fixture
def administrator(site_tree):
    user = UserFactory(username="ada-admin")
    user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    return user


@pytest.fixture
def processed(service):
    seed_default_themes()
    feedback = FeedbackFactory(service=service, text="Waited hours. <script>alert(1)</script>")
    process_feedback(feedback_id=feedback.pk)
    feedback.refresh_from_db()
    return feedback


def test_the_list_shows_the_services_feedback(client, lead, service, processed):
    client.force_login(lead)

    response = client.get(reverse("feedback_review:list", args=[service.pk]))

    assert response.status_code == 200
    assert processed.receipt in response.content.decode()


def test_another_services_feedback_answers_404(client, lead, other_service):
    # given
    theirs = FeedbackFactory(service=other_service, safeguarding_status=SafeguardingStatus.NEW)
    client.force_login(lead)
    # when / then: every view and action on it
    assert client.get(reverse("feedback_review:list", args=[other_service.pk])).status_code == 404
    assert client.get(reverse("feedback_review:detail", args=[theirs.pk])).status_code == 404
    for action in ("hide", "retag", "case", "case_reopen"):
        url = reverse(f"feedback_review:{action}", args=[theirs.pk])
        assert client.post(url).status_code == 404
    assert not Feedback.objects.get(pk=theirs.pk).hidden
    safeguarding = client.get(reverse("feedback_review:safeguarding")).content.decode()
    assert theirs.receipt not in safeguarding


def test_the_index_lists_only_the_users_services(client, lead, service, other_service):
    client.force_login(lead)

    page = client.get(reverse("feedback_review:index")).content.decode()

    assert service.title in page
    assert other_service.title not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"web-good", "paper-poor-flagged", "old-very-good"}),
        ({"answer": FftAnswer.POOR}, {"paper-poor-flagged"}),
        ({"channel": Channel.WEB}, {"web-good", "old-very-good"}),
        ({"flagged": "yes"}, {"paper-poor-flagged"}),
        ({"flagged": "no"}, {"web-good", "old-very-good"}),
        ({"status": Status.RECEIVED}, {"old-very-good"}),
        ({"date_from": "DAY_BEFORE"}, {"web-good", "paper-poor-flagged"}),
        ({"date_to": "DAY_BEFORE"}, {"old-very-good"}),
        ({"theme": "timeliness"}, {"web-good"}),
    ],
)
def test_filters(client, safeguarding_lead, service, query, expected, travel):
    # given
    seed_default_themes()
    today = timezone.localdate()
    rows = {
        "web-good": FeedbackFactory(service=service, fft_answer=FftAnswer.GOOD,
                                    text="Long wait but fine", channel=Channel.WEB),
        "paper-poor-flagged": FeedbackFactory(service=service, fft_answer=FftAnswer.POOR,
                                              text="He hit me", channel=Channel.PAPER),
        "old-very-good": FeedbackFactory(service=service, fft_answer=FftAnswer.VERY_GOOD,
                                         text="", given_on=today - timedelta(days=5)),
    }  # fmt: skip
    for name in ("web-good", "paper-poor-flagged"):
        process_feedback(feedback_id=rows[name].pk)
    if "theme" in query:
        query = {"theme": Theme.objects.get(slug=query["theme"]).pk}
    query = {k: (today - timedelta(days=1)).isoformat() if v == "DAY_BEFORE" else v
             for k, v in query.items()}  # fmt: skip
    client.force_login(safeguarding_lead)  # the one role that sees flagged rows too
    # when
    page = client.get(reverse("feedback_review:list", args=[service.pk]), query).content.decode()
    # then
    shown = {name for name, row in rows.items() if row.receipt in page}
    assert shown == expected


def test_a_service_lead_never_sees_a_flagged_response(client, lead, service):
    # given a flagged response with a contact request, and an ordinary one
    flagged = FeedbackFactory(service=service, text="He hit me")
    process_feedback(feedback_id=flagged.pk)
    ContactRequestFactory(feedback=flagged)
    ordinary = FeedbackFactory(service=service, text="Kind staff")
    ContactRequestFactory(feedback=ordinary)
    client.force_login(lead)
    # when
    listing = client.get(reverse("feedback_review:list", args=[service.pk]))
    flagged_only = client.get(
        reverse("feedback_review:list", args=[service.pk]), {"flagged": "yes"}
    )
    # then: the ordinary one is listed with its contact flag (no details), the flagged one nowhere
    rows = (
        BeautifulSoup(listing.content, "html.parser")
        .select_one("table.listing tbody")
        .find_all("tr")
    )
    assert [r.find("td").get_text(strip=True) for r in rows] == [ordinary.receipt]
    assert rows[0].find_all("td")[-1].get_text(strip=True) == "Yes"
    assert "alex@example.com" not in listing.content.decode()
    assert flagged.receipt not in flagged_only.content.decode()
    for name in ("detail", "case"):
        assert client.get(reverse(f"feedback_review:{name}", args=[flagged.pk])).status_code == 404
    for name in ("hide", "retag"):
        assert client.post(reverse(f"feedback_review:{name}", args=[flagged.pk])).status_code == 404
    assert Feedback.objects.get(pk=flagged.pk).hidden is False


def test_a_flagged_response_opens_as_its_case_for_a_safeguarding_lead(
    client, safeguarding_lead, service
):
    flagged = FeedbackFactory(service=service, text="He hit me")
    process_feedback(feedback_id=flagged.pk)
    client.force_login(safeguarding_lead)

    response = client.get(reverse("feedback_review:detail", args=[flagged.pk]))

    assert response.status_code == 302
    assert response.url == reverse("feedback_review:case", args=[flagged.pk])


def test_the_detail_escapes_the_text(client, lead, processed):
    client.force_login(lead)

    response = client.get(reverse("feedback_review:detail", args=[processed.pk]))

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hide_and_unhide_keep_the_counts(client, lead, processed):
    client.force_login(lead)
    url = reverse("feedback_review:hide", args=[processed.pk])

    assert client.post(url, {"hidden": "1"}).status_code == 302
    assert Feedback.objects.get(pk=processed.pk).hidden
    client.post(url, {"hidden": "0"})
    assert not Feedback.objects.get(pk=processed.pk).hidden
    assert DailyRollup.objects.get(service=processed.service).responses == 1


def test_hide_needs_post(client, lead, processed):
    client.force_login(lead)

    response = client.get(reverse("feedback_review:hide", args=[processed.pk]))

    assert response.status_code == 405
    assert not Feedback.objects.get(pk=processed.pk).hidden


def test_hide_checks_csrf(lead, processed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)

    response = client.post(reverse("feedback_review:hide", args=[processed.pk]), {"hidden": "1"})

    assert response.status_code == 403
    assert not Feedback.objects.get(pk=processed.pk).hidden


def test_an_editor_may_not_read_hide_or_retag(client, editor, service, processed):
    # The role matrix: editors never read what people wrote, even on their own service.
    client.force_login(editor)

    listing = client.get(reverse("feedback_review:list", args=[service.pk]))
    detail = client.get(reverse("feedback_review:detail", args=[processed.pk]))
    hide = client.post(reverse("feedback_review:hide", args=[processed.pk]), {"hidden": "1"})

    assert listing.status_code == 404
    assert detail.status_code == 404
    assert hide.status_code == 404
    assert not Feedback.objects.get(pk=processed.pk).hidden


def test_retag_replaces_themes_and_moves_their_counts(client, lead, processed):
    # given
    medication, privacy = Theme.objects.filter(
        slug__in=["medication", "privacy-and-confidentiality"]
    )
    client.force_login(lead)
    # when
    response = client.post(
        reverse("feedback_review:retag", args=[processed.pk]),
        {"themes": [medication.pk, privacy.pk]},
    )
    # then
    assert response.status_code == 302
    assert set(processed.themes.all()) == {medication, privacy}
    counts = dict(ThemeDailyRollup.objects.values_list("theme__slug", "count"))
    assert counts == {"medication": 1, "privacy-and-confidentiality": 1}
    # and the review is recorded as the lead's, for the board's agreement figures
    reviews = ThemeReview.objects.filter(feedback=processed)
    assert {review.reviewed_by for review in reviews} == {lead}
    assert set(reviews.filter(theme__in=[medication, privacy]).values_list("outcome", flat=True)
               ) <= {ThemeReviewOutcome.KEPT, ThemeReviewOutcome.ADDED}  # fmt: skip


def test_the_failed_list_is_for_administrators_and_requeues(
    client, lead, administrator, service, redis_server, django_capture_on_commit_callbacks
):
    # given
    failed = FeedbackFactory(service=service, status=Status.FAILED, attempts=5, last_error="Boom")
    # when / then: a service lead is refused
    client.force_login(lead)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    refused = client.get(reverse("feedback_review:failed"))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    refused = client.post(reverse("feedback_review:requeue", args=[failed.pk]))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert Feedback.objects.get(pk=failed.pk).status == Status.FAILED
    # when / then: an administrator sees it and queues it again
    client.force_login(administrator)
    assert failed.receipt in client.get(reverse("feedback_review:failed")).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("feedback_review:requeue", args=[failed.pk]))
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (Status.RECEIVED, 0, "")
    assert len(callbacks) == 1


def test_the_theme_taxonomy_is_for_administrators(client, lead, administrator):
    seed_default_themes()
    client.force_login(lead)
    assert client.get(reverse("feedback_themes:index")).status_code in (302, 403)

    client.force_login(administrator)
    page = client.get(reverse("feedback_themes:index"))
    assert page.status_code == 200
    text = BeautifulSoup(page.content, "html.parser").get_text()
    assert "Appointment arrangements" in text
    assert "Access to medical care & support" in text  # its framework category
    theme = Theme.objects.get(slug="timeliness")
    edit = client.get(reverse("feedback_themes:edit", args=[theme.pk])).content.decode()
    assert 'name="keywords_cy"' in edit  # Welsh keywords beside the English


def test_the_detail_shows_extra_answers_escaped(client, lead, service):
    answers = [
        {"question_id": 1, "label": "Which ward?", "kind": "single_line",
         "answer": "<b>Ward 9</b>"},
        {"question_id": 2, "label": "What helped?", "kind": "checkboxes",
         "answer": ["Clear signs", "Kind staff"]},
    ]  # fmt: skip
    feedback = FeedbackFactory(service=service, answers=answers)
    client.force_login(lead)

    html = client.get(reverse("feedback_review:detail", args=[feedback.pk])).content.decode()

    assert "&lt;b&gt;Ward 9&lt;/b&gt;" in html
    assert "Clear signs, Kind staff" in html
