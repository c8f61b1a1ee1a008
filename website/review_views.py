"""The editors' list of pages overdue for review (Reports > Pages overdue for review)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from wagtail.permission_policies.pages import PagePermissionPolicy

from website.page_reviews import overdue_pages


def overdue_reviews(request: HttpRequest) -> HttpResponse:
    """Pages the user may edit whose next review date has passed, most overdue first."""
    today = timezone.localdate()
    editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
    pages = overdue_pages(today=today, pages=editable)
    for page in pages:
        page.days_overdue = (today - page.review_due).days
    context = {"pages": pages, "page_title": "Pages overdue for review", "header_icon": "date"}
    return render(request, "website/admin/overdue_reviews.html", context)
