"""Action plans: priorities, workstreams and actions with owners, due quarters and RAG status (issue 12).

A plan belongs to the organisation whose commissioner or team manager made it, and only that
organisation's commissioners and team managers see and change it (rules.py). Priorities hold
workstreams, workstreams hold actions. An action's progress notes are append-only: a note is never
changed or deleted, so the highlight report's "latest note" is a history, not an overwrite.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.reporting.actionplans import highlights


class Status(models.TextChoices):
    NOT_STARTED = highlights.NOT_STARTED, _("Not started")
    ON_TRACK = highlights.ON_TRACK, _("On track")
    AT_RISK = highlights.AT_RISK, _("At risk")
    OFF_TRACK = highlights.OFF_TRACK, _("Off track")
    COMPLETE = highlights.COMPLETE, _("Complete")


class ActionPlan(models.Model):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("action plan")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title


class Priority(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("priority"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Workstream(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="workstreams")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("workstream"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Action(models.Model):
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("action"), max_length=500)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True,
                                  help_text=_("A name or a role, like “Carers lead”"))
    owner_organisation = models.CharField(_("owner's organisation"), max_length=200, blank=True)
    due_year = models.PositiveSmallIntegerField(_("due financial year"), null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField(_("due quarter"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_quarter__isnull=True) | Q(due_quarter__gte=1, due_quarter__lte=4),
                                   name="actionplans_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(due_year__isnull=True, due_quarter__isnull=True)
                                   | Q(due_year__isnull=False, due_quarter__isnull=False),
                                   name="actionplans_due_year_with_quarter"),
        ]

    def __str__(self):
        return self.title

    @property
    def due(self) -> highlights.Quarter | None:
        return highlights.Quarter(self.due_year, self.due_quarter) if self.due_year else None


class AppendOnly(Exception):
    pass


class ProgressNote(models.Model):
    """A dated note on an action's progress. Append-only: never saved again, never deleted."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    written_at = models.DateTimeField(default=timezone.now, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(max_length=200, blank=True)  # kept as written, should the account go
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)  # the status it was written with
    text = models.TextField(_("progress note"))

    class Meta:
        ordering = ["-written_at", "-pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("A progress note is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("A progress note is never deleted")
