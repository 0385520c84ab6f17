"""Round job benchmark: a round prepared, run and checked from the database, as the background worker does it.

    .venv/bin/python bench/rounds.py [--scale demo|city|flanders|all] [--seed N]

Loads a generated area (bench/allocation.py's generator: municipalities, locations with skewed popularity, free
places, families with 1 to 10 choices) into a fresh database, then runs the three jobs through the same code the
worker runs (`services.round_job`, here in this process) and prints each job's time per stage (from the round's
`job_seconds`, wall time) with the CPU time of this process for the job (on a shared machine the steadier figure),
and its queries. The database is a throw-away SQLite file under var/, or PostgreSQL when
BENCH_DATABASE_URL is set (it is emptied: point it at a database of its own, e.g. loket_bench).

Targets (issue 16): prepare + run + check ≤ 1 s of job time at city size, ≤ 5 s at Flanders size.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import allocation as generator  # noqa: E402  (bench/allocation.py)

SCALES = {
    "demo": {"requests": 600, "locations": 39, "places": 120, "municipalities": 3},
    "city": {"requests": 10_000, "locations": 390, "places": 1_000, "municipalities": 8},
    "flanders": {"requests": 70_000, "locations": 5_460, "places": 20_000, "municipalities": 300},
}
TARGETS = {"city": 1.0, "flanders": 5.0}


def setup(scale: str) -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        path = ROOT / "var" / f"bench-rounds-{scale}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def load(instance: dict, on: date, rng: random.Random):
    """The generated instance as rows: one desk, its municipalities, locations, free places and waiting requests."""
    from django.db import connection, transaction
    from django.utils import timezone

    from loket.areas.models import Desk, Municipality, Postcode, Province
    from loket.core import weekdays
    from loket.demand.models import Child, ChildcareRequest, Choice, Family
    from loket.supply.choices import TariffRegime
    from loket.supply.models import CareType, Location, Opening, Organiser, SubsidyStep

    now = timezone.now()
    batch = 2000
    with transaction.atomic():
        desk = Desk.objects.create(
            name="Loket Bench", slug="bench", horizon_months=12, earliest_offer_months=12
        )
        n_mun = max(1, len({loc["id"] for loc in instance["locations"]}) // 18)
        municipalities = Municipality.objects.bulk_create(
            [
                Municipality(
                    name=f"Gemeente {i}", nis_code=f"{10000 + i}", province=Province.EAST_FLANDERS, desk=desk
                )
                for i in range(n_mun)
            ]
        )
        postcodes = Postcode.objects.bulk_create(
            [
                Postcode(
                    code=f"{1000 + i}",
                    place=m.name,
                    municipality=m,
                    latitude=Decimal("51"),
                    longitude=Decimal("3.7"),
                )
                for i, m in enumerate(municipalities)
            ]
        )
        organisers = Organiser.objects.bulk_create(
            [
                Organiser(name=f"Organisator {i}", legal_form="vzw")
                for i in range(len(instance["locations"]) // 4 + 1)
            ]
        )
        locations = []
        for i, loc in enumerate(instance["locations"]):
            tariffs = {o["tariff"] for o in loc["openings"]} or {"income"}
            regime = (
                TariffRegime.MIX
                if len(tariffs) == 2
                else (TariffRegime.INCOME if tariffs == {"income"} else TariffRegime.FREE)
            )
            locations.append(
                Location(
                    organiser=organisers[i // 4],
                    name=f"Kinderdagverblijf {loc['id']}",
                    care_type=CareType.GROUP,
                    street="Schoolstraat 1",
                    postcode=postcodes[i % n_mun],
                    municipality=municipalities[i % n_mun],
                    latitude=Decimal("51"),
                    longitude=Decimal("3.7"),
                    licensed_capacity=max(18, loc["enrolled"]["total"]),
                    opens_at="07:00",
                    closes_at="18:30",
                    tariff_regime=regime,
                    income_places=max(18, loc["enrolled"]["total"]) // 2 if len(tariffs) == 2 else 0,
                    subsidy_step=SubsidyStep.STEP_2B,
                    enrolled_total=loc["enrolled"]["total"],
                    enrolled_reserve_eligible=loc["enrolled"]["reserve_eligible"],
                )
            )
        locations = Location.objects.bulk_create(locations, batch_size=batch)
        location_of = {loc["id"]: row for loc, row in zip(instance["locations"], locations, strict=True)}
        first = on.replace(day=1)

        def shifted(month: str) -> date:
            # The generator's months start in February 2027; the round is today: shift them to start next month.
            year, m = map(int, month.split("-"))
            index = year * 12 + m - 1 - (2027 * 12 + 1) + first.year * 12 + first.month
            return date(index // 12, index % 12 + 1, 1)

        Opening.objects.bulk_create(
            [
                Opening(
                    location=location_of[loc["id"]],
                    tariff=o["tariff"],
                    start_month=shifted(o["start_month"]),
                    weekdays_mask=weekdays.to_mask(o["weekdays"]),
                    age_min_months=o["age_months"][0],
                    age_max_months=o["age_months"][1],
                    count=o["count"],
                    confirmed_at=now,
                )
                for loc in instance["locations"]
                for o in loc["openings"]
            ],
            batch_size=batch,
        )
        requests = instance["requests"]
        families = Family.objects.bulk_create(
            [Family(desk=desk, reference=f"B{i:08d}") for i in range(len(requests))], batch_size=batch
        )
        children = Child.objects.bulk_create(
            [
                Child(
                    family=f,
                    birth_date=shifted(r["child_birth"][:7]) + timedelta(days=int(r["child_birth"][8:]) - 1),
                )
                for f, r in zip(families, requests, strict=True)
            ],
            batch_size=batch,
        )
        rows = []
        for child, r in zip(children, requests, strict=True):
            flags = set(r["flags"])
            registered = datetime.fromisoformat(r["registered_at"]).replace(
                tzinfo=timezone.get_current_timezone()
            )
            rows.append(
                ChildcareRequest(
                    desk=desk,
                    child=child,
                    registered_at=registered - timedelta(days=150),
                    start_earliest=shifted(r["start_months"][0]),
                    start_latest=shifted(r["start_months"][1]),
                    weekdays_mask=weekdays.to_mask(r["weekdays"]),
                    accepts_income_tariff="income" in r["tariffs"],
                    accepts_free_price="free" in r["tariffs"],
                    work="work" in flags,
                    single_parent="single_parent" in flags,
                    low_income="low_income" in flags,
                    foster="foster" in flags,
                    urgent="urgent" in flags,
                    consent_version="bench",
                    consented_at=now,
                )
            )
        saved = ChildcareRequest.objects.bulk_create(rows, batch_size=batch)
        Choice.objects.bulk_create(
            [
                Choice(request=row, location=location_of[lid], rank=rank)
                for row, r in zip(saved, requests, strict=True)
                for rank, lid in enumerate(r["choices"], start=1)
            ],
            batch_size=batch * 5,
        )
        through = ChildcareRequest.siblings_at.through
        through.objects.bulk_create(
            [
                through(childcarerequest_id=row.pk, location_id=location_of[lid].pk)
                for row, r in zip(saved, requests, strict=True)
                for lid in r["sibling_at"]
            ],
            batch_size=batch * 5,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return desk


def bench(scale: str, seed: int) -> float:
    generator.SCALES[f"rounds-{scale}"] = SCALES[scale]
    instance = generator.generate(f"rounds-{scale}", seed)
    setup(scale)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from loket.allocation import services

    on = timezone.localdate()
    started = time.perf_counter()
    desk = load(instance, on, random.Random(seed))
    loaded = time.perf_counter() - started
    print(
        f"\n{scale}: {len(instance['requests']):,} requests, {len(instance['locations']):,} locations, "
        f"{sum(len(r['choices']) for r in instance['requests']):,} choices on {connection.vendor} "
        f"(loaded in {loaded:.1f} s)"
    )
    total = total_cpu = 0.0
    round_ = None
    for job in ("prepare", "run", "check"):
        cpu_started = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            if job == "prepare":
                round_ = services.round_prepare(desk=desk, on=on, actor=None)
            elif job == "run":
                services.round_run(round=round_, actor=None)
            else:
                services.round_recheck(round=round_, actor=None)
        cpu = time.process_time() - cpu_started
        round_.refresh_from_db(fields=["job_seconds"])
        seconds = round_.job_seconds
        stages = ", ".join(f"{k} {v:.2f}" for k, v in seconds.items() if k != "total")
        total += seconds["total"]
        total_cpu += cpu
        print(
            f"  {job:8} {seconds['total']:6.2f} s wall, {cpu:5.2f} s CPU  ({stages}; {len(queries)} queries)"
        )
    round_.refresh_from_db()
    print(
        f"  {'total':8} {total:6.2f} s wall, {total_cpu:5.2f} s CPU  for {round_.request_count:,} requests in the "
        f"round, {round_.place_count:,} places, {round_.assigned_count:,} proposed"
    )
    if connection.vendor == "postgresql":
        print("  (CPU: this process only, the job's own work; PostgreSQL's server time is in the wall time)")
    target = TARGETS.get(scale)
    if target is not None:
        print(
            f"  target ≤ {target:.1f} s: {'met' if total <= target else 'NOT met'} in wall time, "
            f"{'met' if total_cpu <= target else 'NOT met'} in CPU time"
        )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    scales = list(SCALES) if args.scale == "all" else [args.scale]
    if len(scales) > 1:
        # Django is set up once per process: each scale runs in a process of its own.
        import subprocess

        for scale in scales:
            subprocess.run([sys.executable, __file__, "--scale", scale, "--seed", str(args.seed)], check=True)
        return
    bench(scales[0], args.seed)


if __name__ == "__main__":
    main()
