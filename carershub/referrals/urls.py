from django.urls import path

from carershub.referrals import views

app_name = "referrals"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("received/", views.received, name="received"),
    path("sent/", views.sent, name="sent"),
    path("overdue/", views.overdue, name="overdue"),
    path("shared/", views.shared, name="shared"),
    path("shared/<int:person_pk>/", views.summary_page, name="summary"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/new/", views.new_agreement, name="new_agreement"),
    path("agreements/<int:pk>/", views.edit_agreement, name="edit_agreement"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.move, name="move"),
]
