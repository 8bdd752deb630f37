"""Three linked MPR views (axial, coronal, sagittal), optionally double-oblique.

:class:`MprViewer` ties a :class:`~viewer.volume.Volume` and a
:class:`~viewer.model.ViewerState` to one :class:`~viewer.slice_view.SliceView`
per plane. It takes the render windows it draws into (the Qt layer passes the
``vtkRenderWindow`` of each ``QVTKRenderWindowInteractor``) or creates
off-screen ones; it never creates widgets. All three planes pass through the
state's crosshair and turn together with the state's oblique rotation.

Display coordinates in :meth:`MprViewer.display_to_lps` /
:meth:`MprViewer.lps_to_display` are VTK's: pixels of the render window,
origin at the **bottom-left** (a Qt caller flips y and multiplies by the
device pixel ratio).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkRenderWindow, vtkTextActor

from viewer.model import Change, ViewerState
from viewer.planes import MPR_VIEWS
from viewer.presets import auto_window, resolve_window
from viewer.slice_view import PlaneImage, SliceView, VolumeData
from viewer.volume import Volume
from viewer.vtkbridge import grab_rgb, offscreen_window

Viewport = tuple[float, float, float, float]


class MprViewer:
    """Axial / coronal / sagittal views of one volume, linked through one ``ViewerState``.

    ``render_windows`` maps view names to the windows they draw into; several
    views may share a window when ``viewports`` gives each its
    (xmin, ymin, xmax, ymax) part. ``None`` creates one off-screen window of
    ``size`` per view in ``views``. With ``auto_render`` every state change
    redraws the affected windows at once; otherwise the caller calls
    :meth:`render`.
    """

    def __init__(
        self,
        volume: Volume,
        state: ViewerState,
        render_windows: Mapping[str, vtkRenderWindow] | None = None,
        *,
        views: Iterable[str] = MPR_VIEWS,
        size: tuple[int, int] = (512, 512),
        viewports: Mapping[str, Viewport] | None = None,
        auto_render: bool = True,
        show_crosshair: bool = True,
    ) -> None:
        self.state = state
        self.auto_render = auto_render
        self._data = VolumeData(volume)
        self._auto_window_cache: dict[int, tuple[float, float]] = {}
        if render_windows is None:
            render_windows = {v: offscreen_window(size) for v in views}
            self._owns_windows = True
        else:
            self._owns_windows = False
        unknown = set(render_windows) - set(MPR_VIEWS)
        if unknown:
            raise ValueError(f"unknown MPR views {sorted(unknown)}; expected {MPR_VIEWS}")
        shared = [w for w in render_windows.values() if list(render_windows.values()).count(w) > 1]
        if shared and not viewports:
            raise ValueError("views that share a render window need viewports")
        self.windows: dict[str, vtkRenderWindow] = dict(render_windows)
        self.views: dict[str, SliceView] = {}
        for name, window in self.windows.items():
            renderer = vtkRenderer()
            if viewports and name in viewports:
                renderer.SetViewport(*viewports[name])
            window.AddRenderer(renderer)
            self.views[name] = SliceView(name, renderer, self._data, state)
        self._crosshair_allowed = show_crosshair
        self._show_crosshair()
        self._unsubscribe = state.subscribe(self._on_change)

    # --- volume ------------------------------------------------------------------------------
    @property
    def volume(self) -> Volume:
        """The volume on display."""
        return self._data.volume

    def set_volume(self, volume: Volume) -> None:
        """Show ``volume``; when it is the same array filled in place, only refresh it."""
        if volume.array is self._data.volume.array and np.array_equal(
            volume.affine, self._data.volume.affine
        ):
            self._data.volume = volume
            self.mark_modified()
            return
        self._data = VolumeData(volume)
        self._auto_window_cache.clear()
        for view in self.views.values():
            view.set_data(self._data)
        self._maybe_render(self.views)

    def mark_modified(self) -> None:
        """Slices arrived (``volume.array`` / ``volume.loaded`` changed in place): redraw."""
        self._data.modified()
        for view in self.views.values():
            view.update_banner()
            view.update_slab()
        self._maybe_render(self.views)

    # --- state -------------------------------------------------------------------------------
    def apply_preset(self, name: str) -> None:
        """Set the state's window from preset ``name`` (``"auto"`` computed once per volume)."""
        if name == "auto" or (name == "dicom" and self.volume.default_window is None):
            key = id(self.volume.array)
            if key not in self._auto_window_cache:
                self._auto_window_cache[key] = auto_window(self.volume)
            width, centre = self._auto_window_cache[key]
        else:
            width, centre = resolve_window(name, self.volume)
        self.state.set_window(width, centre, preset=name)

    def _on_change(self, change: Change) -> None:
        what = change.what
        targets: Iterable[str] = self.views
        if what in ("slab", "crosshair_shown"):
            self._show_crosshair()
        for view in self.views.values():
            if what == "crosshair":
                view.update_plane()
            elif what == "window":
                view.update_window()
            elif what == "slab":
                view.update_slab()
            elif what == "rotation":
                view.update_frame()
            elif what == "camera":
                if view.name == change.view:
                    view.update_camera()
                targets = [change.view] if change.view in self.views else []
        self._maybe_render(targets)

    def _maybe_render(self, views: Iterable[str]) -> None:
        if self.auto_render:
            self.render(views)

    # --- drawing -----------------------------------------------------------------------------
    def render(self, views: Iterable[str] | None = None) -> None:
        """Draw ``views`` (default all), each window once."""
        names = list(self.views) if views is None else list(views)
        done: list[vtkRenderWindow] = []
        for name in names:
            window = self.windows[name]
            if any(window is w for w in done):
                continue
            window.Render()
            done.append(window)

    def grab(self, view: str) -> npt.NDArray[np.uint8]:
        """Render ``view``'s window and return it as ``(height, width, 3)`` uint8, top row first."""
        self.windows[view].Render()
        return grab_rgb(self.windows[view])

    def set_interactive(self, interactive: bool) -> None:
        """Start (True) or end (False) a drag: oblique slabs are drawn coarser meanwhile.

        The Qt layer sets it on mouse press and clears it on release (or after
        a short idle time), which redraws the affected views in full quality.
        """
        changed = [v.name for v in self.views.values() if v.interactive != interactive]
        for view in self.views.values():
            view.set_interactive(interactive)
        self._maybe_render(changed)

    def set_crosshair_visible(self, visible: bool) -> None:
        """Allow (True) or forbid (False) the crosshair lines in every view (forbidden for
        snapshots). Allowed, they are drawn where :meth:`ViewerState.crosshair_drawn` says."""
        self._crosshair_allowed = visible
        self._show_crosshair()

    def _show_crosshair(self) -> None:
        drawn = self._crosshair_allowed and self.state.crosshair_drawn()
        for view in self.views.values():
            view.set_crosshair_visible(drawn)

    # --- hit testing -------------------------------------------------------------------------
    def display_to_lps(self, view: str, x: float, y: float) -> npt.NDArray[np.float64]:
        """LPS mm under display pixel (x, y) of ``view`` (VTK pixels, origin bottom-left)."""
        v = self.views[view]
        r = v.renderer
        r.SetDisplayPoint(float(x), float(y), 0.0)
        r.DisplayToWorld()
        wx, wy, _, w = r.GetWorldPoint()
        if w not in (0.0, 1.0):
            wx, wy = wx / w, wy / w
        return v.view_to_lps(wx, wy)

    def lps_to_display(self, view: str, xyz: npt.ArrayLike) -> tuple[float, float]:
        """Display pixel (VTK, origin bottom-left) where LPS point ``xyz`` projects in ``view``."""
        v = self.views[view]
        wx, wy = v.lps_to_view(xyz)
        r = v.renderer
        r.SetWorldPoint(wx, wy, 0.0, 1.0)
        r.WorldToDisplay()
        dx, dy, _ = r.GetDisplayPoint()
        return (float(dx), float(dy))

    # --- reading back ------------------------------------------------------------------------
    def edge_labels(self, view: str) -> dict[str, str]:
        """Orientation letters shown on the left, right, top and bottom edges of ``view``."""
        labels = self.views[view].overlays.labels
        return {edge: actor.GetInput() for edge, actor in labels.items()}

    def label_actors(self, view: str) -> dict[str, vtkTextActor]:
        """The text actors of the orientation letters (edge → actor)."""
        return dict(self.views[view].overlays.labels)

    def plane_image(self, view: str) -> PlaneImage:
        """The resampled plane of ``view`` as numbers (e.g. for ROI statistics)."""
        return self.views[view].plane_image()

    def close(self) -> None:
        """Stop listening to the state and release the renderers (and owned windows)."""
        self._unsubscribe()
        for name, view in self.views.items():
            view.close()
            self.windows[name].RemoveRenderer(view.renderer)
        if self._owns_windows:
            for window in self.windows.values():
                window.Finalize()
        self.views.clear()
