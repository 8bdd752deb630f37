"""HTTP implementation of :class:`app.hub.protocol.Hub`: DICOMweb and UPS-RS.

The :class:`requests.Session` and the timeouts are injected (STYLE.md point
12): the session carries connection pooling, credentials and the CA bundle
(:func:`app.hub.profiles.session_for` builds one from a hub profile); the
:class:`app.hub.transport.Transport` adds explicit ``(connect, read)``
timeouts, retries, and turns every failure into a
:class:`app.hub.errors.HubError` naming what failed, without patient data.

Which calls are retried after the hub may have seen them (HTTP 5xx, read
timeout, connection dropped) — i.e. which are treated as idempotent:

===============================  =====  ==============================================
call                             retry  why it is safe (or not)
===============================  =====  ==============================================
QIDO, WADO, GET workitem(s)      yes    GET has no effect
STOW-RS                          yes    same SOP Instance UIDs: storing an identical
                                        instance again is a success (minihub, Orthanc)
create workitem                  yes    the client chooses the workitem UID; a 409
                                        "already exists" after a retry is success when
                                        the stored workitem holds what we sent
update workitem                  yes    sets the same values again (N-SET semantics)
change state (claim, complete,   yes    same Transaction UID; a refusal after a retry
cancel)                                 is resolved by looking at the workitem: a claim
                                        is ours if an update with our Transaction UID
                                        is accepted, a completion/cancellation if the
                                        workitem is in the requested state
request cancellation             no     each request notifies the performer again
===============================  =====  ==============================================
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from ipaddress import ip_address
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import requests
from pydicom.uid import generate_uid

from app.hub import ups
from app.hub.errors import (
    AlreadyClaimed,
    Conflict,
    HubError,
    HubTimeout,
    HubUnreachable,
    MalformedAnswer,
    RequestRejected,
    ServerError,
)
from app.hub.protocol import Filters, JsonDataset
from app.hub.stow import StoreResult, batches, parse_store_response
from app.hub.transport import RetryPolicy, Transport, new_session
from protocol.multipart import MultipartError, MultipartReader, Part, boundary_of

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

log = logging.getLogger("app.hub")

__all__ = ["DICOM_JSON", "HttpHub", "HubError", "RetryPolicy", "encode_query"]

DICOM_JSON = "application/dicom+json"
DICOM = "application/dicom"
OCTET_STREAM = "application/octet-stream"

# Characters QIDO/UPS query values carry unencoded: Orthanc does not
# percent-decode them (`*` wildcards, `^` name separators), so they go raw.
# urllib3 escapes `^` again on its way out; app.hub.transport.HubAdapter
# (mounted by new_session / session_for) puts it back.
_RAW_QUERY_CHARS = "*^?,-:.@_"


def encode_query(params: Mapping[str, str | int]) -> str:
    """Build a query string leaving DICOM wildcard and separator characters raw."""
    parts = []
    for key, value in params.items():
        quoted = quote(str(value), safe=_RAW_QUERY_CHARS)
        parts.append(f"{quote(key, safe='')}={quoted}")
    return "&".join(parts)


def multipart_accept(part_type: str, transfer_syntax: str | None) -> str:
    """``multipart/related; type="…"; transfer-syntax=…`` (PS3.18 8.7.3.5.2)."""
    value = f'multipart/related; type="{part_type}"'
    if transfer_syntax:
        value += f"; transfer-syntax={transfer_syntax}"
    return value


EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1"
#: Lossless compressed transfer syntaxes asked for when compression is on, best
#: first: JPEG-LS lossless (fast to decode), JPEG 2000 lossless, HTJ2K lossless.
LOSSLESS_COMPRESSED = (
    "1.2.840.10008.1.2.4.80",
    "1.2.840.10008.1.2.4.90",
    "1.2.840.10008.1.2.4.201",
)
COMPRESSION_MODES = ("auto", "always", "never")


@cache
def decodable_lossless() -> tuple[str, ...]:
    """The syntaxes of :data:`LOSSLESS_COMPRESSED` that an installed decoder reads."""
    from pydicom.pixels import get_decoder

    found = []
    for uid in LOSSLESS_COMPRESSED:
        try:
            if get_decoder(uid).is_available:
                found.append(uid)
        except NotImplementedError:  # no decoder for this syntax in this pydicom
            continue
    return tuple(found)


def negotiated_accept(syntaxes: Sequence[str]) -> str:
    """The WADO-RS ``Accept`` asking for ``syntaxes`` first (PS3.18 8.7.3.5).

    One ``multipart/related; type="application/dicom"`` range per syntax,
    q-values descending in the order given, then ``transfer-syntax=*`` (as
    stored, q=0.5) and finally Explicit VR Little Endian (uncompressed, q=0.4)
    as fallbacks: an instance the hub cannot compress losslessly (one stored
    lossy, JPEG baseline…) comes as stored, not decompressed (bigger, and
    without the evidence of its lossy syntax).
    """
    ranges: list[tuple[str, float]] = [(uid, 1.0 - 0.1 * i) for i, uid in enumerate(syntaxes)]
    ranges += [("*", 0.5), (EXPLICIT_VR_LITTLE_ENDIAN, 0.4)]
    return ", ".join(f"{multipart_accept(DICOM, uid)}; q={q:.1f}" for uid, q in ranges)


#: Hubs (base URLs) that refused the negotiated ``Accept`` in this process.
_NEGOTIATION_REFUSED: set[str] = set()


def _negotiation_failed(status: int | None) -> bool:
    """Whether a hub's answer to a negotiated ``Accept`` means: ask more simply."""
    return status is not None and (status in (400, 406, 415) or 500 <= status <= 599)


