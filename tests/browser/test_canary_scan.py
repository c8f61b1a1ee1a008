"""Canary scan: personal data typed into the browser in every separator variant, processed by the
real worker, and then looked for everywhere it could land: every database table, Redis (all its
databases), the worker's log and mail, and the web process's log."""

import logging
import re
from itertools import pairwise

import pytest
import redis

from feedback.anonymise import fold
from feedback.choices import Status
from feedback.factories import FeedbackFormFactory, FeedbackServiceFactory
from feedback.models import Feedback
from feedback.themes import seed_default_themes
from tests.database_scan import database_values
from tests.realservices import wait_until

pytestmark = pytest.mark.integration

NHS_GROUPS = ("938", "271", "6009")  # a valid NHS number (modulus 11)
PHONE_GROUPS = ("07700", "900", "461")
EMAIL_LOCAL, EMAIL_DOMAIN = "jo.canary", "canarymail.org"
POSTCODE_GROUPS = ("ZE2", "9QX")
SURNAMES = ("O'REILLY", "Quennell")

SPACE_LIKE = {
    "no-break space": "\u00a0",
    "thin space": "\u2009",
    "narrow no-break space": "\u202f",
    "ideographic space": "\u3000",
    "figure space": "\u2007",
}
DASH_LIKE = {
    "en dash": "\u2013",
    "em dash": "\u2014",
    "hyphen": "\u2010",
    "non-breaking hyphen": "\u2011",
    "minus sign": "\u2212",
    "full-width hyphen-minus": "\uff0d",
}
INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "first strong isolate": "\u2068",
}


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def canary_text(separator: str, *, kind: str) -> str:
    """The canaries written with `separator` wherever that kind of character can go."""
    space = separator if kind == "space" else "\u00a0"
    gap = separator if kind in ("space", "dash", "invisible") else " "
    invisible = separator if kind == "invisible" else ""
    at = "\uff20" if kind != "invisible" else f"{invisible}@"
    text = (
        f"My NHS number is {gap.join(NHS_GROUPS)}. Call me on {gap.join(PHONE_GROUPS)}. "
        f"Email {EMAIL_LOCAL}{at}{EMAIL_DOMAIN} please. I live at "
        f"{(space + invisible).join(POSTCODE_GROUPS)}. MRS {SURNAMES[0]} at reception and "
        f"Dr{space}{invisible}{SURNAMES[1]} were “lovely” 😊"
    )
    return full_width(text) if kind == "full-width" else text


VARIANTS = (
    [(name, canary_text(s, kind="space")) for name, s in SPACE_LIKE.items()]
    + [(name, canary_text(s, kind="dash")) for name, s in DASH_LIKE.items()]
    + [(name, canary_text(s, kind="invisible")) for name, s in INVISIBLE.items()]
    + [("full-width", canary_text("\u3000", kind="full-width"))]
)

SEPARATORS = r"[\s\-.]{0,3}"


def written_with_any_separators(*groups: str) -> str:
    return SEPARATORS.join(re.escape(group) for group in groups)


# The whole of each, and each pair of neighbouring groups: a lone three-digit group would also
# match a log line's milliseconds.
CANARIES = {
    "NHS number": re.compile("|".join(
        written_with_any_separators(*pair) for pair in pairwise(NHS_GROUPS)
    )),
    "phone number": re.compile("|".join(
        written_with_any_separators(*pair) for pair in pairwise(PHONE_GROUPS)
    )),
    "email": re.compile(rf"{re.escape(EMAIL_LOCAL)}|canary[\s\-.]{{0,3}}mail", re.IGNORECASE),
    "postcode": re.compile(written_with_any_separators(*POSTCODE_GROUPS), re.IGNORECASE),
    "name": re.compile("REILLY|Quennell", re.IGNORECASE),
}  # fmt: skip


def leaks(where: str, value) -> list[str]:
    """Which canaries `value` holds, as the anonymiser's own folding would read it."""
    if isinstance(value, bytes | bytearray | memoryview):
        value = bytes(value).decode("utf-8", "replace")
    text = fold(str(value))
    return [f"{name} in {where}: {text[:200]!r}" for name, p in CANARIES.items() if p.search(text)]


