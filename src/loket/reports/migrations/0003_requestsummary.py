"""The report summary grows from the agency's identity keys into every fact a report counts by (`RequestSummary`):
the family's home area, the child's age at the start, the priority facts and groups, whether and when the request
got an offer and a place, its first choice, and whether it was merged away as a duplicate.

The triggers of migration 0002 are replaced by triggers that also follow the status history, the choices, the
merges and postcode changes. The SQL is copied here (not imported) so that this migration keeps doing what it did
when the models change.
"""

from django.db import migrations, models

TABLE = "reports_requestsummary"
COLUMNS = (
    "request_id, desk_id, child_id, family_id, home_postcode_id, home_municipality_id, home_neighbourhood_id, "
    "registered_at, status, start_earliest, age_days, accepts_income, accepts_free, work, single_parent, "
    "low_income, health_or_care, no_diploma, foster, urgent, vulnerable, priority, offered, first_offer_days, "
    "placed_days, first_choice_location_id, merged, number_key, name_key"
)
SELECT = """
SELECT r.id, r.desk_id, r.child_id, c.family_id, f.postcode_id, p.municipality_id, p.neighbourhood_id,
       r.registered_at, r.status, r.start_earliest, {age}, r.accepts_income_tariff, r.accepts_free_price,
       r.work, r.single_parent, r.low_income, r.health_or_care, r.no_diploma, r.foster, r.urgent,
       ((r.low_income OR r.health_or_care OR r.no_diploma) AND (
           CASE WHEN r.work THEN 1 ELSE 0 END + CASE WHEN r.single_parent THEN 1 ELSE 0 END
           + CASE WHEN r.low_income THEN 1 ELSE 0 END + CASE WHEN r.health_or_care THEN 1 ELSE 0 END
           + CASE WHEN r.no_diploma THEN 1 ELSE 0 END) >= 2),
       CASE WHEN r.work OR r.single_parent OR r.low_income OR r.foster THEN 1 ELSE 0 END,
       (r.status = 'placed' OR EXISTS (
           SELECT 1 FROM demand_statuschange o WHERE o.request_id = r.id AND o.to_status = 'offered')),
       (SELECT {offer_days} FROM demand_statuschange o WHERE o.request_id = r.id AND o.to_status = 'offered'),
       (SELECT {placed_days} FROM demand_statuschange o WHERE o.request_id = r.id AND o.to_status = 'placed'),
       (SELECT MIN(ch.location_id) FROM demand_choice ch WHERE ch.request_id = r.id AND ch.rank = 1),
       EXISTS (SELECT 1 FROM casework_requestmerge m WHERE m.duplicate_id = r.id),
       NULLIF(c.national_number_hash, ''),
       CASE WHEN c.first_name <> '' AND c.birth_date IS NOT NULL THEN
           LOWER(TRIM(c.first_name)) || '|' || CAST(c.birth_date AS TEXT) || '|' || COALESCE(
               (SELECT LOWER(TRIM(MIN(g.last_name))) FROM demand_guardian g
                WHERE g.family_id = c.family_id AND g.is_primary), '')
       END
FROM demand_childcarerequest r
JOIN demand_child c ON c.id = r.child_id
JOIN demand_family f ON f.id = c.family_id
LEFT JOIN areas_postcode p ON p.id = f.postcode_id
"""
DAYS = {
    "postgresql": {
        "days": "FLOOR(EXTRACT(EPOCH FROM ({end} - {start})) / 86400)::integer",
        "age": "(r.start_earliest - COALESCE(c.birth_date, c.due_date))",
    },
    "sqlite": {
        "days": "CAST(FLOOR(julianday({end}) - julianday({start})) AS INTEGER)",
        "age": "CAST(julianday(r.start_earliest) - julianday(COALESCE(c.birth_date, c.due_date)) AS INTEGER)",
    },
}

