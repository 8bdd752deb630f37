"""The "My site's requests" tab: live states, received opinions, acknowledgement, cancelling.

:class:`app.ed.opinion_watch.OpinionWatcher` is polled off the GUI thread
(STYLE.md point 6); it lists the site's requests from the workitems *and*
from the studies this workstation sent (a hub may delete finished
workitems), with the opinions read from the SRs. The tab announces what
changed — a request claimed, an opinion arrived — through signals; the
window raises the alerts. Acknowledging stores "read by Dr Y at T" in the
study (:func:`app.ed.site_requests.acknowledge`), so the radiologist sees it was read.
Cancelling asks the hub (UPS RequestCancellation) with the reason.
A request whose upload stopped part-way shows "Upload interrupted — resume",
answered or not (a preliminary opinion on the NCCT does not bring the CTA);
Resume continues the same workitem (:func:`app.ed.request.resume_request`) with
a progress bar.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ed.opinion_watch import OpinionWatcher
from app.ed.request.send import Progress, SendError, SendResult, resume_request
from app.ed.site_requests import (
    LocalUpload,
    ReceivedOpinion,
    RequestState,
    SiteRequest,
    acknowledge,
)
from app.hub.errors import HubError
from app.opinion.ack import Acknowledgement
from app.ui.coalesced import CoalescedRefresh
from app.ui.ed.hub_tab import HubTab, TabServices
from app.ui.ed.opinion_view import OpinionView
from app.ui.ed.pixels import preview_pixels, read_image
from app.ui.ed.private_files import PrivateFiles
from app.ui.ed.site_requests_view import Column, SiteRequestList, SiteRequestsModel, key_of
from app.ui.system_programs import system_env
from app.ui.worklist.hub_words import hub_reason, reason_words


def open_with_system(path: Path) -> bool:
    """Open a file with the desktop's default application.

    In the frozen bundle, ``xdg-open`` is started with the system's libraries
    (:func:`app.ui.system_programs.system_env`), not the bundle's: Qt's own opener
    would pass the bundle's ``LD_LIBRARY_PATH`` on to the PDF reader."""
    env = system_env()
    opener = shutil.which("xdg-open") if env is not None else None
    if opener is None:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    try:
        subprocess.Popen(
            [opener, str(path)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI (RFC 3966) for (0074,100A) Contact URI: no spaces allowed."""
    digits = "".join(c for c in phone if c.isdigit())
    if not digits:
        return ""
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def pdf_bytes(instance: bytes) -> bytes:
    """(0042,0011) Encapsulated Document of an Encapsulated PDF instance, without padding.

    (0042,0015) Encapsulated Document Length, when present, gives the true length.
    """
    ds = pydicom.dcmread(io.BytesIO(instance))
    data = bytes(ds.EncapsulatedDocument)
    length = ds.get("EncapsulatedDocumentLength")
    if length:
        return data[: int(length)]
    return data[:-1] if data.endswith(b"\0") else data


#: How long the result of a resume stays above the list summary.
OUTCOME_KEPT = dt.timedelta(minutes=1)


class RequestsTab(HubTab, CoalescedRefresh):
    """The site's requests and their answers (see the module docstring).

    ``sending_elsewhere()`` tells whether the "New request" tab is sending
    now: its request, still "sending" on disk, is then no interruption. By
    default it asks the window's ``request_tab``; the window may set it.
    """

    loaded = Signal()  # after each successful refresh
    claimed = Signal(object)  # SiteRequest: a radiologist started reading it
    opinion_arrived = Signal(object, object)  # SiteRequest, ReceivedOpinion
    acknowledged = Signal(object)  # Acknowledgement

    def __init__(
        self,
        services: TabServices,
        *,
        site: str,
        physician: Callable[[], str],
        callback_phone: Callable[[], str] = lambda: "",
        window: dt.timedelta = dt.timedelta(hours=24),
        open_file: Callable[[Path], bool] = open_with_system,
        audit: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, self._on_resume_progress, parent)
        self.physician = physician
        self.callback_phone = callback_phone
        self.open_file = open_file
        self.audit = audit
        self.files = PrivateFiles()
        self.watcher = OpinionWatcher(
            self.hub, site, clock=self.clock, window=window, studies=self._sent_studies,
            uploads=self._uploads,
        )  # fmt: skip
        self.sending_elsewhere: Callable[[], bool] = lambda: False  # set by the window
        self._busy_elsewhere = False  # sending_elsewhere(), read on the GUI thread
        self._resuming = ""  # request id of the send being resumed here
        self._outcome: tuple[str, dt.datetime] | None = None  # see _show_outcome
        self._resume_cancel = threading.Event()
        self.requests = SiteRequestList()
        self.model = SiteRequestsModel(
            self.requests, self, today=lambda: self.clock().astimezone().date()
        )
        self.last_ok: dt.datetime | None = None
        self.ask_reason = self._ask_reason  # replaceable by tests (a modal dialog blocks)
        self.ask_name = self._ask_name
        self._states: dict[str, RequestState] | None = None
        self._refreshing = False
        self._pending = False
        self._closing = False  # the window closes: nothing more is asked of the hub
        self._key_pixels: dict[str, np.ndarray | None] = {}
        self._build()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # a flagged request shows its flag on a second line of its state
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.QUESTION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.QUESTION, 130)
        header.setSectionResizeMode(Column.VERDICT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.view = OpinionView(self)
        self.view.acknowledge_clicked.connect(self.acknowledge_opinion)
        self.view.open_pdf_clicked.connect(self.open_pdf)
        self.view.key_images_wanted.connect(self._load_key_images)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("F5"))
        self.refresh_button.clicked.connect(self.refresh)
        shortcut = QShortcut(QKeySequence("F5"), self)
        shortcut.activated.connect(self.refresh)
        self.cancel_button = QPushButton(self.tr("Cancel the request…"), self)
        self.cancel_button.setToolTip(self.tr("e.g. patient transferred, symptoms resolved"))
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel_selected())
        self.resume_button = QPushButton(self.tr("Resume the upload"), self)
        self.resume_button.setStyleSheet("font-weight:bold; color:#b71c1c;")
        self.resume_button.clicked.connect(lambda _checked=False: self.resume_selected())
        self.resume_progress = QProgressBar(self)
        self.resume_progress.setMaximumWidth(220)
        self.resume_progress.setFormat(self.tr("%v of %m images"))
        self.resume_progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.resume_button)
        top.addWidget(self.resume_progress)
        top.addWidget(self.status, 1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([900, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    @property
    def site(self) -> str:
        return self.watcher.site

    @property
    def resuming(self) -> bool:
        """Whether an interrupted upload is being resumed from this tab now."""
        return bool(self._resuming)

    def set_site(self, site: str) -> None:
        if site.strip() and site != self.watcher.site:
            self.watcher.site = site.strip()
            self._states = None  # a new list: no claim alerts for what was already there
            self.refresh()

    def _sent_studies(self) -> list[str]:
        """Studies this workstation sent to this hub: their answers are listed even
        when the hub no longer has the workitem."""
        base = self.hub.base_url.rstrip("/")
        return [
            s.series[0].study_uid
            for s in self.state_store.all()
            if s.hub_url == base and s.series and s.workitem != "none"
        ]

    def _uploads(self) -> dict[str, LocalUpload]:
        """This workstation's sends to this hub, by workitem (read off the GUI thread)."""
        base = self.hub.base_url.rstrip("/")
        found: dict[str, LocalUpload] = {}
        for s in self.state_store.all():
            if s.hub_url != base or s.workitem == "none":
                continue
            active = s.request_id == self._resuming or (
                s.status == "sending" and self._busy_elsewhere
            )
            found[s.workitem_uid] = LocalUpload(
                s.request_id, s.status, s.instances_stored, s.instances_total, active
            )
        return found

    # -- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the site's requests off the GUI thread (coalesced while one runs)."""
        if self._closing:
            return
        if not self.site:
            self.status.setText(
                self.tr("Your site is not set: send a request, or start with --site.")
            )
            return
        if not self._start_refresh():
            return
        self._busy_elsewhere = self.sending_elsewhere()

        def job() -> tuple[list[SiteRequest], list[tuple[SiteRequest, ReceivedOpinion]]]:
            new = self.watcher.poll_once()
            return list(self.watcher.requests), new

        self.worker.submit(job, self._on_loaded, self._on_failed)

    def _on_loaded(
        self, result: tuple[list[SiteRequest], list[tuple[SiteRequest, ReceivedOpinion]]]
    ) -> None:
        self._refreshing = False
        requests, new = result
        selected = self.selected_key()
        before = self._states
        self.requests.replace(requests)
        self._states = {key_of(r): r.state for r in requests}
        if selected:
            self.select(selected)
        else:
            self._show_selected()
        if before is not None:
            for request in requests:
                was = before.get(key_of(request))
                if was is RequestState.WAITING and request.state is RequestState.BEING_READ:
                    self.claimed.emit(request)
        for request, opinion in new:
            self.opinion_arrived.emit(request, opinion)
        self.last_ok = self.clock()
        count = len(requests)
        text = self.tr("%1: %2 requests in the last 24 h — updated %3") if count != 1 else (
            self.tr("%1: 1 request in the last 24 h — updated %3")
        )  # fmt: skip
        summary = (
            text.replace("%1", self.site)
            .replace("%2", str(count))
            .replace("%3", self.last_ok.astimezone().strftime("%H:%M:%S"))
        )
        self.status.setText(self._with_outcome(summary))
        self.loaded.emit()
        self._refresh_again(failed=False)

    def _on_failed(self, exc: Exception) -> None:
        self._refreshing = False
        reason = hub_reason(exc, after_unreachable=True)
        text = self.tr("Hub unreachable: %1").replace("%1", reason)
        if self.last_ok is not None:
            text += " — " + self.tr("last update %1").replace(
                "%1", self.last_ok.astimezone().strftime("%H:%M:%S")
            )
        self.status.setText(text)
        self._refresh_again(failed=True)

    # -- selection --------------------------------------------------------------------------------

    def selected_request(self) -> SiteRequest | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.request_at(rows[0].row()) if rows else None

    def selected_key(self) -> str:
        request = self.selected_request()
        return key_of(request) if request is not None else ""

    def select(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()
        return row >= 0

    def _show_selected(self) -> None:
        self.view.show_request(self.selected_request())
        self._update_buttons()

    def _update_buttons(self) -> None:
        request = self.selected_request()
        self.cancel_button.setEnabled(
            request is not None
            and request.request is not None
            and request.state
            in (RequestState.WAITING, RequestState.BEING_READ, RequestState.INTERRUPTED)
        )
        interrupted = request is not None and request.interrupted  # answered or not
        self.resume_button.setVisible(interrupted or bool(self._resuming))
        self.resume_button.setEnabled(
            request is not None and request.resumable and not self._resuming
        )
        elsewhere = interrupted and request is not None and request.upload is None
        self.resume_button.setToolTip(
            self.tr("Sent from another workstation: resume it there")
            if elsewhere
            else self.tr("Send the images still missing; the request stays the same")
        )

    # -- actions ----------------------------------------------------------------------------------

    def _ask_reason(self) -> str:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Cancel the request"),
            self.tr("Why is the request cancelled? (e.g. patient transferred)"),
        )
        return text.strip() if ok else ""

    def _ask_name(self) -> str:
        text, ok = QInputDialog.getText(
            self, self.tr("Acknowledge"), self.tr("Your name (FAMILY^Given):")
        )
        return text.strip() if ok else ""

    def acknowledge_opinion(self, opinion: ReceivedOpinion) -> None:
        """Record "read by me, now" for the request shown; the list then shows it acknowledged."""
        by = self.physician().strip() or self.ask_name()
        if not by:
            return
        site, at = self.site, self.clock()
        shown = self.view.request
        workitem = shown.workitem if shown is not None and not shown.unmatched else ""

        def job() -> Acknowledgement:
            return acknowledge(
                self.hub, opinion, by=by, site=site, at=at, audit=self.audit,
                workitem_uid=workitem,
            )  # fmt: skip

        def done(ack: Acknowledgement) -> None:
            self.status.setText(self.tr("Acknowledged: the radiologist sees you read it."))
            self.acknowledged.emit(ack)
            self.refresh()

        self.worker.submit(job, done, self._show_error)

    def open_pdf(self, opinion: ReceivedOpinion) -> None:
        """Write the opinion's PDF into the private folder and open it."""
        ref = opinion.pdf
        if ref is None:
            return

        def job() -> bytes:
            data = self.hub.retrieve_instance(
                ref.study_instance_uid, ref.series_instance_uid, ref.sop_instance_uid
            )
            return pdf_bytes(data)

        def done(data: bytes) -> None:
            path = self.files.write(f"opinion-{ref.sop_instance_uid[-12:]}.pdf", data)
            self.last_pdf = path
            if not self.open_file(path):
                self.status.setText(self.tr("No application to open the PDF: %1").replace(
                    "%1", str(path)
                ))  # fmt: skip

        self.worker.submit(job, done, self._show_error)

    def cancel_selected(self, reason: str | None = None) -> None:
        """Ask the hub to cancel the selected request, with the reason."""
        request = self.selected_request()
        if (
            request is None
            or request.request is None
            or request.state
            not in (
                RequestState.WAITING,
                RequestState.BEING_READ,
                RequestState.INTERRUPTED,
            )
        ):
            self.status.setText(self.tr("Select a request waiting or being read to cancel it."))
            return
        reason = reason if reason is not None else self.ask_reason()
        if not reason:
            return
        uid, key = request.request.workitem_uid, key_of(request)
        contact = self.physician()
        phone = self.callback_phone().strip()

        def job() -> None:
            self.hub.request_cancellation(
                uid, reason, contact_name=contact, contact_uri=tel_uri(phone)
            )
            if self.audit is not None:
                with contextlib.suppress(ValueError, OSError):
                    self.audit.append("request-canceled", workitem_uid=uid, outcome="ok")

        def done(_: None) -> None:
            self.requests.cancel_asked.add(key)
            self.status.setText(
                self.tr("Cancellation asked: a waiting request is cancelled at once, "
                        "one being read once the radiologist accepts.")
            )  # fmt: skip
            self.refresh()

        self.worker.submit(job, done, self._show_error)

    def resume_selected(self) -> None:
        """Send what is missing of the selected interrupted request (same workitem)."""
        request = self.selected_request()
        if request is None or not request.interrupted or self._resuming:
            return
        upload = request.upload
        if upload is None or not request.resumable:
            self.status.setText(
                self.tr("This request was sent from another workstation: resume it there.")
            )
            return
        if self.sending_elsewhere():
            self.status.setText(self.tr("A request is being sent: resume once it is done."))
            return
        request_id = upload.request_id
        self._resuming = request_id
        self._resume_cancel.clear()
        self.resume_progress.setRange(0, max(upload.total, 1))
        self.resume_progress.setValue(upload.stored)
        self.resume_progress.show()
        self.status.setText(self.tr("Resuming the upload…"))
        self._update_buttons()

        def job() -> SendResult:
            return resume_request(
                self.hub, self.state_store, request_id, on_progress=self.relay.progress.emit,
                cancel=self._resume_cancel.is_set, clock=self.clock,
            )  # fmt: skip

        self.send_worker.submit(job, self._on_resumed, self._on_resume_failed)

    def _on_resume_progress(self, progress: Progress) -> None:
        if not self._resuming:
            return
        self.resume_progress.setRange(0, max(progress.instances_total, 1))
        self.resume_progress.setValue(progress.instances_done)

    def _on_resumed(self, result: SendResult) -> None:
        self._resuming = ""
        self.resume_progress.hide()
        if result.readiness == "READY":
            text = self.tr("Upload complete: %1 images on the hub, the request is ready (%2).")
        else:  # claimed meanwhile: the workitem no longer takes updates from the ED
            text = self.tr("Upload complete: %1 images on the hub. The request was already "
                           "being read: the radiologist finds them in the study.")  # fmt: skip
        self._show_outcome(
            text.replace("%1", str(result.instances_stored)).replace("%2", result.readiness)
        )
        self._update_buttons()
        self.refresh()

    def _on_resume_failed(self, exc: Exception) -> None:
        self._resuming = ""
        self.resume_progress.hide()
        reason = (
            reason_words(str(exc))
            if isinstance(exc, SendError | HubError | ValueError)
            else type(exc).__name__
        )
        self._show_outcome(self.tr("The upload stopped again: %1").replace("%1", reason))
        self._update_buttons()
        self.refresh()

    def _show_outcome(self, text: str) -> None:
        """The result of a resume: kept above the list's summary for OUTCOME_KEPT, so
        that the refresh it starts does not wipe it before the user has read it."""
        self._outcome = (text, self.clock())
        self.status.setText(text)

    def _with_outcome(self, summary: str) -> str:
        if self._outcome is None:
            return summary
        text, when = self._outcome
        if self.clock() - when > OUTCOME_KEPT:
            self._outcome = None
            return summary
        return f"{text}\n{summary}"

    def _show_error(self, exc: Exception) -> None:
        """The one place action errors are shown (STYLE.md point 3)."""
        reason = (
            reason_words(str(exc)) if isinstance(exc, HubError | ValueError) else type(exc).__name__
        )
        self.status.setText(self.tr("Failed: %1").replace("%1", reason))

    def _load_key_images(self, opinion: ReceivedOpinion) -> None:
        for ref in opinion.key_images:
            uid = ref.sop_instance_uid
            if uid in self._key_pixels:
                self.view.set_key_image(uid, self._key_pixels[uid])
                continue

            def job(ref: Any = ref) -> np.ndarray:
                data = self.hub.retrieve_instance(
                    ref.study_instance_uid, ref.series_instance_uid, ref.sop_instance_uid
                )
                return preview_pixels(read_image(data))

            def done(pixels: np.ndarray, uid: str = uid) -> None:
                self._key_pixels[uid] = pixels
                self.view.set_key_image(uid, pixels)

            def failed(_exc: Exception, uid: str = uid) -> None:
                self.view.set_key_image(uid, None)

            self.worker.submit(job, done, failed)

    def close_files(self) -> None:
        """At close: stop a resumed upload at its next batch (it stays resumable), remove files."""
        self._closing = True
        self._resume_cancel.set()
        self.send_worker.wait(10_000)
        self.files.close()
