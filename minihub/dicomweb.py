"""DICOMweb routes: STOW-RS, QIDO-RS and WADO-RS (PS3.18 10.4-10.6).

Mounted under ``/dicom-web``. Behaviours chosen where the standard leaves room:

* STOW-RS stores nothing until the whole request body has arrived: a body cut
  short (client gone, malformed multipart) stores no instance at all. Then
  each part is stored on its own: 200 when all were stored, 202 when some
  failed, 409 when all failed (PS3.18 10.5.3). Failure Reasons (0008,1197):
  0xC000 part is not a DICOM Part 10 instance (or has another media type),
  or is damaged: cut short, or Pixel Data shorter than its image needs or not
  a whole encapsulated structure (:mod:`protocol.integrity`), or compressed
  Pixel Data that does not decode (:func:`minihub.instances.pixels_decode`;
  both checked before anything is stored, so a later whole copy is stored
  normally); the
  response's ``Warning`` header then says why, part by part,
  0xA900 Study Instance UID differs from the one in the path, 0x0111 an
  instance with that SOP Instance UID but *different* content is already
  stored (the stored copy is kept), 0xA700 out of resources (disk); a
  Series Instance UID already stored under another study is 0xC000 too.
  Re-sending an identical instance (same data set, the meta header may
  differ) is a success, listed in (0008,1199) without a Warning Reason:
  retries are idempotent. A body over :data:`MAX_STOW_BYTES` (4 GiB) is 413,
  up front when its ``Content-Length`` says so. Each part's temp file is
  closed (fsynced) at the end of its part: one open file at a time.
* QIDO-RS answers ``200 []`` when nothing matches; 404 when the study or
  series named in the path does not exist.
* WADO-RS streams; see :mod:`minihub.wado` for transfer syntax negotiation.
  Bulk data: ``.../instances/{i}/bulkdata/{tag}`` for top-level bulk
  elements; for Pixel Data it returns one ``application/octet-stream`` part
  with all frames (native), or one part per compressed frame when the client
  accepts the stored compressed syntax (``transfer-syntax=*``).
* With ``--users``, an ``ed`` user sees and stores only its site's studies
  (another site's study is 404; a part for it fails with 0xC000); see
  :class:`minihub.auth.StudySites` and docs/minihub.md ("Authorisation").
"""

from __future__ import annotations

import gzip
import itertools
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from minihub import wado
from minihub.auth import StudySites, scoped_site, site_key
from minihub.instances import PIXEL_DATA, NotAnInstance, read_instance, with_bulkdata_uris
from minihub.qido import BadQuery, Level, Search, parse_query
from minihub.responses import HubError, dicom_json, log, warning
from minihub.storage import Archive, StoredInstance, StoreOutcome
from minihub.transcode import DEFAULT_CACHE_BYTES, TranscodeCache
from protocol.multipart import (
    MultipartError,
    MultipartParser,
    PartData,
    PartEnd,
    PartStart,
    new_boundary,
    parse_media_type,
    split_media_ranges,
    write_parts,
)
from protocol.uids import is_uid

DICOM = "application/dicom"
FAILURE_CANNOT_UNDERSTAND = 0xC000
FAILURE_STUDY_MISMATCH = 0xA900
FAILURE_DUPLICATE = 0x0111
FAILURE_OUT_OF_RESOURCES = 0xA700


def base_url(request: Request) -> str:
    """The service root as the client reached it, e.g. ``http://h:p/dicom-web``."""
    scope = dict(request.scope)
    scope["path"] = scope.get("root_path", "")  # the mount point, /dicom-web
    scope["query_string"] = b""
    return str(URL(scope=scope)).rstrip("/")


def require_uid(value: str, what: str) -> str:
    if not is_uid(value):
        raise HubError(400, f"invalid {what} UID")
    return value


#: Largest STOW-RS request body (``Content-Length`` or bytes streamed): 413 beyond.
MAX_STOW_BYTES = 4 * 1024**3
#: Parts in one STOW-RS request (each costs a temporary file until the body has arrived).
MAX_STOW_PARTS = 10_000


@dataclass
class _Upload:
    """One received part: its temp file (closed once the part has ended)."""

    path: Path
    stream: BinaryIO | None
    refused: bool = False
    write_failed: bool = False  # writing, fsync or close failed: 0xA700


def _finish_upload(upload: _Upload) -> None:
    """Flush, fsync and close a part's temp file, so one file is open at a time."""
    stream = upload.stream
    if stream is None:
        return
    upload.stream = None
    try:
        stream.flush()
        os.fsync(stream.fileno())
    except OSError:
        upload.write_failed = True
    finally:
        try:
            stream.close()
        except OSError:
            upload.write_failed = True


