"""One FilterSet per list, shared by the page, its exports and the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from valo.core.bounds import YearFilter
from valo.core.filtersets import ValoFilterSet
from valo.finance.models import DirectCost


class DirectCostFilterSet(ValoFilterSet):
    search_fields = ("label", "invention__reference", "invention__title")
    year = YearFilter(field_name="date", lookup_expr="year", label=_("Year"))

    class Meta:
        model = DirectCost
        fields: list[str] = []
