"""A summary the agency's yearly figures read instead of joining requests, children and families each time.

`RequestIdentity` holds one row per childcare request with what `selectors.agency_table` and
`selectors.duplicates_table` need about the request, its child and the child's family. Database triggers
(installed by migration 0002, for PostgreSQL and SQLite) rewrite a request's row in the same transaction whenever
the request, its child, the child's family or the family's guardians change in a way that matters, and delete it
with the request; that includes bulk `QuerySet.update()` and raw SQL, which signals would miss. The figures are
therefore exactly those of the source tables at any moment. `rebuild()` (the `refresh_report_summaries` command)
recomputes every row from scratch: after a bulk load with triggers disabled, or as a check.

On a million requests it saves the three-table join of a year's requests (the bulk of the yearly figures' time);
see bench/reports.py.
"""

from django.db import connection, models, transaction

# The columns of a row, computed from the source tables; the triggers in migration 0002 use the same expressions.
ROW_COLUMNS = (
    "request_id, desk_id, child_id, family_id, home_postcode_id, registered_at, status, priority, "
    "number_key, name_key"
)
ROW_SELECT = """
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


class RequestIdentity(models.Model):
    request = models.OneToOneField(
        "demand.ChildcareRequest",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the delete trigger removes the row
        db_constraint=False,
        related_name="report_identity",
    )
    desk_id = models.BigIntegerField()
    child_id = models.BigIntegerField()
    family_id = models.BigIntegerField()
    # The family's postcode (its home), NULL without one.
    home_postcode = models.ForeignKey(
        "areas.Postcode",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    registered_at = models.DateTimeField()
    status = models.CharField(max_length=12)
    # 1 when the request names a priority fact (work, single parent, low income, foster child), else 0.
    priority = models.SmallIntegerField()
    # The child's national-number hash, NULL when unknown (NULL, not "", so MAX() and COALESCE() skip it).
    number_key = models.CharField(max_length=64, null=True)  # noqa: DJ001
    # "Name and date of birth": lower(trim(first name)) | date of birth | lower(trim(surname of the family's
    # primary guardian)), NULL without a first name or a date of birth.
    name_key = models.TextField(null=True)  # noqa: DJ001

    class Meta:
        verbose_name = "request identity (report summary)"
        verbose_name_plural = "request identities (report summary)"
        indexes = [
            models.Index(fields=["registered_at"], name="reports_identity_registered"),
            models.Index(fields=["desk_id", "registered_at"], name="reports_identity_desk"),
            # The few children without a national number, whose identity needs their name.
            models.Index(
                fields=["registered_at"],
                condition=models.Q(number_key__isnull=True),
                name="reports_identity_numberless",
            ),
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
            cursor.execute(f"INSERT INTO {table} ({ROW_COLUMNS}) {ROW_SELECT}")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {table}")
        return cls.objects.count()
