"""Moderation on every public page type (editor submits, the service's leads approve), and
scheduled publishing and expiry through the beat task."""

from datetime import timedelta

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page, TaskState, get_page_models

from feedback.models import Theme
from involvement.factories import GetInvolvedIndexPageFactory, OpportunityPageFactory
from involvement.models import GetInvolvedIndexPage, YouSaidWeDidPage
from panels.factories import PanelPageFactory
from website.choices import ServiceRoleName
from website.factories import ServiceRoleFactory, UserFactory
from website.models import HomePage, ServicePage
from website.moderation import WORKFLOW_NAME
from website.tasks import publish_scheduled_pages

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


def service(slug):
    return ServicePage.objects.get(slug=slug)


@pytest.fixture
def pages(demo_site):
    """One page of every public page type, services' pages under maternity."""
    maternity = service("maternity")
    update = YouSaidWeDidPage(title="Evening clinic", you_said="Waits.", we_did="A clinic.",
                              status_date=timezone.localdate())  # fmt: skip
    maternity.add_child(instance=update)
    update.themes.set([Theme.objects.get_or_create(slug="waits", defaults={"name": "Waits"})[0]])
    update.save_revision()
    home = HomePage.objects.get()
    if not GetInvolvedIndexPage.objects.exists():
        GetInvolvedIndexPageFactory(parent=home)
    return {
        "update": update,
        "opportunity": OpportunityPageFactory(parent=maternity),
        "maternity panel": PanelPageFactory(parent=home, services=[maternity]),
        "organisation panel": PanelPageFactory(parent=home),
    }


@pytest.fixture
def pharmacy_lead(demo_site):
    return ServiceRoleFactory(service=service("pharmacy"), role=ServiceRoleName.SERVICE_LEAD,
                              user=UserFactory(username="pharmacy-lead")).user  # fmt: skip


def test_every_page_type_is_moderated_by_the_service_workflow(pages):
    in_tree = Page.objects.filter(depth__gt=1)
    types = {page.specific_class for page in in_tree}
    public_types = {model for model in get_page_models() if model is not Page}
    # every public page type has a page here, and each of them is moderated
    assert public_types <= types
    for page in in_tree:
        assert page.get_workflow().name == WORKFLOW_NAME, page


@pytest.mark.parametrize("which", ["update", "opportunity"])
def test_an_editor_writes_under_their_service_and_its_lead_approves(pages, pharmacy_lead, which):
    # given an editor of maternity
    editor, lead = user("editor"), user("service-lead")
    page = pages[which]
    maternity = service("maternity")
    assert maternity.permissions_for_user(editor).can_add_subpage()
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    # when the editor submits it for moderation
    page.title = "Changed by the editor"
    revision = page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    state = TaskState.objects.get(revision=revision)
    task = state.task.specific
    # then maternity's lead (not pharmacy's) is asked and may approve
    assert list(task.approvers(page)) == [lead]
    assert state in TaskState.objects.reviewable_by(lead)
    assert state not in TaskState.objects.reviewable_by(pharmacy_lead)
    assert task.get_actions(page, pharmacy_lead) == []
    assert task.get_actions(page, editor) == []
    # and approving publishes it
    state.approve(user=lead)
    page.refresh_from_db()
    assert page.live and page.title == "Changed by the editor"


def test_a_panel_for_a_service_is_approved_by_that_services_leads(pages, pharmacy_lead):
    panel = pages["maternity panel"]
    task = panel.get_workflow().workflow_tasks.first().task.specific
    assert list(task.approvers(panel)) == [user("service-lead")]
    assert task.get_actions(panel, user("service-lead"))
    assert task.get_actions(panel, pharmacy_lead) == []


def test_an_organisation_panel_is_approved_by_administrators(pages):
    panel = pages["organisation panel"]
    task = panel.get_workflow().workflow_tasks.first().task.specific
    assert user("admin") in task.approvers(panel)
    assert task.get_actions(panel, user("service-lead")) == []


def test_beat_publishes_scheduled_pages_and_unpublishes_expired_ones(pages, time_machine):
    # given an update approved to go live in an hour, and a published opportunity expiring then
    update, opportunity = pages["update"], pages["opportunity"]
    update.go_live_at = timezone.now() + timedelta(hours=1)
    update.save_revision().publish()
    opportunity.expire_at = timezone.now() + timedelta(hours=1)
    opportunity.save_revision().publish()
    update.refresh_from_db()
    assert not update.live
    # when beat's task runs two hours later
    assert "publish-scheduled-pages" in settings.CELERY_BEAT_SCHEDULE
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    publish_scheduled_pages()
    # then the update is live and the opportunity has expired
    update.refresh_from_db()
    opportunity.refresh_from_db()
    assert update.live
    assert not opportunity.live and opportunity.expired
