"""Factories for panels, shared by the tests and the demo loader."""

import factory
import wagtail_factories

from panels.models import PanelPage
from website.choices import LifecycleStage


class PanelPageFactory(wagtail_factories.PageFactory):
    """A panel recruiting for the whole organisation, at every stage."""

    title = "Patient and carer panel"
    slug = factory.Sequence(lambda n: f"panel-{n}")
    purpose = (
        "<p>Our patient and carer panel helps us plan, design and improve services with the "
        "people who use them.</p>"
    )
    looking_for = (
        "<p>Anyone aged 16 or over who has used our services, or cares for someone who has. "
        "We especially want to hear from people we hear from least.</p>"
    )
    taking_part = (
        "<p>Answering a short online survey, talking to a researcher by phone or video, trying "
        "out a new website, or joining a group. You choose what suits you, and you can say no "
        "to any invitation.</p>"
    )
    payment = (
        "<p>We pay £25 an hour for interviews, groups and testing, and repay travel and care "
        "costs. Surveys are unpaid.</p>"
    )
    privacy_notice = (
        "<p>We keep your contact details, your answers about yourself and your access needs "
        "encrypted. Only researchers for the services this panel works with can see them, and "
        "each time they do it is recorded. If you leave, we delete them at once; we keep only "
        "a record of what you agreed to, with no contact details, for 6 years. If you do not "
        "renew your consent we delete your details after 2 years.</p>"
    )
    stages = factory.LazyFunction(lambda: list(LifecycleStage.values))

    class Meta:
        model = PanelPage
