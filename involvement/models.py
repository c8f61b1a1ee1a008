"""API tokens for other systems (FHIR), each scoped to the services it may read."""

import hashlib

from django.db import models

from website.models import ServicePage


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 (tokens are long and random, so no salt)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ServiceApiTokenQuerySet(models.QuerySet):
    """Queries over API tokens."""

    def active(self):
        return self.filter(revoked_at__isnull=True)


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
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ServiceApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "service API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
