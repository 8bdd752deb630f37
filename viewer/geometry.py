"""Slice geometry from DICOM positions: normal, regular grid, gaps and gantry tilt.

Everything here follows PS3.3 C.7.6.2 Image Plane: (0020,0037) Image
Orientation (Patient) gives the row and column direction cosines, their cross
product the slice normal, and (0020,0032) Image Position (Patient) the centre
of each image's first pixel. Slices are placed by projecting their positions
on the normal — never by Instance Number, file name or (0020,1041) Slice
Location — and the slice step comes from positions, never from (0018,0050)
Slice Thickness.

Nothing is silently fixed: a gap, a tilt or an irregular spacing is either
represented faithfully (a sheared affine for a tilt, a slice marked missing
for a gap) and reported in ``warnings``, or refused with
:class:`IrregularGeometry`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# Above this share of gap steps a "missing slices" reading is not credible
# (e.g. a sequential head CT with 2.5 mm posterior-fossa and 5 mm cerebrum
# slices): the spacing is called uneven instead.
MAX_GAP_STEP_FRACTION = 0.25


class IrregularGeometry(ValueError):
    """The slices cannot be represented by one affine (reason in ``args[0]``)."""


@dataclass(frozen=True)
class Orientation:
    """Unit vectors of an image plane, in LPS."""

    row: FloatArray  # direction of increasing column index (along a row)
    column: FloatArray  # direction of increasing row index (down a column)
    normal: FloatArray  # row × column


@dataclass
class SliceGrid:
    """Regular slice grid that holds a stack of sorted, distinct slices.

    ``grid_index[n]`` is the grid position of the n-th real slice; grid
    positions without a real slice are missing slices.
    """

    grid_index: list[int]
    count: int
    step: FloatArray  # LPS vector between neighbouring grid slices (sheared when tilted)
    spacing_mm: float  # distance between grid slices along the normal
    tilt_deg: float
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[int]:
        """Grid positions with no real slice."""
        present = set(self.grid_index)
        return [k for k in range(self.count) if k not in present]


def orientation_of(cosines: Sequence[float], *, orientation_tolerance: float = 1e-4) -> Orientation:
    """Unit row/column/normal vectors from (0020,0037) Image Orientation (Patient).

    Raises :class:`IrregularGeometry` when the cosines are not two unit,
    orthogonal vectors (within a loose 1e-3, writers round them).
    """
    values = np.asarray(cosines, dtype=np.float64)
    row, column = values[:3], values[3:6]
    row_norm, column_norm = float(np.linalg.norm(row)), float(np.linalg.norm(column))
    loose = max(1e-3, orientation_tolerance)
    if abs(row_norm - 1) > loose or abs(column_norm - 1) > loose:
        raise IrregularGeometry("(0020,0037) Image Orientation (Patient) is not two unit vectors")
    if abs(float(row @ column)) > loose:
        raise IrregularGeometry("(0020,0037) Image Orientation (Patient) is not orthogonal")
    row = row / row_norm
    column = column / column_norm
    normal = np.cross(row, column)
    normal /= np.linalg.norm(normal)
    return Orientation(row=row, column=column, normal=normal)


def same_orientation(
    a: Sequence[float], b: Sequence[float], *, orientation_tolerance: float = 1e-4
) -> bool:
    """True when two (0020,0037) values agree within the tolerance (per cosine)."""
    return bool(np.max(np.abs(np.subtract(a, b))) <= orientation_tolerance)


def plane_name(normal: npt.ArrayLike) -> str:
    """ "axial", "coronal", "sagittal" or "oblique" for a slice normal."""
    n = np.abs(np.asarray(normal, dtype=np.float64))
    axis = int(np.argmax(n))
    if n[axis] < math.cos(math.radians(30)):
        return "oblique"
    return ("sagittal", "coronal", "axial")[axis]


def describe_position(position: npt.ArrayLike, normal: npt.ArrayLike) -> str:
    """A slice position for messages: its LPS coordinate along the normal's main axis."""
    axis = int(np.argmax(np.abs(np.asarray(normal, dtype=np.float64))))
    value = float(np.asarray(position, dtype=np.float64)[axis])
    return f"{'xyz'[axis]}={value:.2f} mm"


