"""Choice lists for panel sign-up; demographic groups follow the ONS 2021 census questions.

https://www.ons.gov.uk/census/census2021dictionary
"""

from django.db import models

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"


class MemberStatus(models.TextChoices):
    """Where a member is: waiting to confirm, taking part, or paused by their own choice."""

    PENDING = "pending", "Waiting for email confirmation"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"


class AgeBand(models.TextChoices):
    """Age bands as the census publishes them, from 16 (younger people cannot join)."""

    UNDER_16 = "under_16", "Under 16"
    AGE_16_24 = "16_24", "16 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_74 = "65_74", "65 to 74"
    AGE_75_PLUS = "75_plus", "75 or over"


class ContactMethod(models.TextChoices):
    """How a member prefers to hear about chances to take part."""

    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"


class Sex(models.TextChoices):
    """ONS 2021: sex."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class GenderSameAsSex(models.TextChoices):
    """ONS 2021: is the gender you identify with the same as your sex registered at birth?"""

    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Ethnicity(models.TextChoices):
    """ONS 2021 ethnic groups (the five high-level groups)."""

    ASIAN = "asian", "Asian, Asian British, Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Disability(models.TextChoices):
    """ONS 2021: day-to-day activities limited by a health problem or disability."""

    LIMITED_A_LOT = "a_lot", "Yes, limited a lot"
    LIMITED_A_LITTLE = "a_little", "Yes, limited a little"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class YesNo(models.TextChoices):
    """A yes or no question that may be left unanswered."""

    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class ConfidenceOnline(models.TextChoices):
    """How confident someone feels using the internet."""

    VERY = "very", "Very confident"
    FAIRLY = "fairly", "Fairly confident"
    NOT_VERY = "not_very", "Not very confident"
    NOT_AT_ALL = "not_at_all", "Not at all confident or I do not use the internet"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class AccessNeed(models.TextChoices):
    """Support someone needs to take part."""

    BSL = "bsl", "British Sign Language (BSL) interpreter"
    INTERPRETER = "interpreter", "Interpreter for another language"
    EASY_READ = "easy_read", "Easy read documents"
    LARGE_PRINT = "large_print", "Large print"
    STEP_FREE = "step_free", "Step-free access"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    QUIET_SPACE = "quiet_space", "A quiet space"
    OTHER = "other", "Something else"


class WayToTakePart(models.TextChoices):
    """Ways of taking part; stored as bits of PanelMember.ways so matching needs no decryption."""

    ONLINE_SURVEY = "online_survey", "Online surveys"
    PHONE = "phone", "Phone calls"
    VIDEO = "video", "Video calls"
    IN_PERSON = "in_person", "In person"
    USABILITY_TESTING = "usability_testing", "Trying out websites and apps (usability testing)"
    GROUP_OR_BOARD = "group_or_board", "Joining a group or board"


class Availability(models.TextChoices):
    """When someone can usually take part."""

    WEEKDAY_DAYTIME = "weekday_daytime", "Weekdays, daytime"
    WEEKDAY_EVENING = "weekday_evening", "Weekday evenings"
    WEEKEND = "weekend", "Weekends"


def way_bits(ways: list[str]) -> int:
    """The bitmask for a list of WayToTakePart values."""
    order = list(WayToTakePart.values)
    return sum(1 << order.index(w) for w in set(ways) if w in order)


def ways_from_bits(bits: int) -> list[str]:
    """The WayToTakePart values set in a bitmask."""
    return [w for i, w in enumerate(WayToTakePart.values) if bits & (1 << i)]


class Activity(models.TextChoices):
    """What a recruitment asks people to do (design.md section 7)."""

    SURVEY = "survey", "Survey"
    INTERVIEW = "interview", "Interview"
    WORKSHOP = "workshop", "Workshop"
    USABILITY_TEST = "usability_test", "Usability test"
    GROUP_OR_BOARD = "group_or_board", "Join a board or group"


class Setting(models.TextChoices):
    """Where an activity happens."""

    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"


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
