"""One MPR plane drawn with VTK: reslice → image actor, plus its overlays.

A :class:`SliceView` owns one ``vtkRenderer`` (the caller puts it in a render
window) and draws one plane of the volume in **patient space**:

* the volume is wrapped zero-copy as vtkImageData in voxel-index space and the
  plane is resampled with ``vtkImageReslice`` whose reslice axes are
  ``inverse(affine) × [right | up | normal | plane origin]``. The full 4×4
  affine is used, so a gantry-tilted (sheared) series is shown where it is in
  the patient, which a spacing + direction matrix could not express;
* the view's world coordinates are the plane's own (x to the screen's right,
  y up, in mm); the camera looks down −z with a parallel projection;
* the plane is sampled at the screen's resolution (never finer than the
  voxels) and windowed while it is resampled (8-bit output), so a crosshair
  move costs one small resample and one texture per view;
* a plane along a voxel axis (the usual case) is cut, or its thick slab
  reduced, in numpy over whole voxel slices (:mod:`viewer.slab`);
  oblique or tilted planes are resampled, slab included, by VTK;
* overlays (:mod:`viewer.overlays`) and a hatched "not loaded" layer over the
  pixels that read slices not yet received.

Views never read widgets; :class:`viewer.mpr.MprViewer` routes state changes
to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import VTK_UNSIGNED_CHAR, vtkCommand, vtkObject
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkImagingCore import vtkImageReslice
from vtkmodules.vtkRenderingCore import vtkImageActor, vtkRenderer

from viewer import captions, slab
from viewer.model import ViewerState
from viewer.overlays import ViewOverlays
from viewer.planes import edge_labels, plane_axes
from viewer.volume import NOT_LOADED_VALUE, Volume
from viewer.vtkbridge import ImageQuad, image_from_array, matrix4, rgba_image, set_matrix

#: Colour of each plane's crosshair line.
PLANE_COLOURS = {
    "axial": (1.0, 0.35, 0.35),
    "coronal": (0.4, 0.9, 0.4),
    "sagittal": (1.0, 0.9, 0.3),
}
_MAX_PIXELS = 2048
_CAMERA_DISTANCE = 1000.0
_FIT_MARGIN = 1.04


@dataclass(frozen=True)
class PlaneImage:
    """The resampled plane as numbers (modality units, e.g. HU) for measurements.

    ``values[row, column]`` with row 0 at the **top** of the screen, sampled at
    the volume's finest spacing; pixel ``(row, column)`` sits at
    ``top_left + column·spacing·right − row·spacing·up`` in LPS mm. Pixels
    outside the volume hold -32768.
    """

    values: npt.NDArray[np.generic]
    spacing_mm: float
    top_left: npt.NDArray[np.float64]
    right: npt.NDArray[np.float64]
    up: npt.NDArray[np.float64]


class VolumeData:
    """The volume shared by the views: the array wrapped for VTK and its inverse affine."""

    def __init__(self, volume: Volume) -> None:
        self.volume = volume
        self.image: vtkImageData = image_from_array(volume.array)
        self.index_from_lps = np.linalg.inv(volume.affine)
        self.version = 0

    def modified(self) -> None:
        """The array's content or the ``loaded`` flags changed in place."""
        self.image.Modified()
        self.version += 1

    def corners_lps(self) -> npt.NDArray[np.float64]:
        """The eight corner voxel centres in LPS, (8, 3)."""
        k, j, i = self.volume.shape
        idx = np.array([[a, b, c, 1.0] for a in (0, i - 1) for b in (0, j - 1) for c in (0, k - 1)])
        return np.asarray((self.volume.affine @ idx.T).T[:, :3], dtype=np.float64)


