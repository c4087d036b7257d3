"""Model fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


class URLField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out (Django 6's default)."""

    def formfield(self, **kwargs: Any) -> forms.Field:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
