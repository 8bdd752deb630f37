"""Reading DICOM files from a folder, grouped into series.

Headers first: every file is read with ``stop_before_pixels`` (fast, little
memory), grouped by (0020,000E) Series Instance UID; pixels are read later,
while a volume is filled (:meth:`Series.assemble`). For uncompressed
little-endian files the scan also notes where (7FE0,0010) Pixel Data lies
(:mod:`viewer.native_pixels`), so that filling reads those bytes straight
into the volume instead of parsing each file a second time; other files are
decoded by pydicom.

Bad input never crashes the scan (safety invariant 5): a file that is not
DICOM, is truncated or malformed, or has no Series Instance UID is skipped
with a warning naming it by its basename only (paths may hold patient names).
A DICOMDIR is recognised and skipped (the files it indexes are found by the
recursive scan anyway).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from viewer.assembly import SeriesAssembly, SeriesPlan, assemble_series, plan_series
from viewer.geometry import REGULAR_FRACTION
from viewer.native_pixels import PixelDataLocation, locate_pixel_data
from viewer.notes import note

# (0002,0002) Media Storage SOP Class UID of a DICOMDIR.
_MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"


class UnreadableFile(ValueError):
    """A file that cannot be read as DICOM; the message names it by basename."""


@dataclass
class Series:
    """The instances of one series found in a folder (headers, no pixel data)."""

    series_instance_uid: str
    headers: list[Dataset] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    # Where uncompressed pixel data lies in each file that has it, by path.
    pixel_locations: dict[Path, PixelDataLocation] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """(0008,103E) Series Description."""
        return str(self.headers[0].get("SeriesDescription", "")) if self.headers else ""

    @property
    def modality(self) -> str:
        """(0008,0060) Modality."""
        return str(self.headers[0].get("Modality", "")) if self.headers else ""

    @property
    def series_number(self) -> int | None:
        """(0020,0011) Series Number."""
        value = self.headers[0].get("SeriesNumber") if self.headers else None
        try:
            return None if value in (None, "") else int(value)
        except (TypeError, ValueError):
            return None

    @property
    def instances(self) -> int:
        return len(self.headers)

    def read_instance(self, index: int) -> Dataset:
        """The ``index``-th instance with its pixel data."""
        return read_dicom(self.paths[index])

    def plan(
        self,
        *,
        position_tolerance_mm: float = 0.01,
        spacing_tolerance: float = REGULAR_FRACTION,
        orientation_tolerance: float = 1e-4,
    ) -> SeriesPlan:
        """Volumes of the series from headers only (see :func:`plan_series`)."""
        return plan_series(
            self.headers,
            position_tolerance_mm=position_tolerance_mm,
            spacing_tolerance=spacing_tolerance,
            orientation_tolerance=orientation_tolerance,
        )

    def assemble(
        self,
        *,
        position_tolerance_mm: float = 0.01,
        spacing_tolerance: float = REGULAR_FRACTION,
        orientation_tolerance: float = 1e-4,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
    ) -> SeriesAssembly:
        """Volumes with pixels (see :func:`assemble_series`).

        Uncompressed pixel data located by the scan is read straight into the
        volume by ``workers`` threads (default 4: the reads and the first
        touches of the volume's memory wait on the system, not on Python);
        other files are read again and decoded by pydicom. ``progress`` is
        called in the calling thread.
        """
        if workers is None:
            workers = 4
        return assemble_series(
            self.headers,
            position_tolerance_mm=position_tolerance_mm,
            spacing_tolerance=spacing_tolerance,
            orientation_tolerance=orientation_tolerance,
            read_pixels=self.read_instance,
            progress=progress,
            pixel_locations=[self.pixel_locations.get(path) for path in self.paths],
            workers=workers,
        )


@dataclass
class FolderScan:
    """Series found under a folder, and the files skipped (with why)."""

    series: list[Series]
    warnings: list[str]


def read_folder(path: str | os.PathLike[str]) -> FolderScan:
    """Scan a folder recursively (or one file) and group DICOM instances by series.

    Series come in (0020,0011) Series Number order; instances in file-name
    order (which assembly does not rely on).
    """
    root = Path(path)
    by_uid: dict[str, Series] = {}
    warnings: list[str] = []
    for file in _files_under(root):
        try:
            header, location = _read_header(file)
        except UnreadableFile as error:
            warnings.append(note("skipped", why=error.args[0] if error.args else str(error)))
            continue
        meta = getattr(header, "file_meta", None)
        if meta is not None and meta.get("MediaStorageSOPClassUID") == _MEDIA_STORAGE_DIRECTORY:
            continue
        uid = str(header.get("SeriesInstanceUID", "") or "")
        if not uid:
            warnings.append(note("skipped_no_series_uid", file=file.name))
            continue
        series = by_uid.setdefault(uid, Series(series_instance_uid=uid))
        series.headers.append(header)
        series.paths.append(file)
        if location is not None:
            series.pixel_locations[file] = location
    ordered = sorted(
        by_uid.values(),
        key=lambda s: (s.series_number is None, s.series_number or 0, s.description),
    )
    return FolderScan(series=ordered, warnings=warnings)


def read_dicom(path: str | os.PathLike[str], *, stop_before_pixels: bool = False) -> Dataset:
    """Read one DICOM file; :class:`UnreadableFile` (basename + reason) when it is not.

    Files without the 128-byte preamble and "DICM" prefix are accepted only
    when they still parse to an image instance with SOP Class and Series
    Instance UIDs.
    """
    return _parse(path, os.path.basename(os.fspath(path)), stop_before_pixels=stop_before_pixels)


def _read_header(path: Path) -> tuple[Dataset, PixelDataLocation | None]:
    """The header of one file and, when uncompressed, where its pixel data lies."""
    try:
        with open(os.fspath(path), "rb") as fp:
            header = _parse(fp, path.name, stop_before_pixels=True)
            try:
                location = locate_pixel_data(fp, header)
            except (OSError, ValueError):
                location = None  # decoded by pydicom when the volume is filled
            return header, location
    except OSError as error:
        problem = type(error).__name__
        raise UnreadableFile(
            note("unreadable_malformed", file=path.name, problem=problem)
        ) from error


def _parse(
    source: str | os.PathLike[str] | BinaryIO, name: str, *, stop_before_pixels: bool
) -> Dataset:
    """pydicom's ``dcmread`` of a path or an open file, forced when the preamble is missing."""
    try:
        return pydicom.dcmread(source, stop_before_pixels=stop_before_pixels)
    except InvalidDicomError:
        pass
    except Exception as error:
        problem = type(error).__name__
        raise UnreadableFile(note("unreadable_malformed", file=name, problem=problem)) from error
    try:
        if not isinstance(source, str | os.PathLike):
            source.seek(0)
        dataset = pydicom.dcmread(source, stop_before_pixels=stop_before_pixels, force=True)
        if "SOPClassUID" in dataset and "SeriesInstanceUID" in dataset:
            _declare_transfer_syntax(dataset)
            return dataset
    except Exception as error:
        raise UnreadableFile(
            note("unreadable_not_dicom_error", file=name, problem=type(error).__name__)
        ) from error
    raise UnreadableFile(note("unreadable_not_dicom", file=name))


def _declare_transfer_syntax(dataset: Dataset) -> None:
    """A file without meta header: declare the encoding it was read with."""
    if dataset.file_meta.get("TransferSyntaxUID"):
        return
    implicit, little = dataset.original_encoding
    if little is False:
        dataset.file_meta.TransferSyntaxUID = ExplicitVRBigEndian
    elif implicit is False:
        dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    else:
        dataset.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian


def _files_under(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(directory) / name
