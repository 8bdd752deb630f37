"""Writing one study: its series as DICOM files, and the truth about them.

:class:`CaseWriter` writes the series of a case (NCCT, CTA, MR DWI/ADC/FLAIR)
on fixed, realistic acquisition grids and collects the ``truth.json`` entries;
the ``measure_*`` functions measure planted findings on the voxels of a series
(slice centres), never copying them from the recipe.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydicom.uid import ExplicitVRLittleEndian

from minihub.synth.dicomfiles import (
    Instance,
    Patient,
    PixelFormat,
    Series,
    Study,
    make_uid,
    series_template,
    write_instances,
)
from minihub.synth.phantom import LANDMARKS, PARENCHYMA, tissue_labels
from minihub.synth.render import (
    B_VALUE,
    Grid,
    Lesion,
    Scene,
    adc_map,
    axial_grid,
    iter_ct_slices,
    lesion_mask,
    mr_chunk,
    rician,
    series_key,
)
from minihub.synth.vessels import Flow, paint_arteries

Truth = dict[str, Any]

STUDY_DATE = "20240312"
DEMO_ISSUER = "STROKELINK-DEMO"
# Where each acquisition puts the centre of the head (patient LPS, mm): the
# midline is x = 0; y and z are the table's, not zero.
CT_HEAD_CENTRE = (0.0, 8.0, -150.0)
MR_HEAD_CENTRE = (0.0, -6.0, 18.0)
CT_NOISE_HU = 4.0
CTA_NOISE_HU = 5.0
MR_NOISE = 12.0

NCCT_PIXELS = PixelFormat(bits_stored=12, signed=False, rescale_intercept=-1024.0)
CTA_PIXELS = PixelFormat(
    bits_stored=16, signed=True, rescale_intercept=-1024.0, padding_value=-2000
)
MR_PIXELS = PixelFormat(bits_stored=12, signed=False)

CT_ACQUISITION = {
    "KVP": "120",
    "DataCollectionDiameter": "500",
    "ReconstructionDiameter": "240",
    "GantryDetectorTilt": "0",
    "TableHeight": "150",
    "RotationDirection": "CW",
    "ExposureTime": "1000",
    "XRayTubeCurrent": 280,
    "Exposure": 280,
    "FilterType": "HEAD",
    "ConvolutionKernel": "STANDARD",
}


def ncct_grid(*, rows: int = 512, columns: int = 512) -> Grid:
    """30 contiguous 5 mm slices, 0.47 mm pixels, foramen magnum to vertex."""
    return axial_grid(
        rows=rows,
        columns=columns,
        pixel_mm=240.0 / columns,
        slices=30,
        thickness_mm=5.0,
        first_z_mm=CT_HEAD_CENTRE[2] - 65.0,
    )


def cta_grid() -> Grid:
    """200 slices of 0.625 mm over the circle of Willis, 0.45 mm pixels."""
    return axial_grid(
        rows=512,
        columns=512,
        pixel_mm=230.0 / 512,
        slices=200,
        thickness_mm=0.625,
        first_z_mm=CT_HEAD_CENTRE[2] - 75.0,
    )


def mr_grid() -> Grid:
    """30 contiguous 5 mm slices, 256 × 256 at 0.9 mm."""
    return axial_grid(
        rows=256,
        columns=256,
        pixel_mm=0.9,
        slices=30,
        thickness_mm=5.0,
        first_z_mm=MR_HEAD_CENTRE[2] - 62.5,
    )


@dataclass
class CaseWriter:
    """Writes the series of one case under ``folder`` and collects its truth."""

    name: str
    folder: Path
    seed: int
    patient: Patient
    study: Study

    def __post_init__(self) -> None:
        self.series: list[Truth] = []
        self.findings: list[Truth] = []

    def uid(self, *parts: str) -> str:
        return make_uid(self.seed, self.name, *parts)

    def series_info(self, number: int, kind: str, description: str, **kw: Any) -> Series:
        return Series(
            uid=self.uid("series", str(number)),
            number=number,
            description=description,
            kind=kind,
            modality=kw.pop("modality", "CT"),
            frame_of_reference_uid=self.uid("frame-of-reference", kw.pop("acquisition", "1")),
            time=kw.pop("time"),
            protocol=kw.pop("protocol", "STROKE"),
            image_type=kw.pop("image_type", ("ORIGINAL", "PRIMARY", "AXIAL")),
            windows=kw.pop("windows"),
        )

    def write(
        self,
        series: Series,
        grid: Grid,
        pixels: PixelFormat,
        extra: Mapping[Any, Any],
        instances: Iterator[Instance],
    ) -> None:
        folder = self.folder / f"{series.number:02d}-{series.kind}"
        template = series_template(
            self.patient,
            self.study,
            series,
            grid,
            pixels=pixels,
            transfer_syntax=ExplicitVRLittleEndian,
            extra=extra,
        )
        count = write_instances(
            template, grid, instances, folder, lambda n: self.uid("instance", series.uid, str(n))
        )
        self.series.append(
            {
                "series_instance_uid": series.uid,
                "series_number": series.number,
                "description": series.description,
                "kind": series.kind,
                "modality": series.modality,
                "folder": folder.name,
                "instances": count,
                "frame_of_reference_uid": series.frame_of_reference_uid,
                "rows": grid.rows,
                "columns": grid.columns,
                "pixel_spacing_mm": grid.pixel_mm,
                "slice_thickness_mm": grid.slice_thickness_mm,
                "z_range_mm": [grid.z_mm[0], grid.z_mm[-1]],
            }
        )

    def ct(self, series: Series, grid: Grid, scene: Scene, *, contrast: bool) -> None:
        """A CT series; NCCT is stored unsigned 12-bit, CTA signed with FOV padding."""
        pixels = CTA_PIXELS if contrast else NCCT_PIXELS
        extra = dict(CT_ACQUISITION)
        if contrast:
            extra |= {
                "ContrastBolusAgent": "Iodinated contrast 350 mg I/mL",
                "ContrastBolusRoute": "IV",
                "ContrastBolusVolume": "60",
            }
        outside = _outside_fov(grid) if pixels.padding_value is not None else None
        n = len(grid.z_mm)
        noise = CTA_NOISE_HU if contrast else CT_NOISE_HU
        key = series_key(f"{self.name}/{series.kind}")

        def instances() -> Iterator[Instance]:
            for k, hu in iter_ct_slices(
                scene, grid, contrast=contrast, noise_sd=noise, seed=self.seed, key=key
            ):
                stored = pixels.store(hu)
                if outside is not None and pixels.padding_value is not None:
                    stored[outside] = pixels.padding_value
                # NCCT from the vertex down, CTA caudo-cranial like its acquisition.
                yield Instance(k, k + 1 if contrast else n - k, stored, {})

        self.write(series, grid, pixels, extra, instances())

    def truth(self, scene: Scene, purpose: str, expected: dict[str, Any], **more: Any) -> Truth:
        for finding in self.findings:
            finding["series_instance_uids"] = [
                s["series_instance_uid"] for s in self.series if s["kind"] in finding["visible_on"]
            ]
        return {
            "schema": "strokelink-synth-truth/1",
            "case": self.name,
            "purpose": purpose,
            "seed": self.seed,
            "coordinates": "DICOM patient coordinates (LPS), mm: +x patient's left, "
            "+y posterior, +z superior",
            "midline_x_mm": scene.head_centre[0],
            "landmarks_lps_mm": {name: to_patient(scene, p) for name, p in LANDMARKS.items()},
            "patient": {
                "name": self.patient.name,
                "patient_id": self.patient.patient_id,
                "issuer_of_patient_id": self.patient.issuer,
                "birth_date": self.patient.birth_date,
                "sex": self.patient.sex,
                "identified": self.patient.identified,
            },
            "study": {
                "study_instance_uid": self.study.uid,
                "accession_number": self.study.accession_number,
                "study_id": self.study.study_id,
                "study_date": self.study.date,
                "study_time": self.study.time,
                "description": self.study.description,
            },
            "series": self.series,
            "findings": self.findings,
            "expected": expected,
            **more,
        }


def _outside_fov(grid: Grid) -> np.ndarray:
    """Pixels outside the circular reconstruction field of view."""
    cx, cy = grid.centre_xy
    r = grid.columns * grid.pixel_mm / 2
    return np.asarray(
        ((grid.x_mm - cx)[None, :] ** 2 + (grid.y_mm - cy)[:, None] ** 2) > r * r, dtype=bool
    )


def _centroid(grid: Grid, scene: Scene, idx: tuple[np.ndarray, ...]) -> list[float]:
    k, j, i = idx
    x = grid.x_mm[i].mean()
    y = grid.y_mm[j].mean()
    z = np.asarray(grid.z_mm)[k].mean()
    return [round(float(v), 2) for v in (x, y, z)]


def measure_lesion(grid: Grid, scene: Scene, lesion: Lesion) -> tuple[list[float], float]:
    """(centroid LPS mm, volume mL) of the lesion's voxels on ``grid`` (slice centres)."""
    x, y, z = scene.head_axes(grid)
    labels = tissue_labels(x, y, z)
    found = lesion_mask(lesion, labels, x, y, z)
    if found is None:
        raise ValueError(f"{lesion.kind} lies outside the grid")
    (sz, sy, sx), mask = found
    k, j, i = np.nonzero(mask)
    idx = (k + sz.start, j + sy.start, i + sx.start)
    return _centroid(grid, scene, idx), round(k.size * grid.voxel_ml, 3)


