"""Alerts the radiologist cannot miss, even with the window minimised.

:class:`Alerter` is the one place that turns an alert into what the desktop
offers: a system tray notification (or, where there is no tray, only the
in-window banner), the bundled sound unless muted (louder for an escalation),
and window attention (``QApplication.alert``: taskbar flash / urgency hint
until the window is activated); an escalation also brings the window back
from minimised. Every alert is recorded in :attr:`Alerter.history` and
emitted as :attr:`Alerter.raised`, so tests observe it without mocking Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from app.ui.plain_text import tooltip
from app.ui.sound import ALERT_SOUND, ESCALATION_SOUND, SoundPlayer
from app.ui.worklist.clinical_words import flags as clinical_flags
from app.worklist.alerts import Alert, AlertKind
from app.worklist.model import Request

BANNER_STYLES = {
    "info": "background:#fff3cd; color:#3e2f00; padding:6px; font-weight:bold;",
    "loud": "background:#b71c1c; color:white; padding:8px; font-weight:bold; font-size:14pt;",
    "error": "background:#ffcdd2; color:#5f0000; padding:6px;",
}
#: Lines of text the banner has room for; its height never changes.
BANNER_LINES = 2


class Sound(Protocol):
    def play(self, path: Path) -> str: ...


@dataclass(frozen=True)
class AlertRecord:
    """One alert as raised: what was shown where, and what else was done."""

    title: str
    text: str
    loud: bool
    tray: bool  # shown as a system tray notification
    banner: bool  # shown in the window's banner
    sound: str  # the sound file played, '' when muted or silent
    attention: bool  # QApplication.alert was called


def alert_icon(colour: str = "#d32f2f") -> QIcon:
    """A plain red disc: the tray icon (no bundled image needed)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 28, 28)
    painter.end()
    return QIcon(pixmap)


