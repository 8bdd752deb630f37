"""What a series is, from its tags only: NCCT, CTA, CTP, DWI, ADC, FLAIR…

The display protocols (which series goes in which viewport, with which window)
start from this guess. It is only a guess from the header — the user can
always override it (set :attr:`viewer.volume.Volume.kind`) — so every result
carries the reason, shown next to it.

Tags read: (0008,0060) Modality, (0008,0008) Image Type (or (0008,9007) Frame
Type), (0008,103E) Series Description, (0018,1030) Protocol Name, (0018,0024)
Sequence Name / (0018,9005) Pulse Sequence Name, (0018,0010) Contrast/Bolus
Agent and (0018,0012) its sequence, (0018,9087) Diffusion b-value, (0018,0080)
Repetition Time, (0018,0081) Echo Time, (0018,0082) Inversion Time,
(0018,9010) Time of Flight Contrast, and the slice thickness.

Whether a series looks angiographic (:func:`looks_angiographic`) is also
judged by content, because a CT angiography with a sparse header (no
(0018,0010) agent, no "angio" word) would otherwise read as a plain CT: a
thin-slice CT whose head holds contrast-enhanced vessels
(:func:`vessel_fraction`) is an angiography whatever its header says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset

from viewer.frames import FrameHeader, frames_of

# A slice at most this thick, with contrast, reads as an angiography.
CTA_MAX_SLICE_MM = 1.5
# A CT series with at least this many time points is a perfusion; fewer (2–4) are
# repeated or multiphase acquisitions (e.g. a multiphase CTA), classified by their tags.
CTP_MIN_TIME_POINTS = 5
# (0018,0082) Inversion Time from which an inversion recovery nulls fluid (FLAIR).
FLAIR_MIN_INVERSION_MS = 1500.0

# Contrast-enhanced vessels on CT (vessel_fraction). Opacified arteries and veins
# measure 150–600 HU on CTA, above blood (40–90 HU), clot and haemorrhage, below
# cortical bone; vessels are thin (radius ≤ 3 mm for the circle of Willis and its
# branches), while trabecular bone in that range comes in thick blocks or between the
# skull's tables. A thin-slice CT whose head has at least ANGIO_MIN_VESSEL_FRACTION of
# its voxels in such thin bright structures reads as angiographic: on the synthetic
# cases a CTA scores ≈ 0.23 % and an NCCT ≈ 0.02 % (skull base partial volume).
ENHANCED_HU = (150.0, 600.0)
DENSE_BONE_HU = 700.0  # cortical bone; enhanced voxels within VESSEL_RADIUS_MM are bone edges
AIR_HU = -200.0  # air (sinuses, outside); enhanced voxels beside it are sinus walls
HEAD_HU = -300.0  # voxels above this are in the head (or neck)
VESSEL_RADIUS_MM = 3.0
ANGIO_MIN_VESSEL_FRACTION = 6e-4
# The content check samples this many slices, at about this pixel size (cost and
# memory stay small for a 1,000-slice CTA).
CONTENT_SLICES = 32
CONTENT_PIXEL_MM = 1.0


class SeriesKind(StrEnum):
    """The kinds of series the stroke protocols know."""

    LOCALIZER = "localizer"
    NCCT = "ncct"
    CTA = "cta"
    CTP = "ctp"
    DWI = "dwi"
    ADC = "adc"
    FLAIR = "flair"
    SWI = "swi"
    TOF = "tof"
    T1 = "t1"
    T2 = "t2"
    OTHER = "other"


@dataclass(frozen=True)
class Classification:
    """A kind and the reason for it, in words shown to the user."""

    kind: SeriesKind
    reason: str


def _words(*patterns: str) -> re.Pattern[str]:
    body = "|".join(patterns)
    return re.compile(rf"(?<![A-Z0-9])(?:{body})(?![A-Z0-9])")


_LOCALIZER = _words(
    r"SCOUT", r"TOPOGRAM", r"LOCALI[SZ]ER", r"LOC", r"SURVEY", r"SURVIEW", r"3.?PLANE", r"PILOT"
)
_CTP = _words(r"PERF\w*", r"CTP", r"4D\w*")
_CTA = _words(r"ANGIO\w*", r"CTA", r"TSA", r"COW", r"WILLIS", r"POLYGONE?")
_ADC = _words(r"ADC", r"APPARENT")
_DWI = _words(r"DWI", r"DIFF\w*", r"TRACEW?", r"EP2D_DIFF\w*", r"B1000")
_SWI = _words(
    r"SWI\w*", r"SWAN", r"SUSCEPT\w*", r"T2\s*\*", r"T2_?STAR", r"HEMO\w*", r"GRE", r"T2FFE"
)
_TOF = _words(r"TOF\w*", r"MRA", r"ANGIO\w*", r"INFLOW", r"\*?FL3D1R\w*")
_FLAIR = _words(r"FLAIR\w*", r"DARK.?FLUID", r"TIRM\w*")
_T1 = _words(r"T1\w*", r"MP.?RAGE", r"SPGR", r"FSPGR", r"BRAVO", r"TFE", r"VIBE")
_T2 = _words(r"T2(?!\s*\*)(?!_?STAR)\w*", r"TSE", r"FSE")


def classify_series(
    datasets: Sequence[Dataset],
    *,
    frames: Sequence[FrameHeader] | None = None,
    time_points: int = 1,
) -> Classification:
    """Classify a series, or one part of it, from its headers.

    ``datasets`` are the series' instances (headers are enough); ``frames``
    narrows the decision to one part of a split series (e.g. the ADC images of
    a DWI series), ``time_points`` is how many time points the series has
    (≥ 2 for a 4-D series such as a CT perfusion).
    """
    if not datasets:
        return Classification(SeriesKind.OTHER, "no instances")
    first = datasets[0]
    if frames is None:
        frames = [f for n, ds in enumerate(datasets) for f in frames_of(ds, n)]
    image_type = {value for f in frames for value in f.image_type}
    text = _text_of(first)
    modality = str(first.get("Modality", "")).upper()

    if "LOCALIZER" in image_type:
        return Classification(SeriesKind.LOCALIZER, "(0008,0008) Image Type LOCALIZER")
    if match := _LOCALIZER.search(text):
        return Classification(SeriesKind.LOCALIZER, f"description says {match.group(0)!r}")
    seen = _Seen(first, frames, image_type, text, time_points)
    if modality == "CT":
        return _classify_ct(seen)
    if modality == "MR":
        return _classify_mr(seen)
    return Classification(SeriesKind.OTHER, f"modality {modality or 'unknown'}")


class _Seen(NamedTuple):
    """What :func:`classify_series` read, for the modality's own rules."""

    ds: Dataset
    frames: Sequence[FrameHeader]
    image_type: set[str]
    text: str
    time_points: int


