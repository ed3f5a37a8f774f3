"""Choice lists for person records. Equality categories follow the Census 2021 questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = ("prefer_not_to_say", _("Prefer not to say"))


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class YesNoPreferNot(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian or Asian British: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian or Asian British: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian or Asian British: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian or Asian British: Pakistani")
    ASIAN_OTHER = "asian_other", _("Asian or Asian British: any other Asian background")
    BLACK_AFRICAN = "black_african", _("Black, Black British, Caribbean or African: African")
    BLACK_CARIBBEAN = "black_caribbean", _("Black, Black British, Caribbean or African: Caribbean")
    BLACK_OTHER = "black_other", _("Black, Black British, Caribbean or African: any other background")
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed or multiple ethnic groups: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", _("Mixed or multiple ethnic groups: White and Black African")
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", _(
        "Mixed or multiple ethnic groups: White and Black Caribbean"
    )
    MIXED_OTHER = "mixed_other", _("Mixed or multiple ethnic groups: any other background")
    WHITE_BRITISH = "white_british", _("White: Welsh, English, Scottish, Northern Irish or British")
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: any other White background")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER_ANY = "other_any", _("Other ethnic group: any other ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", _("No religion")
    CHRISTIAN = "christian", _("Christian")
    BUDDHIST = "buddhist", _("Buddhist")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Any other religion")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", _("Straight or heterosexual")
    GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Other sexual orientation")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES_A_LOT = "yes_a_lot", _("Yes, limited a lot")
    YES_A_LITTLE = "yes_a_little", _("Yes, limited a little")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class CarerType(models.TextChoices):
    YOUNG_CARER = "young_carer", _("Young carer (under 18)")
    YOUNG_ADULT_CARER = "young_adult_carer", _("Young adult carer (18 to 25)")
    ADULT_CARER = "adult_carer", _("Adult carer")
    PARENT_CARER = "parent_carer", _("Parent carer")
    FORMER_CARER = "former_carer", _("Former carer")


class Relationship(models.TextChoices):
    """What the cared-for person is to the carer."""

    SPOUSE_PARTNER = "spouse_partner", _("Husband, wife or partner")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Son or daughter")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    FRIEND_NEIGHBOUR = "friend_neighbour", _("Friend or neighbour")
    OTHER = "other", _("Other")


class HoursBand(models.TextChoices):
    """Hours of unpaid care a week in the Census 2021 bands (England and Wales): the codes of
    people/caring.py CENSUS_HOURS_BANDS. The wording follows the Census answer options as we know
    them ("9 hours a week or less" ... "50 or more hours a week"); the ONS question text was not
    checked here."""

    NINE_OR_LESS = "9_or_less", _("9 hours a week or less")
    TEN_TO_19 = "10_to_19", _("10 to 19 hours a week")
    TWENTY_TO_34 = "20_to_34", _("20 to 34 hours a week")
    THIRTY_FIVE_TO_49 = "35_to_49", _("35 to 49 hours a week")
    FIFTY_OR_MORE = "50_or_more", _("50 or more hours a week")


class ConditionGroup(models.TextChoices):
    PHYSICAL_DISABILITY = "physical_disability", _("Physical disability")
    LONG_TERM_CONDITION = "long_term_condition", _("Long-term illness or condition")
    DEMENTIA = "dementia", _("Dementia")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEARNING_DISABILITY = "learning_disability", _("Learning disability")
    AUTISM = "autism", _("Autism")
    SENSORY = "sensory", _("Sight or hearing loss")
    SUBSTANCE_MISUSE = "substance_misuse", _("Alcohol or drug misuse")
    FRAILTY = "frailty", _("Frailty or problems of old age")
    END_OF_LIFE = "end_of_life", _("Terminal illness or end of life")
    OTHER = "other", _("Other")


class ConsentPurpose(models.TextChoices):
    SUPPORT_AND_REFERRAL = "support_and_referral", _("Referral and support from this organisation")
    ASSESSMENT = "assessment", _("Sharing information for an assessment")
    CONTACT_ABOUT_SERVICES = "contact_about_services", _("Contacting the carer about services and groups")
    EMERGENCY_PLANNING = "emergency_planning", _("Acting on an emergency plan")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Verbally")
    WRITTEN = "written", _("In writing")
    ONLINE = "online", _("Online")
