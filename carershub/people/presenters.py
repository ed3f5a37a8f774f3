"""What person pages show, worked out once here rather than in templates."""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from carershub.people import choices, matching
from carershub.core.presenters import Presenter
from carershub.core.ukdata import format_nhs_number

MATCH_REASONS = {
    matching.SAME_NHS_NUMBER: lambda: _("same NHS number"),
    matching.SIMILAR_NAME: lambda: _("similar name"),
    matching.SIMILAR_FAMILY_NAME: lambda: _("similar last name"),
    matching.SAME_DATE_OF_BIRTH: lambda: _("same date of birth"),
    matching.SAME_POSTCODE: lambda: _("same postcode"),
}
MATCH_STRENGTH = {
    "certain": lambda: _("Same person"),
    "likely": lambda: _("Likely match"),
    "possible": lambda: _("Possible match"),
}


class PersonPresenter(Presenter):
    def __init__(self, person):
        super().__init__(person)
        self.person = person

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.person.nhs_number) if self.person.nhs_number else ""

    @property
    def age(self):
        return self.person.age()

    @property
    def address_lines(self) -> list[str]:
        p = self.person
        return [line for line in (p.address_line_1, p.address_line_2, p.town, p.postcode) if line]

    @property
    def address_html(self):
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in self.address_lines))

    @property
    def is_carer(self) -> bool:
        return hasattr(self.person, "carer")

    @property
    def carer_type_label(self) -> str:
        return self.person.carer.get_carer_type_display() if self.is_carer else ""

    def carer_answer(self, on) -> str:
        """Whether they are a carer, as a list of people answers it: "No", the type of carer on the
        day ``on``, or "Yes" where the type is not known (no date of birth, say)."""
        if not self.is_carer:
            return _("No")
        code = self.person.carer.carer_type(on)
        return str(choices.CarerType(code).label) if code else _("Yes")

    @property
    def equality_rows(self) -> list[dict]:
        """Summary-list rows for the optional equality monitoring answers."""
        p = self.person
        fields = ["sex", "gender_same_as_sex", "ethnic_group", "religion", "sexual_orientation", "disability"]
        return [
            {
                "key": {"text": str(p._meta.get_field(name).verbose_name).capitalize()},
                "value": {"text": getattr(p, f"get_{name}_display")() or _("Not recorded")},
            }
            for name in fields
        ]

    @property
    def language_label(self) -> str:
        return str(choices.Language(self.person.preferred_language).label)


class MatchPresenter:
    def __init__(self, person, result):
        self.person = PersonPresenter(person)
        self.result = result

    @property
    def strength(self) -> str:
        return MATCH_STRENGTH[self.result.strength]()

    @property
    def reasons(self) -> str:
        return ", ".join(MATCH_REASONS[r]() for r in self.result.reasons if r in MATCH_REASONS)

    @property
    def date_of_birth(self):
        return self.person.date_of_birth
