"""Drawing the stroke analyses' results (issue #14): a map slice in colour, a colour bar,
the AIF/VOF curves. Plain ``QPainter`` on ``QImage`` (no VTK, no matplotlib), so that
the panel can be grabbed and read back.

Colour scales (:data:`MAP_RANGES`): the perfusion maps use a rainbow ("jet") scale over
fixed ranges, the ones commonly shown by perfusion software: CBF 0–80 mL/100 g/min,
CBV 0–6 mL/100 g, MTT 0–16 s, Tmax 0–12 s; TTP has no fixed range (it depends on the
injection) and is scaled per study from the 2nd to the 98th percentile of the brain.
Voxels outside the analysed tissue (NaN) are black.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget
from scipy import ndimage

from app.ui.qimage import to_qimage

#: Fixed display range of each perfusion map (units of viewer.analysis.results.PERFUSION_UNITS);
#: None: per study (TTP).
MAP_RANGES: dict[str, tuple[float, float] | None] = {
    "CBF": (0.0, 80.0),
    "CBV": (0.0, 6.0),
    "MTT": (0.0, 16.0),
    "Tmax": (0.0, 12.0),
    "TTP": None,
}

#: Overlay colours (RGB).
CORE_COLOUR = (255, 0, 128)  # magenta-red
HYPO_COLOUR = (0, 230, 0)  # green
ADC_CORE_COLOUR = (255, 32, 32)
LESION_COLOUR = (255, 64, 64)
MIRROR_COLOUR = (0, 200, 255)
AIF_COLOUR = (255, 60, 60)
VOF_COLOUR = (60, 140, 255)


def jet_lut() -> npt.NDArray[np.uint8]:
    """The 256-entry rainbow scale: dark blue, blue, cyan, yellow, red, dark red."""
    x = np.linspace(0.0, 1.0, 256)
    r = np.clip(1.5 - np.abs(4.0 * x - 3.0), 0.0, 1.0)
    g = np.clip(1.5 - np.abs(4.0 * x - 2.0), 0.0, 1.0)
    b = np.clip(1.5 - np.abs(4.0 * x - 1.0), 0.0, 1.0)
    return np.round(np.stack([r, g, b], axis=1) * 255.0).astype(np.uint8)


JET = jet_lut()
GREY = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)


def map_range(name: str, values: npt.NDArray[np.floating]) -> tuple[float, float]:
    """The display range of map ``name``: fixed, or (TTP) the study's 2nd–98th percentiles."""
    fixed = MAP_RANGES.get(name)
    if fixed is not None:
        return fixed
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (0.0, 1.0)
    lo, hi = (float(v) for v in np.percentile(finite, [2.0, 98.0]))
    return (lo, hi if hi > lo else lo + 1.0)


def colour_slice(
    values: npt.NDArray[np.floating],
    lo: float,
    hi: float,
    lut: npt.NDArray[np.uint8] = JET,
) -> npt.NDArray[np.uint8]:
    """A 2-D slice to RGB through ``lut`` over [lo, hi] (clamped); NaN black."""
    v = np.asarray(values, dtype=np.float32)
    finite = np.isfinite(v)
    scaled = np.where(finite, (v - lo) / max(hi - lo, 1e-12), 0.0)
    index = np.clip(np.round(scaled * 255.0), 0, 255).astype(np.intp)
    rgb = lut[index]
    rgb[~finite] = 0
    return rgb


