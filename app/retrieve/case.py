"""Opening a case: every series of the study retrieved, most urgent first.

:class:`CaseRetrieval` lists the study's series (QIDO-RS, or the cache),
fetches each one's metadata (WADO-RS ``…/metadata``, or the cache), guesses
its kind from the headers (:func:`viewer.classify.classify_series`) and
retrieves the images in stroke order — NCCT, then CTA, then CTP, then MR
(DWI, ADC, FLAIR, …), then the rest — one :class:`SeriesRetrieval` each
(see :mod:`app.retrieve.series` for progressive, checked, resumable
retrieval of one series). A series that fails (hub refusal, unsupported
transfer syntax) does not stop the others.

Synchronous, like every core function (STYLE.md point 6): the UI runs
:meth:`CaseRetrieval.run` in a worker thread, hears of progress through
:class:`RetrievalCallbacks` (called on that thread) and cancels through the
``threading.Event`` it passed. Decoding of compressed images runs in the
:class:`Decoder`'s worker processes; create one per application.

Opening a case whose series are all in the :class:`app.retrieve.cache.ImageCache`
makes no network request at all. Series that arrive on the hub later are
found by :class:`app.retrieve.study_watch.StudyWatch` and added with
:meth:`CaseRetrieval.add_series`.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.hub.errors import HubError, NotFound
from app.hub.protocol import JsonDataset, StudiesService
from app.retrieve.cache import ImageCache
from app.retrieve.decode import Decoder, headers_from_metadata
from app.retrieve.model import (
    POSITION,
    FirstImage,
    RetrievalCallbacks,
    SeriesResult,
    SeriesStatus,
    SeriesVolumes,
    float_values,
)
from app.retrieve.series import SeriesRetrieval
from app.retrieve.study_watch import SeriesInfo, list_series
from app.store.audit import AuditLog
from viewer.classify import Classification, SeriesKind, classify_series

__all__ = [
    "URGENCY",
    "CaseResult",
    "CaseRetrieval",
    "CaseSeries",
    "Decoder",
    "FirstImage",
    "RetrievalCallbacks",
    "SeriesResult",
    "SeriesRetrieval",
    "SeriesStatus",
    "SeriesVolumes",
    "classify_metadata",
]

# Retrieval order of series kinds: what the stroke decision needs first.
URGENCY: tuple[SeriesKind, ...] = (
    SeriesKind.NCCT,
    SeriesKind.CTA,
    SeriesKind.CTP,
    SeriesKind.DWI,
    SeriesKind.ADC,
    SeriesKind.FLAIR,
    SeriesKind.SWI,
    SeriesKind.TOF,
    SeriesKind.T2,
    SeriesKind.T1,
    SeriesKind.OTHER,
    SeriesKind.LOCALIZER,
)


def _time_points(metadata: list[JsonDataset]) -> int:
    """How many instances share each (0020,0032) position: ≥ 2 for a 4-D series."""
    positions = Counter(
        tuple(round(v, 2) for v in p)
        for item in metadata
        if (p := float_values(item, POSITION)) is not None and len(p) == 3
    )
    if not positions:
        return 1
    return max(1, round(len(metadata) / len(positions)))


def classify_metadata(metadata: list[JsonDataset]) -> Classification:
    """The series' kind from its middle instance's header (cheap: one header).

    The full classification per sub-volume comes with the plan
    (:attr:`viewer.assembly.VolumePlan.classification`); this one only orders
    the retrieval.
    """
    if not metadata:
        return Classification(SeriesKind.OTHER, "no instances")
    middle = headers_from_metadata([metadata[len(metadata) // 2]])
    return classify_series(middle, time_points=_time_points(metadata))


@dataclass
class CaseSeries:
    """One series of the case, in retrieval order."""

    info: SeriesInfo
    retrieval: SeriesRetrieval
    classification: Classification | None = None
    result: SeriesResult | None = None

    @property
    def series_uid(self) -> str:
        return self.info.series_uid

    @property
    def kind(self) -> SeriesKind:
        return self.classification.kind if self.classification else SeriesKind.OTHER

    @property
    def label(self) -> str:
        return self.retrieval.label


@dataclass
class CaseResult:
    """How opening the case went (no patient data in messages)."""

    series: dict[str, SeriesResult] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # series without images (SR, PDF…)
    errors: list[str] = field(default_factory=list)
    canceled: bool = False

    @property
    def complete(self) -> bool:
        return not self.errors and all(
            r.status is SeriesStatus.COMPLETE for r in self.series.values()
        )


def _label(info: SeriesInfo) -> str:
    number = f" {info.number}" if info.number is not None else ""
    modality = f" ({info.modality})" if info.modality else ""
    return f"series{number}{modality}"


class CaseRetrieval:
    """Retrieve every series of a study, most urgent first (module docstring).

    ``hub`` None opens from the cache only. ``on_series_listed`` hears the
    series in retrieval order once known. ``audit`` (optional) records
    ``case-opened`` and, per series, ``series-retrieved``.
    """

    def __init__(
        self,
        hub: StudiesService | None,
        study_uid: str,
        *,
        cache: ImageCache | None = None,
        decoder: Decoder | None = None,
        callbacks: RetrievalCallbacks | None = None,
        cancel: threading.Event | None = None,
        transfer_syntax: str = "*",
        on_series_listed: Callable[[list[CaseSeries]], None] | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self.hub = hub
        self.study_uid = study_uid
        self.cache = cache
        self.decoder = decoder if decoder is not None else Decoder(0)
        self.callbacks = callbacks or RetrievalCallbacks()
        self.cancel = cancel or threading.Event()
        self.transfer_syntax = transfer_syntax
        self.on_series_listed = on_series_listed
        self.audit = audit
        self.series: list[CaseSeries] = []
        self.skipped: list[SeriesInfo] = []
        self._opened = False

    def _new(self, info: SeriesInfo) -> CaseSeries:
        retrieval = SeriesRetrieval(
            self.hub,
            self.study_uid,
            info.series_uid,
            cache=self.cache,
            decoder=self.decoder,
            callbacks=self.callbacks,
            cancel=self.cancel,
            transfer_syntax=self.transfer_syntax,
            label=_label(info),
        )
        return CaseSeries(info, retrieval)

    def _list(self) -> list[SeriesInfo]:
        cached = self.cache.get_study_series(self.study_uid) if self.cache else None
        if cached is not None:
            return [SeriesInfo.from_qido(item) for item in cached]
        if self.hub is None:
            raise NotFound("this case is not in the cache and there is no hub (offline)")
        infos = list_series(self.hub, self.study_uid)
        if not infos:
            raise NotFound("the study is not on the hub (no series found)")
        if self.cache is not None:
            self.cache.put_study_series(self.study_uid, [i.qido for i in infos])
        return infos

    def open(self) -> list[CaseSeries]:
        """List the series, fetch their metadata, order them; HubError if listing fails."""
        if not self._opened:
            if self.cache is not None:
                self.cache.purge()  # retention and size cap, before anything is read
            infos = self._list()
            self._opened = True
            if self.audit is not None:
                self.audit.append("case-opened", study_uid=self.study_uid)
            self._add(infos)
        return self.series

    def _add(self, infos: Iterable[SeriesInfo]) -> list[CaseSeries]:
        known = {s.series_uid for s in self.series} | {s.series_uid for s in self.skipped}
        added: list[CaseSeries] = []
        for info in infos:
            if info.series_uid in known:
                continue
            if not info.has_images:
                self.skipped.append(info)
                continue
            entry = self._new(info)
            # a failure here is retried, and reported, when the series' turn comes
            with contextlib.suppress(HubError, ValueError, TypeError, AttributeError):
                entry.classification = classify_metadata(entry.retrieval.load_metadata())
            added.append(entry)
        started = [s for s in self.series if s.result is not None]
        waiting = [s for s in self.series if s.result is None] + added
        waiting.sort(key=self._urgency)
        self.series = started + waiting
        if self.on_series_listed is not None:
            self.on_series_listed(list(self.series))
        return added

    @staticmethod
    def _urgency(entry: CaseSeries) -> tuple[int, int, str]:
        kind = entry.kind
        rank = URGENCY.index(kind) if kind in URGENCY else len(URGENCY)
        number = entry.info.number if entry.info.number is not None else 1 << 30
        return (rank, number, entry.series_uid)

    def add_series(self, infos: Iterable[SeriesInfo]) -> list[CaseSeries]:
        """Series that arrived later (from StudyWatch): queued by urgency; run() fetches them."""
        added = self._add(infos)
        if added and self.cache is not None:
            self.cache.put_study_series(self.study_uid, [s.info.qido for s in self.series])
        return added

    def run(self) -> CaseResult:
        """Retrieve every series not complete yet, most urgent first."""
        result = CaseResult()
        try:
            self.open()
        except HubError as exc:
            result.errors.append(str(exc))
            return result
        for entry in self.series:
            if self.cancel.is_set():
                result.canceled = True
                break
            if entry.result is None or entry.result.status is not SeriesStatus.COMPLETE:
                entry.result = entry.retrieval.run()
                self._audit(entry)
            result.series[entry.series_uid] = entry.result
        result.canceled = result.canceled or any(
            r.status is SeriesStatus.CANCELED for r in result.series.values()
        )
        result.skipped = [_label(s) for s in self.skipped]
        return result

    def _audit(self, entry: CaseSeries) -> None:
        if self.audit is None or entry.result is None:
            return
        status = entry.result.status
        outcome = {
            SeriesStatus.COMPLETE: "ok",
            SeriesStatus.CANCELED: "canceled",
        }.get(status, "failed")
        self.audit.append(
            "series-retrieved",
            study_uid=self.study_uid,
            series_uid=entry.series_uid,
            outcome=outcome,
        )

    def retrieval_of(self, series_uid: str) -> SeriesRetrieval | None:
        return next((s.retrieval for s in self.series if s.series_uid == series_uid), None)
