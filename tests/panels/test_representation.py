"""Representation: breakdowns beside the population, suppression, gaps, local figures by CSV."""

from decimal import Decimal

import pytest

from panels import representation
from panels.models import PanelMember, PopulationFigure
from tests.panels.conftest import join

pytestmark = pytest.mark.django_db


def by_dimension(members):
    breakdowns, counted = representation.breakdowns(members)
    return {b.dimension.name: b for b in breakdowns}, counted


def test_census_figures_are_shipped_with_their_source():
    figures = representation.census()
    assert set(figures) == {"age_band", "sex", "ethnicity", "disability"}
    for name, (groups, source) in figures.items():
        assert "ONS Census 2021" in source
        assert set(groups) == set(representation.DIMENSIONS[name].groups)
        assert abs(sum(groups.values()) - 100) <= Decimal("0.2"), name


def test_counts_only_members_who_agreed_and_suppresses_small_numbers(panel):
    # given 20 white members, 3 Asian members and one who did not agree to the purpose
    for n in range(20):
        join(panel, n, details={"ethnicity": "white", "sex": "female"})
    for n in range(20, 23):
        join(panel, n, details={"ethnicity": "asian", "sex": "prefer_not"})
    join(panel, 99, details={"ethnicity": "black"}, purposes=["contact"])
    # when
    breakdowns, counted = by_dimension(PanelMember.objects.all())
    # then
    assert counted == 23
    rows = {r.value: r for r in breakdowns["ethnicity"].rows}
    assert (rows["white"].count, rows["white"].percent) == ("20", 87)  # 20 of 23
    assert (rows["asian"].count, rows["asian"].percent) == ("*", None)
    assert rows["black"].count == "0" and rows["black"].percent == 0
    assert rows["white"].gap == "over"  # 87% against 81.0%
    assert rows["asian"].gap == ""  # up to 7 of 23 could be 30%: * says nothing more
    sex = breakdowns["sex"]
    assert sex.answered == 20 and sex.not_answered == "*"


def test_gaps_are_highlighted_and_summarised(panel):
    for n in range(30):
        join(panel, n, age_band="75_plus" if n < 20 else "25_34")
    breakdowns, _ = by_dimension(PanelMember.objects.all())
    age = {r.value: r for r in breakdowns["age_band"].rows}
    assert age["75_plus"].gap == "over"  # 67% against 10.3%
    assert age["16_24"].gap == "under"  # 0% against 13.1%
    summary = breakdowns["age_band"].summary
    assert summary.startswith("Age: Under-represented: 16 to 24; 35 to 44;")
    assert "Over-represented: 25 to 34; 75 or over (5 percentage points" in summary


def test_too_few_members_to_compare(panel):
    for n in range(4):
        join(panel, n, details={"ethnicity": "white"})
    breakdowns, _ = by_dimension(PanelMember.objects.all())
    assert all(r.percent is None and not r.gap for r in breakdowns["ethnicity"].rows)
    assert "too few members answered" in breakdowns["ethnicity"].summary


GOOD_CSV = b"dimension,group,percent\nsex,female,52.5\nsex,male,47.5\n"


def test_local_figures_replace_the_census_for_their_dimension():
    result = representation.parse_population_csv(GOOD_CSV)
    assert result.errors == []
    representation.save_local_figures(figures=result.figures, source="Leeds 2021")
    figures = representation.population()
    assert figures["sex"] == ({"female": Decimal("52.5"), "male": Decimal("47.5")}, "Leeds 2021")
    assert figures["ethnicity"][1].startswith("ONS Census 2021")
    representation.clear_local_figures()
    assert not PopulationFigure.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "The first row must name the columns"),
        (b"\xff\xfe bad", "saved as UTF-8"),
        (b"a,b,c\n1,2,3\n", "The first row must name the columns"),
        (b"dimension,group,percent\nreligion,none,40\n", "Row 2: dimension must be one of"),
        (b"dimension,group,percent\nsex,other,40\n", "Row 2: group for sex must be one of"),
        (b"dimension,group,percent\nsex,female,lots\n", "Row 2: percent must be a number"),
        (b"dimension,group,percent\nsex,female,NaN\n", "Row 2: percent must be a number"),
        (b"dimension,group,percent\nsex,female,140\n", "Row 2: percent must be a number"),
        (b"dimension,group,percent\nsex,female,50\nsex,female,50\n", "Row 3: sex female is given"),
        (b"dimension,group,percent\nsex,female,50\nsex,male,20\n", "add up to 70"),
        (b"dimension,group,percent\n", "The file has no figures in it"),
        (b"dimension,group,percent\n" + b"sex,female,1\n" * 300, "at most 200 rows"),
        (b"x" * 100_001, "smaller than 100 KB"),
    ],
)
def test_bad_csv_is_refused_with_a_clear_error(data, error):
    result = representation.parse_population_csv(data)
    assert any(error in e for e in result.errors), result.errors


def test_the_upload_page_saves_nothing_on_error(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("f.csv", b"dimension,group,percent\nsex,female,50\n")
    response = admin_client.post("/admin/panels/population/", {"file": bad, "source": "Leeds"})
    assert "add up to 50" in response.content.decode()
    assert not PopulationFigure.objects.exists()
    good = SimpleUploadedFile("f.csv", GOOD_CSV)
    response = admin_client.post("/admin/panels/population/", {"file": good, "source": "Leeds"})
    assert response.status_code == 302
    assert PopulationFigure.objects.count() == 2


def test_only_administrators_upload(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="someone"))
    assert client.get("/admin/panels/population/").status_code in (302, 403)
