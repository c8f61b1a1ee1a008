"""publish_task: the message apply_async would send, on the real Redis, over a held channel."""

import json
import multiprocessing

import pytest
import redis
from kombu.exceptions import OperationalError

from website import task_publisher
from website.task_publisher import publish_task

# No worker consumes this queue, so what is published stays on the list to be read here.
QUEUE = "publisher-test"


@pytest.fixture
def broker(redis_server):
    from feedback.tasks import process_feedback

    client = redis.Redis.from_url(process_feedback.app.conf.broker_url)
    client.delete(QUEUE)
    yield client
    client.delete(QUEUE)


def _without_ids(raw: bytes) -> dict:
    message = json.loads(raw)
    headers, properties = message["headers"], message["properties"]
    assert headers.pop("id") == headers.pop("root_id") == properties.pop("correlation_id")
    assert properties.pop("delivery_tag")
    return message


def test_the_message_is_the_one_apply_async_sends(broker):
    from feedback.tasks import process_feedback

    # when the same task is sent both ways
    process_feedback.apply_async(args=[42], queue=QUEUE)
    task_id = publish_task(process_feedback, [42], queue=QUEUE)
    # then the worker would read the same message, but for its ids
    by_apply_async, by_publish_task = broker.rpop(QUEUE), broker.rpop(QUEUE)
    assert json.loads(by_publish_task)["headers"]["id"] == task_id
    assert _without_ids(by_publish_task) == _without_ids(by_apply_async)
    message = _without_ids(by_publish_task)
    assert message["headers"]["timelimit"] == [120, 100]
    assert message["properties"]["delivery_info"] == {"exchange": "", "routing_key": QUEUE}
    assert message["properties"]["delivery_mode"] == 2


def test_one_client_serves_every_publish(broker):
    from feedback.tasks import process_feedback

    publish_task(process_feedback, [1], queue=QUEUE)
    channel = task_publisher._channel(process_feedback.app)
    client = channel._create_client()
    publish_task(process_feedback, [2], queue=QUEUE)
    assert task_publisher._channel(process_feedback.app) is channel
    assert channel._create_client() is client
    assert broker.llen(QUEUE) == 2


def test_broker_down_raises_and_the_next_publish_reconnects(broker, redis_outage):
    from feedback.tasks import process_feedback

    # given Redis is down: the publish fails with an error callers catch
    with pytest.raises((OperationalError, redis.RedisError, OSError)):
        publish_task(process_feedback, [1], queue=QUEUE)
    # when Redis is back
    redis_outage.start()
    publish_task(process_feedback, [2], queue=QUEUE)
    # then the message is there
    assert json.loads(broker.rpop(QUEUE))["headers"]["argsrepr"] == "[2]"


def _publish_in_child(result):
    from feedback.tasks import process_feedback

    try:
        publish_task(process_feedback, [7], queue=QUEUE)
        result.put("sent")
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        result.put(repr(exc))


def test_a_forked_process_publishes_on_its_own_connection(broker):
    from feedback.tasks import process_feedback

    # given the parent holds a channel
    publish_task(process_feedback, [1], queue=QUEUE)
    parent_channel = task_publisher._channel(process_feedback.app)
    # when a forked child publishes (as a gunicorn or prefork worker would)
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    child = context.Process(target=_publish_in_child, args=(result,))
    child.start()
    child.join(timeout=30)
    # then the child's message arrives and the parent's channel still works
    assert result.get(timeout=5) == "sent"
    publish_task(process_feedback, [2], queue=QUEUE)
    assert task_publisher._channel(process_feedback.app) is parent_channel
    assert [json.loads(m)["headers"]["argsrepr"] for m in broker.lrange(QUEUE, 0, -1)] == [
        "[2]",
        "[7]",
        "[1]",
    ]
