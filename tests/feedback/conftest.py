import pytest

from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory


@pytest.fixture
def service(site_tree):
    """A live service under the services index."""
    return FeedbackServiceFactory(title="Maternity services", slug="maternity")


@pytest.fixture
def feedback_form(service):
    """The service's feedback form, no extra questions."""
    return FeedbackFormFactory(service=service)
