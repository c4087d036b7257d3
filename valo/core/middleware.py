"""Request id, change context and a structured log line for every request."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from valo.core.context import change_context

REQUEST_ID_HEADER = "X-Request-ID"
log = logging.getLogger("valo.request")


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
        started = time.monotonic()
        with change_context(source=source, request=request) as ctx:
            request.id = ctx.request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = str(ctx.request_id)
        if log.isEnabledFor(logging.INFO):
            user = getattr(request, "user", None)
            log.info(
                json.dumps(
                    {
                        "request_id": str(ctx.request_id),
                        "method": request.method,
                        "path": request.path,  # never the query string: it may carry a token
                        "status": response.status_code,
                        "ms": round((time.monotonic() - started) * 1000, 1),
                        "user": user.get_username() if user and user.is_authenticated else None,
                        "source": source,
                    }
                )
            )
        return response
