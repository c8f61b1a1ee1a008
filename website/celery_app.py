"""The Celery application; configuration comes from Django settings prefixed CELERY_."""

import logging
import os
import threading

from celery import Celery
from celery.signals import beat_init, worker_ready, worker_shutdown
from kombu import Queue
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

app = Celery("website")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue(name) for name in ("feedback", "email", "maintenance")]
app.autodiscover_tasks()

# What a broker outage raises from apply_async with task_publish_retry off: every sender catches
# these, logs and carries on (the row it wrote is the record of work owed).
BROKER_ERRORS = (KombuOperationalError, RedisError, ConnectionError, TimeoutError, OSError)


WORKER_HEARTBEAT_SECONDS = 15


def _worker_heartbeat_loop(stop: threading.Event, consumer) -> None:
    # Imported here: Django is set up only once the worker has started.
    from django.db import DatabaseError, connection

    from website.services import WORKER, record_heartbeat

    while True:
        connected = consumer is None or getattr(consumer, "connection", None) is not None
        try:
            if connected:
                record_heartbeat(name=WORKER)
        except DatabaseError:
            logger.warning("Worker heartbeat not recorded: the database refused the write")
        finally:
            connection.close()
        if stop.wait(WORKER_HEARTBEAT_SECONDS):
            return


@worker_ready.connect
def start_worker_heartbeat(sender=None, **kwargs) -> None:
    """Record the worker's own heartbeat every 15 s while it runs, apart from beat's."""
    stop = threading.Event()
    consumer = sender  # worker_ready's sender is the worker's consumer
    thread = threading.Thread(
        target=_worker_heartbeat_loop, args=(stop, consumer), name="worker-heartbeat", daemon=True
    )
    thread.start()
    worker_shutdown.connect(lambda **_: stop.set(), weak=False)


@beat_init.connect
def first_beat_heartbeat(sender=None, **kwargs) -> None:
    """Send beat's heartbeat as beat starts, so /readyz need not wait a whole interval for it."""
    try:
        app.signature("website.tasks.heartbeat").apply_async()
    except Exception:  # noqa: BLE001 - the schedule sends it again; beat must start regardless
        logger.warning("First beat heartbeat not sent: the broker refused it")
