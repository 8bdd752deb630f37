"""HTTP responses shared by the DICOMweb and UPS-RS routes.

Errors are raised as :class:`HubError` and become a response with the status,
a ``Warning: 299 minihub: <reason>`` header (the form PS3.18 8.6.1 uses for
warnings and failures) and a small JSON body ``{"error": reason}``. Reasons
never contain patient data.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DICOM_JSON = "application/dicom+json"
SERVICE = "minihub"
log = logging.getLogger("minihub")


class HubError(Exception):
    """A request the hub refuses: ``status`` (4xx) and a plain reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def warning(reason: str) -> str:
    """A ``Warning`` header value (RFC 7234 5.5 form used by PS3.18)."""
    text = reason.replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f"299 {SERVICE}: {text}"


def dicom_json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A ``application/dicom+json`` response."""
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type=DICOM_JSON, headers=headers)


def error_response(status: int, reason: str) -> Response:
    body = json.dumps({"error": reason}).encode("utf-8")
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={"Warning": warning(reason)},
    )


async def hub_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HubError)
    return error_response(exc.status, exc.reason)


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    status = int(getattr(exc, "status_code", 500))
    reason = str(getattr(exc, "detail", "")) or "request refused"
    return error_response(status, reason)


async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
    """A genuine bug: log where (no values, no patient data) and answer 500."""
    route = request.scope.get("route")
    where = getattr(route, "path", "?")
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unhandled %s on %s %s\n%s", type(exc).__name__, request.method, where, frames)
    return error_response(500, "internal error")


class CatchAll:
    """Outermost ASGI wrapper: no exception reaches the server's own logger.

    Starlette answers 500 through :func:`unexpected_error_handler` and then
    re-raises so that servers can log; uvicorn would log the exception
    *message*, which may quote data. Here the re-raised exception is
    swallowed (already logged), and one raised before any response started
    (e.g. in a middleware) is logged by type and location and answered 500.
    A failure in the middle of a streamed body leaves the body truncated (no
    closing multipart delimiter), which clients detect.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started or scope["type"] != "http":
                return
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("unhandled %s before any response\n%s", type(exc).__name__, frames)
            response = error_response(500, "internal error")
            await response(scope, receive, send)
