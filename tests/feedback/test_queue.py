"""The broker circuit: with Redis down, sends answer at once, in parallel, and log once."""

import logging
import threading
import time

import pytest
import redis

from feedback.factories import FeedbackFactory
from feedback.queue import BrokerCircuit, circuit, enqueue_processing
from website.celery_app import app

pytestmark = pytest.mark.django_db


def test_circuit_opens_for_its_seconds_and_reports_only_edges():
    # given
    breaker = BrokerCircuit()
    # when / then: the first failure starts an outage, later ones do not
    assert breaker.allows(now=0.0)
    assert breaker.failed(now=0.0, seconds=5) is True
    assert not breaker.allows(now=4.9)
    assert breaker.allows(now=5.0)
    assert breaker.failed(now=5.0, seconds=5) is False
    # the first success ends it, later ones do not
    assert breaker.succeeded() is True
    assert breaker.succeeded() is False
    assert breaker.allows(now=5.1)


def test_redis_down_answers_at_once_after_the_first_failure(service, redis_outage, settings):
    settings.BROKER_CIRCUIT_SECONDS = 30
    rows = [FeedbackFactory(service=service) for _ in range(5)]
    # given: the first send finds the broker down within its connect timeout
    started = time.monotonic()
    assert enqueue_processing(rows[0].pk) is False
    assert time.monotonic() - started < 1.5
    # when: more arrive while the circuit is open
    started = time.monotonic()
    results = [enqueue_processing(row.pk) for row in rows[1:]]
    # then: none touches the broker
    assert results == [False] * 4
    assert time.monotonic() - started < 0.05


def test_concurrent_sends_do_not_queue_behind_each_other(service, redis_outage, settings):
    # A circuit of zero seconds makes every send try the broker, as at the start of an outage.
    settings.BROKER_CIRCUIT_SECONDS = 0
    rows = [FeedbackFactory(service=service) for _ in range(4)]
    enqueue_processing(rows[0].pk)  # warm the connection machinery
    durations = []

    def send(pk):
        started = time.monotonic()
        enqueue_processing(pk)
        durations.append(time.monotonic() - started)

    # when four requests send at once
    threads = [threading.Thread(target=send, args=(row.pk,)) for row in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then the slowest waited about one connect timeout, not four
    assert max(durations) < 1.5, durations


def test_an_outage_logs_one_warning_and_its_end_one_info(service, redis_server, settings, caplog):
    settings.BROKER_CIRCUIT_SECONDS = 0
    rows = [FeedbackFactory(service=service) for _ in range(6)]
    caplog.set_level(logging.INFO, logger="feedback.queue")
    # given an outage during which three sends fail
    redis_server.stop()
    try:
        assert not any(enqueue_processing(row.pk) for row in rows[:3])
    finally:
        redis_server.start()
    circuit.open_until = 0.0  # the broker is back; skip waiting out the circuit
    # when three sends succeed
    assert all(enqueue_processing(row.pk) for row in rows[3:])
    # then
    records = [r for r in caplog.records if r.name == "feedback.queue"]
    assert [r.levelno for r in records] == [logging.WARNING, logging.INFO]
    redis.Redis.from_url(app.conf.broker_url).delete("feedback")
