from django.urls import path

from carershub.support.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.activities, name="activities"),
    path("activities/new/", views.new_activity, name="new_activity"),
    path("activities/<int:pk>/", views.activity, name="activity"),
    path("activities/<int:pk>/edit/", views.edit_activity, name="edit_activity"),
    path("activities/<int:pk>/sessions/new/", views.new_session, name="new_session"),
    path("activities/<int:pk>/book/", views.book_place, name="book_place"),
    path("activities/<int:pk>/waiting/new/", views.join_waiting_list, name="join_waiting_list"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/register/", views.register, name="register"),
    path("sessions/<int:pk>/book/", views.book, name="book"),
    path("bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel_booking"),
    path("waiting/<int:pk>/leave/", views.leave_waiting_list, name="leave_waiting_list"),
    path("carer/<int:person_pk>/", views.carer, name="carer"),
    path("carer/<int:person_pk>/book/", views.book_carer, name="book_carer"),
    path("carer/<int:person_pk>/packs/new/", views.new_pack, name="new_pack"),
]
