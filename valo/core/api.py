"""Base classes of every API endpoint: permissions, restricted querysets, model validation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from valo.core.access import choices_for, held_pks
from valo.core.api_permissions import request_action
from valo.core.permissions import check_write, locked


def _django_errors(error: DjangoValidationError) -> Any:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if key == "__all__" else key): value
            for key, value in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


class ValoModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (full_clean) and offers only related objects the user sees."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, field in fields.items():
            # A to-many field holds its choices on its child relation.
            relation = getattr(field, "child_relation", field)
            queryset = getattr(relation, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                relation.queryset = choices_for(user, queryset, held_pks(self.instance, name))
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        # Only the row's own fields: many-to-many values are saved after it, and service fields
        # (Meta.service_fields) go to the viewset's on_save service.
        concrete = {f.name for f in model._meta.concrete_fields}
        simple = {name: value for name, value in attrs.items() if name in concrete}
        saved = {name: getattr(instance, name, None) for name in simple}
        for name, value in simple.items():
            setattr(instance, name, value)
        try:
            instance.full_clean(validate_unique=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(_django_errors(error)) from error
        finally:
            if self.instance is not None:
                for name, value in saved.items():
                    setattr(instance, name, value)
        return attrs

    def _split_service_data(self, validated_data: dict[str, Any]) -> None:
        names = getattr(self.Meta, "service_fields", ())
        self.service_data = {n: validated_data.pop(n) for n in names if n in validated_data}

    def create(self, validated_data: dict[str, Any]) -> Any:
        self._split_service_data(validated_data)
        return super().create(validated_data)

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        self._split_service_data(validated_data)
        return super().update(instance, validated_data)


TIMESTAMPS = ["created", "last_updated"]


def model_serializer(
    model_class: type,
    field_names: list[str] | None = None,
    read_only: list[str] | None = None,
    extra: list[str] | None = None,
) -> type:
    """A ValoModelSerializer for `model_class` with these fields — by default its `edit_fields`, as
    its edit form — and `extra` ones the API adds (timestamps read-only)."""
    if field_names is None:
        field_names = [*model_class.edit_fields, *(extra or [])]
    meta = type(
        "Meta",
        (),
        {
            "model": model_class,
            "fields": ["id", *field_names, *TIMESTAMPS],
            "read_only_fields": [*(read_only or []), *TIMESTAMPS],
        },
    )
    return type(f"{model_class.__name__}Serializer", (ValoModelSerializer,), {"Meta": meta})


def stable(queryset: models.QuerySet) -> models.QuerySet:
    """A queryset in a fixed order, so that pages of results neither skip nor repeat a record."""
    return queryset if queryset.ordered else queryset.order_by("pk")


class ValoModelViewSet(viewsets.ModelViewSet):
    """A model's API: restricted by action, validated by the model, saved and checked atomically.

    `on_save` is the app's service for what a save implies beyond the row, the same one the
    model's edit page names (valo.core.views.generic.ObjectEditView.on_save)."""

    on_save: Any = None

    def get_queryset(self) -> models.QuerySet:
        action = request_action(self.request, self)
        return stable(self.queryset.restrict(self.request.user, action))

    def _save(self, serializer: serializers.BaseSerializer, action: str) -> None:
        with transaction.atomic():
            instance = serializer.save()
            if self.on_save is not None:
                data = {**serializer.validated_data, **getattr(serializer, "service_data", {})}
                self.on_save(instance, data, self.request.user)
            check_write(self.request.user, instance, action)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self._save(serializer, "add")

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self._save(serializer, "change")

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        try:
            with transaction.atomic():
                # Read again under a lock: a parent deleted meanwhile took it along (404, not 500).
                instance = locked(self.get_queryset(), instance.pk)
                instance.delete()
        except ProtectedError as error:
            names = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Still in use by: %(names)s.") % {"names": names}]}
            ) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReadOnlyValoViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self) -> models.QuerySet:
        return stable(self.queryset.restrict(self.request.user, "view"))
