"""Download a whole study from a hub into a folder, resumably.

Layout: ``<out>/<Series Instance UID>/<SOP Instance UID>.dcm``, one Part 10
file per instance exactly as the hub sent it (``transfer-syntax=*``: no
transcoding). Each file is written to a hidden temporary name in the same
folder, flushed, then renamed: a ``.dcm`` file is therefore always complete,
and an interrupted pull leaves at most a ``.*.part`` file, removed next time.
Running again downloads only the instances not yet there.

Per series, the hub's QIDO-RS instance list is the reference: a series with
nothing yet is streamed whole (WADO-RS, one request); a series partly there
is completed instance by instance when little is missing, else streamed again
with the files already present skipped. Every file is checked to belong to
the study and series asked for — (0020,000D) Study Instance UID and
(0020,000E) Series Instance UID — before it is kept.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pydicom
from pydicom.errors import InvalidDicomError

from app.hub.errors import MalformedAnswer, NotFound
from app.hub.protocol import JsonDataset, StudiesService

SERIES_UID = "0020000E"
SOP_UID = "00080018"
MODALITY = "00080060"
SERIES_NUMBER = "00200011"
PAGE = 1000


@dataclass
class SeriesPull:
    """What happened to one series."""

    series_uid: str
    modality: str = ""
    number: str = ""
    expected: int = 0
    downloaded: int = 0
    already_present: int = 0
    missing: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def summary(self) -> str:
        """One line, no patient data."""
        label = " ".join(x for x in (self.modality, f"#{self.number}" if self.number else "") if x)
        text = (
            f"series {self.series_uid}{f' ({label})' if label else ''}: "
            f"{self.downloaded} downloaded, {self.already_present} already present"
        )
        if self.missing:
            text += f", {self.missing} MISSING"
        return text + f" — {self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s"


def _value(item: JsonDataset, tag: str) -> str:
    values = (item.get(tag) or {}).get("Value") or []
    return str(values[0]) if values else ""


def expected_instances(hub: StudiesService, study_uid: str, series_uid: str) -> set[str]:
    """SOP Instance UIDs of a series per QIDO-RS, page by page."""
    found: set[str] = set()
    offset = 0
    while True:
        page = hub.search_instances(study_uid, series_uid, limit=PAGE, offset=offset)
        new = {_value(i, SOP_UID) for i in page} - found - {""}
        found |= new
        if len(page) < PAGE or not new:  # last page, or a hub that ignores offset
            return found
        offset += len(page)


def present_instances(folder: Path) -> set[str]:
    """SOP Instance UIDs already downloaded (complete files only)."""
    if not folder.is_dir():
        return set()
    return {p.name[: -len(".dcm")] for p in folder.glob("*.dcm") if not p.name.startswith(".")}


def _remove_leftovers(folder: Path) -> None:
    for leftover in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _identify(data: bytes, study_uid: str, series_uid: str) -> str:
    """The SOP Instance UID of a downloaded file, after checking where it belongs."""
    try:
        ds = pydicom.dcmread(
            io.BytesIO(data),
            stop_before_pixels=True,
            specific_tags=["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"],
        )
    except (InvalidDicomError, ValueError, EOFError) as exc:
        raise MalformedAnswer("the hub sent a file that cannot be read as DICOM") from exc
    sop = str(ds.get("SOPInstanceUID", ""))
    if (
        str(ds.get("StudyInstanceUID", "")) != study_uid
        or str(ds.get("SeriesInstanceUID", "")) != series_uid
    ):
        raise MalformedAnswer("the hub sent an instance of another study or series")
    if not sop or not all(c.isdigit() or c == "." for c in sop):
        raise MalformedAnswer("the hub sent an instance without a valid SOP Instance UID")
    return sop


def pull_series(
    hub: StudiesService,
    study_uid: str,
    series_uid: str,
    out_dir: Path,
    *,
    transfer_syntax: str | None = "*",
    result: SeriesPull | None = None,
) -> SeriesPull:
    """Download the instances of one series not already in ``out_dir/<series>``."""
    result = result or SeriesPull(series_uid)
    started = time.monotonic()
    folder = out_dir / series_uid
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder)
    expected = expected_instances(hub, study_uid, series_uid)
    present = present_instances(folder)
    result.expected = len(expected)
    result.already_present = len(expected & present)
    missing = expected - present

    def keep(data: bytes) -> None:
        sop = _identify(data, study_uid, series_uid)
        if sop in present:
            return
        write_atomically(folder / f"{sop}.dcm", data)
        present.add(sop)
        result.downloaded += 1
        result.bytes += len(data)

    stream = missing == expected or (len(missing) > 3 and len(missing) * 4 > len(expected))
    if missing and stream:
        for data in hub.iter_series(study_uid, series_uid, transfer_syntax=transfer_syntax):
            keep(data)
    else:
        for sop in sorted(missing):
            keep(hub.retrieve_instance(study_uid, series_uid, sop, transfer_syntax=transfer_syntax))
    result.missing = len(expected - present)
    result.seconds = time.monotonic() - started
    return result


def pull_study(
    hub: StudiesService,
    study_uid: str,
    out_dir: Path,
    *,
    transfer_syntax: str | None = "*",
    on_series: Callable[[SeriesPull], None] | None = None,
) -> list[SeriesPull]:
    """Download every series of a study; ``on_series`` hears of each when done."""
    series = hub.search_series(study_uid, includefield=["00080060", "00200011"])
    if not series:
        raise NotFound("the study is not on the hub (no series found)")
    results: list[SeriesPull] = []
    for item in _by_number(series):
        uid = _value(item, SERIES_UID)
        if not uid:
            raise MalformedAnswer("the hub listed a series without its Series Instance UID")
        result = SeriesPull(
            uid, modality=_value(item, MODALITY), number=_value(item, SERIES_NUMBER)
        )
        pull_series(hub, study_uid, uid, out_dir, transfer_syntax=transfer_syntax, result=result)
        results.append(result)
        if on_series is not None:
            on_series(result)
    return results


def _by_number(series: Iterable[JsonDataset]) -> list[JsonDataset]:
    def key(item: JsonDataset) -> tuple[int, str]:
        number = _value(item, SERIES_NUMBER)
        return (int(number) if number.lstrip("-").isdigit() else 1 << 30, _value(item, SERIES_UID))

    return sorted(series, key=key)
