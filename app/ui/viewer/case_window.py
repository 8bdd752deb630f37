"""A case from the hub, shown while it is retrieved (issue #4 "Opening a case").

:class:`CaseWindow` is the :class:`~app.ui.viewer.window.ViewerWindow` fed by
:class:`app.retrieve.case.CaseRetrieval` running in a worker thread: the series
appear in the browser as soon as the hub lists them (metadata first), each
pane shows its volume as soon as it is planned (every slice hatched "not
loaded"), the middle slice arrives first and the rest fills in; each series
has its progress bar, and "Cancel loading" stops the retrieval (what arrived
stays). While the window is open, the study is watched on the hub (QIDO-RS,
:class:`app.retrieve.study_watch.StudyWatch`): series stored later (the CTA after the
NCCT) are announced in a banner and retrieved.

For the opinion panel beside the images (:mod:`app.ui.case_opener`):
``headersListed(list[Dataset])`` gives the headers (WADO-RS metadata, bulk
data left out) of each series once listed; ``seriesShown(str)`` the Series
Instance UID of each series the panes put on screen (audited as
``series-viewed``); ``caseClosed`` fires once, when the window closes.

:meth:`CaseWindow.show_request` docks the ED's request under the series list,
left of the images (:class:`app.ui.worklist.request_panel.RequestPanel`; the opinion
keeps the right-hand column whole), and shows, in red, images the
request announced that are not all on the hub: a banner over the views
("Images incomplete: 230 of 430 on the hub") and per series in the browser
(a series still arriving included: :meth:`SeriesBrowser.set_request`).

The window keeps within the screen's available geometry (:meth:`CaseWindow.fit_to_screen`,
at first show and whenever rows that grew it shrink again): the views shrink first, down to
:data:`VIEWS_MIN_WIDTH`, the docks beside them keep their width.

Opening a case from the main window::

    window = CaseWindow(hub, study_uid, cache=cache, decoder=decoder, audit=audit)
    window.show()
    window.start()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import logging
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from app.hub.errors import HubError
from app.hub.protocol import StudiesService
from app.retrieve.cache import ImageCache
from app.retrieve.case import CaseResult, CaseRetrieval, CaseSeries, Decoder
from app.retrieve.model import FirstImage, RetrievalCallbacks, SeriesResult, SeriesStatus
from app.retrieve.study_watch import SeriesInfo, StudyChanges, StudyWatch
from app.store.audit import AuditLog
from app.ui.viewer.analysis_panel import (
    Analyse,
    AnalysisPanel,
    ImagesState,
    Scratch,
    default_analyse,
)
from app.ui.viewer.study import SeriesEntry
from app.ui.viewer.window import ViewerWindow, patient_title
from app.ui.worklist import clinical_words as words
from app.ui.worklist.request_panel import RequestPanel
from app.worklist.model import Request
from viewer.protocols import Protocol, choose_protocol, protocol_for_kind

#: Width of the left column (series list and request) once the request is shown.
REQUEST_DOCK_WIDTH = 360
#: The narrowest the images may get: the docks beside them keep their width, the views
#: shrink first (a 1366x768 laptop with the request and the opinion docked).
VIEWS_MIN_WIDTH = 360


log = logging.getLogger(__name__)

# The headers (for the identity check) are read once the first image is on its way to the
# screen, or after this long without one.
FIRST_IMAGE_HEAD_START_S = 2.0


class CaseWindow(ViewerWindow):
    """The viewer on one study of the hub, fed progressively (module docstring).

    ``hub`` None opens the case from ``cache`` only (offline).
    ``watch_interval_ms`` is how often the study is asked for new series
    (0: never). Signals: ``retrievalFinished(CaseResult)`` after each
    retrieval run, ``seriesArrived(list[str])`` with the labels of series that
    arrived after the case was opened.
    """

    retrievalFinished = Signal(object)
    seriesArrived = Signal(list)
    headersListed = Signal(list)  # pydicom Datasets of series just listed (GUI thread)
    seriesShown = Signal(str)  # a series put on screen for the first time
    caseClosed = Signal()
    analysis_ready = Signal(object)  # a StudyAnalysis (viewer.analysis.study), run succeeded

    def __init__(
        self,
        hub: StudiesService | None,
        study_uid: str,
        *,
        cache: ImageCache | None = None,
        decoder: Decoder | None = None,
        audit: AuditLog | None = None,
        protocol: str | None = None,
        watch_interval_ms: int = 15_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(protocol=protocol, parent=parent)
        self.setObjectName("case-window")
        self.hub = hub
        self.study_uid = study_uid
        self.audit = audit
        self.shown_series: list[str] = []  # in the order they were first shown
        self._headers_given: set[str] = set()  # retrieval thread only
        self._header_threads: list[threading.Thread] = []  # retrieval thread only
        # set once the most urgent series is in (or the retrieval ended): the headers wait
        self._first_series_done = threading.Event()
        self._first_image_in = threading.Event()
        self.retrieval = CaseRetrieval(
            hub,
            study_uid,
            cache=cache,
            decoder=decoder,
            callbacks=self._callbacks(),
            cancel=self.cancel_event,
            on_series_listed=self._listed,
            audit=audit,
        )
        self.result: CaseResult | None = None
        self.watch: StudyWatch | None = None
        self.arrived: list[str] = []  # labels of series announced after opening
        self._pending: list[SeriesInfo] = []
        self._pending_lock = threading.Lock()
        self._running = False
        self._polling = False
        self._opened = False
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(max(1, watch_interval_ms))
        self.watch_timer.timeout.connect(self.poll_study)
        self._watch_interval_ms = watch_interval_ms
        self.banner.linkActivated.connect(self._show_arrived)
        self.message.setText(self.tr("Opening the case…"))
        self.request_panel: RequestPanel | None = None
        self.request_dock: QDockWidget | None = None
        self.incomplete_banner = QLabel(self)
        self.incomplete_banner.setObjectName("banner-danger")
        self.incomplete_banner.setWordWrap(True)
        self.incomplete_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.incomplete_banner.hide()
        self.right_layout.insertWidget(0, self.incomplete_banner)
        # The views shrink first: their titles (long series descriptions) never widen
        # the window past the screen (the docks keep their width).
        self.right.setMinimumWidth(VIEWS_MIN_WIDTH)
        #: Keep the window within the screen's available geometry (rows growing while the
        #: case opens included); False: the window keeps whatever size it is given.
        self.keep_on_screen = True
        self._fitted = False
        self._refit_pending = False
        #: The stroke analyses (issue #14), docked below the images once asked for.
        self.analysis_panel: AnalysisPanel | None = None
        self.analysis_dock: QDockWidget | None = None
        self.analyse: Analyse = default_analyse  # tests inject their own
        self.toolbar.analyse.setVisible(True)
        self.toolbar.analysisRequested.connect(self.open_analysis)

    # --- fitting the screen ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted and self.keep_on_screen:
            self._fitted = True
            self.fit_to_screen()
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if (
            event.type() == QEvent.Type.LayoutRequest
            and self._fitted
            and self.keep_on_screen
            and not self._refit_pending
            and self._can_shrink()
        ):
            self._refit_pending = True  # rows that grew the window shrank since: fit again
            QTimer.singleShot(0, self._refit)
        return handled

    def _refit(self) -> None:
        self._refit_pending = False
        self.fit_to_screen()

    def _can_shrink(self) -> bool:
        """Larger than the desktop, and the window's contents would allow it smaller.

        The whole desktop, not one screen: a window the reader spread over two monitors
        is left as it is."""
        screen = self.screen()
        if screen is None or self.isFullScreen():
            return False
        available = screen.availableVirtualGeometry()
        least = self.minimumSizeHint().expandedTo(self.minimumSize())
        return (self.width() > available.width() and least.width() < self.width()) or (
            self.height() > available.height() and least.height() < self.height()
        )

    def fit_to_screen(self) -> None:
        """Take the screen's available geometry (a window asked bigger is brought back)."""
        self._let_views_shrink()
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isFullScreen():
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # none before shown
        width = max(1, min(self.width(), available.width() - frame.width()))
        height = max(1, min(self.height(), available.height() - frame.height()))
        if (width, height) != (self.width(), self.height()):  # maximized: no window manager
            self.resize(width, height)
            self.move(available.topLeft())

    def _let_views_shrink(self) -> None:
        """Pane titles cut to the width the panes get (their panes never widen the window)."""
        if self.protocol_view is None:
            return
        for pane in self.protocol_view.panes:
            pane.title.setMinimumWidth(1)

    def _layout_changed(self, layout: str) -> None:
        super()._layout_changed(layout)
        self._let_views_shrink()

    # --- the request -------------------------------------------------------------------------
    def show_request(
        self,
        request: Request,
        clock: Callable[[], dt.datetime],
    ) -> RequestPanel:
        """Show the ED's request (again, when the workitem changed): its panel, docked
        under the series list, and images not all on the hub."""
        if self.request_panel is None:
            self.request_panel = RequestPanel(request, clock)
            dock = self.request_dock = QDockWidget(self.tr("Request"), self)
            dock.setObjectName("request-dock")
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
            dock.setWidget(self.request_panel)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.splitDockWidget(self.browser_dock, dock, Qt.Orientation.Vertical)
            self.resizeDocks([self.browser_dock], [REQUEST_DOCK_WIDTH], Qt.Orientation.Horizontal)
            self.resizeDocks([self.browser_dock, dock], [1, 2], Qt.Orientation.Vertical)
        else:
            self.request_panel.set_request(request)
        self.incomplete_banner.setVisible(request.incomplete)
        if request.incomplete:
            self.incomplete_banner.setText(
                words.images_incomplete(request.images_listed, request.images_expected)
                + " — "
                + self.tr(
                    "the ED's upload was interrupted or is still running; "
                    "the case may be read only in part."
                )
            )
        self.browser.set_request(request)
        return self.request_panel

    # --- retrieval ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start (or resume) retrieving the case in the background."""
        if self._running or self.closed:
            return
        self._running = True
        self.loading = True
        self.cancel_event.clear()
        self.cancel_button.show()
        self.feed.start()
        self.worker.submit(self._retrieve, self._retrieved, self._retrieval_failed)

    def _retrieve(self) -> CaseResult:
        """Worker thread: run the retrieval, then the series that arrived meanwhile."""
        try:
            result = self.retrieval.run()
            while not self.cancel_event.is_set():
                with self._pending_lock:
                    infos, self._pending = self._pending, []
                if not infos:
                    break
                self.retrieval.add_series(infos)
                result = self.retrieval.run()
        finally:
            self._first_series_done.set()
            self._wait_headers()
        return result

    def _listed(self, series: list[CaseSeries]) -> None:
        """Worker thread: the hub listed the series (metadata read): show them at once."""
        entries = []
        for case_series in series:
            metadata = case_series.retrieval.metadata or []
            entries.append(
                SeriesEntry(
                    case_series.series_uid,
                    case_series.label,
                    description=case_series.info.description,
                    number=case_series.info.number,
                    modality=case_series.info.modality,
                    kind=str(case_series.kind.value),
                    total=len(metadata) or case_series.info.instances or 0,
                )
            )
        self.feed.listed(entries)
        self.feed.call(self._after_listing)  # the panes first: the images are on their way
        # Reading the full headers (pydicom, ~1 s for 230 instances) must not hold the
        # retrieval back: a side thread does it, at once, while the images come (the
        # identity check against the request needs them as early as the first image);
        # _retrieve waits for it, so the headers are always given before it finishes.
        todo = [s for s in series if s.retrieval.metadata and
                s.series_uid not in self._headers_given]  # fmt: skip
        if not todo:
            return
        self._headers_given.update(s.series_uid for s in todo)
        listed = [list(s.retrieval.metadata or []) for s in todo]
        thread = threading.Thread(
            target=self._give_headers, args=(listed,), name="case-headers", daemon=True
        )
        self._header_threads.append(thread)
        thread.start()

    def _callbacks(self) -> RetrievalCallbacks:
        """The feed's callbacks, noting when the first series (the most urgent) is in."""
        callbacks = self.feed.callbacks()
        done = callbacks.on_series_done
        first = callbacks.on_first_image

        def first_image(uid: str, image: FirstImage) -> None:
            if first is not None:
                first(uid, image)
            self._first_image_in.set()

        def series_done(uid: str, result: SeriesResult) -> None:
            if done is not None:
                done(uid, result)
            self._first_series_done.set()

        return dataclasses.replace(
            callbacks, on_series_done=series_done, on_first_image=first_image
        )

    def _give_headers(self, metadata: list[list[dict[str, Any]]]) -> None:
        """Side thread: full headers (bulk data left out) of the series listed, then to the
        GUI thread in order with the images (:attr:`headersListed`). Given even when the
        loading was cancelled (what arrived stays on screen and is checked against the
        request); a header that cannot be read stops the case, said like a failed retrieval."""
        # after the first image is handed over (at most 2 s): the parse holds the GIL
        self._first_image_in.wait(FIRST_IMAGE_HEAD_START_S)
        try:
            headers: list[Dataset] = []
            for items in metadata:
                headers.extend(full_headers(items))
        except Exception as error:  # malformed DICOM JSON from the hub
            log.warning("case headers unreadable: %s", type(error).__name__)
            self.cancel_event.set()
            self.feed.call(functools.partial(self._headers_failed, error))
            return
        if headers and not self.closed:
            self.feed.call(lambda: self.headersListed.emit(headers))

    def _headers_failed(self, error: Exception) -> None:
        """GUI thread: the headers could not be read: the case is not shown as loaded."""
        # the exception's name only: its text may quote element values (patient data)
        result = CaseResult(
            errors=[f"the hub's DICOM headers are unreadable ({type(error).__name__})"]
        )
        self._finish(result)

    def _wait_headers(self) -> None:
        """Retrieval thread: the header threads started so far have given their headers."""
        while self._header_threads:
            self._header_threads.pop(0).join()

    def _after_listing(self) -> None:
        """GUI thread: choose the protocol once; then watch the study for new series."""
        if self._opened or self.closed:
            return
        self._opened = True
        self.choose_protocol()
        if self.hub is not None and self._watch_interval_ms > 0:
            known = [s.series_uid for s in self.retrieval.series]
            known += [s.series_uid for s in self.retrieval.skipped]
            self.watch = StudyWatch(self.hub, self.study_uid, known)
            self.watch_timer.start()

    def _retrieved(self, result: CaseResult) -> None:
        self.feed.call(lambda: self._finish(result))

    def _retrieval_failed(self, error: Exception) -> None:
        result = CaseResult(errors=[f"retrieval stopped: {type(error).__name__}"])
        self.feed.call(lambda: self._finish(result))

    def _finish(self, result: CaseResult) -> None:
        self._running = False
        self.result = result
        if result.errors:
            self.study.scan_warnings = list(dict.fromkeys([*self.study.scan_warnings,
                                                           *result.errors]))  # fmt: skip
            self._update_warnings()
        if not self.study.series:
            self.message.setText(
                self.tr("The case could not be opened: %1").replace(
                    "%1", "; ".join(result.errors) or self.tr("no images")
                )
            )
        with self._pending_lock:
            more = bool(self._pending) and not self.cancel_event.is_set()
        self._loaded()
        self.retrievalFinished.emit(result)
        if more:
            self.start()
        if self.analysis_panel is not None:
            self.analysis_panel.images_changed()  # a run waiting for the images starts now

    # --- watching the study ------------------------------------------------------------------
    def poll_study(self) -> None:
        """Ask the hub once (off the GUI thread) whether the study has new series."""
        watch = self.watch
        if watch is None or self._polling or self.closed:
            return
        self._polling = True
        self.worker.submit(watch.poll_once, self._polled, self._poll_failed)

    def _polled(self, changes: StudyChanges) -> None:
        self._polling = False
        if not changes.new:
            return
        with self._pending_lock:
            self._pending.extend(changes.new)
        if not self._running and not self.cancel_event.is_set():
            self.start()

    def _poll_failed(self, error: Exception) -> None:
        self._polling = False
        if isinstance(error, HubError):
            self.progress_label.setText(
                self.tr("Hub unreachable, still watching: %1").replace("%1", str(error))
            )

    def _on_study(self, what: str, uid: str) -> None:
        super()._on_study(what, uid)
        if what == "added" and self._opened:
            entry = self.study.get(uid)
            if entry is not None:
                self._announce(entry)
        if what in ("planned", "replaced", "status", "images"):
            self._check_shown()

    # --- what the radiologist saw ------------------------------------------------------------
    def set_protocol(self, protocol: Protocol) -> None:
        super().set_protocol(protocol)
        self._let_views_shrink()
        self._check_shown()

    def show_series(self, uid: str) -> None:
        super().show_series(uid)
        self._check_shown()

    def displayed_series(self) -> list[str]:
        """Series UIDs the panes show now (a view, not a "waiting" message)."""
        if self.protocol_view is None:
            return []
        shown = [
            p.entry.series_uid
            for p in self.protocol_view.panes
            if p.entry is not None and (p.mpr is not None or p.viewer2d is not None)
        ]
        return list(dict.fromkeys(shown))

    def _check_shown(self) -> None:
        if self.closed:
            return
        for uid in self.displayed_series():
            if uid in self.shown_series:
                continue
            self.shown_series.append(uid)
            if self.audit is not None:
                self.audit.append("series-viewed", study_uid=self.study_uid, series_uid=uid)
            self.seriesShown.emit(uid)

    def _announce(self, entry: SeriesEntry) -> None:
        name = entry.description or entry.label
        self.arrived.append(name)
        text = self.tr("New series arrived: %1").replace("%1", ", ".join(self.arrived))
        link = self.tr("show")
        self.banner.setTextFormat(Qt.TextFormat.RichText)  # the link; the names escaped
        self.banner.setText(
            f'{html.escape(text)} — <a href="{html.escape(entry.series_uid)}">'
            f"{html.escape(link)}</a>"
        )
        self.banner.show()
        self.seriesArrived.emit(list(self.arrived))

    def _show_arrived(self, uid: str) -> None:
        """The banner's link: the protocol of the new series, with it on screen."""
        entry = self.study.get(uid)
        self.banner.hide()
        self.arrived.clear()
        if entry is None:
            return
        protocol = protocol_for_kind(entry.kind)
        if protocol.name == "generic":
            protocol = choose_protocol(self.study.kinds())
        self.set_protocol(protocol)
        if self.protocol_view is not None and all(
            p.entry is None or p.entry.series_uid != uid for p in self.protocol_view.panes
        ):
            self.show_series(uid)

    # --- the stroke analyses ------------------------------------------------------------------
    def open_analysis(self) -> AnalysisPanel:
        """Show the stroke analyses of this case (docked below the images); the first time,
        run them: on every image of the case only (:meth:`analysis_images`: while the
        retrieval runs the panel waits and starts when it ends complete)."""
        if self.analysis_panel is None:
            panel = self.analysis_panel = AnalysisPanel(
                self.export_images,
                banner=self._identity,
                analyse=self.analyse,
                images=self.analysis_images,
            )
            panel.analysis_ready.connect(self.analysis_ready)
            dock = self.analysis_dock = QDockWidget(self.tr("Stroke analysis"), self)
            dock.setObjectName("analysis-dock")
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            dock.setWidget(panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            height = max(480, self.height() * 3 // 5)  # the maps and numbers readable
            self.resizeDocks([dock], [height], Qt.Orientation.Vertical)
            QTimer.singleShot(  # again once laid out (the first call may come too early)
                0, self, lambda: self.resizeDocks([dock], [height], Qt.Orientation.Vertical)
            )
            panel.start()
        assert self.analysis_dock is not None
        self.analysis_dock.show()
        self.analysis_dock.raise_()
        return self.analysis_panel

    def _identity(self) -> str:
        patients = self.study.patients()
        if not patients:
            return ""
        text = patient_title(patients[0])
        if len(patients) > 1:
            text += " — " + self.tr("images of several patients in this study")
        return text

    def analysis_images(self) -> ImagesState:
        """Whether every image of the case is here for the analysis (review item 1):
        "arriving" while the retrieval runs, "incomplete" (naming the series) when it
        ended without every image, else "ready"."""
        if self._running:
            return ("arriving", "")
        result = self.result
        if result is None or result.complete:
            return ("ready", "")
        labels = {s.series_uid: s.label for s in self.retrieval.series}
        parts = []
        for uid, series in result.series.items():
            if series.status is SeriesStatus.COMPLETE:
                continue
            label = labels.get(uid, uid)
            if series.expected:
                parts.append(
                    self.tr("%1 (%2 of %3 images)")
                    .replace("%1", label)
                    .replace("%2", str(series.received))
                    .replace("%3", str(series.expected))
                )
            else:
                parts.append(label)
        what = "; ".join(parts) or "; ".join(result.errors) or self.tr("retrieval stopped")
        return (
            "incomplete",
            self.tr(
                "not every image of this case was received (incomplete: %1); "
                "the analysis needs them all — open the case again once they are on the hub"
            ).replace("%1", what),
        )

    def export_images(self, scratch: Scratch) -> Path:
        """Worker thread: write the case's images kept on this computer (the cache) into
        the private ``scratch`` folder (files 0600, removed after the analysis), one
        sub-folder per series; stops at the next file once the run is cancelled. Refused
        when an image listed for the case is not on this computer (never a partial case)."""
        cache = self.retrieval.cache
        study_uid = self.study_uid
        written = 0
        if cache is not None:
            series = list(self.retrieval.series)
            gaps = []
            any_kept = False
            for case_series in series:
                order = list(case_series.retrieval.order)
                kept = cache.cached_instances(study_uid, case_series.series_uid, order)
                any_kept = any_kept or bool(kept)
                missing = sum(1 for sop in order if sop not in kept)
                if missing:
                    gaps.append(self._missing_text(case_series, len(order), missing))
            if not any_kept:
                raise ValueError(self.tr("no image of this case is stored on this computer yet"))
            if gaps:
                raise ValueError("; ".join(gaps))
            for n, case_series in enumerate(series):
                for sop in case_series.retrieval.order:
                    scratch.check()
                    data = cache.get_instance(study_uid, case_series.series_uid, sop)
                    if data is None:
                        raise ValueError(self._missing_text(case_series, 0, 0))
                    scratch.write(f"series-{n + 1:03d}/{written:06d}.dcm", data)
                    written += 1
        if not written:
            raise ValueError(self.tr("no image of this case is stored on this computer yet"))
        return scratch.path

    def _missing_text(self, case_series: CaseSeries, listed: int, missing: int) -> str:
        label = getattr(case_series, "label", "") or case_series.series_uid
        if listed:
            return (
                self.tr("%1: %2 of %3 images not on this computer (the analysis needs them all)")
                .replace("%1", label)
                .replace("%2", str(missing))
                .replace("%3", str(listed))
            )
        return self.tr(
            "%1: an image is not on this computer (the analysis needs them all)"
        ).replace("%1", label)

    # --- closing -----------------------------------------------------------------------------
    def close_views(self) -> None:
        already = self.closed
        self.watch_timer.stop()
        if self.analysis_panel is not None:
            self.analysis_panel.close_panel()
        if self.request_panel is not None:
            self.request_panel.close_panel()
        super().close_views()
        if not already:
            self.caseClosed.emit()


def full_headers(metadata: list[dict[str, Any]]) -> list[Dataset]:
    """DICOM JSON (PS3.18 F.2) → headers with every attribute but bulk data.

    The opinion copies the Patient and General Study modules from them
    (e.g. (0008,0050) Accession Number, (0020,0010) Study ID), which the
    viewer's lean headers leave out.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nested bulk data without a handler
        return [
            Dataset.from_json(
                {k: v for k, v in item.items() if "BulkDataURI" not in v and k != "7FE00010"}
            )
            for item in metadata
        ]
