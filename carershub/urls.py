from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path
from django.views.generic import RedirectView
from django.utils.translation import gettext_lazy
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from carershub.core import views as core_views


def _admin_login(request, extra_context=None):
    # The admin site signs in through the same password-and-MFA journey as every page.
    return redirect(f"/accounts/login/?next={request.GET.get('next', '/admin/')}")


admin.site.login = _admin_login
admin.site.site_header = gettext_lazy("Carers Hub administration")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("carershub.accounts.urls")),
    path("people/", include("carershub.people.urls")),
    path("contacts/", include("carershub.contacts.urls")),
    path("assessments/", include("carershub.assessments.urls")),
    # Documents on people's records: served only through documents' audited views (decision 27).
    path("documents/", include("carershub.documents.urls")),
    # The transition queue was under /plans/ before it moved to assessments; old bookmarks still work.
    path("plans/young-carers-turning-18/", RedirectView.as_view(pattern_name="assessments:transitions")),
    path("plans/", include("carershub.support.urls")),
    path("breaks/", include("carershub.support.breaks.urls")),
    path("direct-payments/", include("carershub.support.payments.urls")),
    path("emergency/", include("carershub.support.emergency.urls")),
    path("groups/", include("carershub.support.groups.urls")),
    # The partnership (issue 11): referrals, the directory (and its Open Referral UK API), settings, grants.
    path("referrals/", include("carershub.referrals.urls")),
    path("directory/", include("carershub.directory.urls")),
    # Open Referral UK 3.0: public, read-only, its own contract (tests/directory).
    path("oruk/", include("carershub.directory.oruk.urls")),
    path("signposting/", include("carershub.signposting.urls")),
    path("settings-engaged/", include("carershub.identification.urls")),
    path("grants/", include("carershub.grants.urls")),
    # Care at home through providers (issue 13).
    path("providers/", include("carershub.providers.urls")),
    path("care-arrangements/", include("carershub.providers.arrangements.urls")),
    path("care-matching/", include("carershub.providers.matching.urls")),
    path("provider-mix/", include("carershub.providers.mix.urls")),
    path("self-assessment/", include("carershub.selfassessment.urls")),
    path("work/", include("carershub.casework.urls")),
    # Commissioning intelligence (issue 12): before figures/, which owns the rest of the prefix.
    path("figures/coverage/", include("carershub.reporting.coverage.urls")),
    path("figures/money/", include("carershub.reporting.money.urls")),
    path("figures/contracts/", include("carershub.reporting.monitoring.urls")),
    path("figures/survey/", include("carershub.reporting.survey.urls")),
    path("figures/returns/", include("carershub.reporting.statutory.urls")),
    path("figures/options-appraisals/", include("carershub.reporting.appraisal.urls")),
    path("figures/action-plans/", include("carershub.reporting.actionplans.urls")),
    path("figures/", include("carershub.reporting.urls")),
    path("privacy/", include("carershub.privacy.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("carershub.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
