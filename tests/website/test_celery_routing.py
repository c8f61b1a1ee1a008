"""Each task lands on exactly one queue of the real Redis broker."""

import pytest
import redis

from website.celery_app import app

QUEUES = ["feedback", "email", "maintenance"]


@pytest.fixture
def broker(redis_server):
    """The session's Redis, with every queue declared and bound as a worker does, and empty."""
    client = redis.Redis.from_url(redis_server.url)
    with app.connection_for_write() as connection:
        for queue in app.amqp.queues.values():
            queue(connection.default_channel).declare()
    client.delete(*QUEUES)
    yield client
    client.delete(*QUEUES)


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("feedback.tasks.process_feedback", "feedback"),
        ("feedback.tasks.send_safeguarding_alert", "email"),
        ("website.tasks.heartbeat", "maintenance"),
        ("some.unrouted.task", "maintenance"),
    ],
)
def test_a_task_is_delivered_to_its_queue_only(broker, task, queue):
    # when a task is published (nothing consumes it here)
    app.send_task(task, args=[1] if task.startswith("feedback") else [])
    # then exactly one copy waits, on its own queue
    assert {name: broker.llen(name) for name in QUEUES} == {
        name: int(name == queue) for name in QUEUES
    }
