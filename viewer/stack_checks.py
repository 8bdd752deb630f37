"""Checks on a stack of slices of one volume: what may be a slice, duplicates, tilt,
rescale, voxel type.

Each check reports in words (never silently fixes): duplicate positions
along the normal, the gantry tilt measured from positions against
(0018,1120) Gantry/Detector Tilt, (0028,1052)/(0028,1053) rescales that
differ between slices, and whether int16 voxels can hold the values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from pydicom.uid import UID

from viewer.frames import FrameHeader
from viewer.geometry import IrregularGeometry, describe_position, orientation_of
from viewer.notes import note

_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"


def drop_duplicates(
    ordered: list[FrameHeader],
    along: Callable[[FrameHeader], float],
    normal: npt.NDArray[np.float64],
    tolerance_mm: float,
) -> tuple[list[FrameHeader], list[str]]:
    """Keep one image per position (the lowest Instance Number), report the rest."""
    kept: list[FrameHeader] = []
    copies = 0
    conflicts: list[FrameHeader] = []
    for frame in ordered:
        if kept and along(frame) - along(kept[-1]) <= tolerance_mm:
            same = (frame.sop_instance_uid, frame.frame) == (
                kept[-1].sop_instance_uid,
                kept[-1].frame,
            )
            if same:
                copies += 1
            else:
                conflicts.append(frame)
            continue
        kept.append(frame)
    warnings: list[str] = []
    if copies:
        warnings.append(note("received_twice", count=copies))
    if conflicts:
        where = sorted({describe_position(f.position or (0, 0, 0), normal) for f in conflicts})
        shown = ", ".join(where[:3]) + (" …" if len(where) > 3 else "")
        warnings.append(note("duplicate_positions", count=len(conflicts), positions=shown))
    return kept, warnings


def tilt_warnings(tilt_deg: float, frames: list[FrameHeader]) -> list[str]:
    """Measured tilt (positions) and declared tilt (0018,1120) Gantry/Detector Tilt."""
    declared = next((f.gantry_tilt_deg for f in frames if f.gantry_tilt_deg), None)
    if tilt_deg > 0:
        if declared is None:
            return [note("gantry_tilt", degrees=f"{tilt_deg:.1f}")]
        return [note("gantry_tilt_declared", degrees=f"{tilt_deg:.1f}", declared=f"{declared:g}")]
    if declared:
        return [note("tilt_not_shown", declared=f"{declared:g}")]
    return []


def rescale_warnings(frames: list[FrameHeader]) -> list[str]:
    """One warning when (0028,1053) / (0028,1052) differ between slices."""
    rescales = {f.rescale for f in frames}
    if len(rescales) > 1:
        return [note("rescale_differs", count=len(rescales))]
    return []


def needs_float(frames: list[FrameHeader]) -> bool:
    """True when a rescale is not integral, so int16 voxels would lose values."""
    for f in frames:
        if f.rescale is not None and not all(float(v).is_integer() for v in f.rescale):
            return True
    return False


def screen_images(
    frames: list[FrameHeader], *, orientation_tolerance: float
) -> tuple[list[FrameHeader], dict[str, list[FrameHeader]]]:
    """Frames that may be volume slices, and the others grouped by the reason."""
    usable: list[FrameHeader] = []
    refused: dict[str, list[FrameHeader]] = {}
    for frame in frames:
        reason = _refusal(frame, orientation_tolerance)
        if reason is None:
            usable.append(frame)
        else:
            refused.setdefault(reason, []).append(frame)
    return usable, refused


def _refusal(f: FrameHeader, orientation_tolerance: float) -> str | None:
    """Why a frame cannot be a volume slice (None when it can)."""
    if not f.is_image:
        if not f.sop_class_uid:
            return note("not_an_image_unknown")
        return note("not_an_image", sop_class=UID(f.sop_class_uid).name)
    if f.samples_per_pixel != 1 or f.photometric.startswith(("RGB", "YBR", "PALETTE")):
        return note("colour_image", photometric=f.photometric or "RGB")
    if f.sop_class_uid == _SEGMENTATION_STORAGE:
        return note("segmentation")
    if "LOCALIZER" in f.image_type:
        return note("localizer")
    if f.frame is None and f.number_of_frames > 1:
        return note("multiframe_without_geometry")
    if f.frame is not None and f.frame >= f.number_of_frames:
        return note("frames_disagree")
    absent = [
        name
        for value, name in (
            (f.position, "(0020,0032) Image Position (Patient)"),
            (f.orientation, "(0020,0037) Image Orientation (Patient)"),
            (f.pixel_spacing, "(0028,0030) Pixel Spacing"),
        )
        if value is None
    ]
    if absent:
        return note("no_geometry", tags=", ".join(absent))
    assert f.orientation is not None
    try:
        orientation_of(f.orientation, orientation_tolerance=orientation_tolerance)
    except IrregularGeometry as error:
        return error.args[0] if error.args else str(error)
    if f.pixel_spacing is not None and min(f.pixel_spacing) <= 0:
        return note("spacing_not_positive")
    return None
