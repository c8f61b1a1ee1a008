"""Queueing feedback work: the one place the POST, the worker and the sweeper send tasks from.

Tasks are named, not imported, so this module depends on nothing else in `feedback`; their queues
come from CELERY_TASK_ROUTES. A stored row is the record of work owed, so a broker outage is
logged and survived, never raised: the sweeper queues the row again later.
"""

import logging

from celery import current_app
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PROCESS_FEEDBACK = "feedback.tasks.process_feedback"
SEND_SAFEGUARDING_ALERT = "feedback.tasks.send_safeguarding_alert"
# What a broker outage raises from apply_async with task_publish_retry off.
BROKER_ERRORS = (KombuOperationalError, RedisError, ConnectionError, TimeoutError, OSError)


def _send(task_name: str, feedback_id: int) -> bool:
    try:
        current_app.signature(task_name, args=(feedback_id,)).apply_async()
    except BROKER_ERRORS as exc:
        # The exception's text can carry the broker URL; its class name is enough.
        logger.warning(
            "Broker unavailable (%s); %s for feedback %s left for the sweeper",
            type(exc).__name__,
            task_name.rsplit(".", 1)[-1],
            feedback_id,
        )
        return False
    return True


def enqueue_processing(feedback_id: int) -> bool:
    """Queue the analysis of one stored response; False if the broker could not take it."""
    return _send(PROCESS_FEEDBACK, feedback_id)


def enqueue_alert(feedback_id: int) -> bool:
    """Queue the safeguarding alert for one flagged response; False if the broker is down."""
    return _send(SEND_SAFEGUARDING_ALERT, feedback_id)
