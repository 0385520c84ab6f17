"""Indexes the reports need on the demand tables (measured with bench/reports.py on 1,000,000 requests).

They live here because only the reports need them; plain CREATE INDEX IF NOT EXISTS runs the same on SQLite and
PostgreSQL. Should the demand app declare them in its models one day, these become no-ops.
"""

from django.db import migrations

INDEXES = {
    # "Was this request ever offered a place?", the first offer and the placement of each request.
    "reports_statuschange_status_request": "demand_statuschange (to_status, request_id, at)",
    # First choices per location (fair access per location).
    "reports_choice_rank_location": "demand_choice (rank, location_id, request_id)",
}


class Migration(migrations.Migration):
    dependencies = [("demand", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {target}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, target in INDEXES.items()
    ]
