"""The ED's list of its site's requests: a plain list model and its Qt table.

One row per :class:`app.ed.site_requests.SiteRequest`, newest first: when it was sent,
the patient, the question, the state in words (waiting, upload interrupted,
being read by Dr X, preliminary answer, answered, cancelled), the answer's
verdict and whether it was acknowledged. A row whose opinion is waiting to
be read stands out; so does a request with another open request for the same
study (with both last-known-well times when they differ), opinions that
cannot be matched to one request of their study, and an upload interrupted
after a first answer (a second line, the cell in red: resume it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.ed.site_requests import RequestState, SiteRequest
from app.opinion.render import patient_of
from app.opinion.wording import person
from app.ui.opinion.verdict_words import screen_verdicts
from app.ui.rows_model import Index, RowsTableModel
from app.worklist.duplicates import differing_lkw

TO_READ_COLOUR = "#fff3cd"
FLAG_COLOUR = "#ffe0b2"  # the state cell of a request with a twin, or unmatched opinions
INTERRUPTED_COLOUR = "#ffcdd2"  # the state cell of an answered request whose upload stopped
STATE_COLOURS = {
    RequestState.WAITING: "#5f6368",
    RequestState.INTERRUPTED: "#b71c1c",
    RequestState.BEING_READ: "#0d47a1",
    RequestState.PRELIMINARY: "#e65100",
    RequestState.ANSWERED: "#1b5e20",
    RequestState.CANCELED: "#9e9e9e",
}


def key_of(request: SiteRequest) -> str:
    """What identifies a row across refreshes: the workitem, else the study."""
    if request.unmatched:
        return f"{request.study_uid}/unmatched"
    return request.workitem or request.study_uid


def _time(when: dt.datetime, today: dt.date) -> str:
    local = when.astimezone()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%d/%m %H:%M}"


def patient_text(request: SiteRequest) -> str:
    """'SYNTH Bruno (SL-100002)' — from the workitem, else from the opinion SR."""
    if request.request is not None:
        name, pid = request.request.patient_name, request.request.patient_id
    else:
        latest = request.latest
        if latest is None or latest.sr is None:
            return ""
        identity = patient_of(latest.sr)
        name, pid = identity.name, identity.patient_id
    return f"{person(name)} ({pid})" if pid else person(name)


class SiteRequestList:
    """The site's requests as last read from the hub; views subscribe."""

    def __init__(self) -> None:
        self.requests: list[SiteRequest] = []
        self.cancel_asked: set[str] = set()  # keys of requests the ED asked to cancel
        self._listeners: list[Callable[[SiteRequestList], None]] = []

    def subscribe(self, listener: Callable[[SiteRequestList], None]) -> None:
        self._listeners.append(listener)

    def replace(self, requests: list[SiteRequest]) -> None:
        self.requests = list(requests)
        for listener in list(self._listeners):
            listener(self)

    def find(self, key: str) -> SiteRequest | None:
        return next((r for r in self.requests if key_of(r) == key), None)


class Column:
    SENT, PATIENT, QUESTION, STATE, VERDICT, READ = range(6)


