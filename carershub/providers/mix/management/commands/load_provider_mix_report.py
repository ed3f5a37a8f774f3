"""Load the ADSS Cymru/Data Cymru 2019 Table 2: 2018-19 shares of domiciliary care for adults by type of
provider, for the 22 Welsh councils and the Wales total, as percent returns.

    manage.py load_provider_mix_report

The figures are typed from the report (providers/mix/data/adss_cymru_2019_table2.csv; its "3rd
sector" column goes to the third sector, its private sector to the private sector: the report does
not split them further). Run again, it changes nothing: a council that already has a 2018-19 return
keeps it, and is named if its figures differ from the table. The ONS codes in the file were typed
from memory of the ONS register and not checked against it here.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from carershub.partnership.models import Area
from carershub.providers.mix import services, shares
from carershub.providers.mix.models import Basis, MixReturn

DATA = Path(__file__).resolve().parents[2] / "data" / "adss_cymru_2019_table2.csv"
YEAR = 2018  # 2018-19


def rows(path=DATA):
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield row["council_name"], row["council_code"], {
                "in_house": Decimal(row["in_house"]), "private": Decimal(row["private"]),
                "third_sector": Decimal(row["third_sector"]),
            }


class Command(BaseCommand):
    help = "Load the ADSS Cymru/Data Cymru 2019 Table 2 (2018-19 provider mix by council, percent) as returns."

    @transaction.atomic
    def handle(self, *args, **options):
        period = shares.financial_year(YEAR)
        made = kept = 0
        for name, code, amounts in rows():
            existing = MixReturn.objects.filter(council_name=name, period_start=period[0], period_end=period[1]).first()
            if existing is not None:
                kept += 1
                if services.amounts_of(existing) != {s: amounts.get(s, Decimal(0)) for s in shares.SECTORS}:
                    self.stderr.write(f"{name}: a 2018-19 return with other figures is already recorded; left as it is")
                continue
            services.enter_return(
                actor=None, council_name=name, council_code=code, area=Area.objects.filter(code=code).first(),
                period=period, basis=Basis.PERCENT, amounts=amounts, source=services.PUBLISHED_SOURCE,
            )
            made += 1
        self.stdout.write(f"Table 2 loaded: {made} returns added, {kept} already there.")
