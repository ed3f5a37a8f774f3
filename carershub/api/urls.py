from django.urls import path

from carershub.api import views

app_name = "api"
urlpatterns = [
    path("health/", views.ApiHealthView.as_view(), name="health"),
    path("eligibility/decisions/", views.EligibilityDecisionView.as_view(), name="eligibility-decide"),
    path("eligibility/rules/", views.EligibilityRulesView.as_view(), name="eligibility-rules"),
]
