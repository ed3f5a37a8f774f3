"""The shape of an NHS Organisation Data Service (ODS) code, by kind of setting. No Django.

Only the shape is checked (letters and digits in the right places), never that the code is issued:
the ODS look-up services are not reached from here. Shapes, from NHS England's developer guide
"Organisations and services" (ODS codes are 1 to 9 letters and digits; a pharmacy looks like
FVR79) and the ODS code formats as we understand them; the ODS Standards Repository guide itself
was not read, so an unusual but valid code could be refused: widen the pattern if one is.

- GP practice (a prescribing cost centre): a letter and 5 digits, like A81001 (Wales: W95010).
- Pharmacy (a dispensing contractor): F and 4 letters or digits, like FVR79.
- NHS trust or health board: 3 letters or digits, like RJ1 or 7A1 (a Welsh health board), or a
  site of one, 5, like RJ122 (a hospital).
"""

from __future__ import annotations

import re

from carershub.core.i18n import gettext_noop

GP_PRACTICE = "gp_practice"
PHARMACY = "pharmacy"
NHS_TRUST = "nhs_trust"

# Kinds of setting that carry an ODS code; the others (schools, employers) have none.
HAS_ODS_CODE = frozenset({GP_PRACTICE, PHARMACY, NHS_TRUST})

_SHAPES = {
    GP_PRACTICE: re.compile(r"[A-Z][0-9]{5}"),
    PHARMACY: re.compile(r"F[A-Z0-9]{4}"),
    NHS_TRUST: re.compile(r"[A-Z0-9]{3}|[A-Z0-9]{5}"),
}

MESSAGES = {
    GP_PRACTICE: gettext_noop("Enter a GP practice's ODS code as a letter and 5 numbers, like A81001"),
    PHARMACY: gettext_noop("Enter a pharmacy's ODS code as F and 4 letters or numbers, like FVR79"),
    NHS_TRUST: gettext_noop("Enter an NHS trust's ODS code as 3 letters or numbers, like RJ1, or a site's as 5, like RJ122"),
    "not_for_kind": gettext_noop("Only GP practices, pharmacies and NHS trusts have an ODS code: leave it blank"),
}


class OdsCodeProblem(ValueError):
    def __init__(self, code: str):
        super().__init__(MESSAGES[code])
        self.code = code
        self.message = MESSAGES[code]


def normalise(raw: str, kind: str) -> str:
    """The code in capitals without spaces, or "" when none was typed; OdsCodeProblem if its shape is wrong."""
    code = re.sub(r"\s+", "", raw or "").upper()
    if not code:
        return ""
    if kind not in HAS_ODS_CODE:
        raise OdsCodeProblem("not_for_kind")
    if not _SHAPES[kind].fullmatch(code):
        raise OdsCodeProblem(kind)
    return code
