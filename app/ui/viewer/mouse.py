"""Mouse and keyboard of the MPR views, as radiologists expect them.

The Qt events of each hosted VTK widget are caught by :class:`ViewEvents` (an
event filter: VTK never sees them) and turned into changes of the
:class:`~viewer.model.ViewerState`:

========================  ==============================================
wheel                     next / previous slice (ctrl: zoom)
left click / drag         crosshair (moves the other views)
ctrl + left drag, or O    oblique: turn the planes about this view's normal
right drag                window: horizontal = width, vertical = centre
ctrl + right drag         zoom
middle or shift + left    pan
Up / Down, PgUp / PgDn    next / previous slice
1 2 3 4 5, 0, A           brain, stroke, subdural, bone, angio, the
                          series' own window, automatic window
R                         reset zoom, pan and oblique rotation
C                         show / hide the crosshair lines (hidden over
                          a slab MIP until shown)
F                         this pane (one series of several) or this
                          view alone / the layout again (as a
                          double-click on the pane's title)
Ctrl+1, Ctrl+3, Ctrl+4    layouts: this view alone (1x1), the three
                          planes in a row (1x3), planes + 3-D (2x2)
M, + / -                  slab mode (thin, MIP, MinIP, mean), thickness
D, E, Esc, Delete         distance, ellipse ROI, back to navigation,
                          clear the measurements
3-D view                  left drag turns, wheel zooms, right drag windows
========================  ==============================================

Keys act on the view under the pointer: entering a view (or moving in it) gives
it the keyboard focus, no click needed, unless the reader is typing in a text
field; then the first click into a view only takes the focus back (it does not
move the crosshair or start a measurement).

Qt positions (logical pixels, origin top-left) become VTK display pixels
(physical, origin bottom-left) with :func:`app.ui.viewer.vtk_host.vtk_display_point`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.ui.viewer.annotations import measure_distance, measure_roi
from app.ui.viewer.vtk_host import vtk_display_point

if TYPE_CHECKING:
    from app.ui.viewer.mpr_widget import MprWidget

_WHEEL_NOTCH = 120.0
_ZOOM_PER_NOTCH = 1.1
#: A drag with no mouse move for this long is drawn in full quality again (a release
#: lost to a modal dialog or a pointer grab must not leave the views coarse).
SETTLE_MS = 1000


@dataclass
class _Drag:
    """What a pressed button is doing until it is released."""

    action: str  # crosshair, rotate, window, zoom, pan, turn3d
    view: str
    start: QPointF
    last: QPointF
    window: tuple[float, float] = (1.0, 0.0)
    zoom: float = 1.0
    pan: tuple[float, float] = (0.0, 0.0)
    angle: float = 0.0


#: Preset hotkeys: 1 brain, 2 stroke, 3 subdural, 4 bone, 5 angio, 0 the series' own.
#: Ctrl + the number of views: 1x1 (the view under the pointer alone), 1x3, 2x2.
LAYOUT_KEYS = {Qt.Key.Key_1: "1x1", Qt.Key.Key_3: "1x3", Qt.Key.Key_4: "2x2"}
PRESET_KEYS = {"1": "brain", "2": "stroke", "3": "subdural", "4": "bone", "5": "angio",
               "0": "dicom", "a": "auto"}  # fmt: skip


def _typing() -> bool:
    """Whether the keyboard focus is in a text field (hovering a view must not take it)."""
    return _is_text_entry(QApplication.focusWidget())


def _is_text_entry(focus: QWidget | None) -> bool:
    if isinstance(focus, QComboBox):
        return focus.isEditable()
    return isinstance(focus, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


class ViewEvents(QObject):
    """Event filter on the VTK widgets of one :class:`MprWidget`."""

    def __init__(self, owner: MprWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self._names: dict[QObject, str] = {}
        self._drag: _Drag | None = None
        self._first_point: np.ndarray | None = None
        # the view a click just took the keyboard focus to from a text field (Qt moves the
        # focus before the press reaches this filter)
        self._focus_click: QObject | None = None
        # restarted at each drag move; its timeout draws everything in full quality
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self.settle)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def attach(self, name: str, widget: QWidget) -> None:
        self._names[widget] = name
        widget.installEventFilter(self)

    def detach(self) -> None:
        self._settle_timer.stop()
        app = QApplication.instance()
        if self._names and isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        for widget in self._names:
            widget.removeEventFilter(self)
        self._names.clear()

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        self._focus_click = now if now in self._names and _is_text_entry(old) else None
        if self._drag is not None and now not in self._names:
            self.end_drag()  # the focus went to a dialog or another window mid-drag

    # --- dispatch ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        name = self._names.get(watched)
        if name is None or self.owner.closed:
            return False
        kind = event.type()
        widget = watched
        assert isinstance(widget, QWidget)
        if kind == QEvent.Type.MouseButtonPress:
            self.owner.mark_used(name)
            # a click that only takes the focus back from a text field does nothing else
            focus_click = _typing() or self._focus_click is widget
            self._focus_click = None
            widget.setFocus(Qt.FocusReason.MouseFocusReason)
            self.owner.activated.emit()
            if not focus_click:
                self._press(name, widget, event)  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.Enter:
            self._hover(widget)
            return True
        if kind == QEvent.Type.MouseMove:
            if self._drag is None:
                self._hover(widget)
            self._move(name, widget, event)  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.MouseButtonRelease:
            self._release(name, widget, event)  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.MouseButtonDblClick:
            return True
        if kind == QEvent.Type.Wheel:
            self.owner.mark_used(name)
            self._wheel(name, event)  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.KeyPress:
            self._focus_click = None
            return self._key(name, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.FocusOut:
            self.end_drag()  # a release this view will never see
            return False
        if kind == QEvent.Type.Leave:
            if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
                self.end_drag()  # left with no button held: the release was lost
            return True
        return kind == QEvent.Type.KeyRelease

    def _hover(self, widget: QWidget) -> None:
        """The pointer is over ``widget``: keys go to it (unless the reader is typing)."""
        self.owner.current_view = self._names.get(widget, self.owner.current_view)
        if widget.window().focusWidget() is not widget and not _typing():
            widget.setFocus(Qt.FocusReason.MouseFocusReason)

    # --- mouse -------------------------------------------------------------------------------
    def _lps(self, view: str, widget: QWidget, pos: QPointF) -> np.ndarray:
        x, y = vtk_display_point(widget, pos)
        return self.owner.viewer.display_to_lps(view, x, y)

    def _press(self, view: str, widget: QWidget, event: QMouseEvent) -> None:
        owner, state = self.owner, self.owner.state
        pos = event.position()
        button, mods = event.button(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        drag = _Drag("", view, pos, pos, window=state.window)
        if view == "3d":
            drag.action = "window" if button == Qt.MouseButton.RightButton else "turn3d"
            if drag.action == "window" and owner.volume_view is not None:
                drag.window = owner.volume_view.state.window
        elif button == Qt.MouseButton.LeftButton and owner.tool != "navigate" and not shift:
            self._measure_click(view, self._lps(view, widget, pos))
            return
        elif button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and shift
        ):
            drag.action, drag.pan = "pan", state.camera(view).pan
        elif button == Qt.MouseButton.RightButton:
            drag.action = "zoom" if ctrl else "window"
            drag.zoom = state.camera(view).zoom
        elif button == Qt.MouseButton.LeftButton and (ctrl or owner.oblique):
            drag.action = "rotate"
            drag.angle = self._angle(view, widget, pos)
        elif button == Qt.MouseButton.LeftButton:
            drag.action = "crosshair"
            state.set_crosshair(self._lps(view, widget, pos))
        else:
            return
        self._drag = drag
        self._set_interactive()

    def _move(self, view: str, widget: QWidget, event: QMouseEvent) -> None:
        owner, state = self.owner, self.owner.state
        pos = event.position()
        drag = self._drag
        if drag is None:
            if owner.tool != "navigate" and self._first_point is not None and view != "3d":
                self._update_pending(view, self._lps(view, widget, pos))
            return
        self._set_interactive()  # again after a pause drew it in full (settle)
        dx, dy = pos.x() - drag.start.x(), pos.y() - drag.start.y()
        if drag.action == "crosshair":
            state.set_crosshair(self._lps(view, widget, pos))
        elif drag.action == "window":
            target = state if view != "3d" or owner.volume_view is None else owner.volume_view.state
            width, centre = drag.window
            per_px = max(width, 1.0) / 300.0
            target.set_window(max(1.0, width + dx * per_px), centre + dy * per_px)
        elif drag.action == "zoom":
            state.set_zoom(view, float(np.clip(drag.zoom * math.exp(-dy / 200.0), 0.2, 40.0)))
        elif drag.action == "pan":
            mm = self._mm_per_pixel(view, widget)
            state.set_pan(view, drag.pan[0] - dx * mm, drag.pan[1] + dy * mm)
        elif drag.action == "rotate":
            angle = self._angle(view, widget, pos)
            delta = (angle - drag.angle + 180.0) % 360.0 - 180.0
            drag.angle = angle
            if abs(delta) > 1e-3:
                state.rotate(view, delta)
        elif drag.action == "turn3d" and owner.volume_view is not None:
            ddx, ddy = pos.x() - drag.last.x(), pos.y() - drag.last.y()
            owner.volume_view.rotate(azimuth_deg=-ddx * 0.5, elevation_deg=ddy * 0.5)
        drag.last = pos

    def _release(self, view: str, widget: QWidget, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        self._move(view, widget, event)
        self.end_drag()

    def _set_interactive(self) -> None:
        """A drag is under way: coarser frames until it ends or pauses (:meth:`settle`)."""
        self._settle_timer.start()
        owner = self.owner
        owner.viewer.set_interactive(True)
        if owner.volume_view is not None:
            # fewer rays while the camera turns, or while a window drag in an MPR
            # view that shares the 3-D view's state redraws it at every move
            owner.volume_view.set_interactive(True)

    def settle(self) -> None:
        """Every view in full quality again (the timeout of a drag with no move for
        :data:`SETTLE_MS`); the drag itself goes on, coarse again at its next move."""
        self._settle_timer.stop()
        owner = self.owner
        if owner.closed:
            return
        interactive = any(v.interactive for v in owner.viewer.views.values()) or (
            owner.volume_view is not None and owner.volume_view.interactive
        )
        owner.viewer.set_interactive(False)
        if owner.volume_view is not None:
            owner.volume_view.set_interactive(False, redraw=False)
        if interactive:
            owner.redraw()  # every view in full quality, the 3-D one included

    def end_drag(self) -> None:
        """End the drag under way, if any (release, focus lost, pointer gone, case
        switch): every view is drawn in full quality again."""
        if self._drag is None:
            return
        self._drag = None
        self.settle()

    def _wheel(self, view: str, event: QWheelEvent) -> None:
        owner = self.owner
        notches = event.angleDelta().y() / _WHEEL_NOTCH
        if notches == 0:
            return
        if view == "3d":
            if owner.volume_view is not None:
                owner.volume_view.zoom(_ZOOM_PER_NOTCH**notches)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            zoom = owner.state.camera(view).zoom * _ZOOM_PER_NOTCH**notches
            owner.state.set_zoom(view, float(np.clip(zoom, 0.2, 40.0)))
            return
        owner.scroll_slices(view, round(notches) or (1 if notches > 0 else -1))

    def _mm_per_pixel(self, view: str, widget: QWidget) -> float:
        renderer = self.owner.viewer.views[view].renderer
        height = max(1, renderer.GetSize()[1])
        scale = renderer.GetActiveCamera().GetParallelScale()
        return 2.0 * scale / height * widget.devicePixelRatioF()

    def _angle(self, view: str, widget: QWidget, pos: QPointF) -> float:
        """Angle (degrees, counter-clockwise) of the mouse about the crosshair on screen."""
        cx, cy = self.owner.viewer.lps_to_display(view, self.owner.state.crosshair)
        x, y = vtk_display_point(widget, pos)
        return math.degrees(math.atan2(y - cy, x - cx))

    # --- measurements ------------------------------------------------------------------------
    def _measure_click(self, view: str, point: np.ndarray) -> None:
        if self._first_point is None:
            self._first_point = point
            self._update_pending(view, point)
            return
        first, self._first_point = self._first_point, None
        slice_view = self.owner.viewer.views[view]
        if self.owner.tool == "distance":
            measurement = measure_distance(slice_view, first, point)
        else:
            unit = "HU" if self.owner.volume.modality == "CT" else ""
            measurement = measure_roi(slice_view, first, point, unit=unit)
        self.owner.add_measurement(measurement)

    def _update_pending(self, view: str, point: np.ndarray) -> None:
        assert self._first_point is not None
        slice_view = self.owner.viewer.views[view]
        if self.owner.tool == "distance":
            pending = measure_distance(slice_view, self._first_point, point)
        else:
            pending = measure_distance(slice_view, self._first_point, point)
            pending.kind, pending.text = "roi", ""
        self.owner.pending = pending
        self.owner.update_measurements()

    def cancel_measurement(self) -> None:
        self._first_point = None
        self.owner.pending = None
        self.owner.update_measurements()

    # --- keyboard ----------------------------------------------------------------------------
    def _key(self, view: str, event: QKeyEvent) -> bool:
        owner = self.owner
        key, text = event.key(), event.text().lower()
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_PageUp: 1, Qt.Key.Key_Down: -1,
                 Qt.Key.Key_PageDown: -1}  # fmt: skip
        owner.mark_used(view)  # the view under the pointer (it has the focus)
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in LAYOUT_KEYS:
            owner.layoutRequested.emit(LAYOUT_KEYS[Qt.Key(key)], view)
            return True
        if key in steps and view != "3d":
            owner.scroll_slices(view, steps[Qt.Key(key)])
        elif text in PRESET_KEYS:
            owner.apply_preset(PRESET_KEYS[text])
        elif text == "r":
            owner.reset()
        elif text == "c":
            owner.state.set_crosshair_shown(not owner.state.crosshair_drawn())
        elif text == "m":
            owner.cycle_slab_mode()
        elif text in ("+", "="):
            owner.step_slab(+1)
        elif text == "-":
            owner.step_slab(-1)
        elif text == "o":
            owner.set_oblique(not owner.oblique)
        elif text == "d":
            self.cancel_measurement()
            owner.set_tool("distance")
        elif text == "e":
            self.cancel_measurement()
            owner.set_tool("roi")
        elif key == Qt.Key.Key_Escape:
            self.cancel_measurement()
            owner.set_tool("navigate")
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.cancel_measurement()
            owner.measurements.clear()
        else:
            owner.unhandledKey.emit(key)
        return True
