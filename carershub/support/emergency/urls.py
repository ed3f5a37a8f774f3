from django.urls import path

from carershub.support.emergency import views

app_name = "emergency"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("look-up/", views.lookup, name="lookup"),
    path("carer/<int:person_pk>/plan/", views.plan, name="plan"),
    path("carer/<int:person_pk>/plan/new/", views.new_plan, name="new_plan"),
    path("carer/<int:person_pk>/plan/edit/", views.edit_plan, name="edit_plan"),
    path("carer/<int:person_pk>/card/new/", views.issue_card, name="issue_card"),
    path("cards/<int:pk>/", views.card, name="card"),
    path("cards/<int:pk>/cancel/", views.cancel_card, name="cancel_card"),
    path("cards/<int:pk>/card.pdf", views.card_pdf, name="card_pdf"),
    path("card/<str:token>/", views.phone_card, name="phone_card"),
    path("plans/<int:plan_pk>/call-out/", views.new_episode, name="new_episode"),
    path("responses/<int:pk>/", views.episode, name="episode"),
    path("responses/<int:pk>/close/", views.close_episode, name="close_episode"),
]
