"""Series that arrive after a case was opened (the CTA after the NCCT).

An ED sends the NCCT first and the CTA minutes later, into the same study.
While a case is open the application keeps asking the hub (QIDO-RS
``GET /studies/{study}/series``) which series the study holds;
:func:`new_series` returns those not seen yet, and :class:`StudyWatch` also
notices series still growing (instances still being stored). Synchronous: the
UI calls :meth:`StudyWatch.poll_once` from a timer, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.hub.errors import MalformedAnswer
from app.hub.protocol import JsonDataset, StudiesService

MODALITY = "00080060"
SERIES_DESCRIPTION = "0008103E"
SERIES_NUMBER = "00200011"
SERIES_UID = "0020000E"
SERIES_INSTANCES = "00201209"  # (0020,1209) Number of Series Related Instances
SERIES_FIELDS = (MODALITY, SERIES_DESCRIPTION, SERIES_NUMBER, SERIES_INSTANCES)
# Series that hold no images to retrieve for viewing (reports, documents, markers).
NOT_IMAGES = frozenset({"SR", "DOC", "KO", "PR", "REG", "SEG", "RTSTRUCT"})


def _value(item: JsonDataset, tag: str) -> Any:
    values = (item.get(tag) or {}).get("Value") or []
    return values[0] if values else None


@dataclass(frozen=True)
class SeriesInfo:
    """A series as QIDO-RS describes it (no patient data)."""

    series_uid: str
    modality: str = ""
    number: int | None = None
    description: str = ""
    instances: int | None = None  # (0020,1209), when the hub gives it
    qido: JsonDataset = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_images(self) -> bool:
        return self.modality.upper() not in NOT_IMAGES

    @classmethod
    def from_qido(cls, item: JsonDataset) -> SeriesInfo:
        uid = _value(item, SERIES_UID)
        if not uid:
            raise MalformedAnswer("the hub listed a series without its Series Instance UID")
        number = _value(item, SERIES_NUMBER)
        count = _value(item, SERIES_INSTANCES)
        return cls(
            series_uid=str(uid),
            modality=str(_value(item, MODALITY) or ""),
            number=int(number)
            if isinstance(number, int | float | str) and _is_int(number)
            else None,
            description=str(_value(item, SERIES_DESCRIPTION) or ""),
            instances=int(count) if count is not None and _is_int(count) else None,
            qido=item,
        )


def _is_int(value: Any) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


def list_series(hub: StudiesService, study_uid: str) -> list[SeriesInfo]:
    """Every series of the study per QIDO-RS, in Series Number order."""
    items = hub.search_series(study_uid, includefield=list(SERIES_FIELDS))
    infos = [SeriesInfo.from_qido(item) for item in items]
    return sorted(infos, key=lambda s: (s.number is None, s.number or 0, s.series_uid))


def new_series(hub: StudiesService, study_uid: str, known: Iterable[str]) -> list[SeriesInfo]:
    """The study's series whose UIDs are not in ``known``."""
    seen = set(known)
    return [s for s in list_series(hub, study_uid) if s.series_uid not in seen]


@dataclass
class StudyChanges:
    """What one poll found: series not seen before, and series that grew."""

    new: list[SeriesInfo] = field(default_factory=list)
    grown: list[SeriesInfo] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.grown)


class StudyWatch:
    """Keeps track of a study's series between polls (see the module docstring)."""

    def __init__(self, hub: StudiesService, study_uid: str, known: Iterable[str] = ()) -> None:
        self.hub = hub
        self.study_uid = study_uid
        self.counts: dict[str, int | None] = dict.fromkeys(known)

    def poll_once(self) -> StudyChanges:
        """Ask the hub once; raises :class:`app.hub.errors.HubError` when it fails."""
        changes = StudyChanges()
        for info in list_series(self.hub, self.study_uid):
            if info.series_uid not in self.counts:
                changes.new.append(info)
            else:
                before = self.counts[info.series_uid]
                if before is not None and info.instances is not None and info.instances > before:
                    changes.grown.append(info)
            self.counts[info.series_uid] = info.instances
        return changes
