"""Which series of a case look angiographic, and why: by header or by content. No Qt.

The occlusion must be stated (absent or present) when any series of the
study looks like an angiography (:func:`app.opinion.model.missing_for_sending`).
The header says so for most (:func:`viewer.classify.looks_angiographic`: angio,
CTA or TOF words, (0018,9010) Time of Flight Contrast, a contrast agent with
thin slices); a CT angiography with a sparse header is recognised by its
pixels — from the headers when they carry pixel data, or from the volume the
viewer assembled (:meth:`Angiography.judge_volume`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydicom.dataset import Dataset

from app.opinion import model as m
from viewer.classify import angiography_by_content, looks_angiographic
from viewer.volume import Volume


class Angiography:
    """The series of one case that look angiographic: ``reasons`` maps a series UID to why."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}

    def __contains__(self, uid: object) -> bool:
        return uid in self.reasons

    def judge_headers(self, uid: str, series: Sequence[Dataset], kind: m.SeriesKind | None) -> bool:
        """Judge a series from its headers (and their pixels, when they carry them);
        ``kind`` is the viewer's when it gave one. True when it looks angiographic."""
        if kind in m.ANGIO_KINDS:
            self.reasons[uid] = f"the viewer classed it as {kind.value}"
            return True
        try:
            found = looks_angiographic(series)
        except (ValueError, TypeError, AttributeError):  # malformed headers: judged as listed
            found = None
        if found is not None:
            self.reasons[uid] = found.reason
        return found is not None

    def judge_volume(self, volume: Volume) -> bool:
        """Judge a CT volume by its loaded slices (thin slices, contrast-enhanced vessels);
        True when this newly found it angiographic."""
        uid = volume.series_instance_uid
        if uid in self.reasons or volume.modality.upper() != "CT":
            return False
        loaded = volume.loaded if volume.loaded is not None else np.ones(volume.shape[0], bool)
        if not loaded.any():
            return False
        px, py, pz = volume.spacing
        found = angiography_by_content(volume.array[loaded], pixel_mm=min(px, py), slice_mm=pz)
        if found is not None:
            self.reasons[uid] = found.reason
        return found is not None

    def names(self, headers: Sequence[Dataset], descriptions: dict[str, str]) -> list[str]:
        """The angiographic series in words (``series 3 CTA HEAD``), in listing order."""
        names: list[str] = []
        for ds in headers:
            uid = str(ds.SeriesInstanceUID)
            if uid not in self.reasons:
                continue
            number = ds.get("SeriesNumber", "")
            description = descriptions.get(uid, "")
            name = f"series {number} {description}".strip() if number != "" else description or uid
            if name not in names:
                names.append(name)
        return names
