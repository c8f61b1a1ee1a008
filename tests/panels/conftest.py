import pytest

from panels.factories import PanelPageFactory
from website.factories import ServicePageFactory, ServicesIndexPageFactory
from website.models import ServicesIndexPage


@pytest.fixture
def service_pages(site_tree):
    """Two live services under the services index."""
    index = ServicesIndexPage.objects.child_of(site_tree).first()
    if index is None:
        index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return [
        ServicePageFactory(parent=index, title="Maternity services", slug="maternity"),
        ServicePageFactory(parent=index, title="Eye clinic", slug="eye-clinic"),
    ]


@pytest.fixture
def panel(site_tree, service_pages):
    """An organisation-wide panel under the home page."""
    return PanelPageFactory(parent=site_tree, slug="join-a-panel", title="Patient panel")


def sign_up_data(**overrides) -> dict:
    """A valid sign-up POST."""
    data = {
        "name": "Sam Taylor",
        "email": "Sam.Taylor@Example.org",
        "phone": "07700 900982",
        "contact_method": "email",
        "postcode_district": "LS1",
        "age_band": "35_44",
        "sex": "prefer_not",
        "ethnicity": "white",
        "carer": "yes",
        "access_needs": ["large_print", "step_free"],
        "ways": ["online_survey", "video"],
        "availability": ["weekend"],
        "consent_contact": "on",
        "consent_representation": "on",
    }
    data.update(overrides)
    return data
