"""Demo content for `make run`: one organisation, six services, its policy pages and staff."""

import os
from dataclasses import dataclass

from wagtailnhsukfrontend.settings.models import (
    FooterLinks,
    FooterSettings,
    HeaderSettings,
    NavigationLink,
)

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page, Site

from website.choices import ADMINISTRATOR_GROUP, GROUP_NAMES, CareSetting, LifecycleStage
from website.choices import ServiceRoleName as R
from website.factories import (
    ContentPageFactory,
    HomePageFactory,
    ServicePageFactory,
    ServiceRoleFactory,
    ServicesIndexPageFactory,
    UserFactory,
)
from website.locales import default_language, in_default_language
from website.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    ServicePage,
    ServicesIndexPage,
)
from website.roles import ensure_staff_groups


@dataclass(frozen=True)
class DemoService:
    """One demo service."""

    slug: str
    title: str
    summary: str
    care_setting: str
    stage: str
    ods_code: str = ""


SERVICES = [
    DemoService("maternity", "Maternity services", "Antenatal, birth and postnatal care at "
                "Riverside Hospital and at home.", CareSetting.HOSPITAL, LifecycleStage.DELIVERY,
                "RX1M1"),
    DemoService("emergency-department", "Emergency department", "A&E for serious injuries and "
                "life-threatening emergencies, open 24 hours.", CareSetting.URGENT,
                LifecycleStage.DELIVERY, "RX1ED"),
    DemoService("riverside-gp-practice", "Riverside GP practice", "Appointments with GPs, nurses "
                "and clinical pharmacists for registered patients.", CareSetting.PRIMARY,
                LifecycleStage.DESIGN, "A81001"),
    DemoService("community-mental-health", "Community mental health team", "Support for adults "
                "with severe mental illness, close to home.", CareSetting.MENTAL_HEALTH,
                LifecycleStage.POLICY),
    DemoService("physiotherapy-outpatients", "Physiotherapy outpatients", "Assessment and "
                "treatment for muscle, joint and back problems.", CareSetting.COMMUNITY,
                LifecycleStage.DESIGN),
    DemoService("pharmacy", "Hospital pharmacy", "Medicines advice and prescriptions for "
                "people leaving hospital.", CareSetting.PHARMACY, LifecycleStage.DELIVERY),
]  # fmt: skip

PAGES = [
    ("privacy-notice", "Privacy notice", "How we use the information you give us.",
     "<p>We never store your IP address, browser details or tracking cookies with your feedback. "
     "Personal details in feedback are removed before it is saved. Feedback is kept for 3 years. "
     "If you ask us to contact you, your contact details are encrypted and deleted after 90 days."
     "</p>"),
    # Its own page type (seed_accessibility_statement); listed here for the footer.
    ("accessibility-statement", "Accessibility statement", "How accessible this website is.", ""),
    ("about", "About Involve", "How we involve patients, carers and communities.",
     "<p>We involve people at every stage: policy and strategy, designing and building, and "
     "delivery and implementation. Tell us about your experience of any of our services.</p>"),
]  # fmt: skip

ACCESSIBILITY_SLUG = "accessibility-statement"
# What the demo organisation would honestly list until it has fixed or checked them.
DEMO_KNOWN_ISSUES = [
    {"summary": "Some documents that services upload, such as PDF leaflets, may not work well "
                "with screen readers.",
     "details": "Ask the service for the leaflet in another format.",
     "criterion": "", "fix_by": None},
    {"summary": "Staff pages (the admin) are checked with automated tools but have not yet been "
                "tested by people who use assistive technology.",
     "details": "", "criterion": "", "fix_by": None},
]  # fmt: skip


def seed_accessibility_statement(home: HomePage, *, title: str) -> None:
    """The accessibility statement page, unless a page already has its address."""
    if Page.objects.child_of(home).filter(slug=ACCESSIBILITY_SLUG).exists():
        return
    home.add_child(instance=AccessibilityStatementPage(
        title=title, slug=ACCESSIBILITY_SLUG, contact_phone="0300 123 4567",
        known_issues=[("issue", issue) for issue in DEMO_KNOWN_ISSUES],
    ))  # fmt: skip


