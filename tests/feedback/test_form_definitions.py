"""The cached form definition: used by the POST, forgotten whenever what it holds changes."""

import json
import uuid

import pytest
from django_redis import get_redis_connection

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.choices import QuestionKind, Status
from feedback.factories import FeedbackQuestionFactory, FeedbackServiceFactory
from feedback.form_definitions import CACHE_SECONDS, definition_key, live_form_definition
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


def test_a_warm_post_reads_no_service_or_question_rows(client, service, required_question):
    # given a definition already cached by an earlier request
    assert post(client, "maternity", **{f"question_{required_question.pk}": "A"}).status_code == 302
    # when
    with CaptureQueriesContext(connection) as queries:
        response = post(client, "maternity", **{f"question_{required_question.pk}": "A"})
    # then
    assert response.status_code == 302
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "website_servicepage" not in sql
    assert "feedback_feedbackquestion" not in sql
    assert Feedback.objects.count() == 2
    assert Feedback.objects.last().answers[0]["answer"] == "A"


def test_the_cache_holds_plain_json_only(service, required_question):
    live_form_definition(slug="maternity")
    cached = json.loads(get_redis_connection("default").get(definition_key("maternity")))
    assert cached["service_id"] == service.pk
    assert cached["questions"][0]["label"] == "Which ward?"
    assert 0 < get_redis_connection("default").ttl(definition_key("maternity")) <= CACHE_SECONDS


def test_the_post_reads_the_definition_with_its_rate_limit(client, service, required_question):
    # given a cached definition and the rate limit's script loaded by an earlier POST
    assert post(client, "maternity", **{f"question_{required_question.pk}": "A"}).status_code == 302
    redis = get_redis_connection("default")
    before = redis.info("commandstats")
    # when
    response = post(client, "maternity", **{f"question_{required_question.pk}": "A"})
    # then one script call counted the request and read the definition (the GET inside it)
    assert response.status_code == 302
    after = redis.info("commandstats")
    calls = {k: after[k]["calls"] - before.get(k, {}).get("calls", 0) for k in after}
    assert calls.get("cmdstat_evalsha") == 1
    assert calls.get("cmdstat_get") == 1
    assert calls.get("cmdstat_incr") == 1


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
    assert post(client, "maternity").status_code == 302
    service.delete()
    assert post(client, "maternity").status_code == 404


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
    # given the first service's definition cached with its required question
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


def test_redis_down_reads_the_definition_from_the_database(
    client, service, required_question, redis_outage
):
    # when the cache cannot be reached
    response = post(client, "maternity", **{f"question_{required_question.pk}": "B"}, follow=True)
    # then the form still knows its questions and the person is thanked
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.status == Status.RECEIVED
    assert feedback.answers[0]["answer"] == "B"
    assert post(client, "maternity").status_code == 200  # the required question is still asked
