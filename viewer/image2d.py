"""Images shown one by one (the 2-D viewer): their order, the one nearest a point, and
how each is put on the screen with its orientation letters (no Qt, no VTK).

A series that is not a volume is still DICOM geometry (safety invariants 1
and 2): each image has its own (0020,0037) Image Orientation (Patient) and
(0020,0032) Image Position (Patient) (PS3.3 C.7.6.2), so

* images are ordered by position along the normal of their common
  orientation, and by (0020,0013) Instance Number only when positions or a
  common orientation are missing (:func:`display_order` says which);
* each image is turned to the radiological view nearest its plane by flips
  and a transpose of its pixel matrix only — no resampling, every pixel shown
  as acquired — and its edge letters are computed from the resulting screen
  directions with :func:`viewer.planes.edge_labels`, the same letters the MPR
  views show (:func:`screen_layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np
import numpy.typing as npt

from viewer.frames import FrameHeader
from viewer.geometry import IrregularGeometry, orientation_of, plane_name, same_orientation
from viewer.planes import VIEW_AXES, edge_labels

Vector = npt.NDArray[np.float64]

# Looser than volume assembly's 1e-4: ordering only needs one normal for all images.
_ORDER_ORIENTATION_TOLERANCE = 1e-3


def display_order(frames: Sequence[FrameHeader | None]) -> tuple[list[int], bool]:
    """Indices of ``frames`` in display order, and whether that order is by position.

    By position along the normal of the common (0020,0037) when every frame
    has a position and all share one orientation; otherwise by (0020,0013)
    Instance Number then frame (frames without a header last, as given).
    """
    normal = _common_normal(frames)
    if normal is not None:
        keys = [
            (float(np.dot(h.position or (0.0, 0.0, 0.0), normal)), h.instance_number or 0,
             h.frame or 0)
            for h in frames
            if h is not None
        ]  # fmt: skip
        return sorted(range(len(frames)), key=lambda n: keys[n]), True

    def by_number(n: int) -> tuple[int, int, int, int]:
        f = frames[n]
        if f is None:
            return (1, 0, 0, n)
        return (0, f.instance_number or 0, f.frame or 0, n)

    return sorted(range(len(frames)), key=by_number), False


def order_images(frames: Sequence[FrameHeader]) -> tuple[list[FrameHeader], bool]:
    """``frames`` in display order (see :func:`display_order`), and whether by position."""
    order, by_position = display_order(frames)
    return [frames[n] for n in order], by_position


def nearest_image(frames: Sequence[FrameHeader | None], point: npt.ArrayLike) -> int | None:
    """Index of the image nearest an LPS point (distance to the image's rectangle).

    None when no frame has a position, an orientation and a pixel spacing.
    """
    p = np.asarray(point, dtype=np.float64)
    best: tuple[float, int] | None = None
    for n, f in enumerate(frames):
        if f is None or f.position is None or f.orientation is None or f.pixel_spacing is None:
            continue
        try:
            o = orientation_of(f.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE)
        except IrregularGeometry:
            continue
        origin = np.asarray(f.position, dtype=np.float64)
        row_spacing, column_spacing = f.pixel_spacing
        u = np.clip((p - origin) @ o.row, 0.0, max(f.columns - 1, 0) * column_spacing)
        v = np.clip((p - origin) @ o.column, 0.0, max(f.rows - 1, 0) * row_spacing)
        distance = float(np.linalg.norm(p - (origin + u * o.row + v * o.column)))
        if best is None or distance < best[0]:
            best = (distance, n)
    return None if best is None else best[1]


def position_along(frame: FrameHeader) -> tuple[Vector, Vector] | None:
    """(position, normal) of a frame for a caption, or None without geometry."""
    if frame.position is None or frame.orientation is None:
        return None
    try:
        o = orientation_of(frame.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE)
    except IrregularGeometry:
        return None
    return np.asarray(frame.position, dtype=np.float64), o.normal


@dataclass(frozen=True)
class ScreenLayout:
    """How an image's pixel matrix is put on the screen, and where the patient is.

    ``show`` transposes (rows become columns) then flips the matrix;
    ``right`` and ``up`` are the LPS directions of the screen's right and top
    (None for an image without (0020,0037)), ``labels`` the edge letters.
    """

    transpose: bool = False
    flip_rows: bool = False  # upside down
    flip_columns: bool = False  # left-right
    right: Vector | None = None
    up: Vector | None = None

    def show(self, pixels: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
        """The matrix as displayed, row 0 at the top (grey (H, W) or colour (H, W, 3))."""
        out = np.swapaxes(pixels, 0, 1) if self.transpose else pixels
        if self.flip_rows:
            out = out[::-1]
        if self.flip_columns:
            out = out[:, ::-1]
        return np.ascontiguousarray(out)

    @property
    def labels(self) -> dict[str, str]:
        """Letters for the left, right, top and bottom edges ("" without orientation)."""
        if self.right is None or self.up is None:
            return {"left": "", "right": "", "top": "", "bottom": ""}
        return edge_labels(self.right, self.up)

    def pixel_size(self, pixel_spacing: tuple[float, float] | None) -> tuple[float, float]:
        """(width, height) in mm of one displayed pixel; (1, 1) without (0028,0030)."""
        if pixel_spacing is None:
            return (1.0, 1.0)
        row_spacing, column_spacing = pixel_spacing
        if self.transpose:
            return (row_spacing, column_spacing)
        return (column_spacing, row_spacing)


def screen_layout(orientation: Sequence[float] | None) -> ScreenLayout:
    """The flips and transpose that bring an image nearest to the radiological view.

    The view is the one of the image's plane (axial seen from the feet,
    coronal from the front, sagittal from the patient's left: patient's left
    on screen right, anterior or superior at the top; an oblique plane takes
    the view of its normal's main axis). Of the eight ways to show the matrix
    without resampling, the one whose right and up directions are closest to
    the view's is chosen; the identity wins ties.
    """
    if orientation is None:
        return ScreenLayout()
    try:
        o = orientation_of(orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE)
    except IrregularGeometry:
        return ScreenLayout()
    plane = plane_name(o.normal)
    if plane == "oblique":
        plane = ("sagittal", "coronal", "axial")[int(np.argmax(np.abs(o.normal)))]
    target_right, target_up = (np.asarray(v, dtype=np.float64) for v in VIEW_AXES[plane])
    best: tuple[float, ScreenLayout] | None = None
    for transpose, flip_rows, flip_columns in product((False, True), repeat=3):
        # identity: along a row (next column) is screen right, down a column is screen down
        right, up = (o.column, -o.row) if transpose else (o.row, -o.column)
        right = -right if flip_columns else right
        up = -up if flip_rows else up
        score = float(right @ target_right + up @ target_up)
        if best is None or score > best[0] + 1e-9:
            best = (score, ScreenLayout(transpose, flip_rows, flip_columns, right, up))
    assert best is not None
    return best[1]


def _common_normal(frames: Sequence[FrameHeader | None]) -> Vector | None:
    """The normal shared by every frame, when each has a position and one orientation."""
    if not frames or any(f is None or f.position is None or f.orientation is None for f in frames):
        return None
    first = frames[0]
    assert first is not None and first.orientation is not None
    for f in frames[1:]:
        assert f is not None and f.orientation is not None
        if not same_orientation(
            first.orientation, f.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE
        ):
            return None
    try:
        return orientation_of(
            first.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE
        ).normal
    except IrregularGeometry:
        return None
