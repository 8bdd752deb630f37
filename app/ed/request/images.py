"""Which images go with a request: one study of one patient, most urgent series first.

:func:`select_images` scans a folder, a USB stick or a CD (a DICOMDIR is
followed by the recursive scan of :func:`viewer.dicom_folder.read_folder`;
naming the DICOMDIR file itself scans its folder) and returns
:class:`RequestImages`: the patient's identity for the physician to confirm,
the study, and its series ordered NCCT, CTA, CTP, then MR (DWI, ADC, FLAIR…),
localisers set aside unless asked for.

Refusals are :class:`ImageError` subclasses with a message fit for the user:
nothing to send (:class:`NoImages`), images of more than one patient
(:class:`MixedPatients`: a request carries one patient, safety invariant 3),
several studies without saying which (:class:`SeveralStudies`), files cut short
or with malformed Pixel Data (:class:`DamagedImages`, checked with
:mod:`protocol.integrity` as the hub does; they are named). The identity is
(0010,0020) Patient ID with (0010,0021) Issuer, (0010,0010) Patient's Name
(normalised), (0010,0030) Birth Date and (0010,0040) Sex. ``str()`` of an error
never holds patient data (errors may end up in logs); the identities are in
:meth:`MixedPatients.screen_message`, for the screen only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydicom.dataset import Dataset

from app.opinion.identity import Mismatch, PatientIdentity, check_identity
from protocol.integrity import DamagedInstance, read_checked
from viewer.classify import SeriesKind, classify_series
from viewer.dicom_folder import FolderScan, Series, read_folder

#: Most urgent first: what the radiologist opens first must arrive first.
URGENCY = (
    SeriesKind.NCCT, SeriesKind.CTA, SeriesKind.CTP, SeriesKind.DWI, SeriesKind.ADC,
    SeriesKind.FLAIR, SeriesKind.SWI, SeriesKind.TOF, SeriesKind.T2, SeriesKind.T1,
    SeriesKind.OTHER, SeriesKind.LOCALIZER,
)  # fmt: skip


class ImageError(ValueError):
    """The images cannot make a request; ``str()`` says why, without patient data."""


class NoImages(ImageError):
    """Nothing to send: no folder, an empty one, or no DICOM image in it."""


class MixedPatients(ImageError):
    """The images belong to more than one patient."""

    def __init__(self, identities: Sequence[PatientIdentity]) -> None:
        self.identities = list(identities)
        super().__init__(
            f"the images belong to {len(self.identities)} different patients; a request "
            "carries the images of one patient only: choose the images of one patient"
        )

    def screen_message(self) -> str:
        """The message with each identity, for the physician's screen (never for logs)."""
        lines = [str(self)]
        lines += [f"  - {describe_identity(identity)}" for identity in self.identities]
        return "\n".join(lines)


class IdentityMismatch(ImageError):
    """The images' patient is not the patient the physician named in the form."""

    def __init__(self, mismatches: Sequence[Mismatch]) -> None:
        self.mismatches = list(mismatches)
        fields = ", ".join(dict.fromkeys(m.what for m in self.mismatches))
        super().__init__(
            f"the images are not those of the patient named in the request ({fields} "
            "differ): check the images and the form"
        )

    def screen_message(self) -> str:
        """The message with both values of each difference, for the screen only."""
        return "\n".join([str(self)] + [f"  - {m.message()}" for m in self.mismatches])


def check_expected_patient(images: RequestImages, expected: PatientIdentity | None) -> None:
    """Raise :class:`IdentityMismatch` when the form names another patient than the images.

    Only the fields the form gives are compared (a form may give just the ID).
    """
    if expected is None:
        return
    given = {k: v for k, v in expected.normalised().items() if v}
    seen = {k: v for k, v in images.patient.normalised().items() if k in given}
    if given != seen:
        partial = PatientIdentity(**{
            attr: getattr(images.patient, attr) if attr in given else ""
            for attr in ("patient_id", "issuer_of_patient_id", "name", "birth_date", "sex")
        })  # fmt: skip
        raise IdentityMismatch(check_identity(expected, [partial]))


class DamagedImages(ImageError):
    """Some image files are cut short or malformed: the hub would refuse them.

    ``str()`` names the files (their names, not their contents);
    :meth:`screen_message` adds why each one is refused.
    """

    SHOWN = 10

    def __init__(self, damaged: Sequence[tuple[Path, str]]) -> None:
        self.damaged = list(damaged)
        names = [_file_label(path) for path, _ in self.damaged[: self.SHOWN]]
        more = len(self.damaged) - len(names)
        listed = ", ".join(names) + (f" and {more} more" if more else "")
        super().__init__(
            f"{len(self.damaged)} image files are damaged (cut short or malformed) and cannot "
            f"be sent: {listed}; copy them again from their source and retry"
        )

    def screen_message(self) -> str:
        """The message with each file and what is wrong with it."""
        lines = [str(self)] + [f"  - {path}: {why}" for path, why in self.damaged]
        return "\n".join(lines)


