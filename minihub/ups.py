"""UPS-RS routes, the Worklist Service (PS3.18 11), under ``/dicom-web``.

====================================  =============================================
``POST /workitems[?{uid}]``           create (11.4): 201 + Location; 409 UID exists
``GET /workitems/{uid}``              retrieve (11.5): one-item JSON array; 404
``GET /workitems?...``                search (11.9): HIGH→LOW, then start DateTime
``POST /workitems/{uid}?{txn}``       update (11.6): 200; 400 (Transaction UID, final)
``PUT /workitems/{uid}/state``        change state (11.7): 200 (+Warning); 400 / 409
``POST /workitems/{uid}/cancelrequest``  request cancellation (11.8): 202 (+Warning); 409
====================================  =============================================

Bodies are ``application/dicom+json`` (``application/json`` is accepted too):
a JSON array holding one dataset (a bare object is accepted). The Transaction
UID of an update may be given as ``?transaction={uid}``, as a bare ``?{uid}``
query (PS3.18 11.6.1), or as (0008,1195) in the body (as dcm4chee accepts).
Bodies are read up to :data:`MAX_BODY` (4 MiB): a larger ``Content-Length``
is 413 before the body is read, a larger chunked body is 413 once that much
arrived; JSON nested too deeply or sequences nested deeper than
:data:`MAX_SQ_DEPTH` are 400. ``limit`` (0..10000) and ``offset`` (0..10**9)
out of range are 400 (:func:`minihub.qido.paging_value`).
Refusals carry a ``Warning: 299 minihub: <PS3.18 text> (<PS3.4 code>: <meaning>)``
header; the state machine and its status codes are in :mod:`minihub.ups_state`,
storage in :mod:`minihub.worklist`.

With ``--users`` (see docs/minihub.md, "Authorisation"): an ``ed`` user sees,
creates and asks to cancel only workitems whose (0040,A370)>(0032,1033)
Requesting Service is their site (another site's workitem is 404); only
radiologists and admins update workitems and change their state.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, unquote

from pydicom.dataset import Dataset
from pydicom.valuerep import VR
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from minihub.auth import (
    principal,
    requesting_service,
    require_performer,
    same_site,
    scoped_site,
)
from minihub.dicomweb import base_url, require_json_accept
from minihub.qido import BadQuery, paging_value
from minihub.responses import HubError, dicom_json, warning
from minihub.worklist import T_STATE, T_TRANSACTION, Worklist, text_value
from protocol.multipart import parse_media_type
from protocol.uids import is_uid

JSON_TYPES = {"application/dicom+json", "application/json"}
MAX_BODY = 4 * 1024 * 1024


class WorklistService:
    """The UPS-RS resources of one worklist."""

    def __init__(self, worklist: Worklist) -> None:
        self.worklist = worklist

    def routes(self) -> list[Route]:
        item = "/workitems/{workitem}"
        return [
            Route("/workitems", self.search, methods=["GET"]),
            Route("/workitems", self.create, methods=["POST"]),
            Route(item, self.retrieve, methods=["GET"]),
            Route(item, self.update, methods=["POST"]),
            Route(item + "/state", self.change_state, methods=["PUT"]),
            Route(item + "/cancelrequest", self.request_cancel, methods=["POST"]),
        ]

    async def _visible(self, request: Request, uid: str) -> dict[str, Any]:
        """The workitem, or 404 when it is not this request's site's (or absent)."""
        site = scoped_site(request)
        dataset = await run_in_threadpool(self.worklist.get, uid)
        if site is not None and not same_site(requesting_service(dataset), site):
            raise HubError(404, "no such workitem")
        return dataset

    async def create(self, request: Request) -> Response:
        site = scoped_site(request)
        dataset = await _dataset(request, required=True)
        if site is not None and not same_site(requesting_service(dataset), site):
            raise HubError(403, "an ED user creates workitems for their own site only")
        uid = _bare_query_uid(request, "workitem")
        new_uid = await run_in_threadpool(self.worklist.create, dataset, uid)
        location = f"{base_url(request)}/workitems/{new_uid}"
        return Response(
            status_code=201, headers={"Location": location, "Content-Location": location}
        )

    async def retrieve(self, request: Request) -> Response:
        require_json_accept(request)
        dataset = await self._visible(request, request.path_params["workitem"])
        return dicom_json([dataset])

    async def search(self, request: Request) -> Response:
        require_json_accept(request)
        site = scoped_site(request)
        params = list(request.query_params.multi_items())
        for name, text in params:  # bounded before SQLite sees them (overflow → 500)
            if name.lower() in ("limit", "offset"):
                try:
                    paging_value(name, text)
                except BadQuery as exc:
                    raise HubError(400, str(exc)) from None
        if site is None:
            return dicom_json(await run_in_threadpool(self.worklist.search, params))
        # Filter by site before paging: search unpaged, then apply limit/offset.
        paging = {k.lower(): v for k, v in params if k.lower() in ("limit", "offset")}
        try:
            limit = int(paging["limit"]) if "limit" in paging else None
            offset = int(paging.get("offset", "0"))
        except ValueError:
            raise HubError(400, "limit and offset must be integers") from None
        if (limit is not None and limit < 0) or offset < 0:
            raise HubError(400, "limit and offset must not be negative")
        rest = [(k, v) for k, v in params if k.lower() not in ("limit", "offset")]
        found = await run_in_threadpool(self.worklist.search, rest)
        own = [ds for ds in found if same_site(requesting_service(ds), site)]
        end = None if limit is None else offset + limit
        return dicom_json(own[offset:end])

    async def _performer(self, request: Request) -> None:
        """Radiologists and admins only: 403 for an ED's own workitem, else 404."""
        user = principal(request)
        if user is None or user.performs:
            return
        await self._visible(request, request.path_params["workitem"])
        require_performer(request)

    async def update(self, request: Request) -> Response:
        await self._performer(request)
        uid = request.path_params["workitem"]
        changes = await _dataset(request, required=True)
        transaction = _bare_query_uid(request, "transaction")
        await run_in_threadpool(self.worklist.update, uid, changes, transaction)
        return Response(status_code=200)

    async def change_state(self, request: Request) -> Response:
        await self._performer(request)
        uid = request.path_params["workitem"]
        dataset = await _dataset(request, required=True)
        requested = text_value(dataset, T_STATE)
        transaction = text_value(dataset, T_TRANSACTION)
        if not requested:
            raise HubError(400, "the request has no (0074,1000) Procedure Step State")
        if not transaction:
            raise HubError(400, "the request has no (0008,1195) Transaction UID")
        result = await run_in_threadpool(self.worklist.change_state, uid, requested, transaction)
        headers = {"Warning": warning(result.message)} if result.message else None
        return Response(status_code=200, headers=headers)

    async def request_cancel(self, request: Request) -> Response:
        uid = request.path_params["workitem"]
        await self._visible(request, uid)
        dataset = await _dataset(request, required=False)
        result = await run_in_threadpool(self.worklist.request_cancel, uid, dataset)
        headers = {"Warning": warning(result.message)} if result.message else None
        return Response(status_code=result.status, headers=headers)


