"""
Planner statistics for SQLite.

SQLite chooses indexes from statistics that only ANALYZE gathers, and a database that
has never been analyzed gets plans made on guesses: on 100,000 posts, a topic page's
count read every published post instead of the topic's (27 ms instead of 2). SQLite's
advice for long-lived connections is to run `PRAGMA optimize` now and then: it analyzes
the tables this connection's queries used, when they have no statistics or have grown
or shrunk tenfold since they were taken, and does nothing otherwise. Each connection
runs it after its first request and then once an hour. (PostgreSQL's autovacuum keeps
its own statistics.)
"""

import logging
import time

from django.db import connections

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 3600


def keep_sqlite_statistics(**kwargs):
    """Connected to `request_finished`."""
    for connection in connections.all(initialized_only=True):
        if connection.vendor != "sqlite" or connection.connection is None:
            continue
        last = getattr(connection, "statistics_checked_at", None)
        now = time.monotonic()
        if last is not None and now - last < INTERVAL_SECONDS:
            continue
        connection.statistics_checked_at = now
        try:
            # On the driver's connection: not a query of the request's, nor in its log.
            # A full analysis (no sampling limit): sampled statistics misled the planner
            # as badly as none, and the analysis runs only when a table has changed.
            connection.connection.execute("PRAGMA analysis_limit=0")
            connection.connection.execute("PRAGMA optimize")
        except Exception as error:  # a busy or read-only database: try again in an hour
            logger.warning("PRAGMA optimize failed: %s", error)
