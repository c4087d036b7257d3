from django.urls import path

from valo.reports import views

urlpatterns = [
    path("yearly/", views.yearly_page, name="reports_yearly"),
    path("yearly/<slug:code>/", views.yearly_records, name="reports_yearly_records"),
    path("surveys/peers/", views.peers_page, name="reports_peers"),
    path("surveys/<slug:code>/", views.survey_page, name="reports_survey"),
]
