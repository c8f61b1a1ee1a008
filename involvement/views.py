"""Public pages: the published performance of the organisation and each service, and open data.

Figures come from opendata, which publishes only suppressed counts (no comments, no small numbers).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from involvement import exports, opendata
from involvement.chartdata import figures_charts
from involvement.service_names import how_it_is_doing
from website.audit import record


def _public_service(slug: str):
    return get_object_or_404(opendata.public_services(), slug=slug)


@require_GET
def performance_organisation(request: HttpRequest) -> HttpResponse:
    """The organisation's published performance (service standard point 10)."""
    figures = opendata.organisation_figures(title=settings.ORGANISATION_NAME)
    return render(request, "involvement/performance.html", {
        "figures": figures, "charts": figures_charts(figures), "organisation": True,
        "heading": gettext("How our services are doing"),
        "services": opendata.public_services()})  # fmt: skip


@require_GET
def performance_service(request: HttpRequest, slug: str) -> HttpResponse:
    """One service's published performance."""
    service = _public_service(slug)
    figures = opendata.service_figures(service=service)
    return render(request, "involvement/performance.html", {
        "figures": figures, "charts": figures_charts(figures), "service": service,
        "heading": how_it_is_doing(service.title)})  # fmt: skip


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    """What open data there is, where, and under which licence."""
    return render(request, "involvement/open_data.html", {
        "services": opendata.public_services(), "licence_name": opendata.LICENCE_NAME,
        "licence_url": opendata.LICENCE_URL})  # fmt: skip


def _open_data_response(
    request: HttpRequest, figures, fmt: str, filename: str, service=None
) -> HttpResponse:
    if request.user.is_authenticated:
        # Open data is public; a download by signed-in staff is still in their audit trail.
        record(user=request.user, action="opendata.downloaded", service=service, detail=filename)
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
    return _open_data_response(request, opendata.all_service_figures(), fmt, f"monthly.{fmt}")


@require_GET
def open_data_service(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Monthly published figures for one service, as CSV or JSON."""
    service = _public_service(slug)
    return _open_data_response(request, [opendata.service_figures(service=service)], fmt,
                               f"{slug}-monthly.{fmt}", service)  # fmt: skip
