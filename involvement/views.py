"""Views: staff boards and exports (in the admin), public performance and open data, FHIR.

Thin: permissions through website.permissions, figures from boards/opendata/exports/fhir.
"""

import json
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404 as django_get_object_or_404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from involvement import boards, exports, fhir, opendata
from involvement.chartdata import board_charts, figures_charts, overview_rows_html
from involvement.forms import BoardFilterForm
from involvement.openapi import openapi_document
from involvement.tokens import services_for_token
from website.choices import ServiceRoleName
from website.models import ServicePage
from website.permissions import (
    ALL_ROLES,
    get_service_or_404,
    has_service_role,
    holds_any_role,
    services_for,
)

BOARD_ROLES = ALL_ROLES  # anyone with a role on the service reads its board
EXPORT_ROLES = [ServiceRoleName.SERVICE_LEAD]  # administrators too, through permissions.py
OVERVIEW_ROLES = [ServiceRoleName.SERVICE_LEAD]


def may_see_overview(user) -> bool:
    """Administrators and service leads see every service side by side (aggregates only)."""
    return holds_any_role(user, OVERVIEW_ROLES)


# --- Staff, in the Wagtail admin -----------------------------------------------------------


@require_GET
def board_index(request: HttpRequest) -> HttpResponse:
    """The services whose insight board this user may read."""
    services = services_for(request.user, BOARD_ROLES).order_by("title")
    return render(request, "involvement/board_index.html", {
        "services": services, "page_title": "Insight boards", "header_icon": "table",
        "can_export": {s.pk for s in services_for(request.user, EXPORT_ROLES)},
        "show_overview": may_see_overview(request.user)})  # fmt: skip


@require_GET
def board(request: HttpRequest, service_id: int) -> HttpResponse:
    """One service's insight board; 404 for anyone without a role on it."""
    service = get_service_or_404(request.user, service_id, BOARD_ROLES)
    form = BoardFilterForm(request.GET or None)
    data = boards.build_board(service=service, filters=form.filters())
    return render(request, "involvement/board.html", {
        "service": service, "board": data, "form": form, "charts": board_charts(data),
        "page_title": f"Insight board: {service.title}", "header_icon": "table",
        "can_export": has_service_role(request.user, service, EXPORT_ROLES)})  # fmt: skip


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Every service side by side, for administrators and service leads."""
    if not may_see_overview(request.user):
        raise Http404("No overview for you")
    form = BoardFilterForm(request.GET or None)
    filters = form.filters()
    # Service leads compare their services with every other: aggregates only, no comments.
    lines = boards.build_overview(services=ServicePage.objects.all(), filters=filters)
    return render(request, "involvement/overview.html", {
        "lines": lines, "rows_html": overview_rows_html(lines), "form": form, "filters": filters,
        "page_title": "Organisation overview", "header_icon": "table"})  # fmt: skip


def _csv_response(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def export_feedback(request: HttpRequest, service_id: int) -> StreamingHttpResponse:
    """A service's anonymised feedback for a date range as CSV."""
    service = get_service_or_404(request.user, service_id, EXPORT_ROLES)
    filters = BoardFilterForm(request.GET or None).filters()
    rows = exports.feedback_rows(service=service, start=filters.start, end=filters.end)
    return _csv_response(exports.csv_lines(rows),
                         f"{service.slug}-feedback-{filters.start}-{filters.end}.csv")  # fmt: skip


@require_GET
def export_fft_return(request: HttpRequest, service_id: int) -> StreamingHttpResponse:
    """The monthly FFT return: counts per answer and per collection channel, as CSV."""
    service = get_service_or_404(request.user, service_id, EXPORT_ROLES)
    filters = BoardFilterForm(request.GET or None).filters()
    rows = exports.fft_return_rows(service=service, start=filters.start, end=filters.end)
    name = f"{service.slug}-fft-return-{filters.start}-{filters.end}.csv"
    return _csv_response(exports.csv_lines(rows), name)


# --- Public: performance pages and open data ---------------------------------------------


def _public_service(slug: str):
    return django_get_object_or_404(opendata.public_services(), slug=slug)


@require_GET
def performance_organisation(request: HttpRequest) -> HttpResponse:
    """The organisation's published performance (service standard point 10)."""
    figures = opendata.organisation_figures(title=settings.ORGANISATION_NAME)
    return render(request, "involvement/performance.html", {
        "figures": figures, "charts": figures_charts(figures), "organisation": True,
        "services": opendata.public_services()})  # fmt: skip