# Each demo login has roles on some services, never all, so per-service access can be tried.
DEMO_ROLES = {
    "editor": [(R.EDITOR, "maternity"), (R.EDITOR, "emergency-department"),
               (R.EDITOR, "riverside-gp-practice")],
    "researcher": [(R.RESEARCHER, "community-mental-health"),
                   (R.RESEARCHER, "physiotherapy-outpatients")],
    "service-lead": [(R.SERVICE_LEAD, "maternity"), (R.SERVICE_LEAD, "emergency-department")],
    "safeguarding": [(R.SAFEGUARDING_LEAD, "maternity"),
                     (R.SAFEGUARDING_LEAD, "emergency-department"),
                     (R.SAFEGUARDING_LEAD, "community-mental-health")],
}  # fmt: skip
ROLE_GROUPS = {R.EDITOR: GROUP_NAMES[R.EDITOR], R.RESEARCHER: GROUP_NAMES[R.RESEARCHER],
               R.SERVICE_LEAD: GROUP_NAMES[R.SERVICE_LEAD],
               R.SAFEGUARDING_LEAD: GROUP_NAMES[R.SAFEGUARDING_LEAD]}  # fmt: skip


def _child(parent: Page, model, slug: str, factory, **fields) -> Page:
    """The child page with this slug, created from the factory if it is missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    return existing or factory(parent=parent, slug=slug, **fields)


def ensure_home_page() -> tuple[HomePage, Site]:
    """The home page and the default site serving it, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage.objects.filter(locale__language_code=default_language()).first()
    if home is None:
        home = HomePageFactory(parent=root, slug="involve-home")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if not site.site_name:
        # Wagtail names a site by its hostname when it has no name ("Pages created in localhost").
        site.site_name = settings.ORGANISATION_NAME
        site.save(update_fields=["site_name"])
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" page
    return home, site


def seed_pages() -> HomePage:
    """Create the page tree and point the default site at it; returns the home page."""
    home, site = ensure_home_page()
    index = _child(home, ServicesIndexPage, "services", ServicesIndexPageFactory)
    for svc in SERVICES:
        _child(index, ServicePage, svc.slug, ServicePageFactory, title=svc.title,
               summary=svc.summary, care_setting=svc.care_setting, lifecycle_stage=svc.stage,
               ods_code=svc.ods_code)  # fmt: skip
    for slug, title, summary, html in PAGES:
        if slug == ACCESSIBILITY_SLUG:
            seed_accessibility_statement(home, title=title)
            continue
        _child(home, ContentPage, slug, ContentPageFactory, title=title, summary=summary,
               body=[("rich_text", html)])  # fmt: skip
    _seed_header_and_footer(site, home, index)
    return home


def _seed_header_and_footer(site: Site, home: HomePage, index: ServicesIndexPage) -> None:
    header = HeaderSettings.for_site(site)
    header.organisation_name = settings.ORGANISATION_NAME
    header.organisation_descriptor = "Involve"
    header.logo_link = home
    if not header.navigation_links.exists():
        about = ContentPage.objects.child_of(home).get(slug="about")
        header.navigation_links = [
            NavigationLink(label="Services", page=index, sort_order=0),
            NavigationLink(label="About", page=about, sort_order=1),
        ]
    header.save()
    footer = FooterSettings.for_site(site)
    if not footer.footer_links.exists():
        footer.footer_links = [
            FooterLinks(link_url=f"/{slug}/", link_label=title, sort_order=order)
            for order, (slug, title, _summary, _html) in enumerate(PAGES)
        ]
        footer.save()


def seed_users(password: str) -> list[str]:
    """Create the demo logins with roles on some services; returns their usernames."""
    ensure_staff_groups()
    admin = UserFactory(username="admin", password=password, is_staff=True, is_superuser=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    services = {s.slug: s for s in in_default_language(ServicePage.objects.all())}
    for username, roles in DEMO_ROLES.items():
        user = UserFactory(username=username, password=password)
        for role, slug in roles:
            ServiceRoleFactory(user=user, service=services[slug], role=role)
            user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return ["admin", *DEMO_ROLES]


@transaction.atomic
def seed_demo() -> list[str]:
    """Seed the site; demo logins only where settings allow. Returns the usernames made."""
    seed_pages()
    if not settings.DEMO_USERS_ENABLED:
        return []
    return seed_users(os.environ.get("DEMO_PASSWORD", "involve-demo"))
