from django.urls import path

from carershub.reporting.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("contract-kpis.csv", views.index_download, {"fmt": "csv"}, name="index_csv"),
    path("contract-kpis.xlsx", views.index_download, {"fmt": "xlsx"}, name="index_xlsx"),
    path("<int:pk>/", views.contract, name="contract"),
    path("<int:pk>/contract-kpis.csv", views.contract_download, {"fmt": "csv"}, name="contract_csv"),
    path("<int:pk>/contract-kpis.xlsx", views.contract_download, {"fmt": "xlsx"}, name="contract_xlsx"),
    path("<int:pk>/kpis/new/", views.new_kpi, name="new_kpi"),
    path("<int:pk>/returns/new/", views.new_return, name="new_return"),
    path("returns/<int:pk>/", views.monitoring_return, name="return"),
    path("returns/<int:pk>/decision/", views.decide_return, name="decide_return"),
]
