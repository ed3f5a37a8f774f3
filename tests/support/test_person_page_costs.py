"""What the support delivered adds to the person page's statements (issue 7 counts every one of them).

A carer with none of it costs no statement of its own: the page asks once what the record holds
(decision 62). A carer with all of it reads each part's rows
once, however many of the page's sections, glances and buttons show them.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from tests import builders

PARTS = ("breaks", "payments", "emergency", "groups")


def _statements(client, person):
    client.get(f"/people/{person.pk}/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/people/{person.pk}/").status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def _part_of(sql):
    """The part whose tables a statement reads first (FROM), or None."""
    found = re.search(r'FROM "(breaks|payments|emergency|groups)_', sql)
    return found.group(1) if found else None


def test_a_carer_without_support_delivered_costs_no_statement_of_its_own(client_for, make_carer):
    client = client_for(Role.PRACTITIONER, organisation="council")
    carer = make_carer()

    statements = _statements(client, carer)

    # The page's one question about what the record holds (decision 62) names every part's tables;
    # finding none of them, no part reads its own.
    holdings = [sql for sql in statements if sql.startswith("SELECT (EXISTS (SELECT 1 FROM")]
    assert len(holdings) == 1
    assert {part for part in PARTS if f'"{part}_' in holdings[0]} == set(PARTS)
    assert [_part_of(sql) for sql in statements if sql not in holdings and _part_of(sql)] == []


def test_a_carer_with_all_of_it_reads_each_rows_once(client_for, make_carer, region):
    client = client_for(Role.PRACTITIONER, organisation="council")
    carer = make_carer()
    provider = Organisation.objects.create(name="Test Sitters", kind=Organisation.Kind.CARE_PROVIDER,
                                           sector=Organisation.Sector.COOPERATIVE)
    builders.support_delivered(carer, actor=client.user, council=region["orgs"]["council"], provider=provider)

    statements = _statements(client, carer)

    def by_carer(table, column="carer_id"):
        # The timeline's entries read their rows by id; the sections read the carer's.
        return [s for s in statements if f'FROM "{table}"' in s and f'"{table}"."{column}" =' in s]

    assert len(by_carer("breaks_allowance")) == 1, "the section and the glance share the allowances"
    assert len(by_carer("emergency_contingencyplan")) == 1, "the section and the glance share the plan"
    assert len(by_carer("payments_agreement")) == 1
