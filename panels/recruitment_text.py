"""The recruitment page's counts in plain English, right for 0, 1 and many."""

from django.template.defaultfilters import pluralize

from panels.recruitment import InvitationTally, MatchCount


def in_the_last(days: int) -> str:
    """The contact cap's period in words: "in the last 14 days", "in the last day"."""
    return "in the last day" if days == 1 else f"in the last {days} days"


def matching_sentence(count: MatchCount, *, cap_days: int) -> str:
    """How many members match and how many of them the contact cap lets us invite now."""
    matching, invitable = count.matching, count.invitable
    waiting = matching - invitable
    if not matching:
        return "No members match the criteria."
    recently = f"invited to a study {in_the_last(cap_days)}"
    if matching == 1:
        if invitable:
            return "1 member matches the criteria and can be invited now."
        return f"1 member matches the criteria but cannot be invited yet: they were {recently}."
    if not waiting:
        return f"{matching} members match the criteria and all of them can be invited now."
    if not invitable:
        return (f"{matching} members match the criteria but none of them can be invited yet: "
                f"they were all {recently}.")  # fmt: skip
    return (f"{matching} members match the criteria: {invitable} can be invited now and "
            f"{waiting} cannot yet, as they were {recently}.")  # fmt: skip


def invitation_sentences(tally: InvitationTally) -> list[str]:
    """Who is shortlisted, everyone invited and their answers, then who came of those who said yes.

    Each figure is a part of the one before it, so none reads as a bucket beside the others.
    """
    out = []
    if tally.shortlisted:
        out.append(f"{tally.shortlisted} member{pluralize(tally.shortlisted)} on the shortlist "
                   "not invited yet.")  # fmt: skip
    if not tally.invited:
        out.append("Nobody has been invited yet.")
        return out
    out.append(f"Invited {tally.invited}: accepted {tally.accepted}, declined {tally.declined}, "
               f"no answer yet {tally.no_answer}.")  # fmt: skip
    if tally.accepted:
        out.append(f"Of those who accepted: attended {tally.attended}, did not attend "
                   f"{tally.no_show}, not recorded yet {tally.attendance_unrecorded}.")  # fmt: skip
    return out
