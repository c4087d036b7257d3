"""API of core: the change log (read-only, auditors and administrators)."""

from __future__ import annotations

from valo.core.api import ReadOnlyValoViewSet
from valo.core.filtersets import ObjectChangeFilterSet
from valo.core.models import ObjectChange
from valo.core.serializers import ObjectChangeSerializer


class ObjectChangeViewSet(ReadOnlyValoViewSet):
    queryset = ObjectChange.objects.select_related("content_type", "related_content_type")
    serializer_class = ObjectChangeSerializer
    filterset_class = ObjectChangeFilterSet
