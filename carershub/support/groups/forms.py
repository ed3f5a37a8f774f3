from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import Role
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.partnership.models import Area, Organisation
from carershub.support.groups import waitlist
from carershub.support.groups.models import (
    ActivityKind,
    ActivityLanguage,
    ForWhom,
    LeftBecause,
    PackFormat,
    PackLanguage,
)

PLACES_MESSAGES = {
    "required": _("Enter the number of places"),
    "invalid": _("Enter the number of places as a whole number, like 12"),
    "min_value": _("Enter at least 1 place"),
    "max_value": _("Enter 500 places or fewer"),
}


def places_field(label, help_text=""):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=waitlist.MAX_PLACES,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages=PLACES_MESSAGES,
    )


def time_field(label, required_message):
    return forms.TimeField(
        label=label,
        help_text=_("Use the 24-hour clock, like 14:30"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"required": required_message, "invalid": _("Enter the time like 14:30")},
    )


def message(code: str, params: dict | None = None) -> str:
    """A refusal from waitlist.py or services.Refused, in the reader's language."""
    text = gettext(waitlist.MESSAGES.get(code) or REFUSALS[code])
    return text % params if params else text


REFUSALS = {
    "already_booked": _("The carer is already booked on this"),
    "already_waiting": _("The carer is already on this waiting list"),
    "needs_session": _("Choose a session: this activity runs in sessions"),
    "register_early": _("You can take the register on the day of the session or after it"),
    "register_taken": _("The register has been taken: this booking can no longer be cancelled"),
}


class ActivityForm(GovukLengthMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of activity is it?"), choices=ActivityKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of activity it is")},
    )
    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Enter the name of the activity")})
    description = forms.CharField(
        label=_("Description (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organisation = forms.ModelChoiceField(
        label=_("Run by"), queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"required": _("Select who runs it"), "invalid_choice": _("Select who runs it")},
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Where is it offered? (optional)"), queryset=Area.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave all unticked if it is offered across the region."),
        error_messages={"invalid_choice": _("Select an area from the list")},
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=ActivityLanguage.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select the language it is run in")},
    )
    for_whom = forms.ChoiceField(
        label=_("For which carers?"), choices=ForWhom.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select which carers it is for")},
    )
    ongoing = forms.BooleanField(
        label=_("Ongoing, without sessions (like counselling or befriending)"), required=False,
        help_text=_("Carers are given a place, for as long as they need it, instead of booking sessions."),
    )
    places = places_field(
        _("Places"), _("Places in each session, or for an ongoing activity, how many carers it can take at once.")
    )
    is_active = forms.BooleanField(label=_("Open for bookings"), required=False)

    def __init__(self, *args, user=None, versioned=False, **kwargs):
        super().__init__(*args, **kwargs)
        if versioned:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        # A team manager sets up activities for any organisation; other workers for their own.
        if user is not None and not user.has_role(Role.TEAM_MANAGER):
            organisations = organisations.filter(pk=user.organisation_id)
        self.fields["organisation"].queryset = organisations
        self.initial.setdefault("organisation", user.organisation_id if user is not None else None)
        self.initial.setdefault("for_whom", ForWhom.ANY)
        self.initial.setdefault("is_active", True)


class SessionForm(forms.Form):
    date = GovukDateField(label=_("Date"), allow_past=False)
    starts_at = time_field(_("Start time"), _("Enter the start time"))
    ends_at = time_field(_("End time"), _("Enter the end time"))
    venue = forms.CharField(label=_("Venue"), max_length=200, error_messages={"required": _("Enter the venue")})
    places = places_field(_("Places"))

    def clean(self):
        data = super().clean()
        problem = waitlist.times_problem(data.get("starts_at"), data.get("ends_at"))
        if problem:
            self.add_error("ends_at", message(problem))
        return data


class SessionPlacesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    places = places_field(_("Places"))


class FindCarerForm(forms.Form):
    q = forms.CharField(label=_("Carer's name"), max_length=100, required=False)


class BookForm(forms.Form):
    """Confirm a booking of the carer named in the page."""

    person = forms.IntegerField(widget=forms.HiddenInput)


class BookCarerForm(forms.Form):
    """From the carer's record: which session (or ongoing activity) to book them on."""

    choice = forms.ChoiceField(
        label=_("Session or activity"), error_messages={"required": _("Select a session or activity"),
                                                        "invalid_choice": _("Select a session or activity")},
    )

    def __init__(self, *args, sessions=(), ongoing=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a session or activity"))]
        for s in sessions:
            left = waitlist.places_left(s.places, s.taken)
            label = _("%(name)s, %(date)s %(time)s, %(venue)s (%(left)s places left)") % {
                "name": s.activity.name, "date": s.date.strftime("%d/%m/%Y"), "time": s.starts_at.strftime("%H:%M"),
                "venue": s.venue, "left": left,
            }
            choices.append((f"s{s.pk}", label))
        for a in ongoing:
            choices.append((f"a{a.pk}", _("%(name)s (ongoing)") % {"name": a.name}))
        self.fields["choice"].choices = choices


class WaitingListForm(GovukLengthMessagesMixin, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False,
                           help_text=_("For example, which days suit them."))


class LeaveWaitingListForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Why are they leaving the list?"),
        choices=[(LeftBecause.NOT_WANTED, LeftBecause.NOT_WANTED.label), (LeftBecause.REMOVED, LeftBecause.REMOVED.label)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why they are leaving the list")},
        help_text=_("A carer offered a place leaves the list when you book them."),
    )


class CancelBookingForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why is it cancelled? (optional)"), max_length=500, required=False)


class RegisterForm(forms.Form):
    """One choice per booking: attended or did not attend."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            self.fields[f"b{booking.pk}"] = forms.ChoiceField(
                label=booking.person.full_name,
                choices=[("attended", _("Attended")), ("did_not_attend", _("Did not attend"))],
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                required=True,
                error_messages={"required": _("Select whether %(name)s attended") % {"name": booking.person.full_name}},
                initial=booking.status if booking.status in ("attended", "did_not_attend") else None,
            )

    def marks(self) -> dict:
        return {b.pk: self.cleaned_data[f"b{b.pk}"] for b in self.bookings}


class PackForm(forms.Form):
    issued_on = GovukDateField(label=_("Date issued"), allow_future=False)
    format = forms.ChoiceField(
        label=_("How was it given?"), choices=PackFormat.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select how it was given")},
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=PackLanguage.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select the language of the pack")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("issued_on", timezone.localdate())


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.order_by("name"), required=False,
                                  empty_label=_("Any area"),
                                  error_messages={"invalid_choice": _("Select an area from the list")})
    closed = forms.BooleanField(label=_("Include closed activities"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Any kind"))] + list(ActivityKind.choices)
