"""FHIR resources validate as R4 (fhir.resources' R4B models, which R4 content satisfies)."""

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from feedback.choices import QuestionKind
from feedback.factories import FeedbackQuestionFactory
from involvement import fhir
from involvement.tokens import issue_token
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def test_questionnaire_with_extra_questions_validates(demo_site):
    service = ServicePage.objects.get(slug="maternity")
    question = FeedbackQuestionFactory(form__service=service, kind=QuestionKind.CHECKBOXES,
                                       label="Which ward?", choices="A\nB")  # fmt: skip
    resource = Questionnaire.model_validate(fhir.questionnaire(service=service))
    assert resource.item[0].linkId == "fft"
    assert len(resource.item[0].answerOption) == 6
    assert resource.item[-1].linkId == f"q{question.pk}"
    assert resource.item[-1].repeats is True


def test_response_bundle_validates_and_pages(client, demo_site, make_feedback):
    service = ServicePage.objects.get(slug="maternity")
    make_feedback(service, 3, text="Kind staff",
                  answers=[{"question_id": 1, "label": "Ward", "kind": "checkboxes",
                            "answer": ["A", "B"]}])  # fmt: skip
    _row, token = issue_token(name="EPR", services=[service])
    response = client.get("/fhir/r4/QuestionnaireResponse",
                          {"service": service.pk, "_count": 2},
                          HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    bundle = Bundle.model_validate_json(response.content)
    assert bundle.type == "searchset"
    assert len(bundle.entry) == 2
    assert any(link.relation == "next" for link in bundle.link)
    first = QuestionnaireResponse.model_validate(bundle.entry[0].resource.model_dump())
    assert first.subject is None and first.author is None
    assert [i.linkId for i in first.item] == ["fft", "why", "q1"]


def test_bad_dates_get_an_operation_outcome(client, demo_site):
    service = ServicePage.objects.get(slug="maternity")
    _row, token = issue_token(name="EPR", services=[service])
    response = client.get("/fhir/r4/QuestionnaireResponse", {"service": service.pk, "from": "x"},
                          HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"
