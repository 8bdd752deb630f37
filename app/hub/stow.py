"""STOW-RS (PS3.18 10.5): what to send, in batches, and what the hub said.

Pure functions: :func:`batches` groups instances (pydicom datasets, Part 10
bytes or file paths) into request bodies of bounded size, streamed from
disk; :func:`parse_store_response` reads the Store Instances Response Module
(PS3.18 Table 10.5.3-2) into a :class:`StoreResult`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from pydicom.filewriter import dcmwrite

from app.hub.multipart import MultipartBody

DICOM = "application/dicom"

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
    """The hub's answer to one or more STOW-RS requests, merged."""

    stored: list[StoredInstance] = field(default_factory=list)
    failed: list[FailedInstance] = field(default_factory=list)
    retrieve_url: str = ""  # (0008,1190) Retrieve URL of the study
    requests: int = 0

    @property
    def ok(self) -> bool:
        """True when the hub refused nothing."""
        return not self.failed

    @property
    def stored_uids(self) -> set[str]:
        return {s.sop_instance_uid for s in self.stored}

    def merge(self, other: StoreResult) -> None:
        self.stored.extend(other.stored)
        self.failed.extend(other.failed)
        self.retrieve_url = self.retrieve_url or other.retrieve_url
        self.requests += other.requests

    def summary(self) -> str:
        """'12 stored, 1 refused (SOP Class not supported)' — no patient data."""
        text = f"{len(self.stored)} stored"
        if self.failed:
            reasons = sorted({f.reason for f in self.failed})
            text += f", {len(self.failed)} refused ({'; '.join(reasons)})"
        return text


def dataset_bytes(ds: Dataset) -> bytes:
    """A pydicom dataset as a Part 10 file (preamble, File Meta, dataset)."""
    buffer = io.BytesIO()
    dcmwrite(buffer, ds, enforce_file_format=True)
    return buffer.getvalue()


def _source(instance: Instance) -> tuple[bytes | Path, int]:
    if isinstance(instance, Dataset):
        data = dataset_bytes(instance)
        return data, len(data)
    if isinstance(instance, bytes | bytearray):
        return bytes(instance), len(instance)
    path = Path(instance)
    return path, path.stat().st_size


def batches(
    instances: Iterable[Instance], *, max_bytes: int, max_count: int
) -> Iterator[MultipartBody]:
    """Group instances into STOW bodies of at most ``max_bytes``/``max_count``.

    A single instance larger than ``max_bytes`` goes alone in its batch.
    Datasets are serialised one batch at a time; files stay on disk until sent.
    """
    current: list[bytes | Path] = []
    size = 0
    for instance in instances:
        source, length = _source(instance)
        if current and (size + length > max_bytes or len(current) >= max_count):
            yield MultipartBody(current, part_type=DICOM)
            current, size = [], 0
        current.append(source)
        size += length
    if current:
        yield MultipartBody(current, part_type=DICOM)


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
