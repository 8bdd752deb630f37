"""The worklist table: a Qt view of :class:`app.worklist.Worklist`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.worklist import Request, Worklist

Index = QModelIndex | QPersistentModelIndex

PRIORITY_COLOURS = {"STAT": "#d32f2f", "HIGH": "#f57c00", "MEDIUM": "#fbc02d", "LOW": "#9e9e9e"}


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


class WorklistTableModel(QAbstractTableModel):
    """Rows of requests; the clock (hub time) is injected so columns stay testable."""

    def __init__(
        self, worklist: Worklist, now: Callable[[], dt.datetime], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worklist = worklist
        self.now = now
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
            self.tr("State"),
            self.tr("Claimed by"),
        ]

    def _on_changed(self, worklist: Worklist) -> None:
        self.beginResetModel()
        self._rows = list(worklist.requests)
        self.endResetModel()

    def request_at(self, row: int) -> Request:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def _state_text(self, state: str) -> str:
        return {
            "SCHEDULED": self.tr("Waiting", "request state"),
            "IN PROGRESS": self.tr("Being read", "request state"),
            "COMPLETED": self.tr("Answered", "request state"),
            "CANCELED": self.tr("Cancelled", "request state"),
        }.get(state, state)

    def _priority_text(self, priority: str) -> str:
        return {
            "STAT": self.tr("STAT"),
            "HIGH": self.tr("High"),
            "MEDIUM": self.tr("Medium"),
            "LOW": self.tr("Low"),
        }.get(priority, priority)

    def _cell(self, r: Request, column: int) -> str:
        now = self.now()
        if column == 0:
            return self._priority_text(r.priority)
        if column == 1:
            return format_duration((now - r.scheduled).total_seconds() if r.scheduled else None)
        if column == 2:
            return r.patient_name.replace("^", " ").strip()
        if column == 3:
            return (
                f"{r.patient_id} ({r.issuer_of_patient_id})"
                if r.issuer_of_patient_id
                else r.patient_id
            )
        if column == 4:
            age = patient_age(r.birth_date, now.date())
            return f"{age} / {r.sex}" if age else r.sex
        if column == 5:
            return r.requesting_site
        if column == 6:
            return r.question
        if column == 7:
            lkw = r.last_known_well
            return format_duration((now - lkw).total_seconds() if lkw else None)
        if column == 8:
            return "" if r.nihss is None else f"{r.nihss:g}"
        if column == 9:
            return self._state_text(r.state)
        return r.performer.replace("^", " ").strip()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(r, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            colour = PRIORITY_COLOURS.get(r.priority)
            return QBrush(QColor(colour)) if colour else None
        return None
