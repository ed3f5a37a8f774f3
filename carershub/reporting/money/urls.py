from django.urls import path

from carershub.reporting.money import views

app_name = "money"
urlpatterns = [
    path("", views.index, name="index"),
    path("download.csv", views.index_download, {"fmt": "csv"}, name="index_csv"),
    path("download.xlsx", views.index_download, {"fmt": "xlsx"}, name="index_xlsx"),
    path("budgets/new/", views.new_line, {"kind": "budget"}, name="new_budget"),
    path("spend/new/", views.new_line, {"kind": "spend"}, name="new_spend"),
    path("entered/<int:pk>/", views.change_line, name="change_line"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/download.csv", views.contract_list_download, {"fmt": "csv"}, name="contracts_csv"),
    path("contracts/download.xlsx", views.contract_list_download, {"fmt": "xlsx"}, name="contracts_xlsx"),
    path("contracts/new/", views.new_contract, name="new_contract"),
    path("contracts/<int:pk>/", views.contract, name="contract"),
    path("contracts/<int:pk>/download.<str:fmt>", views.contract_download, name="contract_download"),
    path("contracts/<int:pk>/change/", views.edit_contract, name="edit_contract"),
    path("contracts/<int:pk>/<str:kind>/new/", views.new_term, name="new_term"),
]
