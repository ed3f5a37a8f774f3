"""Groups, courses and activities carers take part in: sessions with places, bookings and attendance,
waiting lists that keep their order, and the carers information pack.

An activity is offered by an organisation of the partnership (a council, the carers centre, a
charity), in some areas or across the region. Most run in sessions; counselling and befriending are
usually "ongoing": a number of places (current clients) and no sessions. Every booking holds a place
until it is cancelled; the register records who came.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    PEER_SUPPORT = "peer_support", _("Peer support group")
    WELLBEING = "wellbeing", _("Wellbeing activity")
    TRAINING = "training", _("Training course")
    COUNSELLING = "counselling", _("Counselling")
    BEFRIENDING = "befriending", _("Befriending")


class ActivityLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    BILINGUAL = "bilingual", _("Welsh and English")


class ForWhom(models.TextChoices):
    ANY = "any", _("Any carer")
    ADULT = "adult", _("Adult carers")
    YOUNG = "young", _("Young carers")
    PARENT = "parent", _("Parent carers")


class Activity(models.Model):
    kind = models.CharField(_("kind of activity"), max_length=20, choices=ActivityKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+"
    )
    # No areas: offered across the region.
    areas = models.ManyToManyField("partnership.Area", verbose_name=_("areas"), blank=True, related_name="+")
    language = models.CharField(_("language"), max_length=10, choices=ActivityLanguage.choices)
    for_whom = models.CharField(_("for which carers"), max_length=10, choices=ForWhom.choices, default=ForWhom.ANY)
    ongoing = models.BooleanField(_("ongoing, without sessions"), default=False)
    # Places in each new session; for an ongoing activity, how many carers it takes at once.
    places = models.PositiveIntegerField(_("places"))
    is_active = models.BooleanField(_("open for bookings"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name", "pk"]
        constraints = [models.CheckConstraint(condition=Q(places__gte=1), name="groups_activity_places_1")]
        indexes = [models.Index(fields=["is_active", "kind"], name="groups_activity_kind")]

    def __str__(self):
        return self.name


class Session(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="sessions", db_index=False)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"))
    venue = models.CharField(_("venue"), max_length=200)
    places = models.PositiveIntegerField(_("places"))
    register_taken_at = models.DateTimeField(null=True, blank=True)
    register_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("session")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="groups_session_places_1"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="groups_session_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["activity", "date"], name="groups_session_activity_day"),
            # The home queue: sessions of a day whose register is not yet taken.
            models.Index(fields=["date"], condition=Q(register_taken_at__isnull=True), name="groups_session_no_register"),
        ]

    def __str__(self):
        return f"{self.activity} {self.date:%Y-%m-%d} {self.starts_at:%H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    ATTENDED = "attended", _("Attended")
    MISSED = "did_not_attend", _("Did not attend")
    CANCELLED = "cancelled", _("Cancelled")


HOLDS_A_PLACE = [BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.MISSED]


class Booking(models.Model):
    """A carer's place on a session, or on an ongoing activity (no session)."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="bookings")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings", db_index=False
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="group_bookings", db_index=False)
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    booked_at = models.DateTimeField(default=timezone.now, editable=False)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=500, blank=True)
    ended_on = models.DateField(_("place ended on"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("booking")
        ordering = ["booked_at", "pk"]
        constraints = [
            # A carer is booked once on a session (a cancelled booking does not count).
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(session__isnull=False) & ~Q(status="cancelled"),
                name="groups_booking_once_a_session",
            ),
            # And holds one place at a time on an ongoing activity.
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=Q(session__isnull=True) & Q(status="booked"),
                name="groups_booking_one_ongoing_place",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "booked_at"], name="groups_booking_person"),
            models.Index(fields=["session", "status"], name="groups_booking_session"),
        ]

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_A_PLACE


class LeftBecause(models.TextChoices):
    OFFERED = "offered", _("Offered a place")
    NOT_WANTED = "not_wanted", _("No longer wanted")
    REMOVED = "removed", _("Removed from the list")


class WaitingListEntry(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="waiting")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="group_waiting", db_index=False)
    joined_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=LeftBecause.choices, blank=True)
    left_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], condition=Q(left_at__isnull=True), name="groups_waiting_once"
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True, outcome="") | (Q(left_at__isnull=False) & ~Q(outcome="")),
                name="groups_waiting_left_with_outcome",
            ),
        ]
        indexes = [
            # Position: still waiting, by when they joined, then id.
            models.Index(
                fields=["activity", "joined_at", "id"], condition=Q(left_at__isnull=True), name="groups_waiting_order"
            ),
            models.Index(fields=["person"], name="groups_waiting_person"),
        ]

    @property
    def is_waiting(self) -> bool:
        return self.left_at is None


class PackFormat(models.TextChoices):
    PRINTED = "printed", _("Printed")
    EMAILED = "emailed", _("E-mailed")
    READ_OUT = "read_out", _("Read out")


class PackLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")


class InformationPack(models.Model):
    """The carers information pack given to a carer (Rotherham's pack in the seed reports)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="information_packs", db_index=False
    )
    issued_on = models.DateField(_("date issued"))
    format = models.CharField(_("format"), max_length=10, choices=PackFormat.choices)
    language = models.CharField(_("language"), max_length=2, choices=PackLanguage.choices)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("information pack")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["person", "issued_on"], name="groups_pack_person")]
