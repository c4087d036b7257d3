"""API representations of inventions and their parts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from valo.core.api import ValoModelSerializer
from valo.directory.choices import INTERNAL_KINDS
from valo.directory.models import Organization, Person
from valo.inventions.choices import (
    InventorPosition,
    OwnershipClass,
    ProtectionRoute,
    ValorisationRoute,
)
from valo.inventions.models import (
    Assessment,
    AssessmentParticipant,
    Disclosure,
    Invention,
    Inventorship,
    KnowHow,
    Score,
    SoftwareAsset,
    SoftwareAuthor,
    StateChange,
)

TIMESTAMPS = ["created", "last_updated"]


class InventionSerializer(ValoModelSerializer):
    """The declaration. `state` and the legal dates change only through the transition actions."""

    legal_clocks = serializers.SerializerMethodField()
    # Blank until the invention is qualified: the schema says so.
    ownership_class = serializers.ChoiceField(
        choices=OwnershipClass.choices, allow_blank=True, read_only=True
    )
    owning_units = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organization.objects.filter(kind__in=INTERNAL_KINDS)
    )

    class Meta:
        model = Invention
        fields = [
            "id",
            "reference",
            "title",
            "confidential_description",
            "public_summary",
            "field",
            "keywords",
            "origin",
            "origin_reference",
            "owning_units",
            "state",
            "received_on",
            "complete_on",
            "ownership_class",
            "ownership_note",
            "qualified_on",
            "closing_reason",
            "legal_clocks",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "reference",
            "state",
            "received_on",
            "complete_on",
            "ownership_class",
            "ownership_note",
            "qualified_on",
            "closing_reason",
            *TIMESTAMPS,
        ]

    def create(self, validated_data: dict[str, Any]) -> Invention:
        units = validated_data.pop("owning_units", [])
        invention = super().create(validated_data)
        invention.owning_units.set(units)
        return invention

    def update(self, instance: Invention, validated_data: dict[str, Any]) -> Invention:
        units = validated_data.pop("owning_units", None)
        invention = super().update(instance, validated_data)
        if units is not None:
            invention.owning_units.set(units)
        return invention

    def get_legal_clocks(self, obj: Invention) -> list[dict[str, Any]]:
        return [
            {
                "rule": c.rule.key,
                "label": c.rule.local_label,
                "source": c.rule.local_source,
                "start": c.start,
                "due": c.due,
            }
            for c in obj.legal_clocks()
        ]


class InventorshipSerializer(ValoModelSerializer):
    class Meta:
        model = Inventorship
        fields = [
            "id",
            "invention",
            "person",
            "external_name",
            "employer",
            "status",
            "hosting_agreement",
            "share",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        # Co-inventors are named from the whole directory (a name, not the person's record).
        fields["person"].queryset = Person.objects.all()
        request = self.context.get("request")
        fields["invention"].queryset = Invention.objects.restrict(
            getattr(request, "user", None), "change"
        )
        return fields


class DisclosureSerializer(ValoModelSerializer):
    class Meta:
        model = Disclosure
        fields = ["id", "invention", "kind", "planned_on", "title", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class StateChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StateChange
        fields = ["transition", "from_state", "to_state", "user_name", "note", "created"]


class ScoreSerializer(ValoModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "assessment", "criterion", "score", "comment"]
        read_only_fields = ["assessment"]


class ParticipantSerializer(ValoModelSerializer):
    class Meta:
        model = AssessmentParticipant
        fields = ["id", "assessment", "person", "name", "role", "attended"]
        read_only_fields = ["assessment", "person", "name", "role"]


class SoftwareAuthorSerializer(ValoModelSerializer):
    class Meta:
        model = SoftwareAuthor
        fields = ["id", "software", "person", "share", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class AssessmentSerializer(ValoModelSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    weighted_score = serializers.DecimalField(
        max_digits=4, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "invention",
            "meeting_on",
            "location",
            "status",
            "minutes",
            "inventors_absent_reason",
            "scores",
            "weighted_score",
            *TIMESTAMPS,
        ]
        read_only_fields = ["invention", "status", *TIMESTAMPS]


# --- transition inputs ----------------------------------------------------------------------------


class NoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class InformationInput(serializers.Serializer):
    note = serializers.CharField(help_text="What is missing from the declaration.")


class QualifyInput(serializers.Serializer):
    ownership_class = serializers.ChoiceField(choices=OwnershipClass.choices)
    complete_on = serializers.DateField(required=False, allow_null=True, default=None)
    co_owners = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        default=list,
        queryset=Organization.objects.exclude(kind__in=INTERNAL_KINDS),
        help_text="Outside organisations that will share the title.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        relation = fields["co_owners"].child_relation
        relation.queryset = relation.queryset.restrict(getattr(request, "user", None))
        return fields


class ScheduleInput(serializers.Serializer):
    meeting_on = serializers.DateField()
    starts_at = serializers.TimeField(required=False, allow_null=True, default=None)
    location = serializers.CharField(required=False, allow_blank=True, default="")


class PositionInput(serializers.Serializer):
    inventorship = serializers.IntegerField()
    position = serializers.ChoiceField(choices=InventorPosition.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class DecideInput(serializers.Serializer):
    protection_route = serializers.ChoiceField(choices=ProtectionRoute.choices)
    valorisation_route = serializers.ChoiceField(choices=ValorisationRoute.choices)
    rationale = serializers.CharField(allow_blank=True)
    positions = PositionInput(many=True)


class CloseInput(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)
    absent_reason = serializers.CharField(required=False, allow_blank=True, default="")


class SoftwareAssetSerializer(ValoModelSerializer):
    class Meta:
        model = SoftwareAsset
        fields = [
            "id",
            "title",
            "unit",
            "invention",
            "version",
            "deposit_reference",
            "deposit_date",
            "licence",
            "description",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class KnowHowListSerializer(serializers.ModelSerializer):
    """The register entry without the secret (listing logs no read)."""

    class Meta:
        model = KnowHow
        fields = ["id", "title", "unit", "invention", "recorded_on"]


class KnowHowSerializer(ValoModelSerializer):
    members = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        write_only=True,
        queryset=get_user_model().objects.filter(is_active=True),
        help_text="User ids of the people who may know it; whoever writes is always added.",
    )
    member_ids = serializers.SerializerMethodField(help_text="Who may know it (user ids).")

    class Meta:
        model = KnowHow
        fields = [
            "id",
            "title",
            "unit",
            "invention",
            "description",
            "recorded_on",
            "members",
            "member_ids",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS
        service_fields = ["members"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_member_ids(self, instance: KnowHow) -> list[int]:
        return sorted(instance.members.values_list("user_id", flat=True))
