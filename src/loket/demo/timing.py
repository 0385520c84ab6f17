"""Where a load's time goes: wall-clock and CPU seconds per phase.

On a shared machine the wall-clock time grows with everyone else's load; the CPU time does not. The CPU counted is
this process's plus its PostgreSQL backend's when the server runs on this machine (the backend does the inserts'
and the queries' work), so the sum is about the time the load takes on a quiet machine.
"""

import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_backend = {"connection": None, "pid": None}


def _backend_stat_path() -> str | None:
    """The /proc file of this connection's PostgreSQL backend (asked once per connection), or None."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    if _backend["connection"] is not connection.connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _backend.update(connection=connection.connection, pid=cursor.fetchone()[0])
    return f"/proc/{_backend['pid']}/stat"


def database_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend when the server runs on this machine (else 0)."""
    path = _backend_stat_path()
    if path is None:
        return 0.0
    try:
        with open(path) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:  # the database runs elsewhere
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> float:
    """CPU time of this process, plus its PostgreSQL backend's when the server runs on this machine."""
    return time.process_time() + database_cpu_seconds()


class PhaseClock:
    """Adds up wall-clock and CPU seconds per named phase; phases may repeat (one per week) but do not nest."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)  # this process and its database backend
        self.db: dict[str, float] = defaultdict(float)  # of which the database backend
        self.started = time.perf_counter()
        self.cpu_started = cpu_seconds()
        self.db_started = database_cpu_seconds()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, process, db = time.perf_counter(), time.process_time(), database_cpu_seconds()
        try:
            yield
        finally:
            db_used = database_cpu_seconds() - db
            self.wall[name] += time.perf_counter() - wall
            self.cpu[name] += time.process_time() - process + db_used
            self.db[name] += db_used

    def summary(self) -> str:
        """The CPU seconds of each phase so far, on one line (for progress messages)."""
        return ", ".join(f"{name} {cpu:.0f}" for name, cpu in sorted(self.cpu.items(), key=lambda kv: -kv[1]))

    def cpu_total(self) -> float:
        return cpu_seconds() - self.cpu_started

    def report(self) -> list[str]:
        """One line per phase, slowest first (by CPU), and the total."""
        total_wall = time.perf_counter() - self.started
        total_cpu = self.cpu_total()
        total_db = database_cpu_seconds() - self.db_started
        width = max((len(name) for name in self.wall), default=5)
        lines = [f"  {'phase':<{width}}  {'wall s':>8}  {'CPU s':>8}  {'of which database':>17}"]
        rows = [(name, self.wall[name], self.cpu[name], self.db[name]) for name in self.cpu]
        rows.sort(key=lambda row: -row[2])
        rows.append(
            (
                "(other)",
                total_wall - sum(self.wall.values()),
                total_cpu - sum(self.cpu.values()),
                total_db - sum(self.db.values()),
            )
        )
        rows.append(("total", total_wall, total_cpu, total_db))
        for name, wall, cpu, db in rows:
            lines.append(f"  {name:<{width}}  {wall:8.1f}  {cpu:8.1f}  {db:17.1f}")
        return lines