def outline(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """The border pixels of a 2-D mask (the mask less its erosion)."""
    m = np.asarray(mask, dtype=bool)
    if not m.any():
        return m
    return m & ~ndimage.binary_erosion(m, border_value=0)


def paint_overlay(
    rgb: npt.NDArray[np.uint8],
    mask: npt.NDArray[np.bool_],
    colour: tuple[int, int, int],
    *,
    fill: float = 0.0,
    edge: bool = True,
) -> npt.NDArray[np.uint8]:
    """``mask`` painted on ``rgb`` (a copy): ``fill`` opacity inside, an opaque border."""
    out = rgb.astype(np.float32)
    m = np.asarray(mask, dtype=bool)
    c = np.asarray(colour, dtype=np.float32)
    if fill > 0:
        out[m] = out[m] * (1.0 - fill) + c * fill
    if edge:
        out[outline(m)] = c
    return np.round(out).astype(np.uint8)


@dataclass(frozen=True)
class Marker:
    """A point drawn on the image: voxel column ``i``, row ``j``, a label, a colour."""

    i: float
    j: float
    label: str
    colour: tuple[int, int, int]


class MapView(QWidget):
    """One RGB slice, scaled to fit (pixel aspect kept), with markers (cross + label).

    ``clicked(i, j)``: a click on the image, in voxel column/row; ``wheeled(steps)``: the
    mouse wheel (+1 / -1 per notch).
    """

    clicked = Signal(float, float)
    wheeled = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.rgb: npt.NDArray[np.uint8] | None = None
        self.aspect = 1.0  # row spacing ÷ column spacing
        self.markers: list[Marker] = []
        self.message = ""
        self.corner = ""  # a short text top left (the slice)
        self.letters: tuple[str, str, str, str] | None = None  # left, right, top, bottom

    def set_slice(
        self, rgb: npt.NDArray[np.uint8] | None, markers: list[Marker], *, corner: str = ""
    ) -> None:
        self.rgb = rgb
        self.markers = markers
        self.corner = corner
        self.update()

    def set_message(self, text: str) -> None:
        self.rgb = None
        self.markers = []
        self.message = text
        self.update()

    def image_rect(self) -> QRectF:
        """Where the slice is drawn, in widget coordinates."""
        if self.rgb is None:
            return QRectF()
        rows, cols = self.rgb.shape[:2]
        w, h = cols, rows * self.aspect
        scale = min(self.width() / w, self.height() / h)
        dw, dh = w * scale, h * scale
        return QRectF((self.width() - dw) / 2, (self.height() - dh) / 2, dw, dh)

    def to_widget(self, i: float, j: float) -> QPointF:
        """Centre of voxel (i, j) in widget coordinates."""
        rect = self.image_rect()
        assert self.rgb is not None
        rows, cols = self.rgb.shape[:2]
        return QPointF(
            rect.left() + (i + 0.5) * rect.width() / cols,
            rect.top() + (j + 0.5) * rect.height() / rows,
        )

    def to_voxel(self, x: float, y: float) -> tuple[float, float] | None:
        rect = self.image_rect()
        if self.rgb is None or not rect.contains(QPointF(x, y)):
            return None
        rows, cols = self.rgb.shape[:2]
        i = (x - rect.left()) * cols / rect.width() - 0.5
        j = (y - rect.top()) * rows / rect.height() - 0.5
        return (i, j)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0))
        if self.rgb is None:
            painter.setPen(QColor(154, 160, 166))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            painter.end()
            return
        rect = self.image_rect()
        painter.drawImage(rect, to_qimage(self.rgb))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        for marker in self.markers:
            centre = self.to_widget(marker.i, marker.j)
            colour = QColor(*marker.colour)
            for pen_colour, width in ((QColor(0, 0, 0), 4.0), (colour, 2.0)):
                painter.setPen(QPen(pen_colour, width))
                painter.drawLine(centre + QPointF(-9, 0), centre + QPointF(-3, 0))
                painter.drawLine(centre + QPointF(3, 0), centre + QPointF(9, 0))
                painter.drawLine(centre + QPointF(0, -9), centre + QPointF(0, -3))
                painter.drawLine(centre + QPointF(0, 3), centre + QPointF(0, 9))
            painter.setPen(colour)
            painter.drawText(centre + QPointF(11, -6), marker.label)
        painter.setPen(QColor(214, 217, 221))
        if self.corner:
            painter.drawText(QRectF(6, 4, self.width() - 12, 20), self.corner)
        if self.letters is not None:
            left, right, top, bottom = self.letters
            middle = Qt.AlignmentFlag.AlignCenter
            y, x = rect.center().y(), rect.center().x()
            # beside the image where there is room, else just inside its edge
            side = 22.0 if rect.left() >= 22 else -2.0
            above = 20.0 if rect.top() >= 20 else -2.0
            painter.drawText(QRectF(rect.left() - side, y - 10, 20, 20), middle, left)
            painter.drawText(QRectF(rect.right() + side - 20, y - 10, 20, 20), middle, right)
            painter.drawText(QRectF(x - 10, rect.top() - above, 20, 20), middle, top)
            painter.drawText(QRectF(x - 10, rect.bottom() + above - 20, 20, 20), middle, bottom)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            voxel = self.to_voxel(event.position().x(), event.position().y())
            if voxel is not None:
                self.clicked.emit(*voxel)
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.wheeled.emit(1 if delta > 0 else -1)
        event.accept()


