"""The documents a user may see, and their files (downloads recorded as on the page)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request

from valo.core.api import ReadOnlyValoViewSet
from valo.documents.models import Document, DocumentDownload


class DocumentSerializer(serializers.ModelSerializer):
    record_type = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "number",
            "record_type",
            "object_id",
            "kind",
            "title",
            "version",
            "filename",
            "size",
            "sha256",
            "note",
            "created",
            "download_url",
        ]

    def get_record_type(self, obj: Document) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    def get_download_url(self, obj: Document) -> str:
        return f"/api/documents/documents/{obj.pk}/download/"


class DocumentViewSet(ReadOnlyValoViewSet):
    queryset = Document.objects.select_related("content_type").order_by("pk")
    serializer_class = DocumentSerializer
    filterset_fields = ["kind", "object_id"]

    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: Any = None) -> FileResponse:
        document = self.get_object()
        DocumentDownload.objects.create(document=document, user=request.user)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename
        )
