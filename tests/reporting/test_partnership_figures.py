"""The figures count the partnership's work from its events (issue 11): referrals as they moved,
settings engaged, training for professionals and the community grants fund; small numbers of
referrals hidden like every count about carers, grants and settings (about no carer) shown whole."""

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from tests.builders import shared_with_partner
from tests.pages import Page
from tests.reporting.test_figures import read_csv, table

URL = "/figures/"
CAPTION = "Referrals and the partnership"


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


def this_year() -> dict:
    today = timezone.localdate()
    return {"period": "custom", "date_from_day": "1", "date_from_month": "1", "date_from_year": str(today.year),
            "date_to_day": str(today.day), "date_to_month": str(today.month), "date_to_year": str(today.year)}


def test_referrals_sent_and_accepted_are_counted_from_their_events(manager, make_carer, region):
    for n in range(6):
        shared_with_partner(make_carer(given=f"Counted{'abcdef'[n]}", family="Referraltest"), region["orgs"]["partner"])

    rows = table(Page(manager.get(URL, this_year())), CAPTION)

    assert ["Referrals sent to a partner", "6", "6", ""] in rows
    assert ["Referrals accepted", "6", "6", ""] in rows
    assert ["Referrals declined", "0", "0", ""] in rows


def test_a_small_number_of_referrals_is_hidden(manager, make_carer, region):
    for n in range(2):
        shared_with_partner(make_carer(given=f"Few{'ab'[n]}", family="Referraltest"), region["orgs"]["partner"])

    rows = table(Page(manager.get(URL, this_year())), CAPTION)

    sent = next(row for row in rows if row[0] == "Referrals sent to a partner")
    assert sent[1] != "2" and "fewer than 5" in sent[1].lower()


def test_grants_are_shown_whole_with_their_money(manager):
    now = timezone.now()
    for pence in (50_000, 25_050):
        Event.objects.create(kind=EventKind.GRANT_AWARDED, occurred_at=now, data={"amount_pence": pence})
    Event.objects.create(kind=EventKind.SETTING_ENGAGED, occurred_at=now, data={"setting_id": 1})

    page = Page(manager.get(URL, this_year()))

    rows = table(page, CAPTION)
    assert ["Community grants awarded", "2", "", "£750.50"] in rows
    assert ["Engagements with GP practices, schools and other settings", "1", "", ""] in rows
    csv_rows = read_csv(manager.get("/figures/assessment-figures.csv", this_year()))
    assert [CAPTION, "Community grants awarded", "Money", "£750.50"] in csv_rows



def test_money_and_hours_are_read_only_from_the_kinds_that_record_them(manager, make_carer):
    """Support and the partnership are counted in one query: a key that means something else to
    another kind (here, words where a number would be) is neither summed nor a failed page."""
    now = timezone.now()
    Event.objects.create(kind=EventKind.GRANT_AWARDED, occurred_at=now,
                         data={"amount_pence": 10_000, "minutes": "all afternoon", "pence": "n/a"})
    for n in range(5):
        carer = make_carer(given=f"Break{'abcde'[n]}", family="Summedtest")
        Event.objects.create(kind=EventKind.BREAK_DELIVERED, occurred_at=now, person=carer, area=carer.area,
                             data={"minutes": 90, "pence": 4_500, "amount_pence": "see the invoice"})

    response = manager.get(URL, this_year())

    assert response.status_code == 200
    page = Page(response)
    assert ["Community grants awarded", "1", "", "£100.00"] in table(page, CAPTION)
    delivered = next(row for row in table(page, "Support delivered") if row[0] == "Short breaks delivered")
    assert delivered[1:] == ["5", "5", "7.5", "£225.00"]
