"""The report summary `RequestIdentity` (see loket/reports/models.py) and the triggers that keep it current.

One row per childcare request. Triggers on the request, child, family and guardian tables rewrite the rows a change
touches, in the same transaction, on PostgreSQL and SQLite alike; the migration fills the table once. The SQL is
copied here (not imported) so that this migration keeps doing what it did when the models change.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "reports_requestidentity"
COLUMNS = (
    "request_id, desk_id, child_id, family_id, home_postcode_id, registered_at, status, priority, "
    "number_key, name_key"
)
SELECT = """
SELECT r.id, r.desk_id, r.child_id, c.family_id, f.postcode_id, r.registered_at, r.status,
       CASE WHEN r.work OR r.single_parent OR r.low_income OR r.foster THEN 1 ELSE 0 END,
       NULLIF(c.national_number_hash, ''),
       CASE WHEN c.first_name <> '' AND c.birth_date IS NOT NULL THEN
           LOWER(TRIM(c.first_name)) || '|' || CAST(c.birth_date AS TEXT) || '|' || COALESCE(
               (SELECT LOWER(TRIM(MIN(g.last_name))) FROM demand_guardian g
                WHERE g.family_id = c.family_id AND g.is_primary), '')
       END
FROM demand_childcarerequest r
JOIN demand_child c ON c.id = r.child_id
JOIN demand_family f ON f.id = c.family_id
"""

# (table, event, columns whose change matters on UPDATE, the rows to rewrite)
TRIGGERS = (
    ("demand_childcarerequest", "INSERT", (), "r.id = NEW.id"),
    (
        "demand_childcarerequest",
        "UPDATE",
        ("desk_id", "child_id", "registered_at", "status", "work", "single_parent", "low_income", "foster"),
        "r.id = NEW.id",
    ),
    ("demand_child", "INSERT", (), "r.child_id = NEW.id"),
    (
        "demand_child",
        "UPDATE",
        ("family_id", "national_number_hash", "first_name", "birth_date"),
        "r.child_id = NEW.id",
    ),
    ("demand_family", "INSERT", (), "c.family_id = NEW.id"),
    ("demand_family", "UPDATE", ("postcode_id",), "c.family_id = NEW.id"),
    ("demand_guardian", "INSERT", (), "c.family_id = NEW.family_id"),
    (
        "demand_guardian",
        "UPDATE",
        ("family_id", "last_name", "is_primary"),
        "c.family_id IN (OLD.family_id, NEW.family_id)",
    ),
    ("demand_guardian", "DELETE", (), "c.family_id = OLD.family_id"),
)
DELETE_TRIGGER = ("demand_childcarerequest", f"DELETE FROM {TABLE} WHERE request_id = OLD.id")


def _name(table: str, event: str) -> str:
    return f"reports_identity_{table}_{event.lower()}"


def _postgresql() -> list[str]:
    upsert_set = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS.split(", ")[1:])
    statements = []
    for table, event, columns, rows in TRIGGERS:
        function = _name(table, event)
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} ({COLUMNS}) {SELECT} WHERE {rows}
    ON CONFLICT (request_id) DO UPDATE SET {upsert_set};
    RETURN NULL;
END $$"""
        )
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        when = f"WHEN ({changed}) " if columns else ""
        statements.append(
            f"CREATE TRIGGER {function} AFTER {event} ON {table} FOR EACH ROW {when}"
            f"EXECUTE FUNCTION {function}()"
        )
    table, delete = DELETE_TRIGGER
    function = _name(table, "delete")
    statements.append(
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {delete};
    RETURN NULL;
END $$"""
    )
    statements.append(
        f"CREATE TRIGGER {function} AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    return statements


def _sqlite() -> list[str]:
    statements = []
    for table, event, columns, rows in TRIGGERS:
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        when = f"WHEN {changed} " if columns else ""
        statements.append(
            f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} FOR EACH ROW {when}"
            f"BEGIN INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {SELECT} WHERE {rows}; END"
        )
    table, delete = DELETE_TRIGGER
    statements.append(
        f"CREATE TRIGGER {_name(table, 'delete')} AFTER DELETE ON {table} FOR EACH ROW BEGIN {delete}; END"
    )
    return statements


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(
            f"the report summary triggers exist for PostgreSQL and SQLite, not {vendor}"
        )
    for statement in _postgresql() if vendor == "postgresql" else _sqlite():
        schema_editor.execute(statement, params=None)
    # The triggers are already on: a row they wrote meanwhile is current, keep it.
    if vendor == "postgresql":
        fill = f"INSERT INTO {TABLE} ({COLUMNS}) {SELECT} ON CONFLICT (request_id) DO NOTHING"
    else:
        fill = f"INSERT OR IGNORE INTO {TABLE} ({COLUMNS}) {SELECT} WHERE 1 = 1"
    schema_editor.execute(fill, params=None)
    if vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {TABLE}", params=None)


def uninstall(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for table, event, *_ in (*TRIGGERS, (DELETE_TRIGGER[0], "DELETE")):
        name = _name(table, event)
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""), params=None
        )
        if postgresql:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("demand", "0002_childcarerequest_reconfirm_asked_at_and_more"),
        ("areas", "0001_initial"),
        ("reports", "0001_report_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="RequestIdentity",
            fields=[
                (
                    "request",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="report_identity",
                        serialize=False,
                        to="demand.childcarerequest",
                    ),
                ),
                ("desk_id", models.BigIntegerField()),
                ("child_id", models.BigIntegerField()),
                ("family_id", models.BigIntegerField()),
                ("registered_at", models.DateTimeField()),
                ("status", models.CharField(max_length=12)),
                ("priority", models.SmallIntegerField()),
                ("number_key", models.CharField(max_length=64, null=True)),
                ("name_key", models.TextField(null=True)),
                (
                    "home_postcode",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="areas.postcode",
                    ),
                ),
            ],
            options={
                "verbose_name": "request identity (report summary)",
                "verbose_name_plural": "request identities (report summary)",
                "indexes": [
                    models.Index(fields=["registered_at"], name="reports_identity_registered"),
                    models.Index(fields=["desk_id", "registered_at"], name="reports_identity_desk"),
                    models.Index(
                        condition=models.Q(("number_key__isnull", True)),
                        fields=["registered_at"],
                        name="reports_identity_numberless",
                    ),
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
