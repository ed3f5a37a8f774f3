"""Actual spend counted from the direct payment and short break ledgers, beside the spend entered."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.reporting.money import contractvalue, services
from tests import builders
from tests.pages import Page


def test_the_ledgers_spend_is_counted_by_quarter_and_area(manager_client, make_user, make_carer, region, afon):
    carer = make_carer()
    worker = make_user(Role.PRACTITIONER, organisation="council")
    builders.support_delivered(carer, actor=worker, council=region["orgs"]["council"], provider=region["orgs"]["centre"])
    today = timezone.localdate()
    year, quarter = contractvalue.financial_year_of(today), services.quarter_of(today)

    rows = {row.label: row for row in services.ledger_spend(year, afon)}
    elsewhere = {row.label: row for row in services.ledger_spend(year, region["areas"]["marches"])}

    assert rows["Direct payments paid"].quarters[quarter] == 25_000
    assert rows["Direct payments recovered (unspent money paid back)"].total == 0  # asked back, not yet repaid
    assert rows["Short breaks delivered (actual cost)"].total == 6_000
    assert rows["Total from the ledgers"].total == 31_000
    assert elsewhere["Total from the ledgers"].total == 0

    page = Page(manager_client.get(f"/figures/money/?year={year}&area={afon.pk}"))
    total = next(r for r in page.table_rows() if r and r[0] == "Total from the ledgers")
    assert total[-1] == "£310.00"
    assert "Counted from the direct payment and short break ledgers" in page.text


def test_quarters_of_the_financial_year():
    import datetime

    assert services.quarter_bounds(2025, 1) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert services.quarter_bounds(2025, 3) == (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    assert services.quarter_bounds(2025, 4) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert [services.quarter_of(datetime.date(2026, m, 1)) for m in (1, 3, 4, 6, 7, 10, 12)] == [4, 4, 1, 1, 2, 3, 3]
