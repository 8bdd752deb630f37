"""Display protocols laid out on screen: panes of MPR, 3-D, cine or 2-D views.

A :class:`ProtocolView` turns a :class:`viewer.protocols.Protocol` (data,
STYLE.md point 7) into :class:`Pane` widgets: viewports that show the same
series kind share one pane (one :class:`MprWidget`, one crosshair); viewports
of different kinds get a pane each (e.g. DWI / ADC / FLAIR side by side).
Panes whose volumes share a (0020,0052) Frame of Reference UID are linked on
patient position (crosshair, oblique rotation, zoom and pan) by a
:class:`StateLink`; each keeps its own window, since DWI, ADC and FLAIR have
nothing in common there. Panes of another frame of reference stay
independent and say so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.ui.qimage import to_qimage
from app.ui.viewer.browser import SERIES_MIME, percentile_window, windowed
from app.ui.viewer.mpr_widget import LAYOUTS, MprWidget
from app.ui.viewer.study import SeriesEntry, StudyModel
from app.ui.viewer.viewer2d import Viewer2D
from app.ui.viewer.words import kind_title, view_title
from viewer.model import Change, ViewerState
from viewer.presets import default_preset
from viewer.protocols import ANY_KIND, Protocol, Viewport, protocol_for_kind
from viewer.volume import Volume

CINE_INTERVAL_MS = 250

#: The layout the reader chose last (Ctrl+3/4 or the toolbar), kept for the next cases
#: of this session; None: each protocol's own. One view alone (1x1) is never kept: the
#: next patient opens with every plane (a single view could hide the finding elsewhere).
_session_layout: list[str | None] = [None]


def session_layout() -> str | None:
    """The layout chosen last in this session (None: none chosen)."""
    return _session_layout[0]


def remember_layout(layout: str | None) -> None:
    _session_layout[0] = layout


def default_layout(protocol: Protocol) -> str | None:
    """The protocol's own arrangement as a layout name, when it is one of :data:`LAYOUTS`."""
    name = f"{protocol.layout[0]}x{protocol.layout[1]}"
    return name if name in LAYOUTS else None


