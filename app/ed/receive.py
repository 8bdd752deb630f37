"""Images pushed by the CT scanner or the PACS: a C-STORE SCP gathering studies.

:class:`StoreReceiver` is a DICOM Storage SCP (pynetdicom; PS3.4 Annex B) that
accepts the storage SOP classes of :mod:`app.ed.dimse` and C-ECHO, writes each
instance under ``out/<study>/<series>/<sop>.dcm`` (:class:`StudyCollector`),
and remembers when each study last received something. A study that has been
quiet for ``quiet_s`` seconds is *complete*: :meth:`StudyCollector.completed`
hands it out once, as a new request candidate. Instances arriving later for the
same study make it active again and it is handed out again when quiet.

pynetdicom serves associations in its own threads; the collector is
thread-safe and the caller polls :meth:`StudyCollector.completed` (the clock
is injectable). :func:`forward_study` sends a completed study to the hub as a
request (automatic forwarding); a study forwarded before gets its new series
added to the same request rather than a second request.

Binds 127.0.0.1 unless told otherwise. Nothing about the patient is logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pynetdicom import AE, evt

from app.ed.dimse import (
    CANNOT_UNDERSTAND,
    OUT_OF_RESOURCES,
    SUCCESS,
    VERIFICATION,
    storage_contexts,
    write_received,
)
from app.ed.request.form import ClinicalForm
from app.ed.request.images import select_images
from app.ed.request.send import Progress, SendResult, add_images, send_request
from app.ed.request.state import RequestStateStore
from app.hub.protocol import Hub

log = logging.getLogger("app.ed.receive")
DEFAULT_QUIET_S = 10.0


@dataclass(frozen=True)
class ReceivedStudy:
    """A study gathered from C-STORE requests (no patient data)."""

    study_uid: str
    folder: Path
    instances: int  # received in total for this study by this receiver
    series: int
    calling_ae_titles: tuple[str, ...]
    first_s: float  # clock of the first and the last instance
    last_s: float


@dataclass
class _Activity:
    folder: Path
    instances: int
    series: set[str]
    callers: set[str]
    first_s: float
    last_s: float


class StudyCollector:
    """Where received instances are written, and which studies went quiet."""

    def __init__(
        self,
        out_dir: Path,
        *,
        quiet_s: float = DEFAULT_QUIET_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.quiet_s = quiet_s
        self.clock = clock
        self._lock = threading.Lock()
        self._active: dict[str, _Activity] = {}
        self._totals: dict[str, _Activity] = {}
        self.refused = 0

    def add(self, study: str, series: str, caller: str) -> None:
        """Note that an instance of ``study``/``series`` was written (from ``caller``)."""
        now = self.clock()
        with self._lock:
            for table in (self._active, self._totals):
                entry = table.get(study)
                if entry is None:
                    entry = table[study] = _Activity(
                        self.out_dir / study, 0, set(), set(), now, now
                    )
                entry.instances += 1
                entry.series.add(series)
                entry.callers.add(caller)
                entry.last_s = now

    def completed(self) -> list[ReceivedStudy]:
        """Studies quiet for ``quiet_s`` since their last instance; each handed out once."""
        now = self.clock()
        done = []
        with self._lock:
            for study, entry in list(self._active.items()):
                if now - entry.last_s >= self.quiet_s:
                    del self._active[study]
                    total = self._totals[study]
                    done.append(
                        ReceivedStudy(
                            study_uid=study,
                            folder=total.folder,
                            instances=total.instances,
                            series=len(total.series),
                            calling_ae_titles=tuple(sorted(total.callers)),
                            first_s=total.first_s,
                            last_s=total.last_s,
                        )
                    )
        return sorted(done, key=lambda s: s.first_s)

    @property
    def receiving(self) -> int:
        """How many studies are still receiving (not quiet yet)."""
        with self._lock:
            return len(self._active)


class StoreReceiver:
    """A C-STORE SCP writing into a :class:`StudyCollector`; start, then stop.

    ``port=0`` picks a free port (read :attr:`port` after :meth:`start`).
    ``allowed_calling_ae_titles``, when given, refuses associations from others.
    """

    def __init__(
        self,
        collector: StudyCollector,
        *,
        ae_title: str = "STROKELINK",
        host: str = "127.0.0.1",
        port: int = 11112,
        allowed_calling_ae_titles: Sequence[str] | None = None,
    ) -> None:
        if not ae_title.strip() or len(ae_title) > 16:
            raise ValueError("an AE title has 1 to 16 characters")
        self.collector = collector
        self.ae_title = ae_title
        self.host = host
        self.port = port
        self.allowed = list(allowed_calling_ae_titles) if allowed_calling_ae_titles else None
        self._server: Any = None

    def _ae(self) -> AE:
        ae = AE(ae_title=self.ae_title)
        for context in storage_contexts():
            assert context.abstract_syntax is not None
            ae.add_supported_context(context.abstract_syntax, context.transfer_syntax)
        ae.add_supported_context(VERIFICATION)
        if self.allowed is not None:
            ae.require_calling_aet = self.allowed
        return ae

    def _on_store(self, event: Any) -> int:
        caller = str(event.assoc.requestor.ae_title).strip()
        try:
            study, series, _, _ = write_received(event, self.collector.out_dir)
        except ValueError as exc:
            self.collector.refused += 1
            log.warning("refused an instance from %s: %s", caller, exc)
            return CANNOT_UNDERSTAND
        except OSError as exc:
            self.collector.refused += 1
            log.error("cannot write a received instance: %s", exc.strerror or exc)
            return OUT_OF_RESOURCES
        self.collector.add(study, series, caller)
        return SUCCESS

    def start(self) -> StoreReceiver:
        """Listen in pynetdicom's server threads; returns at once."""
        self._server = self._ae().start_server(
            (self.host, self.port),
            block=False,
            evt_handlers=[(evt.EVT_C_STORE, self._on_store)],
        )
        self.port = int(self._server.server_address[1])
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None

    def __enter__(self) -> StoreReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def forward_study(
    hub: Hub,
    study: ReceivedStudy,
    template: ClinicalForm,
    *,
    state_store: RequestStateStore,
    include_localizers: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> SendResult:
    """Send a received study as a request, or add its new series to the request sent.

    ``template`` holds what the site always says (site, physician, call-back,
    question); the physician completes the rest later. Raises what
    :func:`app.ed.request.send.send_request` raises.
    """
    images = select_images(study.folder, include_localizers=include_localizers)
    options: dict[str, Any] = {"on_progress": on_progress}
    if clock is not None:
        options["clock"] = clock
    earlier = state_store.for_study(hub.base_url, images.study_uid)
    if earlier is not None:
        return add_images(hub, state_store, earlier.request_id, images, **options)
    return send_request(hub, images, template, state_store=state_store, **options)