def redis_values(client: redis.Redis, key: bytes) -> list[bytes]:
    """Everything stored under `key`, whatever its type."""
    kind = client.type(key).decode()
    if kind == "string":
        return [client.get(key)]
    if kind == "list":
        return client.lrange(key, 0, -1)
    if kind == "hash":
        return [b" ".join(pair) for pair in client.hgetall(key).items()]
    if kind == "set":
        return list(client.smembers(key))
    if kind == "zset":
        return client.zrange(key, 0, -1)
    return []


def redis_values_everywhere(url: str):
    """(where, value) for every key and value in every Redis database."""
    for db in range(16):
        client = redis.Redis.from_url(url, db=db)
        for key in client.scan_iter(count=500):
            for value in [key, *redis_values(client, key)]:
                yield f"redis db {db} key {key!r}", value


@pytest.fixture
def service(transactional_db, site_tree):
    service = FeedbackServiceFactory(title="Maternity services", slug="maternity")
    FeedbackFormFactory(service=service)
    return service


def test_canaries_self_check():
    # the scan finds what it looks for, in the forms the variants write it
    assert all(leaks("sample", text) for _name, text in VARIANTS)
    assert leaks("sample", "ring 07700 900 461") and leaks("sample", "ze2 9qx")
    assert leaks("sample", "[NHS_NUMBER] 271\u2009\u200b6009") and leaks("sample", "[PHONE]900-461")
    assert not leaks("sample", "[NHS_NUMBER] [PHONE] [EMAIL] [POSTCODE] MRS [NAME] Dr [NAME]")


def test_no_fragment_of_personal_data_is_stored_logged_or_queued(
    page, live_server, service, celery_worker, redis_server, settings, caplog
):
    # given the web side logging everything, and no rate limit in the way
    caplog.set_level(logging.DEBUG)
    settings.FEEDBACK_RATE_LIMIT = 1000
    seed_default_themes()
    log_start = (celery_worker.workdir / "worker.log").stat().st_size

    # when each variant is typed into the form in a real browser and sent
    for _name, text in VARIANTS:
        page.goto(f"{live_server.url}/feedback/{service.slug}/")
        page.get_by_label("Poor", exact=True).check()
        page.get_by_label("Tell us why you gave this answer").fill(text)
        page.get_by_role("button", name="Send feedback").click()
        page.wait_for_url("**/thank-you/**")

    # and the worker has processed every one
    wait_until(
        lambda: Feedback.objects.filter(status=Status.PROCESSED).count() == len(VARIANTS),
        timeout=60,
    )

    # then what was stored still reads naturally, with tokens in place of the data
    stored = Feedback.objects.order_by("pk").values_list("text", flat=True)
    for (_name, text), kept in zip(VARIANTS, stored, strict=True):
        assert "[NHS_NUMBER]" in kept and "[PHONE]" in kept and "[EMAIL]" in kept
        assert "[POSTCODE]" in kept and kept.count("[NAME]") == 2
        assert kept.startswith(text[:17]) and kept.endswith(text[-16:])
    # and no fragment of the data is anywhere
    worker_log = (celery_worker.workdir / "worker.log").read_bytes()[log_start:]
    mail = [path.read_bytes() for path in celery_worker.mail_dir.iterdir()]
    cells = list(database_values())
    in_redis = list(redis_values_everywhere(redis_server.url))
    found = (
        [hit for table, value in cells for hit in leaks(f"table {table}", value)]
        + [hit for where, value in in_redis for hit in leaks(where, value)]
        + leaks("worker log", worker_log)
        + [hit for message in mail for hit in leaks("worker mail", message)]
        + [hit for record in caplog.records for hit in leaks("web log", record.getMessage())]
    )
    assert found == []
    # and the scan saw what it scanned: the stored rows, the queue's keys, the worker's work
    assert sum("“lovely” 😊" in str(value) for _table, value in cells) == len(VARIANTS) - 1
    assert any(where.startswith("redis db") for where, _value in in_redis)
    assert worker_log.count(b"feedback.tasks.process_feedback") >= len(VARIANTS)
