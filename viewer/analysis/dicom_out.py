"""The stroke analyses as DICOM: Parametric Maps, Segmentations, and ``summary.json``.

Written with highdicom into one folder (names fixed, never taken from DICOM values):

========================  ===================================================  ==========
file                      content                                              grid
========================  ===================================================  ==========
``CBF.dcm`` …             one Parametric Map per perfusion parameter (``CBF``,  CT
``TTP.dcm``               ``CBV``, ``MTT``, ``Tmax``, ``TTP``): float32 values   perfusion
                          in the units of :data:`~viewer.analysis.results.
                          PERFUSION_UNITS` (UCUM in the Real World Value
                          Mapping); Series Description starts with the name
``seg-ctp.dcm``           binary Segmentation, segment 1 "Core" (rCBF < 30 %),  CT
                          segment 2 "Hypoperfusion" (Tmax > 6 s)                 perfusion
``seg-adc-core.dcm``      binary Segmentation, segment 1 "ADC core"             ADC
``summary.json``          :meth:`StudyAnalysis.summary`
========================  ===================================================  ==========

Outside the analysed brain the maps hold NaN in memory; in the Parametric Maps those
voxels are written as :data:`OUTSIDE_BRAIN_VALUE` (0): a quantity map has no "missing"
value, and 0 (no flow, no volume, no time) displays as background. Inside the brain
every value is the engine's. The Real World Value Mapping's range is the range of the
values written.

Each object references the source images of its grid (the CT perfusion's first time
point, or the ADC series) and copies their patient, study and frame of reference.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.sr.coding import Code

from viewer.analysis.results import PERFUSION_UNITS, VoxelGrid
from viewer.analysis.study import StudyAnalysis, software_version

if TYPE_CHECKING:
    from highdicom import PixelMeasuresSequence, PlaneOrientationSequence, PlanePositionSequence

#: What the Parametric Maps hold outside the brain (NaN in the engine's maps).
OUTSIDE_BRAIN_VALUE = 0.0

#: UCUM code and meaning of each parameter's unit.
UCUM: dict[str, tuple[str, str]] = {
    "CBF": ("ml/(100.g.min)", "milliliter per 100 gram per minute"),
    "CBV": ("ml/(100.g)", "milliliter per 100 gram"),
    "MTT": ("s", "second"),
    "Tmax": ("s", "second"),
    "TTP": ("s", "second"),
}

#: Long names of the parameters (Real World Value Mapping explanation).
LONG_NAMES: dict[str, str] = {
    "CBF": "cerebral blood flow",
    "CBV": "cerebral blood volume",
    "MTT": "mean transit time",
    "Tmax": "time to maximum of the residue function",
    "TTP": "time to peak",
}

MANUFACTURER = "StrokeLink"
SUMMARY_NAME = "summary.json"
CTP_SEG_NAME = "seg-ctp.dcm"
ADC_SEG_NAME = "seg-adc-core.dcm"
#: Every file this module writes: all are removed from the folder before a new writing
#: (results of another study, or of a failed run, never stay next to new ones).
RESULT_NAMES: tuple[str, ...] = (
    *(f"{name}.dcm" for name in PERFUSION_UNITS),
    CTP_SEG_NAME,
    ADC_SEG_NAME,
    SUMMARY_NAME,
    SUMMARY_NAME + ".tmp",
)
_FIRST_SERIES_NUMBER = 9001  # well above acquired series numbers

_MORPHOLOGICALLY_ALTERED = Code("49755003", "SCT", "Morphologically Altered Structure")
_INFARCT = Code("55641003", "SCT", "Infarct")
_ISCHEMIA = Code("52674009", "SCT", "Ischemia")


def clear_results(out_dir: Path) -> list[Path]:
    """Remove every file of :data:`RESULT_NAMES` from ``out_dir`` (nothing else);
    returns those removed."""
    removed = []
    for name in RESULT_NAMES:
        path = out_dir / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def write_results(analysis: StudyAnalysis, out_dir: Path) -> list[Path]:
    """Write the DICOM objects and ``summary.json`` into ``out_dir`` (created if needed).
    Every earlier result file (:data:`RESULT_NAMES`) is removed first; ``summary.json``
    is written last and atomically (a temporary file renamed), so its presence means a
    complete writing. Returns the paths written, summary last."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_results(out_dir)
    written: list[Path] = []
    number = _FIRST_SERIES_NUMBER
    perfusion = analysis.perfusion
    if perfusion is not None and analysis.ctp_sources:
        for name in PERFUSION_UNITS:
            if name not in perfusion.maps:
                continue
            pm = parametric_map(
                name, perfusion.maps[name], perfusion.grid, analysis.ctp_sources, number
            )
            written.append(_save(pm, out_dir / f"{name}.dcm"))
            number += 1
        seg = segmentation(
            [
                ("Core", "rCBF < 30 % of the contralateral healthy mean", _INFARCT, perfusion.core),
                ("Hypoperfusion", "Tmax > 6 s", _ISCHEMIA, perfusion.hypoperfusion),
            ],
            perfusion.grid,
            analysis.ctp_sources,
            number,
            "CTP core and hypoperfusion",
        )
        written.append(_save(seg, out_dir / CTP_SEG_NAME))
        number += 1
    adc = analysis.adc
    if adc is not None and analysis.adc_sources:
        seg = segmentation(
            [("ADC core", "ADC < 620 x 10^-6 mm2/s", _INFARCT, adc.core)],
            adc.grid,
            analysis.adc_sources,
            number,
            "ADC core",
        )
        written.append(_save(seg, out_dir / ADC_SEG_NAME))
    summary = out_dir / SUMMARY_NAME
    text = json.dumps(finite(analysis.summary()), indent=2, ensure_ascii=False, allow_nan=False)
    temporary = out_dir / (SUMMARY_NAME + ".tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, summary)
    written.append(summary)
    return written


def finite(value: Any) -> Any:
    """``value`` (JSON-like) with every non-finite number (NaN, ±inf) as None: JSON has
    no such numbers."""
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(float(value)) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _save(ds: Dataset, path: Path) -> Path:
    ds.save_as(path, enforce_file_format=True)
    return path


def parametric_map(
    name: str,
    values: npt.NDArray[np.float32],
    grid: VoxelGrid,
    sources: Sequence[Dataset],
    series_number: int,
) -> Dataset:
    """A Parametric Map of one parameter (``name`` a key of PERFUSION_UNITS)."""
    import highdicom as hd
    from pydicom.uid import generate_uid

    pixels = np.where(np.isfinite(values), values, OUTSIDE_BRAIN_VALUE).astype(np.float32)
    low, high = float(pixels.min()), float(pixels.max())
    if high <= low:
        high = low + 1.0
    code, meaning = UCUM[name]
    mapping = hd.pm.RealWorldValueMapping(
        lut_label=name,
        lut_explanation=f"{name} ({LONG_NAMES[name]}), {PERFUSION_UNITS[name]}",
        unit=Code(code, "UCUM", meaning),
        value_range=(low, high),
        slope=1.0,
        intercept=0.0,
    )
    geometry = _geometry(grid)
    pm = hd.pm.ParametricMap(
        source_images=list(_unique(sources)),
        pixel_array=pixels,
        series_instance_uid=generate_uid(),
        series_number=series_number,
        sop_instance_uid=generate_uid(),
        instance_number=1,
        manufacturer=MANUFACTURER,
        manufacturer_model_name="StrokeLink perfusion",
        software_versions=software_version(),
        device_serial_number="0",
        contains_recognizable_visual_features=False,
        real_world_value_mappings=[mapping],
        voi_lut_transformations=[
            hd.VOILUTTransformation(window_center=(low + high) / 2, window_width=high - low)
        ],
        content_label=name.upper(),
        content_description=f"{name} in {PERFUSION_UNITS[name]}"[:64],
        pixel_measures=geometry.pixel_measures,
        plane_orientation=geometry.plane_orientation,
        plane_positions=geometry.plane_positions,
    )
    pm.SeriesDescription = f"{name} ({PERFUSION_UNITS[name]}) StrokeLink"
    # (0020,0060) Laterality is type 2C, required for a paired body part: the head is
    # not one, which (0018,0015) Body Part Examined says.
    pm.BodyPartExamined = "HEAD"
    return pm


def segmentation(
    segments: Sequence[tuple[str, str, Code, npt.NDArray[np.bool_]]],
    grid: VoxelGrid,
    sources: Sequence[Dataset],
    series_number: int,
    description: str,
) -> Dataset:
    """A binary Segmentation of ``segments`` (label, definition, property type, mask),
    numbered from 1 in order."""
    import highdicom as hd
    from pydicom.sr.codedict import codes
    from pydicom.uid import generate_uid

    algorithm = hd.AlgorithmIdentificationSequence(
        name="StrokeLink",
        version=software_version(),
        family=codes.cid7162.HistogramAnalysis,
    )
    descriptions = [
        hd.seg.SegmentDescription(
            segment_number=n + 1,
            segment_label=label,
            segmented_property_category=_MORPHOLOGICALLY_ALTERED,
            segmented_property_type=kind,
            algorithm_type=hd.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
            algorithm_identification=algorithm,
        )
        for n, (label, _definition, kind, _mask) in enumerate(segments)
    ]
    masks = np.stack([np.asarray(mask, dtype=bool) for *_, mask in segments], axis=-1)
    geometry = _geometry(grid)
    seg = hd.seg.Segmentation(
        source_images=list(_unique(sources)),
        pixel_array=masks.astype(np.uint8),
        segmentation_type=hd.seg.SegmentationTypeValues.BINARY,
        segment_descriptions=descriptions,
        series_instance_uid=generate_uid(),
        series_number=series_number,
        sop_instance_uid=generate_uid(),
        instance_number=1,
        manufacturer=MANUFACTURER,
        manufacturer_model_name="StrokeLink analysis",
        software_versions=software_version(),
        device_serial_number="0",
        content_label="STROKE",
        content_description="; ".join(f"{label}: {d}" for label, d, _, _ in segments)[:64],
        omit_empty_frames=False,
        pixel_measures=geometry.pixel_measures,
        plane_orientation=geometry.plane_orientation,
        plane_positions=geometry.plane_positions,
    )
    seg.SeriesDescription = f"{description} StrokeLink"
    return seg


#: Type 2 attributes highdicom copies from the sources: empty when a source lacks them.
_TYPE_2_COPIED = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
    "StudyID", "AccessionNumber", "ReferringPhysicianName",
)  # fmt: skip


