"""Demo data for the boards: rollups rebuilt from whatever demo feedback exists."""

from feedback.rollups import rebuild_rollups
from involvement.models import GetInvolvedIndexPage
from involvement.opportunity_demo import seed_opportunities
from involvement.updates_demo import seed_updates
from website.demo_welsh import translate_page, welsh_locale
from website.locales import in_default_language

# The "Get involved" page's words in Welsh; its list shows every open opportunity, in English
# until an editor translates one.
WELSH_GET_INVOLVED = {
    "title": "Cymryd rhan",
    "intro": "Helpwch ni i gynllunio, dylunio a gwella ein gwasanaethau: llenwch arolwg, ymunwch "
    "â gweithdy, rhowch gynnig ar rywbeth newydd neu ymunwch â grŵp.",
}


def seed() -> None:
    """Make the demo boards and performance pages match the demo feedback rows."""
    rebuild_rollups()
    seed_opportunities()
    seed_updates()


def seed_welsh() -> None:
    """The "Get involved" page in Welsh, under the Welsh home page."""
    index = in_default_language(GetInvolvedIndexPage.objects.all()).first()
    if index is not None and index.get_parent().get_translation_or_none(welsh_locale()):
        translate_page(index, welsh_locale(), **WELSH_GET_INVOLVED)
