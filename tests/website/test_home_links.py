"""The home page links only to what exists: services, a live panel, "Get involved", and
"You said, we did" once an update is published."""

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from involvement.models import GetInvolvedIndexPage, YouSaidWeDidPage
from involvement.update_status import UpdateStatus
from panels.models import PanelPage
from website.models import ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pages(demo_site):
    """The demo's pages from each app: the panel and the "Get involved" page with opportunities."""
    from involvement import demo as involvement_demo
    from panels import demo as panels_demo

    panels_demo.seed()
    involvement_demo.seed()


def home_links(client) -> dict[str, str]:
    """The home page's action links, text -> address."""
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("main .nhsuk-action-link a")}


def publish_update(service):
    update = YouSaidWeDidPage(title="Evening clinic", you_said="Waits were too long.",
                              we_did="We added an evening clinic.", status=UpdateStatus.DONE,
                              status_date=timezone.localdate())  # fmt: skip
    service.add_child(instance=update)
    update.save_revision().publish()


def test_every_link_on_the_demo_home_page_leads_to_a_live_page(client, demo_pages):
    # given the demo: services, a panel and the "Get involved" page, no update published yet
    YouSaidWeDidPage.objects.all().delete()

    # when someone opens the home page
    links = home_links(client)

    # then it offers services, the panel and ways to get involved, and nothing else
    assert set(links) == {
        "Find a service and tell us about your experience",
        "Join a patient and carer panel",
        "Find ways to get involved",
    }
    assert links["Join a patient and carer panel"] == PanelPage.objects.live().get().url
    assert links["Find ways to get involved"] == GetInvolvedIndexPage.objects.live().get().url
    for address in links.values():
        assert client.get(address).status_code == 200
    intro = BeautifulSoup(client.get("/").content, "html.parser").select_one("main").get_text()
    assert "panel" not in intro.replace("Join a patient and carer panel", "")
    assert "what changed" not in intro.lower()


def test_what_is_not_live_is_not_linked(client, demo_pages):
    # given the panel and "Get involved" pages unpublished, no update published
    PanelPage.objects.get().unpublish()
    GetInvolvedIndexPage.objects.get().unpublish()
    YouSaidWeDidPage.objects.all().delete()

    # then the home page links to the services alone
    assert list(home_links(client)) == ["Find a service and tell us about your experience"]


def test_you_said_we_did_is_linked_once_an_update_is_published(client, demo_pages):
    YouSaidWeDidPage.objects.all().delete()
    assert "See what changed: you said, we did" not in home_links(client)

    publish_update(ServicePage.objects.get(slug="maternity"))

    links = home_links(client)
    assert "See what changed: you said, we did" in links
    response = client.get(links["See what changed: you said, we did"])
    assert response.status_code == 200 and "Evening clinic" in response.content.decode()