def _unique(sources: Sequence[Dataset]) -> list[Dataset]:
    """Each source instance once (a multi-frame one repeats per slice), as a shallow
    copy with the type 2 attributes highdicom copies present (empty when absent)."""
    seen: set[str] = set()
    out = []
    for ds in sources:
        uid = str(ds.SOPInstanceUID)
        if uid in seen:
            continue
        seen.add(uid)
        copy = Dataset(ds)
        meta = getattr(ds, "file_meta", None)
        if meta is not None:
            copy.file_meta = meta
        for keyword in _TYPE_2_COPIED:
            if keyword not in copy:
                setattr(copy, keyword, "")
        out.append(copy)
    return out


@dataclass
class _Geometry:
    pixel_measures: PixelMeasuresSequence
    plane_orientation: PlaneOrientationSequence
    plane_positions: list[PlanePositionSequence]


def _geometry(grid: VoxelGrid) -> _Geometry:
    """Pixel measures, orientation and one plane position per slice k, from the grid's
    affine (so frame k of the object is slice k of the grid, whatever the sources'
    order)."""
    import highdicom as hd

    axes = grid.affine[:3, :3]
    norms = np.linalg.norm(axes, axis=0)
    row_dir, col_dir = axes[:, 0] / norms[0], axes[:, 1] / norms[1]
    slices = grid.shape[0]
    positions = [
        hd.PlanePositionSequence(
            coordinate_system=hd.CoordinateSystemNames.PATIENT,
            image_position=[float(v) for v in grid.index_to_lps([0, 0, k])],
        )
        for k in range(slices)
    ]
    return _Geometry(
        pixel_measures=hd.PixelMeasuresSequence(
            pixel_spacing=(float(norms[1]), float(norms[0])),
            slice_thickness=float(norms[2]),
            spacing_between_slices=float(norms[2]),
        ),
        plane_orientation=hd.PlaneOrientationSequence(
            coordinate_system=hd.CoordinateSystemNames.PATIENT,
            image_orientation=[float(v) for v in (*row_dir, *col_dir)],
        ),
        plane_positions=positions,
    )
