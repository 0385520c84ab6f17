"""Allocation engine benchmark: realistic generated instances, timed end to end through the CLI and per phase.

    .venv/bin/python bench/allocation.py [--scale city|flanders|all] [--seed N] [--repeat N] [--keep DIR]

Instances are generated from a seed: municipalities with their locations, skewed popularity (a few locations are
wanted by many), choices among nearby locations (1 to 10), part-time weekdays, age bands, income-related, free-price
and mixed locations, ~15 % reserve-eligible (vulnerable) families.

Each figure is the best of --repeat runs (the machine is shared). `loket allocate` runs end to end in a fresh
process, and so does a bare `json.load` of the same file, in the same run, twice: as Python ships, and with the cycle
collector off (as the engine runs it). Target (issue 16), Flanders scale: end to end at most 1.0 s and at most 2× the
bare json.load.
"""

import argparse
import json
import os
import random
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


def in_fresh_process(command: list[str]) -> tuple[float, float, float]:
    """Wall time, CPU time and peak memory (MB) of one command in a fresh process."""
    started = time.perf_counter()
    pid = subprocess.Popen(command).pid
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bare_json_load(path: Path, collector: bool) -> list[str]:
    """`json.load` of the file and nothing else, in a fresh Python: as Python ships (the cycle collector on, the
    bare call the issue compares with) or with the collector off (as the engine runs: the stricter floor)."""
    off = "" if collector else "import gc; gc.disable(); "
    code = f"import json, sys; {off}json.load(open(sys.argv[1], 'rb'))"
    return [sys.executable, "-c", code, str(path)]


def phases(instance_path: Path, output: Path) -> dict[str, float]:
    """Read (file and typed decoding), validate + compile, solve and write, timed inside one process as the CLI
    runs them."""
    import gc

    import msgspec

    from loket.allocation.engine.check import to_result
    from loket.allocation.engine.instance import _check_and_compile, read
    from loket.allocation.engine.mechanisms import deferred_acceptance

    gc.collect()
    gc.disable()  # as the CLI does
    t0 = time.perf_counter()
    data = instance_path.read_bytes()
    document = read(data)
    t1 = time.perf_counter()
    inst = _check_and_compile(document, data)
    t2 = time.perf_counter()
    assignment = deferred_acceptance(inst)
    t3 = time.perf_counter()
    output.write_bytes(msgspec.json.encode(to_result(inst, assignment)) + b"\n")
    t4 = time.perf_counter()
    gc.enable()
    return {
        "read": t1 - t0,
        "validate+compile": t2 - t1,
        "solve": t3 - t2,
        "write": t4 - t3,
        "placed": sum(1 for o in assignment if o != -1),
        "eligible pairs": sum(len(p) for p in inst.prefs),
    }


def best(runs):
    """Best of the runs (wall, CPU, peak): the run least disturbed by the rest of a shared machine."""
    return min(runs, key=lambda run: run[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated instances in this folder")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="loket-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"Allocation benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}, seed {args.seed}; best of {args.repeat} runs"
    )
    for scale in SCALES if args.scale == "all" else [args.scale]:
        path = folder / f"{scale}-instance.json"
        instance = generate(scale, args.seed)
        path.write_text(json.dumps(instance))
        size = SCALES[scale]
        print(
            f"\n{scale}: {size['requests']:,} requests, {size['locations']:,} locations, "
            f"{sum(len(loc['openings']) for loc in instance['locations']):,} openings, {size['places']:,} places, "
            f"{path.stat().st_size / 1e6:.1f} MB of JSON"
        )
        del instance
        result = folder / f"{scale}-result.json"
        # Interleaved, so a busy moment on a shared machine touches all three alike.
        cli, bare, bare_off = [], [], []
        for _ in range(args.repeat):
            cli.append(in_fresh_process([*loket_command(), "allocate", str(path), "--output", str(result)]))
            bare.append(in_fresh_process(bare_json_load(path, collector=True)))
            bare_off.append(in_fresh_process(bare_json_load(path, collector=False)))
        timings = [phases(path, folder / f"{scale}-result-phases.json") for _ in range(args.repeat)]
        for name in ("read", "validate+compile", "solve", "write"):
            print(f"  {name:<34} {min(t[name] for t in timings):7.3f} s")
        print(
            f"  placed                             {timings[0]['placed']:,} of {size['requests']:,} requests"
        )
        print(f"  eligible pairs                     {timings[0]['eligible pairs']:,}")
        wall, cpu, peak = best(cli)
        print(f"  loket allocate, end to end         {wall:7.3f} s wall, {cpu:.3f} s CPU, peak {peak:.0f} MB")
        for label, runs in (("bare json.load", bare), ("json.load, collector off", bare_off)):
            b_wall, b_cpu, b_peak = best(runs)
            print(
                f"  {label:<34} {b_wall:7.3f} s wall, {b_cpu:.3f} s CPU, peak {b_peak:.0f} MB; "
                f"end to end / this: {wall / b_wall:.2f}×"
            )
        if scale == "flanders":
            ratio = wall / best(bare)[0]
            verdict = "met" if wall <= 1.0 and ratio <= 2.0 else "NOT met"
            print(f"  target (end to end ≤ 1.0 s and ≤ 2× bare json.load): {verdict}")
    print(f"\nInstances in {folder}")


if __name__ == "__main__":
    main()
