"""What other apps ask of the partnership: which council area a postcode is in."""

from carershub.core import ukdata
from carershub.partnership.models import Area, PostcodeDistrict


def area_for_postcode(postcode: str) -> Area | None:
    """The council area of the most specific postcode sector, district or area listed for this postcode.

    One indexed query (the postcode's three or four prefixes against the unique prefix column).
    None when nothing is listed for it, or the postcode is not a valid one.
    """
    prefixes = ukdata.postcode_prefixes(postcode or "")
    if not prefixes:
        return None
    rows = {row.prefix: row.area for row in PostcodeDistrict.objects.filter(prefix__in=prefixes).select_related("area")}
    found = ukdata.most_specific_prefix(postcode, rows)
    return rows[found] if found else None


class PostcodeAreas:
    """The whole table in memory, for work on many postcodes at once (an import): one query, then none.

    ``PostcodeAreas().area_id_for("CF37 1DL")`` gives the area's id, or None.
    """

    def __init__(self):
        self.by_prefix = dict(PostcodeDistrict.objects.values_list("prefix", "area_id"))

    def area_id_for(self, postcode: str) -> int | None:
        found = ukdata.most_specific_prefix(postcode or "", self.by_prefix)
        return self.by_prefix[found] if found else None
