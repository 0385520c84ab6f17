"""Benchmark of the desk's search box at Flanders size: 70,000 families (one request each, in 10 desks), searched by a
desk worker of one desk as a browser does (view, selectors, template, audit). It prints, per kind of search, the
median milliseconds of 7 warm requests and the number of queries, at 7,000 and at 70,000 families, and fails when a
search takes more than 300 ms or the number of queries grows with the number of families.

    .venv/bin/python bench/desk_search.py                  # on SQLite (a file under var/) and, when reachable, PostgreSQL
    .venv/bin/python bench/desk_search.py --families 20000
    BENCH_DESK_SEARCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/desk_search.py
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/loket_bench_desk_search"
LIMIT_MS = 300
DESKS = 10
FIRST = [
    "Sofie",
    "Emma",
    "Youssef",
    "Lotte",
    "Mehmet",
    "An",
    "Pieter",
    "Fatima",
    "Jan",
    "Amira",
    "Lucas",
    "Noor",
]
LAST = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Van den Broeck",
    "El Amrani",
    "Yilmaz",
    "Dubois",
    "Lambert",
    "Vermeulen",
    "Hermans",
    "Aerts",
    "Bogaert",
]
CHILD = [
    "Amélie",
    "Lina",
    "Noah",
    "Mila",
    "Adam",
    "Olivia",
    "Louis",
    "Yasmine",
    "Vic",
    "Nora",
    "Elias",
    "Hanne",
]


def _reference(i: int) -> str:
    from loket.demand.models import REFERENCE_ALPHABET

    digits = []
    for _ in range(8):
        i, rest = divmod(i, len(REFERENCE_ALPHABET))
        digits.append(REFERENCE_ALPHABET[rest])
    body = "".join(reversed(digits))
    return f"{body[:4]}-{body[4:]}"


def seed(n: int) -> dict:
    """n families over DESKS desks (names repeat, as in life; every 97th has a unique surname); returns the terms."""
    import random
    from datetime import date, timedelta

    from django.utils import timezone

    from loket.accounts.choices import Role
    from loket.demand.models import Child, ChildcareRequest, Family, Guardian
    from loket.demand.search import families_reindex
    from loket.testing.factories import make_desk, make_municipality, make_postcode, make_user

    rng = random.Random(2026)
    desks = [make_desk(name=f"Bench desk {i}", slug=f"bench-desk-{n}-{i}") for i in range(DESKS)]
    postcodes = [make_postcode(make_municipality(desk), code=f"{9000 + i}") for i, desk in enumerate(desks)]
    worker = make_user(Role.DESK_WORKER, desk=desks[0], email=f"balie-{n}@bench.example")
    now = timezone.now()
    families = [
        Family(desk=desks[i % DESKS], postcode=postcodes[i % DESKS], reference=_reference(i))
        for i in range(n)
    ]
    Family.objects.bulk_create(families, batch_size=2000)
    guardians, children = [], []
    for i, family in enumerate(families):
        last = f"Uniek{i}" if i % 97 == 0 else rng.choice(LAST)
        guardians.append(
            Guardian(
                family=family,
                first_name=rng.choice(FIRST),
                last_name=last,
                email=f"ouder{i}@gezin.example",
                phone=f"0470 {i:06d}",
            )
        )
        children.append(
            Child(
                family=family,
                first_name=rng.choice(CHILD),
                birth_date=date(2025, 1, 1) + timedelta(days=i % 700),
            )
        )
    Guardian.objects.bulk_create(guardians, batch_size=2000)
    Child.objects.bulk_create(children, batch_size=2000)
    ChildcareRequest.objects.bulk_create(
        [
            ChildcareRequest(
                desk_id=child.family.desk_id,
                child=child,
                registered_at=now - timedelta(days=i % 365),
                start_earliest=date(2027, 1, 1),
                start_latest=date(2027, 6, 1),
                weekdays_mask=0b11111,
                consent_version="bench",
                consented_at=now,
            )
            for i, child in enumerate(children)
        ],
        batch_size=2000,
    )
    families_reindex(desk_ids=[d.pk for d in desks])
    target = families[DESKS * 97]  # of desk 0, with a unique surname
    return {
        "worker": worker,
        "terms": [
            ("file number", target.reference),
            ("common surname", "peeters"),
            ("surname being typed", "pee"),
            ("unique surname", f"uniek{DESKS * 97}"),
            ("parent and child name", "sofie amelie"),
            ("phone number", f"0470 {DESKS * 97:06d}"),
            ("e-mail address", f"ouder{DESKS * 97}@gezin.example"),
            ("date of birth", "01-01-2025"),
            ("postcode", "9000"),
            ("name and postcode", "janssens 9000"),
        ],
    }


def measure(client, q: str, runs: int = 7) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/loket/zoeken/", {"q": q})  # warm
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/loket/zoeken/", {"q": q})
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (q, response.status_code)
    return statistics.median(timings), len(queries)


def run_once(n: int) -> dict[str, tuple[float, int]]:
    from django.test import Client

    setup = seed(n)
    client = Client()
    client.force_login(setup["worker"])
    return {name: measure(client, q) for name, q in setup["terms"]}


def child(database_url: str, n: int) -> None:
    """Runs in its own process per database: migrate, seed, time. Prints lines "variant|ms|queries|ms|queries"."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from loket.areas.models import Desk
    from loket.demand.models import Family

    def clear():
        from loket.accounts.models import User

        desks = Desk.objects.filter(slug__startswith="bench-desk-")
        from loket.demand.models import ChildcareRequest

        ChildcareRequest.objects.filter(desk__in=desks).delete()
        Family.objects.filter(desk__in=desks).delete()
        for desk in desks:
            desk.municipalities.all().delete()
        User.objects.filter(email__endswith="@bench.example").delete()
        desks.delete()

    clear()
    small = run_once(max(DESKS * 100, n // 10))
    clear()
    large = run_once(n)
    for name in small:
        print(f"{name}|{small[name][0]:.1f}|{small[name][1]}|{large[name][0]:.1f}|{large[name][1]}")


def postgres_reachable(url: str) -> bool:
    try:
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception:  # no PostgreSQL on this machine: SQLite only
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=70_000)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.families)
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    databases = [("SQLite", f"sqlite:///{ROOT / 'var' / 'bench-desk-search.sqlite3'}")]
    pg_url = os.environ.get("BENCH_DESK_SEARCH_DATABASE_URL", DEFAULT_PG)
    if not args.sqlite_only and postgres_reachable(pg_url):
        databases.append(("PostgreSQL", pg_url))
    failed = False
    small_n = max(DESKS * 100, args.families // 10)
    for label, url in databases:
        output = subprocess.run(
            [sys.executable, __file__, "--child", url, "--families", str(args.families)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"\nDesk search on {label} (a worker of one desk of {DESKS}; median of 7 warm requests)")
        print(f"{'search':26} {small_n:>7} families: ms  queries   {args.families:>7} families: ms  queries")
        for line in output.strip().splitlines():
            if line.count("|") != 4:
                continue
            name, small_ms, small_q, large_ms, large_q = line.split("|")
            flag = ""
            if float(large_ms) > LIMIT_MS or small_q != large_q:
                flag, failed = "  <-- over 300 ms or queries grow", True
            print(
                f"{name:26} {float(small_ms):21.1f} {small_q:>8} {float(large_ms):21.1f} {large_q:>8}{flag}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
