"""Slice geometry from DICOM positions: normal, regular grid, gaps and gantry tilt.

Everything here follows PS3.3 C.7.6.2 Image Plane: (0020,0037) Image
Orientation (Patient) gives the row and column direction cosines, their cross
product the slice normal, and (0020,0032) Image Position (Patient) the centre
of each image's first pixel. Slices are placed by projecting their positions
on the normal — never by Instance Number, file name or (0020,1041) Slice
Location — and the slice step comes from positions, never from (0018,0050)
Slice Thickness.

Positions are fitted on a regular grid by least squares (spacing and origin
fitted, each slice on its nearest grid place), and tolerances are fractions
of a voxel, not absolute millimetres: scanners write positions to a few
decimals and their tables jitter by a few percent of the spacing
(docs/geometry.md gives the numbers and what Slicer, dcm2niix and highdicom
do).

Nothing is silently fixed: a gap, a tilt or an irregular spacing is either
represented faithfully (a sheared affine for a tilt, a slice marked missing
for a gap, a warning naming the worst slice's acquired position when slices
sit off the grid) and reported in ``warnings``, or refused with
:class:`IrregularGeometry`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from viewer.notes import note

FloatArray = npt.NDArray[np.float64]

# A slice within this share of a voxel of its place on the fitted grid is regular
# (docs/geometry.md): positions written to 0.01 mm or jittered by a few percent of
# the spacing stay well inside it, and a 10 % shift is below what a reformat shows.
REGULAR_FRACTION = 0.1
# From half a voxel on, a slice is nearer another grid place than its own: not a volume.
IRREGULAR_FRACTION = 0.5
_REFIT_ROUNDS = 5

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
    origin: FloatArray  # LPS of grid position 0 (fitted, not the first slice's position)
    # per real slice: signed distance along the normal from its grid place, mm
    off_normal_mm: FloatArray
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[int]:
        """Grid positions with no real slice."""
        present = set(self.grid_index)
        return [k for k in range(self.count) if k not in present]

    def acquired_offsets(self, regular_fraction: float = REGULAR_FRACTION) -> FloatArray | None:
        """Per grid position, the signed distance along the normal (mm) from where its slice
        is shown to where it was acquired (NaN for a missing slice) — or None when every
        slice lies within ``regular_fraction`` of the spacing of its place (nothing to say).
        """
        worst = float(np.max(np.abs(self.off_normal_mm))) if len(self.off_normal_mm) else 0.0
        if worst <= regular_fraction * abs(self.spacing_mm):
            return None
        offsets = np.full(self.count, np.nan)
        offsets[self.grid_index] = self.off_normal_mm
        return offsets


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
        raise IrregularGeometry(note("orientation_not_unit"))
    if abs(float(row @ column)) > loose:
        raise IrregularGeometry(note("orientation_not_orthogonal"))
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
    pixel_spacing_mm: float | None = None,
    regular_fraction: float = REGULAR_FRACTION,
) -> SliceGrid:
    """Fit distinct slice positions, sorted along the normal, on a regular grid.

    The grid is a least-squares fit of all positions (docs/geometry.md):

    1. each step between neighbours along the normal is rounded to a whole
       number of usual steps (the median step): 1 for neighbours, n ≥ 2 for a
       gap of n − 1 missing slices. Numbering step by step, not by dividing
       each position by a rounded step, leaves no drift over long series;
    2. spacing and origin along the normal are fitted to these grid indices
       (least squares), each slice is moved to its nearest index of the
       fitted grid, and the fit is repeated until the indices stay put;
    3. the 3-D step (sheared by a gantry tilt) and origin are fitted the
       same way to the LPS positions.

    Every slice is then compared with its grid place, in fractions of a voxel:
    along the normal against the fitted spacing, in the image plane against
    ``pixel_spacing_mm`` (the spacing when not given).

    * all within ``regular_fraction``: a regular volume, no warning (positions
      written to a few decimals, table jitter of a few percent);
    * some further, but less than half a voxel: still a volume (every slice is
      nearer its own grid place than any other), with a warning naming the
      worst slice's acquired and displayed positions;
    * half a voxel or more, slices less than half a usual step apart, more
      gaps than :data:`MAX_GAP_STEP_FRACTION` or more missing slices than
      present ones: :class:`IrregularGeometry`.

    A gap stays on the grid as missing slices (reported); a step not parallel
    to the normal is a gantry tilt, kept in the grid's step (a sheared affine)
    and reported with its angle.
    """
    points = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
    n = np.asarray(normal, dtype=np.float64)
    if len(points) < 2:
        raise IrregularGeometry(note("single_slice"))
    along = points @ n
    steps = np.diff(along)
    if np.any(steps <= 0):
        raise IrregularGeometry(note("slices_not_distinct"))
    usual = float(np.median(steps))
    uneven = note(
        "uneven_steps",
        low=f"{steps.min():.3f}",
        high=f"{steps.max():.3f}",
        median=f"{usual:.3f}",
    )
    index = _grid_indices(along, usual, uneven)
    spacing, origin_along = _fit_line(index, along)
    jumps = np.diff(index)
    gap_steps = int(np.count_nonzero(jumps > 1))
    if gap_steps > max(1, MAX_GAP_STEP_FRACTION * len(jumps)):
        raise IrregularGeometry(uneven)
    count = int(index[-1]) + 1
    if count - len(points) > len(points):
        raise IrregularGeometry(
            note(
                "too_sparse",
                missing=count - len(points),
                present=len(points),
                high=f"{steps.max():.3f}",
            )
        )
    off_normal = along - (origin_along + index * spacing)
    worst_along = int(np.argmax(np.abs(off_normal)))
    along_fraction = abs(float(off_normal[worst_along])) / spacing
    if along_fraction >= IRREGULAR_FRACTION:
        raise IrregularGeometry(
            note("off_grid", uneven=uneven, offset=f"{abs(float(off_normal[worst_along])):.2f}")
        )
    pixel = spacing if pixel_spacing_mm is None else float(pixel_spacing_mm)
    step, origin, tilted = _fit_step(index, points, n, spacing, regular_fraction * pixel)
    off_grid = points - origin - np.outer(index, step)
    in_plane = np.linalg.norm(off_grid - np.outer(off_grid @ n, n), axis=1)
    worst_plane = int(np.argmax(in_plane))
    plane_fraction = float(in_plane[worst_plane]) / pixel
    if plane_fraction >= IRREGULAR_FRACTION:
        raise IrregularGeometry(
            note(
                "not_on_a_line",
                offset=f"{in_plane[worst_plane]:.2f}",
                fraction=f"{plane_fraction:.0%}",
            )
        )
    warnings = _gap_warnings(points, index, n)
    if along_fraction > regular_fraction:
        shown = origin + index[worst_along] * step
        warnings.append(
            note(
                "uneven_spacing",
                offset=f"{abs(float(off_normal[worst_along])):.2f}",
                fraction=f"{along_fraction:.0%}",
                spacing=f"{spacing:.3f}",
                acquired=describe_position(points[worst_along], n),
                shown=describe_position(shown, n),
            )
        )
    if plane_fraction > regular_fraction:
        warnings.append(
            note(
                "off_line",
                offset=f"{in_plane[worst_plane]:.2f}",
                fraction=f"{plane_fraction:.0%}",
            )
        )
    tilt = 0.0
    if tilted:
        offset = float(np.linalg.norm(step - (step @ n) * n))
        tilt = math.degrees(math.atan2(offset, float(step @ n)))
    return SliceGrid(
        grid_index=[int(i) for i in index],
        count=count,
        step=step,
        spacing_mm=float(step @ n),
        tilt_deg=tilt,
        origin=origin,
        off_normal_mm=off_normal,
        warnings=warnings,
    )


def _grid_indices(along: FloatArray, usual: float, uneven: str) -> npt.NDArray[np.int64]:
    """Grid index of each sorted slice: steps rounded one by one, then nearest fitted place."""
    increments = np.rint(np.diff(along) / usual).astype(np.int64)
    if np.any(increments < 1):
        raise IrregularGeometry(uneven)
    index = np.concatenate([[0], np.cumsum(increments)])
    for _ in range(_REFIT_ROUNDS):
        spacing, origin = _fit_line(index, along)
        nearest = np.rint((along - origin) / spacing).astype(np.int64)
        nearest -= nearest[0]
        if np.array_equal(nearest, index):
            return index
        if np.any(np.diff(nearest) < 1):
            raise IrregularGeometry(uneven)
        index = nearest
    return index


def _fit_line(index: npt.NDArray[np.int64], values: FloatArray) -> tuple[float, float]:
    """Least-squares ``values ≈ origin + slope × index``: (slope, origin)."""
    x = index.astype(np.float64)
    x_mean, v_mean = float(x.mean()), float(values.mean())
    dx = x - x_mean
    slope = float(dx @ (values - v_mean) / (dx @ dx))
    return slope, v_mean - slope * x_mean


def _fit_step(
    index: npt.NDArray[np.int64],
    points: FloatArray,
    normal: FloatArray,
    spacing: float,
    negligible_mm: float,
) -> tuple[FloatArray, FloatArray, bool]:
    """The 3-D grid step and origin fitted to the positions (least squares), and whether
    the step is tilted off the normal.

    An in-plane drift that adds up to no more than ``negligible_mm`` over the
    whole stack is rounding, not a tilt: the step is then along the normal.
    """
    x = index.astype(np.float64)
    x_mean = float(x.mean())
    centre = points.mean(axis=0)
    dx = x - x_mean
    step = np.asarray(dx @ (points - centre) / (dx @ dx), dtype=np.float64)
    perpendicular = step - (step @ normal) * normal
    tilted = float(np.linalg.norm(perpendicular)) * float(x[-1]) > negligible_mm
    if not tilted:
        step = spacing * normal
    origin = np.asarray(centre - x_mean * step, dtype=np.float64)
    return step, origin, tilted


def _gap_warnings(
    points: FloatArray, index: npt.NDArray[np.int64], normal: FloatArray
) -> list[str]:
    warnings: list[str] = []
    for before in np.flatnonzero(np.diff(index) > 1):
        missing = int(index[before + 1] - index[before]) - 1
        warnings.append(
            note(
                "slices_missing",
                count=missing,
                first=describe_position(points[before], normal),
                second=describe_position(points[before + 1], normal),
            )
        )
    return warnings


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
