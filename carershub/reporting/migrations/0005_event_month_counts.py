"""Monthly event counts beside the daily ones, kept by the same triggers (PostgreSQL only).

A financial year's figures read about 50,000 daily rows at a million carers; by month, with the
days of a month the period covers only in part, a tenth of that (``figures._grouped``). The
triggers of reporting/0002 group what a statement wrote once and add it to the days, then add the
same groups, summed by month, to the months: one statement, so a month always equals the sum of
its days, however the events were written. ``reporting_rebuild_event_counts()`` recounts both.
The months of the events already there are summed from their daily counts.
"""

from django.db import migrations, models


def _functions(months: bool) -> str:
    """The trigger and rebuild functions, with or without the monthly counts (to undo this migration)."""
    columns = "day, kind, area_id, measure, first, second"
    same = (
        "c.{at} = g.{at} AND c.kind = g.kind AND c.area_id IS NOT DISTINCT FROM g.area_id"
        " AND c.measure = g.measure AND c.first IS NOT DISTINCT FROM g.first"
        " AND c.second IS NOT DISTINCT FROM g.second"
    )
    grouped = """SELECT m.day, m.kind, m.area_id, m.measure, m.first, m.second, count(*) AS n
        FROM {rows} e, LATERAL reporting_event_measures(e) m
        GROUP BY 1, 2, 3, 4, 5, 6"""
    by_month = """SELECT date_trunc('month', g.day)::date AS month, g.kind, g.area_id, g.measure, g.first,
               g.second, sum(g.n)::bigint AS n
        FROM {source} g GROUP BY 1, 2, 3, 4, 5, 6"""
    if months:
        add = f"""
    WITH g AS ({grouped.format(rows="added")}), days AS (
        INSERT INTO reporting_eventcount ({columns}, n) SELECT * FROM g
        ON CONFLICT ({columns}) DO UPDATE SET n = reporting_eventcount.n + EXCLUDED.n
    )
    INSERT INTO reporting_eventmonthcount (month, kind, area_id, measure, first, second, n)
    {by_month.format(source="g")}
    ON CONFLICT (month, kind, area_id, measure, first, second)
    DO UPDATE SET n = reporting_eventmonthcount.n + EXCLUDED.n;"""
        remove = f"""
    WITH g AS ({grouped.format(rows="removed")}), days AS (
        UPDATE reporting_eventcount c SET n = c.n - g.n FROM g WHERE {same.format(at="day")}
    )
    UPDATE reporting_eventmonthcount c SET n = c.n - g.n
    FROM ({by_month.format(source="g")}) g
    WHERE {same.format(at="month")};"""
        rebuild = f"""
    DELETE FROM reporting_eventmonthcount;
    INSERT INTO reporting_eventmonthcount (month, kind, area_id, measure, first, second, n)
    {by_month.format(source="reporting_eventcount")};"""
    else:
        add = f"""
    INSERT INTO reporting_eventcount ({columns}, n)
    {grouped.format(rows="added")}
    ON CONFLICT ({columns}) DO UPDATE SET n = reporting_eventcount.n + EXCLUDED.n;"""
        remove = f"""
    UPDATE reporting_eventcount c SET n = c.n - g.n
    FROM ({grouped.format(rows="removed")}) g
    WHERE {same.format(at="day")};"""
        rebuild = ""
    return f"""
CREATE OR REPLACE FUNCTION reporting_add_event_counts() RETURNS trigger AS $$
BEGIN{add}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reporting_remove_event_counts() RETURNS trigger AS $$
BEGIN{remove}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reporting_rebuild_event_counts() RETURNS bigint AS $$
    DELETE FROM reporting_eventcount;
    INSERT INTO reporting_eventcount ({columns}, n)
    {grouped.format(rows="activity_event")};{rebuild}
    SELECT coalesce(sum(n), 0)::bigint FROM reporting_eventcount WHERE measure = 'count';
$$ LANGUAGE sql;
"""


INDEXES = """
CREATE UNIQUE INDEX reporting_eventmonthcount_key ON reporting_eventmonthcount
    (month, kind, area_id, measure, first, second) NULLS NOT DISTINCT;
CREATE INDEX reporting_eventmonthcount_read ON reporting_eventmonthcount
    (measure, kind, month) INCLUDE (area_id, first, second, n);
INSERT INTO reporting_eventmonthcount (month, kind, area_id, measure, first, second, n)
SELECT date_trunc('month', day)::date, kind, area_id, measure, first, second, sum(n)::bigint
FROM reporting_eventcount GROUP BY 1, 2, 3, 4, 5, 6;
ANALYZE reporting_eventmonthcount;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # No event is written while the months are summed from the days, so none is missed.
        schema_editor.execute("LOCK TABLE activity_event IN SHARE MODE")
        schema_editor.execute(_functions(months=True) + INDEXES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_functions(months=False))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_prepared_figures")]
    operations = [
        migrations.CreateModel(
            name="EventMonthCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=40)),
                ("area_id", models.BigIntegerField(null=True)),
                ("measure", models.CharField(max_length=20)),
                ("first", models.JSONField(null=True)),
                ("second", models.JSONField(null=True)),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
