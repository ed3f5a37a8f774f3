"""Daily event counts for the figures, kept by a trigger on activity_event (PostgreSQL only).

The UK calendar day of an event is ``occurred_at AT TIME ZONE 'Europe/London'`` (settings.TIME_ZONE;
the figures' periods are UK days). Every event adds 1 to its kind's plain "count" row, and to
the rows of the measures its kind has (reporting/models.py MEASURES): assessments started and
completed by type and carer group, decisions by eligibility, completions by days from first
contact, plans by days from assessment (and whether the plan is the first for it), reviews by
timeliness. A deleted event takes its 1 away; a changed kind, time, area or data moves it.
``reporting_rebuild_event_counts()`` recounts everything from the events in one statement: the
migration runs it for events already there, and a bulk load may disable the trigger and run it
after. SQLite has no trigger; figures count its events directly.
"""

from django.db import migrations, models

CREATE = """
CREATE UNIQUE INDEX reporting_eventcount_key ON reporting_eventcount
    (day, kind, area_id, measure, first, second) NULLS NOT DISTINCT;
CREATE INDEX reporting_eventcount_read ON reporting_eventcount
    (measure, kind, day) INCLUDE (area_id, first, second, n);

CREATE OR REPLACE FUNCTION reporting_event_measures(e activity_event)
RETURNS TABLE (day date, kind varchar, area_id bigint, measure varchar, first jsonb, second jsonb) AS $$
    SELECT d, e.kind, e.area_id, m.measure, m.first, m.second
    FROM (SELECT (e.occurred_at AT TIME ZONE 'Europe/London')::date AS d) AS local_day,
    LATERAL (
        SELECT 'count', NULL::jsonb, NULL::jsonb
        UNION ALL
        SELECT 'breakdown', e.data -> 'assessment_type', e.data -> 'carer_type'
            WHERE e.kind IN ('assessment.started', 'assessment.completed')
        UNION ALL
        SELECT 'eligible', e.data -> 'eligible', NULL WHERE e.kind = 'assessment.decided'
        UNION ALL
        SELECT 'contact_days', e.data -> 'days_from_contact', NULL WHERE e.kind = 'assessment.completed'
        UNION ALL
        SELECT 'plan_days', e.data -> 'days_from_assessment', e.data -> 'first_for_assessment'
            WHERE e.kind = 'plan.agreed'
        UNION ALL
        SELECT 'on_time', e.data -> 'on_time', NULL WHERE e.kind = 'review.completed'
    ) AS m (measure, first, second)
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION reporting_count_event() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE reporting_eventcount c SET n = c.n - 1
        FROM reporting_event_measures(OLD) m
        WHERE c.day = m.day AND c.kind = m.kind AND c.area_id IS NOT DISTINCT FROM m.area_id
          AND c.measure = m.measure AND c.first IS NOT DISTINCT FROM m.first
          AND c.second IS NOT DISTINCT FROM m.second;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO reporting_eventcount (day, kind, area_id, measure, first, second, n)
        SELECT m.day, m.kind, m.area_id, m.measure, m.first, m.second, 1 FROM reporting_event_measures(NEW) m
        ON CONFLICT (day, kind, area_id, measure, first, second)
        DO UPDATE SET n = reporting_eventcount.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reporting_count_event
    AFTER INSERT OR DELETE OR UPDATE OF kind, occurred_at, area_id, data ON activity_event
    FOR EACH ROW EXECUTE FUNCTION reporting_count_event();

CREATE OR REPLACE FUNCTION reporting_rebuild_event_counts() RETURNS bigint AS $$
    DELETE FROM reporting_eventcount;
    INSERT INTO reporting_eventcount (day, kind, area_id, measure, first, second, n)
    SELECT m.day, m.kind, m.area_id, m.measure, m.first, m.second, count(*)
    FROM activity_event e, LATERAL reporting_event_measures(e) m
    GROUP BY 1, 2, 3, 4, 5, 6;
    SELECT coalesce(sum(n), 0)::bigint FROM reporting_eventcount WHERE measure = 'count';
$$ LANGUAGE sql;

SELECT reporting_rebuild_event_counts();
"""

DROP = """
DROP TRIGGER IF EXISTS reporting_count_event ON activity_event;
DROP FUNCTION IF EXISTS reporting_count_event();
DROP FUNCTION IF EXISTS reporting_rebuild_event_counts();
DROP FUNCTION IF EXISTS reporting_event_measures(activity_event);
DROP INDEX IF EXISTS reporting_eventcount_key;
DROP INDEX IF EXISTS reporting_eventcount_read;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("activity", "0003_data_rights_and_discard_events")]
    operations = [
        migrations.CreateModel(
            name="EventCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
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