@require_GET
def performance_service(request: HttpRequest, slug: str) -> HttpResponse:
    """One service's published performance."""
    service = _public_service(slug)
    figures = opendata.service_figures(service=service)
    return render(request, "involvement/performance.html", {
        "figures": figures, "charts": figures_charts(figures), "service": service})  # fmt: skip


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    """What open data there is, where, and under which licence."""
    return render(request, "involvement/open_data.html", {
        "services": opendata.public_services(), "licence_name": opendata.LICENCE_NAME,
        "licence_url": opendata.LICENCE_URL})  # fmt: skip


def _open_data_response(figures, fmt: str, filename: str) -> HttpResponse:
    rows = opendata.open_data_rows(figures)
    if fmt == "json":
        return JsonResponse({
            "licence": {"name": opendata.LICENCE_NAME, "url": opendata.LICENCE_URL},
            "note": figures[0].table.note if figures else "", "fields": opendata.OPEN_DATA_FIELDS,
            "rows": rows})  # fmt: skip
    table = [opendata.OPEN_DATA_FIELDS] + [[r[f] for f in opendata.OPEN_DATA_FIELDS] for r in rows]
    body = "".join(exports.csv_lines(table))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@require_GET
def open_data_all(request: HttpRequest, fmt: str) -> HttpResponse:
    """Monthly published figures for every service, as CSV or JSON."""
    return _open_data_response(opendata.all_service_figures(), fmt, f"monthly.{fmt}")


@require_GET
def open_data_service(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Monthly published figures for one service, as CSV or JSON."""
    service = _public_service(slug)
    return _open_data_response([opendata.service_figures(service=service)], fmt,
                               f"{slug}-monthly.{fmt}")  # fmt: skip


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI document describing the read endpoints."""
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2})


# --- FHIR R4, for other systems, with a bearer token scoped to services --------------------

FHIR_JSON = "application/fhir+json"


def _fhir(data: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(data), content_type=FHIR_JSON, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _token_services(request: HttpRequest):
    services = services_for_token(authorization=request.headers.get("Authorization", ""))
    if services is None:
        raise PermissionDenied
    return services


def _unauthorised() -> HttpResponse:
    response = _fhir(fhir.operation_outcome(code="login", text="A valid bearer token is needed."),
                     status=401)  # fmt: skip
    response["WWW-Authenticate"] = 'Bearer realm="fhir"'
    return response


def _not_found() -> HttpResponse:
    return _fhir(fhir.operation_outcome(code="not-found", text="No such service."), status=404)


@require_GET
def fhir_questionnaire(request: HttpRequest, service_id: int) -> HttpResponse:
    """A service's feedback form as a Questionnaire, for tokens scoped to that service."""
    try:
        services = _token_services(request)
    except PermissionDenied:
        return _unauthorised()
    service = services.filter(pk=service_id).first()
    if service is None:
        return _not_found()
    return _fhir(fhir.questionnaire(service=service))


def _int_param(request: HttpRequest, name: str, default: int, high: int) -> int:
    try:
        return max(0, min(int(request.GET.get(name, default)), high))
    except ValueError:
        return default


@require_GET
def fhir_responses(request: HttpRequest) -> HttpResponse:
    """Anonymised responses for one service and date range, as a searchset Bundle."""
    try:
        services = _token_services(request)
    except PermissionDenied:
        return _unauthorised()
    try:
        service = services.filter(pk=int(request.GET.get("service", ""))).first()
        start = date.fromisoformat(request.GET["from"]) if request.GET.get("from") else None
        end = date.fromisoformat(request.GET["to"]) if request.GET.get("to") else None
    except ValueError:
        problem = "Give service as a number and from/to as YYYY-MM-DD dates."
        return _fhir(fhir.operation_outcome(code="invalid", text=problem), status=400)
    if service is None:
        return _not_found()
    count = _int_param(request, "_count", fhir.DEFAULT_COUNT, fhir.MAX_COUNT) or 1
    offset = _int_param(request, "_offset", 0, 10**9)
    return _fhir(fhir.response_bundle(service=service, start=start, end=end, count=count,
                                      offset=offset))  # fmt: skip
