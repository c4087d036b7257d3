"""The API's rate limits (VALO_API_RATE_USER, VALO_API_RATE_ANON), counted in the shared cache — the
database's — so that every worker of a deployment counts the same requests."""

from __future__ import annotations

from django.core.cache import caches
from rest_framework import throttling


class UserRateThrottle(throttling.UserRateThrottle):
    cache = caches["shared"]


class AnonRateThrottle(throttling.AnonRateThrottle):
    cache = caches["shared"]
