"""The recruitment page's counts in plain English: right for 0, 1 and many, each figure a part of
the one before it, and the page showing them."""

import pytest

from panels import recruitment
from panels.choices import InvitationStatus
from panels.models import Invitation
from panels.recruitment import InvitationTally, MatchCount
from panels.recruitment_text import in_the_last, invitation_sentences, matching_sentence
from tests.panels.conftest import join
from tests.panels.test_admin_views import staff
from website.choices import ServiceRoleName


@pytest.mark.parametrize(
    ("matching", "invitable", "days", "expected"),
    [
        (0, 0, 14, "No members match the criteria."),
        (1, 1, 14, "1 member matches the criteria and can be invited now."),
        (1, 0, 14, "1 member matches the criteria but cannot be invited yet: they were invited "
                   "to a study in the last 14 days."),
        (2, 2, 14, "2 members match the criteria and all of them can be invited now."),
        (5, 0, 14, "5 members match the criteria but none of them can be invited yet: they were "
                   "all invited to a study in the last 14 days."),
        (5, 3, 14, "5 members match the criteria: 3 can be invited now and 2 cannot yet, as they "
                   "were invited to a study in the last 14 days."),
        (5, 4, 14, "5 members match the criteria: 4 can be invited now and 1 cannot yet, as they "
                   "were invited to a study in the last 14 days."),
        (5, 1, 1, "5 members match the criteria: 1 can be invited now and 4 cannot yet, as they "
                  "were invited to a study in the last day."),
    ],
)  # fmt: skip
def test_matching_sentence(matching, invitable, days, expected):
    assert matching_sentence(MatchCount(matching, invitable), cap_days=days) == expected


def tally(**counts) -> InvitationTally:
    figures = dict.fromkeys(
        ["shortlisted", "invited", "accepted", "declined", "no_answer", "attended", "no_show"], 0
    )
    return InvitationTally(**(figures | counts))


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ({}, ["Nobody has been invited yet."]),
        ({"shortlisted": 1}, ["1 member on the shortlist not invited yet.",
                              "Nobody has been invited yet."]),
        ({"shortlisted": 3, "invited": 1, "no_answer": 1},
         ["3 members on the shortlist not invited yet.",
          "Invited 1: accepted 0, declined 0, no answer yet 1."]),
        ({"invited": 1, "accepted": 1},
         ["Invited 1: accepted 1, declined 0, no answer yet 0.",
          "Of those who accepted: attended 0, did not attend 0, not recorded yet 1."]),
        ({"invited": 6, "accepted": 3, "declined": 2, "no_answer": 1, "attended": 1, "no_show": 1},
         ["Invited 6: accepted 3, declined 2, no answer yet 1.",
          "Of those who accepted: attended 1, did not attend 1, not recorded yet 1."]),
    ],
)  # fmt: skip
def test_invitation_sentences(figures, expected):
    assert invitation_sentences(tally(**figures)) == expected


@pytest.mark.django_db
def test_an_accepted_invitation_still_counts_as_invited(study, panel):
    # given six members: one shortlisted, five invited; then one says nothing, one declines,
    # and of three who accept, one comes, one does not, and one has no attendance recorded
    statuses = [InvitationStatus.INVITED, InvitationStatus.DECLINED, InvitationStatus.ACCEPTED,
                InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW]  # fmt: skip
    Invitation.objects.create(recruitment=study, member=join(panel, 0))
    for n, status in enumerate(statuses, start=1):
        Invitation.objects.create(recruitment=study, member=join(panel, n), status=status)
    # when
    figures = recruitment.invitation_tally(study)
    # then
    assert figures == InvitationTally(shortlisted=1, invited=5, accepted=3, declined=1,
                                      no_answer=1, attended=1, no_show=1)  # fmt: skip
    assert figures.attendance_unrecorded == 1


@pytest.mark.django_db
def test_the_recruitment_page_reads_right_once_someone_accepts(client, study, panel, service_pages):
    # given one member invited by email who then accepts, and another matching member who was
    # invited, so the contact cap holds both back from another invitation
    invitation = Invitation.objects.create(recruitment=study, member=join(panel, 1))
    join(panel, 2)
    recruitment.invite(recruitment=study, user=None)
    recruitment.answer(invitation=invitation, accept=True)
    client.force_login(staff(service_pages[0], ServiceRoleName.RESEARCHER, "researcher"))
    # when
    page = client.get(f"/admin/panels/recruitment/{study.pk}/").content.decode()
    # then the invited figure counts the member who accepted, and the answers add up to it
    assert "Invited 1: accepted 1, declined 0, no answer yet 0." in page
    assert "Of those who accepted: attended 0, did not attend 0, not recorded yet 1." in page
    assert "Invited: 0" not in page and "the others were" not in page
    assert ("2 members match the criteria: 1 can be invited now and 1 cannot yet, as they were "
            "invited to a study in the last 14 days.") in page  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "words"), [(14, "at most once every 14 days"),
                                             (1, "at most once a day")])  # fmt: skip
def test_the_recruitment_list_states_the_contact_cap(client, settings, service_pages, days, words):
    settings.PANEL_CONTACT_CAP_DAYS = days
    client.force_login(staff(service_pages[0], ServiceRoleName.RESEARCHER, "researcher"))
    assert words in client.get("/admin/panels/recruitment/").content.decode()
    assert in_the_last(days) == ("in the last day" if days == 1 else f"in the last {days} days")
