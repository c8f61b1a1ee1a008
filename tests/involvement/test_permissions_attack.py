"""Permissions, tested as an attacker would: every URL, every demo login, every service's IDs.

A unique marker is written into each service's feedback. Then each login (and no login) visits
every board, export, open-data, FHIR and admin URL of every service, swapping in the IDs and
slugs of services it has no role on. A marker may appear only where that login may see it.
"""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from feedback.models import Theme
from feedback.rollups import rebuild_rollups
from involvement.tokens import issue_token
from tests.involvement.conftest import processed
from website.demo import DEMO_ROLES
from website.models import ServicePage

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
    if kind == "board":
        return bool(roles)
    if kind == "export":
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
    assert ("researcher", "board", "physiotherapy-outpatients") in seen_allowed
    assert ("admin", "export", "pharmacy") in seen_allowed


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
