"""The Jinja2 environment: GOV.UK Frontend macros, Django's i18n and URL helpers."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, pgettext
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, Template, pass_eval_context
from jinja2.filters import do_indent
from markupsafe import Markup, escape

from carershub.accounts import rules as accounts_rules
from carershub.assessments import rules as assessments_rules
from carershub.casework import rules as casework_rules
from carershub.contacts import rules as contacts_rules
from carershub.documents import rules as documents_rules
from carershub.core import fragments, inputs, listfilters, reversing, summary_list, table, template_helpers, ukdata
from carershub.directory import rules as directory_rules
from carershub.grants import rules as grants_rules
from carershub.identification import rules as identification_rules
from carershub.people import rules as people_rules
from carershub.people import sections as people_sections
from carershub.privacy import rules as privacy_rules
from carershub.providers import rules as providers_rules
from carershub.providers.arrangements import rules as arrangements_rules
from carershub.providers.matching import rules as matching_rules
from carershub.providers.mix import rules as providermix_rules
from carershub.referrals import rules as referrals_rules
from carershub.reporting import rules as reporting_rules
from carershub.reporting.actionplans import rules as actionplans_rules
from carershub.reporting.appraisal import rules as appraisal_rules
from carershub.reporting.coverage import rules as coverage_rules
from carershub.reporting.money import rules as money_rules
from carershub.reporting.monitoring import rules as monitoring_rules
from carershub.reporting.statutory import rules as statutory_rules
from carershub.reporting.survey import rules as survey_rules
from carershub.selfassessment import rules as selfassessment_rules
from carershub.signposting import rules as signposting_rules
from carershub.support import rules as support_rules
from carershub.support.breaks import rules as breaks_rules
from carershub.support.emergency import rules as emergency_rules
from carershub.support.groups import rules as groups_rules
from carershub.support.payments import rules as payments_rules

# Each app names its permissions as constants in its rules.py; templates use the same names
# (``request.user.has_perm(perm.VIEW_PLAN)``), so no permission string is typed twice.
PERMISSION_MODULES = (
    accounts_rules,
    people_rules,
    contacts_rules,
    assessments_rules,
    support_rules,
    selfassessment_rules,
    reporting_rules,
    privacy_rules,
    casework_rules,
    documents_rules,
    breaks_rules,
    payments_rules,
    emergency_rules,
    groups_rules,
    directory_rules,
    referrals_rules,
    signposting_rules,
    identification_rules,
    grants_rules,
    providers_rules,
    arrangements_rules,
    matching_rules,
    providermix_rules,
    coverage_rules,
    money_rules,
    monitoring_rules,
    survey_rules,
    statutory_rules,
    appraisal_rules,
    actionplans_rules,
)


def permission_names() -> dict[str, str]:
    names = {}
    for module in PERMISSION_MODULES:
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and "." in value:
                if names.get(name, value) != value:
                    raise ValueError(f"Two apps name different permissions {name}")
                names[name] = value
    return names


def csrf_input(request):
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(get_token(request))


def indent(s, width=4, first=False, blank=False):
    """Jinja's ``indent`` filter, the same text and the same safety, without escaping line by line.

    GOV.UK Frontend's macros indent every component's HTML, nested ones again at each level. Given
    Markup, Jinja's filter joins it line by line as Markup, and each join escapes its other side
    (which is Markup already, so nothing changes but the time): on a carer's page that was about a
    seventh of the request. Indenting the plain text and marking the result safe once gives the same
    characters, since every part joined was safe. Anything else goes to Jinja's filter unchanged.
    """
    if isinstance(s, Markup):
        return Markup(do_indent(str(s), width, first, blank))
    return do_indent(s, width, first, blank)


# The names a plain dict answers as attributes (its methods): for these Jinja's order matters.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class CarersHubTemplate(Template):
    """Jinja's template, finding at C speed that an import brings no globals the template lacks.

    Each ``{% from ... import ... %}`` asks the imported template for its module, and Jinja first
    works out which of the importing context's globals the imported template does not have, by
    testing each name against a chain of dicts: about 25 µs an import, thirty-odd imports on a
    person's page. When every name is one it had when first asked (as always here: every template
    has the environment's globals), the answer is Jinja's own cached module; otherwise Jinja works
    it out as before. The names are taken once per template: the environment's globals are set at
    start-up and never removed.
    """

    def _get_default_module(self, ctx=None):
        if ctx is not None:
            names = self.__dict__.get("_carershub_global_names")
            if names is None:
                names = self._carershub_global_names = frozenset(self.globals)
            if ctx.globals_keys <= names:
                ctx = None  # nothing to add: Jinja's cached module, as its own test would find
        return super()._get_default_module(ctx)


class CarersHubEnvironment(Environment):
    """Jinja's environment, reading ``params.card.title`` from a dict without raising first.

    GOV.UK Frontend's macros read their parameters as attributes of dicts, hundreds of times a
    page. Jinja tries the attribute first, and a dict has none of those names, so each read raised
    and caught an AttributeError before trying the key: about a third of a summary list's time.
    For a plain dict and a name that is not one of its methods the attribute cannot exist, so
    reading the key first gives the same answer; everything else is Jinja's own order.
    """

    template_class = CarersHubTemplate

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


# Jinja's "new style" gettext, the same answers without copying the template's variables.
# Jinja's own functions take the whole context, and a function that does, called in a loop or a
# block that sets a variable, is given a copy of every variable the template can see (its
# globals too): on a person page a few hundred copies for its ``_()``. They only need to know
# whether the output is being escaped, which the evaluation context says without a copy.


@pass_eval_context
def _template_gettext(eval_ctx, string, **variables):
    text = gettext(string)
    # Always a format string, as in Jinja's: "%%" is a percent sign with or without variables.
    return (Markup(text) if eval_ctx.autoescape else text) % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, number, **variables):
    variables.setdefault("num", number)
    text = ngettext(singular, plural, number)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


def environment(**options):
    options.setdefault("extensions", [])
    options["extensions"] = [*options["extensions"], "jinja2.ext.i18n", "jinja2.ext.do"]
    options.setdefault("autoescape", True)
    env = CarersHubEnvironment(**options)
    env.loader = ChoiceLoader(
        [env.loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")})]
    )
    # Templates use {% trans %} / _() which go through Django's catalogues.
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    env.globals.update({"gettext": _template_gettext, "_": _template_gettext, "ngettext": _template_ngettext})
    env.globals.update(
        {
            # Links and dates written from what was worked out once (core/reversing.py, decision 72).
            "url": reversing.url,
            "static": reversing.static,
            "csrf_input_for": csrf_input,
            "get_messages": get_messages,
            # The skip link, header, phase banner and footer, written once per language and menu
            # (core/fragments.py, decision 78).
            "once": fragments.once,
            "pgettext": pgettext,
            "perm": SimpleNamespace(**permission_names()),
            "settings_service_name": settings.CARERSHUB_SERVICE_NAME,
            "now": timezone.now,
            "field": template_helpers.field_params,
            "shown_count": template_helpers.shown_count,
            "error_summary": template_helpers.error_summary_params,
            # Alerts about a person, on every page about them (people/_banner.jinja, people/_alerts.jinja).
            "banners_for": people_sections.banners_for,
            # GOV.UK's summary list, card, table, text input, date input, radios and select, written
            # in Python (core/summary_list.py, core/table.py, core/inputs.py; decision 68).
            "govukSummaryList": summary_list.govuk_summary_list,
            "govukTable": table.govuk_table,
            "govukInput": inputs.govuk_input,
            "govukDateInput": inputs.govuk_date_input,
            "govukRadios": inputs.govuk_radios,
            "govukSelect": inputs.govuk_select,
        }
    )
    env.filters.update(
        {
            "date": reversing.long_date,
            "datetime": lambda value, fmt="j F Y, H:i": (
                formats.date_format(timezone.localtime(value), fmt) if value else ""
            ),
            "nhs_number": template_helpers.format_nhs_number,
            # Phone numbers as people read them (07700 900123), however they were stored (core/ukdata.py).
            "phone": lambda value: ukdata.format_phone(value) if value else "",
            "nl2br": lambda value: Markup("<br>").join(escape(value or "").splitlines()),
            "waited": listfilters.waited,
            "indent": indent,
        }
    )
    return env
