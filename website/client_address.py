"""The client's address behind a known number of proxies, and the group a rate limit counts it in.

Used only as a rate-limit or lockout key (hashed before it is stored anywhere): never kept with
feedback. With TRUSTED_PROXY_COUNT = 0 the address is REMOTE_ADDR and X-Forwarded-For is ignored,
so a client cannot choose its own address by sending the header.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# An IPv6 client usually holds a whole /64 and can pick any address in it (RFC 4941).
IPV6_GROUP_PREFIX = 64


def client_address(request: HttpRequest) -> str:
    """The address the outermost trusted proxy saw, else REMOTE_ADDR.

    Each proxy appends the address it was reached from to X-Forwarded-For, so behind N trusted
    proxies the client is the N-th entry from the right; anything left of it came from the client
    and proves nothing. With fewer entries than that, the request did not come through the chain.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if len(forwarded) < trusted:
        return remote
    candidate = _without_port(forwarded[-trusted])
    return candidate if _is_address(candidate) else remote


def address_group(address: str) -> str:
    """What a limit counts: an IPv4 address itself, an IPv6 address's /64 network."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_GROUP_PREFIX}", strict=False))
    return str(parsed)


def rate_limit_subject(request: HttpRequest) -> str:
    """The client's address group, the one thing rate limits and lockouts are keyed on."""
    return address_group(client_address(request))


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _without_port(entry: str) -> str:
    """An address from a forwarded entry, dropping a port some proxies add ("[::1]:443")."""
    if entry.startswith("["):
        return entry[1 : entry.find("]")] if "]" in entry else ""
    if entry.count(":") == 1:
        return entry.split(":", 1)[0]
    return entry
