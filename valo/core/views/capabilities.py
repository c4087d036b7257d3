"""The one check of a named capability for pages: a decorator for functions, a mixin for classes.

A user who does not hold the capability gets 403 (the kind of page is refused to the role, whatever
the object: nothing leaks); objects outside the user's scope stay 404 (docs/permissions.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from valo.core.access import has_capability


def capability_required(code: str) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Log in first, then hold `code`, or 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_capability(request.user, code):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.capability = code  # type: ignore[attr-defined]
        return wrapped

    return decorator


class CapabilityRequiredMixin(LoginRequiredMixin):
    """A class-based page that needs `capability`."""

    capability: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_capability(request.user, self.capability):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
