"""Edits to a service and its form show on the very next request, cached or not."""

import uuid

import pytest

from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.choices import QuestionKind, Status
from feedback.factories import FeedbackQuestionFactory, FeedbackServiceFactory
from feedback.models import Feedback, FeedbackForm
from website.choices import LifecycleStage

pytestmark = pytest.mark.django_db


def form_path(slug):
    return reverse("feedback:form", kwargs={"service_slug": slug})


def post(client, slug, *, follow=False, **fields):
    data = {"fft_answer": "good", "text": "Kind staff", "submission_key": str(uuid.uuid4())}
    return client.post(form_path(slug), {**data, **fields}, follow=follow)


@pytest.fixture
def required_question(feedback_form):
    return FeedbackQuestionFactory(
        form=feedback_form, label="Which ward?", kind=QuestionKind.RADIOS, choices="A\nB",
        required=True,
    )  # fmt: skip


def selects(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]


@pytest.mark.parametrize("with_form", [False, True])
def test_a_valid_post_reads_its_service_and_form_in_one_query(client, service, with_form):
    # given a service with or without a form, neither with extra questions
    if with_form:
        FeedbackForm.objects.create(service=service)
    # when
    with CaptureQueriesContext(connection) as queries:
        response = post(client, "maternity")
    # then one query read the service (and its form), none the questions; one INSERT stored it
    assert response.status_code == 302
    assert len(selects(queries)) == 1 and '"website_servicepage"' in selects(queries)[0]
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert [s for s in statements if s in ("SELECT", "INSERT", "UPDATE")] == ["SELECT", "INSERT"]


def test_a_form_with_questions_reads_them_once(client, service, required_question):
    with CaptureQueriesContext(connection) as queries:
        response = post(client, "maternity", **{f"question_{required_question.pk}": "A"})
    assert response.status_code == 302
    service_read, questions_read = selects(queries)
    assert '"website_servicepage"' in service_read
    assert questions_read.split(" FROM ")[1].startswith('"feedback_feedbackquestion"')
    assert Feedback.objects.get().answers[0]["answer"] == "A"


def test_later_posts_read_service_form_and_questions_from_the_cache(
    client, service, required_question
):
    # given a first POST that read the service, its form and its questions
    assert post(client, "maternity", **{f"question_{required_question.pk}": "A"}).status_code == 302
    # when the same form is posted again
    with CaptureQueriesContext(connection) as queries:
        response = post(client, "maternity", **{f"question_{required_question.pk}": "B"})
    # then nothing was read from the database: the one INSERT stored it
    assert response.status_code == 302
    assert selects(queries) == []
    stored = Feedback.objects.order_by("pk").values_list("answers", flat=True)
    assert [answers[0]["answer"] for answers in stored] == ["A", "B"]


def test_a_lost_forms_version_means_a_fresh_read(client, service):
    from django.core.cache import cache

    from feedback.live_services import VERSION_KEY

    assert post(client, "maternity").status_code == 302
    # when the cache loses the version (evicted, flushed), though the entry stays
    cache.delete(VERSION_KEY)
    service.lifecycle_stage = LifecycleStage.DESIGN
    update_without_signals(service)
    # then the entry is not trusted: the service is read again
    with CaptureQueriesContext(connection) as queries:
        assert post(client, "maternity").status_code == 302
    assert len(selects(queries)) == 1
    assert Feedback.objects.order_by("pk").last().lifecycle_stage == LifecycleStage.DESIGN


def update_without_signals(service):
    """Change a row without any signal, as another process's raw write would."""
    type(service).objects.filter(pk=service.pk).update(lifecycle_stage=service.lifecycle_stage)


def test_a_published_change_of_stage_shows_in_the_next_row(client, service):
    # given
    assert post(client, "maternity").status_code == 302
    # when
    service.lifecycle_stage = LifecycleStage.DESIGN
    service.save_revision().publish()
    # then
    assert post(client, "maternity").status_code == 302
    assert Feedback.objects.order_by("pk").last().lifecycle_stage == LifecycleStage.DESIGN


def test_unpublished_service_takes_no_more_feedback(client, service):
    assert post(client, "maternity").status_code == 302
    service.unpublish()
    assert post(client, "maternity").status_code == 404
    assert client.get(form_path("maternity")).status_code == 404
    assert Feedback.objects.count() == 1


def test_deleted_service_takes_no_more_feedback(client, service):
    assert client.get(form_path("maternity")).status_code == 200  # read, and cached
    service.delete()  # no feedback yet, so it may go
    assert post(client, "maternity").status_code == 404


def test_a_service_with_feedback_is_never_deleted_with_it(client, service):
    # Its feedback points at it with PROTECT: such a service is unpublished instead.
    assert post(client, "maternity").status_code == 302
    with pytest.raises(ProtectedError):
        service.delete()
    assert Feedback.objects.filter(service=service).count() == 1


def test_renamed_slug_moves_the_form(client, service, django_capture_on_commit_callbacks):
    # given
    assert post(client, "maternity").status_code == 302
    # when: Wagtail announces the slug change once the publish commits
    with django_capture_on_commit_callbacks(execute=True):
        service.slug = "maternity-care"
        service.save_revision().publish()
    # then
    assert post(client, "maternity").status_code == 404
    assert post(client, "maternity-care").status_code == 302
    assert Feedback.objects.filter(service=service).count() == 2


def test_added_edited_and_removed_questions_show_on_the_next_request(
    client, service, feedback_form
):
    assert post(client, "maternity").status_code == 302
    # an added required question is asked, and a POST without it is refused
    question = FeedbackQuestionFactory(form=feedback_form, label="Which ward?",
                                       kind=QuestionKind.SINGLE_LINE, required=True)  # fmt: skip
    assert "Which ward?" in client.get(form_path("maternity")).content.decode()
    refused = post(client, "maternity")
    assert refused.status_code == 200
    assert "Enter an answer to: Which ward?" in refused.content.decode()
    # an edited label shows at once
    question.label = "Which ward were you on?"
    question.save()
    assert "Which ward were you on?" in client.get(form_path("maternity")).content.decode()
    # a removed question is no longer needed
    question.delete()
    assert post(client, "maternity").status_code == 302
    assert Feedback.objects.count() == 2


def test_edited_follow_up_label_shows_on_the_next_request(client, service, feedback_form):
    assert "Tell us why" in client.get(form_path("maternity")).content.decode()
    feedback_form.follow_up_label = "What could we do better?"
    feedback_form.save()
    assert "What could we do better?" in client.get(form_path("maternity")).content.decode()


def test_a_form_moved_to_another_service_leaves_the_first(client, service, required_question):
    # given the first service asks its required question
    assert post(client, "maternity").status_code == 200
    other = FeedbackServiceFactory(title="Radiology", slug="radiology")
    # when
    form = required_question.form
    form.service = other
    form.save()
    # then the first service has no extra questions any more; the second has them
    assert post(client, "maternity").status_code == 302
    assert post(client, "radiology").status_code == 200
    assert FeedbackForm.objects.get().service == other


def test_redis_down_still_asks_the_questions(client, service, required_question, redis_outage):
    # when the cache (and its rate limit) cannot be reached
    response = post(client, "maternity", **{f"question_{required_question.pk}": "B"}, follow=True)
    # then the form still knows its questions and the person is thanked
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.status == Status.RECEIVED
    assert feedback.answers[0]["answer"] == "B"
    assert post(client, "maternity").status_code == 200  # the required question is still asked
