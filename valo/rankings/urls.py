from django.urls import path

from valo.rankings import views

urlpatterns = [
    path("", views.ranking_page, name="rankings_page"),
    path("documents/", views.ranking_documents, name="rankings_documents"),
    path("reconciliation/", views.reconciliation_page, name="rankings_reconciliation"),
    path("clusters/", views.clusters_page, name="rankings_clusters"),
]
