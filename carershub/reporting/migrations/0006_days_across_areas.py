"""The days measures also counted across all areas (PostgreSQL only; DEVELOPERS.md decision 70).

A median of days needs every value's count, and the counts of reporting/0001 keep one row per
area for each value, day and month. A quarter's figures for the whole region read about 11,000
such monthly rows to add twenty areas' rows back together. The same measures are now also kept
under ``contact_days_all`` and ``plan_days_all``, with no area: the region's figures read those,
about 700 rows, and an area's figures read the area's own rows as before.

``reporting_event_measures`` gives every event its rows of every measure; both triggers and the
rebuild take their rows from it, so this one change reaches the days, the months and the rebuild.
An event of another area can now add to the same all-areas row as this one, but only an event of
the same kind, on the same day (or month) and with the same number of days: few writers share one.
The rows for the events already there are summed from the areas' rows, under a share lock on the
events so that none is written meanwhile and missed.
"""

from django.db import migrations

MEASURES = """
CREATE OR REPLACE FUNCTION reporting_event_measures(e activity_event)
RETURNS TABLE (day date, kind varchar, area_id bigint, measure varchar, first jsonb, second jsonb) AS $$
    SELECT d, e.kind, CASE WHEN m.everywhere THEN NULL ELSE e.area_id END, m.measure, m.first, m.second
    FROM (SELECT (e.occurred_at AT TIME ZONE 'Europe/London')::date AS d) AS local_day,
    LATERAL (
        SELECT 'count', NULL::jsonb, NULL::jsonb, false
        UNION ALL
        SELECT 'breakdown', e.data -> 'assessment_type', e.data -> 'carer_type', false
            WHERE e.kind IN ('assessment.started', 'assessment.completed')
        UNION ALL
        SELECT 'eligible', e.data -> 'eligible', NULL, false WHERE e.kind = 'assessment.decided'
        UNION ALL
        SELECT 'contact_days', e.data -> 'days_from_contact', NULL, false WHERE e.kind = 'assessment.completed'
        UNION ALL
        SELECT 'plan_days', e.data -> 'days_from_assessment', e.data -> 'first_for_assessment', false
            WHERE e.kind = 'plan.agreed'
        UNION ALL
        SELECT 'on_time', e.data -> 'on_time', NULL, false WHERE e.kind = 'review.completed'
        {everywhere}
    ) AS m (measure, first, second, everywhere)
$$ LANGUAGE sql STABLE;
"""

EVERYWHERE = """
        UNION ALL
        SELECT 'contact_days_all', e.data -> 'days_from_contact', NULL, true WHERE e.kind = 'assessment.completed'
        UNION ALL
        SELECT 'plan_days_all', e.data -> 'days_from_assessment', e.data -> 'first_for_assessment', true
            WHERE e.kind = 'plan.agreed'"""

SUM_EXISTING = """
INSERT INTO reporting_eventcount (day, kind, area_id, measure, first, second, n)
SELECT day, kind, NULL, measure || '_all', first, second, sum(n)::bigint
FROM reporting_eventcount WHERE measure IN ('contact_days', 'plan_days') AND n > 0
GROUP BY day, kind, measure, first, second;
INSERT INTO reporting_eventmonthcount (month, kind, area_id, measure, first, second, n)
SELECT month, kind, NULL, measure || '_all', first, second, sum(n)::bigint
FROM reporting_eventmonthcount WHERE measure IN ('contact_days', 'plan_days') AND n > 0
GROUP BY month, kind, measure, first, second;
ANALYZE reporting_eventcount;
ANALYZE reporting_eventmonthcount;
"""

REMOVE_EXISTING = """
DELETE FROM reporting_eventcount WHERE measure IN ('contact_days_all', 'plan_days_all');
DELETE FROM reporting_eventmonthcount WHERE measure IN ('contact_days_all', 'plan_days_all');
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("LOCK TABLE activity_event IN SHARE MODE")
        schema_editor.execute(MEASURES.replace("{everywhere}", EVERYWHERE) + SUM_EXISTING)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("LOCK TABLE activity_event IN SHARE MODE")
        schema_editor.execute(MEASURES.replace("{everywhere}", "") + REMOVE_EXISTING)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_event_month_counts")]
    operations = [migrations.RunPython(forwards, backwards)]
