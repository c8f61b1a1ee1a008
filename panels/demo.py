"""Demo content for panels: one organisation-wide panel under the home page."""

from panels.factories import PanelPageFactory
from panels.models import PanelPage
from website.models import HomePage

DEMO_SLUG = "join-a-panel"


def seed() -> PanelPage:
    """The demo panel page, created once."""
    home = HomePage.objects.first()
    existing = PanelPage.objects.child_of(home).filter(slug=DEMO_SLUG).first()
    return existing or PanelPageFactory(parent=home, slug=DEMO_SLUG)
