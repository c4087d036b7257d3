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
        fields = [
            "id",
            "url",
            "name",
            "short_name",
            "kind",
            "parent",
            "siren",
            "siret",
            "ror",
            "vat",
            "country",
            "city",
            "website",
            "size_category",
            "sector",
            "is_synthetic",
            "notes",
            *TIMESTAMPS,
        ]
        read_only_fields = ["is_synthetic", *TIMESTAMPS]


class OrganizationAliasSerializer(ValoModelSerializer):
    class Meta:
        model = OrganizationAlias
        fields = ["id", "organization", "name", "source", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class PersonSerializer(ValoModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "first_name",
            "last_name",
            "email",
            "orcid",
            "is_synthetic",
            "notes",
            *TIMESTAMPS,
        ]
        read_only_fields = ["is_synthetic", *TIMESTAMPS]


class AffiliationSerializer(ValoModelSerializer):
    class Meta:
        model = Affiliation
        fields = ["id", "person", "organization", "status", "position", "start", "end", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class LabelSerializer(ValoModelSerializer):
    class Meta:
        model = Label
        fields = ["id", "name", "short_name", "kind", "website", "description", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class LabelAwardSerializer(ValoModelSerializer):
    class Meta:
        model = LabelAward
        fields = ["id", "label", "organization", "start", "end", "reference", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS
