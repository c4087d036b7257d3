"""API representations of the portfolio."""

from __future__ import annotations

from rest_framework import serializers

from valo.core.api import TIMESTAMPS, ValoModelSerializer, model_serializer
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
)

PatentFamilySerializer = model_serializer(PatentFamily)
PatentApplicationSerializer = model_serializer(PatentApplication)
PriorityClaimSerializer = model_serializer(PriorityClaim)
ApplicationOwnerSerializer = model_serializer(ApplicationOwner)
CostSerializer = model_serializer(Cost)
LegalEventSerializer = model_serializer(
    LegalEvent,
    ["application", "code", "description", "date", "country", "source"],
    read_only=["application", "code", "description", "date", "country", "source"],
)


class DeadlineSerializer(ValoModelSerializer):
    rule_code = serializers.CharField(source="rule.code", read_only=True, allow_null=True)
    source = serializers.CharField(source="rule.source", read_only=True, allow_null=True)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "application",
            "rule_code",
            "source",
            "year",
            "label",
            "base_date",
            "due_date",
            "grace_end",
            "state",
            "responsible",
            "renewal_decision",
            "decide_by",
            "decision_reason",
            "note",
            *TIMESTAMPS,
        ]
        read_only_fields = ["year", "base_date", "grace_end", *TIMESTAMPS]

    def validate(self, attrs: dict) -> dict:
        if self.instance is not None and self.instance.rule_id:
            # A computed deadline's dates come from its rule.
            for name in ("application", "label", "due_date"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: "Computed from its rule: not editable."}
                    )
        return super().validate(attrs)


DeadlineRuleSerializer = model_serializer(
    DeadlineRule,
    [
        "code",
        "label",
        "offices",
        "routes",
        "trigger",
        "months",
        "days",
        "anchor",
        "first_year",
        "last_year",
        "calendar_office",
        "grace_months",
        "surcharge_percent",
        "informational",
        "source",
        "status",
        "start",
        "end",
    ],
)
FeeSerializer = model_serializer(
    Fee,
    ["office", "code", "year", "amount", "reduced_amount", "currency", "source", "start", "end"],
)
ClosedDaySerializer = model_serializer(ClosedDay, ["office", "day", "reason", "source"])
