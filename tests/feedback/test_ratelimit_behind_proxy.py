"""Rate limits through a real proxy: clients on their own loopback addresses, a forwarding proxy
that appends X-Forwarded-For as a load balancer does, and the live server behind it."""

import http.client
import http.server
import re
import threading
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

# Linux answers on all of 127.0.0.0/8, so each simulated client has an address of its own.
ALICE, BOB = "127.0.0.2", "127.0.0.3"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}


class ForwardingProxy:
    """A reverse proxy on loopback that appends the caller's address to X-Forwarded-For.

    A real TCP hop is the point (the app must see the proxy's address as REMOTE_ADDR), which the
    test client cannot give; the standard library's http.server is the smallest real proxy."""

    def __init__(self, upstream_port: int):
        upstream = upstream_port

        class Handler(http.server.BaseHTTPRequestHandler):
            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                seen = headers.pop("X-Forwarded-For", None)
                peer = self.client_address[0]
                headers["X-Forwarded-For"] = f"{seen}, {peer}" if seen else peer
                connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP | {"content-length"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                connection.close()

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Person:
    """Someone giving feedback from `address`, through whatever listens on `port`."""

    def __init__(self, address: str, port: int, path: str):
        self.address, self.port, self.path = address, port, path

    def _request(self, method, headers, body=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        connection.request(method, self.path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read().decode()
        connection.close()
        return response, payload

    def give_feedback(self, *, forwarded_for: str | None = None) -> int:
        """Fetch the form, post it, and return the POST's status code."""
        headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
        response, page = self._request("GET", headers)
        cookie = SimpleCookie(response.getheader("Set-Cookie"))["csrftoken"].value
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {"csrfmiddlewaretoken": token, "fft_answer": "good", "text": "Kind staff",
                "submission_key": str(uuid.uuid4())}  # fmt: skip
        headers |= {
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        response, _ = self._request("POST", headers, urlencode(form))
        return response.status


@pytest.fixture
def limited(settings, live_server, transactional_db, service):
    """Two feedback forms per client per window, and the live server's port and form path."""
    settings.FEEDBACK_RATE_LIMIT = 2
    return urlsplit(live_server.url).port, f"/feedback/{service.slug}/"


def test_two_clients_behind_one_proxy_are_limited_separately(settings, limited):
    # given one load balancer in front, and the site told so
    settings.TRUSTED_PROXY_COUNT = 1
    upstream, path = limited
    with ForwardingProxy(upstream) as proxy:
        alice, bob = Person(ALICE, proxy.port, path), Person(BOB, proxy.port, path)
        # when Alice sends three and then Bob one
        alice_statuses = [alice.give_feedback() for _ in range(3)]
        bob_status = bob.give_feedback()
    # then only Alice's third is refused
    assert alice_statuses == [302, 302, 429]
    assert bob_status == 302


def test_without_the_setting_everyone_behind_the_proxy_shares_one_limit(settings, limited):
    # the failure the setting exists for: the proxy's own address is all the site sees
    settings.TRUSTED_PROXY_COUNT = 0
    upstream, path = limited
    with ForwardingProxy(upstream) as proxy:
        alice, bob = Person(ALICE, proxy.port, path), Person(BOB, proxy.port, path)
        assert [alice.give_feedback() for _ in range(2)] == [302, 302]
        assert bob.give_feedback() == 429


def test_a_client_behind_the_proxy_cannot_choose_its_address(settings, limited):
    settings.TRUSTED_PROXY_COUNT = 1
    upstream, path = limited
    with ForwardingProxy(upstream) as proxy:
        alice = Person(ALICE, proxy.port, path)
        statuses = [alice.give_feedback(forwarded_for=f"198.51.100.{n}") for n in range(3)]
    assert statuses == [302, 302, 429]


def test_with_no_proxy_trusted_the_header_is_ignored(settings, limited):
    # given no proxy in front, a client that writes its own X-Forwarded-For each time
    settings.TRUSTED_PROXY_COUNT = 0
    upstream, path = limited
    alice = Person(ALICE, upstream, path)
    statuses = [alice.give_feedback(forwarded_for=f"198.51.100.{n}") for n in range(3)]
    assert statuses == [302, 302, 429]
