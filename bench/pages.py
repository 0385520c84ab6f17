"""Benchmark of the main pages at a city's and at all of Flanders' size, per role, on PostgreSQL.

Loads `loket-manage load_demo --scale city` and `--scale flanders` (a year of weekly rounds) into their own
PostgreSQL databases (reused when already loaded), then requests each main page as the role that uses it through
Django's own request handling (views, templates, middleware; no network) and prints per page the server time
(median of 5 after one warm-up), the CPU time of this process and its PostgreSQL backend (what the page costs on a
quiet machine), the number of queries and the size of the answer. It also times a round's job: prepare + run +
check of the first desk's round on today's data (rolled back afterwards).

Targets: every page ≤ 300 ms at city size and ≤ 1 s at Flanders size.

    .venv/bin/python bench/pages.py                      # city and flanders (each in its own database)
    .venv/bin/python bench/pages.py --scale city         # one scale
    BENCH_PAGES_CITY_DATABASE_URL=postgres://…/other .venv/bin/python bench/pages.py --scale city
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES = ("city", "flanders")
TARGETS = {"city": 0.3, "flanders": 1.0}


def database_url(scale: str) -> str:
    return os.environ.get(
        f"BENCH_PAGES_{scale.upper()}_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/loket_bench_{scale}"
    )


def ensure_database(url: str, *, fresh: bool = False) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _cpu_seconds() -> float:
    """CPU time used so far by this process and by its PostgreSQL backend (on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    with open(f"/proc/{backend}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return time.process_time() + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median_time(fn, runs: int = 5) -> tuple[float, float]:
    started = time.perf_counter()
    fn()  # warm-up
    if time.perf_counter() - started > 10:
        runs = 1  # far over any target: one more run tells as much, five would take minutes
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), _cpu_seconds()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(_cpu_seconds() - started_cpu)
    return statistics.median(times), statistics.median(cpu)


def users(scale: str) -> dict:
    from loket.accounts.choices import Role
    from loket.accounts.models import RoleAssignment, User

    domain = f"{scale}.loket.demo"
    people = {
        "parent": User.objects.get(email=f"ouder@{domain}"),
        "desk worker": User.objects.get(email=f"balie@{domain}"),
        "provider": User.objects.get(email=f"aanbieder@{domain}"),
        "policy": User.objects.get(email=f"beleid@{domain}"),
    }
    agent, _ = User.objects.get_or_create(
        email="bench-voorzet@example.org", defaults={"full_name": "Bench VoorZet"}
    )
    RoleAssignment.objects.get_or_create(user=agent, role=Role.SUPPORT_AGENT)
    people["support agent"] = agent
    return people


def provider_token(scale: str) -> str:
    """A fresh API token of the demo provider's organiser (the plain token is shown only once)."""
    from loket.accounts.models import Role, RoleAssignment
    from loket.api.tokens import token_issue
    from loket.supply.models import Organiser

    organiser = (
        RoleAssignment.objects.filter(user__email=f"aanbieder@{scale}.loket.demo", role=Role.PROVIDER_STAFF)
        .values_list("organiser", flat=True)
        .first()
    )
    _token, plain = token_issue(
        name="Bench pages",
        kind="provider",
        organiser=Organiser.objects.get(pk=organiser),
        rate_limit_per_minute=10_000,
    )
    return plain


def pages(scale: str) -> list[tuple[str, str, str]]:
    """(role, page, url): the main pages, with ids of this scale's data."""
    from loket.allocation.models import Round
    from loket.demand.models import Family
    from loket.supply.models import Location

    desk_slug = "gent" if scale == "city" else "flanders-antwerpen"
    latest = Round.objects.filter(desk__slug=desk_slug).order_by("-date", "-pk").only("pk").first()
    family = Family.objects.filter(desk__slug=desk_slug).order_by("-pk").only("reference").first()
    busiest = (
        Location.objects.filter(municipality__desk__slug=desk_slug)
        .order_by("-licensed_capacity", "pk")
        .only("pk")
        .first()
    )
    rows = [
        ("parent", "family: status", "/gezin/"),
        ("desk worker", "desk home", "/loket/"),
        ("desk worker", "follow-up queues", "/loket/opvolging/"),
        ("desk worker", "tasks", "/loket/taken/"),
        ("desk worker", "case (family)", f"/loket/dossier/{family.reference}/"),
        ("desk worker", "free places follow-up", "/aanbieder/opvolging/"),
        ("desk worker", "rounds list", "/rondes/"),
        ("desk worker", "round detail (latest)", f"/rondes/{latest.pk}/"),
        ("desk worker", "waiting lists", "/rondes/wachtlijsten/"),
        ("desk worker", "waiting list (largest location)", f"/rondes/wachtlijsten/{busiest.pk}/"),
        ("provider", "provider home", "/aanbieder/"),
        ("provider", "free places", "/aanbieder/vrije-plaatsen/"),
        ("provider", "proposals", "/rondes/voorstellen/"),
        ("policy", "reports dashboard", "/rapporten/"),
        ("policy", "key figures", "/cijfers/"),
        ("parent", "finder (public)", "/kinderopvang/zoeken/"),
        ("support agent", "support queue", "/voorzet/"),
        ("support agent", "knowledge base", "/voorzet/kennisbank/"),
        ("desk worker", "social map", "/loket/sociale-kaart/"),
        ("public", "API: open data locations", "/api/v1/open/locations"),
        ("provider API", "API: provider locations", "/api/v1/provider/locations"),
        ("provider API", "API: provider openings", "/api/v1/provider/openings"),
        ("provider API", "API: provider requests", "/api/v1/provider/requests"),
        ("provider API", "API: provider proposals", "/api/v1/provider/proposals"),
        ("provider API", "API: provider offers", "/api/v1/provider/offers"),
    ]
    return rows


def round_job_seconds(scale: str) -> float:
    """Prepare + run + check of the first desk's round on today's data, in a transaction rolled back."""
    from django.db import transaction
    from django.utils import timezone

    from loket.accounts.models import User
    from loket.allocation.services import round_prepare, round_recheck, round_run
    from loket.areas.models import Desk

    desk = Desk.objects.get(slug="gent" if scale == "city" else "flanders-antwerpen")
    actor = User.objects.get(email=f"balie@{scale}.loket.demo")
    with transaction.atomic():
        started = time.perf_counter()
        round_ = round_prepare(desk=desk, actor=actor, on=timezone.localdate())
        round_run(round=round_, actor=actor)
        round_recheck(round=round_, actor=actor)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def bench_one(scale: str, reload: bool) -> None:
    url = database_url(scale)
    ensure_database(url, fresh=reload)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import logging

    logging.getLogger("loket.access").setLevel(logging.WARNING)  # one line per request would hide the table
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from loket.demo.scale import scale_exists

    call_command("migrate", verbosity=0)
    if not scale_exists(scale):
        print(f"Loading --scale {scale} into {url} …", flush=True)
        started = time.perf_counter()
        call_command("load_demo", f"--scale={scale}", stdout=sys.stdout)
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        print(f"Reusing --scale {scale} in {url}.", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SET max_parallel_workers_per_gather = 0"
        )  # one core per query: its CPU time is all of it
    people = users(scale)
    clients = {
        "public": Client(),
        "provider API": Client(HTTP_AUTHORIZATION=f"Bearer {provider_token(scale)}"),
    }
    for role, person in people.items():
        clients[role] = Client()
        clients[role].force_login(person)
    load_average = os.getloadavg()[0]
    results = []
    for role, name, page in pages(scale):
        client = clients[role]
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = client.get(page)
        if response.status_code != 200:
            print(f"  {name:34} HTTP {response.status_code} ({page})", flush=True)
            results.append((name, role, page, None, None, len(queries), 0))
            continue
        seconds, cpu = median_time(lambda c=client, u=page: c.get(u))
        results.append((name, role, page, seconds, cpu, len(queries), len(response.content)))
        print(
            f"  {name:34} {seconds:7.3f} s {cpu:7.3f} s CPU {len(queries):4} queries "
            f"{len(response.content) / 1024:6.0f} kB",
            flush=True,
        )
    job = round_job_seconds(scale)
    target = TARGETS[scale]
    print()
    print(f"Pages at --scale {scale}, PostgreSQL, {os.cpu_count()} cores, load average {load_average:.1f}")
    print()
    print("| page | as | seconds (median of 5) | CPU seconds | queries | kB |")
    print("|---|---|---:|---:|---:|---:|")
    for name, role, page, seconds, cpu, n_queries, size in results:
        if seconds is None:
            print(f"| {name} (`{page}`) | {role} | error | | {n_queries} | |")
            continue
        flag = f" (over {target:g} s)" if cpu > target else ""
        print(
            f"| {name} (`{page}`) | {role} | {seconds:.3f} | {cpu:.3f}{flag} | {n_queries} | {size / 1024:.0f} |"
        )
    print(f"| round job: prepare + run + check, first desk | – | {job:.3f} | | | |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=SCALES, action="append", help="a scale (default: both)")
    parser.add_argument("--reload", action="store_true", help="drop the databases and load again")
    parser.add_argument("--one", choices=SCALES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        bench_one(args.one, args.reload)
        return
    # Each scale in its own process: Django binds one database per process.
    for scale in args.scale or SCALES:
        command = [sys.executable, __file__, "--one", scale, *(["--reload"] if args.reload else [])]
        subprocess.run(command, check=True, stdout=sys.stdout, stderr=sys.stderr)


if __name__ == "__main__":
    main()
