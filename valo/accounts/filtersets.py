"""One FilterSet per list, shared by the page, its exports and the API."""

from __future__ import annotations

from valo.accounts.models import AccountRequest
from valo.core.filtersets import ValoFilterSet


class AccountRequestFilterSet(ValoFilterSet):
    search_fields = ("first_name", "last_name", "email", "identifier")

    class Meta:
        model = AccountRequest
        fields = ["state", "provider"]
