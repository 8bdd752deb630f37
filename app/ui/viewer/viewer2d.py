"""The 2-D viewer: images that are not volumes (single images, colour secondary
captures such as vendor perfusion summaries, screenshots sent by the ED, stacks
whose slices are too irregular for a volume).

A ``QGraphicsView`` (no VTK): wheel = next / previous image, ctrl + wheel =
zoom, middle or shift + left drag = pan, right drag = window (grey images),
R = fit. The patient banner and the reason the series is not a volume are
drawn over the image.

Geometry is still DICOM geometry (safety invariants 1 and 2,
:mod:`viewer.image2d`): images are ordered part by part (b-value, phase,
echo…: the caption names the part on screen), within a part by position
along the normal of its (0020,0037) Image Orientation (Patient); images of
another orientation (a localizer) come after the others, and Instance Number
orders only images without a position of their own (the caption says which
rule placed the image on screen, and gives a position only where the image
has its own). Each image is flipped to the radiological view nearest its
plane and its edges carry the orientation letters of its own orientation, as
in the MPR views.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from app.ui.qimage import to_qimage
from app.ui.viewer.browser import percentile_window, windowed
from app.ui.viewer.study import Image2D, SeriesEntry
from app.ui.viewer.words import warning_text
from viewer import captions
from viewer.image2d import (
    BY_NUMBER,
    BY_POSITION,
    ImageKey,
    ScreenLayout,
    arrange,
    position_along,
    screen_layout,
)
from viewer.overlays import LABEL_COLOUR
from viewer.planes import position_text

_LETTER_COLOUR = QColor(*(round(255 * c) for c in LABEL_COLOUR))


class Viewer2D(QGraphicsView):
    """Zoom, pan, window and image scrolling over the 2-D images of one series."""

    def __init__(self, entry: SeriesEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.index = 0  # in display order
        self._order: list[int] = []  # display order → index in entry.images
        self._how: list[str] = []  # per image in entry.images: the rule that placed it
        self._parts: list[int] = []  # per image in entry.images: its part in entry.not_volumes
        self._ordered_for: tuple[int, object] = (0, None)  # (images, parts) when ordered
        self.by_position = False
        self.layout_on_screen = ScreenLayout()
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
        self._update_order()
        if 0 <= self.index < len(self._order):
            return self.entry.images[self._order[self.index]]
        return None

    def _update_order(self) -> None:
        """Images arrived (or the parts changed): order them again, staying on the image
        shown."""
        images = self.entry.images
        count, parts_now = self._ordered_for
        if count == len(images) and parts_now is self.entry.not_volumes:
            return
        self._ordered_for = (len(images), self.entry.not_volumes)
        shown = self._order[self.index] if 0 <= self.index < len(self._order) else None
        parts = self.entry.part_indices()
        unknown = len(self.entry.not_volumes)
        self._parts = [
            parts.get((i.header.sop_instance_uid, i.header.frame), unknown)
            if i.header is not None
            else unknown
            for i in images
        ]
        arranged = arrange(
            [ImageKey(i.header, part, i.frame) for i, part in zip(images, self._parts, strict=True)]
        )
        self._order, self._how = arranged.order, arranged.how
        self.by_position = arranged.by_position
        if shown is not None:
            self.index = self._order.index(shown)

    @property
    def ordered_by(self) -> str:
        """The rule that placed the image shown (:mod:`viewer.image2d`'s ``BY_…``)."""
        self._update_order()
        if 0 <= self.index < len(self._order):
            return self._how[self._order[self.index]]
        return BY_NUMBER

    def part_text(self) -> str:
        """Which part of the series the image shown belongs to: its label (b-value, phase,
        echo…), else why it is apart when the series has several parts; "" otherwise."""
        self._update_order()
        if not 0 <= self.index < len(self._order):
            return ""
        parts = self.entry.not_volumes
        index = self._parts[self._order[self.index]]
        if index >= len(parts):
            return ""
        part = parts[index]
        return part.label or (warning_text(part.reason) if len(parts) > 1 else "")

    def caption(self) -> str:
        """Bottom-left caption: which image, where, in which part and in what order."""
        image = self.image
        if image is None:
            return self.tr("No image received yet")
        count = len(self._order)
        text = self.tr("Image %1 / %2").replace("%1", str(self.index + 1))
        text = text.replace("%2", str(count)) + f"  {image.label}"
        place = position_along(image.header) if image.header is not None else None
        if place is not None:
            text += f"  {position_text(*place)}"
        part = self.part_text()
        if count <= 1:
            return f"{text}\n{part}" if part else text
        how = self.ordered_by
        if how == BY_POSITION:
            order = self.tr("ordered by position along the normal")
        elif how == BY_NUMBER:
            order = self.tr("ordered by Instance Number and frame (no position of its own)")
        else:
            order = self.tr("other orientation than the rest: shown after them, along its normal")
        return f"{text}\n{part}: {order}" if part else f"{text}\n{order}"

    def refresh(self) -> None:
        """Images arrived (or the index or window changed): redraw."""
        image = self.image
        if image is None:
            self._item.setPixmap(QPixmap())
            self.viewport().update()
            return
        header = image.header
        self.layout_on_screen = screen_layout(header.orientation if header else None)
        if image.is_rgb:
            pixels: npt.NDArray[np.uint8] = np.asarray(image.pixels, dtype=np.uint8)
        else:
            if self.window_level is None:
                self.window_level = image.window or percentile_window(image.pixels)
            pixels = windowed(image.pixels, self.window_level)
            if image.monochrome1:
                pixels = 255 - pixels
        pixels = np.asarray(self.layout_on_screen.show(pixels), dtype=np.uint8)
        first = self._item.pixmap().isNull()
        self._item.setPixmap(QPixmap.fromImage(to_qimage(pixels)))
        width_mm, height_mm = self.layout_on_screen.pixel_size(
            header.pixel_spacing if header else None
        )
        self._item.setTransform(QTransform.fromScale(width_mm / height_mm, 1.0))
        self._scene.setSceneRect(self._item.sceneBoundingRect())
        if first:
            self.fit()
        self.viewport().update()

    def show_image(self, index: int) -> None:
        """Show the ``index``-th image in display order."""
        self._update_order()
        count = len(self._order)
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
        bottom_left = self.caption()
        if image is not None and image.is_rgb:
            bottom_right = self.tr("colour image")
        elif self.window_level is not None:
            bottom_right = f"W {self.window_level[0]:.0f} C {self.window_level[1]:.0f}"
        else:
            bottom_right = ""
        note = self.tr("2-D viewer — not a volume: %1").replace(
            "%1", warning_text(self.entry.reason) or "?"
        )
        align = Qt.AlignmentFlag
        white = QColor(255, 255, 255)
        for text, flags in (
            (left_top, align.AlignLeft | align.AlignTop),
            (right_top, align.AlignRight | align.AlignTop),
            (bottom_left, align.AlignLeft | align.AlignBottom),
            (bottom_right, align.AlignRight | align.AlignBottom),
        ):
            self._draw_text(painter, area, flags, text, white)
        line = QFontMetricsF(font).height()
        above = area.adjusted(0, 0, 0, -(bottom_left.count("\n") + 1.2) * line)
        self._draw_text(painter, above, align.AlignHCenter | align.AlignBottom, note,
                        QColor(255, 170, 0))  # fmt: skip
        # orientation letters, bigger and bold like the MPR views'
        letters = self.layout_on_screen.labels if image is not None else {}
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(bold)
        for edge, flags in (
            ("left", align.AlignLeft | align.AlignVCenter),
            ("right", align.AlignRight | align.AlignVCenter),
            ("top", align.AlignHCenter | align.AlignTop),
            ("bottom", align.AlignHCenter | align.AlignBottom),
        ):
            self._draw_text(painter, area, flags, letters.get(edge, ""), _LETTER_COLOUR)
        painter.restore()

    @staticmethod
    def _draw_text(
        painter: QPainter, area: QRectF, flags: Qt.AlignmentFlag, text: str, colour: QColor
    ) -> None:
        """Text with a one-pixel black shadow, readable over any image."""
        if not text:
            return
        painter.setPen(QColor(0, 0, 0))
        painter.drawText(area.translated(1, 1), int(flags), text)
        painter.setPen(colour)
        painter.drawText(area, int(flags), text)
