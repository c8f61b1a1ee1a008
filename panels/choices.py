"""Choice lists for panel sign-up; demographic groups follow the ONS 2021 census questions.

https://www.ons.gov.uk/census/census2021dictionary
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = _("Prefer not to say")


class MemberStatus(models.TextChoices):
    """Where a member is: waiting to confirm, taking part, or paused by their own choice."""

    PENDING = "pending", _("Waiting for email confirmation")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")


class AgeBand(models.TextChoices):
    """Age bands as the census publishes them, from 16 (younger people cannot join)."""

    UNDER_16 = "under_16", _("Under 16")
    AGE_16_24 = "16_24", _("16 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_64 = "55_64", _("55 to 64")
    AGE_65_74 = "65_74", _("65 to 74")
    AGE_75_PLUS = "75_plus", _("75 or over")


class ContactMethod(models.TextChoices):
    """How a member prefers to hear about chances to take part."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")


class Sex(models.TextChoices):
    """ONS 2021: sex."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class GenderSameAsSex(models.TextChoices):
    """ONS 2021: is the gender you identify with the same as your sex registered at birth?"""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Ethnicity(models.TextChoices):
    """ONS 2021 ethnic groups (the five high-level groups)."""

    ASIAN = "asian", _("Asian, Asian British, Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Disability(models.TextChoices):
    """ONS 2021: day-to-day activities limited by a health problem or disability."""

    LIMITED_A_LOT = "a_lot", _("Yes, limited a lot")
    LIMITED_A_LITTLE = "a_little", _("Yes, limited a little")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class YesNo(models.TextChoices):
    """A yes or no question that may be left unanswered."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class ConfidenceOnline(models.TextChoices):
    """How confident someone feels using the internet."""

    VERY = "very", _("Very confident")
    FAIRLY = "fairly", _("Fairly confident")
    NOT_VERY = "not_very", _("Not very confident")
    NOT_AT_ALL = "not_at_all", _("Not at all confident or I do not use the internet")
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class AccessNeed(models.TextChoices):
    """Support someone needs to take part."""

    BSL = "bsl", _("British Sign Language (BSL) interpreter")
    INTERPRETER = "interpreter", _("Interpreter for another language")
    EASY_READ = "easy_read", _("Easy read documents")
    LARGE_PRINT = "large_print", _("Large print")
    STEP_FREE = "step_free", _("Step-free access")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    QUIET_SPACE = "quiet_space", _("A quiet space")
    OTHER = "other", _("Something else")


class WayToTakePart(models.TextChoices):
    """Ways of taking part; stored as bits of PanelMember.ways so matching needs no decryption."""

    ONLINE_SURVEY = "online_survey", _("Online surveys")
    PHONE = "phone", _("Phone calls")
    VIDEO = "video", _("Video calls")
    IN_PERSON = "in_person", _("In person")
    USABILITY_TESTING = "usability_testing", _("Trying out websites and apps (usability testing)")
    GROUP_OR_BOARD = "group_or_board", _("Joining a group or board")


class Availability(models.TextChoices):
    """When someone can usually take part."""

    WEEKDAY_DAYTIME = "weekday_daytime", _("Weekdays, daytime")
    WEEKDAY_EVENING = "weekday_evening", _("Weekday evenings")
    WEEKEND = "weekend", _("Weekends")


def way_bits(ways: list[str]) -> int:
    """The bitmask for a list of WayToTakePart values."""
    order = list(WayToTakePart.values)
    return sum(1 << order.index(w) for w in set(ways) if w in order)


def ways_from_bits(bits: int) -> list[str]:
    """The WayToTakePart values set in a bitmask."""
    return [w for i, w in enumerate(WayToTakePart.values) if bits & (1 << i)]


class Activity(models.TextChoices):
    """What a recruitment asks people to do (design.md section 7)."""

    SURVEY = "survey", _("Survey")
    INTERVIEW = "interview", _("Interview")
    WORKSHOP = "workshop", _("Workshop")
    USABILITY_TEST = "usability_test", _("Usability test")
    GROUP_OR_BOARD = "group_or_board", _("Join a board or group")


class Setting(models.TextChoices):
    """Where an activity happens."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")


class RecruitmentStatus(models.TextChoices):
    """A recruitment is drafted, then open for shortlisting and invitations, then closed."""

    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class InvitationStatus(models.TextChoices):
    """Where one member is in one recruitment, from shortlisted to attended."""

    SHORTLISTED = "shortlisted", "Shortlisted"
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"
