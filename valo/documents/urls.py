from django.urls import path

from valo.documents import letter_views, views

urlpatterns = [
    path("<str:label>/<int:pk>/add/", views.add, name="documents_add"),
    path(
        "<str:label>/<int:pk>/letter/<str:code>/",
        letter_views.generate,
        name="documents_letter_generate",
    ),
    path("<int:pk>/", views.download, name="documents_download"),
    path("letters/", letter_views.templates_page, name="documents_letter_templates"),
    path(
        "letters/<str:code>/<str:language>.docx",
        letter_views.template_download,
        name="documents_letter_template",
    ),
]
