import time
from datetime import date

from django.core.management import BaseCommand, CommandError, call_command, get_commands

from loket.demo.build import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo_area, demo_exists
from loket.demo.scale import SCALES, ScaleIncomplete, accounts_of, build_scale, custom_scale, scale_exists
from loket.demo.timing import PhaseClock

# Each domain adds its own demo content on top of the area, in this order; every command is idempotent.
EXTRA_DEMO_COMMANDS = ("load_guide_demo", "load_rounds_demo", "load_casework_demo", "load_support_demo")


class Command(BaseCommand):
    help = (
        "Load demo data. --scale demo (default): one desk, two municipalities, ~40 locations, ~600 requests. "
        "--scale city: the desk of Gent, 8 neighbourhoods, ~400 locations, ~10,000 requests a year. "
        "--scale flanders: a desk per district of Flanders, ~5,400 locations, ~70,000 requests. "
        "City and Flanders get a year of weekly allocation rounds. Idempotent: a loaded scale is not loaded again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["demo", *SCALES], default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="reference date (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=None,
            help="number of requests (demo: 600; city and flanders: their size)",
        )
        parser.add_argument(
            "--locations", type=int, default=None, help="number of locations (city and flanders)"
        )

    def handle(self, *args, scale, seed, today, requests, locations, **options):
        if requests is not None and requests < 1:
            raise CommandError("--requests must be at least 1.")
        if locations is not None and locations < 2:
            raise CommandError("--locations must be at least 2.")
        if scale == "demo":
            if locations is not None:
                raise CommandError("--locations applies to --scale city and flanders only.")
            self._demo(seed=seed, today=today, requests=requests or 600)
        else:
            self._scale(scale, seed=seed, today=today, requests=requests, locations=locations)

    def _demo(self, *, seed, today, requests):
        if demo_exists():
            self.stdout.write("The demo area is already loaded; nothing to do.")
        else:
            desk = build_demo_area(seed=seed, today=today, n_requests=requests)
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo area: {desk.name}."))
        available = get_commands()
        for command in EXTRA_DEMO_COMMANDS:
            if command in available:
                call_command(command, stdout=self.stdout)
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<26} {account.description}")
        self.stdout.write("  admin@loket.demo           superuser (management screens, everything)")

    def _scale(self, name, *, seed, today, requests, locations):
        try:
            loaded = scale_exists(name)
        except ScaleIncomplete as problem:
            raise CommandError(str(problem)) from None
        if loaded:
            self.stdout.write(f"The {name} scale is already loaded; nothing to do.")
            return
        scale = custom_scale(name, requests=requests, locations=locations)
        started = time.monotonic()

        def progress(message):
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")
            self.stdout.flush()

        progress(f"Loading --scale {name}: {scale.requests} requests, {scale.locations} locations")
        clock = PhaseClock()
        desks = build_scale(scale, seed=seed, today=today, progress=progress, clock=clock)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded --scale {name}: {len(desks)} desk(s) in {time.monotonic() - started:.0f} s "
                f"({clock.cpu_total():.0f} s of CPU in this process and its database backend: "
                "about the time on a quiet machine)."
            )
        )
        self.stdout.write("Time per phase (CPU: this process and its database backend):")
        for line in clock.report():
            self.stdout.write(line)
        self.stdout.write(f"\nAccounts (password for all: {DEMO_PASSWORD}):")
        for email, description in accounts_of(name):
            self.stdout.write(f"  {email:<30} {description}")
