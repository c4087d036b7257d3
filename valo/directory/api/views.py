"""API endpoints of the directory: same filters and permissions as the pages."""

from __future__ import annotations

import django_filters

from valo.core.api import ValoModelViewSet
from valo.directory.api import serializers
from valo.directory.filtersets import LabelFilterSet, OrganizationFilterSet, PersonFilterSet
from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Organization,
    OrganizationAlias,
    Person,
)


class OrganizationViewSet(ValoModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet


class OrganizationAliasViewSet(ValoModelViewSet):
    queryset = OrganizationAlias.objects.all()
    serializer_class = serializers.OrganizationAliasSerializer
    filterset_fields = ["organization", "source"]


class PersonViewSet(ValoModelViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet


class AffiliationFilterSet(django_filters.FilterSet):
    class Meta:
        model = Affiliation
        fields = ["person", "organization", "status"]


class AffiliationViewSet(ValoModelViewSet):
    queryset = Affiliation.objects.all()
    serializer_class = serializers.AffiliationSerializer
    filterset_class = AffiliationFilterSet


class LabelViewSet(ValoModelViewSet):
    queryset = Label.objects.all()
    serializer_class = serializers.LabelSerializer
    filterset_class = LabelFilterSet


class LabelAwardViewSet(ValoModelViewSet):
    queryset = LabelAward.objects.all()
    serializer_class = serializers.LabelAwardSerializer
    filterset_fields = ["label", "organization"]
