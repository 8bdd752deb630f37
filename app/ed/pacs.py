"""The hospital's own PACS over DIMSE: search (C-FIND) and fetch (C-GET) series.

Study Root Query/Retrieve (PS3.4 Annex C): :func:`find_studies` by patient,
date or accession number; :func:`find_series` of a study; :func:`get_series`
retrieves one series with C-GET — the instances come back on the same
association (C-STORE sub-operations, SCP role negotiated per storage class,
PS3.7 D.3.3.4), so the PACS needs no route back to this workstation — and
writes them as ``OUT/<study>/<series>/<instance>.dcm`` (see :mod:`app.ed.dimse`).

Failures raise :class:`PacsError` with a message naming the PACS (AE title,
host, port) and the operation, never the patient searched for.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from pynetdicom import AE, build_role, evt
from pynetdicom.association import Association

from app.ed.dimse import (
    CANNOT_UNDERSTAND,
    OUT_OF_RESOURCES,
    STORAGE_SOP_CLASSES,
    SUCCESS,
    TRANSFER_SYNTAXES,
    write_received,
)

#: Study Root Query/Retrieve Information Model – FIND and – GET (PS3.4 C.6.2).
STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1"
STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3"
PENDING = (0xFF00, 0xFF01)
_DATE = re.compile(r"^(\d{8})?(-(\d{8})?)?$")


class PacsError(Exception):
    """Talking to the PACS failed; ``str()`` is a message fit for the user."""


class RetrievalStopped(PacsError):
    """The user stopped a retrieval; the association was aborted."""


@dataclass(frozen=True)
class Pacs:
    """How to reach the hospital PACS (its DICOM node)."""

    host: str
    port: int
    ae_title: str  # the PACS's (called AE title)
    calling_ae_title: str = "STROKELINK"  # ours
    timeout_s: float = 30.0

    def __str__(self) -> str:
        return f"{self.ae_title}@{self.host}:{self.port}"


@dataclass(frozen=True)
class StudyMatch:
    """One study the PACS found (C-FIND at STUDY level)."""

    study_uid: str
    patient_name: str
    patient_id: str
    birth_date: str
    sex: str
    study_date: str
    study_time: str
    accession: str
    description: str
    modalities: tuple[str, ...]
    series_count: int | None
    instance_count: int | None


@dataclass(frozen=True)
class SeriesMatch:
    """One series of a study (C-FIND at SERIES level)."""

    study_uid: str
    series_uid: str
    modality: str
    number: int | None
    description: str
    instance_count: int | None


@dataclass
class GetResult:
    """What a C-GET brought back."""

    folder: Path
    stored: list[Path] = field(default_factory=list)
    refused: int = 0  # instances we could not write (status sent back to the PACS)
    completed: int = 0  # (0000,1021) Number of Completed Sub-operations
    failed: int = 0  # (0000,1022)
    warning: int = 0  # (0000,1023)
    status: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == SUCCESS and not self.failed and not self.refused


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(ds: Dataset, keyword: str) -> str:
    return str(ds.get(keyword, "") or "").strip()


class _Association:
    """One association to the PACS, released (or aborted) on exit."""

    def __init__(self, pacs: Pacs, ae: AE, what: str, **options: Any) -> None:
        self.pacs = pacs
        self.what = what
        ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = pacs.timeout_s
        self.assoc = ae.associate(pacs.host, pacs.port, ae_title=pacs.ae_title, **options)

    def __enter__(self) -> Association:
        if not self.assoc.is_established:
            why = "rejected the association" if self.assoc.is_rejected else "did not answer"
            raise PacsError(f"the PACS {self.pacs} {why} while {self.what}")
        return self.assoc

    def __exit__(self, *exc: object) -> None:
        if self.assoc.is_established:
            self.assoc.release()


def _stopped(pacs: Pacs, assoc: Association, what: str) -> PacsError:
    """Why the answers stopped: an abort (often an unknown calling AE title) or silence."""
    deadline = time.monotonic() + 1.0  # the association thread notes an A-ABORT a bit later
    while assoc.is_established and not assoc.is_aborted and time.monotonic() < deadline:
        time.sleep(0.02)
    if assoc.is_aborted:
        return PacsError(
            f"the PACS {pacs} aborted the association while {what} (does it know this "
            f"workstation's AE title {pacs.calling_ae_title!r}?)"
        )
    return PacsError(f"the PACS {pacs} stopped answering while {what}")


def _find(pacs: Pacs, query: Dataset, what: str) -> Iterator[Dataset]:
    ae = AE(ae_title=pacs.calling_ae_title)
    ae.add_requested_context(STUDY_ROOT_FIND)
    with _Association(pacs, ae, what) as assoc:
        for status, identifier in assoc.send_c_find(query, STUDY_ROOT_FIND):
            code = getattr(status, "Status", None)
            if code is None:
                raise _stopped(pacs, assoc, what)
            if code in PENDING:
                if identifier is not None:
                    yield identifier
            elif code != SUCCESS:
                raise PacsError(f"the PACS {pacs} refused the search (status 0x{code:04X})")


def find_studies(
    pacs: Pacs,
    *,
    patient_id: str = "",
    patient_name: str = "",
    date: str = "",
    accession: str = "",
    modality: str = "",
) -> list[StudyMatch]:
    """C-FIND studies; ``date`` is ``YYYYMMDD`` or a range ``YYYYMMDD-YYYYMMDD``.

    ``patient_name`` may use DICOM wildcards (``DUPONT*``). At least one key
    must be given: a PACS is not listed whole.
    """
    if not any((patient_id, patient_name, date, accession)):
        raise ValueError("search by patient, date or accession number")
    if date and not _DATE.match(date):
        raise ValueError("the date is YYYYMMDD or a range YYYYMMDD-YYYYMMDD")
    query = Dataset()
    query.QueryRetrieveLevel = "STUDY"
    query.PatientID = patient_id
    query.PatientName = patient_name
    query.StudyDate = date
    query.AccessionNumber = accession
    query.ModalitiesInStudy = modality
    for keyword in ("StudyInstanceUID", "PatientBirthDate", "PatientSex", "StudyTime",
                    "StudyDescription", "NumberOfStudyRelatedSeries",
                    "NumberOfStudyRelatedInstances", "IssuerOfPatientID"):  # fmt: skip
        setattr(query, keyword, "")
    found = []
    for ds in _find(pacs, query, "searching studies"):
        raw = ds.get("ModalitiesInStudy", "") or ""
        modalities = tuple(str(m) for m in ([raw] if isinstance(raw, str) else raw) if str(m))
        found.append(
            StudyMatch(
                study_uid=_text(ds, "StudyInstanceUID"),
                patient_name=_text(ds, "PatientName"),
                patient_id=_text(ds, "PatientID"),
                birth_date=_text(ds, "PatientBirthDate"),
                sex=_text(ds, "PatientSex"),
                study_date=_text(ds, "StudyDate"),
                study_time=_text(ds, "StudyTime"),
                accession=_text(ds, "AccessionNumber"),
                description=_text(ds, "StudyDescription"),
                modalities=modalities,
                series_count=_int(ds.get("NumberOfStudyRelatedSeries")),
                instance_count=_int(ds.get("NumberOfStudyRelatedInstances")),
            )
        )
    return sorted(found, key=lambda s: (s.study_date, s.study_time), reverse=True)


def find_series(pacs: Pacs, study_uid: str) -> list[SeriesMatch]:
    """C-FIND the series of one study, in (0020,0011) Series Number order."""
    query = Dataset()
    query.QueryRetrieveLevel = "SERIES"
    query.StudyInstanceUID = study_uid
    for keyword in ("SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription",
                    "NumberOfSeriesRelatedInstances"):  # fmt: skip
        setattr(query, keyword, "")
    found = [
        SeriesMatch(
            study_uid=study_uid,
            series_uid=_text(ds, "SeriesInstanceUID"),
            modality=_text(ds, "Modality"),
            number=_int(ds.get("SeriesNumber")),
            description=_text(ds, "SeriesDescription"),
            instance_count=_int(ds.get("NumberOfSeriesRelatedInstances")),
        )
        for ds in _find(pacs, query, "searching series")
    ]
    return sorted(found, key=lambda s: (s.number is None, s.number or 0, s.series_uid))


def get_series(
    pacs: Pacs,
    study_uid: str,
    series_uid: str,
    out_dir: Path,
    *,
    on_progress: Callable[[int, int | None], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> GetResult:
    """C-GET one series into ``out_dir``; ``on_progress(received, expected)`` per instance.

    ``should_stop`` is asked after each C-GET response; when it answers true the
    association is aborted (A-ABORT) and :class:`RetrievalStopped` raised.
    Raises :class:`PacsError` when the PACS cannot be reached or refuses;
    check :attr:`GetResult.ok` for sub-operations that failed.
    """
    result = GetResult(folder=Path(out_dir) / study_uid / series_uid)
    expected: list[int | None] = [None]

    def on_store(event: Any) -> int:
        try:
            *_, path = write_received(event, Path(out_dir))
        except ValueError:
            result.refused += 1
            return CANNOT_UNDERSTAND
        except OSError:
            result.refused += 1
            return OUT_OF_RESOURCES
        result.stored.append(path)
        if on_progress is not None:
            on_progress(len(result.stored), expected[0])
        return SUCCESS

    ae = AE(ae_title=pacs.calling_ae_title)
    ae.add_requested_context(STUDY_ROOT_GET)
    # At most 128 presentation contexts: one per storage class, SCP role for each.
    for sop in STORAGE_SOP_CLASSES:
        ae.add_requested_context(sop, list(TRANSFER_SYNTAXES))
    roles = [build_role(sop, scp_role=True) for sop in STORAGE_SOP_CLASSES]
    query = Dataset()
    query.QueryRetrieveLevel = "SERIES"
    query.StudyInstanceUID = study_uid
    query.SeriesInstanceUID = series_uid
    what = "retrieving a series"
    handlers = [(evt.EVT_C_STORE, on_store)]
    with _Association(pacs, ae, what, ext_neg=roles, evt_handlers=handlers) as assoc:
        for status, _ in assoc.send_c_get(query, STUDY_ROOT_GET):
            if should_stop is not None and should_stop():
                assoc.abort()
                raise RetrievalStopped(f"retrieval from the PACS {pacs} stopped")
            code = getattr(status, "Status", None)
            if code is None:
                raise _stopped(pacs, assoc, what)
            remaining = _int(status.get("NumberOfRemainingSuboperations"))
            if remaining is not None:
                expected[0] = remaining + len(result.stored)
            result.completed = _int(status.get("NumberOfCompletedSuboperations")) or 0
            result.failed = _int(status.get("NumberOfFailedSuboperations")) or 0
            result.warning = _int(status.get("NumberOfWarningSuboperations")) or 0
            if code not in PENDING:
                result.status = code
    if result.status not in (SUCCESS, 0xB000):
        raise PacsError(
            f"the PACS {pacs} did not complete the retrieval "
            f"(status 0x{(result.status or 0):04X}, {len(result.stored)} instances received)"
        )
    return result
