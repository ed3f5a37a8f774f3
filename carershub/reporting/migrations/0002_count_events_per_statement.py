"""Keep the daily event counts once per statement instead of once per row (PostgreSQL only).

reporting/0001 counted each event as it was written, one upsert per measure per row: right for
the product's one-event writes, slow for a bulk load or an import of a million rows (an upsert
per row on the same few hot counts). These triggers see every row a statement wrote, changed or
deleted at once (transition tables), group them, and change each count once. The counts are the
same (tests/reporting/test_daily_counts.py).
"""

from django.db import migrations

CREATE = """
DROP TRIGGER IF EXISTS reporting_count_event ON activity_event;
DROP FUNCTION IF EXISTS reporting_count_event();

CREATE OR REPLACE FUNCTION reporting_add_event_counts() RETURNS trigger AS $$
BEGIN
    INSERT INTO reporting_eventcount (day, kind, area_id, measure, first, second, n)
    SELECT m.day, m.kind, m.area_id, m.measure, m.first, m.second, count(*)
    FROM added e, LATERAL reporting_event_measures(e) m
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, kind, area_id, measure, first, second)
    DO UPDATE SET n = reporting_eventcount.n + EXCLUDED.n;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reporting_remove_event_counts() RETURNS trigger AS $$
BEGIN
    UPDATE reporting_eventcount c SET n = c.n - g.n
    FROM (
        SELECT m.day, m.kind, m.area_id, m.measure, m.first, m.second, count(*) AS n
        FROM removed e, LATERAL reporting_event_measures(e) m
        GROUP BY 1, 2, 3, 4, 5, 6
    ) g
    WHERE c.day = g.day AND c.kind = g.kind AND c.area_id IS NOT DISTINCT FROM g.area_id
      AND c.measure = g.measure AND c.first IS NOT DISTINCT FROM g.first
      AND c.second IS NOT DISTINCT FROM g.second;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reporting_add_event_counts
    AFTER INSERT ON activity_event REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_add_event_counts();
CREATE TRIGGER reporting_remove_event_counts
    AFTER DELETE ON activity_event REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_remove_event_counts();
-- An UPDATE takes the rows away as they were and adds them back as they are. Transition tables
-- cannot go with a column list, so every UPDATE is seen; one that changes none of kind, time,
-- area and data takes away and adds back the same counts.
CREATE TRIGGER reporting_add_event_counts_updated
    AFTER UPDATE ON activity_event REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_add_event_counts();
CREATE TRIGGER reporting_remove_event_counts_updated
    AFTER UPDATE ON activity_event REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_remove_event_counts();
"""

DROP = """
DROP TRIGGER IF EXISTS reporting_add_event_counts ON activity_event;
DROP TRIGGER IF EXISTS reporting_remove_event_counts ON activity_event;
DROP TRIGGER IF EXISTS reporting_add_event_counts_updated ON activity_event;
DROP TRIGGER IF EXISTS reporting_remove_event_counts_updated ON activity_event;
DROP FUNCTION IF EXISTS reporting_add_event_counts();
DROP FUNCTION IF EXISTS reporting_remove_event_counts();
"""

# The per-row trigger of 0001, put back when this migration is undone.
PER_ROW = """
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
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP + PER_ROW)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_event_counts")]
    operations = [migrations.RunPython(forwards, backwards)]