def _classify_ct(seen: _Seen) -> Classification:
    ds, frames, image_type, text, time_points = seen
    if time_points >= CTP_MIN_TIME_POINTS:
        return Classification(SeriesKind.CTP, f"4-D series with {time_points} time points")
    if "PERFUSION" in image_type and "DERIVED" in image_type:
        return Classification(SeriesKind.OTHER, "CT perfusion map (Image Type DERIVED PERFUSION)")
    if match := _CTP.search(text):
        return Classification(SeriesKind.CTP, f"description says {match.group(0)!r}")
    if match := _CTA.search(text):
        return Classification(SeriesKind.CTA, f"description says {match.group(0)!r}")
    thickness = _thickness(frames)
    if _has_contrast(ds):
        if thickness is not None and thickness <= CTA_MAX_SLICE_MM:
            return Classification(
                SeriesKind.CTA,
                f"contrast agent (0018,0010) and thin slices ({thickness:g} mm)",
            )
        return Classification(
            SeriesKind.OTHER, "contrast-enhanced CT, not thin enough for an angiography"
        )
    return Classification(
        SeriesKind.NCCT, "CT without contrast agent (0018,0010) nor angiography keywords"
    )


def _classify_mr(seen: _Seen) -> Classification:
    ds, frames, image_type, text, time_points = seen
    if "ADC" in image_type:
        return Classification(SeriesKind.ADC, "(0008,0008) Image Type ADC")
    b_values = {f.b_value for f in frames if f.b_value is not None}
    if b_values:
        listed = ", ".join(f"{b:g}" for b in sorted(b_values))
        return Classification(SeriesKind.DWI, f"diffusion b-value {listed} s/mm²")
    if match := _ADC.search(text):
        return Classification(SeriesKind.ADC, f"description says {match.group(0)!r}")
    if image_type & {"DIFFUSION", "TRACEW", "TRACE"}:
        return Classification(SeriesKind.DWI, "(0008,0008) Image Type DIFFUSION/TRACE")
    if match := _DWI.search(text):
        return Classification(SeriesKind.DWI, f"description says {match.group(0)!r}")
    if time_points >= 2:
        return Classification(SeriesKind.OTHER, f"4-D MR series ({time_points} time points)")
    if "SWI" in image_type:
        return Classification(SeriesKind.SWI, "(0008,0008) Image Type SWI")
    if match := _SWI.search(text):
        return Classification(SeriesKind.SWI, f"description says {match.group(0)!r}")
    if str(ds.get("TimeOfFlightContrast", "")).upper() == "YES":
        return Classification(SeriesKind.TOF, "(0018,9010) Time of Flight Contrast YES")
    if match := _TOF.search(text):
        return Classification(SeriesKind.TOF, f"description says {match.group(0)!r}")
    if match := _FLAIR.search(text):
        return Classification(SeriesKind.FLAIR, f"description says {match.group(0)!r}")
    inversion = _number(ds.get("InversionTime"))
    if inversion is not None and inversion >= FLAIR_MIN_INVERSION_MS:
        return Classification(
            SeriesKind.FLAIR, f"(0018,0082) Inversion Time {inversion:g} ms (fluid suppressed)"
        )
    if match := _T1.search(text):
        return Classification(SeriesKind.T1, f"description says {match.group(0)!r}")
    if match := _T2.search(text):
        return Classification(SeriesKind.T2, f"description says {match.group(0)!r}")
    repetition = _number(ds.get("RepetitionTime"))
    echo = _number(ds.get("EchoTime"))
    if repetition is not None and echo is not None:
        if repetition < 1000 and echo < 30:
            return Classification(
                SeriesKind.T1, f"short TR/TE ({repetition:g}/{echo:g} ms): T1-weighted"
            )
        if repetition >= 2000 and echo >= 60:
            return Classification(
                SeriesKind.T2, f"long TR/TE ({repetition:g}/{echo:g} ms): T2-weighted"
            )
    return Classification(SeriesKind.OTHER, "MR series of unrecognised weighting")


