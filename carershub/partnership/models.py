"""The partnership: local authority areas and the organisations that work in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from carershub.core import ukdata
from carershub.core.validation import form_error


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


class Area(models.Model):
    """A local authority area of the region; every figure can break down by it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(_("area code"), max_length=9, unique=True, help_text=_("ONS code, like W06000016"))
    nation = models.CharField(_("nation"), max_length=10, choices=Nation.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        NHS_TRUST = "nhs_trust", _("NHS trust")
        HEALTH_BOARD = "health_board", _("Integrated care board or health board")
        CARERS_CENTRE = "carers_centre", _("Carers centre")
        THIRD_SECTOR = "third_sector", _("Third-sector partner")
        GP_PRACTICE = "gp_practice", _("GP practice")
        SCHOOL = "school", _("School or college")
        EMPLOYER = "employer", _("Employer")
        CARE_PROVIDER = "care_provider", _("Care provider")
        # Settings where carers are identified (issue 11) and the community groups of the grants fund.
        PHARMACY = "pharmacy", _("Pharmacy")
        COMMUNITY_GROUP = "community_group", _("Community group")

    class Sector(models.TextChoices):
        """Who owns and runs it: the Section 16 (SSWBA 2014) types sit under third sector."""

        STATUTORY = "statutory", _("Statutory")
        PRIVATE = "private", _("Private")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        COOPERATIVE = "cooperative", _("Co-operative")
        USER_LED = "user_led", _("User-led service")
        OTHER_THIRD_SECTOR = "other_third_sector", _("Other third sector")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT)
    ods_code = models.CharField(
        _("ODS code"), max_length=10, blank=True, help_text=_("NHS Organisation Data Service code, for GP practices and trusts")
    )
    is_active = models.BooleanField(_("active"), default=True)
    assessment_sign_off_required = models.BooleanField(
        _("assessment decisions need a team manager's sign-off"), default=False
    )
    # Welsh Language Standards (No. 1) Regulations 2015 (SI 2015/996 (W. 68)), the correspondence
    # standards: a Welsh council that writes in both languages puts the Welsh first and treats it no
    # less favourably. (Standard numbers not checked against the made text.) Otherwise a letter goes
    # out in the language the person asked for.
    bilingual_correspondence = models.BooleanField(
        _("letters go out in Welsh and English, Welsh first"), default=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    @property
    def nation(self) -> str | None:
        return self.area.nation if self.area_id else None

    @property
    def is_section_16_type(self) -> bool:
        return self.sector in {
            self.Sector.SOCIAL_ENTERPRISE,
            self.Sector.COOPERATIVE,
            self.Sector.USER_LED,
            self.Sector.OTHER_THIRD_SECTOR,
        }


class PostcodeDistrict(models.Model):
    """Which council area the people of a postcode area, district or sector live in.

    A person's council area is filled in from their postcode with the most specific row that
    applies (a sector "CF37 1", then a district "CF37", then an area "CF"): see
    partnership.services.area_for_postcode. Administrators keep the table in Django admin; a
    district split between councils gets a row per sector.
    """

    prefix = models.CharField(
        _("postcode area, district or sector"),
        max_length=6,
        unique=True,
        help_text=_("Like CF for a whole postcode area, CF37 for a district, or CF37 1 for a sector"),
    )
    area = models.ForeignKey(
        Area, verbose_name=_("council area"), on_delete=models.CASCADE, related_name="postcode_districts"
    )

    class Meta:
        ordering = ["prefix"]
        verbose_name = _("postcode district")

    def __str__(self):
        return f"{self.prefix} → {self.area}"

    def clean(self):
        try:
            self.prefix = ukdata.normalise_postcode_prefix(self.prefix)
        except ukdata.ValidationProblem as problem:
            raise ValidationError({"prefix": form_error(problem)}) from None

    def save(self, *args, **kwargs):
        # The lookup compares normalised prefixes: rows made without clean() (the demo, a shell) are normalised too.
        self.prefix = ukdata.normalise_postcode_prefix(self.prefix)
        super().save(*args, **kwargs)
