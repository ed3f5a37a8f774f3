"""What matching adds to a person's page: the button to find care at home (people/sections.py owns the page)."""

from django.utils.translation import gettext as _

from carershub.core import reversing
from carershub.people import sections
from carershub.providers.matching.rules import ADD_CARE_REQUEST


def actions(user, person):
    if not user.has_perm(ADD_CARE_REQUEST):
        return []
    return [sections.Action(_("Find care at home"), reversing.url("matching:new", person.pk), order=80)]


def register():
    sections.register_action(actions)