def _text_of(ds: Dataset) -> str:
    """Upper-case text of the descriptive tags, for keyword matching."""
    values = [
        ds.get(keyword, "")
        for keyword in ("SeriesDescription", "ProtocolName", "SequenceName", "PulseSequenceName")
    ]
    return " | ".join(str(v) for v in values if v).upper()


def _has_contrast(ds: Dataset) -> bool:
    """(0018,0010) Contrast/Bolus Agent, its (0018,0012) sequence, or enhanced usage."""
    agent = str(ds.get("ContrastBolusAgent", "") or "").strip().upper()
    if agent and agent not in {"NONE", "NO", "N", "-"}:
        return True
    if ds.get("ContrastBolusAgentSequence"):
        return True
    for container in ds.get("SharedFunctionalGroupsSequence") or []:
        for usage in container.get("ContrastBolusUsageSequence") or []:
            if str(usage.get("ContrastBolusAgentAdministered", "")).upper() == "YES":
                return True
    return False


def _thickness(frames: Sequence[FrameHeader]) -> float | None:
    values = [f.slice_thickness for f in frames if f.slice_thickness]
    return min(values) if values else None


def _number(value: object) -> float | None:
    try:
        return None if value in (None, "") else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- angiography


def looks_angiographic(
    datasets: Sequence[Dataset],
    *,
    slices_hu: npt.ArrayLike | None = None,
    pixel_mm: float | None = None,
    slice_mm: float | None = None,
) -> Classification | None:
    """Why this series looks like an angiography (CTA or MR TOF), or None when it does not.

    By header first (:func:`classify_series`: angio/CTA/TOF words, (0018,9010)
    Time of Flight Contrast, (0018,0010) Contrast/Bolus Agent with thin
    slices), then for a CT by content: ``slices_hu`` (slices × rows × columns,
    Hounsfield units, any subset of the series' slices) or, when not given,
    the pixel data the datasets carry (:func:`hu_slices`). ``pixel_mm`` and
    ``slice_mm`` default to the headers' (0028,0030) Pixel Spacing and
    (0018,0050) Slice Thickness (else the spacing of the positions).
    """
    if not datasets:
        return None
    header = classify_series(datasets)
    if header.kind in (SeriesKind.CTA, SeriesKind.TOF):
        return header
    if str(datasets[0].get("Modality", "")).upper() != "CT" or header.kind in (
        SeriesKind.LOCALIZER,
        SeriesKind.CTP,
    ):
        return None
    frames = [f for n, ds in enumerate(datasets) for f in frames_of(ds, n)]
    if slice_mm is None:
        slice_mm = _thickness(frames) or _position_step(frames)
    if slice_mm is None or slice_mm > CTA_MAX_SLICE_MM:
        return None
    if pixel_mm is None:
        spacings = [f.pixel_spacing for f in frames if f.pixel_spacing]
        pixel_mm = float(min(spacings[0])) if spacings else None
    if pixel_mm is None or pixel_mm <= 0:
        return None
    if slices_hu is None:
        slices_hu = hu_slices(datasets)
        if slices_hu is None:
            return None
    return angiography_by_content(slices_hu, pixel_mm=pixel_mm, slice_mm=slice_mm)


