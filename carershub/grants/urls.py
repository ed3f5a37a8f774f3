from django.urls import path

from carershub.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("rounds/new/", views.new_round, name="new_round"),
    path("rounds/<int:pk>/", views.round_page, name="round"),
    path("rounds/<int:pk>/status/", views.move_on, name="move_on"),
    path("rounds/<int:pk>/panel/", views.change_panel, name="change_panel"),
    path("rounds/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("rounds/<int:pk>/applications/new/", views.new_application, name="new_application"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/score/", views.score, name="score"),
    path("applications/<int:pk>/interest/", views.declare_interest, name="declare_interest"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("applications/<int:pk>/payments/new/", views.new_payment, name="new_payment"),
    path("applications/<int:pk>/returns/new/", views.new_return, name="new_return"),
    path("scoring/", views.my_scoring, name="scoring"),
]