def _bare_query_uid(request: Request, name: str) -> str | None:
    """``?1.2.3`` or ``?{name}=1.2.3`` → ``"1.2.3"`` (PS3.18 11.4.1, 11.6.1)."""
    query = request.url.query
    if not query:
        return None
    if "=" not in query and "&" not in query:
        value = unquote(query).strip()
    else:
        value = dict(parse_qsl(query)).get(name, "").strip()
        if not value:
            return None
    if not is_uid(value):
        raise HubError(400, f"invalid {name} UID in the query")
    return value


async def read_bounded_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refused with 413 once it exceeds ``limit`` bytes.

    A ``Content-Length`` above ``limit`` is refused before any of the body is
    read; a body without one (chunked) is read only up to ``limit + 1`` bytes.
    Either way the hub never holds more than about ``limit`` bytes of it.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        text = declared.strip()
        if not (text.isascii() and text.isdigit()):
            raise HubError(400, "invalid Content-Length")
        if len(text) > 15 or int(text) > limit:
            raise HubError(413, f"request body larger than {limit} bytes")
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise HubError(413, f"request body larger than {limit} bytes")
    return bytes(received)


async def _dataset(request: Request, *, required: bool) -> dict[str, Any]:
    """The one DICOM JSON dataset of a request body, validated with pydicom."""
    body = await read_bounded_body(request)
    if not body.strip():
        if required:
            raise HubError(400, "the request has no dataset")
        return {}
    media_type, _ = parse_media_type(request.headers.get("content-type", ""))
    if media_type not in JSON_TYPES:
        raise HubError(415, "UPS-RS bodies must be application/dicom+json")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HubError(400, "the body is not valid JSON") from None
    except RecursionError:
        raise HubError(400, "the body is nested too deeply") from None
    if isinstance(data, list):
        if len(data) != 1:
            raise HubError(400, "the body must hold exactly one dataset")
        data = data[0]
    if not isinstance(data, dict):
        raise HubError(400, "the body is not a DICOM JSON dataset")
    problem = _json_problem(data)
    if problem:
        raise HubError(400, f"invalid DICOM JSON: {problem}")
    try:
        dataset: dict[str, Any] = Dataset.from_json(data).to_json_dict()
    except Exception as exc:  # pydicom raises many kinds on malformed JSON
        raise HubError(400, f"invalid DICOM JSON ({type(exc).__name__})") from None
    return dataset


VALID_VRS = frozenset(vr.value for vr in VR)


#: Deepest nesting of sequences (SQ within SQ items) accepted in a UPS dataset.
MAX_SQ_DEPTH = 16


def _json_problem(data: dict[str, Any]) -> str:
    """What makes ``data`` invalid DICOM JSON (PS3.18 F.2), or "".

    Iterative (an explicit stack), so any nesting is checked without
    recursion; sequences nested deeper than :data:`MAX_SQ_DEPTH` are refused.
    """
    stack: list[tuple[dict[str, Any], int]] = [(data, 0)]
    while stack:
        dataset, depth = stack.pop()
        for tag, element in dataset.items():
            if not (isinstance(tag, str) and len(tag) == 8) or not isinstance(element, dict):
                return "attributes are 8-hex-digit tags mapping to objects"
            try:
                int(tag, 16)
            except ValueError:
                return f"invalid tag {tag!r}"
            vr = element.get("vr")
            if vr not in VALID_VRS:
                return f"invalid VR for {tag}"
            if vr == "SQ":
                items = element.get("Value", [])
                if not isinstance(items, list):
                    return f"the Value of {tag} is not a list"
                if items and depth >= MAX_SQ_DEPTH:
                    return f"sequences nested deeper than {MAX_SQ_DEPTH}"
                for item in items:
                    if not isinstance(item, dict):
                        return "bad item"
                    stack.append((item, depth + 1))
    return ""
