"""API representations of the directory."""

from __future__ import annotations

from rest_framework import serializers

from valo.core.api import ValoModelSerializer
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Organization,
    OrganizationAlias,
    Person,
)

TIMESTAMPS = ["created", "last_updated"]


class OrganizationSerializer(ValoModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail")

    class Meta:
        model = Organization
        fields = ["id", "url", *Organization.edit_fields, "is_synthetic", *TIMESTAMPS]
        read_only_fields = ["is_synthetic", *TIMESTAMPS]


class OrganizationAliasSerializer(ValoModelSerializer):
    class Meta:
        model = OrganizationAlias
        fields = ["id", *OrganizationAlias.edit_fields, *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class PersonSerializer(ValoModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", *Person.edit_fields, "is_synthetic", *TIMESTAMPS]
        read_only_fields = ["is_synthetic", *TIMESTAMPS]


class AffiliationSerializer(ValoModelSerializer):
    class Meta:
        model = Affiliation
        fields = ["id", *Affiliation.edit_fields, *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class LabelSerializer(ValoModelSerializer):
    class Meta:
        model = Label
        fields = ["id", *Label.edit_fields, *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class LabelAwardSerializer(ValoModelSerializer):
    class Meta:
        model = LabelAward
        fields = ["id", *LabelAward.edit_fields, *TIMESTAMPS]
        read_only_fields = TIMESTAMPS
