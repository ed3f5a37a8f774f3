"""Demo Census figures for coverage against the Census (issue 12): SYNTHETIC, not the published Census.

Afon Valley (W06999901) and Marchester (E06999901) are made-up areas with made-up codes, so there is
no published table for them: these counts are invented to look like a Census 2021 unpaid-care table
(ONS TS039) for areas of their size, Wales with more carers and more caring 50 hours or more than
England, as the Census found. They are stored marked as synthetic and the page says so.
"""

from carershub.partnership.models import Area
from carershub.reporting.coverage.models import CensusUnpaidCare

# code: (no unpaid care, 9 or less, 10 to 19, 20 to 34, 35 to 49, 50 or more)
SYNTHETIC = {
    "W06999901": (58_210, 2_640, 980, 610, 590, 2_270),
    "E06999901": (121_450, 4_310, 1_620, 930, 1_010, 3_540),
}


def make(*, today, staff, orgs) -> None:
    """Census-like synthetic counts for the two demo areas; running it again changes nothing."""
    for code, (no_care, *bands) in SYNTHETIC.items():
        area = Area.objects.filter(code=code).first()
        if area is None or CensusUnpaidCare.objects.filter(area=area).exists():
            continue
        b9, b10, b20, b35, b50 = bands
        CensusUnpaidCare.objects.create(
            area=area, area_name=area.name, population=no_care + sum(bands), no_care=no_care, band_9_or_less=b9,
            band_10_to_19=b10, band_20_to_34=b20, band_35_to_49=b35, band_50_or_more=b50, synthetic=True,
            source="Synthetic demonstration figures (not the published Census)", imported_by=staff.get("commissioner"),
        )
