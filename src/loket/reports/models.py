"""The reports' summary: one row per childcare request with every fact a report groups or counts by.

Every report reads `RequestSummary` instead of joining requests to their children, families, postcodes, status
history, choices and merges each time. Database triggers (migrations 0002 and 0003, for PostgreSQL and SQLite)
rewrite a request's row in the same transaction whenever something it is computed from changes: the request, its
child, the child's family and guardians, the family's postcode, the request's status history and choices, and a
merge that marks it as a duplicate; the delete trigger removes it with the request. That includes bulk
`QuerySet.update()` and raw SQL, which signals would miss, so the figures are exactly those of the source tables
at any moment. `rebuild()` (the `refresh_report_summaries` command) recomputes every row from scratch: after a bulk
load with triggers disabled, or as a check.

On a million requests it turns the region's dashboard into a few scans of one narrow table (bench/reports.py).
"""

from django.conf import settings
from django.db import connection, models, transaction

# The columns of a row, computed from the source tables; the triggers in migration 0003 use the same expressions.
ROW_COLUMNS = (
    "request_id, desk_id, child_id, family_id, home_postcode_id, home_municipality_id, home_neighbourhood_id, "
    "registered_at, status, start_earliest, age_days, accepts_income, accepts_free, work, single_parent, "
    "low_income, health_or_care, no_diploma, foster, urgent, vulnerable, priority, offered, first_offer_days, "
    "placed_days, first_choice_location_id, merged, number_key, name_key"
)
# `{days}` is the vendor's whole days between two moments (see DAYS), `{age}` the days from birth to the start.
ROW_SELECT = """
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
    # Whole days from `start` to `end` (both moments), rounded down; the age from a date to a date.
    "postgresql": {
        "days": "FLOOR(EXTRACT(EPOCH FROM ({end} - {start})) / 86400)::integer",
        "age": "(r.start_earliest - COALESCE(c.birth_date, c.due_date))",
    },
    "sqlite": {
        "days": "CAST(FLOOR(julianday({end}) - julianday({start})) AS INTEGER)",
        "age": "CAST(julianday(r.start_earliest) - julianday(COALESCE(c.birth_date, c.due_date)) AS INTEGER)",
    },
}


def row_select(vendor: str) -> str:
    days = DAYS[vendor]
    return ROW_SELECT.format(
        age=days["age"],
        offer_days=days["days"].format(start="r.registered_at", end="MIN(o.at)"),
        placed_days=days["days"].format(start="r.registered_at", end="MIN(o.at)"),
    )


class RequestSummary(models.Model):
    request = models.OneToOneField(
        "demand.ChildcareRequest",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the delete trigger removes the row
        db_constraint=False,
        related_name="report_summary",
    )
    desk_id = models.BigIntegerField()
    child_id = models.BigIntegerField()
    family_id = models.BigIntegerField()
    # The family's home: its postcode and that postcode's municipality and neighbourhood (NULL without one).
    home_postcode = models.ForeignKey(
        "areas.Postcode",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    home_municipality_id = models.BigIntegerField(null=True)
    home_neighbourhood_id = models.BigIntegerField(null=True)
    registered_at = models.DateTimeField()
    status = models.CharField(max_length=12)
    start_earliest = models.DateField()
    # Days from the child's birth (or due date) to the desired start: the age bands of the filters.
    age_days = models.IntegerField(null=True)
    accepts_income = models.BooleanField()
    accepts_free = models.BooleanField()
    # The priority facts the family stated, and the two groups derived from them (demand.priority).
    work = models.BooleanField()
    single_parent = models.BooleanField()
    low_income = models.BooleanField()
    health_or_care = models.BooleanField()
    no_diploma = models.BooleanField()
    foster = models.BooleanField()
    urgent = models.BooleanField()
    vulnerable = models.BooleanField()
    # 1 when the request names a priority fact (work, single parent, low income, foster child), else 0.
    priority = models.SmallIntegerField()
    # Got an offer (or a place without one); whole days from registration to the first offer and to the place.
    offered = models.BooleanField()
    first_offer_days = models.IntegerField(null=True)
    placed_days = models.IntegerField(null=True)
    first_choice_location_id = models.BigIntegerField(null=True)
    # A duplicate registration merged into another request: counted nowhere (the kept request counts).
    merged = models.BooleanField()
    # The child's national-number hash, NULL when unknown (NULL, not "", so MAX() and COALESCE() skip it).
    number_key = models.CharField(max_length=64, null=True)  # noqa: DJ001
    # "Name and date of birth": lower(trim(first name)) | date of birth | lower(trim(surname of the family's
    # primary guardian)), NULL without a first name or a date of birth.
    name_key = models.TextField(null=True)  # noqa: DJ001

    class Meta:
        verbose_name = "request summary (reports)"
        verbose_name_plural = "request summaries (reports)"
        indexes = [
            models.Index(fields=["registered_at"], name="reports_identity_registered"),
            models.Index(fields=["desk_id", "registered_at"], name="reports_identity_desk"),
            # The few children without a national number, whose identity needs their name.
            models.Index(
                fields=["registered_at"],
                condition=models.Q(number_key__isnull=True),
                name="reports_identity_numberless",
            ),
            # The few merged duplicates, left out of every count.
            models.Index(fields=["request"], condition=models.Q(merged=True), name="reports_summary_merged"),
        ]

    def __str__(self) -> str:
        return f"request {self.request_id}"

    @classmethod
    def rebuild(cls) -> int:
        """Recompute every row from the source tables, in one transaction. Returns the number of rows."""
        table = cls._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {table}")
            else:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table name
            cursor.execute(f"INSERT INTO {table} ({ROW_COLUMNS}) {row_select(connection.vendor)}")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {table}")
        return cls.objects.count()


class MonthlyChanges(models.Model):
    """How many requests of a desk moved to a status in a calendar month (Loket's time zone): the trend of the
    dashboard, read for a whole region without scanning a year of status history.

    Kept current incrementally by triggers (migration 0004) on the status history: +1 when a change is recorded,
    −1 when one is removed, both when one is altered or its request moves to another desk. Merged duplicates are
    left out at reading time (their few changes are subtracted), as everywhere in the reports."""

    desk_id = models.BigIntegerField()
    month = models.DateField()
    to_status = models.CharField(max_length=12)
    changes = models.IntegerField()

    class Meta:
        verbose_name = "monthly status changes (reports)"
        verbose_name_plural = "monthly status changes (reports)"
        constraints = [
            models.UniqueConstraint(
                fields=["desk_id", "month", "to_status"], name="reports_monthly_changes_key"
            )
        ]

    def __str__(self) -> str:
        return f"desk {self.desk_id} {self.month:%Y-%m} {self.to_status}: {self.changes}"

    @classmethod
    def rebuild(cls) -> int:
        """Recount every month from the status history, in one transaction. Returns the number of rows."""
        table = cls._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table name
            month = MONTH_OF[connection.vendor].format(at="s.at", tz=settings.TIME_ZONE)
            cursor.execute(
                f"INSERT INTO {table} (desk_id, month, to_status, changes) "  # noqa: S608 - our own SQL
                f"SELECT r.desk_id, {month}, s.to_status, COUNT(*) FROM demand_statuschange s "
                f"JOIN demand_childcarerequest r ON r.id = s.request_id GROUP BY 1, 2, 3"
            )
        return cls.objects.count()


# The calendar month (its first day) of a moment, in the installation's time zone. On SQLite through the function
# Django registers on every connection (the triggers fire on Django's connections).
MONTH_OF = {
    "postgresql": "CAST(date_trunc('month', {at} AT TIME ZONE '{tz}') AS date)",
    "sqlite": "DATE(django_datetime_trunc('month', {at}, '{tz}', 'UTC'))",
}
