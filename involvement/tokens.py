"""Issuing and checking the bearer tokens other systems use for FHIR reads."""

import secrets

from django.utils import timezone

from involvement.models import ServiceApiToken, hash_token

TOKEN_PREFIX = "inv_"  # noqa: S105 - a public format marker, not a secret


def issue_token(*, name: str, services) -> tuple[ServiceApiToken, str]:
    """Create a token for `services`; returns the row and the token, which is never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ServiceApiToken.objects.create(name=name, token_hash=hash_token(token), prefix=token[:8])
    row.services.set(services)
    return row, token


def token_for(*, authorization: str) -> ServiceApiToken | None:
    """The live (unrevoked, unexpired) token in a `Bearer` header, its last use noted; else None."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    row = ServiceApiToken.objects.active().filter(token_hash=hash_token(token.strip())).first()
    if row is None:
        return None
    today = timezone.localdate()
    if row.last_used_on != today:
        ServiceApiToken.objects.filter(pk=row.pk).update(last_used_on=today)
    return row
