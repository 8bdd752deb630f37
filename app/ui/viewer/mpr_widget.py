"""Three linked MPR views (and an optional 3-D view) hosted in Qt.

:class:`MprWidget` owns one :class:`QVTKRenderWindowInteractor` per view and
hands their render windows to one :class:`viewer.mpr.MprViewer` (and to a
:class:`viewer.render3d.VolumeView` for "3d"): composition, no class is both
Qt and VTK (STYLE.md point 5). The mouse and the keyboard change the
:class:`~viewer.model.ViewerState` (see :mod:`app.ui.viewer.mouse`); the
viewer redraws from the state. Interactors are finalised when the widget
closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QCursor, QShowEvent
from PySide6.QtWidgets import QGridLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor

from app.ui.viewer import view_pool
from app.ui.viewer.annotations import Measurement, MeasurementLayer, MeasurementSet
from app.ui.viewer.mouse import ViewEvents
from app.ui.viewer.vtk_host import capture_window
from viewer.model import SLAB_MODES, Change, ViewerState
from viewer.mpr import MprViewer
from viewer.planes import MPR_VIEWS, plane_axes
from viewer.presets import resolve_window
from viewer.render3d import VolumeView
from viewer.volume import Volume

#: Slab thicknesses offered by +/- (mm).
SLAB_STEPS_MM = (2.0, 3.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 60.0)
TOOLS = ("navigate", "distance", "roi")
#: Arrangements of the views: one view alone, the three planes in a row, planes + 3-D.
LAYOUTS = ("1x1", "1x3", "2x2")


class MprWidget(QWidget):
    """Axial / coronal / sagittal (+ "3d") views of one volume sharing one ``ViewerState``.

    ``views`` lists the views in layout order, on a grid of ``columns``
    columns. ``three_d_state`` drives the 3-D view's window (its own link
    group); it defaults to ``state``.
    """

    toolChanged = Signal(str)
    measurementAdded = Signal(object)  # Measurement
    unhandledKey = Signal(int)  # Qt key the views did not use (e.g. space for cine)
    activated = Signal()  # the user clicked into one of the views
    layoutRequested = Signal(
        str, str
    )  # a layout (LAYOUTS) asked by key, the view under the pointer

    def __init__(
        self,
        volume: Volume,
        state: ViewerState,
        *,
        views: Sequence[str] = MPR_VIEWS,
        columns: int | None = None,
        render_mode: str = "mip",
        three_d_state: ViewerState | None = None,
        bone_removal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.mpr_views = [v for v in views if v in MPR_VIEWS]
        self.vtk_widgets: dict[str, QVTKRenderWindowInteractor] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self._default_columns = columns or len(views)
        self._render_mode = render_mode
        self._three_d_state = three_d_state
        self._bone_removal = bone_removal
        self._initial_views = list(views)
        self.layout_name: str | None = None  # None: the views as given, on ``columns``
        self._current_view = next(iter(views), "axial")
        self.last_2d_view = next((v for v in views if v in MPR_VIEWS), "axial")
        for name in views:
            widget = view_pool.take(self)
            widget.setObjectName(f"view-{name}")
            widget.setMinimumSize(120, 120)
            self.vtk_widgets[name] = widget
        self._arrange(list(views), self._default_columns)
        self.viewer = MprViewer(
            volume,
            state,
            {v: self.vtk_widgets[v].GetRenderWindow() for v in self.mpr_views},
            views=self.mpr_views,
            auto_render=False,
        )
        self.volume_view: VolumeView | None = None
        if "3d" in self.vtk_widgets:
            self.volume_view = VolumeView(
                volume,
                three_d_state or state,
                self.vtk_widgets["3d"].GetRenderWindow(),
                mode=render_mode,
                auto_render=False,
                bone_removal=bone_removal,
            )
        self.measurements = MeasurementSet()
        self.pending: Measurement | None = None
        self.layers = {
            v: MeasurementLayer(self.viewer.views[v].renderer, self.viewer.views[v])
            for v in self.mpr_views
        }
        self.tool = "navigate"
        self.oblique = False
        self._measured_before = False
        self._shown = False
        self.closed = False
        self._unsubscribe = state.subscribe(self._on_change)
        self.measurements.subscribe(self.update_measurements)
        self.events = ViewEvents(self)
        for name, widget in self.vtk_widgets.items():
            self.events.attach(name, widget)
        self.update_measurements()

    @property
    def current_view(self) -> str:
        """The view last under the pointer (hovered, clicked, or given the keys)."""
        return self._current_view

    @current_view.setter
    def current_view(self, view: str) -> None:
        self._current_view = view

    def mark_used(self, view: str) -> None:
        """The reader clicked, scrolled or typed in ``view``: the key image's view when
        the pointer is on none. Merely crossing a pane with the pointer does not count
        (on the way to the opinion panel it would have chosen the pane crossed)."""
        self.current_view = view
        if view in self.mpr_views:
            self.last_2d_view = view

    def view_under_pointer(self) -> str | None:
        """The shown view the mouse pointer is on now (None: it is on none)."""
        where = QCursor.pos()
        for name in self.shown_views():
            widget = self.vtk_widgets[name]
            if widget.isVisible() and widget.rect().contains(widget.mapFromGlobal(where)):
                return name
        return None

    def key_image_view(self) -> str:
        """The view a key image captures: the one under the pointer; else the 2-D view
        the reader used last (clicked, scrolled, typed in), else the axial one. The 3-D view only
        when the pointer is on it."""
        shown = self.shown_views()
        pointed = self.view_under_pointer()
        if pointed is not None:
            return pointed
        planes = [v for v in shown if v != "3d"]
        if self.last_2d_view in planes:
            return self.last_2d_view
        if "axial" in planes:
            return "axial"
        return planes[0] if planes else (shown[0] if shown else next(iter(self.vtk_widgets)))

    # --- showing -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown and not self.closed:
            self._shown = True
            for widget in self.vtk_widgets.values():
                widget.Initialize()
            if self.volume_view is not None:
                self.volume_view.auto_render = True
            self.redraw()

    @property
    def volume(self) -> Volume:
        return self.viewer.volume

    def redraw(self, views: Iterable[str] | None = None) -> None:
        """Draw ``views`` (default all) once the widget is on screen."""
        if not self._shown or self.closed:
            return
        names = list(self.vtk_widgets) if views is None else list(views)
        mpr = [v for v in names if v in self.mpr_views]
        if mpr:
            self.viewer.render(mpr)
        if "3d" in names and self.volume_view is not None:
            self.volume_view.render()

    def _on_change(self, change: Change) -> None:
        if change.what == "camera":
            targets = [change.view] if change.view in self.mpr_views else []
        else:
            targets = list(self.mpr_views)
        if change.what in ("crosshair", "rotation", "camera"):
            self.update_measurements(redraw=False)
        self.redraw(targets)

    # --- layout ------------------------------------------------------------------------------
    def _arrange(self, shown: list[str], columns: int) -> None:
        for widget in self.vtk_widgets.values():
            self._grid.removeWidget(widget)
        for n, name in enumerate(shown):
            self._grid.addWidget(self.vtk_widgets[name], n // columns, n % columns)
        for name, widget in self.vtk_widgets.items():
            widget.setVisible(name in shown)

    def shown_views(self) -> list[str]:
        """The views on screen, in layout order."""
        return [v for v in self.vtk_widgets if not self.vtk_widgets[v].isHidden()]

    def set_layout(self, layout: str | None, view: str | None = None) -> None:
        """Arrange the views: "1x1" ``view`` alone (default: the one last under the
        pointer), "1x3" the planes in a row, "2x2" the planes and a 3-D view (added
        when there is none); ``None``: the views this widget was made with."""
        if layout is not None and layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        order: list[str] = [v for v in (*MPR_VIEWS, "3d") if v in self.vtk_widgets]
        shown: list[str]
        if layout is None:
            shown, columns = list(self._initial_views), self._default_columns
        elif layout == "1x1":
            target = view if view in self.vtk_widgets else self.current_view
            shown, columns = [target if target in self.vtk_widgets else order[0]], 1
        elif layout == "1x3":
            shown = [v for v in order if v != "3d"] or order
            columns = len(shown)
        else:
            if "3d" not in self.vtk_widgets and self.mpr_views:
                self._add_3d()
            order = [v for v in (*MPR_VIEWS, "3d") if v in self.vtk_widgets]
            shown, columns = order, min(2, len(order))
        if shown and shown[0] in self.vtk_widgets and layout == "1x1":
            self.current_view = shown[0]
        self.layout_name = layout
        self._arrange(shown, columns)
        self.redraw(shown)

    def _add_3d(self) -> None:
        """A 3-D view for a widget made without one (the "2x2" layout)."""
        widget = view_pool.take(self)
        widget.setObjectName("view-3d")
        widget.setMinimumSize(120, 120)
        self.vtk_widgets["3d"] = widget
        self.volume_view = VolumeView(
            self.volume,
            self._three_d_state or self.state,
            widget.GetRenderWindow(),
            mode=self._render_mode,
            auto_render=False,
            bone_removal=self._bone_removal,
        )
        self.events.attach("3d", widget)
        if self._shown and not self.closed:
            widget.Initialize()
            self.volume_view.auto_render = True

    # --- content -----------------------------------------------------------------------------
    def set_volume(self, volume: Volume) -> None:
        """Show another volume (or the same one with a new array)."""
        self.viewer.set_volume(volume)
        if self.volume_view is not None:
            self._refresh_3d(volume)
        self.update_measurements(redraw=False)
        self.redraw()

    def mark_modified(self, *, with_3d: bool = True) -> None:
        """Slices arrived in place: redraw (the 3-D view only when ``with_3d``)."""
        self.viewer.mark_modified()
        self.redraw(self.mpr_views)
        if with_3d and self.volume_view is not None:
            self._refresh_3d(self.viewer.volume)

    def _refresh_3d(self, volume: Volume) -> None:
        """Re-wrap the volume for the 3-D view, keeping the user's camera (a camera not
        moved since it was framed frames the volume again: what is visible has grown)."""
        assert self.volume_view is not None
        if self.volume_view.camera_as_reset():
            auto = self.volume_view.auto_render
            self.volume_view.auto_render = False
            self.volume_view.set_volume(volume)  # framed afresh
            self.volume_view.auto_render = auto
            self.redraw(["3d"])
            return
        camera = self.volume_view.renderer.GetActiveCamera()
        saved = (camera.GetPosition(), camera.GetFocalPoint(), camera.GetViewUp(),
                 camera.GetParallelScale(), camera.GetViewAngle())  # fmt: skip
        auto = self.volume_view.auto_render
        self.volume_view.auto_render = False
        self.volume_view.set_volume(volume)
        camera.SetPosition(*saved[0])
        camera.SetFocalPoint(*saved[1])
        camera.SetViewUp(*saved[2])
        camera.SetParallelScale(saved[3])
        camera.SetViewAngle(saved[4])
        self.volume_view.renderer.ResetCameraClippingRange()
        self.volume_view.auto_render = auto
        self.redraw(["3d"])

    def capture_view(self, view: str) -> npt.NDArray[np.uint8]:
        """The view as on screen, overlays and measurements burnt in: (H, W, 3) uint8."""
        return capture_window(self.vtk_widgets[view].GetRenderWindow())

    # --- state helpers -----------------------------------------------------------------------
    def apply_preset(self, name: str) -> None:
        """Window preset ``name``; "auto" and "dicom" are computed afresh from the slices
        loaded so far (the viewer's own cache would keep a window from an empty volume)."""
        width, centre = resolve_window(name, self.volume)
        self.state.set_window(width, centre, preset=name)

    def slice_step_mm(self, view: str) -> float:
        """Distance between two slices along ``view``'s normal (the voxel grid's)."""
        _, _, normal = plane_axes(view, self.state.rotation)
        per_mm = np.linalg.inv(self.volume.affine)[:3, :3] @ normal
        return 1.0 / float(np.max(np.abs(per_mm)))

    def scroll_slices(self, view: str, slices: float) -> None:
        """Move ``slices`` slices into the screen (negative: towards the viewer)."""
        if view in self.mpr_views:
            self.state.scroll(view, -slices * self.slice_step_mm(view))

    def cycle_slab_mode(self) -> None:
        mode, mm = self.state.slab
        following = SLAB_MODES[(SLAB_MODES.index(mode) + 1) % len(SLAB_MODES)]
        if following != "none" and mm <= 0:
            mm = 20.0 if following == "mip" else 5.0
        self.state.set_slab(following, mm if following != "none" else 0.0)

    def step_slab(self, direction: int) -> None:
        """Thicker (+1) or thinner (-1) slab; a thin slice becomes a MIP."""
        mode, mm = self.state.slab
        if mode == "none":
            if direction > 0:
                self.state.set_slab("mip", SLAB_STEPS_MM[0])
            return
        if direction > 0:
            bigger = [s for s in SLAB_STEPS_MM if s > mm + 1e-6]
            self.state.set_slab(mode, bigger[0] if bigger else mm)
        else:
            smaller = [s for s in SLAB_STEPS_MM if s < mm - 1e-6]
            if smaller:
                self.state.set_slab(mode, smaller[-1])
            else:
                self.state.set_slab("none", 0.0)

    def reset(self) -> None:
        """Fit every view, undo the oblique rotation."""
        self.state.reset_rotation()
        for view in self.mpr_views:
            self.state.reset_camera(view)
        if self.volume_view is not None:
            self.volume_view.reset_camera()

    def set_render_mode(self, mode: str) -> None:
        """3-D view: "mip" or "vr"."""
        if self.volume_view is not None:
            self.volume_view.set_mode(mode)

    def set_bone_removal(self, on: bool) -> None:
        """3-D view: remove the bone before rendering (:mod:`viewer.bone`), or not."""
        if self.volume_view is not None:
            self.volume_view.set_bone_removal(on)
            self.redraw(["3d"])

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}")
        self.tool = tool
        self.pending = None
        self.update_measurements()
        self.toolChanged.emit(tool)

    def set_oblique(self, on: bool) -> None:
        self.oblique = on

    # --- measurements ------------------------------------------------------------------------
    def update_measurements(self, *, redraw: bool = True) -> None:
        """Re-place the measurement actors (the plane moved, or a measurement changed)."""
        if not self.measurements.items and self.pending is None and not self._measured_before:
            return
        self._measured_before = bool(self.measurements.items or self.pending)
        for view, layer in self.layers.items():
            tolerance = max(0.5, 0.5 * self.slice_step_mm(view))
            layer.update(self.measurements.items, self.pending, tolerance)
        if redraw:
            self.redraw(self.mpr_views)

    def add_measurement(self, measurement: Measurement) -> None:
        self.pending = None
        self.measurements.add(measurement)
        self.measurementAdded.emit(measurement)

    # --- closing -----------------------------------------------------------------------------
    def close_views(self) -> None:
        """Stop listening, release the VTK pipelines and finalise the interactors."""
        if self.closed:
            return
        self.closed = True
        self._unsubscribe()
        self.events.detach()
        for layer in self.layers.values():
            layer.clear()
        self.viewer.close()
        if self.volume_view is not None:
            self.volume_view.close()
        for widget in self.vtk_widgets.values():
            view_pool.give_back(widget)  # cleared and kept for the next case, or finalised

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_views()
        super().closeEvent(event)
