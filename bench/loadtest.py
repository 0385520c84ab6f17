"""The opening-day rush: a large city's registration rate against gunicorn + PostgreSQL with the django-q2 worker.

    make loadtest                                   # 10 minutes, then the step-up phase
    .venv/bin/python bench/loadtest.py --minutes 2  # shorter, while developing

Families arrive at random (Poisson) at `--per-hour` registrations an hour (default 2,000: a large city's opening day,
about 330 in 10 minutes), over every postcode of the area and the locations its choice page offers first (the popular,
nearest ones), each through every question page (bench/families_client.py); after registering they look at their
status. Meanwhile desk workers work their follow-up queues and open files, and providers confirm the proposals waiting
for them and look at their free places (signed in with password and authenticator code, as in production). Runs on the drill's own PostgreSQL
(bench/drill_cluster.py), never on a shared one.

Prints per request kind the count and p95, the errors, then checks every accepted registration (bench/drill_check.py:
family, child, request, choices, history, confirmation mail in the outbox). A step-up phase then raises the rate for
`--step-seconds` each and prints the highest that still holds p95 <= 1 s. Fails on any error, loss or p95 above 1 s.
"""

import argparse
import hashlib
import hmac
import queue
import random
import re
import sys
import threading
import time

import drill_app as app
import drill_check
import drill_cluster as cluster
import psycopg
import requests
from families_client import CSRF, Family, GaveUp
from faultdrill import months_ahead, postcodes

TOTP_KEY = (
    "3132333435363738393031323334353637383930"  # the bench's own authenticator key (RFC 6238's test key)
)
DEMO_PASSWORD = "Loket-demo-2026"  # noqa: S105 - the local demo accounts' printed password
DESK_WORKERS = ["balie@loket.demo"]
PROVIDERS = ["aanbieder@loket.demo", "onthaalouder@loket.demo"]
QUEUE_LINK = re.compile(r'href="(/loket/opvolging/[a-z0-9-]+/\?desk=\d+)"')
CASE_LINK = re.compile(r'href="(/loket/dossier/[A-Z2-9]{4}-[A-Z2-9]{4}/)"')
CONFIRM_FORM = re.compile(
    r'action="(/rondes/voorstellen/\d+/)">[^<]*<input[^>]*>\s*<input type="hidden" name="decision" value="confirm">'
)


def totp(key_hex: str, at: float) -> str:
    digest = hmac.new(bytes.fromhex(key_hex), int(at // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 10**6:06d}"


def give_staff_a_known_authenticator() -> None:
    emails = DESK_WORKERS + PROVIDERS
    app.manage(
        "shell",
        "-c",
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from django.contrib.auth import get_user_model\n"
        f"for user in get_user_model().objects.filter(email__in={emails!r}):\n"
        "    TOTPDevice.objects.filter(user=user).delete()\n"
        f"    TOTPDevice.objects.create(user=user, name='bench', key={TOTP_KEY!r}, confirmed=True)\n",
    )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (kind, started, ended, status)

    def record(self, kind, started, ended, status):
        with self.lock:
            self.rows.append((kind, started, ended, status))

    def window(self, start, end):
        with self.lock:
            return [r for r in self.rows if start <= r[1] < end]


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.95))] if values else 0.0


class Staff(threading.Thread):
    """A desk worker or a provider: signs in once (password, then the authenticator code), then works."""

    def __init__(self, email, pages, stats, stopping, think=(1.0, 3.0)):
        super().__init__(daemon=True)
        self.email, self.pages, self.stats, self.stopping, self.think = email, pages, stats, stopping, think
        self.session = requests.Session()
        self.failed = ""

    def get(self, kind, path):
        started = time.monotonic()
        try:
            response = self.session.get(f"http://{app.APP}{path}", timeout=30)
            status = response.status_code
        except requests.RequestException:
            response, status = None, None
        self.stats.record(kind, started, time.monotonic(), status)
        return response

    def post(self, kind, path, data):
        page = self.get(kind + " (page)", path)
        token = page is not None and CSRF.search(page.text)
        started = time.monotonic()
        response = self.session.post(
            f"http://{app.APP}{path}",
            {**data, "csrfmiddlewaretoken": token.group(1) if token else ""},
            timeout=30,
        )
        self.stats.record(kind, started, time.monotonic(), response.status_code)
        return response

    def sign_in(self):
        self.post("staff sign in", "/account/aanmelden/", {"username": self.email, "password": DEMO_PASSWORD})
        for _attempt in range(3):
            response = self.post(
                "staff second factor", "/account/tweede-stap/", {"code": totp(TOTP_KEY, time.time())}
            )
            if "/account/" not in response.url:
                return True
            time.sleep(31)  # a code is used once: the next one comes in the next 30 s
        self.failed = f"{self.email} could not sign in"
        return False

    def run(self):
        if not self.sign_in():
            return
        while not self.stopping.is_set():
            self.pages(self)
            time.sleep(random.uniform(*self.think))