def angiography_by_content(
    slices_hu: npt.ArrayLike, *, pixel_mm: float, slice_mm: float
) -> Classification | None:
    """A CTA by content: thin slices (≤ :data:`CTA_MAX_SLICE_MM`) and contrast-enhanced
    vessels in at least :data:`ANGIO_MIN_VESSEL_FRACTION` of the head (:func:`vessel_fraction`)."""
    if slice_mm > CTA_MAX_SLICE_MM:
        return None
    fraction = vessel_fraction(slices_hu, pixel_mm=pixel_mm)
    if fraction < ANGIO_MIN_VESSEL_FRACTION:
        return None
    return Classification(
        SeriesKind.CTA,
        f"contrast-enhanced vessels in {100 * fraction:.2f} % of the head "
        f"and thin slices ({slice_mm:g} mm)",
    )


def vessel_fraction(slices_hu: npt.ArrayLike, *, pixel_mm: float) -> float:
    """The fraction of the head's voxels that look like contrast-enhanced vessels.

    ``slices_hu``: axial (or any) slices in Hounsfield units, slices first;
    up to :data:`CONTENT_SLICES` evenly spaced ones are used, resampled to
    about :data:`CONTENT_PIXEL_MM`. A voxel counts when it is within
    :data:`ENHANCED_HU`, in the head (> :data:`HEAD_HU`), part of a bright
    (≥ 150 HU) structure thinner than 2 × :data:`VESSEL_RADIUS_MM` (a
    morphological opening in the slice's plane removes thicker ones: bone,
    blocks of trabecular bone), and farther than :data:`VESSEL_RADIUS_MM`
    from dense bone and from air.
    """
    volume = np.asarray(slices_hu)
    if volume.ndim == 2:
        volume = volume[None]
    if volume.ndim != 3 or volume.size == 0 or pixel_mm <= 0:
        return 0.0
    picked = np.unique(np.linspace(0, volume.shape[0] - 1, CONTENT_SLICES).round().astype(int))
    step = max(1, int(CONTENT_PIXEL_MM / pixel_mm))
    hu = np.asarray(volume[picked][:, ::step, ::step], dtype=np.float32)
    radius = max(1, round(VESSEL_RADIUS_MM / (pixel_mm * step)))
    head = hu > HEAD_HU
    bright = hu >= ENHANCED_HU[0]
    thick = _grow(~_grow(~bright, radius), radius)  # opening: bright structures ≥ 2 r wide
    thin = bright & ~thick & (hu <= ENHANCED_HU[1]) & head
    thin &= ~_grow(hu > DENSE_BONE_HU, radius) & ~_grow(hu < AIR_HU, radius)
    total = int(head.sum())
    return float(thin.sum()) / total if total else 0.0


def hu_slices(datasets: Sequence[Dataset], count: int = CONTENT_SLICES) -> np.ndarray | None:
    """Up to ``count`` evenly spaced single-frame images of the series in Hounsfield units
    ((0028,1052) Rescale Intercept, (0028,1053) Rescale Slope applied by pydicom), or
    None when the datasets carry no pixel data or differ in size."""
    from pydicom.pixels import apply_modality_lut

    images = [
        ds for ds in datasets if "PixelData" in ds and int(ds.get("NumberOfFrames", 1) or 1) == 1
    ]
    if not images:
        return None
    picked = np.unique(np.linspace(0, len(images) - 1, count).round().astype(int))
    slices = []
    for index in picked:
        ds = images[int(index)]
        try:
            slices.append(np.asarray(apply_modality_lut(ds.pixel_array, ds), dtype=np.float32))
        except Exception:  # undecodable pixel data: judged by what can be read
            continue
    shapes = {a.shape for a in slices}
    if not slices or len(shapes) != 1:
        return None
    return np.stack(slices)


def _grow(mask: npt.NDArray[np.bool_], radius: int) -> npt.NDArray[np.bool_]:
    """Dilation of each slice (last two axes) by a (2r+1)² square, outside taken as False."""
    out = mask
    for axis in (1, 2):
        size = out.shape[axis]
        pad = [(0, 0)] * out.ndim
        pad[axis] = (radius, radius)
        padded = np.pad(out, pad, constant_values=False)
        grown = np.zeros_like(out)
        for shift in range(2 * radius + 1):
            index = [slice(None)] * out.ndim
            index[axis] = slice(shift, shift + size)
            grown |= padded[tuple(index)]
        out = grown
    return out


def _position_step(frames: Sequence[FrameHeader]) -> float | None:
    """The median distance between consecutive positions along the slices' normal."""
    placed = [
        (f.position, f.orientation)
        for f in frames
        if f.position is not None and f.orientation is not None
    ]
    if len(placed) < 2:
        return None
    cosines = np.asarray(placed[0][1], dtype=float)
    normal = np.cross(cosines[:3], cosines[3:])
    along = np.unique(np.round([float(np.dot(np.asarray(p), normal)) for p, _ in placed], 3))
    steps = np.diff(along)
    return float(np.median(steps)) if len(steps) else None