def snapped_centre(volume: Volume) -> np.ndarray:
    """The middle slice's centre, on voxel centres (scrolling then lands on slices).

    The middle slice is ``slices // 2``, the one retrieval and folder loading
    deliver first, so the first image on screen is the first one received.
    """
    k, j, i = volume.shape
    return volume.index_to_lps([i // 2, j // 2, k // 2])


class StateLink:
    """Keeps crosshair, oblique rotation and zoom / pan equal across states."""

    def __init__(self, states: list[ViewerState]) -> None:
        self.states = states
        self._busy = False
        self._unsubscribe = [s.subscribe(self._follower(s)) for s in states]
        leader = states[0]
        for other in states[1:]:
            other.set_rotation(leader.rotation)
            other.set_crosshair(leader.crosshair)

    def _follower(self, source: ViewerState) -> Callable[[Change], None]:
        def follow(change: Change) -> None:
            if self._busy or change.what not in ("crosshair", "rotation", "camera"):
                return
            self._busy = True
            try:
                for other in self.states:
                    if other is source:
                        continue
                    if change.what == "crosshair":
                        other.set_crosshair(source.crosshair)
                    elif change.what == "rotation":
                        other.set_rotation(source.rotation)
                    elif change.view is not None:
                        camera = source.camera(change.view)
                        other.set_zoom(change.view, camera.zoom)
                        other.set_pan(change.view, *camera.pan)
            finally:
                self._busy = False

        return follow

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()


@dataclass(frozen=True)
class PaneSpec:
    """The viewports of a protocol that one pane shows."""

    series_kind: str
    viewports: tuple[Viewport, ...]
    columns: int

    @property
    def views(self) -> list[str]:
        return ["axial" if v.view == "cine" else v.view for v in self.viewports]

    @property
    def title(self) -> str:
        return " / ".join(view_title(v.title) for v in self.viewports if v.title)


def pane_specs(protocol: Protocol) -> list[PaneSpec]:
    """Group the protocol's viewports by series kind, in order."""
    groups: dict[str, list[Viewport]] = {}
    for viewport in protocol.viewports:
        groups.setdefault(viewport.series_kind, []).append(viewport)
    if len(groups) == 1:
        kind, viewports = next(iter(groups.items()))
        return [PaneSpec(kind, tuple(viewports), protocol.layout[1])]
    return [PaneSpec(kind, tuple(vps), len(vps)) for kind, vps in groups.items()]


CT_FIRST_IMAGE_WINDOW = (80.0, 40.0)  # (width, centre) HU: the brain window


class FirstImageView(QWidget):
    """The series' first image received, drawn at once (a QImage, no VTK) until the
    volume is planned and its MPR views take over: the reader sees the image as soon as
    its bytes arrived, not when the whole series is in."""

    def __init__(self, entry: SeriesEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first-image")
        self.series_uid = entry.series_uid
        assert entry.preview is not None
        pixels = entry.preview
        # The series' own window; for a CT without one, the brain window (a percentile
        # window of a head CT spans air to bone and hides grey/white matter and bleeds).
        window = entry.preview_window or (
            CT_FIRST_IMAGE_WINDOW if entry.preview_modality == "CT" else percentile_window(pixels)
        )
        self.window_text = f"W {window[0]:g} C {window[1]:g}"
        self.image: QImage = to_qimage(windowed(pixels, window))

    @staticmethod
    def can_show(entry: SeriesEntry) -> bool:
        """Only an image it can orient: standard axial (rows to the patient's left, columns
        to the back: the radiological view as stored) with square pixels. Anything else
        waits for the MPR views, which reorient and label it."""
        o, spacing = entry.preview_orientation, entry.preview_pixel_spacing
        if o is None or len(o) != 6 or spacing is None or len(spacing) != 2:
            return False
        axial = all(
            abs(a - b) < 1e-3 for a, b in zip(o, (1.0, 0.0, 0.0, 0.0, 1.0, 0.0), strict=True)
        )
        square = spacing[0] > 0 and abs(spacing[0] - spacing[1]) <= 1e-3 * spacing[0]
        return axial and square

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0))
        scaled = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2
        painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), self.image)
        # orientation letters (standard axial, radiological view) and the window used
        painter.setPen(QColor(255, 210, 0))
        margin, w, h = 6, self.width(), self.height()
        metrics = painter.fontMetrics()
        painter.drawText(margin, h // 2, "R")
        painter.drawText(w - margin - metrics.horizontalAdvance("L"), h // 2, "L")
        painter.drawText((w - metrics.horizontalAdvance("A")) // 2, margin + metrics.ascent(), "A")
        painter.drawText((w - metrics.horizontalAdvance("P")) // 2, h - margin, "P")
        painter.drawText(
            w - margin - metrics.horizontalAdvance(self.window_text), h - margin, self.window_text
        )
        painter.end()


class Pane(QFrame):
    """One slot: a title, then an MprWidget, a Viewer2D or a message."""

    activated = Signal(object)  # the pane
    seriesDropped = Signal(object, str)  # the pane, a series UID
    enlargeToggled = Signal(object)  # the pane: show it alone, or the layout again
    layoutRequested = Signal(object, str, str)  # the pane, a layout (LAYOUTS), the view

    def __init__(self, spec: PaneSpec, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.protocol = protocol
        self.entry: SeriesEntry | None = None
        self.volume_index = 0
        self.mpr: MprWidget | None = None
        self.viewer2d: Viewer2D | None = None
        self.first_image: FirstImageView | None = None
        self.state: ViewerState | None = None
        self.state_3d: ViewerState | None = None
        self._deferred_preset: str | None = None
        self._last_3d = 0.0
        self.setObjectName("pane")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.title = QLabel(self)
        self.title.setObjectName("pane-title")
        self.title.setToolTip(self.tr("Double-click (or F): this pane alone, and back"))
        self.link_note = QLabel(self)
        self.link_note.setObjectName("pane-note")
        self.link_note.hide()
        self.message = QLabel(self)
        self.message.setObjectName("pane-message")
        self.message.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(1, 1, 1, 1)
        self._layout.setSpacing(1)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.link_note)
        self._layout.addWidget(self.message, 1)
        self.cine = QTimer(self)
        self.cine.setInterval(CINE_INTERVAL_MS)
        self.cine.timeout.connect(lambda: self.step_time(+1))
        self.set_message(
            self.tr("No %1 series in this study").replace("%1", kind_title(spec.series_kind))
        )

    # --- what the pane shows -----------------------------------------------------------------
    def set_message(self, text: str) -> None:
        self._clear_view()
        self.message.setText(text)
        self.message.show()
        self._update_title()

    def show_entry(self, entry: SeriesEntry) -> None:
        """Show ``entry``: its main volume in MPR, or its images in the 2-D viewer."""
        self._clear_view()
        self.entry = entry
        if not entry.planned:
            self.message.setText(self.tr("Waiting for %1…").replace("%1", entry.label))
            self.message.show()
            self._show_first_image(entry)
        elif entry.is_volume:
            volume = entry.main_volume()
            assert volume is not None
            self.volume_index = entry.volumes.index(volume)
            self._show_volume(entry, volume)
        else:
            self.viewer2d = Viewer2D(entry, self)
            self.viewer2d.setObjectName("viewer-2d")
            self._layout.addWidget(self.viewer2d, 1)
            self.viewer2d.show()
            self.message.hide()
        self._update_title()

    def _show_first_image(self, entry: SeriesEntry) -> None:
        """The first image received, while the series is not planned yet (volume or not)."""
        if entry.preview is None or self.mpr is not None or self.viewer2d is not None:
            return
        if self.first_image is not None or not FirstImageView.can_show(entry):
            return
        self.first_image = FirstImageView(entry, self)
        self._layout.addWidget(self.first_image, 1)
        self.first_image.show()
        self.message.hide()

    def _viewport_for(self, kind: str, view: str) -> Viewport | None:
        own = [v for v in self.spec.viewports if v.series_kind in (kind, ANY_KIND)]
        source = own or list(protocol_for_kind(kind).viewports_for([kind]))
        return next((v for v in source if v.view in (view, "cine")), source[0] if source else None)

    def _show_volume(self, entry: SeriesEntry, volume: Volume) -> None:
        views = self.spec.views
        first_view = next(v for v in views if v != "3d") if set(views) - {"3d"} else "axial"
        viewport = self._viewport_for(entry.kind, first_view)
        preset = viewport.preset if viewport else default_preset(volume)
        slab_mode = viewport.slab_mode if viewport else "none"
        slab_mm = viewport.slab_mm if viewport else 0.0
        self.state = ViewerState(crosshair=snapped_centre(volume), slab_mode=slab_mode,
                                 slab_mm=slab_mm)  # fmt: skip
        self.state_3d = None
        three_d = next((v for v in self.spec.viewports if v.view == "3d"), None)
        if three_d is not None:
            self.state_3d = ViewerState(crosshair=snapped_centre(volume))
        self.mpr = MprWidget(
            volume,
            self.state,
            views=views,
            columns=self.spec.columns,
            render_mode=(three_d.render_mode or "mip") if three_d else "mip",
            three_d_state=self.state_3d,
            bone_removal=entry.kind == "cta" or volume.kind == "cta",
            parent=self,
        )
        self.protocol.enter(self.state)
        self.state.set_slab(slab_mode, slab_mm)
        self.mpr.activated.connect(lambda: self.activated.emit(self))
        self.mpr.unhandledKey.connect(self._key)
        self.mpr.layoutRequested.connect(
            lambda layout, view: self.layoutRequested.emit(self, layout, view)
        )
        self._layout.addWidget(self.mpr, 1)
        self.mpr.show()
        self.message.hide()
        self.apply_preset(preset)
        if self.state_3d is not None and three_d is not None:
            self._set_window(self.state_3d, three_d.preset, volume)

    def apply_preset(self, name: str) -> None:
        """Window preset for the pane (dynamic ones wait for the first slices)."""
        if self.state is not None and self.mpr is not None:
            self._set_window(self.state, name, self.mpr.volume)

    def _set_window(self, state: ViewerState, name: str, volume: Volume) -> None:
        from viewer.presets import resolve_window

        dynamic = name == "auto" or (name == "dicom" and volume.default_window is None)
        if dynamic and (volume.loaded is None or not volume.loaded.any()):
            self._deferred_preset = name
            return
        width, centre = resolve_window(name, volume)
        state.set_window(width, centre, preset=name)

    # --- progressive loading -----------------------------------------------------------------
    def on_study(self, what: str, entry: SeriesEntry) -> None:
        """The study changed for ``entry``: redraw what this pane shows of it."""
        if self.entry is None or entry.series_uid != self.entry.series_uid:
            return
        if what in ("planned", "replaced") and self.mpr is None and self.viewer2d is None:
            self.show_entry(entry)
        elif what == "preview" and not entry.planned:
            self._show_first_image(entry)
        elif what == "replaced" and self.mpr is not None and entry.volumes:
            index = min(self.volume_index, len(entry.volumes) - 1)
            self.mpr.set_volume(entry.volumes[index])
        elif what == "slices" and self.mpr is not None:
            self.mpr.mark_modified(with_3d=self._3d_due())
            if self._deferred_preset and self.state is not None:
                name, self._deferred_preset = self._deferred_preset, None
                self._set_window(self.state, name, self.mpr.volume)
        elif what == "status" and self.mpr is not None:
            self.mpr.mark_modified(with_3d=True)
        elif what == "images" and self.viewer2d is not None:
            self.viewer2d.refresh()
        self._update_title()

    def _3d_due(self) -> bool:
        """True at most once a second: re-wrapping the 3-D view is slow while slices arrive."""
        now = time.monotonic()
        if now - self._last_3d >= 1.0:
            self._last_3d = now
            return True
        return False

    # --- cine (4-D series) -------------------------------------------------------------------
    def _key(self, key: int) -> None:
        from PySide6.QtCore import Qt

        if key == Qt.Key.Key_F:
            self.enlargeToggled.emit(self)
        elif key == Qt.Key.Key_Space:
            self.toggle_cine()
        elif key == Qt.Key.Key_Right:
            self.step_time(+1)
        elif key == Qt.Key.Key_Left:
            self.step_time(-1)

    @property
    def is_4d(self) -> bool:
        return bool(self.entry and self.entry.times and len(self.entry.volumes) > 1)

    def toggle_cine(self) -> None:
        if not self.is_4d:
            return
        if self.cine.isActive():
            self.cine.stop()
        else:
            self.cine.start()

    def step_time(self, step: int) -> None:
        if not self.is_4d or self.mpr is None or self.entry is None:
            return
        self.volume_index = (self.volume_index + step) % len(self.entry.volumes)
        self.mpr.set_volume(self.entry.volumes[self.volume_index])
        self._update_title()

    # --- decoration --------------------------------------------------------------------------
    def _update_title(self) -> None:
        parts = [self.spec.title] if self.spec.title else []
        entry = self.entry
        if entry is not None:
            parts.append(entry.description or entry.label)
            if self.mpr is not None and entry.volumes:
                volume = entry.volumes[min(self.volume_index, len(entry.volumes) - 1)]
                if volume.label:
                    parts.append(volume.label)
                if self.is_4d and entry.times:
                    parts.append(
                        self.tr("t = %1 s (%2/%3), space: play")
                        .replace("%1", f"{entry.times[self.volume_index]:.1f}")
                        .replace("%2", str(self.volume_index + 1))
                        .replace("%3", str(len(entry.volumes)))
                    )
            if entry.status.value == "loading" and entry.total:
                parts.append(f"{entry.done}/{entry.total}")
        self.title.setText("  —  ".join(parts))

    def set_link_note(self, text: str) -> None:
        self.link_note.setText(text)
        self.link_note.setVisible(bool(text))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit(self)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.title.geometry().contains(event.position().toPoint()):
            self.enlargeToggled.emit(self)
            return
        super().mouseDoubleClickEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(SERIES_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        uid = bytes(event.mimeData().data(SERIES_MIME).data()).decode()
        event.acceptProposedAction()
        self.seriesDropped.emit(self, uid)

    def _clear_view(self) -> None:
        self.cine.stop()
        if self.mpr is not None:
            self.mpr.close_views()
            self.mpr.setParent(None)
            self.mpr.deleteLater()
            self.mpr = None
        if self.viewer2d is not None:
            self.viewer2d.setParent(None)
            self.viewer2d.deleteLater()
            self.viewer2d = None
        if self.first_image is not None:
            self.first_image.setParent(None)
            self.first_image.deleteLater()
            self.first_image = None
        self.state = self.state_3d = None
        self._deferred_preset = None

    def close_pane(self) -> None:
        self._clear_view()


class ProtocolView(QWidget):
    """The panes of one protocol, filled from the study, linked by frame of reference.

    ``activePaneChanged(pane)``: another pane became the active one;
    ``paneShown(pane)``: a pane shows something new (a series dropped on it, or
    its volume planned after the panes were laid out): its state is a new one.
    """

    activePaneChanged = Signal(object)
    paneShown = Signal(object)
    layoutChanged = Signal(str)  # the layout now on screen (LAYOUTS), "" for the protocol's own

    def __init__(self, protocol: Protocol, study: StudyModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.protocol = protocol
        self.study = study
        self.links: list[StateLink] = []
        specs = pane_specs(protocol)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(3)
        self._columns = protocol.layout[1] if len(specs) > 1 else 1
        self.panes: list[Pane] = []
        for spec in specs:
            pane = Pane(spec, protocol, self)
            pane.activated.connect(self.set_active)
            pane.enlargeToggled.connect(self.toggle_enlarged)
            pane.layoutRequested.connect(lambda p, layout, v: self.set_layout(layout, p, v))
            pane.seriesDropped.connect(lambda p, uid: self.show_series(uid, p))
            self.panes.append(pane)
        self._place_panes(self._columns)
        self.active: Pane = self.panes[0]
        self.enlarged: Pane | None = None
        self.layout_name: str | None = session_layout()
        self._one_view: str | None = None  # the view shown alone in "1x1"
        self._before_one: str | None = None  # the layout F goes back to from "1x1"
        self._unsubscribe = study.subscribe(self._on_study)
        used: set[str] = set()
        for pane in self.panes:
            entry = self._entry_for(pane.spec.series_kind, used)
            if entry is not None:
                used.add(entry.series_uid)
                self._show(pane, entry)
        self.relink()
        if self.layout_name == "1x1" and len(self.panes) > 1:
            self.enlarged = self.active
        self._apply_layout()

    # --- layouts -----------------------------------------------------------------------------
    def _place_panes(self, columns: int) -> None:
        for pane in self.panes:
            self._grid.removeWidget(pane)
        for n, pane in enumerate(self.panes):
            self._grid.addWidget(pane, n // columns, n % columns)

    def current_layout(self) -> str:
        """The layout on screen: one of LAYOUTS, or "" for the protocol's own arrangement."""
        return self.layout_name or default_layout(self.protocol) or ""

    def set_layout(
        self, layout: str | None, pane: Pane | None = None, view: str | None = None,
        *, remember: bool = True,
    ) -> None:  # fmt: skip
        """ "1x1": ``view`` of ``pane`` alone (default: the active pane, the view last
        under the pointer); "1x3": the three planes in a row; "2x2": the planes and a
        3-D view; with several series, their panes in a row (1x3) or two columns (2x2).
        ``None``: the protocol's own. ``remember``: keep it for the next cases."""
        if layout is not None and layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        target = pane or self.active
        if remember and layout != "1x1":
            remember_layout(layout)
        if layout == "1x1" and self.layout_name != "1x1":
            self._before_one = self.layout_name
        self.layout_name = layout
        self.enlarged = target if layout == "1x1" and len(self.panes) > 1 else None
        self._one_view = view or (target.mpr.current_view if target.mpr is not None else None)
        self._apply_layout()
        self.set_active(target)
        self.layoutChanged.emit(self.current_layout())

    def _apply_layout(self) -> None:
        layout = self.layout_name
        if len(self.panes) > 1:
            columns = {"1x3": 3, "2x2": 2}.get(layout or "", self._columns)
            self._place_panes(columns)
            for p in self.panes:
                p.setVisible(self.enlarged is None or p is self.enlarged)
                alone = layout == "1x1" and p is self.enlarged
                self._lay_out_views(p, "1x1" if alone else None)
        else:
            self._lay_out_views(self.panes[0], layout)

    def _lay_out_views(self, pane: Pane, layout: str | None) -> None:
        mpr = pane.mpr
        if mpr is None:
            return
        view = self._one_view if layout == "1x1" else None
        if mpr.layout_name != layout or (view is not None and mpr.shown_views() != [view]):
            mpr.set_layout(layout, view)

    def _entry_for(self, kind: str, used: set[str]) -> SeriesEntry | None:
        entries = [e for e in self.study.series if e.series_uid not in used]
        if kind == ANY_KIND:
            volumes = [e for e in entries if e.is_volume]
            if volumes:
                return max(volumes, key=lambda e: int(np.prod(e.volumes[0].shape)))
            return entries[0] if entries else None
        matching = [e for e in entries if e.kind == kind]
        with_volumes = [e for e in matching if e.is_volume]
        found = with_volumes or matching
        return found[0] if found else None

    def _show(self, pane: Pane, entry: SeriesEntry) -> None:
        pane.show_entry(entry)
        self._apply_layout()
        self.paneShown.emit(pane)

    def show_series(self, uid: str, pane: Pane | None = None) -> None:
        """Show series ``uid`` in ``pane`` (default: the active one)."""
        entry = self.study.get(uid)
        if entry is None:
            return
        target = pane or self.active
        self._show(target, entry)
        self.set_active(target)
        self.relink()

    def toggle_enlarged(self, pane: Pane) -> None:
        """Show ``pane`` alone (double-click on its title, or F); again: the layout.

        With a single pane, its view under the pointer alone ("1x1"); from "1x1"
        (whichever way it came), the layout before it."""
        if self.layout_name == "1x1":
            self.set_layout(self._before_one, pane, remember=False)
        elif len(self.panes) > 1:
            self.enlarged = pane if self.enlarged is None else None
            for p in self.panes:
                p.setVisible(self.enlarged is None or p is self.enlarged)
            self.set_active(pane)
        elif pane.mpr is not None:
            self.set_layout("1x1", pane, pane.mpr.current_view, remember=False)

    def set_active(self, pane: Pane) -> None:
        if pane is not self.active:
            self.active = pane
            self.activePaneChanged.emit(pane)
        for p in self.panes:
            p.setProperty("active", p is pane)
            p.style().unpolish(p)
            p.style().polish(p)

    def _on_study(self, what: str, uid: str) -> None:
        entry = self.study.get(uid)
        if entry is None:
            return
        if what == "added":
            for pane in self.panes:  # a pane still empty may take the new series
                if pane.entry is None and pane.spec.series_kind in (entry.kind, ANY_KIND):
                    self._show(pane, entry)
                    break
            return
        relink = False
        changed = []
        for pane in self.panes:
            had_view, had_state = pane.mpr is not None, pane.state
            pane.on_study(what, entry)
            relink = relink or (pane.mpr is not None and not had_view)
            if pane.state is not had_state:
                changed.append(pane)
        if relink or what == "replaced":
            self.relink()
        if changed:
            self._apply_layout()
        for pane in changed:
            self.paneShown.emit(pane)

    def relink(self) -> None:
        """Link the panes that share a frame of reference; say so on the others."""
        for link in self.links:
            link.close()
        self.links = []
        groups: dict[str, list[Pane]] = {}
        for pane in self.panes:
            if pane.state is not None and pane.entry is not None:
                key = pane.entry.frame_of_reference_uid or f"pane-{id(pane)}"
                groups.setdefault(key, []).append(pane)
        for panes in groups.values():
            if len(panes) > 1:
                self.links.append(StateLink([p.state for p in panes if p.state is not None]))
        shown = sum(len(p) for p in groups.values())
        for panes in groups.values():
            note = ""
            if shown > 1 and len(panes) == 1:
                note = self.tr("not linked: different frame of reference")
            for pane in panes:
                pane.set_link_note(note)

    def mpr_widgets(self) -> list[MprWidget]:
        return [p.mpr for p in self.panes if p.mpr is not None]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_view()
        super().closeEvent(event)

    def close_view(self) -> None:
        """Leave the protocol (exit hooks), release every view and its interactors."""
        self._unsubscribe()
        for link in self.links:
            link.close()
        self.links = []
        for pane in self.panes:
            if pane.state is not None:
                self.protocol.exit(pane.state)
            pane.close_pane()