# (table, event, columns whose change matters on UPDATE, the rows to rewrite: a condition on r, c or f[, only when:
# a condition on the row, so that the many changes no summary column depends on cost nothing])
TRIGGERS = (
    ("demand_childcarerequest", "INSERT", (), "r.id = NEW.id"),
    (
        "demand_childcarerequest",
        "UPDATE",
        (
            "desk_id", "child_id", "registered_at", "status", "start_earliest", "accepts_income_tariff",
            "accepts_free_price", "work", "single_parent", "low_income", "health_or_care", "no_diploma",
            "foster", "urgent",
        ),
        "r.id = NEW.id",
    ),
    ("demand_child", "INSERT", (), "r.child_id = NEW.id"),
    (
        "demand_child",
        "UPDATE",
        ("family_id", "national_number_hash", "first_name", "birth_date", "due_date"),
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
    ("demand_statuschange", "INSERT", (), "r.id = NEW.request_id", "NEW.to_status IN ('offered', 'placed')"),
    ("demand_statuschange", "UPDATE", ("request_id", "to_status", "at"), "r.id IN (OLD.request_id, NEW.request_id)"),
    ("demand_statuschange", "DELETE", (), "r.id = OLD.request_id", "OLD.to_status IN ('offered', 'placed')"),
    ("demand_choice", "INSERT", (), "r.id = NEW.request_id", "NEW.rank = 1"),
    ("demand_choice", "UPDATE", ("request_id", "location_id", "rank"), "r.id IN (OLD.request_id, NEW.request_id)"),
    ("demand_choice", "DELETE", (), "r.id = OLD.request_id", "OLD.rank = 1"),
    ("casework_requestmerge", "INSERT", (), "r.id = NEW.duplicate_id"),
    ("casework_requestmerge", "UPDATE", ("duplicate_id",), "r.id IN (OLD.duplicate_id, NEW.duplicate_id)"),
    ("casework_requestmerge", "DELETE", (), "r.id = OLD.duplicate_id"),
    ("areas_postcode", "UPDATE", ("municipality_id", "neighbourhood_id"), "f.postcode_id = NEW.id"),
)
DELETE_TRIGGER = ("demand_childcarerequest", f"DELETE FROM {TABLE} WHERE request_id = OLD.id")

# Migration 0002's triggers, dropped here.
OLD_TRIGGERS = (
    ("demand_childcarerequest", "INSERT"),
    ("demand_childcarerequest", "UPDATE"),
    ("demand_child", "INSERT"),
    ("demand_child", "UPDATE"),
    ("demand_family", "INSERT"),
    ("demand_family", "UPDATE"),
    ("demand_guardian", "INSERT"),
    ("demand_guardian", "UPDATE"),
    ("demand_guardian", "DELETE"),
    ("demand_childcarerequest", "DELETE"),
)


def _select(vendor: str) -> str:
    days = DAYS[vendor]
    return SELECT.format(
        age=days["age"],
        offer_days=days["days"].format(start="r.registered_at", end="MIN(o.at)"),
        placed_days=days["days"].format(start="r.registered_at", end="MIN(o.at)"),
    )


def _name(prefix: str, table: str, event: str) -> str:
    return f"reports_{prefix}_{table}_{event.lower()}"


def _drop(schema_editor, names):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, table in names:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""), params=None)
        if postgresql:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()", params=None)


def _postgresql() -> list[str]:
    select = _select("postgresql")
    upsert_set = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS.split(", ")[1:])
    statements = []
    for table, event, columns, rows, *only in TRIGGERS:
        function = _name("summary", table, event)
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} ({COLUMNS}) {select} WHERE {rows}
    ON CONFLICT (request_id) DO UPDATE SET {upsert_set};
    RETURN NULL;
