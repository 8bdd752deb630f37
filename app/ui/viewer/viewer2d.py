"""The 2-D viewer: images that are not volumes (single images, colour secondary
captures such as vendor perfusion summaries, screenshots sent by the ED).

A ``QGraphicsView`` (no VTK): wheel = next / previous image, ctrl + wheel =
zoom, middle or shift + left drag = pan, right drag = window (grey images),
R = fit. The patient banner and the reason the series is not a volume are
drawn over the image.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from app.ui.viewer.browser import percentile_window, to_qimage, windowed
from app.ui.viewer.study import Image2D, SeriesEntry
from viewer import captions


class Viewer2D(QGraphicsView):
    """Zoom, pan, window and image scrolling over the 2-D images of one series."""

    def __init__(self, entry: SeriesEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.index = 0
        self.window_level: tuple[float, float] | None = None
        self.zoom = 1.0
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setBackgroundBrush(QColor(0, 0, 0))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
        self._drag: tuple[str, QPointF, tuple[float, float]] | None = None
        self.refresh()

    # --- content -----------------------------------------------------------------------------
    @property
    def image(self) -> Image2D | None:
        images = self.entry.images
        return images[self.index] if 0 <= self.index < len(images) else None

    def refresh(self) -> None:
        """Images arrived (or the index or window changed): redraw."""
        image = self.image
        if image is None:
            self._item.setPixmap(QPixmap())
            self.viewport().update()
            return
        if image.is_rgb:
            pixels: npt.NDArray[np.uint8] = np.asarray(image.pixels, dtype=np.uint8)
        else:
            if self.window_level is None:
                self.window_level = image.window or percentile_window(image.pixels)
            pixels = windowed(image.pixels, self.window_level)
            if image.monochrome1:
                pixels = 255 - pixels
        first = self._item.pixmap().isNull()
        self._item.setPixmap(QPixmap.fromImage(to_qimage(pixels)))
        self._scene.setSceneRect(QRectF(self._item.pixmap().rect()))
        if first:
            self.fit()
        self.viewport().update()

    def show_image(self, index: int) -> None:
        count = len(self.entry.images)
        if count:
            self.index = int(np.clip(index, 0, count - 1))
            self.refresh()

    def fit(self) -> None:
        """Whole image in view (R)."""
        self.resetTransform()
        self.zoom = 1.0
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def displayed_pixels(self) -> npt.NDArray[np.uint8]:
        """The displayed image (before zoom) as (H, W, 3) uint8."""
        image = self._item.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB888)
        h, w = image.height(), image.width()
        data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
        return data.reshape(h, image.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).copy()

    # --- events ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom == 1.0:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120.0
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.1**notches
            self.zoom *= factor
            self.scale(factor, factor)
        elif notches:
            self.show_image(self.index + (-1 if notches > 0 else 1))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and shift):
            self._drag = ("pan", event.position(), (0.0, 0.0))
        elif button == Qt.MouseButton.RightButton and self.window_level is not None:
            self._drag = ("window", event.position(), self.window_level)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        action, start, window = self._drag
        pos = event.position()
        dx, dy = pos.x() - start.x(), pos.y() - start.y()
        if action == "pan":
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - int(dx))
            v.setValue(v.value() - int(dy))
            self._drag = (action, pos, window)
        else:
            width, centre = window
            per_px = max(width, 1.0) / 300.0
            self.window_level = (max(1.0, width + dx * per_px), centre + dy * per_px)
            self.refresh()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.text().lower() == "r":
            self.window_level = None
            self.fit()
            self.refresh()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.show_image(self.index - 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Right):
            self.show_image(self.index + 1)
        else:
            super().keyPressEvent(event)

    # --- overlays ----------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setPointSizeF(max(9.0, self.viewport().height() / 60.0))
        painter.setFont(font)
        area = QRectF(self.viewport().rect()).adjusted(6, 4, -6, -4)
        banner = self.entry.banner
        left_top = "\n".join(captions.patient_lines(banner))
        right_top = "\n".join([*captions.study_lines(banner)] or [self.entry.description])
        image = self.image
        count = len(self.entry.images)
        if image is None:
            bottom_left = self.tr("No image received yet")
        else:
            bottom_left = self.tr("Image %1 / %2").replace("%1", str(self.index + 1))
            bottom_left = bottom_left.replace("%2", str(count)) + f"  {image.label}"
        if image is not None and image.is_rgb:
            bottom_right = self.tr("colour image")
        elif self.window_level is not None:
            bottom_right = f"W {self.window_level[0]:.0f} C {self.window_level[1]:.0f}"
        else:
            bottom_right = ""
        note = self.tr("2-D viewer — not a volume: %1").replace("%1", self.entry.reason or "?")
        align = Qt.AlignmentFlag
        for text, flags, colour in (
            (left_top, align.AlignLeft | align.AlignTop, QColor(255, 255, 255)),
            (right_top, align.AlignRight | align.AlignTop, QColor(255, 255, 255)),
            (bottom_left, align.AlignLeft | align.AlignBottom, QColor(255, 255, 255)),
            (bottom_right, align.AlignRight | align.AlignBottom, QColor(255, 255, 255)),
            (note, align.AlignHCenter | align.AlignBottom, QColor(255, 170, 0)),
        ):
            if not text:
                continue
            painter.setPen(QColor(0, 0, 0))
            painter.drawText(area.translated(1, 1), int(flags), text)
            painter.setPen(colour)
            painter.drawText(area, int(flags), text)
        painter.restore()
