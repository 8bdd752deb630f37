"""Captions drawn over the images: patient banner, slice position, window, slab, scale bar.

Pure functions (no VTK) so that what the radiologist reads on the screen is
tested without rendering. The words come from :class:`Words` (English by
default); the Qt application hands in translated ones with :func:`set_words`
(this package has no Qt, so no ``tr()`` here).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from viewer.geometry import REGULAR_FRACTION
from viewer.planes import position_text
from viewer.volume import PatientBanner, Volume

_NICE_LENGTHS_MM = (1, 2, 5, 10, 20, 50, 100, 200, 500)


@dataclass(frozen=True)
class Words:
    """The words of the captions, in the user's language (English here)."""

    no_name: str = "(no name)"
    born: str = "Born"
    sex: str = "Sex"
    thin: str = "thin"
    mean: str = "mean"
    acquired_at: str = "acquired at"
    mip_3d: str = "3D MIP"
    vr_3d: str = "3D volume rendering (CTA)"
    bone_removed: str = "bone removed"
    not_loaded: str = "not loaded"  # over a slice not received yet
    presets: dict[str, str] = field(default_factory=dict)  # preset name -> shown name
    views: dict[str, str] = field(default_factory=dict)  # "axial" -> "Axial"…

    def preset(self, name: str) -> str:
        return self.presets.get(name, name)

    def view(self, name: str) -> str:
        """A view's name for its caption, e.g. ``"Axial"``."""
        return self.views.get(name, name.capitalize())


_in_use = [Words()]


def set_words(words: Words) -> None:
    """Use ``words`` in every caption drawn from now on (the application's language)."""
    _in_use[0] = replace(words)


def words() -> Words:
    """The words in use (:func:`set_words`)."""
    return _in_use[0]


def person_name(pn: str) -> str:
    """DICOM PN ``FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX`` as ``FAMILY, GIVEN MIDDLE``."""
    parts = [p.strip() for p in pn.split("=", maxsplit=1)[0].split("^")]
    family = parts[0] if parts else ""
    given = " ".join(p for p in parts[1:3] if p)
    if family and given:
        return f"{family}, {given}"
    return family or given


def dicom_date(da: str) -> str:
    """DICOM DA ``YYYYMMDD`` as ``YYYY-MM-DD`` (anything else is returned unchanged)."""
    d = da.strip()
    if len(d) == 8 and d.isdigit():
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return d


def patient_lines(banner: PatientBanner) -> list[str]:
    """Top-left corner: who the patient is (safety invariant 3).

    (0010,0010) Patient's Name, (0010,0020) Patient ID with (0010,0021)
    Issuer of Patient ID, (0010,0030) Patient's Birth Date, (0010,0040) Sex.
    """
    ident = banner.patient_id or "?"
    if banner.issuer:
        ident += f" ({banner.issuer})"
    w = words()
    return [
        person_name(banner.name) or w.no_name,
        f"ID {ident}",
        f"{w.born} {dicom_date(banner.birth_date) or '?'}  {w.sex} {banner.sex or '?'}",
    ]


def study_lines(banner: PatientBanner) -> list[str]:
    """Top-right corner: study date, study and series description.

    (0008,0020) Study Date, (0008,1030) Study Description, (0008,103E) Series Description.
    """
    lines = [dicom_date(banner.study_date)]
    lines += [banner.study_description, banner.series_description]
    return [line for line in lines if line]


def window_text(width: float, centre: float, preset: str) -> str:
    """Bottom-right corner: the window, e.g. ``"W 80 C 40  brain"``."""
    return f"W {round(width):g} C {round(centre):g}  {words().preset(preset)}"


def slab_text(mode: str, thickness_mm: float) -> str:
    """The slab in words: ``"MIP 20.0 mm"``, ``"MinIP 10.0 mm"``, ``"mean 5.0 mm"``, ``"thin"``."""
    if mode == "none" or thickness_mm <= 0:
        return words().thin
    name = {"mip": "MIP", "minip": "MinIP", "mean": words().mean}[mode]
    return f"{name} {thickness_mm:.1f} mm"


def scale_bar_mm(mm_per_pixel: float, target_pixels: float) -> float:
    """The longest "nice" length (1, 2, 5, 10, 20, 50 … mm) that fits in ``target_pixels``."""
    best = float(_NICE_LENGTHS_MM[0])
    for length in _NICE_LENGTHS_MM:
        if length / mm_per_pixel <= target_pixels:
            best = float(length)
    return best


def slice_position_text(
    volume: Volume, point: npt.ArrayLike, normal: npt.ArrayLike, *, thin: bool = True
) -> str:
    """Where a view's plane lies along its normal, e.g. ``"S 22.6 mm"``.

    In a thin view parallel to the acquired slices of a volume whose slices
    are drawn on a fitted grid (``Volume.acquired_offsets_mm``), when the
    slice shown (the nearest one) was acquired more than
    :data:`~viewer.geometry.REGULAR_FRACTION` of the spacing from where it is
    drawn, its acquired position follows: ``"S 22.6 mm (acquired at S 24.0 mm)"``.
    """
    text = position_text(point, normal)
    offsets = volume.acquired_offsets_mm
    if offsets is None or not thin:
        return text
    p = np.asarray(point, dtype=np.float64)
    view_normal = np.asarray(normal, dtype=np.float64)
    view_normal = view_normal / np.linalg.norm(view_normal)
    direction = volume.direction
    slice_normal = np.cross(direction[:, 0], direction[:, 1])
    slice_normal /= np.linalg.norm(slice_normal)
    if abs(float(view_normal @ slice_normal)) < 1.0 - 1e-6:
        return text  # an oblique or other plane: no acquired slice is shown as it is
    k_plane = float(volume.lps_to_index(p)[2])
    k = round(k_plane)
    if not 0 <= k < min(len(offsets), volume.shape[0]) or not np.isfinite(offsets[k]):
        return text
    step = volume.affine[:3, 2]
    if abs(float(offsets[k])) <= REGULAR_FRACTION * abs(float(step @ slice_normal)):
        return text
    acquired = p + (k - k_plane) * step + float(offsets[k]) * slice_normal
    return f"{text} ({words().acquired_at} {position_text(acquired, normal)})"
