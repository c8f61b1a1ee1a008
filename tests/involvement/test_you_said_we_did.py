"""'You said, we did' updates: what they may link to, what they show, the public index, the
service page and the insight board."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from feedback.choices import SafeguardingStatus
from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement.models import YouSaidWeDidPage
from involvement.update_status import UpdateStatus
from panels.choices import Activity, Setting
from panels.models import Recruitment
from tests.involvement.conftest import processed
from website.choices import LifecycleStage
from website.models import ServicePage

pytestmark = pytest.mark.django_db


def svc(slug):
    return ServicePage.objects.get(slug=slug)


def theme_named(name):
    theme, _ = Theme.objects.get_or_create(slug=name.lower().replace(" ", "-"),
                                           defaults={"name": name})  # fmt: skip
    return theme


def feedback_on(service, theme, n, *, days_ago=5, **fields):
    rows = [processed(service, days_ago=days_ago, themes=[theme], **fields) for _ in range(n)]
    rebuild_rollups(service_ids=[service.pk])
    return rows


def publish_update(service, *, title, themes, status=UpdateStatus.DONE, days_ago=1, **fields):
    update = YouSaidWeDidPage(
        title=title,
        you_said=fields.pop("you_said", "Waits were too long."),
        we_did=fields.pop("we_did", "We added an evening clinic."),
        status=status,
        status_date=timezone.localdate() - timedelta(days=days_ago),
        **fields,
    )
    service.add_child(instance=update)
    update.themes.set(themes)
    update.save_revision().publish()
    return YouSaidWeDidPage.objects.get(pk=update.pk)


def update_form(service, **data):
    form_class = YouSaidWeDidPage.get_edit_handler().get_form_class()
    themes = data.pop("themes")
    fields = {"title": "Shorter waits", "slug": "shorter-waits", "you_said": "Waits were long.",
              "we_did": "We added a clinic.", "status": UpdateStatus.DONE,
              "status_date": "2026-06-01", "comments": inline_formset([]), **data}  # fmt: skip
    form_data = nested_form_data(fields)
    form_data["themes"] = themes  # a list: the checkboxes' values
    admin = get_user_model().objects.get(username="admin")
    return form_class(form_data, instance=YouSaidWeDidPage(), parent_page=service,
                      for_user=admin)  # fmt: skip


class TestPageRules:
    def test_an_update_lives_under_a_service_and_has_no_children(self):
        assert YouSaidWeDidPage.allowed_parent_page_models() == [ServicePage]
        assert YouSaidWeDidPage.allowed_subpage_models() == []


class TestTheEditorsForm:
    def test_a_theme_the_service_has_had_feedback_about_is_accepted(self, demo_site, travel):
        waits = theme_named("Waiting times")
        feedback_on(svc("maternity"), waits, 2)
        form = update_form(svc("maternity"), themes=[waits.pk])
        assert form.is_valid(), form.errors

    def test_a_theme_only_another_service_heard_about_is_refused(self, demo_site, travel):
        # given feedback about parking at the pharmacy only
        parking = theme_named("Car parking")
        feedback_on(svc("pharmacy"), parking, 3)
        # when maternity's update says it answers parking
        form = update_form(svc("maternity"), themes=[parking.pk])
        # then it is refused, naming the theme
        assert not form.is_valid()
        assert "no feedback about: Car parking" in str(form.errors["themes"])

    def test_an_update_must_answer_a_theme(self, demo_site, travel):
        form = update_form(svc("maternity"), themes=[])
        assert not form.is_valid()
        assert form.errors["themes"] == ["Choose at least one theme this update answers."]

    @pytest.mark.parametrize("which", ["flagged", "hidden", "other service", "made up"])
    def test_only_this_services_shareable_comments_may_be_quoted(self, demo_site, travel, which):
        waits = theme_named("Waiting times")
        maternity, pharmacy = svc("maternity"), svc("pharmacy")
        (ok,) = feedback_on(maternity, waits, 1)
        bad = {
            "flagged": lambda: feedback_on(
                maternity, waits, 1, safeguarding_status=SafeguardingStatus.NEW)[0].receipt,
            "hidden": lambda: feedback_on(maternity, waits, 1, hidden=True)[0].receipt,
            "other service": lambda: feedback_on(pharmacy, waits, 1)[0].receipt,
            "made up": lambda: "ZZZZ-9999",
        }[which]()  # fmt: skip
        form = update_form(maternity, themes=[waits.pk], quoted_receipts=f"{ok.receipt}\n{bad}")
        assert not form.is_valid()
        assert bad in str(form.errors["quoted_receipts"])
        assert ok.receipt not in str(form.errors["quoted_receipts"])

    def test_a_recruitment_of_another_service_is_refused(self, demo_site, travel):
        waits = theme_named("Waiting times")
        feedback_on(svc("maternity"), waits, 1)
        elsewhere = Recruitment.objects.create(
            service=svc("pharmacy"), title="Pharmacy study", stage=LifecycleStage.DELIVERY,
            activity=Activity.INTERVIEW, starts_on=timezone.localdate(), setting=Setting.ONLINE,
            target_number=5)  # fmt: skip
        form = update_form(svc("maternity"), themes=[waits.pk], recruitment=elsewhere.pk)
        assert not form.is_valid()
        assert "recruitment" in form.errors
        assert elsewhere not in form.fields["recruitment"].queryset  # nor offered in the list


def test_an_update_shows_suppressed_counts_quotes_and_escapes_what_editors_typed(
    client, demo_site, travel
):
    # given 3 comments about waits and 12 about staff at maternity
    maternity = svc("maternity")
    waits, staff = theme_named("Waiting times"), theme_named("Staff attitude")
    quoted = feedback_on(maternity, waits, 3, text="The wait was [NAME] hours & more")[0]
    feedback_on(maternity, staff, 12)
    # when an update answering both, with markup in its text, is published
    update = publish_update(maternity, title="Evening clinic", themes=[waits, staff],
                            you_said="<script>alert(1)</script> waits", status=UpdateStatus.DONE,
                            quoted_receipts=quoted.receipt)  # fmt: skip
    response = client.get(update.url)
    # then counts are suppressed (1-7 as *, others to the nearest 5), text escaped, quote shown
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {row.td.text.strip(): row.select("td")[1].text for row in soup.select("tbody tr")}
    assert rows == {"Waiting times": "*", "Staff attitude": "10"}
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; waits" in html
    assert "The wait was [NAME] hours &amp; more" in html
    assert soup.select_one(".nhsuk-tag").text == "Done"


class TestTheIndex:
    @pytest.fixture
    def updates(self, demo_site, travel):
        maternity, pharmacy = svc("maternity"), svc("pharmacy")
        waits, parking = theme_named("Waiting times"), theme_named("Car parking")
        feedback_on(maternity, waits, 2)
        feedback_on(pharmacy, waits, 2)
        feedback_on(pharmacy, parking, 2)
        publish_update(maternity, title="Evening clinic", themes=[waits])
        publish_update(pharmacy, title="Faster prescriptions", themes=[waits])
        publish_update(pharmacy, title="More parking", themes=[parking],
                       status=UpdateStatus.PLANNED)  # fmt: skip
        draft = YouSaidWeDidPage(title="Draft idea", you_said="x", we_did="y",
                                 status_date=timezone.localdate(), live=False)  # fmt: skip
        maternity.add_child(instance=draft)

    def titles(self, client, query=""):
        response = client.get(f"/you-said-we-did/{query}")
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return {a.text for a in soup.select(".nhsuk-card__link")}

    def test_every_published_update_and_no_draft(self, client, updates):
        assert self.titles(client) == {"Evening clinic", "Faster prescriptions", "More parking"}

    def test_filtered_by_service(self, client, updates):
        assert self.titles(client, "?service=pharmacy") == {"Faster prescriptions",
                                                            "More parking"}  # fmt: skip

    def test_filtered_by_theme(self, client, updates):
        assert self.titles(client, "?theme=waiting-times") == {"Evening clinic",
                                                               "Faster prescriptions"}  # fmt: skip

    def test_filtered_by_both(self, client, updates):
        assert self.titles(client, "?service=pharmacy&theme=car-parking") == {"More parking"}

    def test_an_unknown_or_hostile_filter_shows_everything(self, client, updates):
        everything = {"Evening clinic", "Faster prescriptions", "More parking"}
        assert self.titles(client, "?service=nowhere&theme=%3Cscript%3E") == everything
        assert self.titles(client, "?service=" + "x" * 10_000) == everything

    def test_the_filters_are_a_plain_get_form(self, client, updates):
        soup = BeautifulSoup(client.get("/you-said-we-did/").content, "html.parser")
        form = soup.select_one("form.involve-filters")
        assert form["method"] == "get"
        assert {s["name"] for s in form.select("select")} == {"service", "theme"}
        assert soup.find("label", attrs={"for": "filter-service"})


def test_the_service_page_lists_its_updates(client, demo_site, travel):
    maternity = svc("maternity")
    waits = theme_named("Waiting times")
    feedback_on(maternity, waits, 1)
    publish_update(maternity, title="Evening clinic", themes=[waits])
    html = client.get(maternity.url).content.decode()
    assert "You said, we did" in html
    assert "Evening clinic" in html
    assert "/you-said-we-did/?service=maternity" in html


def test_the_board_says_which_themes_an_update_answers_and_days_to_done(client, demo_site, travel):
    # given waits first raised 40 days ago, an update marking it done 10 days ago; staff unanswered
    maternity = svc("maternity")
    waits, staff = theme_named("Waiting times"), theme_named("Staff attitude")
    feedback_on(maternity, waits, 2, days_ago=40)
    feedback_on(maternity, waits, 2, days_ago=5)
    feedback_on(maternity, staff, 3, days_ago=5)
    publish_update(maternity, title="Evening clinic", themes=[waits], days_ago=10)
    # when the service lead opens the board
    client.force_login(get_user_model().objects.get(username="service-lead"))
    response = client.get(f"/admin/involvement/services/{maternity.pk}/board/")
    # then waits is answered, done 30 days after it was first raised; staff is not answered
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(id="you-said-we-did-heading").parent
    rows = {row.th.text: [td.text.strip() for td in row.select("td")]
            for row in section.select("tbody tr")}  # fmt: skip
    assert rows["Waiting times"][1:] == ["Evening clinic", "Done", "30"]
    assert rows["Staff attitude"][1:] == ["No update yet", "-", "-"]
