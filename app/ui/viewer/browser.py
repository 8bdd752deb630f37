"""The series browser: one row per series with a thumbnail, its kind, size,
warnings and loading progress. Click shows the series; drag it onto a pane to
compare side by side.

Given the case's request (:meth:`SeriesBrowser.set_request`), a series the
request announced with more images than the hub holds (the workitem's
(0020,1209) per input series) says so in red — "50 of 200 images on the
hub" — and, while the ED's upload is not finished, a series the workitem
does not list with a count it reached says in red that it is still arriving
(:func:`app.worklist.series_arrival.series_arrival`); neither is ever called
"complete" (safety invariant 6).

Thumbnails are drawn with numpy (middle slice, the series' window) and a
``QImage``: no VTK. The browser listens to the :class:`StudyModel`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui.plain_text import tooltip
from app.ui.qimage import to_qimage
from app.ui.viewer.study import LoadStatus, SeriesEntry, StudyModel
from app.ui.viewer.words import kind_title, warning_text
from app.worklist.model import Request
from app.worklist.series_arrival import Arrival, SeriesArrival, series_arrival
from viewer.presets import default_preset, resolve_window

SERIES_MIME = "application/x-strokelink-series"
THUMB = 96
INCOMPLETE_STYLE = "color: #ff6b6b; font-weight: bold;"


def windowed(values: npt.NDArray[np.generic], window: tuple[float, float]) -> npt.NDArray[np.uint8]:
    """Modality values → 0..255 through (width, centre)."""
    width, centre = window
    low = centre - width / 2.0
    scaled = (values.astype(np.float32) - np.float32(low)) * np.float32(255.0 / max(width, 1e-6))
    return np.clip(scaled, 0, 255).astype(np.uint8)


def percentile_window(values: npt.NDArray[np.generic]) -> tuple[float, float]:
    """1st–99th percentile window of an image (MR, secondary captures)."""
    sample = values[:: max(1, values.shape[0] // 128), :: max(1, values.shape[1] // 128)]
    lo, hi = np.percentile(sample.astype(np.float32), [1.0, 99.0])
    width = max(float(hi - lo), 1.0)
    return (width, float(lo) + width / 2.0)


def thumbnail(entry: SeriesEntry, size: int = THUMB) -> QPixmap:
    """The series' middle image (or the nearest loaded one), else a hatched "not loaded"."""
    pixels = _thumbnail_pixels(entry)
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(12, 12, 12))
    painter = QPainter(pixmap)
    if pixels is None:
        painter.setPen(QPen(QColor(255, 170, 0, 110), 1))
        for x in range(-size, size, 8):
            painter.drawLine(x, size, x + size, 0)
    else:
        step = max(1, int(np.ceil(max(pixels.shape[:2]) / size)))
        image = to_qimage(np.ascontiguousarray(pixels[::step, ::step]))
        scaled = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage((size - scaled.width()) // 2, (size - scaled.height()) // 2, scaled)
    painter.end()
    return pixmap


def _thumbnail_pixels(entry: SeriesEntry) -> npt.NDArray[np.uint8] | None:
    volume = entry.main_volume()
    if volume is not None and volume.loaded is not None and volume.loaded.any():
        loaded = np.flatnonzero(volume.loaded)
        k = int(loaded[np.argmin(np.abs(loaded - volume.shape[0] // 2))])
        preset = default_preset(volume)
        window = (
            percentile_window(volume.array[k])
            if preset == "auto"
            else resolve_window(preset, volume)
        )
        return windowed(volume.array[k], window)
    if entry.images:
        image = entry.images[0]
        if image.is_rgb:
            return np.asarray(image.pixels, dtype=np.uint8)
        grey = windowed(image.pixels, image.window or percentile_window(image.pixels))
        return 255 - grey if image.monochrome1 else grey
    if entry.preview is not None:
        return windowed(entry.preview, entry.preview_window or percentile_window(entry.preview))
    return None


class SeriesRow(QWidget):
    """Thumbnail, description, kind and size, warnings icon, progress bar."""

    def __init__(self, entry: SeriesEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series_uid = entry.series_uid
        self.picture = QLabel(self)
        self.picture.setFixedSize(THUMB, THUMB)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setObjectName("series-title")
        self.details = QLabel(self)
        self.details.setObjectName("series-details")
        self.details.setWordWrap(True)
        for label in (self.title, self.details):  # the description is the hub's text
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.warning.setPixmap(icon.pixmap(18, 18))
        self.progress = QProgressBar(self)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        text = QVBoxLayout()
        text.setSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.warning, 0, Qt.AlignmentFlag.AlignTop)
        text.addLayout(heading)
        text.addWidget(self.details)
        text.addWidget(self.progress)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.picture)
        row.addLayout(text, 1)
        self.update_from(entry, with_thumbnail=True)

    def update_from(
        self, entry: SeriesEntry, *, with_thumbnail: bool, arrival: SeriesArrival | None = None
    ) -> None:
        """Redraw from ``entry``; ``arrival``: whether the series is all on the hub, by
        the request (None: no request, as loaded)."""
        number = f"{entry.number}. " if entry.number is not None else ""
        self.title.setText(f"{number}{entry.description or entry.label}")
        if entry.volumes:
            k, rows, cols = entry.volumes[0].shape
            size = self.tr("%1 × %2 × %3").replace("%1", str(cols)).replace("%2", str(rows))
            size = size.replace("%3", str(k))
            if len(entry.volumes) > 1:
                size += " " + self.tr("(%n volumes)", "", len(entry.volumes))
        elif entry.planned:
            size = self.tr("%n image(s), not a volume", "", entry.expected_images)
        else:
            size = self.tr("%n image(s)", "", entry.total)
        kind = kind_title(entry.kind, entry.modality)
        status = {
            LoadStatus.WAITING: self.tr("waiting"),
            LoadStatus.LOADING: self.tr("loading"),
            LoadStatus.COMPLETE: self.tr("complete"),
            LoadStatus.INCOMPLETE: self.tr("incomplete"),
            LoadStatus.FAILED: self.tr("failed"),
            LoadStatus.CANCELED: self.tr("canceled"),
        }[entry.status]
        if arrival is not None and not arrival.whole:
            if arrival.state is Arrival.SHORT:
                on_hub = self.tr("%1 of %2 images on the hub").replace("%1", str(arrival.have))
                on_hub = on_hub.replace("%2", str(arrival.expected))
            else:
                on_hub = self.tr("still arriving: the ED's upload is not finished")
            # Never "complete": all the hub holds may be loaded, the series is not whole.
            status = on_hub if entry.status is LoadStatus.COMPLETE else f"{on_hub} · {status}"
            self.details.setStyleSheet(INCOMPLETE_STYLE)
        else:
            self.details.setStyleSheet("")
        self.details.setText(f"{kind} · {size} · {status}")
        self.progress.setMaximum(max(1, entry.total))
        self.progress.setValue(min(entry.done, max(1, entry.total)))
        self.progress.setVisible(entry.status in (LoadStatus.WAITING, LoadStatus.LOADING))
        warnings = [warning_text(w) for w in entry.warnings]
        if entry.reason:
            warnings.insert(
                0, self.tr("Not a volume: %1").replace("%1", warning_text(entry.reason))
            )
        self.warning.setVisible(bool(warnings))
        self.warning.setToolTip(tooltip("\n".join(warnings)))
        if with_thumbnail:
            self.picture.setPixmap(thumbnail(entry))


class SeriesBrowser(QListWidget):
    """The study's series; ``seriesActivated(uid)`` when one is clicked."""

    seriesActivated = Signal(str)

    def __init__(self, study: StudyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.study = study
        self.rows: dict[str, SeriesRow] = {}
        self.request: Request | None = None  # the case's request: is each series all there?
        self._items: dict[str, QListWidgetItem] = {}
        self._thumb_final: set[str] = set()
        self.setDragEnabled(True)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setMinimumWidth(280)
        self.itemClicked.connect(self._clicked)
        self._unsubscribe = study.subscribe(self._changed)
        for entry in study.series:
            self._add(entry)

    def _add(self, entry: SeriesEntry) -> None:
        item = QListWidgetItem(self)
        item.setData(Qt.ItemDataRole.UserRole, entry.series_uid)
        row = SeriesRow(entry, self)
        if self.request is not None:
            row.update_from(entry, with_thumbnail=False, arrival=self.arrival(entry))
        item.setSizeHint(QSize(260, THUMB + 10))
        self.addItem(item)
        self.setItemWidget(item, row)
        self.rows[entry.series_uid] = row
        self._items[entry.series_uid] = item

    def _changed(self, what: str, uid: str) -> None:
        entry = self.study.get(uid)
        if entry is None:
            return
        if what == "added":
            self._add(entry)
            return
        row = self.rows.get(uid)
        if row is None:
            return
        # Thumbnails are redrawn until the middle slice is in, then left alone.
        refresh = what in ("planned", "replaced", "preview", "images") or (
            what == "slices" and uid not in self._thumb_final
        )
        row.update_from(entry, with_thumbnail=refresh, arrival=self.arrival(entry))
        volume = entry.main_volume()
        middle_in = (
            volume is not None
            and volume.loaded is not None
            and bool(volume.loaded[volume.shape[0] // 2])
        )
        if refresh and middle_in:
            self._thumb_final.add(uid)

    def set_request(self, request: Request | None) -> None:
        """The case's request (again, when the workitem changed): which series are not
        all on the hub, or may still be arriving (module docstring)."""
        self.request = request
        for uid, row in self.rows.items():
            entry = self.study.get(uid)
            if entry is not None:
                row.update_from(entry, with_thumbnail=False, arrival=self.arrival(entry))

    def arrival(self, entry: SeriesEntry) -> SeriesArrival | None:
        """Whether the series is all on the hub, by the request (None: no request)."""
        if self.request is None:
            return None
        return series_arrival(self.request, entry.series_uid, entry.total)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.seriesActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def select(self, uid: str) -> None:
        item = self._items.get(uid)
        if item is not None:
            self.setCurrentItem(item)

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        if items:
            mime.setData(SERIES_MIME, str(items[0].data(Qt.ItemDataRole.UserRole)).encode())
        return mime

    def mimeTypes(self) -> list[str]:
        return [SERIES_MIME]

    def close_browser(self) -> None:
        self._unsubscribe()
