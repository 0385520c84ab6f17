"""The load test's and fault drill's own PostgreSQL: a cluster in var/pg-drill on its own port (55432), trust
authentication on the loopback address, started, restarted and stopped by the drill itself. It never touches the
PostgreSQL other work uses, so the drill may restart it freely; a machine needs only the PostgreSQL binaries."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
DATA = VAR / "pg-drill"
RUN = VAR / "pg-drill-run"  # the unix socket and the server's log
HOST = "127.0.0.1"
PORT = int(os.environ.get("LOKET_DRILL_PGPORT", "55432"))
USER = "postgres"


def binary(name: str) -> str:
    """The newest installed PostgreSQL's program (Debian keeps them out of PATH), else the one on PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if found:
        return str(found[-1])
    on_path = shutil.which(name)
    if not on_path:
        raise SystemExit(f"the drill needs PostgreSQL's {name} (install the PostgreSQL server package)")
    return on_path


def _as_owner(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; on a machine where the drill runs as root, the cluster belongs to `postgres`.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _own(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
        path.chmod(0o700)


def url(database: str) -> str:
    return f"postgres://{USER}@{HOST}:{PORT}/{database}"


def init() -> None:
    if (DATA / "PG_VERSION").exists():
        return
    _own(DATA)
    subprocess.run(
        _as_owner(
            [binary("initdb"), "-D", str(DATA), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C.UTF-8"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def running() -> bool:
    return (
        subprocess.run(
            _as_owner([binary("pg_ctl"), "-D", str(DATA), "status"]), stdout=subprocess.DEVNULL
        ).returncode
        == 0
    )


def start() -> None:
    init()
    _own(RUN)
    if running():
        return
    options = f"-p {PORT} -k {RUN} -c listen_addresses={HOST} -c max_connections=200"
    subprocess.run(
        _as_owner(
            [binary("pg_ctl"), "-D", str(DATA), "-l", str(RUN / "server.log"), "-o", options, "-w", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def stop() -> None:
    if (DATA / "PG_VERSION").exists() and running():
        subprocess.run(
            _as_owner([binary("pg_ctl"), "-D", str(DATA), "-m", "fast", "-w", "stop"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )


def restart(down_seconds: float) -> tuple[float, float]:
    """Stop (fast: every session is cut, open transactions roll back), stay down `down_seconds`, start again.
    Returns the monotonic times at which the stop began and the server accepted connections again."""
    began = time.monotonic()
    stop()
    time.sleep(down_seconds)
    start()
    return began, time.monotonic()


def recreate(database: str) -> None:
    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
