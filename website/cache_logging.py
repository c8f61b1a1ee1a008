"""One warning when the cache (Redis) becomes unreachable and one line when it is back.

django-redis with IGNORE_EXCEPTIONS logs a traceback on every call while Redis is down; this
filter, on the logger named by DJANGO_REDIS_LOGGER, keeps the first and drops the rest.
"""

import logging
import threading
import time

QUIET_SECONDS = 30.0


class CacheOutageFilter(logging.Filter):
    """Pass the first failure of an outage, as one short warning; drop the rest.

    An outage is over once QUIET_SECONDS pass with no failure; a timer then logs that.
    """

    def __init__(self, name: str = "", quiet_seconds: float = QUIET_SECONDS) -> None:
        super().__init__(name)
        self.quiet_seconds = quiet_seconds
        self._lock = threading.Lock()
        self._last_failure: float | None = None
        self._logger_name = "website.cache"

    def reset(self) -> None:
        """Forget any outage in progress (for tests)."""
        with self._lock:
            self._last_failure = None

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            starting = self._last_failure is None
            self._last_failure = now
        if not starting:
            return False
        record.msg = "Cache (Redis) unreachable: carrying on without it (%s)"
        record.args = (type(record.exc_info[1]).__name__ if record.exc_info else "error",)
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        self._watch(self.quiet_seconds)
        return True

    def _watch(self, delay: float) -> None:
        timer = threading.Timer(delay, self._check)
        timer.daemon = True
        timer.start()

    def _check(self) -> None:
        with self._lock:
            quiet_for = time.monotonic() - (self._last_failure or 0)
            over = quiet_for >= self.quiet_seconds
            if over:
                self._last_failure = None
        if over:
            logging.getLogger(self._logger_name).info(
                "Cache (Redis) reachable again: no failure for %g s", self.quiet_seconds
            )
        else:
            self._watch(self.quiet_seconds - quiet_for)
