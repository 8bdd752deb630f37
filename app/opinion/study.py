"""The study an opinion answers, as the documents need it: headers, and pixels on demand.

The opinion's documents go into the request's study, in new series, with the
Patient and General Study modules copied from the images
(:func:`copy_patient_and_study`). :class:`Study` holds one header per
instance (read without pixel data) and the file it came from, so a key
image's pixels are read only when its snapshot is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from app.opinion.identity import PatientIdentity
from protocol.times import format_dt, parse_dt

#: (0010,xxxx) Patient module and (0008/0020,xxxx) General Study module
#: attributes copied from the images into every document of the opinion.
PATIENT_AND_STUDY = (
    "PatientName",
    "PatientID",
    "IssuerOfPatientID",
    "IssuerOfPatientIDQualifiersSequence",
    "PatientBirthDate",
    "PatientSex",
    "OtherPatientIDsSequence",
    "StudyInstanceUID",
    "StudyDate",
    "StudyTime",
    "ReferringPhysicianName",
    "StudyID",
    "AccessionNumber",
    "IssuerOfAccessionNumberSequence",
    "StudyDescription",
)
#: Type 2 attributes among them: present, possibly empty.
TYPE2 = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "PatientSex",
    "StudyDate",
    "StudyTime",
    "ReferringPhysicianName",
    "StudyID",
    "AccessionNumber",
)


class StudyError(ValueError):
    """The study folder or its files cannot serve as the opinion's study."""


@dataclass
class Study:
    """The instances of one study: headers in file order, and where each came from."""

    headers: list[Dataset]
    paths: dict[str, Path] = field(default_factory=dict)  # SOP Instance UID → file

    @classmethod
    def from_folder(cls, folder: Path) -> Study:
        """Every DICOM file under ``folder`` (recursively), headers only.

        Files that are not DICOM are skipped; more than one (0020,000D)
        Study Instance UID, or none at all, is a :class:`StudyError`.
        """
        if not folder.is_dir():
            raise StudyError(f"{folder} is not a folder")
        headers: list[Dataset] = []
        paths: dict[str, Path] = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                ds = pydicom.dcmread(path, stop_before_pixels=True)
            except (InvalidDicomError, OSError, EOFError, ValueError):
                continue
            if "SOPInstanceUID" not in ds or "StudyInstanceUID" not in ds:
                continue
            headers.append(ds)
            paths[str(ds.SOPInstanceUID)] = path
        return cls.of(headers, paths)

    @classmethod
    def of(cls, headers: Sequence[Dataset], paths: dict[str, Path] | None = None) -> Study:
        """A study from headers already read; they must share one Study Instance UID."""
        if not headers:
            raise StudyError("no DICOM images found for the study")
        studies = {str(ds.StudyInstanceUID) for ds in headers}
        if len(studies) > 1:
            raise StudyError(
                f"the images belong to {len(studies)} different studies; give one study"
            )
        return cls(list(headers), dict(paths or {}))

    @property
    def study_instance_uid(self) -> str:
        return str(self.headers[0].StudyInstanceUID)

    @property
    def first(self) -> Dataset:
        """The header the documents copy the patient and study from."""
        return self.headers[0]

    def series_uids(self) -> list[str]:
        return list(dict.fromkeys(str(ds.SeriesInstanceUID) for ds in self.headers))

    def series(self, series_instance_uid: str) -> list[Dataset]:
        return [ds for ds in self.headers if ds.SeriesInstanceUID == series_instance_uid]

    def instance(self, sop_instance_uid: str) -> Dataset | None:
        for ds in self.headers:
            if ds.SOPInstanceUID == sop_instance_uid:
                return ds
        return None

    def identities(self) -> list[PatientIdentity]:
        return [PatientIdentity.from_dataset(ds) for ds in self.headers]

    def load(self, sop_instance_uid: str) -> Dataset:
        """The whole instance, pixels included (for a key image)."""
        header = self.instance(sop_instance_uid)
        if header is None:
            raise StudyError(f"image {sop_instance_uid} is not in the study")
        path = self.paths.get(sop_instance_uid)
        if path is None:
            if "PixelData" in header:
                return header
            raise StudyError(f"image {sop_instance_uid}: no pixel data at hand")
        return pydicom.dcmread(path)

    def lossy_series(self, series_uids: Iterable[str]) -> list[str]:
        """Series among ``series_uids`` with an image whose (0028,2110) Lossy Image
        Compression is 01."""
        wanted = set(series_uids)
        lossy = {
            str(ds.SeriesInstanceUID)
            for ds in self.headers
            if str(ds.SeriesInstanceUID) in wanted
            and str(ds.get("LossyImageCompression", "")) == "01"
        }
        return [
            uid
            for uid in dict.fromkeys(str(ds.SeriesInstanceUID) for ds in self.headers)
            if uid in lossy
        ]


