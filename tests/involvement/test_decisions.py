"""Decision records per service in the admin, and the yearly involvement report (HTML and CSV)
checked against the rollups."""

import csv
import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group

from feedback.rollups import rebuild_rollups, rollup_counts
from involvement.choices import InvolvementLevel
from involvement.factories import (
    DecisionRecordFactory,
    GetInvolvedIndexPageFactory,
    OpportunityPageFactory,
)
from involvement.models import DecisionRecord
from involvement.yearly_report import year_bounds, year_of, yearly_report
from tests.involvement.conftest import processed
from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, LifecycleStage, ServiceRoleName
from website.factories import (
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 17)  # tests.dates.ORDINARY_MOMENT: financial year April 2026 to March 2027
DAY = timedelta(days=1)
LIST = "/admin/involvement_decisions/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def services(site_tree):
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return (
        ServicePageFactory(parent=index, title="Maternity services", slug="maternity"),
        ServicePageFactory(parent=index, title="Eye clinic", slug="eye-clinic"),
    )


def staff(service, role, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    ServiceRoleFactory(user=user, service=service, role=role)
    return user


def administrator():
    user = UserFactory(username="trust-admin")
    user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    return user


def form_data(service, **overrides) -> dict:
    return {
        "service": service.pk,
        "decision": "Keep the evening clinic",
        "decided_on": "2026-06-10",
        "lifecycle_stage": LifecycleStage.DELIVERY,
        "duty_applies": "yes",
        "duty_reason": "It changes when patients can be seen.",
        "level": InvolvementLevel.CONSULT,
        "people_took_part": "14",
        "who_took_part": "Patients from the survey",
        "outcome": "We kept it.",
    } | overrides


@pytest.mark.parametrize("role", [ServiceRoleName.RESEARCHER, ServiceRoleName.SERVICE_LEAD])
def test_researchers_and_leads_keep_their_services_records(client, travel, services, role):
    mine, theirs = services
    own = DecisionRecordFactory(service=mine, decision="Ours")
    other = DecisionRecordFactory(service=theirs, decision="Theirs")
    client.force_login(staff(mine, role, "staff"))
    listing = client.get(LIST).content.decode()
    assert "Ours" in listing and "Theirs" not in listing
    assert client.get(f"{LIST}edit/{own.pk}/").status_code == 200
    assert client.get(f"{LIST}edit/{other.pk}/").status_code == 404
    assert client.post(f"{LIST}delete/{other.pk}/").status_code == 404
    assert DecisionRecord.objects.filter(pk=other.pk).exists()
    # when they add one
    response = client.post(f"{LIST}new/", form_data(mine))
    # then it is stored for their service
    assert response.status_code == 302, soup(response).select(".error-message")
    assert DecisionRecord.objects.get(decision="Keep the evening clinic").service == mine


def test_a_record_for_another_service_is_refused(client, travel, services):
    mine, theirs = services
    client.force_login(staff(mine, ServiceRoleName.SERVICE_LEAD, "lead"))
    response = client.post(f"{LIST}new/", form_data(theirs))
    assert response.status_code == 200
    assert not DecisionRecord.objects.exists()


def test_an_opportunity_of_another_service_is_refused(client, travel, services):
    mine, theirs = services
    elsewhere = OpportunityPageFactory(parent=theirs, slug="elsewhere")
    client.force_login(administrator())
    response = client.post(f"{LIST}new/", form_data(mine, opportunities=[elsewhere.pk]))
    assert "Choose only opportunities of this service" in response.content.decode()
    assert not DecisionRecord.objects.exists()


@pytest.mark.parametrize("role", [ServiceRoleName.EDITOR, ServiceRoleName.SAFEGUARDING_LEAD])
def test_other_roles_have_no_decision_records(client, services, role):
    DecisionRecordFactory(service=services[0])
    client.force_login(staff(services[0], role, "staff"))
    assert client.get(LIST).status_code in (302, 403)
    assert client.get("/admin/involvement/reports/").status_code == 404


def test_editor_text_is_escaped_in_the_report(client, travel, services):
    DecisionRecordFactory(service=services[0], decision="<script>alert(1)</script>",
                          outcome="<img src=x onerror=alert(2)>")  # fmt: skip
    client.force_login(staff(services[0], ServiceRoleName.SERVICE_LEAD, "lead"))
    html = client.get(f"/admin/involvement/reports/services/{services[0].pk}/2026/").content
    assert b"<script>alert" not in html and b"<img src=x" not in html


def test_financial_years():
    assert year_bounds(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert year_of(date(2026, 3, 31)) == 2025
    assert year_of(date(2026, 4, 1)) == 2026


@pytest.fixture
def year_of_evidence(travel, services, site_tree):
    """Feedback in this financial year and the last, opportunities and decisions."""
    maternity, eyes = services
    for days_ago, stage in [(1, "delivery"), (2, "delivery"), (40, "design"), (70, "policy")]:
        processed(maternity, days_ago=days_ago, lifecycle_stage=stage)
    for days_ago in (3, 100, 120):  # 100 and 120 days ago fall in the year before
        processed(eyes, days_ago=days_ago)
    rebuild_rollups()
    survey = OpportunityPageFactory(parent=maternity, slug="survey", title="Maternity survey")
    OpportunityPageFactory(parent=eyes, slug="old", title="Old survey",
                           opens_on=TODAY - 120 * DAY, closing_date=TODAY - 90 * DAY)  # fmt: skip
    group = OpportunityPageFactory(parent=GetInvolvedIndexPageFactory(parent=site_tree),
                                   slug="group", title="Experience group")  # fmt: skip
    decision = DecisionRecordFactory(service=maternity, decision="Home checks",
                                     level=InvolvementLevel.CO_PRODUCE, people_took_part=38,
                                     decided_on=TODAY - 5 * DAY)  # fmt: skip
    decision.opportunities.set([survey])
    DecisionRecordFactory(service=eyes, decision="=HYPERLINK(\"http://x\")",
                          people_took_part=4, decided_on=TODAY - 200 * DAY)  # fmt: skip
    return {"survey": survey, "group": group}


def test_report_numbers_match_the_rollups(year_of_evidence, services):
    maternity, eyes = services
    start, end = year_bounds(2026)
    report = yearly_report(services=list(services), year=2026, organisation=True)
    by_service = rollup_counts(service_ids=[maternity.pk, eyes.pk], start=start, end=end,
                               by=["service"], columns=["responses"])  # fmt: skip
    by_stage = rollup_counts(service_ids=[maternity.pk], start=start, end=end, by=["stage"],
                             columns=["responses"])  # fmt: skip
    parts = {p.title: p for p in report.parts}
    assert parts["Maternity services"].responses == by_service[(maternity.pk,)]["responses"] == 4
    assert parts["Eye clinic"].responses == by_service[(eyes.pk,)]["responses"] == 1
    assert parts["Maternity services"].responses_by_stage == {
        stage: row["responses"] for (stage,), row in by_stage.items()
    }
    assert report.total.responses == 5
    assert [o.title for o in parts["Whole organisation"].opportunities] == ["Experience group"]
    assert [o.title for o in report.total.opportunities] == ["Maternity survey",
                                                             "Experience group"]  # fmt: skip
    assert [d.decision for d in report.total.decisions] == ["Home checks"]
    assert report.total.people_took_part == 38


def test_report_page_shows_the_same_numbers_and_prints(client, year_of_evidence, services):
    maternity = services[0]
    client.force_login(staff(maternity, ServiceRoleName.RESEARCHER, "researcher"))
    response = client.get(f"/admin/involvement/reports/services/{maternity.pk}/2026/")
    page = soup(response)
    figures = {td["data-figure"]: td.get_text() for td in page.select("[data-figure]")}
    start, end = year_bounds(2026)
    expected = rollup_counts(service_ids=[maternity.pk], start=start, end=end,
                             columns=["responses"])[()]["responses"]  # fmt: skip
    assert figures["responses"] == str(expected)
    assert figures["decisions"] == "1" and figures["people"] == "38"
    assert page.title.get_text().startswith("Maternity services: involvement, April 2026")
    sheet = page.select_one('link[href*="involvement/report"]')["href"]
    assert sheet.endswith(".css")
    assert not page.select(".nhsuk-header")  # printed without the site's header


def test_report_csv_is_formula_safe_and_matches(client, year_of_evidence, services):
    client.force_login(administrator())
    response = client.get("/admin/involvement/reports/organisation/2025/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    decision = next(r for r in rows if r[0] == "decision")
    assert decision[3] == '\'=HYPERLINK("http://x")'
    eyes_total = next(r for r in rows if r[:4] == ["feedback", "Eye clinic", "All", "responses"])
    start, end = year_bounds(2025)
    assert int(eyes_total[-1]) == rollup_counts(service_ids=[services[1].pk], start=start,
                                                end=end)[()]["responses"] == 2  # fmt: skip


def test_organisation_report_is_for_administrators_and_past_years_only(client, travel, services):
    client.force_login(staff(services[0], ServiceRoleName.SERVICE_LEAD, "lead"))
    reports = "/admin/involvement/reports"
    assert client.get(f"{reports}/organisation/2026/").status_code == 404
    assert client.get(f"{reports}/services/{services[1].pk}/2026/").status_code == 404
    assert client.get(f"{reports}/services/{services[0].pk}/2027/").status_code == 404
    assert client.get(f"{reports}/services/{services[0].pk}/2026/").status_code == 200
    index = soup(client.get("/admin/involvement/reports/"))
    assert index.title.get_text().startswith("Yearly involvement reports")
    assert "Whole organisation" not in index.get_text()


def test_a_recruitment_behind_a_decision_shows_who_took_part_suppressed(
    client, travel, services, site_tree
):
    # given three panel members who attended a maternity recruitment, and one who did not come
    from panels import joining as panel_joining
    from panels import services as panel_services
    from panels.choices import InvitationStatus
    from panels.factories import PanelPageFactory
    from panels.models import Invitation, Recruitment

    panel = PanelPageFactory(parent=site_tree, slug="panel")
    study = Recruitment.objects.create(service=services[0], title="Antenatal app test",
                                       stage="design", activity="usability_test",
                                       starts_on=TODAY - 20 * DAY, setting="online",
                                       target_number=4)  # fmt: skip
    for n, status in enumerate([InvitationStatus.ATTENDED] * 3 + [InvitationStatus.NO_SHOW]):
        member = panel_services.confirm(member=panel_joining.sign_up(
            panel=panel, contact=panel_joining.Contact(name="P", email=f"p{n}@example.org"),
            about=panel_joining.AboutMe(age_band="25_34", postcode_district="LS1",
                                         details={"sex": "female", "ethnicity": "white"}),
            purposes=["contact", "representation"],
        ))  # fmt: skip
        Invitation.objects.create(recruitment=study, member=member, status=status)
    DecisionRecordFactory(service=services[0], decision="App launch", recruitment=study,
                          decided_on=TODAY - 2 * DAY)  # fmt: skip
    client.force_login(staff(services[0], ServiceRoleName.SERVICE_LEAD, "lead"))
    # when the report is read
    base = f"/admin/involvement/reports/services/{services[0].pk}/2026/"
    text = soup(client.get(base)).select_one("main").get_text(" ", strip=True)
    rows = list(csv.reader(io.StringIO(
        b"".join(client.get(base + "csv/").streaming_content).decode())))  # fmt: skip
    # then the three who attended are counted, as * (1 to 7 is never shown exactly)
    assert "Antenatal app test: of those who attended, 3 agreed to be counted." in text
    assert "Age : " in text or "Age:" in text
    assert "numbers from 1 to 7 are shown as *" in text
    age = [r for r in rows if r[0] == "representation" and r[5] == "Age"]
    assert {r[7] for r in age} == {"0", "*"}
