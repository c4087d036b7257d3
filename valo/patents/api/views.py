"""API of the portfolio: the same permissions and filters as the pages; deadlines recompute when an
application or a priority changes."""

from __future__ import annotations

from valo.core.api import ReadOnlyValoViewSet, ValoModelViewSet
from valo.patents import services
from valo.patents.api import serializers as s
from valo.patents.filtersets import DeadlineFilterSet, PatentFamilyFilterSet
from valo.patents.models import (
    ApplicationOwner,
    ClosedDay,
    Cost,
    Deadline,
    DeadlineRule,
    Fee,
    LegalEvent,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)


class RecomputingViewSet(ValoModelViewSet):
    """Saving recomputes the deadlines of the application concerned, in the same transaction."""

    on_save = staticmethod(services.recompute_deadlines)


class PatentFamilyViewSet(ValoModelViewSet):
    queryset = PatentFamily.objects.all()
    serializer_class = s.PatentFamilySerializer
    filterset_class = PatentFamilyFilterSet


class PatentApplicationViewSet(RecomputingViewSet):
    queryset = PatentApplication.objects.all()
    on_save = staticmethod(services.save_application)
    serializer_class = s.PatentApplicationSerializer
    filterset_fields = ["family", "office", "route", "status"]


class PriorityClaimViewSet(RecomputingViewSet):
    queryset = PriorityClaim.objects.all()
    serializer_class = s.PriorityClaimSerializer
    filterset_fields = ["application"]


class ValidationViewSet(RecomputingViewSet):
    queryset = Validation.objects.all()
    serializer_class = s.ValidationSerializer
    filterset_fields = ["application", "state"]


class ApplicationOwnerViewSet(ValoModelViewSet):
    queryset = ApplicationOwner.objects.all()
    serializer_class = s.ApplicationOwnerSerializer
    filterset_fields = ["application", "organization"]


class CostViewSet(ValoModelViewSet):
    queryset = Cost.objects.all()
    serializer_class = s.CostSerializer
    filterset_fields = ["application", "kind", "currency"]


class DeadlineViewSet(ValoModelViewSet):
    queryset = Deadline.objects.select_related("rule")
    serializer_class = s.DeadlineSerializer
    filterset_class = DeadlineFilterSet


class LegalEventViewSet(ReadOnlyValoViewSet):
    queryset = LegalEvent.objects.all()
    serializer_class = s.LegalEventSerializer
    filterset_fields = ["application", "code"]


class DeadlineRuleViewSet(ReadOnlyValoViewSet):
    queryset = DeadlineRule.objects.all()
    serializer_class = s.DeadlineRuleSerializer
    filterset_fields = ["code"]


class FeeViewSet(ReadOnlyValoViewSet):
    queryset = Fee.objects.all()
    serializer_class = s.FeeSerializer
    filterset_fields = ["office", "code", "year"]


class ClosedDayViewSet(ReadOnlyValoViewSet):
    queryset = ClosedDay.objects.all()
    serializer_class = s.ClosedDaySerializer
    filterset_fields = ["office"]
