"""The new-carer page, shared by "Add a carer record" (people) and "Create a carer record from this
contact" (the front door, in contacts): the duplicate check a worker must see, and the page itself.

Kept out of views.py so that both apps' views use one implementation without a views module
importing another app's views.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.template_helpers import error_summary_params
from carershub.people import services
from carershub.people.presenters import MatchPresenter


def check_for_duplicates(request, form) -> list:
    """Possible matches the worker must see before a new carer record is made (none once they confirm)."""
    data = form.cleaned_data
    matches = services.visible_matches(
        request.user,
        given_name=data["given_name"],
        family_name=data["family_name"],
        date_of_birth=data.get("date_of_birth"),
        postcode=data.get("postcode"),
        nhs_number=data.get("nhs_number"),
    )
    if not matches or data.get("confirm_new"):
        return []
    record_access(request, [p for p, _r in matches], action=AccessAction.SEARCH, part=AccessPart.POSSIBLE_DUPLICATES)
    if "matches_shown" in request.POST:
        # The worker saw the list and saved again without choosing: say what is needed.
        form.add_error("confirm_new", _("Tick the box if none of these is the person, or open their existing record"))
    return matches


def render_page(request, form, matches, contact=None):
    return render(
        request,
        "people/new_carer.jinja",
        {
            "form": form,
            "contact": contact,
            "matches": [MatchPresenter(p, r) for p, r in matches],
            "form_errors": error_summary_params(form),
        },
    )
