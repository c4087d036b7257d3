from django.urls import path

from valo.finance import views

urlpatterns = [
    path("statements/", views.statements, name="finance_statements"),
    path("statements/mine/", views.my_statement, name="finance_my_statement"),
    path("statements/<int:pk>/", views.statement, name="finance_statement"),
    path("costs/", views.DirectCostListView.as_view(), name="finance_directcost_list"),
    path("costs/add/", views.DirectCostEditView.as_view(), name="finance_directcost_add"),
    path(
        "costs/<int:pk>/edit/", views.DirectCostEditView.as_view(), name="finance_directcost_edit"
    ),
]
