"""Measurements on patient geometry: distances, ROI statistics, ABC/2 volume.

Pure functions (numpy only). Points are DICOM LPS millimetres; ROI statistics
run on a resliced 2-D plane (e.g. ``MprViewer.plane_image(view)``) whose pixel
spacing is given in mm. The VTK drawing of rulers and ROIs belongs to the
interactive (Qt) layer and is not here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def distance_mm(p: npt.ArrayLike, q: npt.ArrayLike) -> float:
    """Euclidean distance between two LPS points, in mm."""
    a = np.asarray(p, dtype=np.float64).reshape(3)
    b = np.asarray(q, dtype=np.float64).reshape(3)
    return float(np.linalg.norm(a - b))


@dataclass(frozen=True)
class RoiStats:
    """Statistics of the pixels inside a region of interest (modality units, e.g. HU)."""

    mean: float
    sd: float
    minimum: float
    maximum: float
    pixels: int
    area_mm2: float


def ellipse_mask(
    shape: tuple[int, int], centre: tuple[float, float], radii: tuple[float, float]
) -> npt.NDArray[np.bool_]:
    """Pixels of a ``(rows, columns)`` image inside an axis-aligned ellipse.

    ``centre`` and ``radii`` are (column, row) in pixels; a pixel is inside
    when its centre is.
    """
    rows, cols = shape
    cx, cy = centre
    rx, ry = radii
    if rx <= 0 or ry <= 0:
        raise ValueError("ellipse radii must be > 0")
    y, x = np.ogrid[:rows, :cols]
    return np.asarray(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0)


def polygon_mask(shape: tuple[int, int], vertices: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Pixels of a ``(rows, columns)`` image whose centre lies inside a polygon.

    ``vertices`` is an (N, 2) array of (column, row) pixel coordinates; even-odd
    rule, so the polygon may be given clockwise or not.
    """
    v = np.asarray(vertices, dtype=np.float64)
    if v.ndim != 2 or v.shape[1] != 2 or len(v) < 3:
        raise ValueError("a polygon needs at least three (column, row) vertices")
    rows, cols = shape
    y, x = np.mgrid[:rows, :cols].astype(np.float64)
    inside = np.zeros(shape, dtype=bool)
    x0, y0 = v[:, 0], v[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    for ax, ay, bx, by in zip(x0, y0, x1, y1, strict=True):
        if ay == by:
            continue
        crosses = (ay > y) != (by > y)
        x_at = ax + (y - ay) * (bx - ax) / (by - ay)
        inside ^= crosses & (x < x_at)
    return inside


def roi_stats(
    image: npt.ArrayLike, mask: npt.ArrayLike, pixel_spacing: tuple[float, float]
) -> RoiStats:
    """Mean, SD (n-1), min, max and area of ``image`` inside ``mask``.

    ``pixel_spacing`` is (column spacing, row spacing) in mm, the reslice
    output's spacing; the area counts whole pixels.
    """
    img = np.asarray(image)
    m = np.asarray(mask, dtype=bool)
    if img.shape != m.shape:
        raise ValueError(f"image {img.shape} and mask {m.shape} differ in shape")
    values = img[m].astype(np.float64)
    if values.size == 0:
        raise ValueError("the region of interest holds no pixel")
    sd = float(values.std(ddof=1)) if values.size > 1 else 0.0
    return RoiStats(
        mean=float(values.mean()),
        sd=sd,
        minimum=float(values.min()),
        maximum=float(values.max()),
        pixels=int(values.size),
        area_mm2=float(values.size * pixel_spacing[0] * pixel_spacing[1]),
    )


def ellipse_area_mm2(radius_a_mm: float, radius_b_mm: float) -> float:
    """Exact area of an ellipse of semi-axes ``a`` and ``b`` mm (π·a·b)."""
    return math.pi * radius_a_mm * radius_b_mm


def abc_over_2_ml(a_cm: float, b_cm: float, c_cm: float) -> float:
    """Haemorrhage volume by the ABC/2 method (Kothari 1996), in mL.

    A: largest diameter on the slice with the largest haemorrhage area (cm);
    B: largest diameter perpendicular to A on that slice (cm); C: vertical
    extent, number of slices with haemorrhage × slice thickness (cm).
    1 cm³ = 1 mL.
    """
    for name, v in (("A", a_cm), ("B", b_cm), ("C", c_cm)):
        if v < 0 or not math.isfinite(v):
            raise ValueError(f"{name} must be a finite length >= 0 cm")
    return a_cm * b_cm * c_cm / 2.0
