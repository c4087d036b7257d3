"""The account requests an office decides, read through the API (decided on their page)."""

from __future__ import annotations

from rest_framework import serializers

from valo.accounts.filtersets import AccountRequestFilterSet
from valo.accounts.models import AccountRequest
from valo.core.api import ReadOnlyValoViewSet


class AccountRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccountRequest
        fields = [
            "id",
            "provider",
            "identifier",
            "school",
            "first_name",
            "last_name",
            "email",
            "affiliation",
            "state",
            "person",
            "note",
            "created",
            "last_updated",
        ]


class AccountRequestViewSet(ReadOnlyValoViewSet):
    queryset = AccountRequest.objects.select_related("school").order_by("pk")
    serializer_class = AccountRequestSerializer
    filterset_class = AccountRequestFilterSet
