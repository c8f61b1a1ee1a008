"""Queueing feedback work: the one place the POST, the worker and the sweeper send tasks from.

Tasks are named, not imported, so this module depends on nothing else in `feedback`; their queues
come from CELERY_TASK_ROUTES. A stored row is the record of work owed, so a broker outage is
logged and survived, never raised: the sweeper queues the row again later.
"""

import logging
import threading
import time

from celery import current_app

from django.conf import settings

from website.celery_app import BROKER_ERRORS

logger = logging.getLogger(__name__)

PROCESS_FEEDBACK = "feedback.tasks.process_feedback"
SEND_SAFEGUARDING_ALERT = "feedback.tasks.send_safeguarding_alert"


class BrokerCircuit:
    """Per-process memory of a broker failure: while open, sends are skipped without connecting.

    The lock only guards these fields; it is never held while talking to the broker, so
    concurrent requests never queue behind one another's connect timeout.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.open_until = 0.0
        self.down = False

    def allows(self, *, now: float) -> bool:
        """Whether a send may try the broker now."""
        with self._lock:
            return now >= self.open_until

    def failed(self, *, now: float, seconds: float) -> bool:
        """Open the circuit for `seconds`; True if this failure starts an outage."""
        with self._lock:
            self.open_until = now + seconds
            started, self.down = not self.down, True
            return started

    def succeeded(self) -> bool:
        """Close the circuit; True if this success ends an outage."""
        with self._lock:
            ended, self.down = self.down, False
            self.open_until = 0.0
            return ended

    def close(self) -> None:
        """Forget any outage (tests, after they start the broker again)."""
        self.succeeded()


circuit = BrokerCircuit()


def _send(task_name: str, feedback_id: int) -> bool:
    if not circuit.allows(now=time.monotonic()):
        return False
    try:
        current_app.signature(task_name, args=(feedback_id,)).apply_async()
    except BROKER_ERRORS as exc:
        if circuit.failed(now=time.monotonic(), seconds=settings.BROKER_CIRCUIT_SECONDS):
            # One line per outage, not per request. The exception's text can carry the broker
            # URL; its class name is enough.
            logger.warning(
                "Broker unavailable (%s); %s for feedback %s and later work left for the "
                "sweeper, retrying the broker every %s s",
                type(exc).__name__,
                task_name.rsplit(".", 1)[-1],
                feedback_id,
                settings.BROKER_CIRCUIT_SECONDS,
            )
        return False
    if circuit.succeeded():
        logger.info("Broker available again; queueing resumed")
    return True


def enqueue_processing(feedback_id: int) -> bool:
    """Queue the analysis of one stored response; False if the broker could not take it."""
    return _send(PROCESS_FEEDBACK, feedback_id)


def enqueue_alert(feedback_id: int) -> bool:
    """Queue the safeguarding alert for one flagged response; False if the broker is down."""
    return _send(SEND_SAFEGUARDING_ALERT, feedback_id)
