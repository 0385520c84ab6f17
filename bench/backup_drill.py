"""Backup and restore drill: dump a loaded Loket database with pg_dump, restore it into a fresh database with
pg_restore, and compare every table's row count and content checksum. Prints a table; exits 1 on any difference.

    make backupdrill            (PostgreSQL on 127.0.0.1:5432, user postgres; PGHOST/PGPORT/PGUSER change it)
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
HOST = os.environ.get("PGHOST", "127.0.0.1")
PORT = os.environ.get("PGPORT", "5432")
USER = os.environ.get("PGUSER", "postgres")
SOURCE, TARGET = "loket_drill", "loket_drill_restored"
DUMP = ROOT / "var" / "drill.dump"
MANAGE = [sys.executable, "-m", "loket.manage"]


def url(db: str) -> str:
    return f"postgres://{USER}@{HOST}:{PORT}/{db}"


def recreate(db: str) -> None:
    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))


def fingerprint(db: str) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table's content."""
    result = {}
    with psycopg.connect(url(db)) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ]
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') FROM {} t"
            ).format(sql.Identifier(table))
            count, digest = conn.execute(query).fetchone()
            result[table] = (count, digest)
    return result


def run(cmd: list[str], **env) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    DUMP.parent.mkdir(exist_ok=True)
    recreate(SOURCE)
    env = {"DATABASE_URL": url(SOURCE), "DJANGO_SETTINGS_MODULE": "loket.conf.dev"}
    run([*MANAGE, "migrate", "--noinput"], **env)
    run([*MANAGE, "load_demo"], **env)
    before = fingerprint(SOURCE)
    dump_s = run(["pg_dump", "-h", HOST, "-p", PORT, "-U", USER, "-Fc", "-f", str(DUMP), SOURCE])
    recreate(TARGET)
    restore_s = run(["pg_restore", "-h", HOST, "-p", PORT, "-U", USER, "-d", TARGET, "--no-owner", str(DUMP)])
    after = fingerprint(TARGET)

    differences = [t for t in sorted(set(before) | set(after)) if before.get(t) != after.get(t)]
    rows = sum(count for count, _ in before.values())
    print(f"{'table':<40} {'rows':>8}  checksum")
    for table, (count, digest) in before.items():
        mark = "DIFFERS" if table in differences else "same"
        print(f"{table:<40} {count:>8}  {digest[:12]}  {mark}")
    print(
        f"\nbackup drill: {len(before)} tables, {rows} rows, dump {DUMP.stat().st_size / 1024:.0f} KiB in {dump_s:.2f} s, "
        f"restore in {restore_s:.2f} s, tables differing: {len(differences)}, rows lost: "
        f"{sum(before[t][0] - after.get(t, (0, ''))[0] for t in before)}"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
