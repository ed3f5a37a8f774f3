from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from carershub.accounts import language
from carershub.accounts.forms import LanguageForm
from carershub.core.template_helpers import error_summary_params


@login_required
def account_settings(request):
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        request.user.save(update_fields=["preferred_language"])  # is_valid() has put the choice on the user
        # The new preference applies at once, over any switch made earlier in this session.
        request.session.pop(language.SESSION_KEY, None)
        language.activate(request, request.user.preferred_language)
        messages.success(request, _("Your language has been saved."))
        return redirect("account_settings")
    return render(
        request,
        "accounts/settings.jinja",
        {
            "staff": request.user,
            "form": form,
            "form_errors": error_summary_params(form),
        },
    )


def switch_language(request, code):
    """The language link in the header of every page: a plain GET link, so it works without JavaScript."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    return language.switch(request, code)
