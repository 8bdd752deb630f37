"""The 3-D view: maximum intensity projection and volume rendering (no Qt).

:class:`VolumeView` draws a :class:`~viewer.volume.Volume` with
``vtkSmartVolumeMapper`` (GPU ray casting when OpenGL allows it, the CPU ray
caster otherwise). The volume is wrapped in voxel-index space and placed in
patient space by the prop's 4×4 user matrix = the volume's affine, so gantry
tilt (shear) is honoured like in the MPR views. A large volume is subsampled
by an integer stride to at most ``max_dim`` voxels per axis for rendering
(software OpenGL is slow); the MPR views always show the full resolution.

The camera starts in front of the patient (anterior view): patient's left on
the screen's right, superior at the top, like a coronal MPR.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import vtkmodules.vtkRenderingVolumeOpenGL2  # noqa: F401  (volume mapper factories)
from vtkmodules.vtkCommonCore import vtkCommand
from vtkmodules.vtkCommonDataModel import vtkPiecewiseFunction
from vtkmodules.vtkRenderingCore import (
    vtkColorTransferFunction,
    vtkRenderer,
    vtkRenderWindow,
    vtkVolume,
    vtkVolumeProperty,
)
from vtkmodules.vtkRenderingVolume import vtkVolumeMapper  # noqa: F401
from vtkmodules.vtkRenderingVolumeOpenGL2 import vtkSmartVolumeMapper

from viewer import captions
from viewer.bone import bone_mask, remove_bone
from viewer.model import Change, ViewerState
from viewer.planes import edge_labels
from viewer.text_fit import TextFit
from viewer.volume import NOT_LOADED_VALUE, Volume
from viewer.vtkbridge import grab_rgb, image_from_array, matrix4, offscreen_window, text_actor

RENDER_MODES: Final = ("mip", "vr")
#: Once the bone is removed the camera frames what is left visible: a margin of this
#: fraction of its size on each side (at least FRAME_MARGIN_MM), leaving out the outer
#: FRAME_TRIM of the visible voxels along each axis (stray bright voxels).
FRAME_MARGIN: Final = 0.08
FRAME_MARGIN_MM: Final = 5.0
FRAME_TRIM: Final = 0.002
#: Frames per second asked of the mapper while the camera turns
#: (:meth:`VolumeView.set_interactive`): it then casts fewer rays (a coarser image,
#: magnified) to keep up; still frames are always cast in full.
INTERACTIVE_RATE: Final = 15.0
#: The rate of a still frame: so low that the mapper never coarsens it (VTK's default).
STILL_RATE: Final = 0.0001

#: CTA volume rendering: (HU, r, g, b) colour points and (HU, opacity) points.
#: Soft tissue transparent, contrast-filled arteries red to white, bone ivory.
CTA_COLOURS: Final = (
    (-1000.0, 0.0, 0.0, 0.0),
    (100.0, 0.55, 0.1, 0.08),
    (180.0, 0.85, 0.15, 0.1),
    (300.0, 1.0, 0.55, 0.45),
    (500.0, 1.0, 0.95, 0.9),
    (1200.0, 1.0, 1.0, 0.95),
    (3000.0, 1.0, 1.0, 1.0),
)
CTA_OPACITY: Final = (
    (-1000.0, 0.0),
    (120.0, 0.0),
    (200.0, 0.35),
    (400.0, 0.6),
    (600.0, 0.04),
    (3000.0, 0.08),
)


class VolumeView:
    """A 3-D MIP or volume rendering of one volume in one renderer.

    ``render_window`` is the window to draw into (from Qt, or ``None`` for an
    off-screen one of ``size``). The MIP grey levels follow the state's
    window; the volume rendering uses the CTA transfer function.
    """

    def __init__(
        self,
        volume: Volume,
        state: ViewerState,
        render_window: vtkRenderWindow | None = None,
        *,
        mode: str = "mip",
        size: tuple[int, int] = (384, 384),
        max_dim: int = 256,
        auto_render: bool = True,
        bone_removal: bool = False,
    ) -> None:
        if mode not in RENDER_MODES:
            raise ValueError(f"render mode {mode!r} is not one of {', '.join(RENDER_MODES)}")
        self.state = state
        self.auto_render = auto_render
        self.window = render_window if render_window is not None else offscreen_window(size)
        self._owns_window = render_window is None
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(0.0, 0.0, 0.0)
        self.window.AddRenderer(self.renderer)
        self.mapper = vtkSmartVolumeMapper()
        self.mapper.SetInterpolationModeToLinear()
        # Coarser only at or above INTERACTIVE_RATE (set while the camera turns); a frame
        # asked at STILL_RATE is always cast in full (AutoAdjustSampleDistances off then).
        self.mapper.SetInteractiveUpdateRate(INTERACTIVE_RATE / 2.0)
        self.mapper.InteractiveAdjustSampleDistancesOn()
        self.mapper.AutoAdjustSampleDistancesOn()
        self.interactive = False
        self.window.SetDesiredUpdateRate(STILL_RATE)
        self.property = vtkVolumeProperty()
        self.property.SetInterpolationTypeToLinear()
        self.property.ShadeOff()
        self.actor = vtkVolume()
        self.actor.SetMapper(self.mapper)
        self.actor.SetProperty(self.property)
        self.renderer.AddVolume(self.actor)
        self.labels = {
            "left": text_actor("", x=0.01, y=0.5, halign="left", valign="centre", bold=True),
            "right": text_actor("", x=0.99, y=0.5, halign="right", valign="centre", bold=True),
            "top": text_actor("", x=0.5, y=0.99, halign="centre", valign="top", bold=True),
            "bottom": text_actor("", x=0.5, y=0.01, halign="centre", valign="bottom", bold=True),
        }
        for actor in self.labels.values():
            actor.GetTextProperty().SetColor(1.0, 0.85, 0.2)
            self.renderer.AddViewProp(actor)
        self.patient_text = text_actor("", x=0.01, y=0.99, valign="top", size=12)
        self.mode_text = text_actor("", x=0.99, y=0.01, halign="right", size=12)
        # "bone removed" on its own, never shortened: vessels near bone go with it, and a
        # reader must always see why they are missing (not mistake it for an occlusion)
        self.bone_text = text_actor("", x=0.01, y=0.01, size=12, bold=True)
        self.bone_text.GetTextProperty().SetColor(1.0, 0.85, 0.2)
        self.renderer.AddViewProp(self.patient_text)
        self.renderer.AddViewProp(self.mode_text)
        self.renderer.AddViewProp(self.bone_text)
        self._fitter = TextFit(
            kept=[self.patient_text, self.bone_text], shortened=[self.mode_text], labels=self.labels
        )
        self._max_dim = max_dim
        self._mode = mode
        self._bone_removal = bone_removal
        # (the volume's array itself, stride), slices loaded when the mask was made, the
        # mask; the array is held, not its id(): a freed array's id can be reused by the
        # next series of the same shape, whose bone would then be the wrong one
        self._bone_cache: (
            tuple[tuple[npt.NDArray[np.generic], int], int, npt.NDArray[np.bool_]] | None
        ) = None
        self._observer = self.renderer.AddObserver(vtkCommand.StartEvent, self._before_render)
        self.set_volume(volume)
        self.set_mode(mode)
        self._unsubscribe = state.subscribe(self._on_change)

    # --- content -----------------------------------------------------------------------------
    def set_volume(self, volume: Volume) -> None:
        """Show ``volume`` (subsampled to ``max_dim``) and frame it from the front.

        Always in full quality: a drag of the previous case that never ended (its
        release lost to a dialog) must not leave a reused view coarse.
        """
        self.set_interactive(False, redraw=False)
        self.volume = volume  # another volume's array is not the cached one: its own bone
        self._wrap()
        self.patient_text.SetInput("\n".join(captions.patient_lines(volume.banner)))
        self.reset_camera()

    def _wrap(self) -> None:
        """Hand the (subsampled, bone-removed when asked) array to the mapper."""
        volume = self.volume
        stride = max(1, int(np.ceil(max(volume.shape) / self._max_dim)))
        self._array: npt.NDArray[np.generic]
        if stride == 1:
            self._array = volume.array
        else:
            self._array = np.ascontiguousarray(volume.array[::stride, ::stride, ::stride])
        if self._bone_removal:
            self._array = self._without_bone(stride)
        self._image = image_from_array(self._array)
        self.mapper.SetInputData(self._image)
        affine = volume.affine.copy()
        affine[:3, :3] *= stride
        self._affine = affine
        self.actor.SetUserMatrix(matrix4(affine))
        self.mapper.SetSampleDistance(min(volume.spacing) * stride)  # one sample per voxel

    def _without_bone(self, stride: int) -> npt.NDArray[np.generic]:
        """The subsampled array with bone set to air.

        The mask (:func:`viewer.bone.bone_mask`, ≈ 0.22 s for a 256 × 256 × 150 grid)
        is cached per volume; while slices arrive it is made again only when a
        quarter of the slices more have arrived, and once all are there.
        """
        loaded = self.volume.loaded
        total = len(loaded) if loaded is not None else 1
        done = int(loaded.sum()) if loaded is not None else 1
        key = (self.volume.array, stride)
        spacing = tuple(s * stride for s in self.volume.spacing)
        spacing3 = (spacing[0], spacing[1], spacing[2])
        cache = self._bone_cache
        stale = (
            cache is None
            or cache[0][0] is not key[0]
            or cache[0][1] != stride
            or cache[2].shape != self._array.shape
            or (done == total and cache[1] != total)
            or done >= cache[1] + total / 4
        )
        if stale:
            cache = (key, done, bone_mask(self._array, spacing3))
            self._bone_cache = cache
        assert cache is not None
        return remove_bone(self._array, spacing3, cache[2])

    @property
    def bone_removal(self) -> bool:
        """True when the bone is removed before rendering (:mod:`viewer.bone`)."""
        return self._bone_removal

    def set_bone_removal(self, on: bool) -> None:
        """Remove the bone (CTA: the circle of Willis behind the skull) or show it again."""
        if on == self._bone_removal:
            return
        self._bone_removal = on
        self._wrap()
        self._update_transfer()
        self.reset_camera()  # framing what is left visible (or the whole volume again)

    def mark_modified(self) -> None:
        """The volume's array was filled in place: refresh the rendering."""
        self.set_volume(self.volume)
        self._maybe_render()

    @property
    def mode(self) -> str:
        """``"mip"`` or ``"vr"`` (volume rendering)."""
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Switch between MIP and volume rendering."""
        if mode not in RENDER_MODES:
            raise ValueError(f"render mode {mode!r} is not one of {', '.join(RENDER_MODES)}")
        self._mode = mode
        if mode == "mip":
            self.mapper.SetBlendModeToMaximumIntensity()
        else:
            self.mapper.SetBlendModeToComposite()
        self._update_transfer()
        self._maybe_render()

    def _update_transfer(self) -> None:
        colours = vtkColorTransferFunction()
        opacity = vtkPiecewiseFunction()
        if self._mode == "mip":
            width, centre = self.state.window
            lo, hi = centre - width / 2.0, centre + width / 2.0
            colours.AddRGBPoint(lo, 0.0, 0.0, 0.0)
            colours.AddRGBPoint(hi, 1.0, 1.0, 1.0)
            opacity.AddPoint(float(NOT_LOADED_VALUE), 0.0)
            opacity.AddPoint(lo, 0.0)
            opacity.AddPoint(hi, 1.0)
            window = captions.window_text(width, centre, self.state.preset)
            self.mode_text.SetInput(f"{self._mode_title(captions.words().mip_3d)}  {window}")
        else:
            for hu, r, g, b in CTA_COLOURS:
                colours.AddRGBPoint(hu, r, g, b)
            opacity.AddPoint(float(NOT_LOADED_VALUE), 0.0)
            for hu, a in CTA_OPACITY:
                opacity.AddPoint(hu, a)
            self.mode_text.SetInput(self._mode_title(captions.words().vr_3d))
        self.property.SetColor(colours)
        self.property.SetScalarOpacity(opacity)

    def _mode_title(self, title: str) -> str:
        self.bone_text.SetInput(captions.words().bone_removed if self._bone_removal else "")
        return title

    def _on_change(self, change: Change) -> None:
        if change.what == "window" and self._mode == "mip":
            self._update_transfer()
            self._maybe_render()

    # --- camera ------------------------------------------------------------------------------
    def visible_threshold(self) -> float:
        """The value above which a voxel shows: the window's centre in MIP (half bright
        and up), the first value with some opacity in volume rendering."""
        if self._mode == "mip":
            return float(self.state.window[1])
        return next(hu for hu, a in CTA_OPACITY if a > 0.0) - 1.0

    def visible_bounds(self) -> tuple[float, float, float, float, float, float] | None:
        """LPS bounds (xmin, xmax, ymin, ymax, zmin, zmax) of what is left visible once
        the bone is removed (:meth:`visible_threshold`), with a margin of
        :data:`FRAME_MARGIN` of its size (at least :data:`FRAME_MARGIN_MM`); stray
        voxels (the outer :data:`FRAME_TRIM` of them along each axis) are left out.
        None: the bone is not removed, or nothing is visible (the whole volume is framed).
        """
        if not self._bone_removal:
            return None
        shown = np.greater(self._array, self.visible_threshold())
        total = int(shown.sum())
        if total == 0:
            return None
        lows, highs = [], []
        for axis in range(3):  # k, j, i
            others = tuple(a for a in range(3) if a != axis)
            counts = np.cumsum(shown.sum(axis=others))
            lows.append(int(np.searchsorted(counts, total * FRAME_TRIM, side="right")))
            highs.append(int(np.searchsorted(counts, total * (1.0 - FRAME_TRIM), side="left")))
        (k0, j0, i0), (k1, j1, i1) = lows, highs
        corners = np.array([[i, j, k, 1.0] for i in (i0, i1) for j in (j0, j1) for k in (k0, k1)]).T
        lps = (self._affine @ corners)[:3]
        lo, hi = lps.min(axis=1), lps.max(axis=1)
        margin = np.maximum((hi - lo) * FRAME_MARGIN, FRAME_MARGIN_MM)
        lo, hi = lo - margin, hi + margin
        return (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])

    def reset_camera(self) -> None:
        """Anterior view: left on screen right, superior up; framing the whole volume,
        or once the bone is removed what is left visible (:meth:`visible_bounds`)."""
        bounds = self.visible_bounds()
        if bounds is None:
            centre = self.volume.centre_lps()
        else:
            centre = np.array([bounds[0] + bounds[1], bounds[2] + bounds[3],
                               bounds[4] + bounds[5]]) / 2.0  # fmt: skip
        camera = self.renderer.GetActiveCamera()
        camera.SetFocalPoint(*centre)
        camera.SetPosition(*(centre + np.array([0.0, -1000.0, 0.0])))
        camera.SetViewUp(0.0, 0.0, 1.0)
        if bounds is None:
            self.renderer.ResetCamera()
        else:
            self.renderer.ResetCamera(*bounds)
        self._framed = self._camera_now()
        self._maybe_render()

    def _camera_now(self) -> tuple[float, ...]:
        camera = self.renderer.GetActiveCamera()
        return (*camera.GetPosition(), *camera.GetFocalPoint(), *camera.GetViewUp(),
                camera.GetParallelScale(), camera.GetViewAngle())  # fmt: skip

    def camera_as_reset(self) -> bool:
        """True while the camera is as :meth:`reset_camera` left it (not moved since)."""
        return bool(np.allclose(self._camera_now(), self._framed))

    def rotate(self, azimuth_deg: float = 0.0, elevation_deg: float = 0.0) -> None:
        """Turn the camera about the focal point (azimuth about view-up, then elevation)."""
        camera = self.renderer.GetActiveCamera()
        camera.Azimuth(azimuth_deg)
        camera.Elevation(elevation_deg)
        camera.OrthogonalizeViewUp()
        self.renderer.ResetCameraClippingRange()
        self._maybe_render()

    def zoom(self, factor: float) -> None:
        """Magnify by ``factor`` (> 1 closer)."""
        self.renderer.GetActiveCamera().Zoom(factor)
        self._maybe_render()

    def screen_axes(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(screen right, screen up) as LPS unit vectors for the current camera."""
        camera = self.renderer.GetActiveCamera()
        up = np.array(camera.GetViewUp(), dtype=np.float64)
        dop = np.array(camera.GetDirectionOfProjection(), dtype=np.float64)
        right = np.cross(dop, up)
        return right / np.linalg.norm(right), up / np.linalg.norm(up)

    def _before_render(self, _obj: object, _event: str) -> None:
        right, up = self.screen_axes()
        labels = edge_labels(right, up)
        for edge, actor in self.labels.items():
            actor.SetInput(labels[edge])
        width, height = self.renderer.GetSize()
        if width > 0 and height > 0:  # never overlapping in a narrow view (viewer.text_fit)
            size = int(np.clip(round(min(height / 32.0, width / 28.0)), 9, 12))
            self._fitter.fit(self.renderer, size, 14)

    def set_interactive(self, interactive: bool, *, redraw: bool = True) -> None:
        """Start (True) or end (False) a camera drag.

        While True, frames are drawn at :data:`INTERACTIVE_RATE` (the mapper casts
        fewer rays); False asks for full quality again and, with ``redraw`` (and
        ``auto_render``), draws the full-quality still frame at once.
        """
        if interactive == self.interactive:
            return
        self.interactive = interactive
        self.window.SetDesiredUpdateRate(INTERACTIVE_RATE if interactive else STILL_RATE)
        if not interactive and redraw:
            self._maybe_render()

    # --- drawing -----------------------------------------------------------------------------
    def _maybe_render(self) -> None:
        if self.auto_render:
            self.render()

    def render(self) -> None:
        """Draw the window."""
        self.window.Render()

    def grab(self) -> npt.NDArray[np.uint8]:
        """Render and return ``(height, width, 3)`` uint8, top row first."""
        self.window.Render()
        return grab_rgb(self.window)

    def close(self) -> None:
        """Stop listening to the state and release the renderer (and an owned window)."""
        self._unsubscribe()
        self.renderer.RemoveObserver(self._observer)
        self.window.RemoveRenderer(self.renderer)
        if self._owns_window:
            self.window.Finalize()
