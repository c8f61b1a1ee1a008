"""The demo site in Welsh: the Welsh locale and a translation of every demo page (issue 16)."""

from wagtail.models import Locale, Page

from website.locales import WELSH, default_language
from website.models import ContentPage, HomePage, ServicePage, ServicesIndexPage

HOME = {
    "title": "Ymddiriedolaeth GIG Involve",
    "intro": "Dywedwch wrthym am eich gofal, ymunwch â phanel cleifion a gofalwyr, a gwelwch "
    "beth a newidiodd.",
}
SERVICES_INDEX = {
    "title": "Gwasanaethau",
    "intro": "Dewch o hyd i wasanaeth i ddarllen amdano a dweud wrthym am eich profiad.",
}
# Slug: (title, summary), for the services in website.demo.SERVICES.
SERVICES = {
    "maternity": ("Gwasanaethau mamolaeth", "Gofal cyn geni, adeg geni ac ar ôl geni yn Ysbyty "
                  "Riverside ac yn y cartref."),
    "emergency-department": ("Adran achosion brys", "Adran damweiniau ac achosion brys ar "
                             "gyfer anafiadau difrifol ac argyfyngau sy'n peryglu bywyd, ar agor "
                             "24 awr."),
    "riverside-gp-practice": ("Practis meddyg teulu Riverside", "Apwyntiadau gyda meddygon "
                              "teulu, nyrsys a fferyllwyr clinigol i gleifion cofrestredig."),
    "community-mental-health": ("Tîm iechyd meddwl cymunedol", "Cymorth i oedolion â salwch "
                                "meddwl difrifol, yn agos at adref."),
    "physiotherapy-outpatients": ("Cleifion allanol ffisiotherapi", "Asesu a thrin problemau "
                                  "cyhyrau, cymalau a chefn."),
    "pharmacy": ("Fferyllfa'r ysbyty", "Cyngor am feddyginiaethau a phresgripsiynau i bobl sy'n "
                 "gadael yr ysbyty."),
}  # fmt: skip
# Slug: (title, summary, body), for the pages in website.demo.PAGES.
PAGES = {
    "privacy-notice": ("Hysbysiad preifatrwydd", "Sut rydym yn defnyddio'r wybodaeth a roddwch "
        "i ni.",
        "<p>Nid ydym byth yn cadw eich cyfeiriad IP, manylion eich porwr na chwcis tracio gyda'ch "
        "adborth. Caiff manylion personol mewn adborth eu dileu cyn ei gadw. Cedwir adborth am 3 "
        "blynedd. Os gofynnwch i ni gysylltu â chi, caiff eich manylion cyswllt eu hamgryptio a'u "
        "dileu ar ôl 90 diwrnod.</p>"),
    "accessibility-statement": ("Datganiad hygyrchedd", "Pa mor hygyrch yw'r wefan hon.",
        "<p>Nod y wefan hon yw bodloni Canllawiau Hygyrchedd Cynnwys y We (WCAG) 2.2 ar lefel AA. "
        "Mae'n gweithio gyda bysellfwrdd yn unig, gyda darllenwyr sgrin a heb JavaScript.</p>"
        "<p>Os dewch o hyd i broblem, ffoniwch 0300 123 4567 a byddwn yn helpu.</p>"),
    "about": ("Ynglŷn ag Involve", "Sut rydym yn cynnwys cleifion, gofalwyr a chymunedau.",
        "<p>Rydym yn cynnwys pobl ar bob cam: polisi a strategaeth, dylunio ac adeiladu, a "
        "darparu a gweithredu. Dywedwch wrthym am eich profiad o unrhyw un o'n gwasanaethau.</p>"),
}  # fmt: skip


def welsh_locale() -> Locale:
    """The Welsh locale, created if missing."""
    return Locale.objects.get_or_create(language_code=WELSH)[0]


def translate_page(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into the locale with these fields, published; made if missing.

    Apps call it from their own demo `seed_welsh()` for the pages they add."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale)
    translated = translated.specific
    if translated.live and translated.title == fields["title"]:
        return translated  # seeded before: an editor's later changes stay
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def seed_welsh_pages() -> None:
    """Translate the demo's home page, services index, services and content pages into Welsh."""
    locale = welsh_locale()
    home = HomePage.objects.filter(locale__language_code=default_language()).first()
    if home is None:
        return
    translate_page(home, locale, **HOME)
    index = ServicesIndexPage.objects.child_of(home).first()
    if index is not None:
        translate_page(index, locale, **SERVICES_INDEX)
        for service in ServicePage.objects.child_of(index).filter(slug__in=SERVICES):
            title, summary = SERVICES[service.slug]
            body = [("heading", {"text": "Beth rydym yn ei wneud", "heading_level": 2}),
                    ("rich_text", f"<p>{summary}</p>")]  # fmt: skip
            translate_page(service, locale, title=title, summary=summary, body=body)
    for page in home.get_children().live().specific():
        if page.slug not in PAGES:
            continue  # other apps' pages stay in English until an editor translates them
        title, summary, html = PAGES[page.slug]
        if isinstance(page, ContentPage):
            translate_page(page, locale, title=title, summary=summary, body=[("rich_text", html)])
        else:
            # Its own page type (the accessibility statement): its words come from the site.
            translate_page(page, locale, title=title)
