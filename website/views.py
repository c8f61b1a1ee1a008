"""The site's own non-page endpoints: health checks and error pages."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from website.services import readiness


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up; touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: 200 when the database answers (degraded if the broker does not), else 503."""
    database_ok, report = readiness()
    return JsonResponse(report, status=200 if database_ok else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An accessible page for a form sent without a valid CSRF token (say, after a long pause)."""
    return render(request, "403_csrf.html", status=403)
