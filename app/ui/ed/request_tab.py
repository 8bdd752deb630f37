"""The "New request" tab: images and identity, clinical fields, and sending.

Sending (issue #6) is :func:`app.ed.request.send_request` run off the GUI thread
(STYLE.md point 6) with a progress bar and Cancel: the series go most urgent
first and the radiologist is alerted as soon as the first one is on the hub.
A send that fails part-way ends in a clear state — what is on the hub, why
it stopped — with Retry (:func:`app.ed.request.resume_request`, which never
makes a second request); a send left unfinished by an earlier session is
offered again at start. A request without images (protocol advice) is
allowed, after a confirmation.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ed.request.form import ClinicalForm, FormError
from app.ed.request.images import IdentityMismatch
from app.ed.request.send import (
    BATCH_COUNT,
    Progress,
    SendCancelled,
    SendError,
    SendResult,
    resume_request,
    send_request,
)
from app.ui.ed.clinical_panel import ClinicalPanel
from app.ui.ed.draft import RequestDraft
from app.ui.ed.hub_tab import HubTab, TabServices
from app.ui.ed.images_panel import ImagesPanel
from app.ui.ed.rows import stretch_row
from app.ui.worklist.hub_words import reason_words

STATUS_STYLES = {
    "info": "padding:6px; font-weight:bold;",
    "working": "background:#e3f2fd; color:#0d3c61; padding:6px; font-weight:bold;",
    "done": "background:#c8e6c9; color:#1b5e20; padding:6px; font-weight:bold;",
    "error": "background:#ffcdd2; color:#5f0000; padding:6px; font-weight:bold;",
}


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class RequestTab(HubTab):
    """The request form and its sending (see the module docstring).

    ``sent(SendResult, ClinicalForm)`` is emitted after a request is on the
    hub (the window remembers the site and refreshes the list).
    """

    sent = Signal(object, object)
    state_changed = Signal(str)  # idle, sending, sent, failed, cancelled

    def __init__(
        self,
        services: TabServices,
        draft: RequestDraft,
        *,
        batch_count: int = BATCH_COUNT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, self._on_progress, parent)
        self.draft = draft
        self.batch_count = batch_count
        self.state = "idle"
        self.retry_id = ""
        self.last_result: SendResult | None = None
        self.ask = ask_yes_no  # replaceable by tests (a modal question blocks them)
        self._cancel = threading.Event()
        self._form: ClinicalForm | None = None
        self.images_panel = ImagesPanel(draft, self.worker, lambda: self.clock().date(), self)
        self.clinical = ClinicalPanel(draft, self.clock, self)
        self._build()
        draft.subscribe(lambda _name: self._update_send_button())
        self._offer_unfinished()

    def _build(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.clinical)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.images_panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.send_button = QPushButton(self.tr("Send the request"), self)
        self.send_button.setToolTip(self.tr("Ctrl+Enter"))
        self.send_button.setDefault(True)
        self.send_button.setMinimumHeight(36)
        self.send_button.setStyleSheet("font-weight:bold; padding:0 18px;")
        self.send_button.clicked.connect(self.send)
        self.cancel_button = QPushButton(self.tr("Cancel sending"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(self.retry)
        self.new_button = QPushButton(self.tr("New request"), self)
        self.new_button.clicked.connect(self.new_request)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.send)
        bar = stretch_row(
            self.status,
            self.progress,
            self.cancel_button,
            self.retry_button,
            self.new_button,
            self.send_button,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        self._set_state("idle")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter from any field that leaves it to us (the shortcut needs an active
        window; a key press reaching the tab does not)."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.send()
            return
        super().keyPressEvent(event)

    # -- state ---------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.state = state
        sending = state == "sending"
        self.images_panel.setEnabled(not sending)
        self.clinical.setEnabled(not sending)
        self.send_button.setVisible(state in ("idle", "failed", "cancelled"))
        self._update_send_button()
        self.cancel_button.setVisible(sending)
        self.cancel_button.setEnabled(sending)
        self.retry_button.setVisible(state in ("failed", "cancelled") and bool(self.retry_id))
        self.new_button.setVisible(state in ("sent", "failed", "cancelled"))
        self.progress.setVisible(sending or state == "sent")
        self.state_changed.emit(state)

    def _update_send_button(self) -> None:
        """Sending waits while a field holds a refused number or time (shown in red)."""
        refused = bool(self.draft.entry_problems())
        self.send_button.setEnabled(self.state != "sending" and not refused)
        self.send_button.setToolTip(
            self.tr("A field marked in red must be corrected first.")
            if refused
            else self.tr("Ctrl+Enter")
        )

    def show_status(self, text: str, kind: str = "info") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(STATUS_STYLES[kind])

    def _offer_unfinished(self) -> None:
        base = self.hub.base_url.rstrip("/")
        waiting = [s for s in self.state_store.unfinished() if s.hub_url == base]
        if not waiting:
            self.show_status(self.tr("Fill in the request; fields marked * are required."))
            return
        latest = waiting[-1]
        self.retry_id = latest.request_id
        self._set_state("failed")
        self.show_status(
            self.tr("A request was not completely sent (%1 of %2 images on the hub): Retry.")
            .replace("%1", str(latest.instances_stored))
            .replace("%2", str(latest.instances_total)),
            "error",
        )

    # -- sending ----------------------------------------------------------------------------

    def check(self) -> ClinicalForm | None:
        """The checked form, or None with the problems shown (fields, images, identity)."""
        try:
            form = self.draft.validate(self.clock())
        except FormError:
            self.show_status(self.tr("Check the fields marked in red."), "error")
            widget = self.clinical.first_problem_widget()
            if widget is not None:
                widget.setFocus()
            return None
        draft = self.draft
        if draft.images is None and draft.image_message:
            self.show_status(
                self.tr("These images cannot be sent: choose others, or 'No images'."), "error"
            )
            return None
        if draft.images is not None:
            if not draft.ticked:
                self.show_status(self.tr("Tick at least one series to send."), "error")
                return None
            if not draft.confirmed:
                text = self.tr("Confirm that these images are of your patient.")
                self.images_panel.show_confirm_problem(text)
                self.show_status(text, "error")
                self.images_panel.confirm_box.setFocus()
                return None
        return form

    def send(self) -> None:
        if self.state == "sending":
            return
        form = self.check()
        if form is None:
            return
        images = self.draft.selected_images()
        if images is None and not self.ask(
            self,
            self.tr("Send without images?"),
            self.tr(
                "No images are attached: the radiologist gets the request alone "
                "(e.g. for protocol advice). Send it?"
            ),
        ):
            return
        self._form = form
        total = images.instance_count if images is not None else 0
        self._start(total)

        def job() -> SendResult:
            return send_request(
                self.hub, images, form, on_progress=self.relay.progress.emit,
                cancel=self._cancel.is_set, state_store=self.state_store, clock=self.clock,
                batch_count=self.batch_count,
            )  # fmt: skip

        self.send_worker.submit(job, self._on_sent, self._on_failed)

    def retry(self) -> None:
        """Resume the send that failed or was cancelled (same request, same workitem)."""
        if self.state == "sending" or not self.retry_id:
            return
        request_id = self.retry_id
        try:
            total = self.state_store.load(request_id).instances_total
        except (KeyError, ValueError):
            total = 0
        self._start(total)

        def job() -> SendResult:
            return resume_request(
                self.hub, self.state_store, request_id, on_progress=self.relay.progress.emit,
                cancel=self._cancel.is_set, clock=self.clock, batch_count=self.batch_count,
            )  # fmt: skip

        self.send_worker.submit(job, self._on_sent, self._on_failed)

    def _start(self, total: int) -> None:
        self._cancel.clear()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._set_state("sending")
        self.show_status(self.tr("Sending…"), "working")

    def cancel(self) -> None:
        if self.state == "sending":
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.show_status(self.tr("Cancelling after the current batch…"), "working")

    def _on_progress(self, progress: Progress) -> None:
        if self.state != "sending":
            return
        self.progress.setRange(0, max(progress.instances_total, 1))
        self.progress.setValue(progress.instances_done)
        if progress.stage == "storing":
            text = self.tr("Sending %1: %2 of %3 images").replace("%1", progress.series_title)
        elif progress.stage in ("workitem-created", "workitem-updated"):
            text = self.tr(
                "The request is on the hub (%4): the radiologist is alerted; %2 of %3 images sent"
            ).replace("%4", progress.readiness)
        else:
            text = self.tr("%2 of %3 images sent")
        text = text.replace("%2", str(progress.instances_done))
        self.show_status(text.replace("%3", str(progress.instances_total)), "working")

    def _on_sent(self, result: SendResult) -> None:
        self.last_result = result
        self.retry_id = ""
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._set_state("sent")
        if result.series_stored:
            text = self.tr("Request sent: %1 series, %2 images on the hub (%3).").replace(
                "%1", str(result.series_stored)
            )
            text = text.replace("%2", str(result.instances_stored))
            text = text.replace("%3", result.readiness)
        else:
            text = self.tr("Request sent without images.")
        notes = " ".join(result.notes)
        self.show_status(text + (f" {notes}" if notes else ""), "done")
        self.sent.emit(result, self._form)

    def send_error_text(self, exc: SendError) -> str:
        """:class:`SendError`'s message in the screen's language: why, what is on the hub."""
        state = exc.state
        done = sum(1 for series in state.series if series.complete)
        where = (
            self.tr("%1 of %2 series (%3 of %4 images) are on the hub")
            .replace("%1", str(done))
            .replace("%2", str(len(state.series)))
            .replace("%3", str(state.instances_stored))
            .replace("%4", str(state.instances_total))
        )
        if isinstance(exc, SendCancelled):
            return where + "."
        why = reason_words(state.last_error) if state.last_error else ""
        saved = self.tr("The request is saved: send it again to resume.")
        return " ".join(part for part in (why + "." if why else "", where + ".", saved) if part)

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, SendError):
            self.retry_id = exc.state.request_id
            cancelled = isinstance(exc, SendCancelled)
            self._set_state("cancelled" if cancelled else "failed")
            title = self.tr("Sending cancelled") if cancelled else self.tr("Sending failed")
            self.show_status(f"{title}: {self.send_error_text(exc)}", "error")
            return
        self._set_state("idle")
        if isinstance(exc, IdentityMismatch):
            self.show_status(exc.screen_message(), "error")
        elif isinstance(exc, ValueError):
            self.show_status(str(exc), "error")
        else:
            self.show_status(
                self.tr("Unexpected error (%1): nothing more was sent.").replace(
                    "%1", type(exc).__name__
                ),
                "error",
            )

    def new_request(self) -> None:
        """A blank form (site, physician and phone kept)."""
        if self.state == "sending":
            return
        self.retry_id = ""
        self.last_result = None
        self.draft.reset()
        self.progress.setValue(0)
        self._set_state("idle")
        self.show_status(self.tr("Fill in the request; fields marked * are required."))
        self.clinical.first_field.setFocus()

    def shutdown(self, wait_ms: int = 10_000) -> Any:
        """Stop a send at the next batch (it stays resumable) and wait for it."""
        self._cancel.set()
        return self.send_worker.wait(wait_ms)
