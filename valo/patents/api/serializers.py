"""API representations of the portfolio."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from valo.core.api import TIMESTAMPS, ValoModelSerializer, model_serializer
from valo.patents import engine
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

PatentFamilySerializer = model_serializer(PatentFamily)
PatentApplicationSerializer = model_serializer(PatentApplication)
PriorityClaimSerializer = model_serializer(PriorityClaim)
ValidationSerializer = model_serializer(Validation)
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
    calendar = serializers.CharField(source="rule.calendar_label", read_only=True, allow_null=True)
    explanation = serializers.SerializerMethodField(
        help_text="Why this date: each step of the computation (rule, base date, calendar, closed "
        "days skipped). Given on a single deadline's answer only."
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "application",
            "rule_code",
            "source",
            "validation",
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
            "calendar",
            "explanation",
            *TIMESTAMPS,
        ]
        read_only_fields = ["validation", "year", "base_date", "grace_end", *TIMESTAMPS]

    def get_explanation(self, obj: Deadline) -> list[dict[str, Any]] | None:
        view = self.context.get("view")
        if view is None or getattr(view, "action", None) != "retrieve":
            return None
        return [{"text": step.text, "date": step.day} for step in engine.explain(obj)]

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
        "grant_effect",
        "except_routes",
        "not_before_months",
        "after_grant_months",
        "covers_running",
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
