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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydicom.dataset import Dataset

from viewer.frames import FrameHeader, frames_of

# A slice at most this thick, with contrast, reads as an angiography.
CTA_MAX_SLICE_MM = 1.5
# A CT series with at least this many time points is a perfusion; fewer (2–4) are
# repeated or multiphase acquisitions (e.g. a multiphase CTA), classified by their tags.
CTP_MIN_TIME_POINTS = 5
# (0018,0082) Inversion Time from which an inversion recovery nulls fluid (FLAIR).
FLAIR_MIN_INVERSION_MS = 1500.0


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
    if modality == "CT":
        return _classify_ct(first, frames, image_type, text, time_points)
    if modality == "MR":
        return _classify_mr(first, frames, image_type, text, time_points)
    return Classification(SeriesKind.OTHER, f"modality {modality or 'unknown'}")


def _classify_ct(
    ds: Dataset,
    frames: Sequence[FrameHeader],
    image_type: set[str],
    text: str,
    time_points: int,
) -> Classification:
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


def _classify_mr(
    ds: Dataset,
    frames: Sequence[FrameHeader],
    image_type: set[str],
    text: str,
    time_points: int,
) -> Classification:
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