ADC_CORE_THRESHOLD = 620.0  # 10^-6 mm²/s: the ADC core (viewer.analysis.adc)


def measure_adc_core(grid: Grid, scene: Scene) -> float:
    """Volume (mL) of the ADC core on ``grid``: voxels whose *noise-free* ADC is below
    620 × 10⁻⁶ mm²/s and whose centre lies in the parenchyma (CSF, bone and scalp out).

    The noise-free ADC is computed from the noise-free b0 and b1000 as the ADC series
    is (same sub-slice averaging, so partial volume included), without the noise."""
    images = mr_chunk(scene, grid, 0, len(grid.z_mm))
    adc = adc_map(images.b0, images.b1000, threshold=150.0)
    x, y, z = scene.head_axes(grid)
    brain = np.isin(tissue_labels(x, y, z), np.array(PARENCHYMA, dtype=np.uint8))
    count = int(np.count_nonzero(brain & (adc < ADC_CORE_THRESHOLD)))
    return round(count * grid.voxel_ml, 3)


def measure_clot(grid: Grid, scene: Scene) -> tuple[list[float], float]:
    """(centroid, volume mL) of the voxels at least half filled with thrombus."""
    x, y, z = scene.head_axes(grid)
    frac = np.zeros((z.size, y.size, x.size), dtype=np.float32)
    paint_arteries(
        frac,
        (x, y, z),
        list(scene.arteries),
        lambda a: 1.0 if a.flow is Flow.CLOT else None,
        slice_thickness_mm=grid.slice_thickness_mm,
    )
    idx = np.nonzero(frac >= 0.5)
    return _centroid(grid, scene, idx), round(idx[0].size * grid.voxel_ml, 4)


