"""Images shown one by one (the 2-D viewer): their order, the one nearest a point, and
how each is put on the screen with its orientation letters (no Qt, no VTK).

A series that is not a volume is still DICOM geometry (safety invariants 1
and 2): each image has its own (0020,0037) Image Orientation (Patient) and
(0020,0032) Image Position (Patient) (PS3.3 C.7.6.2), so

* images are ordered part by part (the parts of :mod:`viewer.splitting`:
  b-value, phase, echo…, so that b0 and b1000 images at one position never
  alternate), then within a part by position along the normal of the part's
  main orientation; images of another orientation (a localizer) follow,
  each orientation along its own normal; (0020,0013) Instance Number orders
  only the images without a position of their own — no (0020,0032), or the
  frames of a classic multi-frame instance that share one header
  (:func:`arrange` says which rule placed each image);
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

# Looser than volume assembly's 1e-4: ordering only needs one normal per group of images.
_ORDER_ORIENTATION_TOLERANCE = 1e-3


#: How :func:`arrange` placed an image (the 2-D viewer's caption says it).
BY_POSITION = "position"  # along the normal of its part's main orientation
OTHER_ORIENTATION = "other orientation"  # after the main ones, along its own normal
BY_NUMBER = "number"  # no position of its own: by Instance Number, then frame


@dataclass(frozen=True)
class ImageKey:
    """What orders one image: its header, its part and its frame in its instance.

    ``part`` is the index of its part in the series' not-volume parts (the
    parts are shown in that order); ``frame`` the 0-based frame of its
    instance (what tells apart the frames of a classic multi-frame instance,
    which share one header).
    """

    header: FrameHeader | None
    part: int = 0
    frame: int = 0


@dataclass(frozen=True)
class DisplayOrder:
    """``order``: display order → index of the images given; ``how[n]``: the rule
    (:data:`BY_POSITION`, :data:`OTHER_ORIENTATION`, :data:`BY_NUMBER`) that placed image n.
    """

    order: list[int]
    how: list[str]

    @property
    def by_position(self) -> bool:
        """True when images are ordered by position (all but odd-orientation and
        position-less ones)."""
        return BY_POSITION in self.how


def has_own_position(frame: FrameHeader) -> bool:
    """True when the header's (0020,0032) is this image's own: a single-frame instance or a
    frame with (5200,9230) Per-frame Functional Groups (its Plane Position Sequence).

    The frames of a classic multi-frame instance share one header: its position
    is no frame's own.
    """
    return frame.position is not None and (frame.frame is not None or frame.number_of_frames <= 1)


def arrange(images: Sequence[ImageKey]) -> DisplayOrder:
    """The display order of images that are not a volume.

    Part by part (by ``ImageKey.part``); within a part, the images of its main
    orientation (the most images) by position along their normal, then those
    of each other orientation along its own normal (most images first), then
    those without a position of their own by (0020,0013) Instance Number and
    frame (images without a header last, as given).
    """
    how = [BY_NUMBER] * len(images)
    order: list[int] = []
    for part in sorted({key.part for key in images}):
        members = [n for n, key in enumerate(images) if key.part == part]
        groups, rest = _orientation_groups([images[n].header for n in members], members)
        for rank, (normal, group) in enumerate(groups):
            rule = BY_POSITION if rank == 0 else OTHER_ORIENTATION
            for n in group:
                how[n] = rule

            def along(n: int, normal: Vector = normal) -> tuple[float, int, int, int]:
                header = images[n].header
                assert header is not None and header.position is not None
                distance = float(np.dot(header.position, normal))
                return (distance, header.instance_number or 0, images[n].frame, n)

            order.extend(sorted(group, key=along))

        def by_number(n: int) -> tuple[int, int, int, int]:
            header = images[n].header
            if header is None:
                return (1, 0, 0, n)
            return (0, header.instance_number or 0, images[n].frame, n)

        order.extend(sorted(rest, key=by_number))
    return DisplayOrder(order, how)


def display_order(frames: Sequence[FrameHeader | None]) -> tuple[list[int], bool]:
    """Indices of ``frames`` (of one part) in display order (:func:`arrange`), and whether
    images are ordered by position."""
    arranged = arrange([ImageKey(f, frame=(f.frame or 0) if f else 0) for f in frames])
    return arranged.order, arranged.by_position


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
    """(position, normal) of a frame for a caption, or None without geometry of its own
    (:func:`has_own_position`: a classic multi-frame instance's frames get none)."""
    if not has_own_position(frame) or frame.position is None or frame.orientation is None:
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


def _orientation_groups(
    headers: Sequence[FrameHeader | None], indices: Sequence[int]
) -> tuple[list[tuple[Vector, list[int]]], list[int]]:
    """The images with a position of their own grouped by orientation — (normal, indices),
    the most images first — and the indices of the others."""
    groups: list[tuple[tuple[float, ...], Vector, list[int]]] = []
    rest: list[int] = []
    for header, n in zip(headers, indices, strict=True):
        if header is None or not has_own_position(header) or header.orientation is None:
            rest.append(n)
            continue
        for cosines, _, members in groups:
            if same_orientation(
                cosines, header.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE
            ):
                members.append(n)
                break
        else:
            try:
                o = orientation_of(
                    header.orientation, orientation_tolerance=_ORDER_ORIENTATION_TOLERANCE
                )
            except IrregularGeometry:
                rest.append(n)
                continue
            groups.append((tuple(header.orientation), o.normal, [n]))
    number = {
        n: (h.instance_number or 0) if h is not None else 0
        for h, n in zip(headers, indices, strict=True)
    }

    def rank(group: tuple[tuple[float, ...], Vector, list[int]]) -> tuple[int, int]:
        """The most images first; between equals, the lowest Instance Number (whatever
        order the images arrived in)."""
        return (-len(group[2]), min(number[n] for n in group[2]))

    ranked = sorted(groups, key=rank)
    return [(normal, members) for _, normal, members in ranked], rest