class SliceView:
    """One plane ("axial", "coronal" or "sagittal") of the volume in one renderer."""

    def __init__(self, name: str, renderer: vtkRenderer, data: VolumeData, state: ViewerState):
        self.name = name
        self.renderer = renderer
        self._state = state
        self._data = data
        self._plane_origin = np.full(3, np.nan)
        self._slab_key: tuple[object, ...] | None = None
        self._slab_keep: npt.NDArray[np.generic] | None = None
        self._slab_image: vtkImageData | None = None  # _slab_keep wrapped for the reslice
        self._slab_image_key: tuple[object, ...] | None = None
        self._overlay_keep: npt.NDArray[np.uint8] | None = None
        self._half_k = 0.0
        self._spacing = 0.0  # of the reslice's output grid; 0 until sampled
        self._grid: tuple[float, float, float] | None = None  # spacing, origin x, origin y
        self._gx0 = self._gy0 = 0.0
        self._size_px = (0, 0)
        self.interactive = False
        self._axes = matrix4(np.eye(4))

        self.reslice = vtkImageReslice()
        self.reslice.SetInterpolationModeToLinear()
        self.reslice.SetOutputDimensionality(2)
        self.reslice.SetBackgroundLevel(float(NOT_LOADED_VALUE))
        self.reslice.SetOutputScalarType(VTK_UNSIGNED_CHAR)
        self.reslice.SetResliceAxes(self._axes)
        self.reslice.SetInputData(data.image)
        self._input_is_volume = True

        # The reslice already windowed the values to 0..255: shown as they are.
        self.image_quad = ImageQuad(self.reslice.GetOutputPort())
        self.image_actor = self.image_quad.actor
        self.overlay_actor = vtkImageActor()
        self.overlay_actor.GetProperty().SetInterpolationTypeToNearest()
        self.overlay_actor.SetPosition(0.0, 0.0, 0.1)
        self.overlay_actor.VisibilityOff()
        renderer.AddViewProp(self.image_actor)
        renderer.AddViewProp(self.overlay_actor)
        self.overlays = ViewOverlays(renderer)
        renderer.SetBackground(0.0, 0.0, 0.0)
        renderer.GetActiveCamera().ParallelProjectionOn()
        # A plane and a few overlays, always in view: frustum culling would only cost bounds.
        renderer.GetCullers().RemoveAllItems()
        self._start_observer = renderer.AddObserver(vtkCommand.StartEvent, self._before_render)

        self.update_frame()
        self.update_window()
        self.update_banner()

    # --- geometry ----------------------------------------------------------------------------
    @property
    def axes(
        self,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(right, up, towards viewer) unit vectors in LPS."""
        return self._right, self._up, self._normal

    def update_frame(self) -> None:
        """Recompute the plane's orientation and extent (rotation or volume changed)."""
        self._right, self._up, self._normal = plane_axes(self.name, self._state.rotation)
        data = self._data
        self._centre = data.volume.centre_lps()
        rel = data.corners_lps() - self._centre
        xs, ys = rel @ self._right, rel @ self._up
        self._x0, self._y0 = float(xs.min()), float(ys.min())
        self._w, self._h = float(xs.max() - xs.min()), float(ys.max() - ys.min())
        self._native_spacing = min(data.volume.spacing)
        self._index_per_mm = data.index_from_lps[:3, :3] @ self._normal
        self._native_step = 1.0 / float(np.max(np.abs(self._index_per_mm)))
        # Whole voxel slices serve a plane that is one (thin), and a slab whose normal
        # also runs along that voxel axis (no gantry tilt).
        self._plane_axis = slab.plane_axis(data.index_from_lps, self._right, self._up)
        along = slab.aligned_axis(self._index_per_mm)
        self._slab_axis = self._plane_axis if along == self._plane_axis else None
        rotation = self._state.rotation
        # The horizontal line is the plane whose normal is this view's "up", and so on.
        self._line_colours = (
            _plane_colour(self._up, rotation),
            _plane_colour(self._right, rotation),
        )
        self.overlays.set_labels(edge_labels(self._right, self._up))
        self._plane_origin = np.full(3, np.nan)
        self._slab_key = None
        self._spacing = 0.0
        self.update_camera()
        self.update_plane()

    def _screen(self) -> tuple[int, int, float, float, float]:
        """(width px, height px, mm per px, centre x, centre y) the camera shows."""
        width_px, height_px = self.renderer.GetSize()
        if width_px <= 0 or height_px <= 0:
            width_px = height_px = 512
        cam_state = self._state.camera(self.name)
        fit = max(self._h / 2.0, self._w / 2.0 / (width_px / height_px)) * _FIT_MARGIN
        cx = self._x0 + self._w / 2.0 + cam_state.pan[0]
        cy = self._y0 + self._h / 2.0 + cam_state.pan[1]
        return width_px, height_px, 2.0 * fit / cam_state.zoom / height_px, cx, cy

    def _update_sampling(self) -> bool:
        """Match the output grid to the screen's pixels; True when it changed.

        When the screen is no finer than the voxels, the plane is sampled at
        the very centres of the screen pixels (those of the camera that
        :meth:`update_camera` sets), so each texel covers one pixel and is
        drawn as it is, without a second interpolation; otherwise at the
        voxels' spacing from the plane's corner, magnified smoothly.
        """
        width_px, height_px, mm_per_px, cx, cy = self._screen()
        span = max(self._w, self._h)
        spacing = max(self._native_spacing, mm_per_px, span / (_MAX_PIXELS - 1))
        if self.interactive and self._resampled_slab():
            spacing *= 2.0  # a coarser oblique slab while the user drags; refined after
        on_pixels = spacing == mm_per_px
        if on_pixels:
            # Pixel p's centre is at centre + (p + 0.5 - size / 2) × mm per px.
            gx0 = _first_centre(self._x0, cx - width_px / 2.0 * spacing, spacing)
            gy0 = _first_centre(self._y0, cy - height_px / 2.0 * spacing, spacing)
            unchanged = (spacing, gx0, gy0) == self._grid
        else:
            gx0, gy0 = self._x0, self._y0
            last = self._grid
            unchanged = (
                last is not None and last[1:] == (gx0, gy0) and abs(spacing / last[0] - 1.0) < 0.01
            )
        if unchanged and self._spacing:
            return False
        self._grid = (spacing, gx0, gy0)
        self._spacing = spacing
        self._gx0, self._gy0 = gx0, gy0
        self._nx = int(np.ceil((self._x0 + self._w - gx0) / spacing - 1e-6)) + 1
        self._ny = int(np.ceil((self._y0 + self._h - gy0) / spacing - 1e-6)) + 1
        self.reslice.SetOutputOrigin(gx0, gy0, 0.0)
        self.reslice.SetOutputExtent(0, self._nx - 1, 0, self._ny - 1, 0, 0)
        self.image_quad.place((gx0, gy0), (spacing, spacing), (self._nx, self._ny))
        self.image_quad.set_smooth(not on_pixels)
        return True

    def update_plane(self) -> None:
        """Follow the crosshair along the normal; refresh slab, overlay and crosshair lines."""
        c = self._state.crosshair
        origin = self._centre + float(np.dot(c - self._centre, self._normal)) * self._normal
        if not np.allclose(origin, self._plane_origin, atol=1e-9, rtol=0.0):
            self._plane_origin = origin
            plane = np.eye(4)
            plane[:3, 0], plane[:3, 1], plane[:3, 2] = self._right, self._up, self._normal
            plane[:3, 3] = origin
            self._plane_to_index = self._data.index_from_lps @ plane
            set_matrix(self._axes, self._plane_to_index)
            self.update_slab()
        xc = float(np.dot(c - self._centre, self._right))
        yc = float(np.dot(c - self._centre, self._up))
        self.overlays.set_crosshair(
            (xc, yc), (self._x0, self._x0 + self._w), (self._y0, self._y0 + self._h),
            self._line_colours,
        )  # fmt: skip

    def update_slab(self) -> None:
        """Choose the slab path (numpy along a voxel axis, VTK otherwise), texts and overlay."""
        mode, mm = self._state.slab
        thin = mode == "none" or mm <= 0
        self._half_k = 0.0 if thin else mm / 2.0 * abs(float(self._index_per_mm[2]))
        axis = self._plane_axis if thin else self._slab_axis
        if axis is not None:
            self._use_plane_input(axis, "none" if thin else mode, mm)
        elif thin:
            self._use_volume_input(slices=1)
        else:
            step = max(self._native_step, self._spacing)
            if self.interactive:
                step = max(step, mm / 10.0)
            self._use_volume_input(slices=max(1, round(mm / step) + 1), mode=mode, step=step)
        where = captions.slice_position_text(
            self._data.volume, self._plane_origin, self._normal, thin=thin
        )
        text = f"{captions.words().view(self.name)}  {where}"
        self.overlays.position_text.SetInput(f"{text}\n{captions.slab_text(mode, mm)}")
        self._update_not_loaded()

    def _resampled_slab(self) -> bool:
        """True when the slab goes through VTK's resampling (oblique or tilted planes)."""
        mode, mm = self._state.slab
        return mode != "none" and mm > 0 and self._slab_axis is None

    def set_interactive(self, interactive: bool) -> None:
        """While True, oblique slabs are drawn coarser (half resolution, ≥ 10 samples) to keep
        up with the mouse; set False when the interaction ends to draw them in full."""
        if interactive == self.interactive:
            return
        self.interactive = interactive
        if self._resampled_slab():
            self._spacing = 0.0
            self._update_sampling()
            self.update_slab()

    def _use_volume_input(self, *, slices: int, mode: str = "mip", step: float = 1.0) -> None:
        if not self._input_is_volume:
            self.reslice.SetInputData(self._data.image)
            self._input_is_volume = True
            self._slab_key = None
            self._slab_keep = None
        self.reslice.SetOutputSpacing(self._spacing, self._spacing, step)
        self.reslice.SetSlabNumberOfSlices(slices)
        self.reslice.SetSlabTrapezoidIntegration(mode == "mean")
        {"mip": self.reslice.SetSlabModeToMax, "minip": self.reslice.SetSlabModeToMin,
         "mean": self.reslice.SetSlabModeToMean}[mode]()  # fmt: skip

    def _use_plane_input(self, axis: int, mode: str, mm: float) -> None:
        """The plane runs along voxel axis ``axis``: cut (or reduce the slab) in numpy and
        let the reslice only resample in-plane — a whole-slice operation, cache friendly."""
        data = self._data
        centre = float(self._plane_to_index[axis, 3])
        if mode == "none":
            key: tuple[object, ...] = (axis, centre, data.version, id(data.volume.array))
            if key != self._slab_key or self._slab_keep is None:
                plane = slab.thin_slice(data.volume.array, axis, centre)
                if plane is None:
                    self._use_volume_input(slices=1)
                    return
                self._slab_keep = np.expand_dims(plane, slab.ARRAY_AXIS[axis])
                self._slab_key = key
        else:
            half = mm / 2.0 * abs(float(self._index_per_mm[axis]))
            rng = slab.slab_range(centre, half, data.volume.shape[slab.ARRAY_AXIS[axis]])
            if rng is None:
                self._use_volume_input(slices=1)
                return
            key = (axis, rng, mode, data.version, id(data.volume.array))
            if key != self._slab_key or self._slab_keep is None:
                projected = slab.project_slab(data.volume.array, axis, rng[0], rng[1], mode)
                self._slab_keep = np.expand_dims(projected, slab.ARRAY_AXIS[axis])
                self._slab_key = key
        origin = [0.0, 0.0, 0.0]
        origin[axis] = centre
        if self._slab_image is None or self._slab_image_key != self._slab_key:
            self._slab_image = image_from_array(
                self._slab_keep, origin=(origin[0], origin[1], origin[2])
            )
            self._slab_image_key = self._slab_key
        if self._input_is_volume or self.reslice.GetInput() is not self._slab_image:
            self.reslice.SetInputData(self._slab_image)
        self._input_is_volume = False
        self.reslice.SetOutputSpacing(self._spacing, self._spacing, 1.0)
        self.reslice.SetSlabNumberOfSlices(1)

    def _update_not_loaded(self) -> None:
        vol = self._data.volume
        assert vol.loaded is not None
        mask = None
        if not vol.loaded.all():
            xs = self._gx0 + self._spacing * np.arange(self._nx, dtype=np.float64)
            ys = self._gy0 + self._spacing * np.arange(self._ny, dtype=np.float64)
            mask = slab.unloaded_mask(
                vol.loaded,
                vol.shape,
                self._plane_to_index,
                xs,
                ys,
                k_half_width=self._half_k,
                exact=not self._input_is_volume,
            )
        if mask is None:
            self.overlay_actor.VisibilityOff()
            self.overlays.show_not_loaded(None)
            self._overlay_keep = None
            return
        self._overlay_keep = slab.hatch(mask)
        image = rgba_image(self._overlay_keep, (self._gx0, self._gy0, 0.0), (self._spacing,) * 3)
        self.overlay_actor.GetMapper().SetInputData(image)
        self.overlay_actor.VisibilityOn()
        rows, cols = np.nonzero(mask)
        x = self._gx0 + self._spacing * (cols.min() + cols.max()) / 2.0
        y = self._gy0 + self._spacing * (rows.min() + rows.max()) / 2.0
        self.overlays.show_not_loaded((x, y))

    # --- camera, window, texts ---------------------------------------------------------------
    def update_camera(self) -> None:
        """Apply the view's zoom and pan; resample if the screen's pixel grid changed."""
        _, height_px, mm_per_px, cx, cy = self._screen()
        camera = self.renderer.GetActiveCamera()
        camera.SetFocalPoint(cx, cy, 0.0)
        camera.SetPosition(cx, cy, _CAMERA_DISTANCE)
        camera.SetViewUp(0.0, 1.0, 0.0)
        camera.SetParallelScale(mm_per_px * height_px / 2.0)
        camera.SetClippingRange(_CAMERA_DISTANCE - 10.0, _CAMERA_DISTANCE + 10.0)
        self._size_px = self.renderer.GetSize()
        if self._update_sampling() and np.all(np.isfinite(self._plane_origin)):
            self.update_slab()

    def update_window(self) -> None:
        """Window the values to 0..255 while resampling: (centre ± width/2) → (0, 255)."""
        width, centre = self._state.window
        self.reslice.SetScalarShift(-(centre - width / 2.0))
        self.reslice.SetScalarScale(255.0 / width)
        self.overlays.window_text.SetInput(captions.window_text(width, centre, self._state.preset))

    def update_banner(self) -> None:
        """Patient and study identity from ``Volume.banner``."""
        self.overlays.set_banner(self._data.volume.banner, self._data.volume.label)

    def set_crosshair_visible(self, visible: bool) -> None:
        """Show or hide the crosshair lines (hidden in snapshots)."""
        self.overlays.set_crosshair_visible(visible)

    def _before_render(self, _obj: vtkObject, _event: str) -> None:
        width_px, height_px = self.renderer.GetSize()
        if width_px <= 0 or height_px <= 0:
            return
        if (width_px, height_px) != self._size_px:
            self.update_camera()
        mm_per_px = 2.0 * self.renderer.GetActiveCamera().GetParallelScale() / height_px
        self.overlays.layout(width_px, height_px, mm_per_px)

    # --- volume ------------------------------------------------------------------------------
    def set_data(self, data: VolumeData) -> None:
        """Show another volume (a new array object)."""
        self._data = data
        self._input_is_volume = False
        self._use_volume_input(slices=1)
        self.update_banner()
        self.update_frame()

    # --- reading back ------------------------------------------------------------------------
    def plane_origin(self) -> npt.NDArray[np.float64]:
        """LPS point of the plane at view coordinates (0, 0)."""
        return self._plane_origin.copy()

    def view_to_lps(self, x: float, y: float) -> npt.NDArray[np.float64]:
        """View (world) coordinates in mm → LPS."""
        return np.asarray(self._plane_origin + x * self._right + y * self._up, dtype=np.float64)

    def lps_to_view(self, xyz: npt.ArrayLike) -> tuple[float, float]:
        """LPS → view (world) coordinates in mm (the point is projected onto the plane)."""
        d = np.asarray(xyz, dtype=np.float64) - self._plane_origin
        return (float(np.dot(d, self._right)), float(np.dot(d, self._up)))

    def plane_image(self) -> PlaneImage:
        """The current plane (slab included) in modality units at the voxels' spacing."""
        s = self._native_spacing
        nx, ny = int(np.ceil(self._w / s)) + 1, int(np.ceil(self._h / s)) + 1
        r = vtkImageReslice()
        r.SetInputData(self.reslice.GetInput())
        r.SetResliceAxes(self._axes)
        r.SetInterpolationModeToLinear()
        r.SetOutputDimensionality(2)
        r.SetBackgroundLevel(float(NOT_LOADED_VALUE))
        r.SetOutputOrigin(self._x0, self._y0, 0.0)
        r.SetOutputSpacing(s, s, self.reslice.GetOutputSpacing()[2])
        r.SetOutputExtent(0, nx - 1, 0, ny - 1, 0, 0)
        r.SetSlabNumberOfSlices(self.reslice.GetSlabNumberOfSlices())
        r.SetSlabMode(self.reslice.GetSlabMode())
        r.SetSlabTrapezoidIntegration(self.reslice.GetSlabTrapezoidIntegration())
        r.Update()
        out = r.GetOutput()
        values = vtk_to_numpy(out.GetPointData().GetScalars()).reshape(ny, nx)[::-1].copy()
        top_left = self.view_to_lps(self._x0, self._y0 + (ny - 1) * s)
        return PlaneImage(values, s, top_left, self._right.copy(), self._up.copy())

    def close(self) -> None:
        """Detach from the renderer."""
        self.renderer.RemoveObserver(self._start_observer)
        self.renderer.RemoveAllViewProps()


def _first_centre(start: float, edge: float, spacing: float) -> float:
    """The first pixel centre ``edge + (p + 0.5) × spacing`` at or just before ``start``."""
    p = np.floor((start - edge) / spacing - 0.5 + 1e-6)
    return float(edge + (p + 0.5) * spacing)


def _plane_colour(
    normal: npt.NDArray[np.float64], rotation: npt.NDArray[np.float64]
) -> tuple[float, float, float]:
    """Colour of the MPR plane whose normal is (anti)parallel to ``normal``."""
    best, best_dot = "axial", -1.0
    for view in PLANE_COLOURS:
        _, _, n = plane_axes(view, rotation)
        d = abs(float(np.dot(n, normal)))
        if d > best_dot:
            best, best_dot = view, d
    return PLANE_COLOURS[best]