def to_patient(scene: Scene, point: tuple[float, float, float]) -> list[float]:
    """A head-frame point in the scene's patient coordinates (LPS mm)."""
    return [round(p + c, 2) for p, c in zip(point, scene.head_centre, strict=True)]


def ncct_series(case: CaseWriter, time: str) -> Series:
    return case.series_info(
        2,
        "ncct",
        "NCCT HEAD 5mm",
        time=time,
        protocol="STROKE HEAD NCCT",
        windows=((40.0, 80.0, "BRAIN"), (500.0, 2000.0, "BONE")),
    )


# --- the cases -------------------------------------------------------------------------------


MR_ACQUISITION = {
    "MRAcquisitionType": "2D",
    "MagneticFieldStrength": "1.5",
    "ImagedNucleus": "1H",
    "ImagingFrequency": "63.68",
    "NumberOfAverages": "1",
    "SpacingBetweenSlices": "5",
    "PixelBandwidth": "1200",
    "EchoNumbers": "1",
}
DIFFUSION = {
    "ScanningSequence": "EP",
    "SequenceVariant": "SP",
    "ScanOptions": "FS",
    "RepetitionTime": "5200",
    "EchoTime": "89",
    "EchoTrainLength": "1",
    "FlipAngle": "90",
}
SIEMENS_B_VALUE = 0x0019100C  # (0019,100C) B_value in the "SIEMENS MR HEADER" private block


