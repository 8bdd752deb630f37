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
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pydicom
from pydicom.errors import InvalidDicomError

from app.hub.errors import HubError, MalformedAnswer, NotFound, TlsError
from app.hub.protocol import JsonDataset, StudiesService
from app.store.sealed import write_atomic
from protocol.uids import is_uid

SERIES_UID = "0020000E"
SOP_UID = "00080018"
MODALITY = "00080060"
SERIES_NUMBER = "00200011"
PAGE = 1000
RETRY_DELAYS_S = (0.5, 1.5)  # a cut connection: up to 3 tries per series, then give up


class UnsafeUid(MalformedAnswer):
    """The hub sent a UID that is not a valid DICOM UID (or would leave the folder)."""


def _inside(out_dir: Path, name: str) -> Path:
    """``out_dir/name``, after checking it stays directly inside ``out_dir``."""
    root = out_dir.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise UnsafeUid("the hub sent a UID that would write outside the destination")
    return path


def _retryable(exc: HubError) -> bool:
    """A cut or lost connection (no HTTP status): worth another try."""
    return exc.status is None and not isinstance(exc, (TlsError, MalformedAnswer))


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
    error: str = ""  # why the series was refused (no patient data)

    @property
    def complete(self) -> bool:
        return self.missing == 0 and not self.error

    def summary(self) -> str:
        """One line, no patient data."""
        if self.error:
            return f"series {self.series_uid}: REFUSED: {self.error}"
        label = " ".join(x for x in (self.modality, f"#{self.number}" if self.number else "") if x)
        text = (
            f"series {self.series_uid}{f' ({label})' if label else ''}: "
            f"{self.downloaded} downloaded, {self.already_present} already present"
        )
        if self.missing:
            text += f", {self.missing} MISSING"
        return text + f" — {self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s"


def _value(item: JsonDataset, tag: str) -> str:
    element = item.get(tag) if isinstance(item, dict) else None
    values = element.get("Value") if isinstance(element, dict) else None
    if not isinstance(values, list) or not values or isinstance(values[0], (dict, list)):
        return ""  # absent, or not what PS3.18 F.2 says: treated as missing
    return str(values[0])


def expected_instances(hub: StudiesService, study_uid: str, series_uid: str) -> set[str]:
    """SOP Instance UIDs of a series per QIDO-RS, page by page."""
    found: set[str] = set()
    offset = 0
    while True:
        page = hub.search_instances(study_uid, series_uid, limit=PAGE, offset=offset)
        uids = {_value(i, SOP_UID) for i in page} - {""}
        if not all(is_uid(uid) for uid in uids):
            raise UnsafeUid("the hub listed an instance with an invalid SOP Instance UID")
        new = uids - found
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
    """Write ``data`` to ``path`` via a temporary ``.<stem>-*.part`` file and a rename."""
    write_atomic(path, data, prefix=f".{path.stem}-", suffix=".part")


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
    if not is_uid(sop):
        raise UnsafeUid("the hub sent an instance without a valid SOP Instance UID")
    return sop


def pull_series(
    hub: StudiesService,
    study_uid: str,
    series_uid: str,
    out_dir: Path,
    *,
    transfer_syntax: str | None = "*",
    result: SeriesPull | None = None,
    retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
) -> SeriesPull:
    """Download the instances of one series not already in ``out_dir/<series>``.

    Both UIDs must be valid DICOM UIDs (ValueError otherwise) and the folder must
    stay inside ``out_dir``. A cut connection is retried ``len(retry_delays)``
    times, after those pauses, keeping what was already downloaded.
    """
    if not is_uid(study_uid) or not is_uid(series_uid):
        raise ValueError("not a valid DICOM UID")
    result = result or SeriesPull(series_uid)
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = _inside(out_dir, series_uid)
    folder.mkdir(exist_ok=True)
    _remove_leftovers(folder)
    present = present_instances(folder)
    first = True
    for delay in (*retry_delays, None):
        try:
            _download(
                hub, study_uid, series_uid, folder,
                present=present, result=result, transfer_syntax=transfer_syntax, first=first,
            )  # fmt: skip
            break
        except HubError as exc:
            if delay is None or not _retryable(exc):
                raise
            first = False
            time.sleep(delay)
    result.seconds = time.monotonic() - started
    return result


def _download(
    hub: StudiesService,
    study_uid: str,
    series_uid: str,
    folder: Path,
    *,
    present: set[str],
    result: SeriesPull,
    transfer_syntax: str | None,
    first: bool,
) -> None:
    """One try at the instances of a series not yet in ``present``."""
    expected = expected_instances(hub, study_uid, series_uid)
    result.expected = len(expected)
    if first:
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


def pull_study(
    hub: StudiesService,
    study_uid: str,
    out_dir: Path,
    *,
    transfer_syntax: str | None = "*",
    on_series: Callable[[SeriesPull], None] | None = None,
    retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
) -> list[SeriesPull]:
    """Download every series of a study; ``on_series`` hears of each when done.

    A series whose UIDs from the hub are not valid DICOM UIDs is refused (its
    ``error`` says why) before anything touches the disk; the others go on.
    ValueError when ``study_uid`` is not a valid UID.
    """
    if not is_uid(study_uid):
        raise ValueError("not a valid Study Instance UID")
    series = hub.search_series(study_uid, includefield=["00080060", "00200011"])
    if not series:
        raise NotFound("the study is not on the hub (no series found)")
    results: list[SeriesPull] = []
    for item in _by_number(series):
        uid = _value(item, SERIES_UID)
        if not uid:
            raise MalformedAnswer("the hub listed a series without its Series Instance UID")
        if not is_uid(uid):
            result = SeriesPull(
                "(invalid UID)", error="the hub sent an invalid Series Instance UID"
            )
        else:
            result = SeriesPull(
                uid,
                modality=_printable(_value(item, MODALITY)),
                number=_printable(_value(item, SERIES_NUMBER)),
            )
            try:
                pull_series(
                    hub, study_uid, uid, out_dir, transfer_syntax=transfer_syntax,
                    result=result, retry_delays=retry_delays,
                )  # fmt: skip
            except UnsafeUid as exc:
                result.error = str(exc)
        results.append(result)
        if on_series is not None:
            on_series(result)
    return results


def _printable(text: str) -> str:
    return "".join(c for c in text if c.isalnum())[:16]


def _by_number(series: Iterable[JsonDataset]) -> list[JsonDataset]:
    def key(item: JsonDataset) -> tuple[int, str]:
        number = _value(item, SERIES_NUMBER)
        numeric = number.isascii() and number.lstrip("-").isdigit() and len(number) <= 12
        return (int(number) if numeric else 1 << 30, _value(item, SERIES_UID))

    return sorted(series, key=key)