def copy_patient_and_study(target: Dataset, source: Dataset) -> None:
    """Copy the Patient and General Study attributes (:data:`PATIENT_AND_STUDY`)."""
    for keyword in PATIENT_AND_STUDY:
        if keyword in source:
            target[keyword] = source[keyword]
    for keyword in TYPE2:
        if keyword not in target:
            setattr(target, keyword, "")


def reference(ds: Dataset) -> Dataset:
    """A light evidence dataset: the four UIDs that identify an instance."""
    ref = Dataset()
    ref.StudyInstanceUID = ds.StudyInstanceUID
    ref.SeriesInstanceUID = ds.SeriesInstanceUID
    ref.SOPInstanceUID = ds.SOPInstanceUID
    ref.SOPClassUID = ds.SOPClassUID
    return ref


def set_times(ds: Dataset, when: dt.datetime, *, content: bool = True) -> None:
    """(0008,0012/0013) Instance Creation, (0008,0023/0033) Content date and time,
    (0008,0021/0031) Series date and time, and (0008,0201) Timezone Offset From UTC,
    all from ``when`` (the signing time): a rebuilt document is identical."""
    ds.InstanceCreationDate = when.strftime("%Y%m%d")
    ds.InstanceCreationTime = when.strftime("%H%M%S")
    ds.SeriesDate = ds.InstanceCreationDate
    ds.SeriesTime = ds.InstanceCreationTime
    if content:
        ds.ContentDate = ds.InstanceCreationDate
        ds.ContentTime = ds.InstanceCreationTime
    ds.TimezoneOffsetFromUTC = utc_offset(when)


def utc_offset(when: dt.datetime) -> str:
    """``+HHMM`` / ``-HHMM`` as (0008,0201) and DT values write it."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def dicom_datetime(when: dt.datetime, dataset_time: dt.datetime | None = None) -> str:
    """A DT value, e.g. ``20250301143000+0100``, for a dataset whose (0008,0201) Timezone
    Offset From UTC is ``dataset_time``'s offset (:func:`set_times`; default ``when``'s).

    The instant is always exact. dcmtk (dsrdump, 3.6.7) refuses a DT whose offset has hour
    ``00`` (``+0000``: UTC, e.g. London in winter), so such a value is written in the
    dataset's offset when that has hours, or else without a suffix, which PS3.5 6.2 defines
    as the dataset's (0008,0201) offset.
    """
    reference = dataset_time or when
    stamp = "%Y%m%d%H%M%S"
    if not _hourless(when):
        return format_dt(when.replace(microsecond=0))
    local = when.astimezone(reference.tzinfo) if reference.tzinfo else when
    if not _hourless(reference):
        return local.strftime(stamp) + utc_offset(reference)
    return local.strftime(stamp)


def _hourless(when: dt.datetime) -> bool:
    """Whether the UTC offset is under one hour (``+0000``, ``-0030``)."""
    return abs(when.utcoffset() or dt.timedelta(0)) < dt.timedelta(hours=1)


def parse_dicom_datetime(value: str, dataset_offset: str = "") -> dt.datetime:
    """A DT value as an aware datetime (:func:`protocol.times.parse_dt`): without an offset,
    in ``dataset_offset`` ((0008,0201) of its dataset, ``±HHMM``), else UTC.

    Raises ValueError when it is not a DT of at least minute precision.
    """
    return parse_dt(value, dataset_offset.strip() or "+0000")
