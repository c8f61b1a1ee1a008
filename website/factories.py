"""Factories for the site's pages and staff, shared by the tests and `seed_demo`."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

from website.choices import CareSetting, LifecycleStage, ServiceRoleName
from website.models import ContentPage, HomePage, ServicePage, ServiceRole, ServicesIndexPage


class HomePageFactory(wagtail_factories.PageFactory):
    """The home page, by default directly under the tree's root."""

    title = "Involve NHS Trust"
    # Says only what every site has: the links below it offer panels and updates once live.
    intro = "Tell us about your care and help us make our services better."

    class Meta:
        model = HomePage


class ServicesIndexPageFactory(wagtail_factories.PageFactory):
    """The services index under the home page."""

    title = "Services"
    intro = "Find a service to read about it and tell us about your experience."

    class Meta:
        model = ServicesIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    """A service with a summary, a short body and contact details."""

    title = factory.Sequence(lambda n: f"Service {n}")
    summary = factory.LazyAttribute(lambda o: f"Care and support from the {o.title.lower()} team.")
    care_setting = CareSetting.HOSPITAL
    lifecycle_stage = LifecycleStage.DELIVERY
    contact_phone = "0300 123 4567"
    body = factory.LazyAttribute(
        lambda o: [
            ("heading", {"text": "What we do", "heading_level": 2}),
            ("rich_text", f"<p>{o.summary}</p>"),
        ]
    )

    class Meta:
        model = ServicePage


class ContentPageFactory(wagtail_factories.PageFactory):
    """A plain content page."""

    title = factory.Sequence(lambda n: f"Content page {n}")
    summary = ""
    body = factory.LazyAttribute(lambda o: [("rich_text", f"<p>About {o.title.lower()}.</p>")])

    class Meta:
        model = ContentPage


class UserFactory(DjangoModelFactory):
    """A member of staff."""

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nhs.uk")
    first_name = factory.LazyAttribute(lambda o: o.username.split("-")[0].title())
    last_name = "Demo"
    password = factory.django.Password("involve-demo")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class ServiceRoleFactory(DjangoModelFactory):
    """A role for a member of staff on one service."""

    user = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServicePageFactory)
    role = ServiceRoleName.SERVICE_LEAD

    class Meta:
        model = ServiceRole
        django_get_or_create = ("user", "service", "role")
