"""The worklist table: a Qt view of :class:`app.worklist.Worklist`.

One row per request: urgency colour, live waiting time, patient, ID with
issuer, age/sex, requesting site, question, time since last known well
(highlighted by band, :mod:`app.worklist_settings`), NIHSS, modalities, state,
and who claimed it. Clocks come from the injected ``now`` (the hub's time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.worklist import Request, Worklist
from app.worklist_settings import LkwBand, LkwThresholds, lkw_band

Index = QModelIndex | QPersistentModelIndex

PRIORITY_COLOURS = {"STAT": "#d32f2f", "HIGH": "#f57c00", "MEDIUM": "#fbc02d", "LOW": "#9e9e9e"}
#: Background of the "since last known well" cell per band (see LkwThresholds).
LKW_COLOURS = {
    LkwBand.THROMBOLYSIS: "#c8e6c9",  # green: IV thrombolysis still possible
    LkwBand.THROMBECTOMY: "#ffe082",  # amber
    LkwBand.EXTENDED: "#ffb74d",  # orange: extended thrombectomy window
    LkwBand.BEYOND: "#e0e0e0",  # grey
}
CANCEL_REQUESTED_COLOUR = "#ffcdd2"
MINE_COLOUR = "#e3f2fd"


class Column:
    PRIORITY, WAITING, PATIENT, PATIENT_ID, AGE_SEX, SITE, QUESTION = range(7)
    LKW, NIHSS, MODALITIES, STATE, CLAIMED_BY = range(7, 12)


def format_duration(seconds: float | None) -> str:
    """``1 h 05 min`` / ``7 min`` — clinical clocks, coarse on purpose."""
    if seconds is None:
        return "—"
    minutes = max(0, int(seconds // 60))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def patient_age(birth_date: str, today: dt.date) -> str:
    try:
        born = dt.datetime.strptime(birth_date, "%Y%m%d").date()
    except ValueError:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return str(years)


def person_name(value: str) -> str:
    """A DICOM PN ``FAMILY^Given`` as ``FAMILY Given``."""
    return " ".join(part for part in value.split("^") if part).strip()


class WorklistTableModel(QAbstractTableModel):
    """Rows of requests; clock, LKW bands and "is it mine" are injected (testable)."""

    def __init__(
        self,
        worklist: Worklist,
        now: Callable[[], dt.datetime],
        parent: QObject | None = None,
        *,
        lkw: LkwThresholds | None = None,
        is_mine: Callable[[Request], bool] = lambda r: False,
    ) -> None:
        super().__init__(parent)
        self.worklist = worklist
        self.now = now
        self.lkw = lkw or LkwThresholds()
        self.is_mine = is_mine
        self._rows: list[Request] = list(worklist.requests)
        worklist.subscribe(self._on_changed)
        self.headers = [
            self.tr("Priority"),
            self.tr("Waiting", "column: time since the request"),
            self.tr("Patient"),
            self.tr("Patient ID"),
            self.tr("Age / sex"),
            self.tr("Requesting site"),
            self.tr("Question"),
            self.tr("Since last known well"),
            self.tr("NIHSS"),
            self.tr("Images"),
            self.tr("State"),
            self.tr("Claimed by"),
        ]

    def _on_changed(self, worklist: Worklist) -> None:
        self.beginResetModel()
        self._rows = list(worklist.requests)
        self.endResetModel()

    def request_at(self, row: int) -> Request:
        return self._rows[row]

    def row_of(self, workitem_uid: str) -> int:
        """The row showing a workitem, or -1."""
        for row, request in enumerate(self._rows):
            if request.workitem_uid == workitem_uid:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def state_text(self, request: Request) -> str:
        if request.extras.get("cancel_requested"):
            return self.tr("ED asks to cancel", "request state")
        return {
            "SCHEDULED": self.tr("Waiting", "request state"),
            "IN PROGRESS": self.tr("Being read", "request state"),
            "COMPLETED": self.tr("Answered", "request state"),
            "CANCELED": self.tr("Cancelled", "request state"),
        }.get(request.state, request.state)

    def _priority_text(self, priority: str) -> str:
        return {
            "STAT": self.tr("STAT"),
            "HIGH": self.tr("High"),
            "MEDIUM": self.tr("Medium"),
            "LOW": self.tr("Low"),
        }.get(priority, priority)

    def _lkw_elapsed(self, r: Request, now: dt.datetime) -> dt.timedelta | None:
        return now - r.last_known_well if r.last_known_well else None

    def _cell(self, r: Request, column: int) -> str:
        now = self.now()
        if column == Column.PRIORITY:
            return self._priority_text(r.priority)
        if column == Column.WAITING:
            return format_duration((now - r.scheduled).total_seconds() if r.scheduled else None)
        if column == Column.PATIENT:
            return person_name(r.patient_name)
        if column == Column.PATIENT_ID:
            return (
                f"{r.patient_id} ({r.issuer_of_patient_id})"
                if r.issuer_of_patient_id
                else r.patient_id
            )
        if column == Column.AGE_SEX:
            age = patient_age(r.birth_date, now.date())
            return f"{age} / {r.sex}" if age else r.sex
        if column == Column.SITE:
            return r.requesting_site
        if column == Column.QUESTION:
            return r.question
        if column == Column.LKW:
            elapsed = self._lkw_elapsed(r, now)
            return format_duration(elapsed.total_seconds() if elapsed else None)
        if column == Column.NIHSS:
            return "" if r.nihss is None else f"{r.nihss:g}"
        if column == Column.MODALITIES:
            return " ".join(r.extras.get("modalities", ()))
        if column == Column.STATE:
            return self.state_text(r)
        if r.state == "IN PROGRESS" and self.is_mine(r):
            return self.tr("You")
        return person_name(r.performer)

    def _background(self, r: Request, column: int) -> QBrush | None:
        if column == Column.PRIORITY:
            colour = PRIORITY_COLOURS.get(r.priority)
            return QBrush(QColor(colour)) if colour else None
        if column == Column.LKW:
            band = lkw_band(self._lkw_elapsed(r, self.now()), self.lkw)
            return QBrush(QColor(LKW_COLOURS[band])) if band else None
        if r.extras.get("cancel_requested"):
            return QBrush(QColor(CANCEL_REQUESTED_COLOUR))
        if r.state == "IN PROGRESS" and self.is_mine(r):
            return QBrush(QColor(MINE_COLOUR))
        return None

    def _tooltip(self, r: Request, column: int) -> str | None:
        if column == Column.QUESTION:
            return r.question or None
        if column == Column.STATE and r.extras.get("cancel_requested"):
            return (
                self.tr("The emergency department asks to cancel: %1 (%2)")
                .replace("%1", str(r.extras.get("cancel_reason") or "—"))
                .replace("%2", str(r.extras.get("cancel_contact") or "—"))
            )
        if column == Column.LKW:
            band = lkw_band(self._lkw_elapsed(r, self.now()), self.lkw)
            return (
                {
                    LkwBand.THROMBOLYSIS: self.tr("Within the IV thrombolysis window"),
                    LkwBand.THROMBECTOMY: self.tr(
                        "Past the thrombolysis window; thrombectomy window"
                    ),
                    LkwBand.EXTENDED: self.tr("Extended thrombectomy window (imaging selection)"),
                    LkwBand.BEYOND: self.tr("Beyond the reperfusion windows"),
                }.get(band)
                if band
                else None
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(r, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, index.column())
        cancel = bool(r.extras.get("cancel_requested"))
        if role == Qt.ItemDataRole.FontRole and index.column() == Column.STATE and cancel:
            font = QFont()
            font.setBold(True)
            return font
        return None
