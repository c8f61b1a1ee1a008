"""API tokens for other systems (FHIR), each scoped to the services it may read."""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from website.models import ServicePage


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 (tokens are long and random, so no salt)."""
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry() -> datetime:
    """When a new token stops working: API_TOKEN_MAX_AGE_DAYS from now."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)


class ServiceApiTokenQuerySet(models.QuerySet):
    """Queries over API tokens."""

    def active(self, *, now: datetime | None = None):
        """Tokens neither revoked nor expired."""
        now = now or timezone.now()
        return self.filter(expires_at__gt=now, revoked_at__isnull=True)


class ServiceApiToken(models.Model):
    """A bearer token another system uses to read some services' anonymised responses.

    Only a hash is stored; the token itself is shown once, when it is created.
    """

    name = models.CharField(max_length=100, help_text="Which system uses it, and who owns it.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    services = models.ManyToManyField(ServicePage, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True, editable=False)
    # Tokens made before expiry existed were given one a year from the migration.
    expires_at = models.DateTimeField(
        default=default_expiry, help_text="The token stops working at this time."
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set to stop the token working at once."
    )

    objects = ServiceApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "service API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
