"""Bridge from the pure validation module to Django form errors, translated."""

from django import forms
from django.utils.translation import gettext

from carershub.core.ukdata import ValidationProblem


def form_error(problem: ValidationProblem) -> forms.ValidationError:
    text = gettext(problem.template)
    if problem.params:
        text = text % problem.params
    return forms.ValidationError(text, code=problem.code)


def check(rule, *args, **kwargs):
    """Run a pure rule; turn its problem into a form error on the field."""
    try:
        return rule(*args, **kwargs)
    except ValidationProblem as problem:
        raise form_error(problem) from None
