"""The outbox on screen: always-visible state of every opinion sent, and the sending itself.

:class:`OutboxRunner` sends: a QTimer asks :meth:`app.outbox.store.Outbox.next_due`
and, when something is due, runs :meth:`~app.outbox.store.Outbox.process_once` on a
:class:`~app.ui.workers.Worker` (STYLE.md point 6); the outbox's status
changes, which it reports from whatever thread it runs on, come back to the
GUI thread as :attr:`OutboxRunner.statusChanged`. A restart resumes the outbox
by itself: the outbox reloads its items and the runner sends the due ones.

:class:`OutboxPanel` shows each item — waiting / sending / delivered / failed,
with the reason and the next try — with Retry and Export. :func:`confirm_quit`
asks before quitting with undelivered opinions (for the main window's
``closeEvent``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.opinion.model import ReportKind
from app.outbox.store import DeliveryState, ItemStatus, Outbox
from app.ui.opinion.words import translate
from app.ui.workers import Worker
from app.ui.worklist.hub_words import reason_words

S = DeliveryState
COLOURS = {S.WAITING: "#b07d00", S.SENDING: "#2d6cdf", S.DELIVERED: "#2e8b57", S.FAILED: "#c0392b"}


def state_word(state: DeliveryState) -> str:
    return {
        S.WAITING: translate("OpinionPanel", "waiting"),
        S.SENDING: translate("OpinionPanel", "sending"),
        S.DELIVERED: translate("OpinionPanel", "delivered"),
        S.FAILED: translate("OpinionPanel", "failed"),
    }[state]


def item_line(status: ItemStatus) -> str:
    """One line for the user: what, its state, why it waits or failed, when it tries again."""
    if status.amendment:
        what = translate("OpinionPanel", "Amended opinion")
    elif status.kind is ReportKind.FINAL:
        what = translate("OpinionPanel", "Final opinion")
    else:
        what = translate("OpinionPanel", "Preliminary opinion")
    line = translate("OpinionPanel", "%1: %2").replace("%1", what)
    line = line.replace("%2", state_word(status.state))
    local = dt.datetime.now().astimezone().tzinfo
    if status.state is S.DELIVERED and status.delivered_at is not None:
        line += " " + status.delivered_at.astimezone(local).strftime("%H:%M:%S")
    if status.state is S.SENDING and status.objects_total:
        line += f" ({status.objects_stored}/{status.objects_total})"
    if status.reason and status.state in (S.WAITING, S.FAILED):
        line += f" — {reason_words(status.reason)}"
    if status.state is S.WAITING and status.next_try is not None and status.attempts:
        at = status.next_try.astimezone(local).strftime("%H:%M:%S")
        line += " — " + translate("OpinionPanel", "next try %1").replace("%1", at)
    if status.note:
        line += f" ({status.note})"
    return line


class _Relay(QObject):
    """Lives in the GUI thread; the outbox's listener emits from any thread."""

    status = Signal(object)


