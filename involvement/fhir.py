"""FHIR R4 views of feedback: a service's form as a Questionnaire and its anonymised responses
as QuestionnaireResponse resources in a searchset Bundle (https://hl7.org/fhir/R4/).

Responses carry no subject, author or source: the rows are anonymised and stay that way.
"""

from datetime import date

from django.conf import settings

from feedback.choices import FFT_QUESTION, FftAnswer, QuestionKind
from feedback.models import DEFAULT_FOLLOW_UP, Feedback, FeedbackForm
from involvement.exports import answer_text
from website.models import ServicePage

FFT_LINK_ID = "fft"
WHY_LINK_ID = "why"
MAX_COUNT = 500  # responses per Bundle page; callers page on with `_offset`
DEFAULT_COUNT = 100
ITEM_TYPES = {
    QuestionKind.SINGLE_LINE: "string",
    QuestionKind.MULTI_LINE: "text",
    QuestionKind.RADIOS: "choice",
    QuestionKind.DROPDOWN: "choice",
    QuestionKind.CHECKBOXES: "choice",
}


def base_url() -> str:
    return settings.SITE_BASE_URL.rstrip("/") + "/fhir/r4"


def fft_system() -> str:
    return base_url() + "/CodeSystem/fft-answer"


def questionnaire_url(service: ServicePage) -> str:
    return f"{base_url()}/Questionnaire/{service.pk}"


def _form(service: ServicePage) -> FeedbackForm | None:
    return FeedbackForm.objects.filter(service=service).prefetch_related("questions").first()


def questionnaire(*, service: ServicePage) -> dict:
    """The service's feedback form as an R4 Questionnaire."""
    form = _form(service)
    items = [
        {"linkId": FFT_LINK_ID, "text": FFT_QUESTION, "type": "choice", "required": True,
         "answerOption": [{"valueCoding": {"system": fft_system(), "code": code,
                                           "display": str(label)}}
                          for code, label in FftAnswer.choices]},
        {"linkId": WHY_LINK_ID, "text": form.follow_up_label if form else DEFAULT_FOLLOW_UP,
         "type": "text", "required": False},
    ]  # fmt: skip
    for question in form.questions.all() if form else []:
        item = {"linkId": f"q{question.pk}", "text": question.label,
                "type": ITEM_TYPES.get(question.kind, "string"),
                "required": question.required}  # fmt: skip
        if item["type"] == "choice":
            item["answerOption"] = [{"valueString": c} for c in question.choice_list]
            item["repeats"] = question.kind == QuestionKind.CHECKBOXES
        items.append(item)
    return {
        "resourceType": "Questionnaire",
        "id": str(service.pk),
        "url": questionnaire_url(service),
        "name": f"FeedbackForm{service.pk}",
        "title": f"Feedback about {service.title}",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": settings.ORGANISATION_NAME,
        "item": items,
    }


def questionnaire_response(*, feedback: Feedback, service: ServicePage) -> dict:
    """One anonymised response as an R4 QuestionnaireResponse, with no subject or author."""
    items = [{"linkId": FFT_LINK_ID, "answer": [{"valueCoding": {
        "system": fft_system(), "code": feedback.fft_answer,
        "display": str(FftAnswer(feedback.fft_answer).label)}}]}]  # fmt: skip
    if feedback.text:
        items.append({"linkId": WHY_LINK_ID, "answer": [{"valueString": feedback.text}]})
    for answer in feedback.answers:
        if not isinstance(answer, dict) or "question_id" not in answer:
            continue
        values = answer.get("answer")
        values = values if isinstance(values, list) else [values]
        values = [answer_text(v) for v in values if answer_text(v)]
        if values:
            items.append({"linkId": f"q{answer['question_id']}",
                          "answer": [{"valueString": v} for v in values]})  # fmt: skip
    return {
        "resourceType": "QuestionnaireResponse",
        "id": feedback.receipt,
        "questionnaire": questionnaire_url(service),
        "status": "completed",
        "authored": feedback.received_at.isoformat(),
        "item": items,
    }


def response_bundle(
    *, service: ServicePage, start: date | None, end: date | None, count: int, offset: int
) -> dict:
    """A searchset Bundle of the service's processed responses given between start and end;
    never a hidden or flagged one (Feedback.objects.shareable)."""
    rows = Feedback.objects.filter(service=service).shareable()
    if start:
        rows = rows.filter(given_on__gte=start)
    if end:
        rows = rows.filter(given_on__lte=end)
    page = list(rows.order_by("given_on", "pk")[offset : offset + count + 1])
    entries = [
        {"fullUrl": f"{base_url()}/QuestionnaireResponse/{row.receipt}",
         "resource": questionnaire_response(feedback=row, service=service),
         "search": {"mode": "match"}}
        for row in page[:count]
    ]  # fmt: skip
    bundle = {"resourceType": "Bundle", "type": "searchset", "entry": entries, "link": []}
    query = (
        f"service={service.pk}"
        + (f"&from={start}" if start else "")
        + (f"&to={end}" if end else "")
    )
    self_url = f"{base_url()}/QuestionnaireResponse?{query}&_count={count}&_offset={offset}"
    bundle["link"].append({"relation": "self", "url": self_url})
    if len(page) > count:
        bundle["link"].append({"relation": "next", "url": f"{base_url()}/QuestionnaireResponse?"
                               f"{query}&_count={count}&_offset={offset + count}"})  # fmt: skip
    return bundle


def operation_outcome(*, code: str, text: str) -> dict:
    """An R4 OperationOutcome explaining a refused request."""
    return {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": text}]}  # fmt: skip
