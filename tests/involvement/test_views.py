"""The insight board, overview, exports, public pages, open data and FHIR, through HTTP."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from feedback.choices import Channel, FftAnswer
from involvement.exports import safe_cell
from involvement.tokens import issue_token
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def svc(slug):
    return ServicePage.objects.get(slug=slug)


def test_service_lead_reads_the_board_with_charts_tables_and_comments(
    client, demo_site, make_feedback, theme
):
    # given feedback with a theme in maternity, enough of it (10) for example comments
    maternity = svc("maternity")
    make_feedback(maternity, 12, themes=[theme], text="Lovely midwives on the ward")
    make_feedback(maternity, 4, fft_answer=FftAnswer.POOR, channel=Channel.PAPER)

    # when the service lead opens its board
    login(client, "service-lead")
    response = client.get(f"/admin/involvement/services/{maternity.pk}/board/")

    # then it shows counts, SVG charts with tables, and the comment
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("svg[role=img]")) >= 5
    assert len(soup.select("details table")) >= 5
    assert "Lovely midwives on the ward" in response.content.decode()
    assert "75%" in response.content.decode()  # 12 of 16 positive


def test_the_board_updates_as_soon_as_rollups_change(client, demo_site, make_feedback):
    maternity = svc("maternity")
    login(client, "service-lead")
    url = f"/admin/involvement/services/{maternity.pk}/board/"
    before = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        ".involve-board-headline dd").text  # fmt: skip
    make_feedback(maternity, 2)
    after = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        ".involve-board-headline dd").text  # fmt: skip
    assert int(after) == int(before) + 2


def test_researcher_reads_own_boards_and_editor_none(client, demo_site):
    # the role matrix: boards are for researchers and service leads of the service
    login(client, "researcher")
    physio, pharmacy = svc("physiotherapy-outpatients"), svc("pharmacy")
    assert client.get(f"/admin/involvement/services/{pharmacy.pk}/board/").status_code == 404
    assert client.get(f"/admin/involvement/services/{physio.pk}/board/").status_code == 200
    login(client, "editor")
    maternity = svc("maternity")
    assert client.get(f"/admin/involvement/services/{maternity.pk}/board/").status_code == 404


def test_exports_are_for_service_leads_and_administrators(client, demo_site):
    maternity = svc("maternity")
    login(client, "editor")
    assert client.get(f"/admin/involvement/services/{maternity.pk}/export.csv").status_code == 404
    login(client, "service-lead")
    assert client.get(f"/admin/involvement/services/{maternity.pk}/export.csv").status_code == 200


def test_bad_filter_dates_say_why_and_keep_the_default(client, demo_site):
    login(client, "service-lead")
    response = client.get(f"/admin/involvement/services/{svc('maternity').pk}/board/",
                          {"start": "2025-05-01", "end": "2025-01-01"})  # fmt: skip
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date." in response.content.decode()


def test_overview_for_leads_and_administrators_only(client, demo_site, make_feedback):
    make_feedback(svc("pharmacy"), 2)
    login(client, "researcher")
    assert client.get("/admin/involvement/overview/").status_code == 404
    login(client, "service-lead")
    response = client.get("/admin/involvement/overview/")
    assert response.status_code == 200
    # a lead compares their own services only
    assert "Maternity services" in response.content.decode()
    assert "Hospital pharmacy" not in response.content.decode()
    login(client, "admin")
    assert "Hospital pharmacy" in client.get("/admin/involvement/overview/").content.decode()


def test_overview_rows_escape_titles_and_dash_what_is_missing(client, demo_site, make_feedback):
    # given a service whose title holds markup, with feedback but no theme
    pharmacy = svc("maternity")
    pharmacy.title = "Pharmacy <b>& dispensary</b>"
    pharmacy.save()
    make_feedback(pharmacy, 2)

    # when a lead opens the overview
    login(client, "service-lead")
    response = client.get("/admin/involvement/overview/")

    # then each service is a row headed by its (escaped) title, and a missing figure shows "-"
    assert "<b>& dispensary</b>" not in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
            for tr in soup.select("table.listing tbody tr")}  # fmt: skip
    responses, positive, change, top_theme = rows["Pharmacy <b>& dispensary</b>"]
    assert (responses, change, top_theme) == ("2", "-", "-")
    assert float(positive.rstrip("%")) == 100
    assert all(tr.th["scope"] == "row" for tr in soup.select("table.listing tbody tr"))


def test_board_chart_tables_head_each_row_with_its_label(client, demo_site, make_feedback):
    maternity = svc("maternity")
    make_feedback(maternity, 3)
    login(client, "service-lead")
    soup = BeautifulSoup(client.get(f"/admin/involvement/services/{maternity.pk}/board/").content,
                         "html.parser")  # fmt: skip
    answers = soup.select_one("#answers-heading").find_parent("section")
    rows = [[tr.th.get_text(), *[td.get_text() for td in tr.find_all("td")]]
            for tr in answers.select("tbody tr")]  # fmt: skip
    assert ["Very good", "3"] in rows
    assert all(tr.th["scope"] == "row" for tr in soup.select("details tbody tr"))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value


def test_feedback_export_is_safe_against_formula_injection(client, demo_site, make_feedback):
    maternity = svc("maternity")
    make_feedback(maternity, 1, text='=HYPERLINK("http://evil.example","click")')
    login(client, "admin")
    response = client.get(f"/admin/involvement/services/{maternity.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    comment = rows[1][rows[0].index("comment")]
    assert comment.startswith("'=HYPERLINK")


def test_fft_return_counts_answers_per_channel(client, demo_site, make_feedback):
    maternity = svc("maternity")
    make_feedback(maternity, 2, channel=Channel.PAPER, fft_answer=FftAnswer.GOOD)
    make_feedback(maternity, 1, channel=Channel.WEB, fft_answer=FftAnswer.VERY_POOR)
    login(client, "service-lead")
    response = client.get(f"/admin/involvement/services/{maternity.pk}/fft-return.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_channel = {r[4]: r for r in rows[1:]}
    header = rows[0]
    assert by_channel["Paper card"][header.index("Good")] == "2"
    assert by_channel["Website"][header.index("Very poor")] == "1"
    assert by_channel["All"][header.index("total")] == "3"


def test_public_page_shows_star_for_small_counts(client, demo_site, make_feedback):
    make_feedback(svc("pharmacy"), 3)
    response = client.get("/performance/pharmacy/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    cells = [td.text for td in soup.select("td.nhsuk-table__cell")]
    assert "*" in cells
    assert "3" not in cells
    assert "numbers from 1 to 7 are shown as *" in response.content.decode()
    assert "style=" not in response.content.decode()


def test_service_page_links_to_its_performance(client, demo_site):
    response = client.get(svc("pharmacy").url)
    assert b"/performance/pharmacy/" in response.content


def test_open_data_csv_and_json_state_the_licence(client, demo_site, make_feedback):
    make_feedback(svc("pharmacy"), 12)
    data = client.get("/open-data/services/pharmacy/monthly.json").json()
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    total = [r for r in data["rows"] if r["month"] == "total"][0]
    assert total["responses"] == "10" and total["percent_positive"] == 100
    response = client.get("/open-data/monthly.csv")
    assert response.status_code == 200
    assert "open-government-licence" in response["Link"]
    assert "Open Government Licence" in client.get("/open-data/").content.decode()


def test_openapi_document_describes_the_read_endpoints(client, db):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/fhir/r4/QuestionnaireResponse" in doc["paths"]
    assert "/open-data/services/{slug}/monthly.json" in doc["paths"]


def test_fhir_needs_a_token_scoped_to_the_service(client, demo_site, make_feedback):
    maternity, pharmacy = svc("maternity"), svc("pharmacy")
    _row, token = issue_token(name="EPR", services=[maternity])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/fhir/r4/Questionnaire/{maternity.pk}").status_code == 401
    assert client.get(f"/fhir/r4/Questionnaire/{maternity.pk}",
                      HTTP_AUTHORIZATION="Bearer nope").status_code == 401  # fmt: skip
    assert client.get(f"/fhir/r4/Questionnaire/{pharmacy.pk}", **auth).status_code == 404
    response = client.get(f"/fhir/r4/Questionnaire/{maternity.pk}", **auth)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert json.loads(response.content)["resourceType"] == "Questionnaire"


@pytest.mark.parametrize(("username", "slug", "links"), [
    ("researcher", "physiotherapy-outpatients", False), ("service-lead", "maternity", True),
    ("admin", "maternity", True)])  # fmt: skip
def test_the_board_links_to_exports_only_for_those_who_may_export(
    client, demo_site, username, slug, links
):
    maternity = svc(slug)
    login(client, username)
    response = client.get(f"/admin/involvement/services/{maternity.pk}/board/")
    assert response.status_code == 200
    assert ("Export feedback (CSV)" in response.content.decode()) is links
    assert (f"/services/{maternity.pk}/export.csv" in response.content.decode()) is links


def test_the_board_says_less_than_1_percent_for_a_share_that_rounds_to_nothing(
    client, demo_site, make_feedback
):
    # given 338 responses in maternity: one in Welsh and very poor, the rest in English and good
    maternity = svc("maternity")
    make_feedback(maternity, 337, fft_answer=FftAnswer.GOOD, language="en-gb")
    make_feedback(maternity, 1, fft_answer=FftAnswer.VERY_POOR, language="cy")

    # when the service lead opens its board
    login(client, "service-lead")
    soup = BeautifulSoup(
        client.get(f"/admin/involvement/services/{maternity.pk}/board/").content, "html.parser"
    )

    # then Welsh 1 of 338 is "less than 1%", not "0%", and English is not "100%"
    languages = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
                 for tr in soup.select("table.involve-board-languages tbody tr")}  # fmt: skip
    assert languages == {"English": ["337", "more than 99%"], "Welsh": ["1", "less than 1%"]}
    # and the headline's shares, to one decimal place, by the same rule
    headline = [dd.get_text(strip=True) for dd in soup.select(".involve-board-headline dd")]
    assert headline[1:3] == ["99.7%", "0.3%"]
