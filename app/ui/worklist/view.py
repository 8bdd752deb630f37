"""The worklist table: a Qt view of :class:`app.worklist.model.Worklist`.

One row per request: urgency colour, live waiting time, patient, ID with
issuer, age/sex, requesting site, question, time since last known well
(highlighted by band, :mod:`app.worklist.settings`), NIHSS, anticoagulation,
flags, modalities, state, and who claimed it. Clocks come from the injected
``now`` (the hub's time).

The flags column holds badges (:data:`BADGES_ROLE`, painted by
:class:`app.ui.worklist.table.BadgeDelegate`): the ED's clinical flags with
their values (:mod:`app.ui.worklist.clinical_words`; flags, not verdicts) and another
open request for the same study (:func:`app.worklist.duplicates.duplicate_requests`,
with both last-known-well times when they differ). Images not all on the hub
(Input Readiness INCOMPLETE) turn the images cell red with the counts, and
add a red badge.

Stable rows (issue #9): while :attr:`WorklistTableModel.held` (the pointer is
over the list), a new order from the worklist is not applied: rows are
updated in place, new requests are added at the end and requests that left
the list stay, greyed, until the pointer leaves; then the list is sorted again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.opinion.wording import person
from app.ui.rows_model import Index, RowsTableModel
from app.ui.worklist import clinical_words as words
from app.worklist.duplicates import differing_lkw
from app.worklist.model import Request, Worklist
from app.worklist.settings import LkwBand, LkwThresholds, lkw_band

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
ANTICOAGULANT_COLOUR = "#ffcdd2"  # a VKA, DOAC or heparin: a flag
UNKNOWN_TREATMENT_COLOUR = "#ffe0b2"
INCOMPLETE_COLOUR, INCOMPLETE_TEXT = "#c62828", "#ffffff"
GONE_TEXT = "#9e9e9e"
#: The flags column's badges: a list of :class:`app.ui.worklist.clinical_words.Flag`.
BADGES_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: Badge key of another open request for the same study.
DUPLICATE = "duplicate"
INCOMPLETE = "incomplete"  # images not all on the hub
DUPLICATE_LKW = "duplicate_lkw"  # ... whose last-known-well times differ


class Column:
    PRIORITY, WAITING, PATIENT, PATIENT_ID, AGE_SEX, SITE, QUESTION = range(7)
    LKW, NIHSS, ANTICOAGULATION, FLAGS, MODALITIES, STATE, CLAIMED_BY = range(7, 14)


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
    """A DICOM PN as read on the radiologist's screens, the title first:
    ``MARTIN^Claire^^Pr`` → ``Pr MARTIN Claire`` (:func:`app.opinion.wording.person`)."""
    return person(value)


class WorklistTableModel(RowsTableModel[Request]):
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
        #: workitem UID -> the other open requests for the same study (set by the window).
        self.duplicates: dict[str, list[Request]] = {}
        self.held = False  # the pointer is over the list: keep every row where it is
        self._resort_pending = False
        self._gone: set[str] = set()  # left the list, kept in place while held
        worklist.subscribe(self._on_changed)
        self.headers = [
            self.tr("Priority"),
            self.tr("Waiting", "column: time since the request"),
            self.tr("Patient"),
            self.tr("Patient ID"),
            self.tr("Age / sex"),
            self.tr("Requesting site"),
            self.tr("Question"),
            self.tr("Since LKW", "column: time since last known well"),
            self.tr("NIHSS"),
            self.tr("Anticoagulation"),
            self.tr("Flags", "column: clinical flags of the request"),
            self.tr("Images"),
            self.tr("State"),
            self.tr("Claimed by"),
        ]

    def _on_changed(self, worklist: Worklist) -> None:
        if self.held:
            self._update_in_place(list(worklist.requests))
            self._resort_pending = True
        else:
            self._reset(list(worklist.requests))

    def _reset(self, rows: list[Request]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._gone.clear()
        self.endResetModel()

    def _update_in_place(self, fresh: list[Request]) -> None:
        """The new list without moving a row: in place, new ones at the end, gone ones kept."""
        by_uid = {r.workitem_uid: r for r in fresh}
        for row, request in enumerate(self._rows):
            now = by_uid.get(request.workitem_uid)
            if now is None:
                self._gone.add(request.workitem_uid)
            else:
                self._rows[row] = now
                self._gone.discard(request.workitem_uid)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        known = {r.workitem_uid for r in self._rows}
        new = [r for r in fresh if r.workitem_uid not in known]
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()

    def set_held(self, held: bool) -> None:
        """Hold the rows where they are (pointer over the list), or sort them again."""
        self.held = held
        if not held and self._resort_pending:
            self._resort_pending = False
            self._reset(list(self.worklist.requests))

    def is_gone(self, request: Request) -> bool:
        """Left the list (closed, or claimed away from a filter), shown while the rows are held."""
        return request.workitem_uid in self._gone

    def request_of(self, workitem_uid: str) -> Request | None:
        row = self.row_of(workitem_uid)
        return self._rows[row] if row >= 0 else None

    def row_of(self, workitem_uid: str) -> int:
        """The row showing a workitem, or -1."""
        for row, request in enumerate(self._rows):
            if request.workitem_uid == workitem_uid:
                return row
        return -1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.LKW:
            return self.tr("Time since the patient was last known well")
        return None

    def state_text(self, request: Request) -> str:
        if self.is_gone(request):
            return self.tr("No longer in this list", "request state")
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
        if column == Column.ANTICOAGULATION:
            return words.anticoagulation_short(r.clinical)
        if column == Column.FLAGS:
            return " · ".join(badge.text for badge in self.badges(r))
        if column == Column.MODALITIES:
            modalities = " ".join(r.extras.get("modalities", ()))
            if not r.incomplete:
                return modalities
            missing = words.images_incomplete(r.images_listed, r.images_expected)
            return f"{modalities} — {missing}" if modalities else missing
        if column == Column.STATE:
            return self.state_text(r)
        if r.state == "IN PROGRESS" and self.is_mine(r):
            return self.tr("You")
        return person_name(r.performer)

    def badges(self, r: Request) -> list[words.Flag]:
        """The flags column: images incomplete, the clinical flags, other requests for the
        same study (and their differing last-known-well times)."""
        now = self.now()
        found: list[words.Flag] = []
        if r.incomplete:
            text = words.images_incomplete(r.images_listed, r.images_expected)
            badge = self.tr("Images incomplete")
            if r.images_expected is not None and r.images_expected > r.images_listed:
                badge = self.tr("Images %1/%2").replace("%1", str(r.images_listed))
                badge = badge.replace("%2", str(r.images_expected))
            found.append(words.Flag(INCOMPLETE, text, words.RED, badge))
        found.extend(words.flags(r.clinical, now))
        others = self.duplicates.get(r.workitem_uid, [])
        if others:
            count = str(len(others) + 1)
            text = self.tr("%1 open requests for this study").replace("%1", count)
            badge = self.tr("%1 requests").replace("%1", count)
            found.append(words.Flag(DUPLICATE, text, words.AMBER, badge))
            times = differing_lkw(r, others)
            if times:
                shown = " ≠ ".join(words.clock_time(t, now) for t in times)
                text = self.tr("Their last-known-well times differ: %1").replace("%1", shown)
                badge = self.tr("LKW %1").replace("%1", shown)
                found.append(words.Flag(DUPLICATE_LKW, text, words.RED, badge))
        return found

    def _background(self, r: Request, column: int) -> QBrush | None:
        if column == Column.MODALITIES and r.incomplete:
            return QBrush(QColor(INCOMPLETE_COLOUR))
        if column == Column.ANTICOAGULATION:
            if r.clinical.anticoagulation in ("VKA", "DOAC", "HEPARIN"):
                return QBrush(QColor(ANTICOAGULANT_COLOUR))
            if r.clinical.anticoagulation == "UNKNOWN":
                return QBrush(QColor(UNKNOWN_TREATMENT_COLOUR))
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
        if column == Column.ANTICOAGULATION:
            return words.anticoagulation_long(r.clinical, self.now()) or None
        if column == Column.FLAGS:
            return self._flags_tooltip(r) or None
        if column == Column.MODALITIES and r.incomplete:
            return self.tr(
                "Not all images are on the hub yet (upload interrupted or still running): "
                "the case may be read only in part."
            )
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

    def _flags_tooltip(self, r: Request) -> str:
        """Every badge's words in full, the ED's flags in one line, then the other requests."""
        now = self.now()
        lines: list[str] = []
        clinical = []
        for badge in self.badges(r):
            if badge.key in (INCOMPLETE, DUPLICATE, DUPLICATE_LKW):
                lines.append(badge.text)
            else:
                clinical.append(badge.text)
        if clinical:
            lines.insert(
                int(r.incomplete), self.tr("The ED reports: %1").replace("%1", "; ".join(clinical))
            )
        for other in self.duplicates.get(r.workitem_uid, []):
            lkw = (
                words.time_with_age(other.last_known_well, now)
                if other.last_known_well
                else self.tr("not given")
            )
            lines.append(
                self.tr("Another request for the same study: %1, last known well %2, %3")
                .replace("%1", other.requesting_site or "—")
                .replace("%2", lkw)
                .replace("%3", self.state_text(other))
            )
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(r, index.column())
        if role == BADGES_ROLE and index.column() == Column.FLAGS:
            return self.badges(r)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == Column.MODALITIES and r.incomplete:
                return QBrush(QColor(INCOMPLETE_TEXT))
            if self.is_gone(r):
                return QBrush(QColor(GONE_TEXT))
        if (
            role == Qt.ItemDataRole.FontRole
            and index.column() == Column.MODALITIES
            and r.incomplete
        ):
            font = QFont()
            font.setBold(True)
            return font
        cancel = bool(r.extras.get("cancel_requested"))
        if role == Qt.ItemDataRole.FontRole and index.column() == Column.STATE and cancel:
            font = QFont()
            font.setBold(True)
            return font
        return None
