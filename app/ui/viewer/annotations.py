"""Measurements drawn in the MPR views: distances and elliptical ROIs.

A :class:`MeasurementSet` (plain model) holds what the radiologist measured,
in LPS millimetres; a :class:`MeasurementLayer` per view draws them as VTK
actors in that view's renderer, so a key-image capture of the render window
burns them in. A measurement is shown in the view it was made in, while the
plane stays within half a slice of it (like a ruler on a film). Numbers come
from :mod:`viewer.measure`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkTextActor

from viewer.measure import RoiStats, distance_mm, ellipse_mask, roi_stats
from viewer.slice_view import PlaneImage, SliceView
from viewer.volume import NOT_LOADED_VALUE
from viewer.vtkbridge import text_actor

MEASURE_COLOUR = (0.35, 0.95, 1.0)
PENDING_COLOUR = (1.0, 0.85, 0.35)
_ELLIPSE_POINTS = 72


@dataclass
class Measurement:
    """A distance (two points) or an ellipse ROI (two opposite corners), LPS mm."""

    kind: str  # "distance" or "roi"
    view: str
    points: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]
    normal: npt.NDArray[np.float64]  # the view's normal when it was made
    right: npt.NDArray[np.float64]
    up: npt.NDArray[np.float64]
    text: str = ""
    length_mm: float | None = None
    stats: RoiStats | None = None


@dataclass
class MeasurementSet:
    """The measurements of one set of views, with listeners (GUI thread only)."""

    items: list[Measurement] = field(default_factory=list)
    _listeners: list[Callable[[], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _emit(self) -> None:
        for listener in list(self._listeners):
            listener()

    def add(self, measurement: Measurement) -> None:
        self.items.append(measurement)
        self._emit()

    def clear(self) -> None:
        self.items.clear()
        self._emit()

    def distances(self) -> list[Measurement]:
        return [m for m in self.items if m.kind == "distance"]


def measure_distance(view: SliceView, p: npt.ArrayLike, q: npt.ArrayLike) -> Measurement:
    """A ruler from ``p`` to ``q`` (LPS mm) in ``view``'s plane."""
    a, b = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    length = distance_mm(a, b)
    right, up, normal = view.axes
    return Measurement(
        "distance", view.name, (a, b), normal.copy(), right.copy(), up.copy(),
        text=f"{length:.1f} mm", length_mm=length,
    )  # fmt: skip


def measure_roi(
    view: SliceView, p: npt.ArrayLike, q: npt.ArrayLike, *, unit: str = ""
) -> Measurement:
    """An ellipse inscribed in the rectangle of opposite corners ``p``, ``q`` (on screen),
    with mean / SD and area of the plane on display (slab included)."""
    a, b = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    right, up, normal = view.axes
    plane = view.plane_image()
    stats = ellipse_stats(plane, a, b)
    suffix = f" {unit}" if unit else ""
    if stats is None:
        text = "ROI: no image under it"
    else:
        text = (
            f"mean {stats.mean:.1f}{suffix}  SD {stats.sd:.1f}\n"
            f"area {stats.area_mm2 / 100.0:.2f} cm²"
        )
    return Measurement(
        "roi", view.name, (a, b), normal.copy(), right.copy(), up.copy(), text=text, stats=stats
    )


def ellipse_stats(plane: PlaneImage, p: npt.ArrayLike, q: npt.ArrayLike) -> RoiStats | None:
    """Statistics of the plane's pixels inside the ellipse inscribed in corners ``p``, ``q``;
    pixels outside the volume or not loaded are left out (None when none is left)."""
    s = plane.spacing_mm
    cols, rows = [], []
    for point in (np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)):
        d = point - plane.top_left
        cols.append(float(np.dot(d, plane.right)) / s)
        rows.append(-float(np.dot(d, plane.up)) / s)
    centre = ((cols[0] + cols[1]) / 2.0, (rows[0] + rows[1]) / 2.0)
    radii = (max(abs(cols[1] - cols[0]) / 2.0, 0.5), max(abs(rows[1] - rows[0]) / 2.0, 0.5))
    rows, cols = plane.values.shape[:2]
    mask = ellipse_mask((rows, cols), centre, radii)
    mask &= plane.values != NOT_LOADED_VALUE
    if not mask.any():
        return None
    return roi_stats(plane.values, mask, (s, s))


class MeasurementLayer:
    """The measurement actors of one view (rebuilt when measurements or the plane change)."""

    def __init__(self, renderer: vtkRenderer, view: SliceView) -> None:
        self.renderer = renderer
        self.view = view
        self._actors: list[vtkActor | vtkTextActor] = []

    def update(
        self, measurements: list[Measurement], pending: Measurement | None, tolerance_mm: float
    ) -> None:
        """Show the measurements made in this view's plane (and the one being drawn)."""
        self.clear()
        _, _, normal = self.view.axes
        origin = self.view.plane_origin()
        if not np.all(np.isfinite(origin)):
            return
        for m in [*measurements, *([pending] if pending is not None else [])]:
            if m.view != self.view.name or abs(float(np.dot(m.normal, normal))) < 0.999:
                continue
            if any(abs(float(np.dot(pt - origin, normal))) > tolerance_mm for pt in m.points):
                continue
            colour = PENDING_COLOUR if m is pending else MEASURE_COLOUR
            xy = [self.view.lps_to_view(pt) for pt in m.points]
            if m.kind == "distance":
                self._add_line(xy, colour)
                anchor = (max(xy[0][0], xy[1][0]) + 2.0, (xy[0][1] + xy[1][1]) / 2.0)
            else:
                self._add_line(_ellipse(xy[0], xy[1]), colour, closed=True)
                anchor = (max(xy[0][0], xy[1][0]) + 2.0, max(xy[0][1], xy[1][1]))
            if m.text:
                self._add_text(m.text, anchor, colour)

    def _add_line(
        self,
        xy: list[tuple[float, float]],
        colour: tuple[float, float, float],
        *,
        closed: bool = False,
    ) -> None:
        points = vtkPoints()
        for x, y in xy:
            points.InsertNextPoint(x, y, 0.4)
        ids = list(range(len(xy))) + ([0] if closed else [])
        cells = vtkCellArray()
        cells.InsertNextCell(len(ids), ids)
        poly = vtkPolyData()
        poly.SetPoints(points)
        poly.SetLines(cells)
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(poly)
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(*colour)
        prop.SetLineWidth(2.0)
        prop.LightingOff()
        self.renderer.AddViewProp(actor)
        self._actors.append(actor)

    def _add_text(
        self, text: str, anchor: tuple[float, float], colour: tuple[float, float, float]
    ) -> None:
        actor = text_actor(text, x=0.0, y=0.0, valign="top", size=15, colour=colour, bold=True)
        coordinate = actor.GetPositionCoordinate()
        coordinate.SetCoordinateSystemToWorld()
        coordinate.SetValue(anchor[0], anchor[1], 0.5)
        self.renderer.AddViewProp(actor)
        self._actors.append(actor)

    def clear(self) -> None:
        for actor in self._actors:
            self.renderer.RemoveViewProp(actor)
        self._actors.clear()


def _ellipse(
    p: tuple[float, float], q: tuple[float, float], n: int = _ELLIPSE_POINTS
) -> list[tuple[float, float]]:
    cx, cy = (p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0
    rx, ry = abs(q[0] - p[0]) / 2.0, abs(q[1] - p[1]) / 2.0
    t = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    return [(cx + rx * float(np.cos(a)), cy + ry * float(np.sin(a))) for a in t]