def _file_label(path: Path) -> str:
    """'SE3/IM0042': enough of the path to find the file among similarly named ones."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def check_files(paths: Sequence[Path]) -> None:
    """Raise :class:`DamagedImages` naming every file that is cut short or malformed."""
    damaged: list[tuple[Path, str]] = []
    for path in paths:
        try:
            read_checked(path, force=True)  # the scan accepts files without preamble
        except DamagedInstance as exc:
            damaged.append((path, str(exc)))
        except Exception as exc:  # unreadable now though its header was read in the scan
            damaged.append((path, f"unreadable ({type(exc).__name__})"))
    if damaged:
        raise DamagedImages(damaged)


@dataclass(frozen=True)
class StudyChoice:
    """One study found in the images, to choose from (no patient data)."""

    study_uid: str
    date: str  # (0008,0020) Study Date, YYYYMMDD
    description: str  # (0008,1030) Study Description
    series: int
    instances: int


class SeveralStudies(ImageError):
    """The images hold several studies and none was chosen."""

    def __init__(self, studies: Sequence[StudyChoice]) -> None:
        self.studies = list(studies)
        lines = [
            f"  {s.study_uid}  {s.date or '(no date)'}  {s.description or '(no description)'}"
            f"  {s.series} series, {s.instances} images"
            for s in self.studies
        ]
        super().__init__(
            f"the images hold {len(self.studies)} studies; a request carries one: "
            "choose one (--study UID):\n" + "\n".join(lines)
        )


@dataclass(frozen=True)
class RequestSeries:
    """One series to send: its files and what it is."""

    study_uid: str
    series_uid: str  # (0020,000E)
    description: str  # (0008,103E) Series Description
    modality: str  # (0008,0060)
    number: int | None  # (0020,0011) Series Number
    kind: str  # a viewer.classify.SeriesKind value
    kind_reason: str
    paths: tuple[Path, ...]
    instances: tuple[tuple[str, str], ...]  # (SOP Class UID, SOP Instance UID), as paths

    @property
    def count(self) -> int:
        """How many instances (the slice count of a classic CT or MR series)."""
        return len(self.paths)

    @property
    def size_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.paths)

    @property
    def preview_path(self) -> Path:
        """The middle instance: what a thumbnail shows."""
        return self.paths[len(self.paths) // 2]

    def title(self) -> str:
        """'3 CTA HEAD 0.625mm (cta, 200 images)' — for progress lines; no patient data."""
        number = f"{self.number} " if self.number is not None else ""
        return f"{number}{self.description or self.modality} ({self.kind}, {self.count} images)"


@dataclass(frozen=True)
class RequestImages:
    """The images of one request: one patient, one study, series in sending order."""

    patient: PatientIdentity
    study_uid: str
    study_date: str
    study_description: str
    series: tuple[RequestSeries, ...]
    excluded: tuple[RequestSeries, ...]  # localisers, unless included
    skipped_files: int  # files that are not DICOM images (see warnings)
    warnings: tuple[str, ...]

    @property
    def instance_count(self) -> int:
        return sum(s.count for s in self.series)

    def patient_keywords(self) -> dict[str, str]:
        """The Patient module as the workitem carries it (keyword → value)."""
        return patient_keywords(self.patient)


def patient_keywords(identity: PatientIdentity) -> dict[str, str]:
    """(0010,xxxx) keywords → values of an identity, for the workitem's top level."""
    return {
        "PatientName": identity.name,
        "PatientID": identity.patient_id,
        "IssuerOfPatientID": identity.issuer_of_patient_id,
        "PatientBirthDate": identity.birth_date,
        "PatientSex": identity.sex,
    }


def describe_identity(identity: PatientIdentity) -> str:
    """'DUPONT^Zoé, ID 123 (issuer CHV), born 19500112, sex F' — for the screen only."""
    issuer = f" (issuer {identity.issuer_of_patient_id})" if identity.issuer_of_patient_id else ""
    return (
        f"{identity.name or '(no name)'}, ID {identity.patient_id or '(none)'}{issuer}, "
        f"born {identity.birth_date or '(unknown)'}, sex {identity.sex or '(unknown)'}"
    )


def select_images(
    path: str | os.PathLike[str],
    *,
    include_localizers: bool = False,
    study_uid: str | None = None,
) -> RequestImages:
    """Scan ``path`` (folder, file or DICOMDIR) and choose the images of the request."""
    root = Path(path)
    if root.is_file() and root.name.upper() == "DICOMDIR":
        root = root.parent
    if not root.exists():
        raise NoImages(f"no such folder: {root.name}")
    return images_from_scan(
        read_folder(root), include_localizers=include_localizers, study_uid=study_uid
    )


