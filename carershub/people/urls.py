from django.urls import path

from carershub.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.new_carer, name="new_carer"),
    path("access-reasons/", views.access_reasons, name="access_reasons"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/timeline/", views.timeline_page, name="timeline"),
    path("<int:pk>/edit/carer/", views.edit_carer, name="edit_carer"),
    path("<int:pk>/edit/<slug:section>/", views.edit, name="edit"),
    path("<int:pk>/cared-for/new/", views.add_cared_for, name="add_cared_for"),
    path("<int:pk>/consents/new/", views.add_consent, name="add_consent"),
    path("<int:pk>/consents/<int:consent_pk>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("<int:pk>/download/", views.export, name="export"),
    path("<int:pk>/access-history/", views.access_history, name="access_history"),
    path("<int:pk>/why/", views.give_reason, name="give_reason"),
]
