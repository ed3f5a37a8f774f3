"""How the product's connections to PostgreSQL are set up (carershub/settings.py, DEVELOPERS.md decision 55)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT compiler")


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_to_machine_code():
    # A queue count estimated as costly took two seconds compiling and a few hundred ms running.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