def tick_text(value: float) -> str:
    """A colour bar's tick: whole numbers from 100 up, else 3 significant digits."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def orientation_letters(affine: npt.NDArray[np.float64]) -> tuple[str, str, str, str]:
    """The patient directions (L/R, A/P, S/I) at the left, right, top and bottom edges of a
    slice whose columns run along ``affine[:3, 0]`` and rows along ``affine[:3, 1]`` (LPS)."""

    def towards(vector: npt.NDArray[np.float64]) -> str:
        axis = int(np.argmax(np.abs(vector[:3])))
        positive = vector[axis] > 0
        return ("L", "P", "S")[axis] if positive else ("R", "A", "I")[axis]

    opposite = {"L": "R", "R": "L", "A": "P", "P": "A", "S": "I", "I": "S"}
    right, bottom = towards(affine[:3, 0]), towards(affine[:3, 1])
    return opposite[right], right, opposite[bottom], bottom


class ColourBar(QWidget):
    """The legend of a colour scale: the gradient, its ends and the units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lut = JET
        self.lo, self.hi, self.units = 0.0, 1.0, ""
        self.setMinimumSize(70, 160)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_scale(self, lo: float, hi: float, units: str, lut: npt.NDArray[np.uint8]) -> None:
        self.lo, self.hi, self.units, self.lut = lo, hi, units, lut
        metrics = self.fontMetrics()
        ticks = max(metrics.horizontalAdvance(tick_text(v)) for v in (lo, hi, (lo + hi) / 2))
        self.setFixedWidth(max(metrics.horizontalAdvance(units) + 6, 31 + ticks + 4, 70))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        top, bottom = 22.0, self.height() - 22.0
        bar = QRectF(6, top, 18, max(10.0, bottom - top))
        gradient = QLinearGradient(bar.bottomLeft(), bar.topLeft())
        for stop in range(0, 256, 15):
            gradient.setColorAt(stop / 255.0, QColor(*(int(c) for c in self.lut[stop])))
        gradient.setColorAt(1.0, QColor(*(int(c) for c in self.lut[255])))
        painter.fillRect(bar, gradient)
        painter.setPen(QColor(214, 217, 221))
        for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = bar.bottom() - fraction * bar.height()
            value = self.lo + fraction * (self.hi - self.lo)
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y))
            painter.drawText(QPointF(bar.right() + 7, y + 4), tick_text(value))
        painter.drawText(QRectF(0, 2, self.width(), 18), Qt.AlignmentFlag.AlignLeft, self.units)
        painter.end()


@dataclass(frozen=True)
class Curve:
    name: str
    times: tuple[float, ...]
    values: tuple[float, ...]
    colour: tuple[int, int, int]


class CurveView(QWidget):
    """Time curves (the AIF and the VOF): axes, ticks, axis titles, a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curves: list[Curve] = []
        self.x_title = ""
        self.y_title = ""
        self.setMinimumSize(260, 130)

    def set_curves(self, curves: list[Curve], x_title: str, y_title: str) -> None:
        self.curves = [c for c in curves if c.times]
        self.x_title, self.y_title = x_title, y_title
        self.update()

    def plot_rect(self) -> QRectF:
        return QRectF(50, 10, max(10.0, self.width() - 62.0), max(10.0, self.height() - 48.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(18, 20, 23))
        rect = self.plot_rect()
        axis = QColor(154, 160, 166)
        painter.setPen(axis)
        painter.drawRect(rect)
        if not self.curves:
            painter.end()
            return
        t = np.concatenate([np.asarray(c.times, dtype=float) for c in self.curves])
        v = np.concatenate([np.asarray(c.values, dtype=float) for c in self.curves])
        t0, t1 = float(np.nanmin(t)), float(np.nanmax(t))
        v0, v1 = min(0.0, float(np.nanmin(v))), float(np.nanmax(v))
        t1 = t1 if t1 > t0 else t0 + 1.0
        v1 = v1 if v1 > v0 else v0 + 1.0

        def point(x: float, y: float) -> QPointF:
            return QPointF(
                rect.left() + (x - t0) / (t1 - t0) * rect.width(),
                rect.bottom() - (y - v0) / (v1 - v0) * rect.height(),
            )

        for fraction in (0.0, 0.5, 1.0):
            x = t0 + fraction * (t1 - t0)
            p = point(x, v0)
            painter.drawLine(p, p + QPointF(0, 4))
            painter.drawText(QRectF(p.x() - 30, p.y() + 4, 60, 16), Qt.AlignmentFlag.AlignCenter,
                             f"{round(x)}")  # fmt: skip
            y = v0 + fraction * (v1 - v0)
            q = point(t0, y)
            painter.drawLine(q, q - QPointF(4, 0))
            painter.drawText(QRectF(0, q.y() - 8, rect.left() - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{round(y)}")  # fmt: skip
        painter.drawText(QRectF(rect.left(), rect.bottom() + 18, rect.width(), 16),
                         Qt.AlignmentFlag.AlignCenter, self.x_title)  # fmt: skip
        painter.drawText(QPointF(rect.left() + 6, rect.top() + 16), self.y_title)  # level: read
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n, curve in enumerate(self.curves):
            path = QPainterPath()
            for k, (x, y) in enumerate(zip(curve.times, curve.values, strict=True)):
                if k == 0:
                    path.moveTo(point(x, y))
                else:
                    path.lineTo(point(x, y))
            colour = QColor(*curve.colour)
            painter.setPen(QPen(colour, 2.0))
            painter.drawPath(path)
            painter.drawText(QPointF(rect.right() - 120, rect.top() + 16 + 16 * n), curve.name)
        painter.end()
