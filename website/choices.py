"""Choice lists the whole site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifecycleStage(models.TextChoices):
    """Where a service is in its life; every opportunity, recruitment and response carries one."""

    POLICY = "policy", _("Policy and strategy")
    DESIGN = "design", _("Designing and building")
    DELIVERY = "delivery", _("Delivery and implementation")


class ServiceRoleName(models.TextChoices):
    """What a member of staff may do for one service."""

    EDITOR = "editor", "Editor"
    RESEARCHER = "researcher", "Researcher"
    SERVICE_LEAD = "service_lead", "Service lead"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"


class CareSetting(models.TextChoices):
    """The kind of care a service gives, for grouping services on the index."""

    HOSPITAL = "hospital", _("Hospital")
    URGENT = "urgent", _("Urgent and emergency care")
    PRIMARY = "primary", _("Primary care")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    COMMUNITY = "community", _("Community")
    PHARMACY = "pharmacy", _("Pharmacy")


class WcagCompliance(models.TextChoices):
    """How far the site meets WCAG 2.2 AA, in the words of the public sector accessibility rules."""

    FULL = "full", "Fully compliant"
    PARTIAL = "partial", "Partially compliant"
    NOT = "not", "Not compliant"


# Django group names, one per role, plus administrators who see every service.
GROUP_NAMES = {
    ServiceRoleName.EDITOR: "Editor",
    ServiceRoleName.RESEARCHER: "Researcher",
    ServiceRoleName.SERVICE_LEAD: "Service lead",
    ServiceRoleName.SAFEGUARDING_LEAD: "Safeguarding lead",
}
ADMINISTRATOR_GROUP = "Administrator"


class Language(models.TextChoices):
    """The site's languages (settings.LANGUAGES): what a response was given in, and what a
    person's emails are written in (the language of the pages they used)."""

    ENGLISH = "en-gb", "English"
    WELSH = "cy", "Welsh"
