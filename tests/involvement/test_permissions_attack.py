"""Permissions, tested as an attacker would: every URL, every demo login, every service's IDs.

A unique marker is written into each service's feedback. Then each login (and no login) visits
every board, export, open-data, FHIR and admin URL of every service, swapping in the IDs and
slugs of services it has no role on. A marker may appear only where that login may see it.
Each login also tries to edit, publish, unpublish, lock, delete and move every page it has no
right to, and reads the organisation overview.
"""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.models import Page

from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement.tokens import issue_token
from tests.involvement.conftest import processed
from website.demo import DEMO_ROLES
from website.models import HomePage, ServicePage

pytestmark = pytest.mark.django_db
USERS = [None, "admin", *DEMO_ROLES]


def marker(service: ServicePage) -> str:
    return f"MARKER{service.pk}X{service.slug.upper().replace('-', '')}"


def roles_of(username: str | None) -> dict[str, set[str]]:
    """slug -> role names, straight from the demo's own table (not from the code under test)."""
    out: dict[str, set[str]] = {}
    for role, slug in DEMO_ROLES.get(username, []):
        out.setdefault(slug, set()).add(str(role))
    return out


def may_see(username: str | None, kind: str, service: ServicePage) -> bool:
    """Which login may see a service's comments through which kind of URL (the policy)."""
    if username == "admin":
        return kind in {"board", "export"}
    roles = roles_of(username).get(service.slug, set())
    if kind in ("board", "export"):
        # Comments are free text: of the board's readers, only service leads read them.
        return "service_lead" in roles
    return False  # public pages, open data, overview, FHIR without a token: never


def urls_for(service: ServicePage) -> list[tuple[str, str]]:
    pk, slug = service.pk, service.slug
    return [
        ("board", f"/admin/involvement/services/{pk}/board/"),
        ("board", f"/admin/involvement/services/{pk}/board/?start=2000-01-01&end=2099-12-31"),
        ("export", f"/admin/involvement/services/{pk}/export.csv"),
        ("export", f"/admin/involvement/services/{pk}/export.csv?start=2000-01-01"),
        ("export", f"/admin/involvement/services/{pk}/fft-return.csv"),
        ("public", f"/performance/{slug}/"),
        ("public", f"/open-data/services/{slug}/monthly.csv"),
        ("public", f"/open-data/services/{slug}/monthly.json"),
        ("fhir", f"/fhir/r4/Questionnaire/{pk}"),
        ("fhir", f"/fhir/r4/QuestionnaireResponse?service={pk}"),
    ]


SHARED_URLS = [("overview", "/admin/involvement/overview/"), ("index", "/admin/involvement/"),
               ("public", "/performance/"), ("public", "/open-data/"),
               ("public", "/open-data/monthly.csv"), ("public", "/open-data/monthly.json"),
               ("public", "/api/openapi.json"), ("admin", "/admin/")]  # fmt: skip


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_login_sees_a_marker_it_may_not(demo_site):
    # given a marked, themed response in every service, counted in the rollups
    services = list(ServicePage.objects.order_by("pk"))
    theme = Theme.objects.order_by("pk").first() or Theme.objects.create(name="Care", slug="care")
    for service in services:
        for _ in range(10):  # boards show example comments only for themes this common
            processed(service, themes=[theme], text=f"Comment {marker(service)} here")
    rebuild_rollups()
    seen_allowed = set()

    for username in USERS:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        visits = [(kind, url, target) for target in services for kind, url in urls_for(target)]
        visits += [(kind, url, None) for kind, url in SHARED_URLS]
        for kind, url, target in visits:
            # when this login asks for the URL, with any service's ID or slug swapped in
            text = body(client.get(url))
            # then each service's marker shows only where the policy allows it
            for service in services:
                if marker(service) in text:
                    allowed = (
                        target is not None
                        and target.pk == service.pk
                        and may_see(username, kind, service)
                    )
                    assert allowed, f"{username} saw {service.slug}'s comment at {url}"
                    seen_allowed.add((username, kind, service.slug))

    # the markers are really there to be found where they are allowed
    assert ("service-lead", "board", "maternity") in seen_allowed
    assert ("service-lead", "export", "emergency-department") in seen_allowed
    assert ("admin", "export", "pharmacy") in seen_allowed
    # a researcher reads their own board, without what people wrote
    researcher = Client()
    researcher.force_login(get_user_model().objects.get(username="researcher"))
    physio = ServicePage.objects.get(slug="physiotherapy-outpatients")
    response = researcher.get(f"/admin/involvement/services/{physio.pk}/board/")
    assert response.status_code == 200
    assert marker(physio) not in body(response)


