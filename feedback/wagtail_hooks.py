"""Wagtail admin wiring for feedback."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from feedback import admin_urls
from feedback.form_admin import FeedbackEntryMenuItem, FeedbackFormPolicy, FeedbackFormViewSet
from feedback.models import Feedback, FeedbackForm, Theme
from feedback.views import form_url
from website.accessibility import Feature
from website.permissions import (
    ACT_ON_SAFEGUARDING,
    ENTER_FEEDBACK,
    MAY_READ_FREE_TEXT,
    READ_FREE_TEXT,
    holds_any_role,
    may,
)
from website.wagtail_hooks import AdministratorsOnlyPolicy

# --- Reviewing feedback: lists, detail, safeguarding, failed; the theme taxonomy ------------

register_permission_policy(Theme, AdministratorsOnlyPolicy(Theme), exact_class=True)


class ThemeViewSet(ModelViewSet):
    """The theme taxonomy responses are tagged with; administrators edit names and keywords."""

    model = Theme
    icon = "tag"
    menu_label = "Feedback themes"
    menu_order = 620
    add_to_admin_menu = True
    form_fields = ["name", "slug", "category", "keywords", "keywords_cy", "active"]
    list_display = ["name", "category", "slug", "active"]
    list_filter = ["active", "category"]


@hooks.register("register_admin_viewset")
def register_theme_viewset():
    return ThemeViewSet("feedback_themes")


@hooks.register("register_admin_urls")
def register_feedback_review_urls():
    return [path("feedback-review/", include(admin_urls.review_urls))]


class FeedbackMenuItem(MenuItem):
    """Shown to those who may read what people wrote (the role matrix), and administrators."""

    def is_shown(self, request):
        return holds_any_role(request.user, MAY_READ_FREE_TEXT)


@hooks.register("register_admin_menu_item")
def register_feedback_review_menu_item():
    return FeedbackMenuItem(
        "Feedback", reverse("feedback_review:index"), icon_name="comment", order=210
    )


@hooks.register("staff_service_links")
def feedback_links(service, user):
    """The dashboard links staff to the feedback work they may do for a service."""
    links = []
    if may(user, READ_FREE_TEXT, service):
        links.append({"url": reverse("feedback_review:list", args=[service.pk]),
                      "text": "Read its feedback"})  # fmt: skip
    if may(user, ACT_ON_SAFEGUARDING, service):
        cases = Feedback.objects.filter(service=service).open_cases().count()
        links.append({"url": reverse("feedback_review:safeguarding"),
                      "text": f"Act on flagged items ({cases} open)"})  # fmt: skip
    if may(user, ENTER_FEEDBACK, service):
        links.append({"url": reverse("feedback_staff:entry", args=[service.pk]),
                      "text": "Enter paper or phone feedback"})  # fmt: skip
    return links


# --- end of reviewing feedback -------------------------------------------------------------


# --- Taking feedback in: the service page link, staff entry, paper forms, form editing ------

register_permission_policy(FeedbackForm, FeedbackFormPolicy(FeedbackForm), exact_class=True)


@hooks.register("service_page_links")
def feedback_form_link(page, request):
    """Every service page links to its feedback form."""
    return [{"url": form_url(page), "text": _("Give feedback about this service")}]


@hooks.register("accessibility_features")
def adapted_forms_feature(request):
    """The accessibility statement lists the adapted feedback forms (issue 16)."""
    return [
        Feature(_("give feedback with an easy read form, with pictures and one question a page")),
        Feature(_("give feedback as a child or young person, with forms for ages 8 to 15 and, "
                  "with a parent or carer, for under 8s")),
        Feature(_("ask for a paper feedback form in large print or easy read")),
    ]  # fmt: skip


@hooks.register("register_admin_urls")
def register_feedback_entry_urls():
    return [path("feedback-entry/", include(admin_urls.entry_urls))]


@hooks.register("register_admin_menu_item")
def register_feedback_entry_menu_item():
    return FeedbackEntryMenuItem(
        "Enter feedback", reverse("feedback_staff:choose"), icon_name="form", order=220
    )


register_snippet(FeedbackFormViewSet)


# --- end of taking feedback in ---------------------------------------------------------------
