"""What a retrieval tells its caller: events, results, and the order of slices.

Plain data, shared by :mod:`app.retrieve.series` and :mod:`app.retrieve.case`
(see there). No patient data in any message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from app.hub.protocol import JsonDataset
from viewer.assembly import NotVolumePart, SeriesPlan
from viewer.volume import Volume

SOP_UID, NUMBER = "00080018", "00200013"
POSITION, ORIENTATION = "00200032", "00200037"
SLOPE, INTERCEPT = "00281053", "00281052"
CENTER, WIDTH = "00281050", "00281051"

Array = npt.NDArray[Any]


class Canceled(Exception):
    """The user canceled the retrieval."""


class SeriesStatus(StrEnum):
    COMPLETE = "complete"  # every instance received and checked
    INCOMPLETE = "incomplete"  # some instances refused twice, or offline with gaps
    INTERRUPTED = "interrupted"  # the network failed: run again to resume
    CANCELED = "canceled"
    FAILED = "failed"  # nothing usable: hub refusal, unsupported transfer syntax…


@dataclass
class FirstImage:
    """The middle image of a series, shown before the volume is planned.

    ``array`` holds modality values (float32, rescale applied from the
    instance's own header); ``window`` is (width, centre) from (0028,1051)
    Window Width / (0028,1050) Window Center when present.
    """

    sop_instance_uid: str
    instance_number: str
    array: npt.NDArray[np.float32]
    window: tuple[float, float] | None
    # (0020,0037) Image Orientation (Patient) and (0028,0030) Pixel Spacing, when given:
    # the quick first-image view draws only what it can orient (standard axial, square pixels)
    orientation: tuple[float, ...] | None = None
    pixel_spacing: tuple[float, ...] | None = None
    modality: str = ""


@dataclass
class SeriesVolumes:
    """The planned volumes of a series (slices fill in as they arrive)."""

    series_uid: str
    plan: SeriesPlan | None
    volumes: list[Volume]
    not_volumes: list[NotVolumePart]
    reason: str = ""  # why there is no volume, when ``volumes`` is empty


@dataclass
class SeriesResult:
    """How the retrieval of one series ended (no patient data)."""

    series_uid: str
    status: SeriesStatus = SeriesStatus.COMPLETE
    expected: int = 0  # instances in the series' metadata
    received: int = 0  # checked and kept, in total
    from_cache: int = 0  # of which read from the cache in this run
    downloaded_bytes: int = 0  # in this run
    requests: int = 0  # HTTP requests made in this run
    transfer_syntaxes: set[str] = field(default_factory=set)  # as received in this run
    missing: list[str] = field(default_factory=list)  # "instance 12", …
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class RetrievalCallbacks:
    """What the caller hears of; every one optional, called on the retrieval's thread.

    ``on_slice(series_uid, volume_index, slice_index, array)`` comes after the
    slice was written into ``volumes[volume_index]`` and flagged loaded (slices
    received before the plan was ready are already in at ``on_plan``);
    ``on_other_image(series_uid, sop_uid, frame_index, array)`` delivers the
    images that are not part of a volume (stored values, for the 2-D viewer).
    """

    on_first_image: Callable[[str, FirstImage], None] | None = None
    on_plan: Callable[[str, SeriesVolumes], None] | None = None
    on_slice: Callable[[str, int, int, Array], None] | None = None
    on_other_image: Callable[[str, str, int, Array], None] | None = None
    on_progress: Callable[[str, int, int], None] | None = None
    on_series_done: Callable[[str, SeriesResult], None] | None = None


def _values(item: JsonDataset, tag: str) -> list[Any]:
    element = item.get(tag) if isinstance(item, dict) else None
    values = element.get("Value") if isinstance(element, dict) else None
    return values if isinstance(values, list) else []


def first_value(item: JsonDataset, tag: str) -> Any:
    """The first value of a DICOM JSON element, None if absent or malformed."""
    values = _values(item, tag)
    return values[0] if values else None


def float_values(item: JsonDataset, tag: str) -> list[float] | None:
    """All values as floats, None if absent or not numbers."""
    values = _values(item, tag)
    try:
        return [float(v) for v in values] if values else None
    except (TypeError, ValueError):
        return None


def middle_out(metadata: list[JsonDataset]) -> list[str]:
    """SOP Instance UIDs ordered from the middle of the stack outwards.

    Slices are ordered by (0020,0032) Image Position (Patient) along the
    normal of (0020,0037) Image Orientation (Patient) when every instance has
    them, else by (0020,0013) Instance Number.
    """
    keyed: list[tuple[float, str]] = []
    orientation = next((o for m in metadata if (o := float_values(m, ORIENTATION))), None)
    normal = None
    if orientation is not None and len(orientation) == 6:
        normal = np.cross(orientation[:3], orientation[3:])
    for item in metadata:
        sop = str(first_value(item, SOP_UID) or "")
        if not sop:
            continue
        position = float_values(item, POSITION)
        if normal is not None and position is not None and len(position) == 3:
            keyed.append((float(np.dot(position, normal)), sop))
        else:
            number = first_value(item, NUMBER)
            keyed.append((float(number) if isinstance(number, int | float) else 0.0, sop))
    ordered = [sop for _, sop in sorted(keyed)]
    out: list[str] = []
    below, above = len(ordered) // 2, len(ordered) // 2 + 1
    while 0 <= below < len(ordered) or above < len(ordered):
        if 0 <= below < len(ordered):
            out.append(ordered[below])
            below -= 1
        if above < len(ordered):
            out.append(ordered[above])
            above += 1
    return out
