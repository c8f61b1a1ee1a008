"""A service's feedback, counts and form hold on to it (PROTECT): deleting the service through
Wagtail's delete view is refused with a clear message, never a 500 or a silent cascade."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from feedback.factories import FeedbackFactory, FeedbackFormFactory, FeedbackServiceFactory
from feedback.models import DailyRollup, Feedback, FeedbackForm
from feedback.processing import process_feedback
from website.choices import ADMINISTRATOR_GROUP
from website.factories import UserFactory
from website.models import ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    admin = UserFactory(username="ada-admin", is_superuser=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    client.force_login(admin)
    return client


def only_counts(service):
    """A service whose feedback retention has deleted: only its rollups are left."""
    feedback = FeedbackFactory(service=service, received_at=timezone.now() - timedelta(days=2))
    process_feedback(feedback_id=feedback.pk)
    Feedback.objects.filter(pk=feedback.pk).delete()
    assert DailyRollup.objects.filter(service=service).exists()


@pytest.mark.parametrize(
    "holding",
    [
        lambda service: process_feedback(feedback_id=FeedbackFactory(service=service).pk),
        only_counts,
        lambda service: FeedbackFormFactory(service=service),
    ],
    ids=["feedback", "counts", "form"],
)
def test_deleting_a_service_with_feedback_data_is_refused_with_a_message(admin_client, holding):
    # given
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    holding(service)
    # when: the administrator confirms the deletion in Wagtail's delete view
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[service.pk]),
                                 follow=True)  # fmt: skip
    # then: a page with a clear message, and the service and its data still there
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert ServicePage.objects.filter(pk=service.pk).exists()


def test_the_database_refuses_it_too(site_tree):
    service = FeedbackServiceFactory()
    process_feedback(feedback_id=FeedbackFactory(service=service).pk)

    with pytest.raises(ProtectedError):
        service.delete()
    assert Feedback.objects.filter(service=service).exists()


def test_a_service_with_no_feedback_data_can_still_be_deleted(admin_client):
    service = FeedbackServiceFactory(title="Closed clinic", slug="closed-clinic")
    assert not FeedbackForm.objects.filter(service=service).exists()

    admin_client.post(reverse("wagtailadmin_pages:delete", args=[service.pk]))

    assert not ServicePage.objects.filter(pk=service.pk).exists()
