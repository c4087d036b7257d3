from django.urls import path

from valo.documents import views

urlpatterns = [
    path("<str:label>/<int:pk>/add/", views.add, name="documents_add"),
    path("<int:pk>/", views.download, name="documents_download"),
]
