import pytest

from panels.factories import PanelPageFactory
from panels.joining import AboutMe, Contact
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


def join(
    panel,
    n,
    *,
    age_band="35_44",
    ways=("video",),
    service_ids=(),
    details=None,
    purposes=("contact", "representation"),
    confirmed=True,
):
    """Member number `n` of `panel`, confirmed unless told otherwise."""
    from panels import joining, services

    member = joining.sign_up(
        panel=panel, contact=Contact(name=f"Member {n}", email=f"member{n}@example.org"),
        about=AboutMe(age_band=age_band, postcode_district="LS1", ways=list(ways),
                      service_ids=list(service_ids), details=details or {}),
        purposes=list(purposes),
    )  # fmt: skip
    return services.confirm(member=member) if confirmed else member


@pytest.fixture
def study(service_pages):
    """An open recruitment for maternity, starting in a month, with no criteria."""
    from datetime import timedelta

    from django.utils import timezone

    from panels.models import Recruitment

    return Recruitment.objects.create(
        service=service_pages[0], title="Antenatal app test", stage="design",
        activity="usability_test", starts_on=timezone.localdate() + timedelta(days=30),
        setting="online", target_number=5, payment="£25 voucher",
    )  # fmt: skip
