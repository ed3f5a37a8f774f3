"""The partnership: local authority areas and the organisations that work in them."""

import base64
import io

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


# A council's logo heads its letters. It is kept in the database as the image's bytes (a few
# kilobytes), not as a file: letters and their PDFs show it as a data: URI, so WeasyPrint fetches
# nothing while rendering, no storage needs setting up for it, and it is backed up with the data.
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 2000  # on either side
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


def check_logo(data: bytes) -> str:
    """The content type of a logo good enough to print on letters; ValidationError otherwise.

    Only PNG and JPEG, read by Pillow (not trusted from the file's name or the browser's word), at
    most LOGO_MAX_BYTES and LOGO_MAX_PIXELS a side. SVG is refused: it can carry scripts and links.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo must be %(kb)s KB or smaller."), code="logo_too_big", params={"kb": LOGO_MAX_BYTES // 1024}
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_type") from None
    if kind not in LOGO_TYPES:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_type")
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo must be at most %(px)s pixels wide and high."), code="logo_pixels", params={"px": LOGO_MAX_PIXELS}
        )
    return LOGO_TYPES[kind]


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
    # Where carers write, ring and complain to: printed on letters so they are ready to post.
    address = models.TextField(_("postal address"), max_length=500, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    complaints_contact = models.TextField(
        _("how to complain to us"),
        max_length=500,
        blank=True,
        help_text=_("The complaints team's phone, e-mail or address, as letters should give it"),
    )
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)

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
    def address_lines(self) -> list[str]:
        return [line.strip() for line in (self.address or "").splitlines() if line.strip()]

    @property
    def logo_data_uri(self) -> str:
        """The logo as a data: URI (pages and PDFs alike, nothing fetched), or "" when there is none."""
        if not self.logo or self.logo_type not in LOGO_TYPES.values():
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode('ascii')}"

    def set_logo(self, data: bytes | None) -> None:
        """Keep ``data`` as the logo after checking it (ValidationError), or remove it with None."""
        if data is None:
            self.logo, self.logo_type = None, ""
        else:
            self.logo_type = check_logo(data)
            self.logo = data

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
