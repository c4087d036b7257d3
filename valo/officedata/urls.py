from django.urls import path

from valo.officedata import views

urlpatterns = [
    path("import/", views.import_page, name="officedata_import"),
    path("import/<str:job>/", views.job_page, name="officedata_job"),
]
