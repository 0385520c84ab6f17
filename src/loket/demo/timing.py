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


def cpu_seconds() -> float:
    """CPU time of this process, plus its PostgreSQL backend's when the server runs on this machine."""
    seconds = time.process_time()
    path = _backend_stat_path()
    if path is not None:
        try:
            with open(path) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            seconds += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:  # the database runs elsewhere
            pass
    return seconds


class PhaseClock:
    """Adds up wall-clock and CPU seconds per named phase; phases may repeat (one per week) but do not nest."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.started = time.perf_counter()
        self.cpu_started = cpu_seconds()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            self.wall[name] += time.perf_counter() - wall
            self.cpu[name] += cpu_seconds() - cpu

    def cpu_total(self) -> float:
        return cpu_seconds() - self.cpu_started

    def report(self) -> list[str]:
        """One line per phase, slowest first (by CPU), and the total."""
        total_wall = time.perf_counter() - self.started
        total_cpu = self.cpu_total()
        width = max((len(name) for name in self.wall), default=5)
        lines = [f"  {'phase':<{width}}  {'wall s':>8}  {'CPU s':>8}"]
        for name in sorted(self.cpu, key=lambda n: -self.cpu[n]):
            lines.append(f"  {name:<{width}}  {self.wall[name]:8.1f}  {self.cpu[name]:8.1f}")
        rest_wall = total_wall - sum(self.wall.values())
        rest_cpu = total_cpu - sum(self.cpu.values())
        lines.append(f"  {'(other)':<{width}}  {rest_wall:8.1f}  {rest_cpu:8.1f}")
        lines.append(f"  {'total':<{width}}  {total_wall:8.1f}  {total_cpu:8.1f}")
        return lines