class Banner(QFrame):
    """The in-window message line above the worklist, dismissable.

    Its height never changes (issue #9: the rows below must never move under
    the pointer): room for :data:`BANNER_LINES` lines of the loudest style,
    kept while hidden; a longer message is cut with "…" and whole in the
    tooltip (:meth:`text` gives it whole). ``keep_room`` False gives the room
    back while hidden (the ED's window: no empty band over its tabs).
    """

    def __init__(self, parent: QWidget | None = None, *, keep_room: bool = True) -> None:
        super().__init__(parent)
        self._text = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        dismiss = QToolButton(self)
        dismiss.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        dismiss.setAutoRaise(True)
        dismiss.setToolTip(self.tr("Dismiss"))
        dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(dismiss)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(keep_room)
        self.setSizePolicy(policy)
        self.setFixedHeight(self._reserved_height())
        self.hide()

    def _reserved_height(self) -> int:
        """Lines of the loud style (14 pt bold) plus the styles' paddings (4 × 8 px)."""
        font = QFont(self.font())
        font.setPointSize(14)
        font.setBold(True)
        return BANNER_LINES * QFontMetrics(font).lineSpacing() + 4 * 8 + 4

    def show_message(self, text: str, kind: str = "info") -> None:
        """``kind``: ``info``, ``loud`` (escalations) or ``error``."""
        self._text = text
        self.setStyleSheet(BANNER_STYLES[kind])
        self.show()
        self._fit()

    def _fit(self) -> None:
        """The message, cut with "…" where it needs more lines than there is room for."""
        self.label.ensurePolished()
        metrics = QFontMetrics(self.label.font())
        width = max(50, self.label.contentsRect().width())
        room = BANNER_LINES * metrics.lineSpacing()

        def fits(candidate: str) -> bool:
            flags = int(Qt.TextFlag.TextWordWrap)
            return (
                metrics.boundingRect(QRect(0, 0, width, 10_000), flags, candidate).height() <= room
            )

        shown = self._text
        if not fits(shown):
            low, high = 0, len(shown)
            while low < high:  # the longest start that fits with "…"
                middle = (low + high + 1) // 2
                if fits(shown[:middle].rstrip() + "…"):
                    low = middle
                else:
                    high = middle - 1
            shown = shown[:low].rstrip() + "…"
        self.label.setText(shown)
        self.label.setToolTip(tooltip(self._text) if shown != self._text else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._text:
            self._fit()

    def text(self) -> str:
        """The message shown, whole ('' when hidden)."""
        return self._text if not self.isHidden() else ""


class Alerter(QObject):
    """Raises alerts for ``window``; ``show_banner(text, loud)`` is the in-window fallback."""

    raised = Signal(object)  # AlertRecord

    def __init__(
        self,
        window: QWidget,
        show_banner: Callable[[str, bool], None],
        *,
        sound: Sound | None = None,
        use_tray: bool = True,
        muted: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.show_banner = show_banner
        self.sound: Sound = sound if sound is not None else SoundPlayer()
        self.muted = muted
        self.history: list[AlertRecord] = []
        self.tray: QSystemTrayIcon | None = None
        if use_tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(alert_icon(), self)
            self.tray.setToolTip(self.tr("StrokeLink — worklist"))
            self.tray.activated.connect(lambda *_: self._bring_back())
            self.tray.show()

    def notify(self, title: str, text: str, *, loud: bool = False, audible: bool = True) -> None:
        """Raise one alert (``audible``: play the sound unless muted)."""
        tray = self.tray is not None and self.tray.isVisible()
        if tray:
            assert self.tray is not None
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if loud
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(title, text, icon, 30_000 if loud else 10_000)
        self.show_banner(f"{title} — {text}", loud)
        played = ""
        if audible and not self.muted:
            path = ESCALATION_SOUND if loud else ALERT_SOUND
            self.sound.play(path)
            played = path.name
        if loud and self.window.isMinimized():
            self._bring_back()
        QApplication.alert(self.window, 0)
        record = AlertRecord(title, text, loud, tray, True, played, True)
        self.history.append(record)
        self.raised.emit(record)

    def _summary(self, request: Request) -> str:
        """Site, question, NIHSS and the clinical flags, briefly: enough to judge
        urgency, no patient identity."""
        nihss = "" if request.nihss is None else f"{request.nihss:g}"
        text = (
            self.tr("%1 — %2 — NIHSS %3")
            .replace("%1", request.requesting_site or "—")
            .replace("%2", request.question or "—")
            .replace("%3", nihss or "—")
        )
        flags = [f.text for f in clinical_flags(request.clinical)]
        if flags:
            text += " — " + self.tr("flags: %1").replace("%1", ", ".join(flags))
        if request.incomplete:
            text += " — " + self.tr("images incomplete")
        return text

    def raise_alerts(self, alerts: list[Alert], escalate_after_min: float) -> None:
        """Notify policy alerts, grouped: one notification per kind and refresh."""
        for kind in (AlertKind.ESCALATION, AlertKind.NEW):
            group = [a.request for a in alerts if a.kind is kind]
            if not group:
                continue
            count = len(group)
            if kind is AlertKind.ESCALATION:
                title = (
                    self.tr("1 request still unclaimed after %1 min")
                    if count == 1
                    else self.tr("%2 requests still unclaimed after %1 min")
                )
                title = title.replace("%1", f"{escalate_after_min:g}")
            else:
                title = (
                    self.tr("1 new stroke request")
                    if count == 1
                    else self.tr("%2 new stroke requests")
                )
            title = title.replace("%2", str(count))
            text = "; ".join(self._summary(r) for r in group[:3])
            self.notify(title, text, loud=kind is AlertKind.ESCALATION)
        for alert in alerts:
            if alert.kind is AlertKind.CANCEL_REQUESTED:
                r = alert.request
                text = (
                    self.tr("%1 asks to cancel a request you are reading: %2")
                    .replace("%1", r.requesting_site or "—")
                    .replace("%2", str(r.extras.get("cancel_reason") or "—"))
                )
                self.notify(self.tr("Cancellation requested by the ED"), text)

    def _bring_back(self) -> None:
        self.window.showNormal()
        self.window.raise_()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
