"""What the record holds: one statement asks which parts of the person page have any rows, and a part
with none shows its empty state without a query of its own (decision 62). The timeline's entries
find the rows the page's parts have read instead of reading them again by id.
"""

import pytest
from django.db import connection
from django.utils import timezone
from django.test.utils import CaptureQueriesContext

from carershub.accounts.models import Role
from carershub.people import sections
from carershub.people.models import Person
from tests import builders

HOLDINGS = "SELECT (EXISTS (SELECT 1 FROM"


def _page(client, person):
    client.get(f"/people/{person.pk}/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries]


def _tables_of(key):
    models, _field = sections._holdings[key]
    return [m._meta.db_table for m in models]


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER, organisation="council")


def test_a_page_that_did_not_ask_reads_every_part(make_carer):
    carer = make_carer()

    assert sections.holds(carer, "referrals") is True
    assert sections.already_read(carer, "anything") is None


def test_one_statement_says_which_parts_hold_rows(make_carer, make_consent, practitioner, region):
    carer = make_carer()
    sections.read_holdings(carer)
    assert not any(sections.holds(carer, key) for key in sections._holdings)

    carer = Person.objects.get(pk=carer.pk)
    make_consent(carer)
    builders.casework(carer, actor=practitioner.user)
    with CaptureQueriesContext(connection) as captured:
        sections.read_holdings(carer)

    assert len(captured.captured_queries) == 1
    found = {key for key in sections._holdings if sections.holds(carer, key)}
    assert found == {"consents", "casework.alerts", "casework.tasks", "casework.notes"}


def test_a_part_of_several_tables_holds_rows_when_any_of_them_does(make_carer, practitioner, region):
    from carershub.support.groups import services as groups

    carer = make_carer()
    groups.issue_pack(carer, issued_on=timezone.localdate(), format="printed", language="en",
                      actor=practitioner.user)

    sections.read_holdings(carer)

    assert sections.holds(carer, "groups") is True
    assert len(_tables_of("groups")) == 3


def test_asking_after_a_part_nobody_registered_is_a_mistake(make_carer):
    carer = make_carer()
    sections.read_holdings(carer)

    with pytest.raises(KeyError):
        sections.holds(carer, "no-such-part")
    with pytest.raises(ValueError):
        sections.register_holding("no-tables")


def test_a_carer_with_nothing_recorded_costs_no_statement_a_part(make_carer, practitioner):
    carer = make_carer()

    response, statements = _page(practitioner, carer)

    holdings = [sql for sql in statements if sql.startswith(HOLDINGS)]
    assert len(holdings) == 1
    every_table = {table for key in sections._holdings for table in _tables_of(key)}
    assert every_table <= {table for table in every_table if f'"{table}"' in holdings[0]}
    others = [sql for sql in statements if sql not in holdings]
    reading = {table for table in every_table for sql in others if f'FROM "{table}"' in sql}
    assert reading == set(), "each part found nothing, so read nothing"
    # Each part still shows what it shows for an empty record.
    assert "No consent to share recorded" in response.content.decode()


def test_the_timeline_finds_the_rows_the_page_has_read(make_carer, practitioner, region):
    from types import SimpleNamespace

    from carershub.people import choices, services
    from carershub.people.models import Consent

    carer = make_carer()
    council = region["orgs"]["council"]
    builders.agreed_plan(builders.completed_assessment(carer, actor=practitioner.user, organisation=council),
                         actor=practitioner.user)
    unsaved = Consent(organisation=region["orgs"]["partner"], purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
                      given_on=timezone.localdate(), method=choices.ConsentMethod.VERBAL)
    services.record_consent(SimpleNamespace(save=lambda commit: unsaved), carer, actor=practitioner.user)
    builders.casework(carer, actor=practitioner.user)

    response, statements = _page(practitioner, carer)

    by_id = [
        sql for sql in statements
        for table in ("assessments_assessment", "casework_task", "casework_alert", "casework_casenote",
                      "assessments_supportplan", "people_consent")
        if sql.startswith(f'SELECT "{table}"') and f'"{table}"."id" IN' in sql
    ]
    assert by_id == [], "the timeline reads nothing the page has read"
    text = response.content.decode()
    # The newest ten entries, described from those rows.
    for title in ("Alert raised", "Task added", "Case note", "Consent to share given: Test Young Carers",
                  "Support plan agreed: version 1", "Assessment completed"):
        assert title in text, title


def test_a_restricted_note_of_another_team_on_the_timeline_says_only_whose_it_is(
    make_carer, make_user, new_client, practitioner
):
    from carershub.casework import services as casework_services

    carer = make_carer()
    casework_services.write_note(carer, category="visit", text="Synthetic restricted text",
                                 happened_on=timezone.localdate(), restricted=True, actor=practitioner.user)
    centre = new_client(make_user(Role.PRACTITIONER, organisation="centre"))

    response, _statements = _page(centre, carer)

    text = response.content.decode()
    assert "Synthetic restricted text" not in text
    assert "Restricted to Test Council" in text
