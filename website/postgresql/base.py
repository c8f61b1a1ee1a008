"""Django's PostgreSQL backend, with a health check that needs no round trip when it can.

CONN_HEALTH_CHECKS sends `SELECT 1` before the first query of every request: on the feedback form
that round trip cost as much client time as the INSERT itself (bench/submit.py). An idle server
writes nothing unasked except to say it is closing the connection (restart, terminate, idle
timeout), then closes it; so an idle connection whose socket has nothing to read is as usable as
`SELECT 1` could tell. Anything else (data waiting, a transaction open, a broken connection) falls
back to Django's query. The same liveness check as go-sql-driver/mysql's CheckConnLiveness.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL; an idle connection the server has said nothing on is usable without a query."""

    def is_usable(self) -> bool:
        if self._idle_and_silent():
            return True
        return super().is_usable()

    def _idle_and_silent(self) -> bool:
        connection = self.connection
        if connection is None or not base.is_psycopg3 or connection.closed or connection.broken:
            return False
        pgconn = connection.pgconn
        if (
            pgconn.status != base.Database.pq.ConnStatus.OK
            or pgconn.transaction_status != base.Database.pq.TransactionStatus.IDLE
        ):
            return False
        poller = select.poll()
        poller.register(pgconn.socket, select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
