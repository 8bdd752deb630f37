"""STOW-RS (PS3.18 10.5): what to send, in batches, and what the hub said.

Pure functions: :func:`batches` groups instances (pydicom datasets, Part 10
bytes or file paths) into request bodies of bounded size, streamed from
disk; :func:`parse_store_response` reads the Store Instances Response Module
(PS3.18 Table 10.5.3-2) into a :class:`StoreResult`.

:func:`for_upload` compresses an instance losslessly before it is sent (the
ED's uplink is often the slowest link): JPEG-LS lossless by default
(:data:`UPLOAD_SYNTAX`), checked pixel-identical by
:func:`protocol.lossless.compress_lossless`, same SOP Instance UID; the file
on disk is never changed. An instance that cannot be compressed (already
lossy, no integer pixels, an encoder failure) is sent as it is, with a logged
note.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.filereader import dcmread
from pydicom.filewriter import dcmwrite

from protocol.lossless import JPEG_LS_LOSSLESS, NotCompressible, compress_lossless
from protocol.multipart import MultipartBody

DICOM = "application/dicom"
#: The transfer syntax the ED compresses to before STOW-RS, unless told otherwise.
UPLOAD_SYNTAX = JPEG_LS_LOSSLESS
#: (0008,1197) "transfer syntax not supported": the hub does not take that compression.
SYNTAX_NOT_SUPPORTED = 0xC122
log = logging.getLogger("app.hub.stow")

#: (0008,1197) Failure Reason values (PS3.18 Table 10.5.3-3, PS3.4 Annex B/C).
FAILURE_REASONS = {
    0x0110: "processing failure",
    0x0122: "SOP Class not supported",
    0x0124: "not authorized",
    0x0210: "duplicate invocation",
    0x0211: "unrecognized operation",
    0x0212: "mistyped argument",
    0xA700: "out of resources on the hub",
    0xA770: "out of resources on the hub",
    0xA900: "the dataset does not match its SOP Class",
    0xB000: "coercion of data elements",
    0xB006: "elements discarded",
    0xB007: "the dataset does not match its SOP Class",
    0xC000: "the hub cannot understand the instance",
    0xC122: "transfer syntax not supported",
}

Instance = Dataset | bytes | bytearray | Path | str


@dataclass(frozen=True)
class StoredInstance:
    """One instance the hub stored: (0008,1199) Referenced SOP Sequence item."""

    sop_class_uid: str
    sop_instance_uid: str
    retrieve_url: str = ""
    warning: int | None = None  # (0008,1196) Warning Reason


@dataclass(frozen=True)
class FailedInstance:
    """One instance the hub refused: (0008,1198) Failed SOP Sequence item."""

    sop_class_uid: str
    sop_instance_uid: str
    reason_code: int | None  # (0008,1197) Failure Reason
    reason: str


@dataclass
class StoreResult:
    """The hub's answer to one or more STOW-RS requests, merged.

    ``sent`` lists the SOP Instance UIDs sent ('' for a part that could not
    be read before sending). An instance the hub neither references nor
    lists as failed is *unacknowledged*: not known to be stored (Orthanc,
    for one, answers 200 with both sequences empty for a part it cannot
    parse). ``ok`` requires every instance sent to be acknowledged as stored.
    """

    stored: list[StoredInstance] = field(default_factory=list)
    failed: list[FailedInstance] = field(default_factory=list)
    retrieve_url: str = ""  # (0008,1190) Retrieve URL of the study
    requests: int = 0
    sent: list[str] = field(default_factory=list)

    @property
    def stored_uids(self) -> set[str]:
        return {s.sop_instance_uid for s in self.stored}

    @property
    def unacknowledged(self) -> int:
        """How many instances sent the hub said nothing about."""
        known = self.stored_uids | {f.sop_instance_uid for f in self.failed}
        named = sum(1 for uid in self.sent if uid and uid not in known)
        unnamed = self.sent.count("")
        answered_unnamed = max(0, len(self.stored) + len(self.failed) - (len(self.sent) - unnamed))
        return named + max(0, unnamed - answered_unnamed)

    @property
    def ok(self) -> bool:
        """True when every instance sent is acknowledged as stored."""
        return not self.failed and self.unacknowledged == 0

    def merge(self, other: StoreResult) -> None:
        self.stored.extend(other.stored)
        self.failed.extend(other.failed)
        self.retrieve_url = self.retrieve_url or other.retrieve_url
        self.requests += other.requests
        self.sent.extend(other.sent)

    def summary(self) -> str:
        """'12 stored, 1 refused (SOP Class not supported)' — no patient data."""
        text = f"{len(self.stored)} stored"
        if self.failed:
            reasons = sorted({f.reason for f in self.failed})
            text += f", {len(self.failed)} refused ({'; '.join(reasons)})"
        if self.unacknowledged:
            text += f", {self.unacknowledged} not acknowledged by the hub"
        return text


def dataset_bytes(ds: Dataset) -> bytes:
    """A pydicom dataset as a Part 10 file (preamble, File Meta, dataset)."""
    buffer = io.BytesIO()
    dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def for_upload(path: Path, transfer_syntax: str | None = UPLOAD_SYNTAX) -> bytes | Path:
    """``path`` compressed losslessly in ``transfer_syntax`` (None: as it is), else ``path``.

    Already in that syntax, or not compressible (no integer Pixel Data, lossy,
    32-bit, an encoder error or a result that would not decode to the same
    pixels): the file itself, with a logged note (no patient data).
    """
    if transfer_syntax is None:
        return path
    try:
        header = dcmread(path, stop_before_pixels=True, specific_tags=["TransferSyntaxUID"])
        if str(header.file_meta.get("TransferSyntaxUID", "")) == transfer_syntax:
            return path
        return compress_lossless(path, transfer_syntax)
    except NotCompressible as exc:
        log.info("STOW-RS: an instance is sent uncompressed: %s", exc)
    except (InvalidDicomError, ValueError, EOFError, OSError) as exc:
        log.info("STOW-RS: an instance is sent as it is (%s)", type(exc).__name__)
    return path


def _source(instance: Instance) -> tuple[bytes | Path, int, str]:
    """What to send, its size, and its SOP Instance UID ('' if unreadable)."""
    if isinstance(instance, Dataset):
        data = dataset_bytes(instance)
        return data, len(data), str(instance.get("SOPInstanceUID", ""))
    if isinstance(instance, bytes | bytearray):
        data = bytes(instance)
        return data, len(data), _sop_uid(io.BytesIO(data))
    path = Path(instance)
    return path, path.stat().st_size, _sop_uid(path)


def _sop_uid(source: Path | io.BytesIO) -> str:
    try:
        ds = dcmread(source, stop_before_pixels=True, specific_tags=["SOPInstanceUID"])
    except (InvalidDicomError, ValueError, EOFError, OSError):
        return ""
    return str(ds.get("SOPInstanceUID", ""))


@dataclass
class Batch:
    """One STOW-RS request: its body, and the SOP Instance UIDs in it."""

    body: MultipartBody
    sop_instance_uids: list[str]


def batches(instances: Iterable[Instance], *, max_bytes: int, max_count: int) -> Iterator[Batch]:
    """Group instances into STOW bodies of at most ``max_bytes``/``max_count``.

    A single instance larger than ``max_bytes`` goes alone in its batch.
    Datasets are serialised one batch at a time; files stay on disk until sent
    (only their header is read here, for the SOP Instance UID).
    """
    current: list[bytes | Path] = []
    uids: list[str] = []
    size = 0
    for instance in instances:
        source, length, uid = _source(instance)
        if current and (size + length > max_bytes or len(current) >= max_count):
            yield Batch(MultipartBody(current, part_type=DICOM), uids)
            current, uids, size = [], [], 0
        current.append(source)
        uids.append(uid)
        size += length
    if current:
        yield Batch(MultipartBody(current, part_type=DICOM), uids)


def _first(element: Mapping[str, Any] | None) -> Any:
    if not element:
        return None
    values = element.get("Value") or []
    return values[0] if values else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_store_response(body: Any) -> StoreResult:
    """Read a Store Instances Response (DICOM JSON, PS3.18 10.5.3.2).

    Raises ValueError when ``body`` is not a DICOM JSON dataset.
    """
    if isinstance(body, list) and len(body) == 1:
        body = body[0]
    if not isinstance(body, dict):
        raise ValueError("the STOW-RS answer is not a DICOM JSON dataset")
    result = StoreResult(retrieve_url=str(_first(body.get("00081190")) or ""), requests=1)
    for item in (body.get("00081199") or {}).get("Value") or []:
        result.stored.append(
            StoredInstance(
                sop_class_uid=str(_first(item.get("00081150")) or ""),
                sop_instance_uid=str(_first(item.get("00081155")) or ""),
                retrieve_url=str(_first(item.get("00081190")) or ""),
                warning=_int(_first(item.get("00081196"))),
            )
        )
    for item in (body.get("00081198") or {}).get("Value") or []:
        code = _int(_first(item.get("00081197")))
        reason = FAILURE_REASONS.get(code, "refused") if code is not None else "refused"
        if code is not None:
            reason += f" (0x{code:04X})"
        result.failed.append(
            FailedInstance(
                sop_class_uid=str(_first(item.get("00081150")) or ""),
                sop_instance_uid=str(_first(item.get("00081155")) or ""),
                reason_code=code,
                reason=reason,
            )
        )
    return result
