import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.casework.models import AlertKind, Decision, NoteCategory, Priority
from carershub.contacts.models import Concern
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin, VersionOnlyForm
from carershub.core.listfilters import AREA, COUNCIL, WORKER, ListFilterForm

EARLIEST_NOTE = datetime.date(2000, 1, 1)


class NoteForm(GovukLengthMessagesMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of note is it?"),
        choices=NoteCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of note it is")},
    )
    happened_on = GovukDateField(label=_("Date of what you are recording"), allow_future=False)
    text = forms.CharField(
        label=_("Note"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A note cannot be changed once saved. To correct it, add an addendum."),
        error_messages={"required": _("Enter the note")},
    )
    link = forms.ChoiceField(label=_("What is it about? (optional)"), required=False)
    restricted = forms.BooleanField(
        label=_("Restrict this note to my organisation"),
        required=False,
        help_text=_("Only for sensitive information: other organisations working with the carer will see that a restricted note exists, not what it says."),
    )
    concern = forms.ChoiceField(
        label=_("Does it raise a concern?"),
        choices=[("", _("No"))] + list(Concern.choices),
        widget=forms.RadioSelect,
        required=False,
        help_text=_("An urgent or safeguarding concern puts an alert on the record and a task on your team's list."),
    )

    def __init__(self, *args, links=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [("", _("Nothing in particular"))] + list(links)
        if len(self.fields["link"].choices) == 1:
            self.fields["link"].widget = forms.HiddenInput()
        self.initial.setdefault("happened_on", timezone.localdate())
        self.initial.setdefault("concern", "")

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value is not None and value < EARLIEST_NOTE:
            raise forms.ValidationError(_("The date must be in 2000 or later"), code="too_old")
        return value


class AddendumForm(GovukLengthMessagesMixin, forms.Form):
    text = forms.CharField(
        label=_("Addendum"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what you are correcting or adding, and why. The note itself stays as it was written."),
        error_messages={"required": _("Enter the addendum")},
    )


class TaskForm(GovukLengthMessagesMixin, forms.Form):
    title = forms.CharField(
        label=_("What needs doing"), max_length=200, error_messages={"required": _("Enter what needs doing")}
    )
    details = forms.CharField(label=_("Details (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    due_on = GovukDateField(label=_("Due date"), allow_past=False)
    due_time = forms.TimeField(
        label=_("Due time (optional)"),
        required=False,
        help_text=_("Use the 24-hour clock, like 15:00"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the time like 15:00")},
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, widget=forms.RadioSelect)
    assign = forms.ChoiceField(
        label=_("Who should do it?"), widget=forms.RadioSelect, error_messages={"required": _("Select who should do it")}
    )

    def __init__(self, *args, members=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        choices = [("me", _("Me")), ("team", _("Anyone in my team"))]
        choices += [(pk, m.get_full_name() or m.username) for pk, m in self.members.items() if user is None or m.pk != user.pk]
        self.fields["assign"].choices = choices
        self.initial.setdefault("priority", Priority.NORMAL)
        self.initial.setdefault("assign", "me")

    def assignee(self, user):
        choice = self.cleaned_data["assign"]
        if choice == "me":
            return user
        if choice == "team":
            return None
        return self.members[choice]


class CompleteTaskForm(GovukLengthMessagesMixin, VersionOnlyForm):
    outcome = forms.CharField(
        label=_("What was done (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReassignForm(VersionOnlyForm):
    assigned_to = forms.ChoiceField(label=_("Give the task to"), error_messages={"required": _("Choose who should do it")})

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["assigned_to"].choices = [("", _("Choose a worker")), ("team", _("Anyone in the team"))] + [
            (pk, m.get_full_name() or m.username) for pk, m in self.members.items()
        ]

    def assignee(self):
        choice = self.cleaned_data["assigned_to"]
        return None if choice == "team" else self.members[choice]


class DecisionForm(GovukLengthMessagesMixin, VersionOnlyForm):
    decision = forms.ChoiceField(
        label=_("What was decided?"), widget=forms.RadioSelect, error_messages={"required": _("Select what was decided")}
    )
    reason = forms.CharField(
        label=_("Reason and what was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who was told, when, and any reference they gave. For no further action, say why."),
        error_messages={"required": _("Enter the reason and what was done")},
    )
    end_alert = forms.BooleanField(
        label=_("End the alert on the record as well"),
        required=False,
        help_text=_("Leave this unticked if workers should still see the alert."),
    )

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d.value, d.label) for d in decisions] or list(Decision.choices)


class AlertForm(GovukLengthMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of alert?"),
        choices=AlertKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of alert it is")},
    )
    summary = forms.CharField(
        label=_("What everyone working with them should know"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what everyone working with them should know")},
    )


class EndAlertForm(GovukLengthMessagesMixin, VersionOnlyForm):
    reason = forms.CharField(
        label=_("Why is the alert ending?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter why the alert is ending")},
    )


class WorkFilterForm(ListFilterForm):
    """The filters of "my work": the shared council, area and worker filters (core/listfilters.py),
    and its own: whose tasks, which kinds of work, and which team."""

    def __init__(self, data=None, *, user):
        from carershub.casework.services import teams

        super().__init__(data, user=user, offer=(COUNCIL, AREA, WORKER))
        self.fields["tasks"] = forms.ChoiceField(
            label=_("Tasks"),
            choices=[("mine", _("My tasks")), ("team", _("My team's tasks"))],
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["show"] = forms.MultipleChoiceField(
            label=_("Show"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[
                ("tasks", _("Tasks")),
                ("concerns", _("Concerns waiting for a decision")),
                ("decisions", _("Assessment decisions and sign-offs")),
                ("reviews", _("Support plan reviews")),
                ("transitions", _("Young carers turning 18")),
                ("self_assessments", _("Self-assessments to review")),
            ],
        )
        self._teams = {str(team.pk): team for team in teams()}
        self.fields["team"] = forms.ChoiceField(
            label=_("Team"),
            required=False,
            choices=[("", _("All teams"))] + [(pk, team.name) for pk, team in self._teams.items()],
            error_messages={"invalid_choice": _("Choose one of the options")},
        )

    @property
    def select_names(self) -> list[str]:
        return [*super().select_names, "team"]

    @property
    def whose_tasks(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("tasks") or "mine"

    @property
    def sources(self) -> frozenset:
        self.is_valid()
        return frozenset(self.cleaned_data.get("show") or ())

    @property
    def team(self):
        self.is_valid()
        return self._teams.get(self.cleaned_data.get("team") or "")
