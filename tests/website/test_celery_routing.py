"""Each task lands on exactly one queue of the real Redis broker."""

import pytest
import redis

from website.celery_app import app

QUEUES = ["feedback", "email", "maintenance"]


@pytest.fixture
def broker_url(redis_server):
    """A database of the session's Redis that no test worker consumes from, with every queue
    declared and bound as a worker does, and empty."""
    url = redis_server.url.rsplit("/", 1)[0] + "/5"
    with app.connection_for_write(url) as connection:
        for queue in app.amqp.queues.values():
            queue(connection.default_channel).declare()
    client = redis.Redis.from_url(url)
    client.delete(*QUEUES)
    yield url
    client.flushdb()


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("feedback.tasks.process_feedback", "feedback"),
        ("feedback.tasks.send_safeguarding_alert", "email"),
        ("website.tasks.heartbeat", "maintenance"),
        ("some.unrouted.task", "maintenance"),
    ],
)
def test_a_task_is_delivered_to_its_queue_only(broker_url, task, queue):
    # when a task is published (nothing consumes it here)
    with (
        app.connection_for_write(broker_url) as connection,
        app.amqp.Producer(connection) as producer,
    ):
        app.send_task(task, args=[1], producer=producer)
    # then exactly one copy waits, on its own queue
    client = redis.Redis.from_url(broker_url)
    assert {name: client.llen(name) for name in QUEUES} == {
        name: int(name == queue) for name in QUEUES
    }
