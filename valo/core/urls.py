from django.urls import path

from valo.core import pickers
from valo.core.views import onboarding, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", pages.health, name="health"),
    path("search/", pages.search_page, name="search"),
    path("pick/<str:label>/", pickers.pick, name="pick"),
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", pages.logout, name="logout"),
    path("changelog/", pages.ChangeLogView.as_view(), name="changelog_list"),
    path("changelog/<int:pk>/", pages.change_detail, name="change_detail"),
    path("changelog/archives/", pages.changelog_archives, name="changelog_archives"),
    path("changelog/archives/<str:name>/", pages.changelog_archive, name="changelog_archive"),
    path("imports/", onboarding.imports_home, name="onboarding"),
    path("imports/<str:code>/", onboarding.import_kind, name="onboarding_kind"),
    path("imports/<str:code>/confirm/", onboarding.import_confirm, name="onboarding_confirm"),
    path("imports/<str:code>/jobs/<str:job>/", onboarding.import_job, name="onboarding_job"),
    path("imports/<str:code>/template/", onboarding.template_download, name="onboarding_template"),
    path("imports/<str:code>/export/", onboarding.export_download, name="onboarding_export"),
    path("account/api-token/", pages.api_token, name="api_token"),
    path("account/api-token/renew/", pages.api_token_renew, name="api_token_renew"),
]
