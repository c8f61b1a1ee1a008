"""The role matrix of issue 10, tested for every role against every action.

The expected answers are read from the issue's own table (below, as the issue wrote it), not from
the code under test. Each cell is checked three ways: against `ROLE_MATRIX`, against the README's
copy of the table, and, where the action has a screen, by asking for that screen as a user who
holds only that role on service A (and never on service B).
"""

from pathlib import Path

import pytest

from django.contrib.auth.models import AnonymousUser, Group

from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from tests.involvement.conftest import processed
from website.choices import ADMINISTRATOR_GROUP, ServiceRoleName
from website.factories import (
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)
from website.permissions import (
    ACT_ON_SAFEGUARDING,
    ADMINISTER,
    EDIT_PAGES,
    ENTER_FEEDBACK,
    EXPORT_FREE_TEXT,
    PUBLISH_PAGES,
    READ_BOARD,
    READ_FREE_TEXT,
    RECORD_DECISIONS,
    RECRUIT,
    ROLE_MATRIX,
    SEE_INTEREST,
    SEE_OVERVIEW,
    SEE_PANEL_MEMBERS,
    may,
)

pytestmark = pytest.mark.django_db

ISSUE_TABLE = """
| | Editor | Researcher | Service lead | Safeguarding lead | Administrator |
|---|---|---|---|---|---|
| Edit own services' pages, submit for moderation | yes | - | yes, and publish | - | all pages |
| Insight board, exports of own services | - | own services (no free text) | yes | - | yes |
| Free-text comments, feedback list | - | - | yes | yes | yes |
| Flagged items, contact requests | - | - | - | yes (own services) | yes |
| Staff entry of paper/phone feedback | yes | - | yes | - | yes |
| Organisation overview | - | - | own services only, or suppressed figures | - | yes |
| Roles, users, settings, API tokens | - | - | - | - | yes |
"""
# Rows issue 15 added (opportunities and decision records), in the same form.
ISSUE_15_TABLE = """
| | Editor | Researcher | Service lead | Safeguarding lead | Administrator |
|---|---|---|---|---|---|
| People who registered interest in an opportunity, inviting them | - | own services | - | - | yes |
| Decision records, yearly involvement report | - | own services | own services | - | yes |
| Panel members (details audited), panel representation | - | own services | - | - | yes |
| Recruitment (match, shortlist, invite, attendance, payments) | - | own services | - | - | yes |
"""
COLUMNS = ["editor", "researcher", "service_lead", "safeguarding_lead", "administrator"]
ROW_ACTIONS = {
    "Edit own services' pages": EDIT_PAGES,
    "Insight board": READ_BOARD,
    "Free-text comments": READ_FREE_TEXT,
    "Flagged items": ACT_ON_SAFEGUARDING,
    "Staff entry": ENTER_FEEDBACK,
    "Organisation overview": SEE_OVERVIEW,
    "Roles, users": ADMINISTER,
    "People who registered interest": SEE_INTEREST,
    "Decision records": RECORD_DECISIONS,
    "Panel members": SEE_PANEL_MEMBERS,
    "Recruitment": RECRUIT,
}


def parse(table: str) -> dict[str, dict[str, str]]:
    """action -> column -> cell text, for the rows of a markdown role table."""
    cells = {}
    for line in table.strip().splitlines()[2:]:
        label, *row = [cell.strip() for cell in line.strip().strip("|").split("|")]
        action = next(a for start, a in ROW_ACTIONS.items() if label.startswith(start))
        cells[action] = dict(zip(COLUMNS, row, strict=True))
    return cells


ISSUE = parse(ISSUE_TABLE) | parse(ISSUE_15_TABLE)


def expected(action: str, column: str) -> bool:
    """What the issue's table says a role may do on its own services."""
    if action == PUBLISH_PAGES:
        cell = ISSUE[EDIT_PAGES][column]
        return "publish" in cell or column == "administrator"
    if action == EXPORT_FREE_TEXT:  # an export of comments needs both rows
        return expected(READ_BOARD, column) and expected(READ_FREE_TEXT, column)
    return ISSUE[action][column] != "-"


ACTIONS = [*ISSUE, PUBLISH_PAGES, EXPORT_FREE_TEXT]
ROLES = [*ServiceRoleName, "administrator"]
CASES = [(action, str(role)) for action in ACTIONS for role in ROLES]


def test_every_action_of_the_code_is_in_the_issues_table():
    assert set(ROLE_MATRIX) == set(ACTIONS)