def fit_slice_grid(
    positions: npt.ArrayLike,
    normal: npt.ArrayLike,
    *,
    position_tolerance_mm: float = 0.01,
    spacing_tolerance: float = 0.01,
) -> SliceGrid:
    """Fit distinct slice positions, sorted along the normal, on a regular grid.

    * The step is the median distance between neighbours along the normal;
      a distance of about n steps (n ≥ 2) is a gap of n − 1 missing slices,
      reported and left on the grid as missing.
    * A step vector not parallel to the normal is a gantry tilt: the grid's
      step keeps the in-plane offset (a sheared affine), reported with its
      angle.
    * Anything else (uneven spacing, positions off a line, more missing
      slices than present ones) raises :class:`IrregularGeometry`.

    ``spacing_tolerance`` is relative to the step; the absolute tolerance is
    the larger of it and ``position_tolerance_mm``.
    """
    points = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
    n = np.asarray(normal, dtype=np.float64)
    if len(points) < 2:
        raise IrregularGeometry("a single slice")
    along = points @ n
    steps = np.diff(along)
    if np.any(steps <= position_tolerance_mm):
        raise IrregularGeometry("slices are not distinct along the normal")
    usual = float(np.median(steps))
    tolerance = max(position_tolerance_mm, spacing_tolerance * usual)
    index = np.rint((along - along[0]) / usual).astype(np.int64)
    if index[-1] > 0:
        usual = float((along[-1] - along[0]) / index[-1])
        index = np.rint((along - along[0]) / usual).astype(np.int64)
    residual = np.abs(along - along[0] - index * usual)
    jumps = np.diff(index)
    gap_steps = int(np.count_nonzero(jumps > 1))
    if (
        float(residual.max()) > tolerance
        or np.any(jumps < 1)
        or gap_steps > max(1, MAX_GAP_STEP_FRACTION * len(jumps))
    ):
        raise IrregularGeometry(
            f"uneven slice spacing: steps from {steps.min():.3f} to {steps.max():.3f} mm "
            f"along the normal (median {float(np.median(steps)):.3f} mm)"
        )
    count = int(index[-1]) + 1
    if count - len(points) > len(points):
        raise IrregularGeometry(
            f"{count - len(points)} slice(s) missing for {len(points)} present "
            f"(steps up to {steps.max():.3f} mm): too sparse for a volume"
        )
    step = (points[-1] - points[0]) / index[-1]
    off_line = points - points[0] - np.outer(index, step)
    worst = float(np.linalg.norm(off_line, axis=1).max())
    if worst > tolerance:
        raise IrregularGeometry(
            f"slice positions are not on a line (up to {worst:.3f} mm off): "
            "irregular table movement or mixed stacks"
        )
    warnings: list[str] = []
    for n_before, jump in enumerate(jumps):
        if jump > 1:
            warnings.append(
                f"{jump - 1} slice(s) missing between "
                f"{describe_position(points[n_before], n)} and "
                f"{describe_position(points[n_before + 1], n)}: shown as not loaded"
            )
    in_plane = step - (step @ n) * n
    offset = float(np.linalg.norm(in_plane))
    tilt = 0.0
    if offset > position_tolerance_mm:
        tilt = math.degrees(math.atan2(offset, float(step @ n)))
    return SliceGrid(
        grid_index=[int(i) for i in index],
        count=count,
        step=step,
        spacing_mm=float(step @ n),
        tilt_deg=tilt,
        warnings=warnings,
    )


def affine_of(
    orientation: Orientation,
    pixel_spacing: tuple[float, float],
    first_position: npt.ArrayLike,
    step: npt.ArrayLike,
) -> FloatArray:
    """The Volume affine: (i=column, j=row, k=slice, 1) → LPS mm.

    (0028,0030) Pixel Spacing is (row spacing, column spacing): a step along
    a row (next column, i) moves by the column spacing, a step down a column
    (next row, j) by the row spacing.
    """
    row_spacing, column_spacing = pixel_spacing
    affine = np.eye(4)
    affine[:3, 0] = orientation.row * column_spacing
    affine[:3, 1] = orientation.column * row_spacing
    affine[:3, 2] = np.asarray(step, dtype=np.float64)
    affine[:3, 3] = np.asarray(first_position, dtype=np.float64)
    return affine
