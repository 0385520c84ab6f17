"""Benchmark of the support desk's team queue: 1,000 questions (open and closed, tagged, assigned, with organisers and
partners), the agent's home page requested as a browser does (view, selectors and template), for the queue's views,
a search, a filter and a far page. It prints a table: variant -> milliseconds (median of 7 warm runs) and number of
queries, at 200 and at 1,000 questions, and fails when a page takes more than 300 ms or the number of queries
grows with the number of questions.

    .venv/bin/python bench/support.py                 # on SQLite (a file under var/) and, when reachable, PostgreSQL
    .venv/bin/python bench/support.py --questions 5000
    BENCH_SUPPORT_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/support.py
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
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/loket_bench_support"
LIMIT_MS = 300
VARIANTS = [
    ("all open, most urgent first", "/voorzet/"),
    ("mine", "/voorzet/?view=mine"),
    ("unassigned", "/voorzet/?view=unassigned"),
    ("overdue", "/voorzet/?view=overdue"),
    ("search 'huishoudelijk reglement'", "/voorzet/?q=huishoudelijk+reglement"),
    ("search an organiser", "/voorzet/?q=Regenboog"),
    ("theme + tag, newest first", "/voorzet/?theme=organisation&tag=ikt&sort=newest"),
    ("page 20", "/voorzet/?page=20"),
    ("closed", "/voorzet/?view=closed"),
]


def seed(n: int) -> None:
    import random
    from datetime import timedelta

    from django.utils import timezone

    from loket.core.search import tokens_of
    from loket.support.business_time import desk_deadline
    from loket.support.models import Question, Tag
    from loket.testing.factories import make_organiser, make_partner, make_user

    rng = random.Random(2026)
    Question.objects.all().delete()
    agents = [make_user("support_agent", email=f"agent{i}@bench.example") for i in range(6)]
    organisers = [
        make_organiser(name=f"Kinderopvang {name}") for name in ("De Regenboog", "Zonnebloem", "Pim")
    ]
    partners = [make_partner(name=f"Partner {i}", kind="provider_support") for i in range(4)]
    tags = [
        Tag.objects.get_or_create(name=name)[0] for name in ("ikt", "starter", "dringend", "huisreglement")
    ]
    subjects = [
        ("Ons huishoudelijk reglement", "Kunnen jullie ons huisreglement nakijken?"),
        ("IKT-mix", "Mogen we plaatsen met inkomenstarief en vrije prijs combineren?"),
        ("Ondernemingsplan", "Wie leest mijn businessplan na?"),
        ("Personeel", "Hoeveel kinderbegeleiders heb ik nodig voor 18 plaatsen?"),
        ("Vergunning", "Welke documenten vraagt Opgroeien?"),
    ]
    now = timezone.now()
    rows = []
    for i in range(n):
        subject, body = subjects[i % len(subjects)]
        asked = now - timedelta(hours=rng.randint(0, 24 * 60))
        status = rng.choice(["new", "new", "answered", "referred", "waiting", "closed", "closed"])
        organiser = rng.choice([*organisers, None])
        rows.append(
            Question(
                reference=f"V-B{i:05d}",
                subject=f"{subject} {i}",
                body=body,
                theme="organisation"
                if i % 10 == 0
                else rng.choice(["general", "entrepreneurship", "organisation", "pedagogy", "inclusive"]),
                status=status,
                asker_name=f"Aanbieder {i}",
                asker_email=f"aanbieder{i}@example.org",
                organiser=organiser,
                partner=rng.choice(partners) if status == "referred" else None,
                assignee=rng.choice([*agents, None, None]),
                created_at=asked,
                updated_at=asked,
                due_at=desk_deadline(asked, 16),
                closed_at=asked + timedelta(days=2) if status == "closed" else None,
                search_tokens=tokens_of(subject, body, f"Aanbieder {i}", organiser.name if organiser else ""),
            )
        )
    Question.objects.bulk_create(rows, batch_size=500)
    through = Question.tags.through
    through.objects.bulk_create(
        [
            through(question_id=q.pk, tag_id=rng.choice(tags).pk)
            for q in Question.objects.only("pk")
            if rng.random() < 0.4
        ]
    )


def measure(client, url: str, runs: int = 7) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(queries)


def run_once(n: int) -> dict[str, tuple[float, int]]:
    from django.test import Client

    from loket.accounts.models import User

    seed(n)
    client = Client()
    client.force_login(User.objects.get(email="agent0@bench.example"))
    return {name: measure(client, url) for name, url in VARIANTS}


def child(database_url: str, n: int) -> None:
    """Runs in its own process per database: migrate, seed, time. Prints lines "variant|ms|queries"."""
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
    from loket.accounts.models import User

    User.objects.filter(email__endswith="@bench.example").delete()
    small = run_once(max(1, n // 5))
    User.objects.filter(email__endswith="@bench.example").delete()
    large = run_once(n)
    for name, _url in VARIANTS:
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
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.questions)
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    databases = [("SQLite", f"sqlite:///{ROOT / 'var' / 'bench-support.sqlite3'}")]
    pg_url = os.environ.get("BENCH_SUPPORT_DATABASE_URL", DEFAULT_PG)
    if postgres_reachable(pg_url):
        databases.append(("PostgreSQL", pg_url))
    failed = False
    small_n = max(1, args.questions // 5)
    for label, url in databases:
        output = subprocess.run(
            [sys.executable, __file__, "--child", url, "--questions", str(args.questions)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"\nSupport desk queue on {label} (agent's home page, median of 7 warm requests)")
        print(f"{'variant':36} {small_n:>6} q: ms  queries   {args.questions:>6} q: ms  queries")
        for line in output.strip().splitlines():
            if line.count("|") != 4:
                continue
            name, small_ms, small_q, large_ms, large_q = line.split("|")
            flag = ""
            if float(large_ms) > LIMIT_MS or small_q != large_q:
                flag, failed = "  <-- over 300 ms or queries grow", True
            print(
                f"{name:36} {float(small_ms):13.1f} {small_q:>8} {float(large_ms):13.1f} {large_q:>8}{flag}"
            )
    print(
        f"\nTarget: every variant within {LIMIT_MS} ms at {args.questions} questions, with as many queries as at {small_n}."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
