from django.core.management import BaseCommand, get_commands
from django_q.models import Schedule

from loket.core.schedules import JOBS


class Command(BaseCommand):
    help = "Create or update the periodic jobs in the task queue (idempotent)."

    def handle(self, *args, **options):
        available = get_commands()
        for job in JOBS:
            if job.command not in available:
                Schedule.objects.filter(name=job.name).delete()
                continue
            Schedule.objects.update_or_create(
                name=job.name,
                defaults={
                    "func": "django.core.management.call_command",
                    "args": repr(job.command),
                    "schedule_type": Schedule.MINUTES,
                    "minutes": job.minutes,
                    "repeats": -1,
                },
            )
            self.stdout.write(f"  every {job.minutes:>4} min  {job.command:<26} {job.purpose}")