def images_from_scan(
    scan: FolderScan, *, include_localizers: bool = False, study_uid: str | None = None
) -> RequestImages:
    """Choose the images of a request from a folder scan already made (the UI's)."""
    skipped = len(scan.warnings)
    if not scan.series:
        found = f" ({skipped} files that are not DICOM images skipped)" if skipped else ""
        raise NoImages(f"no DICOM images to send{found}")
    headers = [h for s in scan.series for h in s.headers]
    identities = list(dict.fromkeys(_identity_key(h) for h in headers))
    if len(identities) > 1:
        distinct: dict[tuple[str, ...], PatientIdentity] = {}
        for h in headers:
            distinct.setdefault(_identity_key(h), PatientIdentity.from_dataset(h))
        raise MixedPatients(list(distinct.values()))
    studies = _studies(scan.series)
    if study_uid is not None:
        if study_uid not in studies:
            raise NoImages("the study asked for is not among the images")
        chosen = study_uid
    elif len(studies) > 1:
        raise SeveralStudies([_study_choice(uid, parts) for uid, parts in studies.items()])
    else:
        chosen = next(iter(studies))
    parts = studies[chosen]
    described = [_request_series(chosen, series) for series in parts]
    ordered = sorted(described, key=_urgency)
    keep = tuple(s for s in ordered if include_localizers or s.kind != SeriesKind.LOCALIZER)
    excluded = tuple(s for s in ordered if s not in keep)
    if not keep:
        raise NoImages(
            f"only localisers among the images ({len(excluded)} series): nothing to send "
            "(include localisers to send them anyway)"
        )
    check_files([path for s in keep for path in s.paths])
    first = parts[0].headers[0]
    return RequestImages(
        patient=PatientIdentity.from_dataset(first),
        study_uid=chosen,
        study_date=str(first.get("StudyDate", "") or ""),
        study_description=str(first.get("StudyDescription", "") or ""),
        series=keep,
        excluded=excluded,
        skipped_files=skipped,
        warnings=tuple(scan.warnings),
    )


def _identity_key(ds: Dataset) -> tuple[str, ...]:
    return tuple(PatientIdentity.from_dataset(ds).normalised().values())


def _studies(series: Sequence[Series]) -> dict[str, list[Series]]:
    """Series grouped by (0020,000D); a series spread over studies counts in each."""
    studies: dict[str, list[Series]] = {}
    for s in series:
        by_study: dict[str, Series] = {}
        for header, path in zip(s.headers, s.paths, strict=True):
            uid = str(header.get("StudyInstanceUID", "") or "")
            part = by_study.setdefault(uid, Series(series_instance_uid=s.series_instance_uid))
            part.headers.append(header)
            part.paths.append(path)
        for uid, part in by_study.items():
            studies.setdefault(uid, []).append(part)
    if "" in studies:
        raise NoImages(
            f"{sum(p.instances for p in studies[''])} images have no (0020,000D) Study "
            "Instance UID: they cannot be sent"
        )
    return studies


def _study_choice(uid: str, parts: list[Series]) -> StudyChoice:
    first = parts[0].headers[0]
    return StudyChoice(
        study_uid=uid,
        date=str(first.get("StudyDate", "") or ""),
        description=str(first.get("StudyDescription", "") or ""),
        series=len(parts),
        instances=sum(p.instances for p in parts),
    )


def _request_series(study_uid: str, series: Series) -> RequestSeries:
    kind, reason = _kind_of(series)
    return RequestSeries(
        study_uid=study_uid,
        series_uid=series.series_instance_uid,
        description=series.description,
        modality=series.modality,
        number=series.series_number,
        kind=kind,
        kind_reason=reason,
        paths=tuple(series.paths),
        instances=tuple(
            (str(h.get("SOPClassUID", "")), str(h.get("SOPInstanceUID", "")))
            for h in series.headers
        ),
    )


def _kind_of(series: Series) -> tuple[str, str]:
    """The series' kind: the most urgent of its volumes' (a DWI series holds ADC…)."""
    first = classify_series(series.headers)
    if first.kind == SeriesKind.LOCALIZER:
        return str(first.kind), first.reason
    try:
        plan = series.plan()
    except Exception:  # headers too odd for volume planning: the tags alone decide
        return str(first.kind), first.reason
    found = [v.classification for v in plan.volumes] + [p.classification for p in plan.not_volumes]
    found = [c for c in found if c.kind != SeriesKind.LOCALIZER] or [first]
    best = min(found, key=lambda c: URGENCY.index(c.kind) if c.kind in URGENCY else len(URGENCY))
    return str(best.kind), best.reason


def _urgency(series: RequestSeries) -> tuple[int, int, str]:
    try:
        rank = URGENCY.index(SeriesKind(series.kind))
    except ValueError:
        rank = len(URGENCY)
    return (rank, series.number if series.number is not None else 1 << 30, series.series_uid)
