from django.urls import path

from carershub.support import views

app_name = "plans"
urlpatterns = [
    path("reviews/", views.reviews_queue, name="reviews"),
    path("carer/<int:person_pk>/", views.for_carer, name="for_carer"),
    path("new/<int:assessment_pk>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/change/", views.change, name="change"),
    path("<int:pk>/agree/", views.agree, name="agree"),
    path("<int:pk>/delete/", views.discard, name="discard"),
    path("<int:pk>/copy/", views.copy, name="copy"),
    path("<int:pk>/copy.pdf", views.copy_pdf, name="copy_pdf"),
    path("<int:pk>/review/", views.review, name="review"),
]
