"""Choice lists for opportunities to get involved, interest in them and decision records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.TextChoices):
    """What people do when they take part."""

    SURVEY = "survey", _("Survey")
    INTERVIEW = "interview", _("Interview")
    WORKSHOP = "workshop", _("Workshop")
    USABILITY_TEST = "usability_test", _("Usability test")
    FOCUS_GROUP = "focus_group", _("Focus group")
    BOARD_OR_GROUP = "board_or_group", _("Join a board or group")


class Attendance(models.TextChoices):
    """Where people take part."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BOTH = "both", _("Online or in person")


class InvolvementLevel(models.TextChoices):
    """How far people shaped a decision, from being told to deciding together."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    CO_PRODUCE = "co_produce", _("Co-produce")


class DutyApplies(models.TextChoices):
    """Whether the legal duty to involve (NHS Act 2006 s.242 / 13Q / 14Z45) applies."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
