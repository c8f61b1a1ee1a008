"""Opportunities and the "Get involved" index: page rules, rendering, filters, closing."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from involvement.choices import Activity, Attendance
from involvement.factories import GetInvolvedIndexPageFactory, OpportunityPageFactory
from involvement.models import GetInvolvedIndexPage, OpportunityPage
from website.choices import LifecycleStage
from website.factories import ServicePageFactory, ServicesIndexPageFactory
from website.models import HomePage, ServicePage

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def services(site_tree):
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return (
        ServicePageFactory(parent=index, title="Maternity services", slug="maternity"),
        ServicePageFactory(parent=index, title="Eye clinic", slug="eye-clinic"),
    )


@pytest.fixture
def index(site_tree):
    return GetInvolvedIndexPageFactory(parent=site_tree)


@pytest.fixture
def opportunities(travel, services, index):
    """Four open opportunities (two services, the organisation) and one closed yesterday."""
    maternity, eyes = services
    today = date(2026, 6, 17)
    return {
        "survey": OpportunityPageFactory(
            parent=maternity,
            title="Maternity survey",
            slug="survey",
            lifecycle_stage=LifecycleStage.DELIVERY,
            activity=Activity.SURVEY,
            attendance=Attendance.ONLINE,
            closing_date=today,
        ),
        "workshop": OpportunityPageFactory(
            parent=maternity,
            title="Birth centre workshop",
            slug="workshop",
            lifecycle_stage=LifecycleStage.DESIGN,
            activity=Activity.WORKSHOP,
            attendance=Attendance.IN_PERSON,
            closing_date=today + 5 * DAY,
        ),
        "test": OpportunityPageFactory(
            parent=eyes,
            title="Eye clinic booking test",
            slug="test",
            lifecycle_stage=LifecycleStage.DESIGN,
            activity=Activity.USABILITY_TEST,
            attendance=Attendance.BOTH,
            closing_date=today + 9 * DAY,
        ),
        "group": OpportunityPageFactory(
            parent=index,
            title="Patient experience group",
            slug="group",
            lifecycle_stage=LifecycleStage.POLICY,
            activity=Activity.BOARD_OR_GROUP,
            attendance=Attendance.IN_PERSON,
            closing_date=today + 20 * DAY,
        ),
        "closed": OpportunityPageFactory(
            parent=eyes,
            title="Old eye survey",
            slug="closed",
            opens_on=today - 40 * DAY,
            closing_date=today - DAY,
        ),
    }


def listed(client, index, query="") -> list[str]:
    page = soup(client.get(index.url + query))
    return [a.get_text() for a in page.select(".nhsuk-card__link")]


def test_page_types_sit_where_the_tree_allows(site_tree, services):
    assert OpportunityPage.can_create_at(services[0])
    assert GetInvolvedIndexPage.can_create_at(site_tree)
    assert not OpportunityPage.can_create_at(site_tree)
    assert "involvement.OpportunityPage" in ServicePage.allowed_subpage_models().__repr__() or (
        OpportunityPage in ServicePage.allowed_subpage_models()
    )
    assert GetInvolvedIndexPage in HomePage.allowed_subpage_models()


def test_opportunity_knows_its_service_from_its_parent(opportunities, services):
    assert opportunities["survey"].service == services[0]
    assert opportunities["test"].service == services[1]
    assert opportunities["group"].service is None


def test_closing_date_before_the_start_is_refused(services):
    opportunity = OpportunityPage(
        title="Backwards",
        slug="backwards",
        summary="s",
        activity=Activity.SURVEY,
        what_you_will_do="<p>x</p>",
        looking_for="<p>x</p>",
        accessibility="<p>x</p>",
        opens_on=date(2026, 6, 10),
        closing_date=date(2026, 6, 9),
    )
    with pytest.raises(ValidationError) as raised:
        opportunity.clean()
    assert "closing_date" in raised.value.message_dict
    opportunity.closing_date, opportunity.ends_on = date(2026, 6, 20), date(2026, 6, 19)
    with pytest.raises(ValidationError) as raised:
        opportunity.clean()
    assert "ends_on" in raised.value.message_dict
    opportunity.ends_on = date(2026, 6, 20)
    opportunity.clean()  # the same day for all three is fine


def test_index_lists_open_opportunities_soonest_closing_first(client, index, opportunities):
    assert listed(client, index) == [
        "Maternity survey",
        "Birth centre workshop",
        "Eye clinic booking test",
        "Patient experience group",
    ]


def test_closed_opportunity_leaves_the_listing_by_itself(client, index, opportunities, travel):
    assert "Maternity survey" in listed(client, index)  # closes today: still open
    assert OpportunityPage.objects.open(today=date(2026, 6, 18)).filter(slug="survey").count() == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?stage=design", ["Birth centre workshop", "Eye clinic booking test"]),
        ("?stage=policy", ["Patient experience group"]),
        ("?service=maternity", ["Maternity survey", "Birth centre workshop"]),
        ("?service=organisation", ["Patient experience group"]),
        ("?activity=usability_test", ["Eye clinic booking test"]),
        ("?attendance=online", ["Maternity survey", "Eye clinic booking test"]),
        (
            "?attendance=in_person",
            ["Birth centre workshop", "Eye clinic booking test", "Patient experience group"],
        ),
        ("?stage=design&service=maternity", ["Birth centre workshop"]),
        ("?stage=delivery&activity=workshop", []),
        ("?stage=nonsense&service=maternity", ["Maternity survey", "Birth centre workshop"]),
        (
            "?service=" + "x" * 5000,
            [
                "Maternity survey",
                "Birth centre workshop",
                "Eye clinic booking test",
                "Patient experience group",
            ],
        ),
    ],
)
def test_index_filters(client, index, opportunities, query, expected):
    assert listed(client, index, query) == expected


def test_filters_are_a_plain_get_form_that_keeps_its_choices(client, index, opportunities):
    page = soup(client.get(index.url + "?stage=design&service=eye-clinic"))
    form = page.select_one("form.involve-filters")
    assert form["method"] == "get"
    assert form.select_one("button[type=submit]")
    assert page.select_one("select[name=stage] option[selected]")["value"] == "design"
    assert page.select_one("select[name=service] option[selected]")["value"] == "eye-clinic"
    for select in form.select("select"):
        assert page.select_one(f"label[for={select['id']}]")
    assert page.select_one("#results").get_text() == "1 open opportunity"


def test_empty_listing_says_so(client, index, opportunities):
    text = soup(client.get(index.url + "?activity=interview")).select_one("main").get_text()
    assert "No open opportunities match these filters" in text


def test_opportunity_page_shows_every_section_and_how_to_take_part(client, opportunities):
    survey = opportunities["survey"]
    page = soup(client.get(survey.url))
    headings = {h.get_text() for h in page.select("main h2")}
    assert {
        "What you will do",
        "Who we are looking for",
        "When",
        "Where",
        "Accessibility",
        "Payment and expenses",
        "How to take part",
    } <= headings
    links = {a.get_text(strip=True): a["href"] for a in page.select(".nhsuk-action-link__link")}
    assert links["Register your interest"] == survey.url + "register/"
    assert not page.select(".nhsuk-warning-callout")


def test_closed_opportunity_stays_reachable_with_a_closed_banner(client, opportunities, index):
    response = client.get(opportunities["closed"].url)
    assert response.status_code == 200
    page = soup(response)
    banner = page.select_one(".nhsuk-warning-callout")
    assert "This opportunity has closed" in banner.get_text()
    assert banner.select_one("a")["href"] == index.url
    assert not page.select(".nhsuk-action-link__link")  # no way to take part any more


def test_service_page_shows_its_open_opportunities(client, opportunities, services):
    main = soup(client.get(services[1].url)).select_one("main")
    links = [a.get_text() for a in main.select("a") if a["href"].startswith(services[1].url)]
    assert "Eye clinic booking test" in links
    assert "Old eye survey" not in links


def test_editor_html_is_stripped_or_escaped(client, services, travel):
    page = OpportunityPageFactory(
        parent=services[0],
        slug="html",
        title="<script>alert(1)</script>",
        summary="<b>bold</b><script>alert(2)</script>",
        what_you_will_do='<p>Hi<script>alert(3)</script><a href="javascript:alert(4)">x</a></p>',
        dates_and_times="<img src=x onerror=alert(5)>",
        place="<script>alert(6)</script>",
    )
    html = client.get(page.url).content.decode()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
