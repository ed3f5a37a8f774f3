"""How the product's statements reach PostgreSQL through psycopg (DEVELOPERS.md decision 80)."""

# psycopg turns a statement's %s placeholders into PostgreSQL's numbered ones (the first becomes $1)
# by scanning its text on every run, and remembers the result only for statements under 4,096 bytes
# with at most 50 parameters, so that an ORM's INSERT of many rows, a new text for every number of
# rows, does not fill its memory (psycopg/_queries.py, MAX_CACHED_STATEMENT_LENGTH and _PARAMS;
# 3.3.9, the pinned version). Some statements the busiest pages run are longer: a search's "which of
# these may the user open" has 63 parameters, the person page's timeline 71 (the event kinds it
# shows), the figures' support by kind 61, a two-name search 9.6 kB and 118. Scanning them again
# took 0.11 to 0.22 ms a run, up to a twentieth of a search's Python. Their texts are the same on
# every run (compiled once, decision 65, or built from a few fixed shapes), so they are worth
# keeping. psycopg still keeps at most 128 converted statements, the least recently used going
# first, so the larger limits cost at most a few MB a process. The access log's INSERT sends its
# rows as arrays (audit/services.py), and imports write through COPY, so neither makes a text per
# row count.
LONGEST_KEPT = 16_384  # bytes
MOST_PARAMETERS_KEPT = 256


def keep_long_statements_converted() -> bool:
    """Raise psycopg's limits on which statements' conversions it remembers; False if it has none.

    The limits are module variables psycopg reads on every run, not settings it documents: a
    psycopg that renames them leaves this doing nothing, and
    tests/core/test_database_settings.py fails, rather than the product.
    """
    try:
        from psycopg import _queries
    except ImportError:  # SQLite only, without psycopg installed
        return False
    names = {"MAX_CACHED_STATEMENT_LENGTH": LONGEST_KEPT, "MAX_CACHED_STATEMENT_PARAMS": MOST_PARAMETERS_KEPT}
    if not all(isinstance(getattr(_queries, name, None), int) for name in names):
        return False
    for name, value in names.items():
        setattr(_queries, name, max(getattr(_queries, name), value))
    return True
