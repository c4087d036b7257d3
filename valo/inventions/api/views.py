"""API of inventions: the same permissions, filters and transitions as the pages.

A transition is an action (POST /api/inventions/{id}/submit/ …), never a write of `state`.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from valo.core.api import ReadOnlyValoViewSet, ValoModelViewSet
from valo.inventions import services, transitions
from valo.inventions.api import serializers as s
from valo.inventions.choices import ReadChannel
from valo.inventions.filtersets import InventionFilterSet, KnowHowFilterSet, SoftwareAssetFilterSet
from valo.inventions.models import (
    Assessment,
    AssessmentParticipant,
    Disclosure,
    Invention,
    Inventorship,
    KnowHow,
    KnowHowRead,
    Score,
    SoftwareAsset,
    SoftwareAuthor,
)
from valo.inventions.steps import STEPS, Step


class TransitionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "transition_refused"


def _transition(run: Any) -> Any:
    try:
        with transaction.atomic():
            return run()
    except transitions.TransitionRefused as refusal:
        raise TransitionConflict({"reasons": refusal.reasons}) from refusal


class InventionViewSet(ValoModelViewSet):
    queryset = Invention.objects.prefetch_related("owning_units")
    serializer_class = s.InventionSerializer
    filterset_class = InventionFilterSet
    # A step is posted on an invention one may see; its transition checks who may make it.
    action_access = dict.fromkeys(STEPS, "view")

    def perform_create(self, serializer: Any) -> None:
        serializer.validated_data["created_by"] = self.request.user
        super().perform_create(serializer)

    def _invention(self) -> Invention:
        """The invention if the user may see it (404 otherwise); the transition checks the rest."""
        # DRF's lookup answers 404 for a malformed id too ("abc"), not a server error.
        return get_object_or_404(
            Invention.objects.restrict(self.request.user), pk=self.kwargs["pk"]
        )

    def _do(self, run: Any, **arguments: Any) -> Response:
        """Run a transition on the invention and answer with the invention as it now is.

        A refusal answers 409 with its reasons; a user without the right, 403 (Django's
        PermissionDenied, which DRF turns into 403)."""
        invention = self._invention()
        _transition(lambda: run(invention, user=self.request.user, **arguments))
        invention.refresh_from_db()
        return Response(s.InventionSerializer(invention, context={"request": self.request}).data)

    def _step(self, step: Step) -> Response:
        """Run a step of the table (inventions.steps) with its API input."""
        arguments = {}
        if step.api_input is not None:
            data = step.api_input(data=self.request.data, context={"request": self.request})
            data.is_valid(raise_exception=True)
            arguments = step.api_arguments(dict(data.validated_data))
        if not step.creates_meeting:
            return self._do(step.run, **arguments)
        invention = self._invention()
        meeting = _transition(lambda: step.run(invention, user=self.request.user, **arguments))
        return Response(
            s.AssessmentSerializer(meeting, context={"request": self.request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=s.StateChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk: str) -> Response:
        invention = self._invention()
        return Response(s.StateChangeSerializer(invention.state_changes.all(), many=True).data)


def _step_action(step: Step) -> Any:
    """The API action of a step: POST /api/inventions/inventions/{id}/<step>/."""
    response = s.AssessmentSerializer if step.creates_meeting else s.InventionSerializer

    def run(self: InventionViewSet, request: Request, pk: str) -> Response:
        return self._step(step)

    run.__name__ = step.name
    run.__doc__ = str(step.transition.label)
    decorated = action(detail=True, methods=["post"], url_path=step.url_path)(run)
    return extend_schema(request=step.api_input, responses=response)(decorated)


for _step in STEPS.values():
    setattr(InventionViewSet, _step.name, _step_action(_step))


class InventorshipViewSet(ValoModelViewSet):
    queryset = Inventorship.objects.all()
    serializer_class = s.InventorshipSerializer
    filterset_fields = ["invention", "person"]


class DisclosureViewSet(ValoModelViewSet):
    queryset = Disclosure.objects.all()
    serializer_class = s.DisclosureSerializer
    filterset_fields = ["invention", "kind"]


class AssessmentViewSet(ReadOnlyValoViewSet):
    queryset = Assessment.objects.prefetch_related("scores__criterion")
    serializer_class = s.AssessmentSerializer
    filterset_fields = ["invention", "status"]

    @extend_schema(request=s.CloseInput, responses=s.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        meeting = self.get_object()
        data = s.CloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        closed = _transition(
            lambda: transitions.close_assessment(meeting, user=request.user, **data.validated_data)
        )
        return Response(s.AssessmentSerializer(closed, context={"request": request}).data)


class MeetingRowViewSet(ValoModelViewSet):
    """Rows of a meeting, created when it is scheduled: read them, and change them while it is open."""

    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer: Any) -> None:
        if serializer.instance.assessment.status != "scheduled":
            raise TransitionConflict({"reasons": [_("This meeting is already closed.")]})
        super().perform_update(serializer)


class ScoreViewSet(MeetingRowViewSet):
    queryset = Score.objects.select_related("criterion", "assessment")
    serializer_class = s.ScoreSerializer
    filterset_fields = ["assessment"]


class ParticipantViewSet(MeetingRowViewSet):
    queryset = AssessmentParticipant.objects.select_related("assessment")
    serializer_class = s.ParticipantSerializer
    filterset_fields = ["assessment", "role"]


class SoftwareAuthorViewSet(ValoModelViewSet):
    queryset = SoftwareAuthor.objects.all()
    serializer_class = s.SoftwareAuthorSerializer
    filterset_fields = ["software", "person"]


class SoftwareAssetViewSet(ValoModelViewSet):
    queryset = SoftwareAsset.objects.all()
    serializer_class = s.SoftwareAssetSerializer
    filterset_class = SoftwareAssetFilterSet


class KnowHowViewSet(ValoModelViewSet):
    """The register lists titles; reading one entry shows the secret and logs the read."""

    queryset = KnowHow.objects.select_related("invention")
    filterset_class = KnowHowFilterSet

    def get_serializer_class(self) -> Any:
        return s.KnowHowListSerializer if self.action == "list" else s.KnowHowSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        KnowHowRead.record([item], request.user, ReadChannel.API)
        return Response(s.KnowHowSerializer(item, context={"request": request}).data)

    on_save = staticmethod(services.set_know_how_members)
