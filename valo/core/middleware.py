"""Request id and change context for every request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from valo.core.context import change_context

REQUEST_ID_HEADER = "X-Request-ID"


class ChangeContextMiddleware:
    """Give each request a UUID (request.id, X-Request-ID header) and open its change context."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            source = "api"
        elif request.path.startswith("/admin/"):
            source = "admin"
        else:
            source = "web"
        with change_context(source=source, request=request) as ctx:
            request.id = ctx.request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = str(ctx.request_id)
        return response
