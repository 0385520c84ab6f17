"""The fault drill: families register through the website while the drill's own PostgreSQL is restarted under them.

    make faultdrill            # or: .venv/bin/python bench/faultdrill.py --clients 8 --down 2

Clients send every registration with the check page's idempotency key and, on a server error or a cut connection,
send it again with the same key for up to a minute. The restart is timed to hit a submit in progress. Afterwards
EVERY registration a client sent is checked (bench/drill_check.py): accepted → present exactly once and complete
(family, child, request, choices, history, key, confirmation mail in the outbox); refused → absent, and the client
saw a clear message. Fails when a registration was lost or duplicated, when none was in flight during the restart,
or when none of those in flight was accepted.
"""

import argparse
import random
import sys
import threading
import time
from datetime import date

import drill_app as app
import drill_check
import drill_cluster as cluster
import psycopg
from families_client import Family, GaveUp


def postcodes() -> list[str]:
    with psycopg.connect(cluster.url(app.DATABASE)) as conn:
        rows = conn.execute(
            "SELECT p.code FROM areas_postcode p JOIN areas_municipality m ON p.municipality_id = m.id "
            "WHERE m.desk_id IS NOT NULL ORDER BY p.code"
        ).fetchall()
    return sorted({row[0] for row in rows})


def months_ahead(first: int, last: int) -> list[str]:
    today = date.today()
    out = []
    for n in range(first, last + 1):
        index = today.year * 12 + today.month - 1 + n
        out.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return out


def spans(sent, began, back) -> bool:
    """The registration was in flight during this restart: first submit before the stop, answered after the start."""
    return sent.submit_started < began and sent.ended > back


class Clients:
    """`count` families registering one after another until told to stop."""

    def __init__(self, count: int, codes: list[str]):
        self.sent: list = []
        self.gave_up = 0
        self.submitting = 0  # submits in progress right now
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.codes = codes
        self.months = months_ahead(4, 12)
        self.counter = iter(range(10**9))
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(count)]

    def run(self, seed: int):
        rng = random.Random(seed)
        family = Family(f"http://{app.APP}", on_request=self.track, on_send=self.sending)
        while not self.stopping.is_set():
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

    # A submit request is in progress from just before it is sent until its answer: the drill restarts during one.
    def sending(self, kind):
        if kind == "submit registration":
            with self.lock:
                self.submitting += 1

    def track(self, kind, started, ended, status):
        if kind == "submit registration":
            with self.lock:
                self.submitting -= 1

    def accepted(self) -> int:
        with self.lock:
            return sum(1 for s in self.sent if s.outcome == "accepted")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=8, help="families registering at the same time")
    parser.add_argument("--down", type=float, default=2.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--before", type=int, default=10, help="accepted registrations before the restart")
    parser.add_argument(
        "--after", type=float, default=20.0, help="seconds the rush goes on after the restart"
    )
    parser.add_argument(
        "--tries", type=int, default=3, help="restarts at most, until one hits a submit in flight"
    )
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database of the last run")
    args = parser.parse_args()

    if not args.skip_prepare:
        print(f"preparing the drill database (own PostgreSQL on port {cluster.PORT}) ...", flush=True)
        app.prepare()
    cluster.start()
    with psycopg.connect(cluster.url(app.DATABASE), autocommit=True) as conn:
        # Only this run's registrations are checked; a reused database starts from the next family number.
        conn.execute("DELETE FROM families_submittedregistration")
    processes = app.start()
    restarts = []
    try:
        clients = Clients(args.clients, postcodes())
        for thread in clients.threads:
            thread.start()
        deadline = time.monotonic() + 300
        while clients.accepted() < args.before and time.monotonic() < deadline:
            time.sleep(0.2)
        # Restart while a submit is on its way: wait for a client that has answered every page and is sending. A submit
        # can still be answered just before the stop lands; then the drill restarts again (at most --tries times).
        for _try in range(args.tries):
            while clients.submitting == 0 and time.monotonic() < deadline:
                time.sleep(0.002)
            restarts.append(cluster.restart(args.down))
            time.sleep(10)  # the retries of what was in flight are answered by now
            with clients.lock:
                if any(spans(s, *restarts[-1]) for s in clients.sent):
                    break
        time.sleep(args.after)
        clients.stopping.set()
        for thread in clients.threads:
            thread.join(timeout=120)
    finally:
        app.stop(processes)

    sent = list(clients.sent)
    # A submit attempt in flight: started before PostgreSQL stopped, answered after it had stopped.
    cut = sum(1 for s in sent for a in s.attempts for began, _back in restarts if a[0] < began < a[1])
    # A registration in flight: its first submit before the stop, its final answer after PostgreSQL was back.
    in_flight = [s for s in sent if any(spans(s, *restart) for restart in restarts)]
    during = [s for s in sent if any(s.submit_started < back and s.ended > began for began, back in restarts)]
    accepted_during = sum(1 for s in during if s.outcome == "accepted")
    retried = sum(1 for s in sent if len(s.attempts) > 1)
    with psycopg.connect(cluster.url(app.DATABASE)) as conn, conn.cursor() as cursor:
        verdict = drill_check.check(cursor, sent)

    print(
        f"fault drill: {args.clients} clients against gunicorn + the drill's PostgreSQL, "
        f"stopped {len(restarts)} time(s) for {max(b - a for a, b in restarts):.1f} s at most "
        "(fast shutdown: every session cut) and started again"
    )
    print(f"  registrations sent {len(sent)} (families who gave up before sending: {clients.gave_up})")
    print(f"  submit requests in flight when PostgreSQL stopped: {cut}")
    print(
        f"  registrations in flight during the restart (first submit before the stop, answered after the start): "
        f"{len(in_flight)}; answered during it: {len(during)}"
    )
    print(f"  of those accepted: {accepted_during}; registrations sent again with the same key: {retried}")
    print(f"  accepted {verdict.accepted}, refused with a message {verdict.refused}")
    print(
        f"  lost {verdict.lost}, duplicated {verdict.duplicated}, stored though refused {verdict.stored_though_refused}"
    )
    for problem in verdict.problems[:20]:
        print(f"    {problem}")
    failed = []
    if not verdict.ok:
        failed.append("registrations lost, duplicated or stored though refused")
    if not in_flight:
        failed.append("no registration was in flight during the restart")
    if not accepted_during:
        failed.append("nothing was accepted during the restart")
    for reason in failed:
        print(f"  FAILED: {reason}")
    print("  result:", "FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        cluster.stop()  # the drill's own cluster: started by the run, stopped by it
    sys.exit(code)
