"""Every public page type in Welsh (issue 16 item 3): no words the catalogue translates are left
in English, and every page says it is in Welsh."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from involvement.models import GetInvolvedIndexPage, OpportunityPage, YouSaidWeDidPage
from panels.models import PanelPage
from tests.welsh import in_welsh
from website.models import AccessibilityStatementPage, ContentPage

pytestmark = pytest.mark.django_db
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# Attributes a screen reader or a sighted visitor meets as words.
READ_ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")
NOT_SHOWN = ("script", "style", "template", "head")
# The product's name is a name, not the msgid of the same spelling (the involvement level).
NAMES = {"Involve"}


def translated_msgids() -> set[str]:
    """English strings the Welsh catalogue translates into something else (placeholders,
    plurals and words spelt the same in both, like "BSL", left out)."""
    text = subprocess.run(["msgcat", "--no-wrap", str(CATALOGUE)], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    english = set()
    for entry in text.split("\n\n"):
        lines = dict(line.split(" ", 1) for line in entry.splitlines() if line.startswith("msg"))
        if "msgid" not in lines or "msgstr" not in lines or "msgctxt" in lines:
            continue
        msgid, msgstr = json.loads(lines["msgid"]), json.loads(lines["msgstr"])
        if msgid and msgstr and msgid != msgstr and "%(" not in msgid and "{" not in msgid:
            english.add(msgid)
    return english - NAMES


def english_left(html: BeautifulSoup, english: set[str]) -> list[str]:
    """Words on the page that are an English msgid with a Welsh translation."""
    found = []
    for node in html.find_all(string=True):
        if isinstance(node, Comment) or node.find_parent(NOT_SHOWN):
            continue
        if node.find_parent(lang=lambda lang: lang and lang.lower().startswith("en")):
            continue  # marked as English on purpose (the switcher's "English")
        text = " ".join(node.split())
        if text in english:
            found.append(text)
    for element in html.find_all(True):
        found += [element[a] for a in READ_ATTRIBUTES if element.get(a, "").strip() in english]
    return found


@pytest.fixture(scope="module")
def english():
    return translated_msgids()


@pytest.fixture
def welsh_pages(site_tree):
    """The demo as `manage.py seed_demo` leaves it (Welsh tree included), with a Welsh
    translation of each page type the demo leaves in English."""
    call_command("seed_demo", stdout=io.StringIO())
    pages = {}
    for model, title in [(PanelPage, "Panel cleifion a gofalwyr"),
                         (GetInvolvedIndexPage, "Cymryd rhan"),
                         (OpportunityPage, "Cyfle i gymryd rhan"),
                         (YouSaidWeDidPage, "Dywedoch chi, gwnaethom ni")]:  # fmt: skip
        page = model.objects.filter(locale__language_code="en-gb").live().first()
        assert page is not None, f"the demo has no {model.__name__}"
        pages[model.__name__] = in_welsh(page, title=title).url
    for model in (AccessibilityStatementPage, ContentPage):
        page = model.objects.filter(locale__language_code="cy").live().first()
        pages[model.__name__] = page.url
    return pages


def welsh_urls(client, pages) -> dict[str, str]:
    """Each public screen's /cy/ address."""
    form = "/cy/feedback/maternity/"
    thanks = client.post(form, {"fft_answer": "good", "text": "Da iawn"})["Location"]
    return {
        "home": "/cy/",
        "services index": "/cy/services/",
        "service": "/cy/services/maternity/",
        "content": pages["ContentPage"],
        "accessibility statement": pages["AccessibilityStatementPage"],
        "panel": pages["PanelPage"],
        "sign-up": pages["PanelPage"] + "join/",
        "get involved": pages["GetInvolvedIndexPage"],
        "opportunity": pages["OpportunityPage"],
        "you said, we did index": "/cy/you-said-we-did/",
        "you said, we did update": pages["YouSaidWeDidPage"],
        "feedback form": form,
        "easy read form": form + "easy-read/",
        "young people's form": form + "young-people/",
        "under 8s form": form + "under-8s/",
        "thank-you": thanks,
        "search": "/cy/search/?q=mamolaeth",
        "performance": "/cy/performance/",
        "service performance": "/cy/performance/maternity/",
    }


def member_urls(pages) -> dict[str, str]:
    """The screens a panel member reaches from their emails, in Welsh (the links a Welsh
    member's emails carry), for a member of the demo panel who joined in Welsh."""
    from panels import joining, recruitment, services
    from panels.joining import AboutMe, Contact
    from panels.models import Invitation, PanelMember, Recruitment

    panel = PanelPage.objects.filter(locale__language_code="en-gb").live().first()
    about = AboutMe(age_band="35_44", postcode_district="CF10", ways=["video"], service_ids=[],
                    details={})  # fmt: skip
    pending = joining.sign_up(panel=panel, contact=Contact(name="Siân", email="sian@example.org"),
                              about=about, purposes=["contact"], language="cy")  # fmt: skip
    member = services.confirm(member=joining.sign_up(
        panel=panel, contact=Contact(name="Dafydd", email="dafydd@example.org"), about=about,
        purposes=["contact"], language="cy"))  # fmt: skip
    study = Recruitment.objects.filter(status="open").first()
    invitation = Invitation.objects.create(recruitment=study, member=member, status="invited")
    assert PanelMember.objects.get(pk=member.pk).language == "cy"
    with translation.override("cy"):
        confirm = reverse("panels:confirm", args=[
            services.link_token(pending, salt=services.CONFIRM_SALT)])  # fmt: skip
        token = services.link_token(member, salt=services.MANAGE_SALT)
        return {
            "check your email": pages["PanelPage"] + "check-your-email/",
            "confirm": confirm,
            "your details": reverse("panels:manage", args=[token]),
            "change your details": reverse("panels:update", args=[token]),
            "leave": reverse("panels:withdraw", args=[token]),
            "renew": reverse("panels:renew", args=[token]),
            "invitation": reverse(
                "panels:invitation", args=[recruitment.answer_token(invitation)]
            ),  # fmt: skip
            "register interest": pages["OpportunityPage"] + "register/",
            "open data": reverse("involvement:open_data"),
        }


def test_every_public_page_type_is_in_welsh(client, welsh_pages, english):
    # given
    urls = welsh_urls(client, welsh_pages) | member_urls(welsh_pages)
    left = {}
    for name, url in urls.items():
        # when
        response = client.get(url)
        # then
        assert response.status_code == 200, (name, url)
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == "cy", name
        if found := english_left(html, english):
            left[f"{name} ({url})"] = found
    assert left == {}, json.dumps(left, indent=1, ensure_ascii=False)


def test_the_welsh_not_found_page_is_in_welsh(client, welsh_pages, english):
    response = client.get("/cy/no-such-page/")
    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404 and html.html["lang"] == "cy"
    assert english_left(html, english) == []


@pytest.mark.parametrize("screen", ["sign-up", "change your details", "feedback form", "search",
                                    "register interest"])  # fmt: skip
def test_welsh_error_states_are_in_welsh(client, welsh_pages, english, screen):
    # given: each form sent empty
    url = (welsh_urls(client, welsh_pages) | member_urls(welsh_pages))[screen]
    if screen == "search":
        response = client.get("/cy/search/", {"q": "x" * 300})
    else:
        response = client.post(url, {})
    # then: the error summary and messages are Welsh
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".nhsuk-error-summary, .nhsuk-error-message"), screen
    assert html.html["lang"] == "cy"
    assert html.title.get_text().startswith("Gwall:"), html.title
    assert english_left(html, english) == []
