"""Benchmark of the reports' pages on a realistic history: N childcare requests (1,000,000 by default) over 5
years, 300 municipalities, 120 desks, 5,400 locations, loaded with COPY into a dedicated PostgreSQL database.

It requests every report page as the regional agency and as one desk's policy viewer would, through Django's own
request handling (views, templates, middleware; no network), and prints per page the server time (median of 5
after one warm-up), the CPU time it took in this process and its PostgreSQL backend (what the page costs on a quiet
machine, whatever else the machine runs), the number of queries and the size of the answer. The region's dashboard on the whole history
is the figure the target is about (≤ 2 s on a quiet 2-core machine). It also prints what the dashboard's parts
cost alone (queries, disclosure control) so a regression can be placed.

The reports' summaries (reports.RequestSummary, reports.MonthlyChanges) are built as production builds them:
triggers are switched off for the COPY (as for any bulk load) and the summaries are then rebuilt with the code of
`loket-manage refresh_report_summaries`; every run times that full rebuild, and the triggers' cost on a status
change. The tables are vacuumed and analysed before timing, as autovacuum keeps a production database.

    .venv/bin/python bench/reports.py                       # 1,000,000 requests (reuses the database if loaded)
    .venv/bin/python bench/reports.py --requests 200000     # smaller
    BENCH_REPORTS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/reports.py
"""

import argparse
import hashlib
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_reports"
# Its own database, never DATABASE_URL: the load truncates every demand and supply table.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
os.environ["DEBUG"] = "false"  # as in production: no debug pages, no query log kept between requests
os.environ["ALLOWED_HOSTS"] = "testserver"

N_DESKS, N_MUNICIPALITIES, NEIGHBOURHOODS_PER_M, LOCATIONS_PER_M = 120, 300, 5, 18
FIRST_DAY = date(2021, 1, 1)
DECLINE_REASONS = ("Te ver van huis", "Andere opvang gevonden", "Startdatum past niet", "Te duur", "")
DAYS = 5 * 365
# The tables the load fills (in this order), and the reports' summaries built from them.
LOADED = (
    "areas_desk",
    "areas_municipality",
    "areas_neighbourhood",
    "areas_postcode",
    "supply_organiser",
    "supply_location",
    "supply_opening",
    "demand_family",
    "demand_guardian",
    "demand_child",
    "demand_childcarerequest",
    "demand_choice",
    "demand_statuschange",
)
VACUUMED = (*LOADED, "reports_requestsummary", "reports_monthlychanges")


def ensure_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _filled_columns(table: str, columns: list[str]) -> tuple[list[str], tuple]:
    """The table's required columns the bench does not name, with the model's default: a field added to a model
    later then does not break the COPY (the bench says what it measures; the rest takes what a form would give)."""
    from django.apps import apps
    from django.db.models import NOT_PROVIDED

    model = next(m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table)
    extra, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in columns or field.null:
            continue
        if field.default is not NOT_PROVIDED:
            default = field.default() if callable(field.default) else field.default
        elif field.blank:
            default = ""
        else:
            raise SystemExit(
                f"bench/reports.py: {table}.{field.column} needs a value; add it to the bench's COPY"
            )
        extra.append(field.column)
        values.append(getattr(default, "value", default))
    return extra, tuple(values)


def copy_rows(cursor, table: str, columns: list[str], rows) -> int:
    extra, values = _filled_columns(table, columns)
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns + extra)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((*row, *values))
            n += 1
    return n