def test_a_fhir_token_reads_only_its_own_services(client, demo_site):
    services = list(ServicePage.objects.order_by("pk"))
    for service in services:
        processed(service, text=f"Comment {marker(service)} here")
    maternity = ServicePage.objects.get(slug="maternity")
    _row, token = issue_token(name="EPR", services=[maternity])
    for service in services:
        for _kind, url in urls_for(service):
            text = body(client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}"))
            for other in services:
                if marker(other) in text:
                    assert other == maternity == service and "/fhir/" in url, url
    text = body(client.get(f"/fhir/r4/QuestionnaireResponse?service={maternity.pk}",
                           HTTP_AUTHORIZATION=f"Bearer {token}"))  # fmt: skip
    assert marker(maternity) in text


def editable_slugs(username: str) -> set[str]:
    """Services whose page the login may edit, from the demo's table: editors' and leads'."""
    return {slug for slug, roles in roles_of(username).items()
            if roles & {"editor", "service_lead"}}  # fmt: skip


def page_state(page) -> tuple:
    page = Page.objects.get(pk=page.pk)
    return (page.title, page.live, page.locked, page.path, page.latest_revision_id)


@pytest.mark.parametrize("username", [None, *DEMO_ROLES])
def test_no_login_changes_a_page_it_has_no_right_to(demo_site, username):
    # given every page of the organisation, and a login
    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    home = HomePage.objects.get()
    targets = [page for page in Page.objects.filter(depth__gte=2).specific()
               if page.slug not in editable_slugs(username or "")]  # fmt: skip
    assert any(isinstance(page, ServicePage) for page in targets)
    for page in targets:
        before = page_state(page)
        # when the login tries every page action, with any page's ID swapped in
        attempts = [
            client.get(f"/admin/pages/{page.pk}/edit/"),
            client.post(f"/admin/pages/{page.pk}/edit/",
                        {"title": "HACKED", "slug": page.slug, "action-publish": "1"}),
            client.post(f"/admin/pages/{page.pk}/unpublish/"),
            client.post(f"/admin/pages/{page.pk}/lock/"),
            client.post(f"/admin/pages/{page.pk}/delete/"),
            client.post(f"/admin/pages/{page.pk}/move/{home.pk}/confirm/"),
        ]  # fmt: skip
        # then nothing is shown to edit and nothing changed
        assert attempts[0].status_code != 200, (username, page.slug)
        assert page_state(page) == before, (username, page.slug)


def test_a_service_lead_acts_on_their_own_page(demo_site, client):
    # the probe above would catch a change: a service lead can unpublish their own service
    client.force_login(get_user_model().objects.get(username="service-lead"))
    maternity = ServicePage.objects.get(slug="maternity")
    assert client.get(f"/admin/pages/{maternity.pk}/edit/").status_code == 200
    client.post(f"/admin/pages/{maternity.pk}/unpublish/")
    assert not Page.objects.get(pk=maternity.pk).live
    # and cannot delete it: a service with staff keeps its page (unpublished)
    client.post(f"/admin/pages/{maternity.pk}/delete/")
    assert ServicePage.objects.filter(pk=maternity.pk).exists()


@pytest.mark.parametrize("username", [None, "admin", *DEMO_ROLES])
def test_overview_shows_only_the_logins_own_services(demo_site, client, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    response = client.get("/admin/involvement/overview/")
    if username == "admin":
        assert response.status_code == 200
        shown = {s.slug for s in ServicePage.objects.all()}
    elif username == "service-lead":
        assert response.status_code == 200
        shown = {slug for slug, roles in roles_of(username).items() if "service_lead" in roles}
    else:
        assert response.status_code in (302, 404)
        return
    for service in ServicePage.objects.all():
        assert (service.title in response.content.decode()) is (service.slug in shown)