@pytest.mark.parametrize(("action", "role"), CASES)
def test_role_matrix_says_what_the_issue_says(action, role):
    if role == "administrator":
        return  # administrators are not listed: they may do every row
    assert (role in ROLE_MATRIX[action]) is expected(action, role)


def test_readme_table_is_the_issues_table():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    start = readme.index("| | Editor | Researcher |")
    table = readme[start : readme.index("\n\n", start)]
    ours = parse(table)
    for action in ISSUE:
        for column in COLUMNS:
            assert (ours[action][column] != "-") is (ISSUE[action][column] != "-"), (action, column)


@pytest.fixture
def services(site_tree):
    index = ServicesIndexPageFactory(parent=site_tree, slug="services")
    return (
        ServicePageFactory(parent=index, title="Service A", slug="service-a"),
        ServicePageFactory(parent=index, title="Service B", slug="service-b"),
    )


def user_with(role: str, service):
    if role == "administrator":
        user = UserFactory(username="trust-admin")
        user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
        return user
    return ServiceRoleFactory(service=service, role=role, user=UserFactory(username=role)).user


@pytest.mark.parametrize(("action", "role"), CASES)
def test_may_answers_as_the_table_on_own_and_other_services(services, action, role):
    service_a, service_b = services
    user = user_with(role, service_a)
    assert may(user, action, service_a) is expected(action, role)
    assert may(user, action, service_b) is (role == "administrator" and expected(action, role))
    assert may(user, action) is expected(action, role)
    assert not may(AnonymousUser(), action, service_a)


def page_rights(user, service):
    tester = service.permissions_for_user(user)
    return {EDIT_PAGES: tester.can_edit(), PUBLISH_PAGES: tester.can_publish()}


# The screen that shows each action, for one service; None: the list screen of the action.
SCREENS = {
    EDIT_PAGES: "/admin/pages/{pk}/edit/",
    READ_BOARD: "/admin/involvement/services/{pk}/fft-return.csv",
    EXPORT_FREE_TEXT: "/admin/involvement/services/{pk}/export.csv",
    READ_FREE_TEXT: "/admin/feedback-review/services/{pk}/",
    ENTER_FEEDBACK: "/admin/feedback-entry/{pk}/",
    SEE_OVERVIEW: "/admin/involvement/overview/",
    ADMINISTER: "/admin/service_roles/",
    SEE_PANEL_MEMBERS: "/admin/panels/",
    RECRUIT: "/admin/panels/services/{pk}/recruitment/add/",
}


@pytest.mark.parametrize(("action", "role"), [c for c in CASES if c[0] in SCREENS])
def test_each_screen_opens_exactly_for_the_table(client, services, action, role):
    # given a user holding only `role`, on service A only
    service_a, service_b = services
    user = user_with(role, service_a)
    client.force_login(user)
    # when they open the action's screen for service A, then for service B
    own = client.get(SCREENS[action].format(pk=service_a.pk))
    other = client.get(SCREENS[action].format(pk=service_b.pk))
    # then A opens only where the table says so, and B only for administrators
    assert (own.status_code == 200) is expected(action, role), own.status_code
    if "{pk}" in SCREENS[action]:
        assert (other.status_code == 200) is (role == "administrator"), other.status_code


@pytest.mark.parametrize("role", ROLES)
def test_page_rights_follow_the_table(services, role):
    service_a, service_b = services
    user = user_with(role, service_a)
    for action, allowed in page_rights(user, service_a).items():
        assert allowed is expected(action, role), action
    assert not any(page_rights(user, service_b).values()) or role == "administrator"


@pytest.mark.parametrize("role", ROLES)
def test_board_shows_comments_and_flagged_items_only_as_the_table_says(
    client, services, travel, role
):
    # given a comment on service A's board
    service_a, _ = services
    theme = Theme.objects.order_by("pk").first() or Theme.objects.create(name="Care", slug="care")
    for _ in range(10):  # boards show example comments only for themes with enough responses
        processed(service_a, themes=[theme], text="The midwife listened COMMENTMARK")
    rebuild_rollups(service_ids=[service_a.pk])
    client.force_login(user_with(role, service_a))
    # when the user opens the board
    response = client.get(f"/admin/involvement/services/{service_a.pk}/board/")
    # then the comment is there only for those who may read free text
    if not expected(READ_BOARD, role):
        assert response.status_code == 404
        return
    assert ("COMMENTMARK" in response.content.decode()) is expected(READ_FREE_TEXT, role)
    if not expected(ACT_ON_SAFEGUARDING, role):
        assert "Safeguarding items awaiting action" not in response.content.decode()
