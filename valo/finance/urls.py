from django.urls import path

from valo.core.routes import model_routes
from valo.finance import views

urlpatterns = [
    path("statements/", views.statements, name="finance_statements"),
    path("statements/mine/", views.my_statement, name="finance_my_statement"),
    path("statements/<int:pk>/", views.statement, name="finance_statement"),
    *model_routes("costs", "finance_directcost", views, "DirectCost"),
]
