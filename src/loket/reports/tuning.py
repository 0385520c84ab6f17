"""Room for a report's queries to sort and hash in memory."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def tuned():
    """On PostgreSQL: a larger work_mem for this transaction only (a region's year of requests is grouped at once;
    the default 4 MB spills to disk) and no JIT compilation (it costs more than it saves on these short
    aggregates). Elsewhere: nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        yield
