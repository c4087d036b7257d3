"""API of remuneration: direct costs, and an inventor's yearly statement under the page's rules."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from valo.core.api import ValoModelViewSet, model_serializer
from valo.finance.filtersets import DirectCostFilterSet
from valo.finance.models import DirectCost
from valo.finance.remuneration import yearly_statement
from valo.finance.views import statement_person, statement_year


class DirectCostViewSet(ValoModelViewSet):
    queryset = DirectCost.objects.all()
    serializer_class = model_serializer(DirectCost)
    filterset_class = DirectCostFilterSet


@extend_schema(parameters=[OpenApiParameter("year", int)], responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
def statement_api(request: Request, pk: int) -> Response:
    """A person's remuneration for a year (their own, or anyone in scope for finance and the
    direction); 404 otherwise."""
    person, year = statement_person(request, pk), statement_year(request)
    lines = yearly_statement(person, year)
    return Response(
        {
            "person": person.pk,
            "year": year,
            "currency": "EUR",
            "lines": [
                {
                    "invention": line.invention.pk,
                    "reference": str(line.invention),
                    "kind": line.kind,
                    "base": str(line.base),
                    "amount": str(line.amount),
                }
                for line in lines
            ],
            "total": str(sum((line.amount for line in lines), Decimal(0))),
        }
    )