def desk_worker_round(staff):
    queues = staff.get("desk: follow-up queues", "/loket/opvolging/")
    links = QUEUE_LINK.findall(queues.text) if queues is not None else []
    if links:
        page = staff.get("desk: one queue", random.choice(links))
        cases = CASE_LINK.findall(page.text) if page is not None else []
        if cases:
            staff.get("desk: a family's file", random.choice(cases[:10]))
    staff.get("desk: tasks", "/loket/taken/")


def provider_round(staff):
    page = staff.get("provider: proposals", "/rondes/voorstellen/")
    waiting = CONFIRM_FORM.findall(page.text) if page is not None else []
    token = page is not None and CSRF.search(page.text)
    if waiting and token:
        # The provider confirms the first proposal waiting for it: the family gets its offer (mail and all).
        action, token = waiting[0], token.group(1)
        started = time.monotonic()
        try:
            response = staff.session.post(
                f"http://{app.APP}{action}", {"csrfmiddlewaretoken": token, "decision": "confirm"}, timeout=30
            )
            status = response.status_code
        except requests.RequestException:
            status = None
        staff.stats.record("provider: confirm a proposal", started, time.monotonic(), status)
    staff.get("provider: free places", "/aanbieder/vrije-plaatsen/")


class Rush:
    """Registrations arriving at random at a given rate, served by a pool of families."""

    def __init__(self, stats, codes, pool=16):
        self.stats = stats
        self.codes = codes
        self.months = months_ahead(4, 12)
        self.arrivals = queue.Queue()
        self.lock = threading.Lock()
        self.sent = []
        self.gave_up = 0
        self.counter = iter(range(10**9))
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.serve, args=(i,), daemon=True) for i in range(pool)]
        for thread in self.threads:
            thread.start()

    def serve(self, seed):
        rng = random.Random(seed)
        family = Family(f"http://{app.APP}", patience=0, on_request=self.stats.record)
        while True:
            item = self.arrivals.get()
            if item is None:
                return
            with self.lock:
                n = next(self.counter)
            try:
                sent = family.register(n=n, postcode=rng.choice(self.codes), month=rng.choice(self.months))
            except GaveUp:
                with self.lock:
                    self.gave_up += 1
                continue
            with self.lock:
                self.sent.append(sent)
            if sent.outcome == "accepted":
                # The parent, signed in by registering, looks at the status of the request and at their data.
                family._call("parent: status", "GET", "/gezin/")
                family._call("parent: my data", "GET", "/gezin/mijn-gegevens/")

    def drive(self, per_hour, seconds):
        """Let families arrive for `seconds` at `per_hour`; returns when the last one has been handed out."""
        end = time.monotonic() + seconds
        while True:
            time.sleep(random.expovariate(per_hour / 3600))
            if time.monotonic() >= end:
                return
            self.arrivals.put(1)

    def drain(self, timeout=120):
        deadline = time.monotonic() + timeout
        while not self.arrivals.empty() and time.monotonic() < deadline:
            time.sleep(0.2)

    def close(self):
        for _thread in self.threads:
            self.arrivals.put(None)
        for thread in self.threads:
            thread.join(timeout=60)


