"""Forms of action plans: a plan, a priority, a workstream, an action (with a progress note)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.reporting.actionplans import highlights
from carershub.reporting.actionplans.models import Status, Workstream


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages={"required": _("Enter a title for the action plan")})
    summary = forms.CharField(label=_("Summary (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What the plan is for and who oversees it"))

    def __init__(self, *args, plan=None, **kwargs):
        if plan is not None and not kwargs.get("initial"):
            kwargs["initial"] = {"title": plan.title, "summary": plan.summary}
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", plan.version)


class PriorityForm(forms.Form):
    title = forms.CharField(label=_("Priority"), max_length=300,
                            error_messages={"required": _("Enter the priority")})


class WorkstreamForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), error_messages={"required": _("Choose the priority")})
    title = forms.CharField(label=_("Workstream"), max_length=300,
                            error_messages={"required": _("Enter the workstream")})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = {str(p.pk): p for p in plan.priorities.all()}
        self.fields["priority"].choices = [("", _("Choose a priority"))] + [
            (pk, p.title) for pk, p in self.priorities.items()]

    def clean_priority(self):
        return self.priorities[self.cleaned_data["priority"]]


class ActionForm(forms.Form):
    workstream = forms.ChoiceField(label=_("Workstream"), error_messages={"required": _("Choose the workstream")})
    title = forms.CharField(label=_("Action"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Enter the action")})
    owner_name = forms.CharField(label=_("Owner (optional)"), max_length=200, required=False,
                                 help_text=_("A name or a role, like “Carers lead”"))
    owner_organisation = forms.CharField(label=_("Owner's organisation (optional)"), max_length=200, required=False)
    due = forms.CharField(
        label=_("Due quarter (optional)"), max_length=12, required=False,
        help_text=_("The financial year and quarter, like 2026-27 Q2 for July to September 2026"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose the status")})
    note = forms.CharField(label=_("Progress note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Added to the action's notes with today's date and your name. Notes are never "
                                       "changed or removed."))

    def __init__(self, *args, plan, action=None, **kwargs):
        if action is not None and not kwargs.get("initial"):
            kwargs["initial"] = {"workstream": str(action.workstream_id), "title": action.title,
                                 "owner_name": action.owner_name, "owner_organisation": action.owner_organisation,
                                 "due": action.due.label if action.due else "", "status": action.status}
        super().__init__(*args, **kwargs)
        self.workstreams = {str(w.pk): w for w in Workstream.objects.filter(priority__plan=plan).select_related(
            "priority").order_by("priority__position", "priority__pk", "position", "pk")}
        self.fields["workstream"].choices = [("", _("Choose a workstream"))] + [
            (pk, f"{w.priority.title}: {w.title}") for pk, w in self.workstreams.items()]
        if action is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", action.version)
        else:
            self.initial.setdefault("status", Status.NOT_STARTED)

    def clean_workstream(self):
        return self.workstreams[self.cleaned_data["workstream"]]

    def clean_due(self):
        text = (self.cleaned_data.get("due") or "").strip()
        if not text:
            return None
        quarter = highlights.parse_quarter(text)
        if quarter is None:
            raise forms.ValidationError(gettext(
                "Enter the due quarter as a financial year and a quarter, like 2026-27 Q2"))
        if not 2000 <= quarter.year <= 2100:
            raise forms.ValidationError(gettext("The financial year must be from 2000-01 to 2100-01"))
        return quarter
