"""Checks on a stack of slices of one volume: duplicates, tilt, rescale, voxel type.

Each check reports in words (never silently fixes): duplicate positions
along the normal, the gantry tilt measured from positions against
(0018,1120) Gantry/Detector Tilt, (0028,1052)/(0028,1053) rescales that
differ between slices, and whether int16 voxels can hold the values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from viewer.frames import FrameHeader
from viewer.geometry import describe_position


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
