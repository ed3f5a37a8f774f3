"""Daily and monthly counts of activity events, kept by the database, so figures read days and
months rather than events.

Each row counts the events of one kind, in one area, on one UK calendar day, that carry the
same values for one measure (``measure``, with its values in ``first`` and ``second`` exactly as
the event's ``data`` holds them). The measures named in ``ACROSS_AREAS`` are kept a second time
with no area, every area's events together (reporting/0006). A trigger on ``activity_event``
(migration reporting/0001, PostgreSQL only; per statement since reporting/0002, and to the months
too since reporting/0005) adds to them, or takes away, in the same transaction as the event is
written, changed or deleted, whichever way it is written (the product, an import, a bulk load or a
COPY), so they can never disagree with the events. ``figures`` reads them on PostgreSQL and counts the events themselves
on SQLite, the small embedded store.
"""

from django.db import models

# The measures a figure groups by, and the event ``data`` keys each holds in (first, second).
# ``reporting_event_measures`` (reporting/0001, and 0006 since) writes exactly these; a change here
# needs a migration there.
MEASURES = {
    "count": (),
    "breakdown": ("assessment_type", "carer_type"),
    "eligible": ("eligible",),
    "contact_days": ("days_from_contact",),
    "plan_days": ("days_from_assessment", "first_for_assessment"),
    "on_time": ("on_time",),
    # The two days measures again, with no area: every area's events added together, so the
    # region's medians read one row per value, not one per value and area (decision 70).
    "contact_days_all": ("days_from_contact",),
    "plan_days_all": ("days_from_assessment", "first_for_assessment"),
}
ACROSS_AREAS = {"contact_days": "contact_days_all", "plan_days": "plan_days_all"}


class _Counted(models.Model):
    """What a day's or a month's row counts: events of one kind, in one area, with one measure's values."""

    kind = models.CharField(max_length=40)
    # The event's area id as it was recorded; a plain number, so an area can go without its counts.
    area_id = models.BigIntegerField(null=True)
    measure = models.CharField(max_length=20)
    first = models.JSONField(null=True)
    second = models.JSONField(null=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class EventCount(_Counted):
    day = models.DateField()

    # Its indexes are made by the migration's SQL, as only PostgreSQL reads this table: the unique
    # key (NULLs not distinct, PostgreSQL 15+) and (measure, kind, day) covering what figures read.

    def __str__(self):
        return f"{self.day} {self.kind} {self.measure}: {self.n}"


class EventMonthCount(_Counted):
    """The same counts as ``EventCount``, one row per calendar month instead of per day.

    Kept by the same triggers in the same statement (migration reporting/0005), so each month's rows
    always equal the sum of its days'. A financial year's figures read eight or twelve months here and
    the days of a month they only partly cover in ``EventCount`` (``figures._grouped``): a tenth of
    the rows of reading every day, and the same counts.
    """

    month = models.DateField()  # the first day of the UK calendar month

    # Indexes as EventCount's, made by the migration's SQL (only PostgreSQL reads this table).

    def __str__(self):
        return f"{self.month:%Y-%m} {self.kind} {self.measure}: {self.n}"


class PreparedFigures(models.Model):
    """The counts behind one figures page for one choice of period, area and breakdown (decision 50).

    ``data`` holds counts and codes only, never names or labels (labels are given at publishing,
    in the reader's language) and never a person's record. ``events_upto`` is the newest event
    counted, so a page can tell whether anything was recorded since. ``prepared.py`` reads and
    writes these; nothing else should.
    """

    name = models.CharField(max_length=40)  # which counting (prepared.COUNTERS)
    key = models.CharField(max_length=200)  # its choices, as the counting's own words
    data = models.JSONField(null=True)  # null: asked for, being counted
    events_upto = models.BigIntegerField(default=0)
    counted_at = models.DateTimeField()
    seconds = models.FloatField(default=0)  # how long the counting took
    recount_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "key"], name="reporting_prepared_once")]

    def __str__(self):
        return f"{self.name} {self.key} at {self.counted_at:%Y-%m-%d %H:%M}"
