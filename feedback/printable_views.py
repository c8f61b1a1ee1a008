"""Printable forms for staff to hand out: the form in large print, and the easy read form."""

import segno

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from feedback.admin_views import absolute_form_url
from feedback.choices import FftAnswer
from feedback.forms import GiveFeedbackForm
from feedback.inclusive_forms import EASY_READ, HELPED_CHOICES
from website.permissions import MAY_ENTER_FEEDBACK, get_service_or_404


def _qr_svg(url: str) -> str:
    # Scale 5: a little larger than the standard card's code, for people who see less well.
    return segno.make(url, error="m").svg_inline(scale=5, title=f"QR code for {url}")


def large_print_form(request: HttpRequest, service_id: int) -> HttpResponse:
    """The service's paper form in large print (18 point and up), with a QR code to the web form."""
    service = get_service_or_404(request.user, service_id, MAY_ENTER_FEEDBACK)
    url = absolute_form_url(service)
    context = {"service": service, "form": GiveFeedbackForm(service=service), "url": url,
               "qr_svg": _qr_svg(url)}  # fmt: skip
    return render(request, "feedback/paper_form_large_print.html", context)


def easy_read_paper_form(request: HttpRequest, service_id: int) -> HttpResponse:
    """The easy read form on paper: a face beside each answer, tell us more, did someone help."""
    service = get_service_or_404(request.user, service_id, MAY_ENTER_FEEDBACK)
    path = reverse("feedback:easy_read", kwargs={"service_slug": service.slug})
    url = settings.SITE_BASE_URL.rstrip("/") + path
    context = {"service": service, "url": url, "qr_svg": _qr_svg(url),
               "words": EASY_READ.words(service=service.title), "answers": FftAnswer.choices,
               "helped_choices": HELPED_CHOICES}  # fmt: skip
    return render(request, "feedback/paper_form_easy_read.html", context)
