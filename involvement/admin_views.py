"""Staff screens in the Wagtail admin: insight boards, the organisation overview, CSV exports.

Every view asks website.permissions, so another service's board or export answers 404.
"""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from involvement import boards, drilldown, exports
from involvement.chartdata import board_charts
from involvement.forms import BoardFilterForm
from website.audit import record
from website.permissions import (
    ACT_ON_SAFEGUARDING,
    EXPORT_FREE_TEXT,
    MAY_EXPORT,
    MAY_EXPORT_FREE_TEXT,
    MAY_READ_BOARDS,
    MAY_SEE_OVERVIEW,
    READ_FREE_TEXT,
    get_service_or_404,
    has_service_role,
    may,
    may_see_overview,
    services_for,
)


@require_GET
def board_index(request: HttpRequest) -> HttpResponse:
    """The services whose insight board this user may read."""
    services = services_for(request.user, MAY_READ_BOARDS).order_by("title")
    return render(request, "involvement/board_index.html", {
        "services": services, "page_title": "Insight boards", "header_icon": "table",
        "can_export": {s.pk for s in services_for(request.user, MAY_EXPORT)},
        "can_export_feedback": {s.pk for s in services_for(request.user, MAY_EXPORT_FREE_TEXT)},
        "show_overview": may_see_overview(request.user)})  # fmt: skip


@require_GET
def board(request: HttpRequest, service_id: int) -> HttpResponse:
    """One service's insight board; 404 for anyone without a role on it."""
    service = get_service_or_404(request.user, service_id, MAY_READ_BOARDS)
    form = BoardFilterForm(request.GET or None)
    data = boards.build_board(service=service, filters=form.filters())
    # The role matrix: researchers read the board's figures but not what people wrote, and
    # flagged items belong to the safeguarding views.
    show_comments = may(request.user, READ_FREE_TEXT, service)
    show_safeguarding = may(request.user, ACT_ON_SAFEGUARDING, service)
    lines = [*data.top_themes, *data.rising_themes, *data.falling_themes]
    for line in lines if not show_comments else []:
        line.comments = []
    if not show_safeguarding:
        data.safeguarding, data.safeguarding_more = [], False
    if any(line.comments for line in lines):
        record(user=request.user, action="board.comments_viewed", service=service,
               detail=f"{data.filters.start} to {data.filters.end}")  # fmt: skip
    charts, links = board_charts(data), None
    if show_comments:  # links lead to the feedback list, which these same roles may read
        links = drilldown.board_links(board=data)
        drilldown.link_chart_tables(charts, board=data)
    return render(request, "involvement/board.html", {
        "service": service, "board": data, "form": form, "charts": charts, "links": links,
        "min_to_compare": boards.MIN_RESPONSES_TO_COMPARE,
        "page_title": f"Insight board: {service.title}", "header_icon": "table",
        "show_safeguarding": show_safeguarding,
        "can_export": has_service_role(request.user, service, MAY_EXPORT),
        "can_export_feedback": may(request.user, EXPORT_FREE_TEXT, service)})  # fmt: skip


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Services side by side (aggregates only): every one for administrators, and their own for
    service leads."""
    if not may_see_overview(request.user):
        raise Http404("No overview for you")
    form = BoardFilterForm(request.GET or None)
    filters = form.filters()
    services = services_for(request.user, MAY_SEE_OVERVIEW)
    lines = boards.build_overview(services=services, filters=filters)
    return render(request, "involvement/overview.html", {
        "lines": lines, "form": form, "filters": filters,
        "page_title": "Organisation overview", "header_icon": "table"})  # fmt: skip


def _csv_response(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def export_feedback(request: HttpRequest, service_id: int) -> StreamingHttpResponse:
    """A service's anonymised feedback for a date range as CSV."""
    service = get_service_or_404(request.user, service_id, MAY_EXPORT_FREE_TEXT)
    filters = BoardFilterForm(request.GET or None).filters()
    rows = exports.feedback_rows(service=service, start=filters.start, end=filters.end)
    record(user=request.user, action="export.feedback_csv", service=service,
           detail=f"{filters.start} to {filters.end}")  # fmt: skip
    return _csv_response(exports.csv_lines(rows),
                         f"{service.slug}-feedback-{filters.start}-{filters.end}.csv")  # fmt: skip


@require_GET
def export_fft_return(request: HttpRequest, service_id: int) -> StreamingHttpResponse:
    """The monthly FFT return: counts per answer and per collection channel, as CSV."""
    service = get_service_or_404(request.user, service_id, MAY_EXPORT)
    filters = BoardFilterForm(request.GET or None).filters()
    rows = exports.fft_return_rows(service=service, start=filters.start, end=filters.end)
    record(user=request.user, action="export.fft_return_csv", service=service,
           detail=f"{filters.start} to {filters.end}")  # fmt: skip
    name = f"{service.slug}-fft-return-{filters.start}-{filters.end}.csv"
    return _csv_response(exports.csv_lines(rows), name)
