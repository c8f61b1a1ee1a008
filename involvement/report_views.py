"""The yearly involvement report in the Wagtail admin: HTML (printable) and CSV.

A service's report opens for its researchers and service leads; the organisation's report, for
administrators. Another service's report answers 404.
"""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from involvement.yearly_report import report_rows, year_label, year_of, yearly_report
from website.permissions import (
    MAY_RECORD_DECISIONS,
    get_service_or_404,
    holds_any_role,
    is_administrator,
    services_for,
)
from website.spreadsheets import csv_lines

EARLIEST_YEAR = 2000


def _year_or_404(year: int) -> int:
    if not EARLIEST_YEAR <= year <= year_of(timezone.localdate()):
        raise Http404("No report for that year")
    return year


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    """The reports this user may read, this financial year and the ones before."""
    if not holds_any_role(request.user, MAY_RECORD_DECISIONS):
        raise Http404("No reports")
    this_year = year_of(timezone.localdate())
    years = [(year, year_label(year)) for year in range(this_year, this_year - 3, -1)]
    return render(
        request,
        "involvement/admin/report_index.html",
        {
            "page_title": "Yearly involvement reports",
            "header_title": "Yearly involvement reports",
            "header_icon": "doc-full",
            "years": years,
            "services": services_for(request.user, MAY_RECORD_DECISIONS).order_by("title"),
            "organisation": is_administrator(request.user),
        },
    )


def _respond(request: HttpRequest, report, *, title: str, fmt: str, filename: str):
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(report_rows(report)), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return render(
        request,
        "involvement/yearly_report.html",
        {"report": report, "report_title": title, "filename": filename},
    )


@require_GET
def service_report(request: HttpRequest, service_id: int, year: int, fmt: str = "html"):
    """One service's yearly report; 404 for anyone without the role on it."""
    service = get_service_or_404(request.user, service_id, MAY_RECORD_DECISIONS)
    report = yearly_report(services=[service], year=_year_or_404(year), organisation=False)
    return _respond(
        request,
        report,
        title=f"{service.title}: involvement, {report.label}",
        fmt=fmt,
        filename=f"involvement-{service.slug}-{year}",
    )


@require_GET
def organisation_report(request: HttpRequest, year: int, fmt: str = "html"):
    """Every service's year and the organisation-wide opportunities; administrators only."""
    if not is_administrator(request.user):
        raise Http404("No such report")
    services = list(services_for(request.user, MAY_RECORD_DECISIONS).order_by("title"))
    report = yearly_report(services=services, year=_year_or_404(year), organisation=True)
    return _respond(
        request,
        report,
        title=f"Involvement across the organisation, {report.label}",
        fmt=fmt,
        filename=f"involvement-organisation-{year}",
    )
