"""Allocation engine benchmark: realistic generated instances, timed end to end through the CLI and per phase.

    .venv/bin/python bench/allocation.py [--scale city|flanders|all] [--seed N] [--repeat N] [--keep DIR]

Instances are generated from a seed: municipalities with their locations, skewed popularity (a few locations are
wanted by many), choices among nearby locations (1 to 10), part-time weekdays, age bands, income-related, free-price
and mixed locations, ~15 % reserve-eligible (vulnerable) families. Targets (2-core machine), Flanders scale:
CLI end to end under 1.5 s and 300 MB peak memory; the solve alone under 0.5 s.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = {
    "city": {"requests": 3_000, "locations": 150, "places": 600, "municipalities": 6},
    "flanders": {"requests": 70_000, "locations": 5_000, "places": 20_000, "municipalities": 300},
}
ROUND_MONTH = 2027 * 12 + 0  # January 2027
WEEKDAY_PATTERNS = [
    ([1, 2, 3, 4, 5], 60),
    ([1, 2, 4, 5], 12),
    ([1, 2, 3], 8),
    ([2, 3, 4], 6),
    ([1, 4, 5], 6),
    ([1, 2], 8),
]
OPENING_WEEKDAYS = [([1, 2, 3, 4, 5], 85), ([1, 2, 4, 5], 10), ([1, 2, 3], 5)]
AGE_BANDS = [([0, 36], 60), ([3, 36], 15), ([12, 36], 15), ([0, 18], 10)]
CHOICE_COUNTS = [(1, 10), (2, 14), (3, 18), (4, 16), (5, 14), (6, 9), (7, 7), (8, 5), (9, 3), (10, 4)]


def month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def generate(scale: str, seed: int) -> dict:
    size = SCALES[scale]
    rng = random.Random(seed)
    n_mun = size["municipalities"]
    locations, by_municipality = [], [[] for _ in range(n_mun)]
    popularity = []
    for i in range(size["locations"]):
        m = i % n_mun
        regime = pick(rng, [("income", 75), ("free", 20), ("mix", 5)])
        total = rng.randint(8, 40)
        locations.append(
            {
                "id": f"L{i + 1}",
                "enrolled": {"total": total, "reserve_eligible": int(total * rng.uniform(0.05, 0.25))},
                "openings": [],
                "_regime": regime,
            }
        )
        by_municipality[m].append(i)
        popularity.append(rng.paretovariate(1.2))  # a few locations are far more wanted than the rest
    # Free places: spread over locations, a few places per opening.
    opening_no = 0
    left = size["places"]
    while left > 0:
        loc = locations[rng.randrange(len(locations))]
        count = min(left, pick(rng, [(1, 45), (2, 30), (3, 15), (4, 7), (6, 3)]))
        left -= count
        regime = loc["_regime"]
        tariff = regime if regime != "mix" else pick(rng, [("income", 60), ("free", 40)])
        opening_no += 1
        loc["openings"].append(
            {
                "id": f"{loc['id']}-{len(loc['openings']) + 1}",
                "tariff": tariff,
                "start_month": month(ROUND_MONTH + rng.randint(1, 9)),
                "weekdays": pick(rng, OPENING_WEEKDAYS),
                "age_months": pick(rng, AGE_BANDS),
                "count": count,
            }
        )
    for loc in locations:
        del loc["_regime"]

    requests = []
    registered_from = 1_750_000_000  # mid-2025, as a Unix time; spread over about 18 months
    for r in range(size["requests"]):
        m = rng.randrange(n_mun)
        nearby = by_municipality[m] + by_municipality[(m + 1) % n_mun] + by_municipality[(m - 1) % n_mun]
        weights = [popularity[i] for i in nearby]
        k = min(len(nearby), pick(rng, CHOICE_COUNTS))
        chosen: list[int] = []
        while len(chosen) < k:
            i = rng.choices(nearby, weights)[0]
            if i not in chosen:
                chosen.append(i)
        start = ROUND_MONTH + rng.randint(1, 9)
        birth_month = start - rng.randint(2, 14)
        vulnerable = rng.random() < 0.15
        flags = []
        if rng.random() < (0.55 if vulnerable else 0.85):
            flags.append("work")
        if rng.random() < (0.45 if vulnerable else 0.08):
            flags.append("single_parent")
        if rng.random() < (0.6 if vulnerable else 0.05):
            flags.append("low_income")
        if rng.random() < 0.01:
            flags.append("foster")
        if vulnerable:
            flags.append("vulnerable")
        if rng.random() < 0.01:
            flags.append("urgent")
        registered = time.gmtime(registered_from + rng.randrange(18 * 30 * 86400))
        requests.append(
            {
                "id": f"R{r + 1}",
                "registered_at": time.strftime("%Y-%m-%dT%H:%M:%S", registered),
                "child_birth": f"{month(birth_month)}-{rng.randint(1, 28):02d}",
                "start_months": [month(start), month(start + rng.choice([0, 1, 2, 3]))],
                "weekdays": pick(rng, WEEKDAY_PATTERNS),
                "tariffs": pick(rng, [(["income"], 65), (["free"], 10), (["income", "free"], 25)]),
                "choices": [locations[i]["id"] for i in chosen],
                "flags": flags,
                "sibling_at": [locations[chosen[0]]["id"]] if rng.random() < 0.08 else [],
            }
        )
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from loket.allocation.policy import FLEMISH_2014

    return {
        "format": "loket-allocation/1",
        "round": {"date": "2027-01-15"},
        "policy": FLEMISH_2014,
        "locations": locations,
        "requests": requests,
    }


def loket_command() -> list[str]:
    script = Path(sys.executable).parent / "loket"
    return [str(script)] if script.exists() else [sys.executable, "-m", "loket.cli"]


def run_cli(instance_path: Path, output: Path) -> tuple[float, float, float]:
    """Wall time, CPU time and peak memory (MB) of one `loket allocate` run in a fresh process."""
    started = time.perf_counter()
    pid = subprocess.Popen([*loket_command(), "allocate", str(instance_path), "--output", str(output)]).pid
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"loket allocate failed on {instance_path}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def phases(instance_path: Path, output: Path) -> dict[str, float]:
    """Parse (read + validate + compile), solve and write, timed inside one process as the CLI runs them."""
    import gc

    from loket.allocation.engine import parse
    from loket.allocation.engine.check import to_result
    from loket.allocation.engine.mechanisms import deferred_acceptance

    gc.collect()
    gc.disable()  # as the CLI does
    t0 = time.perf_counter()
    with open(instance_path, "rb") as handle:
        data = json.load(handle)
    t1 = time.perf_counter()
    inst = parse(data)
    t2 = time.perf_counter()
    assignment = deferred_acceptance(inst)
    t3 = time.perf_counter()
    output.write_text(json.dumps(to_result(inst, assignment)) + "\n")
    t4 = time.perf_counter()
    gc.enable()
    placed = sum(1 for o in assignment if o != -1)
    return {
        "read JSON": t1 - t0,
        "validate+compile": t2 - t1,
        "solve": t3 - t2,
        "write": t4 - t3,
        "placed": placed,
        "eligible pairs": sum(len(p) for p in inst.prefs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated instances in this folder")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="loket-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"Allocation benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}, seed {args.seed}"
    )
    for scale in SCALES if args.scale == "all" else [args.scale]:
        instance = generate(scale, args.seed)
        path = folder / f"{scale}-instance.json"
        path.write_text(json.dumps(instance))
        size = SCALES[scale]
        print(
            f"\n{scale}: {size['requests']:,} requests, {size['locations']:,} locations, "
            f"{sum(len(loc['openings']) for loc in instance['locations']):,} openings, {size['places']:,} places, "
            f"{path.stat().st_size / 1e6:.1f} MB of JSON"
        )
        del instance
        runs = [run_cli(path, folder / f"{scale}-result.json") for _ in range(args.repeat)]
        wall = statistics.median(t for t, _, _ in runs)
        cpu = statistics.median(c for _, c, _ in runs)
        peak = max(m for _, _, m in runs)
        timings = [phases(path, folder / f"{scale}-result-phases.json") for _ in range(args.repeat)]
        for name in ("read JSON", "validate+compile", "solve", "write"):
            print(f"  {name:<18} {statistics.median(t[name] for t in timings):7.3f} s")
        print(f"  placed             {timings[0]['placed']:,} of {size['requests']:,} requests")
        print(f"  eligible pairs     {timings[0]['eligible pairs']:,}")
        print(
            f"  CLI end to end     {wall:7.3f} s wall, {cpu:.3f} s CPU (median of {args.repeat}), "
            f"peak memory {peak:.0f} MB"
        )
        if scale == "flanders":
            solve = statistics.median(t["solve"] for t in timings)
            verdict = "met" if wall < 1.5 and peak < 300 and solve < 0.5 else "NOT met"
            print(f"  targets (CLI < 1.5 s, < 300 MB, solve < 0.5 s): {verdict}")
    print(f"\nInstances in {folder}")


if __name__ == "__main__":
    main()
