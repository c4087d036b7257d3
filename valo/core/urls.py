from django.contrib.auth import views as auth_views
from django.urls import path

from valo.core import pickers
from valo.core.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", pages.health, name="health"),
    path("search/", pages.search_page, name="search"),
    path("pick/<str:label>/", pickers.pick, name="pick"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("changelog/", pages.ChangeLogView.as_view(), name="changelog_list"),
    path("changelog/<int:pk>/", pages.change_detail, name="change_detail"),
    path("changelog/archives/", pages.changelog_archives, name="changelog_archives"),
    path("changelog/archives/<str:name>/", pages.changelog_archive, name="changelog_archive"),
    path("account/api-token/", pages.api_token, name="api_token"),
    path("account/api-token/renew/", pages.api_token_renew, name="api_token_renew"),
]
