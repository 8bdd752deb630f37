"""What the stroke analyses produce: maps and masks on a voxel grid, volumes, warnings.

Every value here is a *suggestion* for the radiologist, who confirms or changes it
in the opinion. Warnings are :class:`viewer.notes.Note` (English text plus a code
the user interface words in the user's language). Grids follow
:class:`viewer.volume.Volume`: arrays indexed ``[slice, row, column]`` (k, j, i)
and a 4x4 ``affine`` mapping ``(i, j, k, 1)`` to patient LPS millimetres.

The ``summary()`` methods return exactly the sections of ``summary.json`` that
``strokelink analyze`` writes (issue #14): keys present only for what was
analysed, ``None`` for a value that does not exist (e.g. a mismatch ratio with a
0 mL core), volumes in mL rounded to 0.1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

FloatMap = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]

#: The perfusion parameters, in the order shown, with their units (issue #14).
PERFUSION_UNITS: dict[str, str] = {
    "CBF": "mL/100 g/min",
    "CBV": "mL/100 g",
    "MTT": "s",
    "Tmax": "s",
    "TTP": "s",
}

#: The thresholds the volumes are defined by (shown in the legend and the opinion).
CORE_RCBF_FRACTION = 0.30  # core: rCBF < 30 % of the contralateral healthy mean
HYPOPERFUSION_TMAX_S = 6.0  # hypoperfusion: Tmax > 6 s
SEVERE_TMAX_S = 10.0  # hypoperfusion intensity ratio: (Tmax > 10 s) / (Tmax > 6 s)
ADC_CORE_THRESHOLD = 620.0  # ADC core: ADC < 620 × 10⁻⁶ mm²/s


@dataclass(frozen=True)
class VoxelGrid:
    """Where a map's voxels lie: shape (slices, rows, columns) and the LPS affine."""

    shape: tuple[int, int, int]
    affine: npt.NDArray[np.float64]
    frame_of_reference_uid: str = ""

    @property
    def voxel_ml(self) -> float:
        """Volume of one voxel in mL (mm³ / 1000)."""
        return float(abs(np.linalg.det(self.affine[:3, :3]))) / 1000.0

    def index_to_lps(self, ijk: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Voxel index (i=column, j=row, k=slice), possibly fractional, to LPS mm."""
        v = np.asarray(ijk, dtype=np.float64)
        return np.asarray(self.affine[:3, :3] @ v + self.affine[:3, 3], dtype=np.float64)

    def lps_to_index(self, xyz: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """LPS mm to fractional voxel index (i, j, k)."""
        p = np.asarray(xyz, dtype=np.float64) - self.affine[:3, 3]
        return np.asarray(np.linalg.solve(self.affine[:3, :3], p), dtype=np.float64)


@dataclass(frozen=True)
class InputFunction:
    """The arterial input (AIF) or venous output (VOF) function and where it was taken."""

    position_lps: tuple[float, float, float]  # centre of the voxels averaged, LPS mm
    voxels: tuple[tuple[int, int, int], ...]  # (k, j, i) of the voxels averaged
    times_s: tuple[float, ...]  # of each frame kept (excluded frames left out)
    enhancement_hu: tuple[float, ...]  # mean HU above the pre-contrast baseline, per time
    chosen_by: str  # "automatic" or "user"
    peak_hu: float
    time_to_peak_s: float
    width_s: float  # full width at half maximum of the first pass

    def summary(self) -> dict[str, Any]:
        return {
            "position_lps_mm": [round(float(v), 1) for v in self.position_lps],
            "voxels": len(self.voxels),
            "chosen_by": self.chosen_by,
            "peak_hu": round(self.peak_hu, 1),
            "time_to_peak_s": round(self.time_to_peak_s, 1),
            "width_s": round(self.width_s, 1),
        }


@dataclass
class PerfusionResult:
    """CT perfusion maps, masks and volumes (module :mod:`viewer.analysis.perfusion`)."""

    grid: VoxelGrid
    maps: dict[str, FloatMap]  # keys of PERFUSION_UNITS; NaN outside ``brain``
    brain: Mask  # tissue analysed (skull, air, CSF and large vessels out)
    core: Mask  # rCBF < 30 % of the contralateral healthy mean
    hypoperfusion: Mask  # Tmax > 6 s (core included)
    severe: Mask  # Tmax > 10 s
    aif: InputFunction
    vof: InputFunction | None
    healthy_cbf: float  # contralateral healthy mean CBF the core threshold is relative to
    excluded_frames: list[int] = field(default_factory=list)  # indices into the input frames
    warnings: list[str] = field(default_factory=list)
    series_instance_uid: str = ""  # of the source 4-D series (one of them when one per phase)
    source_sop_instance_uids: list[str] = field(default_factory=list)

    def volume_ml(self, mask: Mask) -> float:
        return round(float(np.count_nonzero(mask)) * self.grid.voxel_ml, 1)

    @property
    def core_ml(self) -> float:
        return self.volume_ml(self.core)

    @property
    def hypoperfusion_ml(self) -> float:
        return self.volume_ml(self.hypoperfusion)

    @property
    def mismatch_ml(self) -> float:
        """Hypoperfused tissue outside the core (the penumbra)."""
        return self.volume_ml(self.hypoperfusion & ~self.core)

    @property
    def mismatch_ratio(self) -> float | None:
        """Hypoperfusion ÷ core, to 0.1; None with a 0 mL core."""
        core = self.core_ml
        return round(self.hypoperfusion_ml / core, 1) if core > 0 else None

    @property
    def hir(self) -> float | None:
        """Hypoperfusion intensity ratio (Tmax > 10 s ÷ Tmax > 6 s), to 0.01; None without
        hypoperfusion."""
        hypo = np.count_nonzero(self.hypoperfusion)
        return round(np.count_nonzero(self.severe) / hypo, 2) if hypo else None

    def summary(self) -> dict[str, Any]:
        """The ``"ctp"`` section of summary.json."""
        return {
            "core_ml": self.core_ml,
            "hypoperfusion_ml": self.hypoperfusion_ml,
            "mismatch_ml": self.mismatch_ml,
            "mismatch_ratio": self.mismatch_ratio,
            "hir": self.hir,
            "core_definition": f"rCBF < {CORE_RCBF_FRACTION:.0%}",
            "hypoperfusion_definition": f"Tmax > {HYPOPERFUSION_TMAX_S:g} s",
            "healthy_cbf": round(self.healthy_cbf, 1),
            "aif": self.aif.summary(),
            "vof": self.vof.summary() if self.vof is not None else None,
            "excluded_frames": list(self.excluded_frames),
            "warnings": [str(w) for w in self.warnings],
        }


@dataclass
class AdcCoreResult:
    """The MR ADC core (module :mod:`viewer.analysis.adc`)."""

    grid: VoxelGrid  # the ADC series' grid
    adc: FloatMap  # ADC in 10⁻⁶ mm²/s (converted from the header's scaling)
    brain: Mask
    core: Mask  # ADC < 620 inside the brain, CSF excluded, small islands removed
    side: str  # "left", "right", "both" or "none" (the patient's side)
    units_note: str  # how the ADC units were read, e.g. "10^-6 mm2/s (from the series description)"
    warnings: list[str] = field(default_factory=list)
    series_instance_uid: str = ""
    source_sop_instance_uids: list[str] = field(default_factory=list)  # per slice k

    @property
    def core_ml(self) -> float:
        return round(float(np.count_nonzero(self.core)) * self.grid.voxel_ml, 1)


@dataclass
class DwiFlairResult:
    """The DWI–FLAIR mismatch helper (module :mod:`viewer.analysis.mismatch`)."""

    grid: VoxelGrid  # the FLAIR grid the regions are drawn on
    flair: FloatMap  # the FLAIR images (for display with the regions)
    lesion: Mask  # the DWI lesion resampled onto the FLAIR grid
    mirror: Mask  # its mirror across the midline (the contralateral reference region)
    flair_ratio: float | None  # mean FLAIR in the lesion ÷ mean FLAIR in the mirror
    threshold: float  # "FLAIR-negative" suggested below it
    suggestion: str  # "flair-negative", "flair-positive" or "not-assessable"
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "flair_ratio": None if self.flair_ratio is None else round(self.flair_ratio, 3),
            "threshold": self.threshold,
            "suggestion": self.suggestion,
            "lesion_ml": round(float(np.count_nonzero(self.lesion)) * self.grid.voxel_ml, 1),
            "warnings": [str(w) for w in self.warnings],
        }