def is_loopback(base_url: str) -> bool:
    """Whether the hub is on this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    host = (urlsplit(base_url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def wants_compression(mode: str, base_url: str) -> bool:
    """``mode`` (:data:`COMPRESSION_MODES`) for a hub at ``base_url``.

    ``auto`` (the default): compressed except for a hub on this machine
    (``localhost``, 127.0.0.0/8, ``::1``). Measured with ``python -m bench
    retrieve`` (512² CT, 2 cores): on loopback 200 slices arrive in 0.34 s
    uncompressed and in 1.2 s as JPEG-LS (decoding costs CPU in every image,
    moving 105 MB costs almost nothing); through a 20 Mbit/s line JPEG-LS lossless
    carries 0.30 of the bytes and the whole series arrives in 0.31 × the time
    the uncompressed bytes would take (``throttled_20mbit``). A hub on the
    LAN is "remote" here: set ``never`` in its profile when its link is fast
    and the workstation's CPU is the bottleneck.
    """
    if mode not in COMPRESSION_MODES:
        raise ValueError(f"unknown compression mode {mode!r}: use one of {COMPRESSION_MODES}")
    return mode == "always" or (mode == "auto" and not is_loopback(base_url))


def _uid(value: str, what: str) -> str:
    """Refuse anything but a DICOM UID in a URL path (no '/', '?', '..')."""
    if not value or len(value) > 64 or not all(c.isdigit() or c == "." for c in value):
        raise ValueError(f"not a valid {what} UID")
    return value


def _is_part10(body: bytes) -> bool:
    return len(body) >= 132 and body[128:132] == b"DICM"


class HttpHub:
    """DICOMweb + UPS-RS over HTTP(S), through an injected ``requests.Session``.

    ``retry`` sets the attempts and backoff (:class:`RetryPolicy`); ``sleep``
    is injectable so tests need not wait. ``chunk_size`` is the read size
    while streaming; STOW requests carry at most ``stow_batch_bytes`` /
    ``stow_batch_count`` instances each. ``clock`` gives the time written
    into the workitem when canceling (default: now, local time zone).

    ``compression`` (:data:`COMPRESSION_MODES`, default ``auto``: on except
    for a hub on this machine, see :func:`wants_compression`): retrievals
    asked "as stored" (``transfer_syntax="*"``) ask the hub first for the
    lossless compressed syntaxes a decoder here reads
    (:func:`negotiated_accept`). A hub answering that with 406 Not
    Acceptable is asked again for Explicit VR Little Endian, then as stored,
    and is not asked for compressed syntaxes again.
    """

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        chunk_size: int = 256 * 1024,
        stow_batch_bytes: int = 64 * 1024 * 1024,
        stow_batch_count: int = 500,
        clock: Callable[[], dt.datetime] | None = None,
        compression: str = "auto",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.compression = compression
        self.compressed = wants_compression(compression, self.base_url)
        self._negotiation_refused = False
        self.session = session if session is not None else new_session()
        self.timeout = (connect_timeout_s, read_timeout_s)
        self.chunk_size = chunk_size
        self.stow_batch_bytes = stow_batch_bytes
        self.stow_batch_count = stow_batch_count
        self.clock = clock or (lambda: dt.datetime.now().astimezone())
        self.transport = Transport(
            self.base_url,
            self.session,
            timeout=self.timeout,
            retry=retry or RetryPolicy(),
            sleep=sleep,
        )

    def server_time(self) -> float | None:
        return self.transport.last_server_time

    def close(self) -> None:
        """Close the pooled connections of the session."""
        self.session.close()

    def __enter__(self) -> HttpHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------

    def _get_json(self, path: str, what: str, query: str = "") -> Any:
        response = self.transport.request(
            "GET", path, what=what, idempotent=True, query=query, headers={"Accept": DICOM_JSON}
        )
        if response.status_code == 204 or not response.content.strip():
            return []
        try:
            return response.json()
        except ValueError as exc:
            raise MalformedAnswer(f"the hub sent a malformed JSON answer while {what}") from exc

    def _get_list(self, path: str, what: str, query: str = "") -> list[JsonDataset]:
        result = self._get_json(path, what, query)
        if not isinstance(result, list) or not all(isinstance(i, dict) for i in result):
            raise MalformedAnswer(f"the hub did not answer with a list of datasets while {what}")
        return result

    def _query(
        self,
        filters: Filters | None,
        includefield: Sequence[str],
        limit: int | None,
        offset: int | None,
        fuzzymatching: bool = False,
    ) -> str:
        params: dict[str, str | int] = dict(filters or {})
        if includefield:
            params["includefield"] = ",".join(includefield)
        if fuzzymatching:
            params["fuzzymatching"] = "true"
        if limit is not None:
            params["limit"] = limit
        if offset is not None:
            params["offset"] = offset
        return encode_query(params)

    def _iter_parts(self, path: str, accept: str, what: str) -> Iterator[Part]:
        """GET a multipart answer and parse it while it streams in."""
        response = self.transport.request(
            "GET", path, what=what, idempotent=True, headers={"Accept": accept}, stream=True
        )
        try:
            try:
                reader = MultipartReader(boundary_of(response.headers.get("Content-Type", "")))
                for chunk in response.iter_content(self.chunk_size):
                    yield from reader.feed(chunk)
                    if reader.closed:
                        break
                reader.finish()
            except MultipartError as exc:
                raise MalformedAnswer(
                    f"the hub sent a malformed answer while {what}: {exc}"
                ) from exc
            except requests.exceptions.RequestException as exc:
                got = f" after {reader.parts_read} part(s)" if reader.parts_read else ""
                error = HubTimeout if "timed out" in str(exc).lower() else HubUnreachable
                raise error(
                    f"the download from the hub at {self.base_url} broke{got} while {what}"
                ) from exc
        finally:
            response.close()

    def dicom_accepts(self, transfer_syntax: str | None) -> list[str]:
        """The ``Accept`` values to try in turn (the next one after a refusal).

        With compression, the negotiated ``Accept`` (:func:`negotiated_accept`),
        then uncompressed, then as stored. A hub that answers the negotiated
        ``Accept`` with 400, 406, 415 or 5xx is asked once more uncompressed,
        then as stored, and is remembered (for every client of that hub in
        this process): later requests ask as stored straight away.

        Orthanc (1.10, DICOMweb plugin) accepts the negotiated ``Accept`` (200)
        but does not transcode to the syntax asked for: it sends its stored
        syntax (Explicit VR Little Endian for an uncompressed STOW-RS), so the
        series crosses the wire uncompressed; a single JPEG 2000 range alone
        gets HTTP 500 from it, not 406.
        """
        plain = multipart_accept(DICOM, transfer_syntax)
        if (
            transfer_syntax != "*"
            or not self.compressed
            or self._negotiation_refused
            or self.base_url in _NEGOTIATION_REFUSED
        ):
            return [plain]
        syntaxes = decodable_lossless()
        if not syntaxes:
            return [plain]
        return [
            negotiated_accept(syntaxes),
            multipart_accept(DICOM, EXPLICIT_VR_LITTLE_ENDIAN),
            plain,
        ]

    def _iter_dicom(self, path: str, transfer_syntax: str | None, what: str) -> Iterator[bytes]:
        accepts = self.dicom_accepts(transfer_syntax)
        for number, accept in enumerate(accepts, start=1):
            parts = self._iter_parts(path, accept, what)
            try:
                first = next(parts, None)  # sends the request
            except (RequestRejected, ServerError) as exc:
                if not _negotiation_failed(exc.status) or number == len(accepts):
                    raise
                log.info(
                    "hub: %s: HTTP %s for Accept %d of %d, asking again",
                    what,
                    exc.status,
                    number,
                    len(accepts),
                )
                continue
            if number > 1:  # a simpler Accept worked: remembered for this hub
                self._negotiation_refused = True
                _NEGOTIATION_REFUSED.add(self.base_url)
            break
        if first is None:
            return
        for index, part in enumerate(itertools.chain([first], parts), start=1):
            ctype = part.content_type.split(";")[0].strip().lower()
            if (ctype and ctype != DICOM) or not _is_part10(part.body):
                raise MalformedAnswer(
                    f"part {index} of the answer is not a DICOM file "
                    f"({ctype or 'no content type'}) while {what}"
                )
            yield part.body

    # -- QIDO-RS ---------------------------------------------------------------

    def search_studies(
        self,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        query = self._query(filters, includefield, limit, offset, fuzzymatching)
        return self._get_list("/studies", "searching studies", query)

    def search_series(
        self,
        study_uid: str | None = None,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        path = f"/studies/{_uid(study_uid, 'study')}/series" if study_uid else "/series"
        query = self._query(filters, includefield, limit, offset, fuzzymatching)
        return self._get_list(path, "searching series", query)

    def search_instances(
        self,
        study_uid: str | None = None,
        series_uid: str | None = None,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        path = ""
        if study_uid:
            path = f"/studies/{_uid(study_uid, 'study')}"
            if series_uid:
                path += f"/series/{_uid(series_uid, 'series')}"
        elif series_uid:
            raise ValueError("a series search within a study needs the study UID")
        query = self._query(filters, includefield, limit, offset, fuzzymatching)
        return self._get_list(path + "/instances", "searching instances", query)

    # -- WADO-RS ---------------------------------------------------------------

    def retrieve_study_metadata(self, study_uid: str) -> list[JsonDataset]:
        path = f"/studies/{_uid(study_uid, 'study')}/metadata"
        return self._get_list(path, "retrieving study metadata")

    def retrieve_series_metadata(self, study_uid: str, series_uid: str) -> list[JsonDataset]:
        path = f"/studies/{_uid(study_uid, 'study')}/series/{_uid(series_uid, 'series')}/metadata"
        return self._get_list(path, "retrieving series metadata")

    def retrieve_instance_metadata(
        self, study_uid: str, series_uid: str, sop_instance_uid: str
    ) -> JsonDataset:
        path = self._instance_path(study_uid, series_uid, sop_instance_uid) + "/metadata"
        items = self._get_list(path, "retrieving instance metadata")
        if len(items) != 1:
            raise MalformedAnswer("the hub did not answer with one dataset for one instance")
        return items[0]

    @staticmethod
    def _instance_path(study_uid: str, series_uid: str, sop_instance_uid: str) -> str:
        return (
            f"/studies/{_uid(study_uid, 'study')}/series/{_uid(series_uid, 'series')}"
            f"/instances/{_uid(sop_instance_uid, 'SOP instance')}"
        )

    def retrieve_instance(
        self,
        study_uid: str,
        series_uid: str,
        sop_instance_uid: str,
        *,
        transfer_syntax: str | None = "*",
    ) -> bytes:
        what = "retrieving an instance"
        path = self._instance_path(study_uid, series_uid, sop_instance_uid)
        files = list(self._iter_dicom(path, transfer_syntax, what))
        if len(files) != 1:
            raise MalformedAnswer(f"the hub sent {len(files)} files for one instance while {what}")
        return files[0]

    def iter_series(
        self, study_uid: str, series_uid: str, *, transfer_syntax: str | None = "*"
    ) -> Iterator[bytes]:
        path = f"/studies/{_uid(study_uid, 'study')}/series/{_uid(series_uid, 'series')}"
        return self._iter_dicom(path, transfer_syntax, "retrieving a series")

    def iter_study(self, study_uid: str, *, transfer_syntax: str | None = "*") -> Iterator[bytes]:
        path = f"/studies/{_uid(study_uid, 'study')}"
        return self._iter_dicom(path, transfer_syntax, "retrieving a study")

    def retrieve_frames(
        self,
        study_uid: str,
        series_uid: str,
        sop_instance_uid: str,
        frame_numbers: Sequence[int],
        *,
        media_type: str = OCTET_STREAM,
        transfer_syntax: str | None = "*",
    ) -> list[bytes]:
        if not frame_numbers or any(int(n) < 1 for n in frame_numbers):
            raise ValueError("frame numbers start at 1")
        what = "retrieving frames"
        frames = ",".join(str(int(n)) for n in frame_numbers)
        path = self._instance_path(study_uid, series_uid, sop_instance_uid) + f"/frames/{frames}"
        accept = multipart_accept(media_type, transfer_syntax)
        bodies = [part.body for part in self._iter_parts(path, accept, what)]
        if len(bodies) != len(frame_numbers):
            raise MalformedAnswer(
                f"the hub sent {len(bodies)} frames for {len(frame_numbers)} asked while {what}"
            )
        return bodies

    def retrieve_bulkdata(
        self,
        uri: str,
        *,
        media_type: str = OCTET_STREAM,
        transfer_syntax: str | None = "*",
    ) -> bytes:
        what = "retrieving bulk data"
        if not uri.startswith(("http://", "https://")) and not uri.startswith("/"):
            uri = "/" + uri
        accept = multipart_accept(media_type, transfer_syntax)
        parts = list(self._iter_parts(uri, accept, what))
        if len(parts) != 1:
            raise MalformedAnswer(f"the hub sent {len(parts)} parts for one bulk data item")
        return parts[0].body

    # -- STOW-RS ---------------------------------------------------------------

    def store_instances(
        self,
        instances: Iterable[Dataset | bytes | Path | str],
        study_uid: str | None = None,
    ) -> StoreResult:
        what = "storing instances"
        path = f"/studies/{_uid(study_uid, 'study')}" if study_uid else "/studies"
        result = StoreResult()
        for batch in batches(
            instances, max_bytes=self.stow_batch_bytes, max_count=self.stow_batch_count
        ):
            response = self.transport.request(
                "POST",
                path,
                what=what,
                idempotent=True,  # same SOP Instance UIDs: see the module docstring
                headers={"Content-Type": batch.body.content_type, "Accept": DICOM_JSON},
                data=batch.body,
                accept_statuses=frozenset({409}),  # 409: all failed, the body says why
            )
            try:
                answer = response.json() if response.content.strip() else {}
                answered = parse_store_response(answer)
            except ValueError as exc:
                if response.status_code == 409:
                    raise self.transport.http_error(response, what) from exc
                raise MalformedAnswer(
                    f"the hub sent a malformed STOW-RS answer while {what}"
                ) from exc
            if response.status_code == 409 and not answered.failed:
                raise self.transport.http_error(response, what)
            answered.sent = list(batch.sop_instance_uids)
            result.merge(answered)
        return result

    # -- UPS-RS ----------------------------------------------------------------

    def search_workitems(
        self,
        filters: Mapping[str, str] | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[JsonDataset]:
        query = self._query(filters, includefield, limit, offset)
        return self._get_list("/workitems", "searching the worklist", query)

    def retrieve_workitem(self, workitem_uid: str) -> JsonDataset:
        what = "retrieving a request"
        result = self._get_json(f"/workitems/{_uid(workitem_uid, 'workitem')}", what)
        if isinstance(result, list) and len(result) == 1:
            result = result[0]
        if not isinstance(result, dict):
            raise MalformedAnswer(f"the hub sent an unexpected body while {what}")
        return result

    def _send_json(
        self,
        method: str,
        path: str,
        body: JsonDataset,
        *,
        what: str,
        idempotent: bool,
        query: str = "",
    ) -> requests.Response:
        response = self.transport.request(
            method,
            path,
            what=what,
            idempotent=idempotent,
            query=query,
            headers={"Content-Type": DICOM_JSON, "Accept": DICOM_JSON},
            data=json.dumps(body).encode("utf-8"),
        )
        response.close()
        return response

    def create_workitem(self, dataset_json: JsonDataset, workitem_uid: str | None = None) -> str:
        """Create a SCHEDULED workitem; returns its UID.

        The client chooses the UID (``workitem_uid``, else the dataset's
        (0008,0018), else a new one), so the request can be retried safely.
        It travels as the bare query ``?{uid}`` of PS3.18 11.4.1 *and* as
        (0008,0018) in the dataset (servers that read ``?workitem=`` only,
        such as dcm4chee-arc, then still get it); the UID in the answer's
        ``Location`` header, if any, is the one returned.
        """
        sent = str(ups.first_value(dataset_json, ups.SOP_INSTANCE_UID) or "")
        if workitem_uid and sent and workitem_uid != sent:
            raise ValueError("the workitem UID and the dataset's (0008,0018) differ")
        uid = _uid(workitem_uid or sent or generate_uid(), "workitem")
        body = {**dataset_json, ups.SOP_INSTANCE_UID: ups.element("UI", uid)}
        what = "creating a request"
        try:
            response = self._send_json(
                "POST", "/workitems", body, what=what, idempotent=True, query=uid
            )
        except Conflict as exc:
            if exc.attempts > 1 and ups.matches_sent(body, self.retrieve_workitem(uid)):
                return uid  # our first try landed; its answer was lost
            raise Conflict(
                f"a request with this workitem UID already exists on the hub while {what}",
                status=exc.status,
                warning=exc.warning,
                attempts=exc.attempts,
            ) from exc
        located = response.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
        if located and located != uid and all(c.isdigit() or c == "." for c in located):
            return located  # the hub chose its own UID
        return uid

    def update_workitem(
        self, workitem_uid: str, transaction_uid: str | None, dataset_json: JsonDataset
    ) -> None:
        path = f"/workitems/{_uid(workitem_uid, 'workitem')}"
        query = _uid(transaction_uid, "transaction") if transaction_uid else ""
        self._send_json(
            "POST", path, dataset_json, what="updating a request", idempotent=True, query=query
        )

    def change_state(self, workitem_uid: str, state: str, transaction_uid: str) -> None:
        path = f"/workitems/{_uid(workitem_uid, 'workitem')}/state"
        body = ups.change_state_body(state, _uid(transaction_uid, "transaction"))
        what = {
            ups.IN_PROGRESS: "claiming a request",
            ups.COMPLETED: "completing a request",
            ups.CANCELED: "canceling a request",
        }[state]
        self._send_json("PUT", path, body, what=what, idempotent=True)

    def claim(self, workitem_uid: str, transaction_uid: str | None = None) -> str:
        transaction_uid = transaction_uid or generate_uid()
        try:
            self.change_state(workitem_uid, ups.IN_PROGRESS, transaction_uid)
        except (Conflict, RequestRejected) as exc:
            if exc.status not in (400, 409):
                raise
            if exc.attempts > 1 and self._owns(workitem_uid, transaction_uid):
                return transaction_uid  # our first try landed; its answer was lost
            item = self.retrieve_workitem(workitem_uid)
            state = ups.state_of(item)
            if state == ups.IN_PROGRESS:
                raise AlreadyClaimed(
                    "someone else already claimed this request",
                    claimed_by=ups.performer_of(item),
                    status=exc.status,
                    warning=exc.warning,
                    attempts=exc.attempts,
                ) from exc
            if state in ups.FINAL_STATES:
                raise Conflict(
                    f"this request can no longer be claimed: it is {state}",
                    status=exc.status,
                    warning=exc.warning,
                    attempts=exc.attempts,
                ) from exc
            raise
        return transaction_uid

    def _owns(self, workitem_uid: str, transaction_uid: str) -> bool:
        """Whether ``transaction_uid`` holds the workitem: an empty update is accepted."""
        try:
            self.update_workitem(workitem_uid, transaction_uid, {})
        except (Conflict, RequestRejected):
            return False
        return True

    def _finish(self, workitem_uid: str, transaction_uid: str, state: str) -> None:
        try:
            self.change_state(workitem_uid, state, transaction_uid)
        except (Conflict, RequestRejected) as exc:
            if exc.attempts > 1 and ups.state_of(self.retrieve_workitem(workitem_uid)) == state:
                return  # our first try landed; its answer was lost
            raise

    def complete(
        self, workitem_uid: str, transaction_uid: str, *, update: JsonDataset | None = None
    ) -> None:
        if update:
            try:
                self.update_workitem(workitem_uid, transaction_uid, update)
            except (Conflict, RequestRejected):
                if ups.state_of(self.retrieve_workitem(workitem_uid)) == ups.COMPLETED:
                    return  # completed already (an earlier try of ours): nothing left to do
                raise
        self._finish(workitem_uid, transaction_uid, ups.COMPLETED)

    def cancel(self, workitem_uid: str, transaction_uid: str, reason: str) -> None:
        item = self.retrieve_workitem(workitem_uid)
        if ups.state_of(item) == ups.CANCELED:
            return  # canceled already (an earlier try of ours): nothing left to do
        update = ups.cancellation_update(item, reason, self.clock())
        self.update_workitem(workitem_uid, transaction_uid, update)
        self._finish(workitem_uid, transaction_uid, ups.CANCELED)

    def request_cancellation(
        self, workitem_uid: str, reason: str = "", *, contact_name: str = "", contact_uri: str = ""
    ) -> None:
        path = f"/workitems/{_uid(workitem_uid, 'workitem')}/cancelrequest"
        body = ups.cancel_request_body(reason, contact_name=contact_name, contact_uri=contact_uri)
        self._send_json("POST", path, body, what="asking to cancel a request", idempotent=False)
