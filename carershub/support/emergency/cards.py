"""The emergency card as people see it: a credit-card-size PDF (85.6 x 54 mm, ISO/IEC 7810 ID-1) and
the carer's phone page. The card says its number and the response line, nothing about anybody.
In Wales it is Welsh and English, Welsh first (Welsh Language Standards; the area's nation decides).
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import HTML

from carershub.assessments.letters import html_lang
from carershub.core import ukdata
from carershub.support.emergency.cardnumber import grouped
from carershub.support.emergency.services import card_languages

__all__ = ["card_context", "card_pdf", "grouped"]


def _side(code: str, card, line) -> dict:
    with translation.override(code):
        return {
            "lang": html_lang(code),
            "title": gettext("Emergency card"),
            "carer_line": gettext("I look after someone. If I cannot, please ring:"),
            "line_name": line.name if line else gettext("the emergency response line"),
            "line_label": gettext("Emergency response line"),
            "hours_label": gettext("Hours"),
            "number_label": gettext("Card number"),
            "tell": gettext("Tell them the card number."),
        }


def card_context(card, line) -> dict:
    sides = [_side(code, card, line) for code in card_languages(card)]
    return {
        "sides": sides,
        "number": grouped(card.number),
        "phone": ukdata.format_phone(line.phone) if line else "",
        "phone_e164": line.phone if line else "",
        "hours": line.hours if line else "",
        "page_lang": sides[0]["lang"],
    }


def card_document(card, line):
    """The card laid out by WeasyPrint (its pages, for the PDF and for tests of its size)."""
    html = render_to_string("emergency/card_pdf.jinja", card_context(card, line))
    # No base_url: the card uses no external files, so nothing is fetched while rendering.
    return HTML(string=html).render()


def card_pdf(card, line) -> bytes:
    return card_document(card, line).write_pdf(pdf_variant="pdf/ua-1")  # tagged, with its language and title
