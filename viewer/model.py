"""``ViewerState``: the single source of truth the image views listen to.

Plain Python (no VTK, no Qt): the crosshair position in LPS millimetres, the
window, the slab, the oblique rotation and each view's zoom and pan. Views
subscribe with :meth:`ViewerState.subscribe` and redraw when told what
changed; widgets change the state, never the views directly (STYLE.md point 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from viewer.planes import plane_axes, rotation_about

SLAB_MODES: Final = ("none", "mip", "minip", "mean")


@dataclass(frozen=True)
class Change:
    """What changed: ``"crosshair"``, ``"crosshair_shown"``, ``"window"``, ``"slab"``,
    ``"rotation"`` or ``"camera"`` (then ``view`` names the view whose zoom/pan changed)."""

    what: str
    view: str | None = None


Listener = Callable[[Change], None]


@dataclass(frozen=True)
class ViewCamera:
    """Zoom (1 = the whole volume fits) and pan (mm, screen right / up) of one view."""

    zoom: float = 1.0
    pan: tuple[float, float] = (0.0, 0.0)


class ViewerState:
    """Crosshair, window, slab, oblique rotation and per-view cameras, with listeners."""

    def __init__(
        self,
        *,
        crosshair: npt.ArrayLike = (0.0, 0.0, 0.0),
        window: tuple[float, float] = (80.0, 40.0),
        preset: str = "brain",
        slab_mode: str = "none",
        slab_mm: float = 0.0,
    ) -> None:
        self._crosshair = _point(crosshair)
        self._window = _window(window)
        self._preset = preset
        _check_slab(slab_mode, slab_mm)
        self._slab_mode = slab_mode
        self._slab_mm = float(slab_mm)
        self._crosshair_shown: bool | None = None
        self._rotation = np.eye(3)
        self._cameras: dict[str, ViewCamera] = {}
        self._listeners: list[Listener] = []

    # --- observers -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns the unsubscribe function."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # --- crosshair -------------------------------------------------------------------------
    @property
    def crosshair(self) -> npt.NDArray[np.float64]:
        """Crosshair position, LPS mm (a copy)."""
        return self._crosshair.copy()

    def set_crosshair(self, xyz: npt.ArrayLike) -> None:
        """Move the crosshair (all three planes pass through it)."""
        p = _point(xyz)
        if np.array_equal(p, self._crosshair):
            return
        self._crosshair = p
        self._emit(Change("crosshair"))

    def scroll(self, view: str, mm: float) -> None:
        """Move the crosshair ``mm`` along ``view``'s normal (towards the viewer when > 0)."""
        _, _, normal = plane_axes(view, self._rotation)
        self.set_crosshair(self._crosshair + mm * normal)

    # --- window ----------------------------------------------------------------------------
    @property
    def window(self) -> tuple[float, float]:
        """(width, centre) in modality units."""
        return self._window

    @property
    def preset(self) -> str:
        """Name of the preset the window came from, ``"custom"`` after a manual change."""
        return self._preset

    def set_window(self, width: float, centre: float, *, preset: str = "custom") -> None:
        """Set the window; ``preset`` names where it came from."""
        w = _window((width, centre))
        if w == self._window and preset == self._preset:
            return
        self._window = w
        self._preset = preset
        self._emit(Change("window"))

    # --- slab ------------------------------------------------------------------------------
    @property
    def slab(self) -> tuple[str, float]:
        """(mode, thickness mm); mode is one of ``SLAB_MODES``."""
        return (self._slab_mode, self._slab_mm)

    def set_slab(self, mode: str, thickness_mm: float) -> None:
        """Slab MIP / MinIP / mean of ``thickness_mm``, or ``"none"`` for a thin slice."""
        _check_slab(mode, thickness_mm)
        if (mode, float(thickness_mm)) == (self._slab_mode, self._slab_mm):
            return
        self._slab_mode = mode
        self._slab_mm = float(thickness_mm)
        self._emit(Change("slab"))

    # --- crosshair lines -------------------------------------------------------------------
    @property
    def crosshair_shown(self) -> bool | None:
        """The reader's choice for the crosshair lines: True, False, or None (automatic)."""
        return self._crosshair_shown

    def set_crosshair_shown(self, shown: bool | None) -> None:
        """Show (True) or hide (False) the crosshair lines, or None: automatic (see
        :meth:`crosshair_drawn`). The crosshair position is kept either way."""
        if shown == self._crosshair_shown:
            return
        self._crosshair_shown = shown
        self._emit(Change("crosshair_shown"))

    def crosshair_drawn(self) -> bool:
        """Whether the views draw the crosshair lines: the reader's choice, else drawn
        except over a slab MIP (the lines would hide the vessels)."""
        if self._crosshair_shown is not None:
            return self._crosshair_shown
        return not (self._slab_mode == "mip" and self._slab_mm > 0)

    # --- oblique rotation ------------------------------------------------------------------
    @property
    def rotation(self) -> npt.NDArray[np.float64]:
        """3×3 rotation applied to the three MPR planes in patient space (a copy)."""
        return self._rotation.copy()

    def set_rotation(self, rotation: npt.ArrayLike) -> None:
        """Replace the oblique rotation (must be a proper rotation matrix)."""
        r = np.asarray(rotation, dtype=np.float64)
        if r.shape != (3, 3) or not np.allclose(r @ r.T, np.eye(3), atol=1e-6):
            raise ValueError("rotation must be an orthonormal 3x3 matrix")
        if np.linalg.det(r) < 0:
            raise ValueError("rotation must not mirror (determinant -1 would swap left and right)")
        self._rotation = r
        self._emit(Change("rotation"))

    def rotate(self, view: str, degrees: float) -> None:
        """Tilt the planes ``degrees`` about ``view``'s normal (through the crosshair)."""
        _, _, normal = plane_axes(view, self._rotation)
        self.set_rotation(rotation_about(normal, degrees) @ self._rotation)

    def reset_rotation(self) -> None:
        """Back to the true axial / coronal / sagittal planes."""
        self.set_rotation(np.eye(3))

    # --- cameras ---------------------------------------------------------------------------
    def camera(self, view: str) -> ViewCamera:
        """Zoom and pan of ``view``."""
        return self._cameras.get(view, ViewCamera())

    def set_zoom(self, view: str, zoom: float) -> None:
        """Zoom of ``view`` (1 = fit, 2 = twice as large)."""
        if not zoom > 0:
            raise ValueError("zoom must be > 0")
        cam = self.camera(view)
        self._cameras[view] = ViewCamera(float(zoom), cam.pan)
        self._emit(Change("camera", view))

    def set_pan(self, view: str, right_mm: float, up_mm: float) -> None:
        """Pan of ``view`` in mm along the screen's right and up directions."""
        cam = self.camera(view)
        self._cameras[view] = ViewCamera(cam.zoom, (float(right_mm), float(up_mm)))
        self._emit(Change("camera", view))

    def reset_camera(self, view: str) -> None:
        """Fit the whole volume in ``view`` again."""
        self._cameras.pop(view, None)
        self._emit(Change("camera", view))


def _point(xyz: npt.ArrayLike) -> npt.NDArray[np.float64]:
    p = np.array(xyz, dtype=np.float64).reshape(-1)
    if p.shape != (3,) or not np.all(np.isfinite(p)):
        raise ValueError(f"a point in LPS has three finite coordinates, got {xyz!r}")
    return p


def _window(wc: tuple[float, float]) -> tuple[float, float]:
    width, centre = float(wc[0]), float(wc[1])
    if not width > 0:
        raise ValueError("window width must be > 0")
    return (width, centre)


def _check_slab(mode: str, thickness_mm: float) -> None:
    if mode not in SLAB_MODES:
        raise ValueError(f"slab mode {mode!r} is not one of {', '.join(SLAB_MODES)}")
    if thickness_mm < 0:
        raise ValueError("slab thickness must be >= 0")
