"""The ``Volume``: a regularly sampled 3-D image in patient space.

This is the one type the imaging layer hands around: volume assembly
(:mod:`viewer.assembly`) produces it from DICOM datasets, the VTK pipelines
render it. Geometry follows DICOM PS3.3 C.7.6.2 Image Plane:

* ``array`` is indexed ``[slice, row, column]`` (k, j, i), C-contiguous, in
  modality units ((0028,1052) Rescale Intercept / (0028,1053) Rescale Slope
  applied): ``int16`` when the rescale keeps integers, ``float32`` otherwise,
  never ``float64``.
* ``affine`` maps the voxel index ``(i, j, k, 1)`` = (column, row, slice) to
  patient coordinates in millimetres, DICOM LPS (x to the patient's Left, y to
  Posterior, z to Superior). Column 0 of the matrix is the step along a row
  (from (0020,0037) Image Orientation (Patient) row cosines × column spacing),
  column 1 the step down a column, column 2 the slice step (from positions,
  not (0018,0050) Slice Thickness), column 3 the position of the first voxel.
* ``loaded`` marks which slices hold real data: for progressive loading the
  renderer draws a slice whose flag is False as visibly "not loaded", never as
  zeros. Such slices (not yet received, or missing from the series: a gap on
  the regular slice grid) hold :data:`NOT_LOADED_VALUE` in ``array``.
* ``label`` tells sub-volumes of one series apart (e.g. "b=1000", "t=12.0 s");
  empty when the series is one volume.
* ``acquired_offsets_mm`` is set only for a volume whose slices lie further than
  :data:`viewer.geometry.REGULAR_FRACTION` of the spacing from the fitted
  regular grid (a volume with an "uneven slice spacing" warning): per slice k,
  the signed distance in mm along the slice normal ((0020,0037) row × column)
  from where slice k is drawn to where it was acquired, NaN for a missing
  slice. The native view's caption states the acquired position
  (:func:`viewer.captions.slice_position_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

# Voxel value of slices whose ``loaded`` flag is False (int16 minimum; also used
# in float32 volumes), far below any CT or MR value so a MIP never shows them.
NOT_LOADED_VALUE = -32768


@dataclass(frozen=True)
class PatientBanner:
    """Identity shown on every view (safety invariant 3)."""

    name: str = ""
    patient_id: str = ""
    issuer: str = ""
    birth_date: str = ""
    sex: str = ""
    study_description: str = ""
    series_description: str = ""
    study_date: str = ""


@dataclass(eq=False)
class Volume:
    """A 3-D image with its LPS geometry (see module docstring)."""

    array: npt.NDArray[np.int16] | npt.NDArray[np.float32]
    affine: npt.NDArray[np.float64]
    series_instance_uid: str = ""
    frame_of_reference_uid: str = ""
    modality: str = ""
    kind: str = "other"
    banner: PatientBanner = field(default_factory=PatientBanner)
    # (width, centre) from (0028,1051) Window Width / (0028,1050) Window Center
    default_window: tuple[float, float] | None = None
    warnings: list[str] = field(default_factory=list)
    loaded: npt.NDArray[np.bool_] | None = None
    label: str = ""
    acquired_offsets_mm: npt.NDArray[np.float64] | None = None

    def __post_init__(self) -> None:
        if self.array.ndim != 3:
            raise ValueError(f"a Volume is 3-D, got shape {self.array.shape}")
        if self.array.dtype not in (np.int16, np.float32):
            raise ValueError(f"a Volume is int16 or float32, got {self.array.dtype}")
        self.affine = np.asarray(self.affine, dtype=np.float64)
        if self.affine.shape != (4, 4):
            raise ValueError("affine must be 4x4")
        if self.loaded is None:
            self.loaded = np.ones(self.array.shape[0], dtype=bool)

    @property
    def shape(self) -> tuple[int, int, int]:
        """(slices, rows, columns)."""
        s = self.array.shape
        return (s[0], s[1], s[2])

    @property
    def spacing(self) -> tuple[float, float, float]:
        """Voxel size in mm along (column, row, slice) = (x, y, z) index axes."""
        norms = np.linalg.norm(self.affine[:3, :3], axis=0)
        return (float(norms[0]), float(norms[1]), float(norms[2]))

    @property
    def direction(self) -> npt.NDArray[np.float64]:
        """3x3 matrix of unit column vectors: row direction, column direction, slice direction."""
        m = self.affine[:3, :3]
        return np.asarray(m / np.linalg.norm(m, axis=0), dtype=np.float64)

    def index_to_lps(self, ijk: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Voxel index (i=column, j=row, k=slice), possibly fractional, to LPS mm."""
        v = np.asarray(ijk, dtype=np.float64)
        return np.asarray(self.affine[:3, :3] @ v + self.affine[:3, 3], dtype=np.float64)

    def lps_to_index(self, xyz: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """LPS mm to fractional voxel index (i, j, k)."""
        p = np.asarray(xyz, dtype=np.float64) - self.affine[:3, 3]
        return np.asarray(np.linalg.solve(self.affine[:3, :3], p), dtype=np.float64)

    def centre_lps(self) -> npt.NDArray[np.float64]:
        """Patient coordinates of the volume's centre."""
        k, j, i = self.shape
        return self.index_to_lps([(i - 1) / 2, (j - 1) / 2, (k - 1) / 2])
