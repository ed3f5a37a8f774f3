from django.urls import path

from carershub.documents import views

app_name = "documents"
urlpatterns = [
    path("person/<int:person_pk>/", views.document_list, name="list"),
    path("person/<int:person_pk>/new/", views.upload, name="new"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