class SiteRequestsModel(RowsTableModel[SiteRequest]):
    """Rows of :class:`SiteRequestList`, times in local time (with the date unless ``today()``)."""

    def __init__(
        self,
        requests: SiteRequestList,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today or (lambda: dt.datetime.now().astimezone().date())
        self.list = requests
        self._rows: list[SiteRequest] = list(requests.requests)
        requests.subscribe(self._on_changed)
        self.headers = [
            self.tr("Sent"),
            self.tr("Patient"),
            self.tr("Question"),
            self.tr("State"),
            self.tr("Answer"),
            self.tr("Read"),
        ]

    def _on_changed(self, requests: SiteRequestList) -> None:
        self.beginResetModel()
        self._rows = list(requests.requests)
        self.endResetModel()

    def row_of(self, key: str) -> int:
        for row, request in enumerate(self._rows):
            if key_of(request) == key:
                return row
        return -1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def state_text(self, request: SiteRequest) -> str:
        reader = person(request.reader)
        if request.unmatched:
            text = self.tr("Opinion by %1 not matched to a request").replace("%1", reader or "—")
        elif request.state is RequestState.WAITING:
            text = self.tr("Waiting for a radiologist")
        elif request.state is RequestState.INTERRUPTED:
            text = self.interrupted_text(request)
        elif request.state is RequestState.BEING_READ:
            text = self.tr("Being read by %1").replace("%1", reader or self.tr("a radiologist"))
        elif request.state is RequestState.PRELIMINARY:
            text = self.tr("Preliminary answer (%1)").replace("%1", reader or "—")
        elif request.state is RequestState.ANSWERED:
            text = self.tr("Answered by %1").replace("%1", reader or "—")
        else:
            text = self.tr("Cancelled")
        if key_of(request) in self.list.cancel_asked and request.state in (
            RequestState.WAITING,
            RequestState.BEING_READ,
        ):
            text += " — " + self.tr("cancellation asked")
        lines = [text]
        if request.interrupted and request.state is not RequestState.INTERRUPTED:
            lines.append("⚠ " + self.interrupted_text(request))
        flag = self.duplicate_text(request)
        if flag:
            lines.append(f"⚠ {flag}")
        return "\n".join(lines)

    def interrupted_text(self, request: SiteRequest) -> str:
        text = self.tr("Upload interrupted — resume")
        r = request.request
        if r is not None and r.images_expected:
            text += " " + self.tr("(%1 of %2 images on the hub)").replace(
                "%1", str(r.images_listed)
            ).replace("%2", str(r.images_expected))
        if request.upload is None:
            text += " " + self.tr("from the workstation that sent it")
        return text

    def duplicate_text(self, request: SiteRequest) -> str:
        """'Another request for the same study (last known well 08:10 / 09:30)', or ''."""
        if not request.same_study or request.request is None:
            return ""
        text = self.tr("Another request for the same study")
        times = differing_lkw(request.request, request.same_study)
        if times:
            today = self.today()
            shown = " / ".join(_time(t, today) for t in times)
            text += " " + self.tr("(last known well %1)").replace("%1", shown)
        return text

    def duplicate_tooltip(self, request: SiteRequest) -> str:
        lines = []
        for other in request.same_study:
            lkw = other.last_known_well
            lines.append(
                self.tr("Sent %1 by %2 (%3), last known well %4")
                .replace("%1", other.scheduled.astimezone().strftime("%d/%m %H:%M")
                         if other.scheduled else "—")
                .replace("%2", person(other.requesting_physician) or "—")
                .replace("%3", other.requesting_site or "—")
                .replace("%4", lkw.astimezone().strftime("%d/%m %H:%M") if lkw else "—")
            )  # fmt: skip
        return "\n".join(lines)

    def read_text(self, request: SiteRequest) -> str:
        latest = request.latest
        if latest is None:
            return ""
        if not latest.acknowledgements:
            return self.tr("To read and acknowledge")
        ack = latest.acknowledgements[-1]
        return (
            self.tr("Read by %1 at %2")
            .replace("%1", person(ack.by))
            .replace("%2", ack.at.astimezone().strftime("%H:%M"))
        )

    def _sent(self, request: SiteRequest) -> str:
        when = request.request.scheduled if request.request is not None else None
        if when is None and request.opinions:
            when = request.opinions[0].signed_at
        if when is None:
            return "—"
        return _time(when, self.today())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        request = self._rows[index.row()]
        column = index.column()
        to_read = request.latest is not None and not request.acknowledged
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(request, column)
        flagged = bool(request.same_study) or request.unmatched
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.QUESTION, Column.VERDICT):
            return self._text(request, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.STATE and request.same_study:
            return self.duplicate_tooltip(request)
        if role == Qt.ItemDataRole.BackgroundRole and column == Column.STATE:
            if request.interrupted and request.state is not RequestState.INTERRUPTED:
                return QBrush(QColor(INTERRUPTED_COLOUR))
            if flagged:
                return QBrush(QColor(FLAG_COLOUR))
        if role == Qt.ItemDataRole.BackgroundRole and to_read:
            return QBrush(QColor(TO_READ_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATE:
            return QBrush(QColor(STATE_COLOURS[request.state]))
        if role == Qt.ItemDataRole.FontRole and (column == Column.STATE or to_read):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, request: SiteRequest, column: int) -> str:
        if column == Column.SENT:
            return self._sent(request)
        if column == Column.PATIENT:
            return patient_text(request)
        if column == Column.QUESTION:
            return request.request.question if request.request is not None else ""
        if column == Column.STATE:
            return self.state_text(request)
        if column == Column.VERDICT:
            latest = request.latest
            return " · ".join(v.text for v in screen_verdicts(latest.opinion)[:2]) if latest else ""
        return self.read_text(request)