END $$"""
        )
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        condition = changed or (only[0] if only else "")
        when = f"WHEN ({condition}) " if condition else ""
        statements.append(
            f"CREATE TRIGGER {function} AFTER {event} ON {table} FOR EACH ROW {when}EXECUTE FUNCTION {function}()"
        )
    table, delete = DELETE_TRIGGER
    function = _name("summary", table, "delete")
    statements.append(
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {delete};
    RETURN NULL;
END $$"""
    )
    statements.append(f"CREATE TRIGGER {function} AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
    return statements


def _sqlite() -> list[str]:
    select = _select("sqlite")
    statements = []
    for table, event, columns, rows, *only in TRIGGERS:
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        condition = changed or (only[0] if only else "")
        when = f"WHEN {condition} " if condition else ""
        statements.append(
            f"CREATE TRIGGER {_name('summary', table, event)} AFTER {event} ON {table} FOR EACH ROW {when}"
            f"BEGIN INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {select} WHERE {rows}; END"
        )
    table, delete = DELETE_TRIGGER
    statements.append(
        f"CREATE TRIGGER {_name('summary', table, 'delete')} AFTER DELETE ON {table} FOR EACH ROW BEGIN {delete}; END"
    )
    return statements


def _new_trigger_names():
    return [
        (_name("summary", table, event), table)
        for table, event, *_ in (*TRIGGERS, (DELETE_TRIGGER[0], "DELETE"))
    ]


def drop_old(apps, schema_editor):
    """Before the table changes: 0002's triggers name the old table."""
    _drop(schema_editor, [(_name("identity", table, event), table) for table, event in OLD_TRIGGERS])


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"the report summary triggers exist for PostgreSQL and SQLite, not {vendor}")
    for statement in _postgresql() if vendor == "postgresql" else _sqlite():
        schema_editor.execute(statement, params=None)
    # Every row again, with the new columns (the triggers are on: a row they write meanwhile is current).
    schema_editor.execute(f"DELETE FROM {TABLE}", params=None)
    schema_editor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) {_select(vendor)}", params=None)
    if vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {TABLE}", params=None)


def uninstall(apps, schema_editor):
    _drop(schema_editor, _new_trigger_names())
    # Migration 0002's triggers come back when it is re-applied from scratch; going back to 0002 alone leaves
    # the summary without triggers until `refresh_report_summaries` and a forward migration run again.


def _boolean(name):
    return migrations.AddField(
        model_name="requestsummary", name=name, field=models.BooleanField(default=False), preserve_default=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_requestidentity"),
        ("casework", "0001_initial"),
        ("demand", "0002_childcarerequest_reconfirm_asked_at_and_more"),
    ]

    operations = [
        migrations.RunPython(drop_old, migrations.RunPython.noop),
        migrations.RenameModel("RequestIdentity", "RequestSummary"),
        migrations.AlterModelOptions(
            name="requestsummary",
            options={
                "verbose_name": "request summary (reports)",
                "verbose_name_plural": "request summaries (reports)",
            },
        ),
        migrations.AlterField(
            model_name="requestsummary",
            name="request",
            field=models.OneToOneField(
                db_constraint=False,
                on_delete=models.deletion.DO_NOTHING,
                primary_key=True,
                related_name="report_summary",
                serialize=False,
                to="demand.childcarerequest",
            ),
        ),
        migrations.AddField("requestsummary", "home_municipality_id", models.BigIntegerField(null=True)),
        migrations.AddField("requestsummary", "home_neighbourhood_id", models.BigIntegerField(null=True)),
        migrations.AddField(
            model_name="requestsummary",
            name="start_earliest",
            field=models.DateField(default="2000-01-01"),
            preserve_default=False,
        ),
        migrations.AddField("requestsummary", "age_days", models.IntegerField(null=True)),
        *[
            _boolean(name)
            for name in (
                "accepts_income",
                "accepts_free",
                "work",
                "single_parent",
                "low_income",
                "health_or_care",
                "no_diploma",
                "foster",
                "urgent",
                "vulnerable",
                "offered",
                "merged",
            )
        ],
        migrations.AddField("requestsummary", "first_offer_days", models.IntegerField(null=True)),
        migrations.AddField("requestsummary", "placed_days", models.IntegerField(null=True)),
        migrations.AddField("requestsummary", "first_choice_location_id", models.BigIntegerField(null=True)),
        migrations.AddIndex(
            model_name="requestsummary",
            index=models.Index(condition=models.Q(("merged", True)), fields=["request"], name="reports_summary_merged"),
        ),
        migrations.RunPython(install, uninstall),
    ]