def load(n_requests: int) -> None:
    from django.db import connection

    rng = random.Random(20261123)
    now = datetime(2026, 1, 15, tzinfo=UTC)
    started = time.perf_counter()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor underneath, for COPY
        tables = (
            "demand_statuschange, demand_choice, demand_childcarerequest_siblings_at, demand_childcarerequest, "
            "demand_child, demand_guardian, demand_family, supply_opening, supply_location, supply_organiser, "
            "areas_postcode, areas_neighbourhood, areas_municipality, areas_desk, reports_requestsummary, "
            "reports_monthlychanges"
        )
        cursor.execute(f"TRUNCATE {tables} CASCADE")
        # A bulk load: no triggers (the report summary is rebuilt in one statement afterwards, see main()).
        cursor.execute("SET session_replication_role = replica")
        copy_rows(
            cursor,
            "areas_desk",
            [
                "id",
                "name",
                "slug",
                "email",
                "phone",
                "address",
                "max_choices",
                "offer_deadline_days",
                "provider_confirmation_required",
                "reconfirm_every_days",
                "reconfirm_grace_days",
                "followup_after_weeks",
                "free_places_fresh_days",
                "provider_answer_days",
                "rounds_every_weeks",
                "horizon_months",
                "earliest_offer_months",
                "retention_months",
                "created_at",
            ],
            (
                (
                    d,
                    f"Loket {d}",
                    f"loket-{d}",
                    "",
                    "",
                    "",
                    5,
                    10,
                    True,
                    90,
                    14,
                    6,
                    30,
                    21,
                    4,
                    9,
                    7,
                    24,
                    now,
                )
                for d in range(1, N_DESKS + 1)
            ),
        )
        provinces = ["VAN", "VLI", "VOV", "VBR", "VWV"]
        copy_rows(
            cursor,
            "areas_municipality",
            ["id", "name", "nis_code", "province", "desk_id"],
            (
                (m, f"Gemeente {m}", f"{10000 + m}", provinces[m % 5], (m - 1) % N_DESKS + 1)
                for m in range(1, N_MUNICIPALITIES + 1)
            ),
        )
        n_nb = N_MUNICIPALITIES * NEIGHBOURHOODS_PER_M
        copy_rows(
            cursor,
            "areas_neighbourhood",
            ["id", "name", "code", "municipality_id"],
            ((n, f"Wijk {n}", f"W{n}", (n - 1) // NEIGHBOURHOODS_PER_M + 1) for n in range(1, n_nb + 1)),
        )
        copy_rows(
            cursor,
            "areas_postcode",
            ["id", "code", "place", "municipality_id", "neighbourhood_id", "latitude", "longitude"],
            (
                (n, f"{1000 + n % 8999}", f"Plaats {n}", (n - 1) // NEIGHBOURHOODS_PER_M + 1, n, 51.0, 4.0)
                for n in range(1, n_nb + 1)
            ),
        )
        n_org = 600
        copy_rows(
            cursor,
            "supply_organiser",
            ["id", "name", "legal_form", "enterprise_number", "email", "phone", "contact_name"],
            ((o, f"Organisator {o}", "vzw", "", "", "", "") for o in range(1, n_org + 1)),
        )
        locations = []
        n_loc = N_MUNICIPALITIES * LOCATIONS_PER_M
        for loc in range(1, n_loc + 1):
            m = (loc - 1) // LOCATIONS_PER_M + 1
            nb = (m - 1) * NEIGHBOURHOODS_PER_M + rng.randint(1, NEIGHBOURHOODS_PER_M)
            family_care = rng.random() < 0.4
            capacity = rng.randint(4, 8) if family_care else rng.randint(14, 60)
            regime = rng.choices(["income", "free", "mix"], [0.6, 0.3, 0.1])[0]
            income_places = (
                capacity if regime == "income" else (0 if regime == "free" else max(1, capacity // 2))
            )
            if regime == "mix" and income_places >= capacity:
                regime, income_places = "income", capacity
            enrolled = rng.randint(capacity * 7 // 10, capacity)
            eligible = rng.randint(0, enrolled * 3 // 10)
            locations.append(
                (
                    loc,
                    (loc - 1) % n_org + 1,
                    f"Opvang {loc}",
                    "family" if family_care else "group",
                    "Straat 1",
                    nb,
                    m,
                    nb,
                    51.0,
                    4.0,
                    "",
                    "",
                    "",
                    "",
                    capacity,
                    0,
                    36,
                    31,
                    "07:00",
                    "18:30",
                    regime,
                    income_places,
                    "2B" if regime != "free" else "1",
                    enrolled,
                    eligible,
                    now,
                    True,
                )
            )
        copy_rows(
            cursor,
            "supply_location",
            [
                "id",
                "organiser_id",
                "name",
                "care_type",
                "street",
                "postcode_id",
                "municipality_id",
                "neighbourhood_id",
                "latitude",
                "longitude",
                "phone",
                "email",
                "description",
                "languages",
                "licensed_capacity",
                "age_min_months",
                "age_max_months",
                "weekdays_mask",
                "opens_at",
                "closes_at",
                "tariff_regime",
                "income_places",
                "subsidy_step",
                "enrolled_total",
                "enrolled_reserve_eligible",
                "enrolled_updated_at",
                "active",
            ],
            locations,
        )
        copy_rows(
            cursor,
            "supply_opening",
            [
                "id",
                "location_id",
                "tariff",
                "start_month",
                "weekdays_mask",
                "age_min_months",
                "age_max_months",
                "count",
                "urgent_only",
                "confirmed_at",
                "created_at",
            ],
            (
                (
                    i,
                    loc[0],
                    "free" if loc[20] == "free" else "income",
                    date(2026, 3, 1),
                    31,
                    0,
                    36,
                    rng.randint(1, 3),
                    False,
                    now,
                    now,
                )
                for i, loc in enumerate(locations[::2], start=1)
            ),
        )
        by_municipality = {}
        for loc in locations:
            by_municipality.setdefault(loc[6], []).append(loc[0])
        print(f"  areas and supply loaded in {time.perf_counter() - started:.1f} s", flush=True)

        # Families, guardians, children, requests, choices and status changes, one request per child.
        families, guardians, children, requests, choices, changes = [], [], [], [], [], []
        change_id = choice_id = 0
        # Requests are stored in the order they are registered, as in production (ids and registration dates
        # rise together), so a year's requests sit together on disk.
        moments = sorted(
            datetime.combine(FIRST_DAY + timedelta(days=rng.randrange(DAYS)), datetime.min.time(), UTC)
            + timedelta(minutes=rng.randrange(600) + 480)
            for _ in range(n_requests)
        )
        for r in range(1, n_requests + 1):
            m = rng.randint(1, N_MUNICIPALITIES)
            desk = (m - 1) % N_DESKS + 1
            postcode = (m - 1) * NEIGHBOURHOODS_PER_M + rng.randint(1, NEIGHBOURHOODS_PER_M)
            registered = moments[r - 1]
            birth = registered.date() + timedelta(days=rng.randint(-300, 150))
            start = (registered.date() + timedelta(days=rng.randint(60, 330))).replace(day=1)
            # 2 % of children are also registered at a neighbouring desk: same national-number hash.
            identity = r if rng.random() > 0.02 or r < 2 else r - 1
            facts = [rng.random() < p for p in (0.7, 0.15, 0.2, 0.06, 0.07, 0.01)]
            families.append((r, desk, f"F{r:08d}", postcode, "nl", "", registered))
            guardians.append((r, r, "Ouder", f"N{r}", "", "", True))
            children.append(
                (
                    r,
                    r,
                    "Kind",
                    birth if birth <= registered.date() else None,
                    birth if birth > registered.date() else None,
                    hashlib.sha256(str(identity).encode()).hexdigest(),
                )
            )
            age = (now - registered).days
            roll = rng.random()
            history = [("", "registered", registered)]
            t = registered
            if (age > 400 and roll < 0.58) or (age <= 400 and roll < 0.35):
                if rng.random() < 0.12:
                    t += timedelta(days=rng.randint(20, 150))
                    history += [("registered", "offered", t)]
                    t += timedelta(days=rng.randint(1, 10))
                    history += [("offered", "declined", t)]
                    t += timedelta(days=1)
                    history += [("declined", "registered", t)]
                if rng.random() < 0.9:
                    t += timedelta(days=rng.randint(20, 300))
                    history += [(history[-1][1], "offered", t)]
                    t += timedelta(days=rng.randint(1, 10))
                    history += [("offered", "accepted", t), ("accepted", "placed", t + timedelta(days=3))]
                else:
                    t += timedelta(days=rng.randint(20, 200))
                    history += [(history[-1][1], "placed", t)]
            elif roll < 0.75:
                t += timedelta(days=rng.randint(10, 300))
                history += [(history[-1][1], "withdrawn", t)]
            elif roll < 0.87 and age > 200:
                t += timedelta(days=rng.randint(120, 400))
                history += [(history[-1][1], "expired", t)]
            status = history[-1][1]
            closed = history[-1][2] if status in ("placed", "withdrawn", "expired") else None
            requests.append(
                (
                    r,
                    desk,
                    r,
                    status,
                    "web",
                    registered,
                    start,
                    start + timedelta(days=62),
                    7,
                    True,
                    True,
                    *facts,
                    registered,
                    "",
                    rng.random() < 0.03,
                    "",
                    "v1",
                    registered,
                    registered,
                    registered,
                    closed,
                )
            )
            for rank, loc in enumerate(rng.sample(by_municipality[m], rng.randint(1, 3)), start=1):
                choice_id += 1
                choices.append((choice_id, r, loc, rank))
            for frm, to, at in history:
                change_id += 1
                reason = rng.choice(DECLINE_REASONS) if to == "declined" else ""
                changes.append((change_id, r, frm, to, at, reason))
        print(f"  {n_requests} requests generated in {time.perf_counter() - started:.1f} s", flush=True)
        copy_rows(
            cursor,
            "demand_family",
            [
                "id",
                "desk_id",
                "reference",
                "postcode_id",
                "preferred_language",
                "access_code_hash",
                "created_at",
            ],
            families,
        )
        copy_rows(
            cursor,
            "demand_guardian",
            ["id", "family_id", "first_name", "last_name", "email", "phone", "is_primary"],
            guardians,
        )
        copy_rows(
            cursor,
            "demand_child",
            ["id", "family_id", "first_name", "birth_date", "due_date", "national_number_hash"],
            children,
        )
        copy_rows(
            cursor,
            "demand_childcarerequest",
            [
                "id",
                "desk_id",
                "child_id",
                "status",
                "channel",
                "registered_at",
                "start_earliest",
                "start_latest",
                "weekdays_mask",
                "accepts_income_tariff",
                "accepts_free_price",
                "work",
                "single_parent",
                "low_income",
                "health_or_care",
                "no_diploma",
                "foster",
                "sworn_statement_at",
                "facts_proof_seen",
                "urgent",
                "urgency_reason",
                "consent_version",
                "consented_at",
                "last_confirmed_at",
                "updated_at",
                "closed_at",
            ],
            requests,
        )
        copy_rows(cursor, "demand_choice", ["id", "request_id", "location_id", "rank"], choices)
        changes.sort(key=lambda change: change[4])  # stored in the order they happened
        copy_rows(
            cursor,
            "demand_statuschange",
            ["id", "request_id", "from_status", "to_status", "at", "reason"],
            ((i, *change[1:]) for i, change in enumerate(changes, start=1)),
        )
        for table in LOADED:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608 - our own table names
            )
        cursor.execute("SET session_replication_role = DEFAULT")
        # As after any bulk load: the planner's statistics of the loaded tables, before the summaries are built
        # from them (without, it plans the rebuild's per-request lookups for the empty tables it last saw).
        cursor.execute(f"ANALYZE {', '.join(LOADED)}")
    print(
        f"  loaded {n_requests} requests, {len(choices)} choices, {len(changes)} status changes "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def summary_upkeep(n: int = 2000) -> tuple[float, float]:
    """Seconds per request status change (the request's status and a row in its history, as
    `request_change_status` writes them) with the reports' triggers and without them, measured on `n` requests in
    a transaction that is rolled back."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM demand_childcarerequest ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    ids = ids[:: max(1, len(ids) // n)][:n]
    update = (
        "UPDATE demand_childcarerequest SET status = CASE status WHEN 'withdrawn' THEN 'registered' "
        "ELSE 'withdrawn' END WHERE id = %s"
    )
    history = (
        "INSERT INTO demand_statuschange (request_id, from_status, to_status, at, reason) "
        "VALUES (%s, 'registered', 'withdrawn', now(), '')"
    )
    seconds = []
    for role in ("DEFAULT", "replica"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL session_replication_role = {role}")
            started = time.perf_counter()
            for pk in ids:
                cursor.execute(update, [pk])
                cursor.execute(history, [pk])
            seconds.append((time.perf_counter() - started) / len(ids))
            transaction.set_rollback(True)
    return seconds[0], seconds[1]


def _cpu_seconds() -> float:
    """CPU time used so far by this process and by its PostgreSQL backend (the server runs on this machine). On a
    shared machine the wall-clock time of a page grows with everyone else's load; its CPU time does not, and it is
    what the page takes on a quiet machine (the data is in memory after the warm-up)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    with open(f"/proc/{backend}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    database = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return time.process_time() + database


def median_time(fn, runs: int = 5) -> tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds (this process and its database backend) of `fn`."""
    fn()  # warm-up: caches, compiled templates, the first connection
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), _cpu_seconds()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(_cpu_seconds() - started_cpu)
    return statistics.median(times), statistics.median(cpu)


def bench_users():
    from loket.accounts.choices import Role
    from loket.accounts.models import RoleAssignment, User

    def user(email: str, **scope) -> User:
        person, _created = User.objects.get_or_create(email=email, defaults={"full_name": email})
        RoleAssignment.objects.get_or_create(user=person, role=Role.POLICY_VIEWER, **scope)
        return person

    return {
        "region": user("bench-regional@example.org"),
        "desk": user("bench-desk7@example.org", desk_id=7),
    }


PERIOD = "date_from=2025-01-01&date_to=2025-12-31"
PAGES = (
    # (who, page, url)
    ("region", "dashboard, region, 12 months", f"/rapporten/?{PERIOD}"),
    ("region", "dashboard, one desk", f"/rapporten/?{PERIOD}&desk=7"),
    ("region", "table: neighbourhoods, page 2", f"/rapporten/tabel/areas_neighbourhood/?{PERIOD}&page=2"),
    ("region", "table: locations, page 50", f"/rapporten/tabel/fair_access_locations/?{PERIOD}&page=50"),
    ("region", "regional view (120 desks)", f"/rapporten/regio/?{PERIOD}"),
    ("region", "agency figures 2025", "/rapporten/agentschap/?year=2025"),
    ("region", "home (key figures)", "/cijfers/"),
    ("region", "CSV: neighbourhoods", f"/rapporten/export/areas_neighbourhood.csv?{PERIOD}"),
    ("region", "XLSX: whole dashboard", f"/rapporten/export/dashboard.xlsx?{PERIOD}"),
    ("region", "CSV: agency figures", "/rapporten/agentschap/export.csv?year=2025"),
    ("desk", "dashboard, own desk", f"/rapporten/?{PERIOD}"),
    ("desk", "yearly PDF, own desk", "/rapporten/jaarrapport/?year=2025"),
)


def bench_pages(users) -> list[tuple]:
    from django.db import connection
    from django.test import Client

    clients = {}
    for who, person in users.items():
        clients[who] = Client()
        clients[who].force_login(person)
    results = []
    for who, name, url in PAGES:
        client = clients[who]
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        seconds, cpu = median_time(lambda c=client, u=url: c.get(u))
        results.append((name, who, seconds, cpu, len(queries), len(response.content)))
        print(
            f"  {name:34} {seconds:7.3f} s {cpu:7.3f} s CPU {len(queries):4} queries "
            f"{len(response.content) / 1024:8.0f} kB",
            flush=True,
        )
    return results


def bench_parts() -> list[tuple]:
    """The region's dashboard in parts: its queries, then the disclosure control of the whole report."""
    from loket.reports.dashboard import Dashboard
    from loket.reports.filters import ReportFilter
    from loket.reports.tuning import tuned

    f = ReportFilter(
        desk_ids=None, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), today=date(2026, 1, 15)
    )

    def queries():
        with tuned():
            return Dashboard(f).report()

    report = queries()
    return [
        ("region's dashboard: its queries", median_time(queries)),
        ("region's dashboard: disclosure control", median_time(report.published)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument(
        "--reload", action="store_true", help="load again even if the database holds the data"
    )
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from loket.demand.models import ChildcareRequest

    call_command(
        "migrate", verbosity=0
    )  # a new database: the migrations build the (empty) summaries and triggers
    if args.reload or ChildcareRequest.objects.count() != args.requests:
        print(f"Loading {args.requests} requests into {os.environ['DATABASE_URL']} …", flush=True)
        load(args.requests)
    else:
        print(f"Reusing {args.requests} requests in {os.environ['DATABASE_URL']}.")
    # The summaries, rebuilt from scratch as `loket-manage refresh_report_summaries` does (after a bulk load they
    # must be; on reused data it shows what a full refresh costs).
    started = time.perf_counter()
    call_command("refresh_report_summaries", stdout=io.StringIO())
    refresh = time.perf_counter() - started
    print(f"  report summaries rebuilt in {refresh:.1f} s", flush=True)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        # The loaded tables only: a database-wide VACUUM also takes the shared catalogs, which waits for any other
        # database's open transaction on the same server.
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(VACUUMED)}")
        print(f"  vacuumed and analysed in {time.perf_counter() - started:.1f} s", flush=True)
    with_triggers, without = summary_upkeep()
    print(
        f"  a status change: {with_triggers * 1000:.2f} ms with the summaries' triggers, {without * 1000:.2f} ms without",
        flush=True,
    )
    load_average = os.getloadavg()[0]
    with connection.cursor() as cursor:
        # One core per query, so that the backend's CPU time is all of it (parallel workers are other processes).
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    pages = bench_pages(bench_users())
    parts = bench_parts()
    print()
    print(
        f"Reports on {args.requests:,} requests, PostgreSQL, {os.cpu_count()} cores, load average {load_average:.1f}"
    )
    print()
    print("| page | as | seconds (median of 5) | CPU seconds (median of 5) | queries | kB |")
    print("|---|---|---:|---:|---:|---:|")
    for name, who, seconds, cpu, queries, size in pages:
        flag = " (over 2 s)" if cpu > 2 else ""
        print(f"| {name} | {who} | {seconds:.3f} | {cpu:.3f}{flag} | {queries} | {size / 1024:.0f} |")
    for name, (seconds, cpu) in parts:
        print(f"| {name} | – | {seconds:.3f} | {cpu:.3f} | | |")
    print(f"| refresh: both summaries rebuilt (refresh_report_summaries) | – | {refresh:.3f} | | | |")
    print(
        f"| upkeep: one status change, with / without the summaries' triggers | – | "
        f"{with_triggers:.5f} / {without:.5f} | | | |"
    )
    print()
    print(
        "CPU seconds: this process and its PostgreSQL backend, what a page costs on a quiet machine; the wall-clock "
        "seconds also hold the waiting for a core on a busy one. Target: the region's dashboard ≤ 2 s."
    )


if __name__ == "__main__":
    main()
