"""Send a Celery task's message over one broker channel held per process.

`apply_async` merges options, routes, takes a producer from the pool and builds a new Redis client
for every message; on the feedback form's POST that cost more than storing the row
(bench/submit.py). Here Celery still builds the message and kombu's own channel encodes and pushes
it, so the worker reads exactly what `apply_async` would have sent
(tests/website/test_task_publisher.py). Unlike `apply_async`, nothing is declared (workers declare
their queues), publish signals are not sent and a failure is not retried: callers keep a record of
the work and sweep for it.
"""

import contextlib
import functools
import os
import threading
from dataclasses import dataclass

from celery import Task
from kombu.entity import maybe_delivery_mode
from kombu.serialization import dumps
from kombu.transport import redis as kombu_redis
from kombu.utils.uuid import uuid


class _Channel(kombu_redis.Channel):
    """kombu's Redis channel, reusing one client for publishing instead of one per message."""

    def _create_client(self, asynchronous=False):
        if asynchronous:
            return super()._create_client(asynchronous=True)
        pool = self.pool
        client = self.__dict__.get("_publishing_client")
        # The pool is replaced after a fork or a disconnect; a client on the old one is stale.
        if client is None or client.connection_pool is not pool:
            client = self.__dict__["_publishing_client"] = super()._create_client()
        return client


class _Transport(kombu_redis.Transport):
    Channel = _Channel


_lock = threading.Lock()
_held: dict = {}


def _channel(app):
    """This process's publishing channel, made on first use and shared by its threads."""
    pid = os.getpid()
    held = _held.get(app.main)
    if held is None or held[0] != pid:
        with _lock:
            held = _held.get(app.main)
            if held is None or held[0] != pid:
                connection = app.connection_for_write(transport=_Transport)
                held = _held[app.main] = (pid, connection, connection.default_channel)
    return held[2]


def _forget(app) -> None:
    held = _held.pop(app.main, None)
    if held is not None and held[0] == os.getpid():
        # Closing may fail the same way the publish did; the next publish connects anew anyway.
        with contextlib.suppress(Exception):
            held[1].release()


@dataclass(frozen=True)
class _Options:
    time_limit: int | None
    soft_time_limit: int | None
    serializer: str
    delivery_mode: int


@functools.cache
def _options(app) -> _Options:
    # Read once: each lookup in Celery's configuration tries several names through Django's
    # settings, which together cost as much as encoding the message.
    conf = app.conf
    return _Options(
        time_limit=conf.task_time_limit,
        soft_time_limit=conf.task_soft_time_limit,
        serializer=conf.task_serializer,
        delivery_mode=maybe_delivery_mode(conf.task_default_delivery_mode),
    )


def publish_task(task: Task, args: list, *, queue: str) -> str:
    """Queue `task(*args)` on `queue` and return the task id; raises if the broker is down."""
    app = task.app
    options = _options(app)
    task_id = uuid()
    message = app.amqp.create_task_message(
        task_id, task.name, args, {}, argsrepr=repr(args), kwargsrepr="{}",
        time_limit=options.time_limit, soft_time_limit=options.soft_time_limit,
        ignore_result=task.ignore_result, reply_to=app.thread_oid,
    )  # fmt: skip
    content_type, content_encoding, body = dumps(message.body, serializer=options.serializer)
    properties = {**message.properties, "delivery_mode": options.delivery_mode}
    try:
        channel = _channel(app)
        channel.basic_publish(
            channel.prepare_message(
                body, 0, content_type, content_encoding, message.headers, properties
            ),
            exchange="",
            routing_key=queue,
        )
    except Exception:
        # Start afresh next time rather than trust a channel that just failed.
        _forget(app)
        raise
    return task_id
