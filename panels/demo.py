"""Demo content for panels: one organisation-wide panel under the home page, and an open
recruitment for the demo researcher's physiotherapy service."""

from datetime import timedelta

from django.utils import timezone

from panels.factories import PanelPageFactory
from panels.models import PanelPage, Recruitment
from website.models import HomePage, ServicePage

DEMO_SLUG = "join-a-panel"
DEMO_RECRUITMENT_SERVICE = "physiotherapy-outpatients"


def seed() -> PanelPage:
    """The demo panel page and recruitment, created once."""
    home = HomePage.objects.first()
    existing = PanelPage.objects.child_of(home).filter(slug=DEMO_SLUG).first()
    panel = existing or PanelPageFactory(parent=home, slug=DEMO_SLUG)
    service = ServicePage.objects.filter(slug=DEMO_RECRUITMENT_SERVICE).first()
    if service is not None:
        Recruitment.objects.get_or_create(
            service=service, title="Try our new home exercise app",
            defaults={"stage": "design", "activity": "usability_test", "setting": "online",
                      "starts_on": timezone.localdate() + timedelta(days=21),
                      "target_number": 6, "payment": "£25 voucher for an hour",
                      "description": "A one-hour video call trying out an app that shows your "
                                     "physiotherapy exercises.",
                      "ways": ["video", "usability_testing"]},
        )  # fmt: skip
    return panel
