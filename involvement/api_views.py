"""The read API for other systems: FHIR R4 behind a bearer token scoped to services, and the
OpenAPI document describing it and the open data."""

import json
from datetime import date

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from involvement import fhir
from involvement.openapi import openapi_document
from involvement.tokens import token_for
from website.audit import record

FHIR_JSON = "application/fhir+json"


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI document describing the read endpoints."""
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2})


def _fhir(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(data), content_type=FHIR_JSON, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _unauthorised() -> HttpResponse:
    response = _fhir(fhir.operation_outcome(code="login", text="A valid bearer token is needed."),
                     status=401)  # fmt: skip
    response["WWW-Authenticate"] = 'Bearer realm="fhir"'
    return response


def _not_found() -> HttpResponse:
    return _fhir(fhir.operation_outcome(code="not-found", text="No such service."), status=404)


def _int_param(request: HttpRequest, name: str, default: int, high: int) -> int:
    try:
        return max(0, min(int(request.GET.get(name, default)), high))
    except ValueError:
        return default


def _audit(request: HttpRequest, token, *, service=None, outcome: str = "ok") -> None:
    """Every FHIR request is in the audit trail, named by its token's prefix (not the token)."""
    who = f"token {token.prefix} ({token.pk})" if token is not None else "no valid token"
    record(user=None, action="fhir." + request.resolver_match.url_name.removeprefix("fhir_"),
           obj=token, service=service, outcome=outcome,
           detail=f"{who} {request.GET.urlencode()}".strip())  # fmt: skip


@require_GET
def fhir_questionnaire(request: HttpRequest, service_id: int) -> HttpResponse:
    """A service's feedback form as a Questionnaire, for tokens scoped to that service."""
    token = token_for(authorization=request.headers.get("Authorization", ""))
    if token is None:
        _audit(request, token, outcome="refused")
        return _unauthorised()
    service = token.services.filter(pk=service_id).first()
    _audit(request, token, service=service, outcome="ok" if service else "not found")
    if service is None:
        return _not_found()
    return _fhir(fhir.questionnaire(service=service))


@require_GET
def fhir_responses(request: HttpRequest) -> HttpResponse:
    """Anonymised responses for one service and date range, as a searchset Bundle."""
    token = token_for(authorization=request.headers.get("Authorization", ""))
    if token is None:
        _audit(request, token, outcome="refused")
        return _unauthorised()
    try:
        service = token.services.filter(pk=int(request.GET.get("service", ""))).first()
        start = date.fromisoformat(request.GET["from"]) if request.GET.get("from") else None
        end = date.fromisoformat(request.GET["to"]) if request.GET.get("to") else None
    except ValueError:
        _audit(request, token, outcome="invalid")
        problem = "Give service as a number and from/to as YYYY-MM-DD dates."
        return _fhir(fhir.operation_outcome(code="invalid", text=problem), status=400)
    _audit(request, token, service=service, outcome="ok" if service else "not found")
    if service is None:
        return _not_found()
    count = _int_param(request, "_count", fhir.DEFAULT_COUNT, fhir.MAX_COUNT) or 1
    offset = _int_param(request, "_offset", 0, 10**9)
    return _fhir(fhir.response_bundle(service=service, start=start, end=end, count=count,
                                      offset=offset))  # fmt: skip
