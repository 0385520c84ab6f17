from datetime import date

from django.core.management import BaseCommand, call_command, get_commands

from loket.demo.build import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo_area, demo_exists

# Each domain adds its own demo content on top of the area, in this order; every command is idempotent.
EXTRA_DEMO_COMMANDS = ("load_guide_demo", "load_rounds_demo", "load_casework_demo", "load_support_demo")


class Command(BaseCommand):
    help = "Load the demo area (one desk, two municipalities, ~40 locations, ~600 requests). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="reference date (YYYY-MM-DD)"
        )
        parser.add_argument("--requests", type=int, default=600)

    def handle(self, *args, seed, today, requests, **options):
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
