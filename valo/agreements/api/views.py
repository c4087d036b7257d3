"""API of agreements: the same permissions as the pages; a statement carries what it makes due, a
notice opens its opposition deadline, ending an agreement closes its open obligations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from valo.agreements import services
from valo.agreements.filtersets import AgreementFilterSet
from valo.agreements.models import (
    Agreement,
    AgreementFamily,
    AgreementInvention,
    AgreementKnowHow,
    AgreementParty,
    AgreementSoftware,
    CoOwnershipNotice,
    Licence,
    Obligation,
    Payment,
    RoyaltyStatement,
    RoyaltyTier,
)
from valo.agreements.royalties import statement_due
from valo.core.api import TIMESTAMPS, ValoModelSerializer, ValoModelViewSet, model_serializer
from valo.core.permissions import check_write

AgreementSerializer = model_serializer(
    Agreement,
    extra=["ended_on"],
    read_only=["ended_on"],
)


class EndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()


class DueSerializer(serializers.Serializer):
    royalties = serializers.DecimalField(max_digits=14, decimal_places=2)
    top_up = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    lines = serializers.ListField(child=serializers.DictField())


class StatementSerializer(ValoModelSerializer):
    due = serializers.SerializerMethodField(help_text="What the statement makes due, line by line.")

    class Meta:
        model = RoyaltyStatement
        fields = [
            "id",
            "agreement",
            "year",
            "net_sales",
            "currency",
            "received_on",
            "due",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS

    def get_due(self, obj: RoyaltyStatement) -> dict[str, Any]:
        due = statement_due(obj)
        return DueSerializer(
            {
                "royalties": due.royalties,
                "top_up": due.top_up,
                "total": due.total,
                "lines": [{"text": line.text, "amount": str(line.amount)} for line in due.lines],
            }
        ).data


class AgreementViewSet(ValoModelViewSet):
    queryset = Agreement.objects.select_related("unit", "partner")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet

    @action(detail=True, methods=["post"], serializer_class=EndSerializer)
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End the agreement on a date: its open obligations are closed with it."""
        agreement = self.get_object()
        form = EndSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                closed = services.end_agreement(agreement, on=form.validated_data["ended_on"])
                check_write(request.user, agreement, "change")
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return Response({"ended_on": agreement.ended_on, "obligations_closed": closed})


class AgreementInventionViewSet(ValoModelViewSet):
    queryset = AgreementInvention.objects.all()
    serializer_class = model_serializer(AgreementInvention)
    filterset_fields = ["agreement", "invention"]


class AgreementFamilyViewSet(ValoModelViewSet):
    queryset = AgreementFamily.objects.all()
    serializer_class = model_serializer(AgreementFamily)
    filterset_fields = ["agreement", "family"]


class AgreementSoftwareViewSet(ValoModelViewSet):
    queryset = AgreementSoftware.objects.all()
    serializer_class = model_serializer(AgreementSoftware)
    filterset_fields = ["agreement", "software"]


class AgreementKnowHowViewSet(ValoModelViewSet):
    queryset = AgreementKnowHow.objects.all()
    serializer_class = model_serializer(AgreementKnowHow)
    filterset_fields = ["agreement", "know_how"]


class AgreementPartyViewSet(ValoModelViewSet):
    queryset = AgreementParty.objects.all()
    serializer_class = model_serializer(AgreementParty)
    filterset_fields = ["agreement", "organization", "role"]


class ObligationViewSet(ValoModelViewSet):
    queryset = Obligation.objects.all()
    serializer_class = model_serializer(Obligation)
    filterset_fields = ["agreement", "state"]


class LicenceViewSet(ValoModelViewSet):
    queryset = Licence.objects.all()
    serializer_class = model_serializer(Licence)
    filterset_fields = ["agreement", "exclusive"]


class RoyaltyTierViewSet(ValoModelViewSet):
    queryset = RoyaltyTier.objects.all()
    serializer_class = model_serializer(RoyaltyTier)
    filterset_fields = ["agreement"]


class RoyaltyStatementViewSet(ValoModelViewSet):
    queryset = RoyaltyStatement.objects.select_related("agreement__licence").prefetch_related(
        "agreement__royalty_tiers"
    )
    serializer_class = StatementSerializer
    filterset_fields = ["agreement", "year"]


class PaymentViewSet(ValoModelViewSet):
    queryset = Payment.objects.all()
    serializer_class = model_serializer(Payment)
    filterset_fields = ["agreement", "kind", "statement"]


class CoOwnershipNoticeViewSet(ValoModelViewSet):
    """Recording a notice opens the 3-month opposition deadline on the family (L613-29)."""

    queryset = CoOwnershipNotice.objects.all()
    serializer_class = model_serializer(
        CoOwnershipNotice,
        extra=["deadline"],
        read_only=["deadline"],
    )
    filterset_fields = ["family"]
    # The deadline is opened from the notification date: a notice is recorded, not edited.
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        try:
            with transaction.atomic():
                notice = services.record_notice(CoOwnershipNotice(**serializer.validated_data))
                check_write(self.request.user, notice, "add")
        except ValueError as error:
            raise serializers.ValidationError({"family": [str(error)]}) from error
        serializer.instance = notice