def write_mr(case: CaseWriter, scene: Scene, grid: Grid) -> None:
    """DWI (b0 and b1000 trace in one series), ADC map and FLAIR, one frame of reference."""
    n = len(grid.z_mm)
    images = mr_chunk(scene, grid, 0, n)
    key = series_key(f"{case.name}/mr")
    b0 = [rician(images.b0[k], MR_NOISE, (case.seed, key, k, 0)) for k in range(n)]
    b1000 = [rician(images.b1000[k], MR_NOISE, (case.seed, key, k, 2)) for k in range(n)]
    dwi = case.series_info(
        4,
        "dwi",
        "DWI b0 b1000 TRACE",
        modality="MR",
        time="071512",
        protocol="STROKE DWI",
        image_type=("ORIGINAL", "PRIMARY", "DIFFUSION", "NONE"),
        windows=((800.0, 1600.0, "B0"),),
    )
    extra = MR_ACQUISITION | DIFFUSION | {"SequenceName": "*ep_b0"}

    def dwi_instances() -> Iterator[Instance]:
        for b, stack, seq in ((0, b0, "*ep_b0"), (int(B_VALUE), b1000, "*ep_b1000t")):
            centre, width = (800, 1600) if b == 0 else (450, 900)
            for k in range(n):
                yield Instance(
                    k,
                    k + 1 + (n if b else 0),
                    MR_PIXELS.store(stack[k]),
                    {
                        "DiffusionBValue": float(b),
                        "DiffusionDirectionality": "ISOTROPIC" if b else "NONE",
                        "SequenceName": seq,
                        "ImageComments": f"b={b}" + (" trace" if b else ""),
                        SIEMENS_B_VALUE: str(b),
                        "WindowCenter": str(centre),
                        "WindowWidth": str(width),
                        "WindowCenterWidthExplanation": f"B{b}",
                    },
                )

    template_extra = extra | {
        "DiffusionBValue": 0.0,
        "DiffusionDirectionality": "NONE",
        0x00190010: ("LO", "SIEMENS MR HEADER"),
        SIEMENS_B_VALUE: ("IS", "0"),
    }
    case.write(dwi, grid, MR_PIXELS, template_extra, dwi_instances())
    adc = case.series_info(
        5,
        "adc",
        "ADC (10^-6 mm2/s)",
        modality="MR",
        time="071512",
        protocol="STROKE DWI",
        image_type=("DERIVED", "PRIMARY", "DIFFUSION", "ADC"),
        windows=((1000.0, 2000.0, "ADC"),),
    )
    maps = [adc_map(b0[k], b1000[k], threshold=150.0) for k in range(n)]
    case.write(
        adc,
        grid,
        MR_PIXELS,
        extra | {"SequenceName": "*ep_b0_1000", "ImageComments": "ADC"},
        (Instance(k, k + 1, MR_PIXELS.store(maps[k]), {}) for k in range(n)),
    )
    flair = case.series_info(
        7,
        "flair",
        "FLAIR AXIAL 5mm",
        modality="MR",
        time="072140",
        protocol="STROKE FLAIR",
        image_type=("ORIGINAL", "PRIMARY", "OTHER"),
        windows=((420.0, 840.0, "FLAIR"),),
    )
    flair_extra = MR_ACQUISITION | {
        "ScanningSequence": ["SE", "IR"],
        "SequenceVariant": ["SK", "SP", "MP"],
        "ScanOptions": "",
        "RepetitionTime": "9000",
        "EchoTime": "90",
        "InversionTime": "2500",
        "EchoTrainLength": "16",
        "FlipAngle": "150",
        "SequenceName": "*tir2d1_16",
    }
    flair_images = [rician(images.flair[k], MR_NOISE, (case.seed, key, k, 4)) for k in range(n)]
    case.write(
        flair,
        grid,
        MR_PIXELS,
        flair_extra,
        (Instance(k, n - k, MR_PIXELS.store(flair_images[k]), {}) for k in range(n)),
    )