@dataclass
class _StowResult:
    referenced: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    studies: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)  # why parts failed, for the Warning


class DicomWeb:
    """The DICOMweb resources of one archive."""

    def __init__(
        self, archive: Archive, *, transcode_cache_bytes: int = DEFAULT_CACHE_BYTES
    ) -> None:
        self.archive = archive
        self.transcoded = TranscodeCache(archive.root / "transcoded", transcode_cache_bytes)
        self.sites = StudySites(archive.db)  # authorisation: which ED site owns a study

    def routes(self) -> list[Route]:
        study = "/studies/{study}"
        series = study + "/series/{series}"
        instance = series + "/instances/{instance}"
        return [
            Route("/studies", self.search_studies, methods=["GET"]),
            Route("/studies", self.store, methods=["POST"]),
            Route("/series", self.search_series, methods=["GET"]),
            Route("/instances", self.search_instances, methods=["GET"]),
            Route(study, self.retrieve, methods=["GET"]),
            Route(study, self.store, methods=["POST"]),
            Route(study + "/metadata", self.metadata, methods=["GET"]),
            Route(study + "/series", self.search_series, methods=["GET"]),
            Route(study + "/instances", self.search_instances, methods=["GET"]),
            Route(series, self.retrieve, methods=["GET"]),
            Route(series + "/metadata", self.metadata, methods=["GET"]),
            Route(series + "/instances", self.search_instances, methods=["GET"]),
            Route(instance, self.retrieve, methods=["GET"]),
            Route(instance + "/metadata", self.metadata, methods=["GET"]),
            Route(instance + "/frames/{frames}", self.frames, methods=["GET"]),
            Route(instance + "/bulkdata/{tag}", self.bulkdata, methods=["GET"]),
        ]

    # --- STOW-RS -----------------------------------------------------------

    async def store(self, request: Request) -> Response:
        site = scoped_site(request)  # an ED user stores into its own site's studies only
        study = request.path_params.get("study")
        if study is not None:
            require_uid(study, "study")
        media_type, params = parse_media_type(request.headers.get("content-type", ""))
        if media_type != "multipart/related":
            raise HubError(415, 'STOW-RS expects multipart/related; type="application/dicom"')
        if params.get("type", DICOM).lower() != DICOM:
            raise HubError(415, "only application/dicom parts are supported")
        boundary = params.get("boundary")
        if not boundary:
            raise HubError(400, "multipart/related without boundary")
        declared = request.headers.get("content-length", "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_STOW_BYTES:
            raise HubError(413, f"STOW-RS requests are limited to {MAX_STOW_BYTES} bytes")
        with ExitStack() as cleanup:
            try:
                uploads = await self._receive(request, boundary, cleanup)
            except MultipartError as exc:
                raise HubError(400, str(exc)) from None
            except ClientDisconnect:
                log.info("STOW-RS upload interrupted by the client; nothing stored")
                return Response(status_code=400)
            result = await run_in_threadpool(self._store_all, uploads, study, site)
        return self._stow_response(request, result, study)

    async def _receive(self, request: Request, boundary: str, cleanup: ExitStack) -> list[_Upload]:
        """Write each part to its own temp file, closed (fsynced) at the part's end.

        Only the paths are kept: a request of thousands of parts holds one
        open file at a time. ``cleanup`` removes every temp file afterwards.
        """
        reader = MultipartParser(boundary)
        uploads: list[_Upload] = []
        current: _Upload | None = None
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > MAX_STOW_BYTES:
                raise HubError(413, f"STOW-RS requests are limited to {MAX_STOW_BYTES} bytes")
            for event in reader.feed(chunk):
                if isinstance(event, PartStart):
                    if len(uploads) >= MAX_STOW_PARTS:
                        raise HubError(
                            413, f"STOW-RS requests are limited to {MAX_STOW_PARTS} instances"
                        )
                    if current is not None:  # defensive: a part without its end
                        await run_in_threadpool(_finish_upload, current)
                    path, stream = cleanup.enter_context(self.archive.temp_file())
                    current = _Upload(path, stream)
                    part_type, _ = parse_media_type(event.headers.get("content-type", DICOM))
                    current.refused = part_type != DICOM
                    uploads.append(current)
                elif isinstance(event, PartData) and current and current.stream:
                    if not current.refused and not current.write_failed:
                        try:
                            current.stream.write(event.data)
                        except OSError:
                            current.write_failed = True
                elif isinstance(event, PartEnd) and current:
                    await run_in_threadpool(_finish_upload, current)
                    current = None
        reader.finish()
        if current is not None:
            await run_in_threadpool(_finish_upload, current)
        return uploads

    def _store_all(
        self, uploads: list[_Upload], study: str | None, site: str | None = None
    ) -> _StowResult:
        result = _StowResult()
        for upload in uploads:
            _finish_upload(upload)  # already closed at its PartEnd; kept for safety
            if upload.write_failed:
                result.failed.append(_failed(FAILURE_OUT_OF_RESOURCES))
                continue
            if upload.refused:
                result.failed.append(_failed(FAILURE_CANNOT_UNDERSTAND))
                continue
            try:
                parsed = read_instance(upload.path)
            except NotAnInstance as exc:
                log.info("STOW-RS part refused: %s", exc)
                part = len(result.failed) + len(result.referenced) + 1
                result.reasons.append(f"part {part}: {exc}")
                result.failed.append(
                    _failed(FAILURE_CANNOT_UNDERSTAND, exc.sop_class_uid, exc.sop_uid)
                )
                continue
            if study is not None and parsed.study_uid != study:
                result.failed.append(
                    _failed(FAILURE_STUDY_MISMATCH, parsed.sop_class_uid, parsed.sop_uid)
                )
                continue
            if not self.sites.claim(parsed.study_uid, site):
                log.info("STOW-RS part refused: the study is not this ED site's")
                part = len(result.failed) + len(result.referenced) + 1
                result.reasons.append(f"part {part}: this user may not add to that study")
                result.failed.append(
                    _failed(FAILURE_CANNOT_UNDERSTAND, parsed.sop_class_uid, parsed.sop_uid)
                )
                continue
            try:
                outcome = self.archive.store(upload.path, parsed)
            except OSError:
                log.exception("STOW-RS: storing an instance failed")
                outcome = None
            if outcome in (None, StoreOutcome.CONFLICT, StoreOutcome.SERIES_IN_OTHER_STUDY):
                self.sites.release_if_unstored(parsed.study_uid)
            if outcome is None:
                result.failed.append(
                    _failed(FAILURE_OUT_OF_RESOURCES, parsed.sop_class_uid, parsed.sop_uid)
                )
            elif outcome is StoreOutcome.CONFLICT:
                result.failed.append(
                    _failed(FAILURE_DUPLICATE, parsed.sop_class_uid, parsed.sop_uid)
                )
            elif outcome is StoreOutcome.SERIES_IN_OTHER_STUDY:
                result.failed.append(
                    _failed(FAILURE_CANNOT_UNDERSTAND, parsed.sop_class_uid, parsed.sop_uid)
                )
            else:
                result.referenced.append(
                    {
                        "study": parsed.study_uid,
                        "series": parsed.series_uid,
                        "sop_class": parsed.sop_class_uid,
                        "sop": parsed.sop_uid,
                    }
                )
                result.studies.add(parsed.study_uid)
        return result

    def _stow_response(self, request: Request, result: _StowResult, study: str | None) -> Response:
        root = base_url(request)
        body: dict[str, Any] = {}
        studies = {study} if study else result.studies
        if len(studies) == 1:
            body["00081190"] = {"vr": "UR", "Value": [f"{root}/studies/{next(iter(studies))}"]}
        if result.referenced:
            items = []
            for ref in result.referenced:
                url = f"{root}/studies/{ref['study']}/series/{ref['series']}/instances/{ref['sop']}"
                items.append(
                    {
                        "00081150": {"vr": "UI", "Value": [ref["sop_class"]]},
                        "00081155": {"vr": "UI", "Value": [ref["sop"]]},
                        "00081190": {"vr": "UR", "Value": [url]},
                    }
                )
            body["00081199"] = {"vr": "SQ", "Value": items}
        if result.failed:
            body["00081198"] = {"vr": "SQ", "Value": result.failed}
        if not result.failed:
            status = 200
        elif result.referenced:
            status = 202
        else:
            status = 409
        headers = {"Warning": warning("; ".join(result.reasons))} if result.reasons else None
        return dicom_json(body, status, headers)

    # --- QIDO-RS -----------------------------------------------------------

    async def search_studies(self, request: Request) -> Response:
        return await self._search(request, Level.STUDY)

    async def search_series(self, request: Request) -> Response:
        return await self._search(request, Level.SERIES)

    async def search_instances(self, request: Request) -> Response:
        return await self._search(request, Level.INSTANCE)

    async def _search(self, request: Request, level: Level) -> Response:
        require_json_accept(request)
        study = request.path_params.get("study")
        series = request.path_params.get("series")
        try:
            query = parse_query(list(request.query_params.multi_items()))
        except BadQuery as exc:
            raise HubError(400, str(exc)) from None

        site = scoped_site(request)

        def run() -> list[dict[str, Any]]:
            if study is not None and not (
                self.archive.study_exists(study) and self.sites.visible(study, site)
            ):
                raise HubError(404, "no such study")
            if series is not None and not self.archive.series_exists(study or "", series):
                raise HubError(404, "no such series")
            search = Search(self.archive.db, base_url(request))
            scope = None if site is None else site_key(site)
            return search.run(level, query, study_uid=study, series_uid=series, site=scope)

        try:
            results = await run_in_threadpool(run)
        except BadQuery as exc:
            raise HubError(400, str(exc)) from None
        return dicom_json(results)

    # --- WADO-RS -----------------------------------------------------------

    def _instances(self, request: Request) -> list[StoredInstance]:
        params = request.path_params
        study = require_uid(params["study"], "study")
        series = params.get("series")
        sop = params.get("instance")
        if series is not None:
            require_uid(series, "series")
        if sop is not None:
            require_uid(sop, "SOP instance")
        if not self.sites.visible(study, scoped_site(request)):
            raise HubError(404, "no such study")  # another site's study: do not leak it
        instances = self.archive.instances(study, series, sop)
        if not instances:
            what = "instance" if sop else "series" if series else "study"
            raise HubError(404, f"no such {what}")
        return instances

    async def retrieve(self, request: Request) -> Response:
        try:
            syntaxes = wado.instance_syntaxes(request.headers.get("accept"))
            instances = await run_in_threadpool(self._instances, request)
            choices = [wado.choose_for_instance(inst, syntaxes) for inst in instances]
        except wado.NotAcceptable as exc:
            raise HubError(406, str(exc)) from None
        try:  # the first part before the response starts: a failure is a status
            first = await run_in_threadpool(
                wado.instance_part, instances[0], choices[0], self.transcoded
            )
        except OSError as exc:
            log.error("WADO-RS: a stored instance cannot be read (%s)", type(exc).__name__)
            raise HubError(500, "a stored instance cannot be read") from None
        except Exception as exc:  # undecodable stored pixel data (legacy)
            log.info("WADO-RS: an instance cannot be transcoded (%s)", type(exc).__name__)
            raise HubError(406, _UNDECODABLE) from None

        def parts() -> Iterator[wado.Part]:
            yield first
            for inst, choice in zip(instances[1:], choices[1:], strict=True):
                yield wado.instance_part(inst, choice, self.transcoded)

        boundary = new_boundary()
        return StreamingResponse(
            wado.until_failure(write_parts(boundary, parts())),
            media_type=f'multipart/related; type="{DICOM}"; boundary={boundary}',
        )

    async def metadata(self, request: Request) -> Response:
        require_json_accept(request)
        instances = await run_in_threadpool(self._instances, request)
        root = base_url(request)
        accept_encoding = request.headers.get("accept-encoding", "")

        def build() -> Response:  # JSON joining and gzip are CPU work: off the event loop
            items = []
            for inst in instances:
                series = f"{root}/studies/{inst.study_uid}/series/{inst.series_uid}"
                url = f"{series}/instances/{inst.sop_uid}"
                items.append(with_bulkdata_uris(inst.metadata, url))
            body = ("[" + ",".join(items) + "]").encode("utf-8")
            return metadata_response(body, accept_encoding)

        return await run_in_threadpool(build)

    async def frames(self, request: Request) -> Response:
        (instance,) = await run_in_threadpool(self._instances, request)
        try:
            numbers = wado.parse_frame_list(request.path_params["frames"], instance.frames)
            if '"7FE00010":' not in instance.metadata:
                raise wado.BadFrames("the instance has no Pixel Data")
            choice = wado.choose_for_frames(instance, request.headers.get("accept"))
        except wado.BadFrames as exc:
            raise HubError(400, str(exc)) from None
        except wado.NotAcceptable as exc:
            raise HubError(406, str(exc)) from None
        headers = {"Content-Type": f"{choice.media_type}; transfer-syntax={choice.transfer_syntax}"}
        first = await _first_frame(instance, numbers[0], choice)

        def parts() -> Iterator[wado.Part]:
            yield headers, iter([first])
            for number in numbers[1:]:
                yield headers, iter([wado.frame_bytes(instance, number, choice)])

        boundary = new_boundary()
        return StreamingResponse(
            wado.until_failure(write_parts(boundary, parts())),
            media_type=f'multipart/related; type="{choice.media_type}"; boundary={boundary}',
        )

    async def bulkdata(self, request: Request) -> Response:
        (instance,) = await run_in_threadpool(self._instances, request)
        tag_text = request.path_params["tag"]
        placeholder = f'"BulkDataURI":"minihub-bulk:{tag_text.upper()}"'
        if len(tag_text) != 8 or placeholder not in instance.metadata:
            raise HubError(404, "no such bulk data element")
        tag = int(tag_text, 16)
        boundary = new_boundary()
        octet = {"Content-Type": wado.OCTET}
        if tag != PIXEL_DATA:
            value = await run_in_threadpool(wado.element_bytes, instance, tag)
            if value is None:
                raise HubError(404, "no such bulk data element")
            body = write_parts(boundary, [(octet, [value])])
            return StreamingResponse(
                body, media_type=f'multipart/related; type="{wado.OCTET}"; boundary={boundary}'
            )
        try:
            choice = wado.choose_for_frames(instance, request.headers.get("accept"))
        except wado.NotAcceptable as exc:
            raise HubError(406, str(exc)) from None
        # The first frame is produced before the response starts: a failure is a status.
        first = await _first_frame(instance, 1, choice)
        rest = (wado.frame_bytes(instance, n, choice) for n in range(2, instance.frames + 1))
        if choice.media_type == wado.OCTET and instance.transfer_syntax in wado.UNCOMPRESSED:
            parts: Any = [(octet, wado.pixel_bytes(instance, choice))]
        elif choice.media_type == wado.OCTET and choice.transcode:
            parts = [(octet, itertools.chain([first], rest))]
        else:
            headers = {
                "Content-Type": f"{choice.media_type}; transfer-syntax={choice.transfer_syntax}"
            }
            parts = ((headers, iter([frame])) for frame in itertools.chain([first], rest))
        return StreamingResponse(
            wado.until_failure(write_parts(boundary, parts)),
            media_type=f'multipart/related; type="{choice.media_type}"; boundary={boundary}',
        )


async def _first_frame(instance: StoredInstance, number: int, choice: wado.Choice) -> bytes:
    """One frame, produced before a response starts (a failure is a status, never a cut 200)."""
    try:
        return await run_in_threadpool(wado.frame_bytes, instance, number, choice)
    except OSError as exc:
        log.error("WADO-RS: a stored instance cannot be read (%s)", type(exc).__name__)
        raise HubError(500, "a stored instance cannot be read") from None
    except Exception as exc:  # undecodable stored pixel data (legacy)
        log.info("WADO-RS: a frame cannot be decoded (%s)", type(exc).__name__)
        raise HubError(406, _UNDECODABLE) from None


_UNDECODABLE = (
    'the stored pixel data cannot be decoded; ask for the stored form (transfer-syntax="*")'
)


def _failed(reason: int, sop_class: str = "", sop: str = "") -> dict[str, Any]:
    item: dict[str, Any] = {"00081197": {"vr": "US", "Value": [reason]}}
    item["00081150"] = {"vr": "UI", "Value": [sop_class]} if sop_class else {"vr": "UI"}
    item["00081155"] = {"vr": "UI", "Value": [sop]} if sop else {"vr": "UI"}
    return dict(sorted(item.items()))


def require_json_accept(request: Request) -> None:
    accept = request.headers.get("accept")
    if not accept:
        return
    for media_type, _ in split_media_ranges(accept):
        if media_type in ("application/dicom+json", "application/json", "*/*", "application/*"):
            return
    raise HubError(406, "only application/dicom+json is offered")


# Metadata is large and compresses ~10x (a 500-slice CT's is ~1.8 MB, 0.7 s on a 20 Mbit/s
# line): gzip it for a client that accepts it. Pixel data is not gzipped (the client asks
# for lossless image compression instead, and gzip would only cost CPU on loopback).
GZIP_MIN_BYTES = 4096


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110 12.5.3: ``gzip;q=0`` refuses)."""
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip"):
            continue
        q = params.strip().lower()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def metadata_response(body: bytes, accept_encoding: str) -> Response:
    """The metadata JSON, gzipped when the client accepts it and it is worth it."""
    if len(body) >= GZIP_MIN_BYTES and accepts_gzip(accept_encoding):
        return Response(
            gzip.compress(body, compresslevel=1),
            media_type="application/dicom+json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(body, media_type="application/dicom+json", headers={"Vary": "Accept-Encoding"})
