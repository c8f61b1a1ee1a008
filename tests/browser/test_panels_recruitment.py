"""Answering an invitation and reading a panel's representation, in Chromium, checked with axe-core;
the invitation with and without JavaScript."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from panels import joining, recruitment, services
from panels.choices import InvitationStatus
from panels.factories import PanelPageFactory
from panels.joining import AboutMe, Contact
from panels.models import Invitation, Recruitment
from website.choices import GROUP_NAMES, ServiceRoleName
from website.factories import (
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)


def check_axe(page, context=None):
    results = Axe().run(page, context=context) if context else Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def join(panel, n, **details):
    member = joining.sign_up(
        panel=panel, contact=Contact(name=f"Member {n}", email=f"member{n}@example.org"),
        about=AboutMe(age_band="35_44" if n % 3 else "75_plus", postcode_district="LS1",
                      ways=["video"], details=details),
        purposes=["contact", "representation"],
    )  # fmt: skip
    return services.confirm(member=member)


@pytest.fixture
def study(transactional_db, site_tree):
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    maternity = ServicePageFactory(parent=index, title="Maternity services", slug="maternity")
    panel = PanelPageFactory(parent=site_tree, slug="join-a-panel", title="Patient panel")
    return Recruitment.objects.create(
        service=maternity, title="Antenatal app test", stage="design",
        activity="usability_test", starts_on=timezone.localdate() + timedelta(days=30),
        setting="in_person", place="Leeds General Infirmary, Great George Street",
        target_number=5, payment="£25 voucher and travel repaid",
        description="Try a new app for booking antenatal appointments.",
    ), panel  # fmt: skip


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_answering_an_invitation(browser, live_server, study, javascript):
    # given an invitation sent
    study, panel = study
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    recruitment.invite(recruitment=study, user=None)
    page = browser.new_context(java_script_enabled=javascript).new_page()
    check = check_axe if javascript else (lambda page: None)
    # when the invitee opens the link
    page.goto(f"{live_server.url}/panels/invitation/{recruitment.answer_token(invitation)}/")
    assert page.locator("h1").inner_text() == "Antenatal app test"
    assert "£25 voucher" in page.locator("main").inner_text()
    check(page)
    # and sends no answer
    page.get_by_role("button", name="Send my answer").click()
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the new page
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)
    # then says yes, with the keyboard
    page.get_by_label("Yes, I would like to take part").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send my answer").press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Thank you for your answer"
    check(page)
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED


def test_a_panels_representation_page(page, live_server, study):
    # given a researcher and a panel of 15 members
    study, panel = study
    for n in range(15):
        join(panel, n, ethnicity="white" if n % 2 else "asian", sex="female", disability="no")
    user = UserFactory(username="researcher")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[ServiceRoleName.RESEARCHER]))
    ServiceRoleFactory(user=user, service=study.service, role=ServiceRoleName.RESEARCHER)
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])  # fmt: skip
    # when they open it
    page.goto(f"{live_server.url}/admin/panels/{panel.pk}/representation/")
    # then four charts with tables, and no axe violation in the page's own markup
    assert page.title().startswith("Who is on Patient panel")
    assert page.locator(".panels-representation svg[role=img]").count() == 4
    assert page.locator(".panels-representation table").count() == 4
    assert "Under-represented" in page.locator(".panels-representation").inner_text()
    check_axe(page, context=".panels-representation")
