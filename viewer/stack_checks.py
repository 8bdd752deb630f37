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
    warnings = []
    if copies:
        warnings.append(f"{copies} image(s) received twice (same SOP Instance UID): one copy used")
    if conflicts:
        where = sorted({describe_position(f.position or (0, 0, 0), normal) for f in conflicts})
        shown = ", ".join(where[:3]) + (" …" if len(where) > 3 else "")
        warnings.append(
            f"duplicate slice positions: {len(conflicts)} image(s) at the position of another "
            f"({shown}); the lowest Instance Number is shown, the others are left out"
        )
    return kept, warnings


def tilt_warnings(tilt_deg: float, frames: list[FrameHeader]) -> list[str]:
    """Measured tilt (positions) and declared tilt (0018,1120) Gantry/Detector Tilt."""
    declared = next((f.gantry_tilt_deg for f in frames if f.gantry_tilt_deg), None)
    tag = "" if declared is None else f"; (0018,1120) Gantry/Detector Tilt {declared:g}°"
    if tilt_deg > 0:
        return [
            f"gantry tilt: slice positions step {tilt_deg:.1f}° off the slice normal{tag}; "
            "the volume keeps the acquired, sheared geometry"
        ]
    if declared:
        return [
            f"(0018,1120) Gantry/Detector Tilt is {declared:g}° but the slice positions "
            "show no shear: geometry taken from the positions"
        ]
    return []


def rescale_warnings(frames: list[FrameHeader]) -> list[str]:
    """One warning when (0028,1053) / (0028,1052) differ between slices."""
    rescales = {f.rescale for f in frames}
    if len(rescales) > 1:
        return [
            f"(0028,1053) Rescale Slope / (0028,1052) Rescale Intercept differ between slices "
            f"({len(rescales)} different values): applied slice by slice"
        ]
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
        name = UID(f.sop_class_uid).name if f.sop_class_uid else "unknown SOP class"
        return f"not an image ({name})"
    if f.samples_per_pixel != 1 or f.photometric.startswith(("RGB", "YBR", "PALETTE")):
        return f"colour image ({f.photometric or 'RGB'}), e.g. a secondary capture"
    if f.sop_class_uid == _SEGMENTATION_STORAGE:
        return "segmentation, not an image to read"
    if "LOCALIZER" in f.image_type:
        return "localizer (scout) image"
    if f.frame is None and f.number_of_frames > 1:
        return "multi-frame image without (5200,9230) Per-frame Functional Groups geometry"
    if f.frame is not None and f.frame >= f.number_of_frames:
        return "(0028,0008) Number of Frames disagrees with (5200,9230) Per-frame Functional Groups"
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
        return f"no {', '.join(absent)}: no patient geometry"
    assert f.orientation is not None
    try:
        orientation_of(f.orientation, orientation_tolerance=orientation_tolerance)
    except IrregularGeometry as error:
        return str(error)
    if f.pixel_spacing is not None and min(f.pixel_spacing) <= 0:
        return "(0028,0030) Pixel Spacing is not positive"
    return None
