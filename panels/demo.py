"""Demo content for panels: one organisation-wide panel under the home page, and an open
recruitment for the demo researcher's physiotherapy service."""

from datetime import timedelta

from django.utils import timezone

from panels.factories import PanelPageFactory
from panels.models import PanelPage, Recruitment
from website.demo_welsh import translate_page, welsh_locale
from website.locales import in_default_language
from website.models import HomePage, ServicePage

DEMO_SLUG = "join-a-panel"
DEMO_RECRUITMENT_SERVICE = "physiotherapy-outpatients"
# The demo panel page's words in Welsh (its English words are PanelPageFactory's).
WELSH_PANEL = {
    "title": "Panel cleifion a gofalwyr",
    "purpose": "<p>Mae ein panel cleifion a gofalwyr yn ein helpu i gynllunio, dylunio a gwella "
    "gwasanaethau gyda'r bobl sy'n eu defnyddio.</p>",
    "looking_for": "<p>Unrhyw un 16 oed neu hŷn sydd wedi defnyddio ein gwasanaethau, neu sy'n "
    "gofalu am rywun sydd wedi gwneud hynny. Rydym yn arbennig o awyddus i glywed gan y bobl "
    "rydym yn clywed ganddynt leiaf.</p>",
    "taking_part": "<p>Ateb arolwg byr ar-lein, siarad ag ymchwilydd dros y ffôn neu ar fideo, "
    "rhoi cynnig ar wefan newydd, neu ymuno â grŵp. Chi sy'n dewis beth sy'n addas i chi, a "
    "gallwch ddweud na wrth unrhyw wahoddiad.</p>",
    "payment": "<p>Rydym yn talu £25 yr awr am gyfweliadau, grwpiau a phrofi, ac yn ad-dalu "
    "costau teithio a gofal. Nid oes tâl am arolygon.</p>",
    "privacy_notice": "<p>Rydym yn cadw eich manylion cyswllt, eich atebion amdanoch chi'ch hun "
    "a'ch anghenion mynediad wedi'u hamgryptio. Dim ond ymchwilwyr y gwasanaethau y mae'r panel "
    "hwn yn gweithio gyda nhw sy'n gallu eu gweld, a chaiff pob tro y maent yn gwneud hynny ei "
    "gofnodi. Os byddwch yn gadael, byddwn yn eu dileu ar unwaith; dim ond cofnod o'r hyn y "
    "cytunoch iddo a gadwn, heb fanylion cyswllt, am 6 blynedd. Os na fyddwch yn adnewyddu eich "
    "caniatâd, byddwn yn dileu eich manylion ar ôl 2 flynedd.</p>",
}


def seed() -> PanelPage:
    """The demo panel page and recruitment, created once."""
    home = in_default_language(HomePage.objects.all()).first()
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


def seed_welsh() -> None:
    """The demo panel page in Welsh, under the Welsh home page."""
    panel = in_default_language(PanelPage.objects.filter(slug=DEMO_SLUG)).first()
    if panel is not None and panel.get_parent().get_translation_or_none(welsh_locale()):
        translate_page(panel, welsh_locale(), **WELSH_PANEL)
