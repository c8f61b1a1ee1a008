"""The client address behind TRUSTED_PROXY_COUNT proxies, and the group a rate limit counts."""

import pytest

from django.test import RequestFactory

from website.client_address import address_group, client_address, rate_limit_subject

PROXY = "10.0.0.5"


def request(remote=PROXY, forwarded=None):
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().post("/feedback/x/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize("forwarded", [None, "203.0.113.7", "1.2.3.4, 203.0.113.7", "garbage"])
def test_no_trusted_proxy_ignores_the_header(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("198.51.100.9", forwarded)) == "198.51.100.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # what the client wrote itself sits to the left of what the proxy appended
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6,203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7, 10.0.0.1", "203.0.113.7"),
        # fewer entries than trusted proxies: it did not come through the chain
        (2, "203.0.113.7", PROXY),
        (1, None, PROXY),
        (1, "", PROXY),
        (1, "unknown", PROXY),
        (1, "203.0.113.7:51234", "203.0.113.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_trusted_proxies_are_counted_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request(PROXY, forwarded)) == expected


@pytest.mark.parametrize(
    ("address", "group"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("", ""),
    ],
)
def test_ipv6_is_grouped_by_its_64(address, group):
    assert address_group(address) == group


def test_subject_combines_both(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert rate_limit_subject(request(PROXY, "2001:db8:1:2::99")) == "2001:db8:1:2::/64"