class OutboxRunner(QObject):
    """Sends what the outbox holds when it is due (module docstring).

    ``clock`` is the outbox's clock (aware datetimes); ``interval_ms`` how
    often it looks.
    """

    statusChanged = Signal(object)  # ItemStatus, on the GUI thread
    passFinished = Signal()

    def __init__(
        self,
        outbox: Outbox,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.clock = clock or outbox.clock
        self.worker = Worker(self)
        self.running = False
        self._relay = _Relay(self)
        self._relay.status.connect(self.statusChanged)
        outbox.subscribe(self._heard)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        QTimer.singleShot(0, self.tick)

    def _heard(self, status: ItemStatus) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone; the outbox goes on
            self._relay.status.emit(status)

    def tick(self) -> None:
        """Send now if something is due."""
        due = self.outbox.next_due()
        if due is not None and due <= self.clock():
            self.kick()

    def kick(self) -> None:
        """Run one pass of the outbox off the GUI thread (ignored while one runs)."""
        if self.running:
            return
        self.running = True
        self.worker.submit(self.outbox.process_once, self._done, self._failed)

    def _done(self, _tried: object) -> None:
        self.running = False
        self.passFinished.emit()

    def _failed(self, _exc: Exception) -> None:  # process_once keeps items safe; try later
        self.running = False
        self.passFinished.emit()

    def retry(self, id: str) -> None:
        self.outbox.retry(id)
        self.kick()

    def stop(self, wait_ms: int = 10_000) -> None:
        self.timer.stop()
        self.worker.wait(wait_ms)


class OutboxPanel(QWidget):
    """Every opinion in the outbox with its state; Retry and Export (module docstring)."""

    def __init__(self, runner: OutboxRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outbox-panel")
        self.runner = runner
        self.outbox = runner.outbox
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel(self)
        self.summary.setObjectName("outbox-summary")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("Retry now"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(
            self.tr("Write the opinion's DICOM files and PDF to a folder (not encrypted)")
        )
        self.retry_button.clicked.connect(self.retry_selected)
        self.export_button.clicked.connect(lambda _checked=False: self.export_selected())
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        runner.statusChanged.connect(lambda _s: self.refresh())
        runner.passFinished.connect(self.refresh)
        self.timer = QTimer(self)  # next-try times and "sending" age
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def items(self) -> list[ItemStatus]:
        """Newest first."""
        return list(reversed(self.outbox.items()))

    def refresh(self) -> None:
        selected = self.selected_id()
        shown = self.items()
        self.list.clear()
        for status in shown:
            text = item_line(status)
            if status.patient_name:  # on screen only
                text = f"{status.patient_name.replace('^', ' ')} — {text}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, status.id)
            item.setForeground(QColor(COLOURS[status.state]))
            self.list.addItem(item)
            if status.id == selected:
                self.list.setCurrentItem(item)
        self.summary.setText(self.summary_text(shown))
        self._enable()

    def summary_text(self, shown: list[ItemStatus]) -> str:
        undelivered = [s for s in shown if s.state is not S.DELIVERED]
        if not shown:
            return self.tr("Outbox: empty")
        if not undelivered:
            return self.tr("Outbox: every opinion delivered")
        worst = next((s for s in undelivered if s.state is S.FAILED), undelivered[0])
        count = self.tr("Outbox: %1 not delivered").replace("%1", str(len(undelivered)))
        return f"{count} — {item_line(worst)}"

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _selected(self) -> ItemStatus | None:
        id = self.selected_id()
        return next((s for s in self.outbox.items() if s.id == id), None)

    def _enable(self) -> None:
        status = self._selected()
        undelivered = status is not None and status.state is not S.DELIVERED
        self.retry_button.setEnabled(status is not None and status.state in (S.WAITING, S.FAILED))
        self.export_button.setEnabled(undelivered)

    def select(self, id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == id:
                self.list.setCurrentRow(row)

    def retry_selected(self) -> None:
        status = self._selected()
        if status is None:
            return
        try:
            self.runner.retry(status.id)
        except ValueError as exc:
            self.message.setText(str(exc))
        self.refresh()

    def export_selected(self, folder: Path | None = None) -> list[Path]:
        status = self._selected()
        if status is None:
            return []
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export the opinion to…"))
            if not chosen:
                return []
            folder = Path(chosen)
        try:
            written = self.outbox.export(status.id, folder)
        except (ValueError, OSError) as exc:
            self.message.setText(self.tr("Export failed: %1").replace("%1", str(exc)))
            return []
        self.message.setText(
            self.tr("%1 files written to %2")
            .replace("%1", str(len(written)))
            .replace("%2", str(folder))
        )
        return written


def confirm_quit(parent: QWidget | None, outbox: Outbox) -> bool:
    """Ask before quitting while opinions are undelivered; True: quit.

    They stay in the outbox (sealed on disk) and are sent when StrokeLink
    starts again.
    """
    undelivered = outbox.undelivered()
    if not undelivered:
        return True
    lines = "\n".join(f"• {item_line(s)}" for s in undelivered)
    if len(undelivered) == 1:
        head = translate("OpinionPanel", "An opinion is not delivered yet:")
    else:
        head = translate("OpinionPanel", "%1 opinions are not delivered yet:").replace(
            "%1", str(len(undelivered))
        )
    text = "\n".join(
        (
            head,
            lines,
            "",
            translate(
                "OpinionPanel",
                "They stay in the outbox and are sent when StrokeLink starts again. Quit anyway?",
            ),
        )
    )
    answer = QMessageBox.warning(
        parent,
        translate("OpinionPanel", "Opinions not delivered"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
