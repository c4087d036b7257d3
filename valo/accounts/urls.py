from django.urls import path

from valo.accounts import views
from valo.core.routes import model_routes

urlpatterns = [
    *model_routes("requests", "accounts_request", views, "AccountRequest"),
    path("requests/<int:pk>/decide/", views.decide, name="accounts_request_decide"),
    path("requests/sent/<str:state>/", views.request_sent, name="accounts_request_sent"),
]
