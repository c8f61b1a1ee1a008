"""Shared fixtures: a real Redis for the whole session, a real Celery worker on demand, the page
tree that transactional tests need rebuilt, and Chromium for browser tests."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.setdefault("RUN_DIR", str(ROOT / "var")))
TEST_REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6392"))
# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.realservices import (  # noqa: E402
    RUNNING_WORKERS,
    CeleryWorker,
    RedisServer,
    SupervisedWorker,
    restart_workers_after_outage,
)

# Fixed and awkward days for tests that compute with today's date.
pytest_plugins = ["tests.dates"]

# CI must not turn red on a new random example: there the examples are the same every run.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(config, items):
    """Tests under tests/browser/ are browser tests."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def redis_server():
    """The session's Redis, started before any test and stopped after the last."""
    server = RedisServer(TEST_REDIS_PORT, RUN_DIR / f"test-redis-{TEST_REDIS_PORT}")
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.workdir, ignore_errors=True)


@pytest.fixture
def redis_outage(redis_server):
    """Stop the session's Redis for the test; it is started again afterwards."""
    redis_server.stop()
    yield redis_server
    if not redis_server.running:
        redis_server.start()
        restart_workers_after_outage()


@pytest.fixture(autouse=True)
def _clear_cache(redis_server):
    """Each test starts with an empty cache, so rate limits do not leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _close_broker_circuit():
    """Each test starts with the broker circuit closed, whatever outage the last one made."""
    from feedback.queue import circuit

    circuit.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request to a /cy/ page leaves Welsh on."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, redis_server):
    """A real Celery worker on the test database and the test Redis, for the whole session."""
    with django_db_blocker.unblock():
        url = _database_url()
    worker = CeleryWorker(
        database_url=url, redis_url=redis_server.url, workdir=RUN_DIR / f"test-worker-{os.getpid()}"
    )
    worker.start()
    RUNNING_WORKERS.append(worker)
    yield worker
    RUNNING_WORKERS.remove(worker)
    worker.stop()


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db):
    """A running worker for one test; restarted if an earlier test killed it."""
    if celery_worker_process.process is None or celery_worker_process.process.poll() is not None:
        celery_worker_process.start()
    return celery_worker_process


@pytest.fixture
def supervised_worker(celery_worker_process, transactional_db, redis_server):
    """A real worker under supervisord, the only consumer for the test (the session's waits)."""
    celery_worker_process.stop()
    name = f"test-supervised-{os.getpid()}"
    worker = SupervisedWorker(
        database_url=celery_worker_process.env["DATABASE_URL"],
        redis_url=redis_server.url,
        workdir=RUN_DIR / name,
    )
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def site_tree(db):
    """The root page, a home page and the default site, rebuilt after a flush."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    from website.demo import ensure_home_page
    from website.roles import ensure_staff_groups

    # The default locale is the content language matching LANGUAGE_CODE ("en-gb"), as the
    # migration that a flush undoes had created it.
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    home, _site = ensure_home_page()
    ensure_staff_groups()
    return home


@pytest.fixture
def demo_site(site_tree):
    """The whole demo organisation: pages, settings and demo logins."""
    from website.demo import seed_demo

    seed_demo()
    return site_tree


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, never a downloaded browser, no background network."""
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],  # fmt: skip
    }
