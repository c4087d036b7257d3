"""API of start-ups and researchers' involvements: an involvement carries its cap warnings."""

from __future__ import annotations

from rest_framework import serializers

from valo.core.api import TIMESTAMPS, ValoModelSerializer, ValoModelViewSet, model_serializer
from valo.ventures.filtersets import VentureFilterSet
from valo.ventures.models import FundingRound, Involvement, Venture


class InvolvementSerializer(ValoModelSerializer):
    warnings = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The dated caps this involvement exceeds (L531-x).",
    )

    class Meta:
        model = Involvement
        fields = ["id", *Involvement.edit_fields, "warnings", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class VentureViewSet(ValoModelViewSet):
    queryset = Venture.objects.select_related("company")
    serializer_class = model_serializer(Venture)
    filterset_class = VentureFilterSet


class FundingRoundViewSet(ValoModelViewSet):
    queryset = FundingRound.objects.all()
    serializer_class = model_serializer(FundingRound)
    filterset_fields = ["venture"]


class InvolvementViewSet(ValoModelViewSet):
    queryset = Involvement.objects.all()
    serializer_class = InvolvementSerializer
    filterset_fields = ["venture", "person", "scheme"]
