"""The working file: case notes, tasks and reminders, and the alerts urgent and safeguarding concerns raise.

A team is an organisation of the partnership for now: a task "for the team" is for everybody of
that organisation who works with the carer, and a restricted note is seen only by its writer's
organisation (decision 28 says why, and what would change it).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.contacts.models import Concern


class ImmutableError(Exception):
    """A case note is a page of the paper file: once saved it is corrected by an addendum, never rewritten."""


class NoteCategory(models.TextChoices):
    PHONE_CALL = "phone_call", _("Telephone call")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    TEXT_MESSAGE = "text_message", _("Text message")
    MEETING = "meeting", _("Meeting")
    PROFESSIONAL_DISCUSSION = "professional_discussion", _("Professional discussion")
    CASE_RECORDING = "case_recording", _("Case recording")
    OTHER = "other", _("Other")


def readable_q(user) -> models.Q:
    """The notes a signed-in ``user`` may read: restricted notes only for their writer's organisation
    (and the writer); the person's own relationship rules apply on top, through the person."""
    return models.Q(restricted=False) | models.Q(organisation_id=user.organisation_id) | models.Q(author_id=user.pk)


class CaseNoteQuerySet(models.QuerySet):
    def readable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(readable_q(user))


class CaseNote(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes", db_index=False)
    category = models.CharField(_("type of note"), max_length=30, choices=NoteCategory.choices)
    happened_on = models.DateField(_("date of what the note records"), default=timezone.localdate)
    text = models.TextField(_("note"), max_length=10_000)
    restricted = models.BooleanField(_("restricted to my organisation"), default=False)
    concern = models.CharField(_("kind of concern"), max_length=20, choices=Concern.choices, blank=True)
    # What the note is about, when it is about something on the record.
    contact = models.ForeignKey("contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey("support.SupportPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # An addendum: a later note that corrects or adds to this one, which stays as it was written.
    addendum_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="addenda", verbose_name=_("addendum to")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CaseNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("case note")
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["person", "written_at"], name="casenote_person_time")]

    def __str__(self):
        return f"{self.get_category_display()} {self.happened_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("erasing", False):
            raise ImmutableError("A case note cannot be changed once saved: add an addendum.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A case note cannot be deleted.")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


# Most urgent first, for sorting in the database.
PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class TaskKind(models.TextChoices):
    CALL_BACK = "call_back", _("Call back")
    CONCERN = "concern", _("Act on a concern")
    FOLLOW_UP = "follow_up", _("Follow up")
    OTHER = "other", _("Other")


class Task(models.Model):
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("about"),
        db_index=False,
    )
    # A call back for a caller who has no record yet follows their contact, and moves to the record when linked.
    contact = models.ForeignKey("contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(CaseNote, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    alert = models.ForeignKey("Alert", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(_("kind of task"), max_length=20, choices=TaskKind.choices, default=TaskKind.OTHER)
    title = models.CharField(_("what needs doing"), max_length=200)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    due_on = models.DateField(_("due date"))
    due_time = models.TimeField(_("due time"), null=True, blank=True)
    # The moment it falls due, for sorting: the due time, or the end of the due day.
    due_at = models.DateTimeField(editable=False)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    priority_rank = models.PositiveSmallIntegerField(editable=False, default=2)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("assigned to"),
        db_index=False,
    )
    team = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"), db_index=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(_("what was done"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("task")
        ordering = ["due_at", "priority_rank", "pk"]
        indexes = [
            models.Index(fields=["assigned_to", "completed_at", "due_at"], name="task_assignee_open_due"),
            models.Index(fields=["team", "completed_at", "due_at"], name="task_team_open_due"),
            models.Index(fields=["person", "completed_at"], name="task_person_open"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class AlertKind(models.TextChoices):
    URGENT = Concern.URGENT.value, _("Urgent")
    ADULT_SAFEGUARDING = Concern.ADULT_SAFEGUARDING.value, _("Safeguarding: adult")
    CHILD_SAFEGUARDING = Concern.CHILD_SAFEGUARDING.value, _("Safeguarding: child")
    WARNING = "warning", _("Warning for anyone working with them")


class Decision(models.TextChoices):
    """What was decided about an urgent or safeguarding concern.

    The duties named: Care Act 2014 s42 (a council's enquiry into an adult at risk, England);
    Social Services and Well-being (Wales) Act 2014 s126 (adults at risk) and s130 (a relevant
    partner's duty to report a child at risk); Children Act 1989 s47 (a council's enquiry about a
    child, England and Wales). Section numbers from the Acts' contents; their text not checked here.
    """

    REFERRED_ADULT_ENGLAND = "s42", _("Referred to the council's adult safeguarding team (Care Act 2014 s42)")
    REFERRED_ADULT_WALES = "sswa_s126", _("Reported as an adult at risk (SSWA 2014 s126)")
    REFERRED_CHILD_WALES = "sswa_s130", _("Reported as a child at risk (SSWA 2014 s130)")
    REFERRED_CHILD = "ca1989_s47", _("Referred to children's services (Children Act 1989 s47)")
    EMERGENCY_SERVICES = "emergency", _("Police or ambulance called")
    SUPPORT_ARRANGED = "support", _("Urgent support arranged by the service")
    NO_FURTHER_ACTION = "nfa", _("No further action")


class AlertQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def concerns(self):
        """Urgent and safeguarding concerns (not plain warnings): what the concerns queue holds."""
        return self.exclude(kind=AlertKind.WARNING)

    def undecided(self):
        return self.concerns().filter(decided_at__isnull=True)


class Alert(models.Model):
    """A banner on the record that every viewer sees, until someone ends it with a reason.

    An urgent or safeguarding one is also a concern: it waits on the concerns queue until the
    decision on it is recorded. One raised from a caller with no record yet follows their
    contact, and moves to the record when the contact is linked.
    """

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="alerts", db_index=False
    )
    contact = models.ForeignKey("contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(CaseNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of alert"), max_length=20, choices=AlertKind.choices)
    summary = models.TextField(_("what the concern is"), max_length=2000)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now, editable=False)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason and what was done"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    end_reason = models.TextField(_("why the alert has ended"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        ordering = ["-raised_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "ended_at"], name="alert_person_current"),
            models.Index(fields=["decided_at", "raised_at"], name="alert_undecided"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.raised_at:%Y-%m-%d}"

    @property
    def is_concern(self) -> bool:
        return self.kind != AlertKind.WARNING

    @property
    def is_safeguarding(self) -> bool:
        return self.kind in (AlertKind.ADULT_SAFEGUARDING, AlertKind.CHILD_SAFEGUARDING)
