"""Off-screen snapshots of a DICOM series: one view rendered to a PNG, no display needed.

The logic behind ``strokelink snapshot``: read a folder (or one file), pick a
volume, render one view off screen with the same views as the application
(orientation letters, patient banner, slab), without the crosshair. Off-screen
OpenGL needs no X server when ``VTK_DEFAULT_OPENGL_WINDOW=vtkEGLRenderWindow``
is set before VTK is first imported (the command does it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from viewer.model import ViewerState
from viewer.presets import default_preset
from viewer.protocols import protocol_for_kind
from viewer.volume import Volume

SNAPSHOT_VIEWS = ("axial", "coronal", "sagittal", "3d")


class NoVolume(ValueError):
    """The path holds no series that can be shown as a volume (the message says why)."""


@dataclass(frozen=True)
class DisplayDefaults:
    """How a view of a series opens: window preset and slab."""

    preset: str
    slab_mode: str
    slab_mm: float


def display_defaults(volume: Volume, view: str) -> DisplayDefaults:
    """The protocol's defaults for ``view`` of this series' kind, else the modality's."""
    protocol = protocol_for_kind(volume.kind)
    for viewport in protocol.viewports_for([volume.kind]):
        if viewport.view == view:
            return DisplayDefaults(viewport.preset, viewport.slab_mode, viewport.slab_mm)
    return DisplayDefaults(default_preset(volume), "none", 0.0)


def load_volume(
    path: str | os.PathLike[str], *, series_uid: str | None = None, label: str | None = None
) -> Volume:
    """The volume to show from a folder or file: series ``series_uid``, else the biggest.

    A series with several volumes (DWI b-values, CTP time points) gives its
    biggest, the first of equals, or the one whose ``Volume.label`` is
    ``label`` (e.g. ``"b=1000"``). Raises :class:`NoVolume` with a message for
    the user when there is none.
    """
    from viewer.assembly import NotAVolume
    from viewer.dicom_folder import read_folder

    root = Path(path)
    if not root.exists():
        raise NoVolume(f"{root} does not exist")
    scan = read_folder(root)
    candidates = scan.series
    if series_uid is not None:
        candidates = [s for s in candidates if s.series_instance_uid == series_uid]
        if not candidates:
            raise NoVolume(f"no series {series_uid} under {root}")
    if not candidates:
        raise NoVolume(f"no DICOM series under {root}")
    sized = []
    reasons = []
    for series in candidates:
        try:
            plan = series.plan()
        except NotAVolume as error:
            reasons.append(f"series {series.description or series.series_instance_uid}: {error}")
            continue
        if plan.volumes:
            voxels = max(int(np.prod(v.shape)) for v in plan.volumes)
            sized.append((voxels, series))
    if not sized:
        detail = "; ".join(reasons) if reasons else "only 2-D images"
        raise NoVolume(f"no volume under {root} ({detail})")
    sized.sort(key=lambda pair: -pair[0])
    try:
        assembly = sized[0][1].assemble()
    except NotAVolume as error:
        raise NoVolume(f"no volume under {root} ({error})") from error
    if label is not None:
        chosen = [v for v in assembly.volumes if v.label == label]
        if not chosen:
            labels = ", ".join(v.label for v in assembly.volumes if v.label) or "none"
            raise NoVolume(f"no volume labelled {label!r} (labels: {labels})")
        return chosen[0]
    return max(assembly.volumes, key=lambda v: int(np.prod(v.shape)))


def render_snapshot(
    volume: Volume,
    view: str,
    *,
    at: tuple[float, float, float] | None = None,
    preset: str | None = None,
    slab_mm: float | None = None,
    slab_mode: str | None = None,
    size: int = 512,
) -> npt.NDArray[np.uint8]:
    """Render ``view`` of ``volume`` off screen; ``(size, size, 3)`` uint8, top row first.

    ``at`` is the LPS point the planes pass through (default: the volume's
    centre); ``preset``/``slab_*`` default to the series' display protocol.
    ``slab_mm=0`` forces a thin slice.
    """
    if view not in SNAPSHOT_VIEWS:
        raise ValueError(f"view must be one of {', '.join(SNAPSHOT_VIEWS)}")
    defaults = display_defaults(volume, view)
    mode = slab_mode or (defaults.slab_mode if slab_mm is None else "mip")
    thickness = defaults.slab_mm if slab_mm is None else float(slab_mm)
    if mode == "none" or thickness <= 0:
        mode, thickness = "none", 0.0
    point = volume.centre_lps() if at is None else np.asarray(at, dtype=np.float64)
    state = ViewerState(crosshair=point, slab_mode=mode, slab_mm=thickness)
    if view == "3d":
        from viewer.render3d import VolumeView

        volume_view = VolumeView(volume, state, size=(size, size), auto_render=False)
        try:
            _apply_preset(volume, state, preset or defaults.preset)
            return volume_view.grab()
        finally:
            volume_view.close()
    from viewer.mpr import MprViewer

    viewer = MprViewer(
        volume, state, views=(view,), size=(size, size), auto_render=False, show_crosshair=False
    )
    try:
        viewer.apply_preset(preset or defaults.preset)
        return viewer.grab(view)
    finally:
        viewer.close()


def _apply_preset(volume: Volume, state: ViewerState, name: str) -> None:
    from viewer.presets import resolve_window

    width, centre = resolve_window(name, volume)
    state.set_window(width, centre, preset=name)