def report(rows, title):
    kinds = {}
    for kind, started, ended, status in rows:
        kinds.setdefault(kind, []).append((ended - started, status))
    errors = sum(1 for r in rows if r[3] is None or r[3] >= 400)
    print(title)
    for kind in sorted(kinds):
        times = [t for t, _s in kinds[kind]]
        failed = sum(1 for _t, s in kinds[kind] if s is None or s >= 400)
        above = "  (above 1 s)" if p95(times) > 1.0 else ""
        print(
            f"    {kind:<40} {len(times):>6} requests  p95 {p95(times) * 1000:>6.0f} ms  errors {failed}{above}"
        )
    overall = p95([r[2] - r[1] for r in rows])
    print(f"  all requests {len(rows)}, p95 {overall * 1000:.0f} ms, errors {errors}")
    return overall, errors


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--per-hour", type=int, default=2000, help="registrations an hour")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (2 threads each)")
    parser.add_argument("--steps", default="4000,8000,12000,16000", help="the step-up phase's rates an hour")
    parser.add_argument("--step-seconds", type=int, default=60)
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database of the last run")
    args = parser.parse_args()

    if not args.skip_prepare:
        print(f"preparing the load-test database (own PostgreSQL on port {cluster.PORT}) ...", flush=True)
        app.prepare()
    cluster.start()
    give_staff_a_known_authenticator()
    processes = app.start(workers=args.workers)
    stats = Stats()
    staff_stop = threading.Event()
    try:
        codes = postcodes()
        staff = [Staff(e, desk_worker_round, stats, staff_stop) for e in DESK_WORKERS]
        staff += [Staff(e, provider_round, stats, staff_stop, think=(2.0, 5.0)) for e in PROVIDERS]
        for person in staff:
            person.start()
        rush = Rush(stats, codes)
        began = time.monotonic()
        rush.drive(args.per_hour, args.minutes * 60)
        rush.drain()
        main_end = time.monotonic()
        steps = []
        for rate in [int(r) for r in args.steps.split(",") if r]:
            start = time.monotonic()
            rush.drive(rate, args.step_seconds)
            rush.drain()
            rows = stats.window(start, time.monotonic())
            steps.append(
                (rate, p95([r[2] - r[1] for r in rows]), sum(1 for r in rows if r[3] is None or r[3] >= 400))
            )
        staff_stop.set()
        rush.close()
        for person in staff:
            person.join(timeout=60)
    finally:
        app.stop(processes)

    print(
        f"opening-day rush: {args.minutes:g} min at {args.per_hour} registrations an hour, gunicorn "
        f"({args.workers} workers x 2 threads) + PostgreSQL + django-q2 worker"
    )
    main_rows = stats.window(began, main_end)
    overall, errors = report(main_rows, "  per request kind (the rush itself):")
    main_sent = [s for s in rush.sent if s.submit_started < main_end]
    accepted = sum(1 for s in main_sent if s.outcome == "accepted")
    print(f"  registrations sent {len(main_sent)}, accepted {accepted}, families who gave up {rush.gave_up}")
    for person in staff:
        if person.failed:
            print(f"  error: {person.failed}")
            errors += 1
    with psycopg.connect(cluster.url(app.DATABASE)) as conn, conn.cursor() as cursor:
        verdict = drill_check.check(cursor, rush.sent)
    print(
        f"  afterwards, of {len(rush.sent)} registrations: complete {verdict.accepted}, lost {verdict.lost}, "
        f"duplicated {verdict.duplicated}, refused {verdict.refused}"
    )
    for problem in verdict.problems[:20]:
        print(f"    {problem}")
    holding = [rate for rate, step_p95, step_errors in steps if step_p95 <= 1.0 and not step_errors]
    print("  step-up phase:")
    for rate, step_p95, step_errors in steps:
        print(f"    {rate:>6} registrations an hour: p95 {step_p95 * 1000:.0f} ms, errors {step_errors}")
    best = max(holding + ([args.per_hour] if overall <= 1.0 else []), default=0)
    print(f"  highest registration rate holding p95 <= 1 s: {best} an hour")
    failed = errors or not verdict.ok or overall > 1.0 or not accepted
    print("  result:", "FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        cluster.stop()  # the drill's own cluster: started by the run, stopped by it
    sys.exit(code)
