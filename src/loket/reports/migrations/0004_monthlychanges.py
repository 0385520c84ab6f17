"""Status changes per desk and calendar month (`MonthlyChanges`), kept current by triggers on the status history and
on a request moving to another desk, so the region's trend reads a few hundred rows instead of a year of history.

The month is taken in the installation's time zone (settings.TIME_ZONE when the migration runs). On SQLite the
triggers call `django_datetime_trunc`, the function Django registers on each of its connections (the same one its
own TruncMonth uses): a write to the status history from outside Django would need it too. The SQL is copied here,
not imported, so this migration keeps doing what it did when the models change.
"""

from django.conf import settings
from django.db import migrations, models

TABLE = "reports_monthlychanges"
MONTH_OF = {
    "postgresql": "CAST(date_trunc('month', {at} AT TIME ZONE '{tz}') AS date)",
    "sqlite": "DATE(django_datetime_trunc('month', {at}, '{tz}', 'UTC'))",
}
UPSERT = "ON CONFLICT (desk_id, month, to_status) DO UPDATE SET changes = {table}.changes + excluded.changes"


def _month(vendor: str, at: str) -> str:
    return MONTH_OF[vendor].format(at=at, tz=settings.TIME_ZONE)


def _count(vendor: str, row: str, sign: str) -> str:
    """Add `sign` 1 for the change `row` (OLD or NEW) to its desk's month."""
    return (
        f"INSERT INTO {TABLE} (desk_id, month, to_status, changes) "
        f"SELECT r.desk_id, {_month(vendor, f'{row}.at')}, {row}.to_status, {sign}1 "
        f"FROM demand_childcarerequest r WHERE r.id = {row}.request_id "
        + UPSERT.format(table=TABLE)
    )


def _move(vendor: str, desk: str, sign: str) -> str:
    """Add `sign` the request's changes to `desk` (OLD.desk_id or NEW.desk_id), month by month."""
    return (
        f"INSERT INTO {TABLE} (desk_id, month, to_status, changes) "
        f"SELECT {desk}, {_month(vendor, 's.at')}, s.to_status, {sign}COUNT(*) "
        f"FROM demand_statuschange s WHERE s.request_id = NEW.id GROUP BY 2, 3 "
        + UPSERT.format(table=TABLE)
    )


def _postgresql() -> list[str]:
    v = "postgresql"
    return [
        f"""CREATE OR REPLACE FUNCTION reports_monthly_statuschange() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN {_count(v, "OLD", "-")}; END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN {_count(v, "NEW", "")}; END IF;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER reports_monthly_statuschange AFTER INSERT OR DELETE OR UPDATE OF request_id, to_status, at "
        "ON demand_statuschange FOR EACH ROW EXECUTE FUNCTION reports_monthly_statuschange()",
        f"""CREATE OR REPLACE FUNCTION reports_monthly_request_desk() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_move(v, "OLD.desk_id", "-")};
    {_move(v, "NEW.desk_id", "")};
    RETURN NULL;
END $$""",
        "CREATE TRIGGER reports_monthly_request_desk AFTER UPDATE OF desk_id ON demand_childcarerequest "
        "FOR EACH ROW WHEN (OLD.desk_id IS DISTINCT FROM NEW.desk_id) "
        "EXECUTE FUNCTION reports_monthly_request_desk()",
    ]


def _sqlite() -> list[str]:
    v = "sqlite"
    changed = "OLD.request_id IS NOT NEW.request_id OR OLD.to_status IS NOT NEW.to_status OR OLD.at IS NOT NEW.at"
    return [
        "CREATE TRIGGER reports_monthly_statuschange_insert AFTER INSERT ON demand_statuschange FOR EACH ROW "
        f"BEGIN {_count(v, 'NEW', '')}; END",
        "CREATE TRIGGER reports_monthly_statuschange_delete AFTER DELETE ON demand_statuschange FOR EACH ROW "
        f"BEGIN {_count(v, 'OLD', '-')}; END",
        f"CREATE TRIGGER reports_monthly_statuschange_update AFTER UPDATE ON demand_statuschange FOR EACH ROW "
        f"WHEN {changed} BEGIN {_count(v, 'OLD', '-')}; {_count(v, 'NEW', '')}; END",
        "CREATE TRIGGER reports_monthly_request_desk AFTER UPDATE ON demand_childcarerequest FOR EACH ROW "
        f"WHEN OLD.desk_id IS NOT NEW.desk_id BEGIN {_move(v, 'OLD.desk_id', '-')}; {_move(v, 'NEW.desk_id', '')}; END",
    ]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in MONTH_OF:
        raise NotImplementedError(f"the reports' monthly triggers exist for PostgreSQL and SQLite, not {vendor}")
    for statement in _postgresql() if vendor == "postgresql" else _sqlite():
        schema_editor.execute(statement, params=None)
    schema_editor.execute(
        f"INSERT INTO {TABLE} (desk_id, month, to_status, changes) "
        f"SELECT r.desk_id, {_month(vendor, 's.at')}, s.to_status, COUNT(*) FROM demand_statuschange s "
        f"JOIN demand_childcarerequest r ON r.id = s.request_id GROUP BY 1, 2, 3",
        params=None,
    )


def uninstall(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    triggers = (
        [("reports_monthly_statuschange", "demand_statuschange"), ("reports_monthly_request_desk", "demand_childcarerequest")]
        if postgresql
        else [
            (f"reports_monthly_statuschange_{event}", "demand_statuschange") for event in ("insert", "delete", "update")
        ]
        + [("reports_monthly_request_desk", "demand_childcarerequest")]
    )
    for name, table in triggers:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""), params=None)
    if postgresql:
        for name in ("reports_monthly_statuschange", "reports_monthly_request_desk"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()", params=None)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_requestsummary")]

    operations = [
        migrations.CreateModel(
            name="MonthlyChanges",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("desk_id", models.BigIntegerField()),
                ("month", models.DateField()),
                ("to_status", models.CharField(max_length=12)),
                ("changes", models.IntegerField()),
            ],
            options={
                "verbose_name": "monthly status changes (reports)",
                "verbose_name_plural": "monthly status changes (reports)",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("desk_id", "month", "to_status"), name="reports_monthly_changes_key"
                    )
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
