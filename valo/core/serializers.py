"""API representation of change records."""

from __future__ import annotations

from rest_framework import serializers

from valo.core.models import ObjectChange


class ObjectChangeSerializer(serializers.ModelSerializer):
    content_type = serializers.SlugRelatedField(slug_field="model", read_only=True)
    # Null for a record that is no component of another.
    related_content_type = serializers.SlugRelatedField(
        slug_field="model", read_only=True, allow_null=True
    )

    class Meta:
        model = ObjectChange
        fields = [
            "id",
            "time",
            "user",
            "user_name",
            "request_id",
            "source",
            "action",
            "content_type",
            "object_id",
            "object_repr",
            "related_content_type",
            "related_object_id",
            "prechange_data",
            "postchange_data",
        ]
