"""Opening-day rush against gunicorn + PostgreSQL on this machine, and the fault drill.

    make loadtest      # the rush: throughput, p95 latency, errors
    make faultdrill    # the same rush, with PostgreSQL restarted in the middle; then checks nothing accepted was lost

Only loopback addresses are used; the run is bounded in users and time and stops by itself.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
HOST, PORT, USER = (
    os.environ.get("PGHOST", "127.0.0.1"),
    os.environ.get("PGPORT", "5432"),
    os.environ.get("PGUSER", "postgres"),
)
DB = "loket_load"
APP = "127.0.0.1:8765"
BIN = Path(sys.executable).parent


def db_url(db: str) -> str:
    return f"postgres://{USER}@{HOST}:{PORT}/{db}"


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.conf.loadtest",
        "DATABASE_URL": db_url(DB),
        "SECRET_KEY": "load-test-only-" + "x" * 50,
        "LOKET_NATIONAL_NUMBER_KEY": "load-test-only-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOAD_RECORD": str(VAR / "load-accepted.txt"),
    }


def prepare(parents: int) -> None:
    with psycopg.connect(db_url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB)))
    manage = [str(BIN / "loket-manage")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env(), check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "load_demo"], env=env(), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*manage, "load_test_parents", str(parents)], env=env(), check=True, stdout=subprocess.DEVNULL
    )


def wait_ready(timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{APP}/health/ready", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the app did not become ready")


def restart_postgresql() -> float:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    started = time.perf_counter()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def read_stats(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    failures = {}
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv") as handle:
            for row in csv.DictReader(handle):
                failures[f"{row['Method']} {row['Name']}: {row['Error'][:80]}"] = int(row["Occurrences"])
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "per_endpoint": {
            name: (int(r["Request Count"]), float(r["95%"]))
            for name, r in rows.items()
            if name != "Aggregated"
        },
        "failure_kinds": failures,
    }


def accepted_missing() -> tuple[int, int]:
    record = VAR / "load-accepted.txt"
    references = (
        [line.strip() for line in record.read_text().splitlines() if line.strip()] if record.exists() else []
    )
    if not references:
        return 0, 0
    with psycopg.connect(db_url(DB)) as conn:
        found = {
            r[0]
            for r in conn.execute(
                "SELECT reference FROM demand_family WHERE reference = ANY(%s)", (references,)
            )
        }
    return len(references), len(set(references) - found)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL during the rush")
    args = parser.parse_args()

    VAR.mkdir(exist_ok=True)
    (VAR / "load-accepted.txt").unlink(missing_ok=True)
    prepare(parents=50)
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "loket.wsgi",
            "--workers",
            str(args.workers),
            "--threads",
            "2",
            "--bind",
            APP,
            "--log-level",
            "warning",
            "--timeout",
            "30",
            # Longer than a client's pause between calls: with gunicorn's default of 2 s, a connection the server
            # closes just as the client reuses it is reset (a reverse proxy in production keeps its own pool).
            "--keep-alive",
            "30",
        ],
        env=env(),
        cwd=ROOT,
    )
    try:
        wait_ready()
        prefix = VAR / ("faultdrill" if args.fault else "loadtest")
        locust = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 5)),
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://{APP}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "5",
            ],
            env=env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        restart_seconds = None
        if args.fault:
            time.sleep(args.seconds / 3)
            restart_seconds = restart_postgresql()
        locust.wait(timeout=args.seconds + 60)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    stats = read_stats(prefix)
    accepted, missing = accepted_missing()
    title = "fault drill (PostgreSQL restarted during the rush)" if args.fault else "opening-day rush"
    print(
        f"{title}: {args.users} users for {args.seconds} s against gunicorn ({args.workers} workers x 2 threads) + PostgreSQL"
    )
    print(
        f"  requests {stats['requests']}, throughput {stats['rps']:.1f} req/s, p50 {stats['p50']:.0f} ms, "
        f"p95 {stats['p95']:.0f} ms, errors {stats['failures']}"
    )
    for name, (count, p95) in sorted(stats["per_endpoint"].items()):
        print(f"    {name:<32} {count:>6} requests, p95 {p95:.0f} ms")
    for kind, count in stats["failure_kinds"].items():
        print(f"  error: {count} x {kind}")
    if restart_seconds is not None:
        print(f"  PostgreSQL restart took {restart_seconds:.1f} s")
    print(f"  registrations accepted {accepted}, missing afterwards (rows lost): {missing}")
    if missing:
        return 1
    return 0 if args.fault or stats["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
