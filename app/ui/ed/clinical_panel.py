"""The clinical fields of the request (DESIGN.md "The request"), fast to fill with the keyboard.

Every widget writes into the :class:`~app.ui.ed.draft.RequestDraft` as the
physician types and shows what the draft holds; the rules are
:func:`app.request.parse_clinical`'s alone, whose problems are shown under
the field they concern, in red. The only bounds here are those of the
scales themselves (NIHSS 0–42, mRS 0–5, from :mod:`app.request.form`).

Date-times are typed in local time and shown with their UTC offset; an
empty one reads "—" and takes the current time on the first digit typed, so
that typing ``0850`` gives today at 08:50.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.request.form import ANTICOAGULATION, NIHSS_RANGE, PRESTROKE_MRS_RANGE, PRIORITIES
from app.ui.ed.draft import GLUCOSE_UNITS, RequestDraft

EMPTY = QDateTime(QDate(2000, 1, 1), QTime(0, 0))
PROBLEM_STYLE = "border: 2px solid #d32f2f; border-radius: 3px;"
ERROR_STYLE = "color:#b71c1c;"
#: Which widget row shows a problem of each schema field.
ROW_OF = {"wake_up": "last_known_well", "schema": "question", "(document)": "question"}


def utc_offset(when: dt.datetime) -> str:
    """``UTC+02:00`` for an aware datetime."""
    text = when.strftime("%z") or "+0000"
    return f"UTC{text[:3]}:{text[3:]}"


class OptionalDateTime(QWidget):
    """A local date-time that may be left empty ("—"), with its UTC offset shown."""

    changed = Signal(object)  # an aware datetime, or None

    def __init__(self, now: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.edit = QDateTimeEdit(self)
        self.edit.setDisplayFormat("HH:mm   dd/MM/yyyy")
        self.edit.setMinimumDateTime(EMPTY)
        self.edit.setSpecialValueText(self.tr("—  (type the time)"))
        self.edit.setDateTime(EMPTY)
        self.edit.setCurrentSection(QDateTimeEdit.Section.HourSection)
        self.edit.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.edit.installEventFilter(self)
        self.offset = QLabel(self)
        self.offset.setMinimumWidth(90)
        self.clear_button = QToolButton(self)
        self.clear_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton)
        )
        self.clear_button.setToolTip(self.tr("Clear"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(lambda: self.set_value(None, emit=True))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.offset)
        row.addWidget(self.clear_button)
        self.edit.dateTimeChanged.connect(self._on_changed)
        self._show_offset()

    def value(self) -> dt.datetime | None:
        if self.edit.dateTime() == EMPTY:
            return None
        local: dt.datetime = self.edit.dateTime().toPython()  # type: ignore[assignment]
        return local.replace(second=0, microsecond=0).astimezone()

    def set_value(self, value: dt.datetime | None, *, emit: bool = False) -> None:
        if not emit and value == self.value():
            return  # the draft echoing what was typed: leave the cursor where it is
        self.edit.blockSignals(not emit)
        if value is None:
            self.edit.setDateTime(EMPTY)
        else:
            self.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp())))
        self.edit.blockSignals(False)
        self._show_offset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first digit or arrow in an empty field starts from now (local, minutes)."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            starts = event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            if starts and self.edit.dateTime() == EMPTY:
                local = self.now().astimezone().replace(second=0, microsecond=0)
                self.set_value(local, emit=True)
                self.edit.setCurrentSection(QDateTimeEdit.Section.HourSection)
                if event.text().isdigit():
                    self.edit.lineEdit().setSelection(0, 2)
        return False

    def _on_changed(self) -> None:
        self._show_offset()
        self.changed.emit(self.value())

    def _show_offset(self) -> None:
        value = self.value()
        self.offset.setText(utc_offset(value or self.now().astimezone()))


def _optional_spin(low: int, high: int, parent: QWidget, empty: str) -> QSpinBox:
    """A spin box from ``low`` to ``high``, one below ``low`` meaning "not given"."""
    spin = QSpinBox(parent)
    spin.setRange(low - 1, high)
    spin.setSpecialValueText(empty)
    spin.setValue(low - 1)
    spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    return spin


class ClinicalPanel(QWidget):
    """The request's clinical fields: a view of a :class:`RequestDraft`."""

    def __init__(
        self, draft: RequestDraft, now: Callable[[], dt.datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.now = now
        self.problem_labels: dict[str, QLabel] = {}
        self.field_widgets: dict[str, QWidget] = {}
        self.inputs: dict[str, tuple[QWidget, ...]] = {}
        self._setters: dict[str, Callable[[Any], None]] = {}
        self._setter_widgets: dict[str, QWidget] = {}
        self._build()
        draft.subscribe(self._on_draft)
        if not draft.get("question"):
            draft.set("question", self.question.itemText(0), by_user=False)
        for name in draft.values:
            self._on_draft(name)

    # -- building ---------------------------------------------------------------------------

    def _row(
        self,
        form: QFormLayout,
        label: str,
        name: str,
        widget: QWidget,
        inputs: tuple[QWidget, ...] = (),
    ) -> None:
        """A field with its problem line under it; ``inputs`` are framed in red on a problem."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        problem = QLabel(box)
        problem.setStyleSheet(ERROR_STYLE)
        problem.setWordWrap(True)
        problem.hide()
        column.addWidget(problem)
        self.problem_labels[name] = problem
        self.field_widgets[name] = widget
        self.inputs[name] = inputs or (widget,)
        form.addRow(label, box)

    def _text(self, name: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(hint)
        edit.textEdited.connect(lambda text: self.draft.set(name, text))
        self._setters[name] = lambda value: edit.setText(value) if edit.text() != value else None
        self._setter_widgets[name] = edit
        return edit

    def _combo(self, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda i: self.draft.set(name, combo.itemData(i)))
        self._setters[name] = lambda value: combo.setCurrentIndex(max(0, combo.findData(value)))
        self._setter_widgets[name] = combo
        return combo

    def _spin(self, name: str, spin: QSpinBox) -> QSpinBox:
        empty = spin.minimum()
        spin.valueChanged.connect(lambda v: self.draft.set(name, None if v == empty else v))
        self._setters[name] = lambda value: spin.setValue(empty if value is None else int(value))
        self._setter_widgets[name] = spin
        return spin

    def _build(self) -> None:
        request = QGroupBox(self.tr("Request"), self)
        form = QFormLayout(request)
        required = self.tr("%1 *")
        self.site = self._text("site", self.tr("e.g. CH Verdun, Urgences"))
        self._row(form, required.replace("%1", self.tr("Requesting site")), "site", self.site)
        self.physician = self._text("physician", self.tr("FAMILY^Given"))
        self._row(form, required.replace("%1", self.tr("Physician")), "physician", self.physician)
        self.phone = self._text("callback_phone", self.tr("e.g. +33 3 29 00 20 02"))
        self._row(
            form, required.replace("%1", self.tr("Call-back phone")), "callback_phone", self.phone
        )
        self.question = QComboBox(self)
        self.question.setEditable(True)
        self.question.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text in (
            self.tr("Thrombolysis? Thrombectomy?"),
            self.tr("Thrombolysis?"),
            self.tr("Thrombectomy? Transfer?"),
            self.tr("Haemorrhage? Neurosurgical advice?"),
            self.tr("Which imaging? (protocol advice)"),
        ):
            self.question.addItem(text)
        self.question.currentTextChanged.connect(lambda text: self.draft.set("question", text))
        self._setters["question"] = self._set_question
        self._setter_widgets["question"] = self.question
        self._row(form, required.replace("%1", self.tr("Question")), "question", self.question)
        labels = {"HIGH": self.tr("High (stroke alert)"), "MEDIUM": self.tr("Medium"),
                  "LOW": self.tr("Low")}  # fmt: skip
        self.priority = self._combo("priority", [(labels[p], p) for p in PRIORITIES])
        self._row(form, self.tr("Priority"), "priority", self.priority)
        self.accession = self._text("accession", self.tr("optional"))
        self._row(form, self.tr("Accession number"), "accession", self.accession)

        clinical = QGroupBox(self.tr("Patient's condition"), self)
        cform = QFormLayout(clinical)
        self.lkw = OptionalDateTime(self.now, self)
        self.lkw.changed.connect(lambda value: self.draft.set("last_known_well", value))
        self._setters["last_known_well"] = self.lkw.set_value
        self.unknown_box = QCheckBox(self.tr("Unknown / wake-up"), self)
        self.unknown_kind = QComboBox(self)
        self.unknown_kind.addItem(self.tr("Wake-up stroke (time: last seen well)"), "wake-up")
        self.unknown_kind.addItem(self.tr("Onset time unknown"), "unknown")
        self.unknown_box.toggled.connect(self._on_unknown)
        self.unknown_kind.currentIndexChanged.connect(lambda _i: self._on_unknown(True))
        self._setters["onset_unknown"] = self._set_unknown
        lkw_box = QWidget(self)
        lines = QVBoxLayout(lkw_box)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addWidget(self.lkw)
        row = QHBoxLayout()
        row.addWidget(self.unknown_box)
        row.addWidget(self.unknown_kind, 1)
        lines.addLayout(row)
        self._row(cform, self.tr("Last known well"), "last_known_well", lkw_box,
                  (self.lkw.edit,))  # fmt: skip
        self.onset = OptionalDateTime(self.now, self)
        self.onset.changed.connect(lambda value: self.draft.set("symptom_onset", value))
        self._setters["symptom_onset"] = self.onset.set_value
        self._row(cform, self.tr("Witnessed symptom onset"), "symptom_onset", self.onset,
                  (self.onset.edit,))  # fmt: skip
        self.nihss = self._spin("nihss", _optional_spin(*NIHSS_RANGE, self, "—"))
        self.nihss.setToolTip(self.tr("0 to %1").replace("%1", str(NIHSS_RANGE[1])))
        self._row(cform, self.tr("NIHSS (%1–%2)").replace("%1", str(NIHSS_RANGE[0])).replace(
            "%2", str(NIHSS_RANGE[1])), "nihss", self.nihss)  # fmt: skip
        treatments = {
            "none": self.tr("None", "anticoagulant treatment"),
            "antiplatelet": self.tr("Antiplatelet"),
            "vka": self.tr("Vitamin K antagonist"),
            "doac": self.tr("Direct oral anticoagulant"),
            "heparin": self.tr("Heparin"),
            "unknown": self.tr("Unknown", "anticoagulant treatment"),
        }
        items = [("—", None)] + [(treatments.get(k, k), k) for k in ANTICOAGULATION]
        self.anticoagulation = self._combo("anticoagulation", items)
        self._row(cform, self.tr("Anticoagulant / antiplatelet"), "anticoagulation",
                  self.anticoagulation)  # fmt: skip
        self.glucose = QDoubleSpinBox(self)
        self.glucose.setRange(0.0, 2000.0)
        self.glucose.setDecimals(1)
        self.glucose.setSpecialValueText("—")
        self.glucose.valueChanged.connect(
            lambda v: self.draft.set("glucose", None if v == 0 else round(v, 1))
        )
        self._setters["glucose"] = lambda v: self.glucose.setValue(0.0 if v is None else float(v))
        self._setter_widgets["glucose"] = self.glucose
        self.glucose_unit = self._combo("glucose_unit", [(u, u) for u in GLUCOSE_UNITS])
        glucose_row = QWidget(self)
        row = QHBoxLayout(glucose_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.glucose, 1)
        row.addWidget(self.glucose_unit)
        self._row(cform, self.tr("Glucose"), "glucose", glucose_row, (self.glucose,))
        self.systolic = self._spin("systolic_bp", _optional_spin(1, 400, self, "—"))
        self.diastolic = self._spin("diastolic_bp", _optional_spin(1, 400, self, "—"))
        bp_row = QWidget(self)
        row = QHBoxLayout(bp_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.systolic, 1)
        row.addWidget(QLabel(self.tr("/", "systolic / diastolic blood pressure"), bp_row))
        row.addWidget(self.diastolic, 1)
        row.addWidget(QLabel(self.tr("mmHg"), bp_row))
        self._row(cform, self.tr("Blood pressure"), "blood_pressure", bp_row,
                  (self.systolic, self.diastolic))  # fmt: skip
        self.mrs = self._spin("prestroke_mrs", _optional_spin(*PRESTROKE_MRS_RANGE, self, "—"))
        self._row(cform, self.tr("Pre-stroke mRS (%1–%2)").replace(
            "%1", str(PRESTROKE_MRS_RANGE[0])).replace("%2", str(PRESTROKE_MRS_RANGE[1])),
            "prestroke_mrs", self.mrs)  # fmt: skip
        self.history = QPlainTextEdit(self)
        self.history.setTabChangesFocus(True)
        self.history.setPlaceholderText(
            self.tr("Deficit, history, treatments, anything the radiologist should know")
        )
        self.history.setMinimumHeight(70)
        self.history.textChanged.connect(
            lambda: self.draft.set("history", self.history.toPlainText())
        )
        self._setters["history"] = self._set_history
        self._setter_widgets["history"] = self.history
        self._row(cform, self.tr("History"), "history", self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(request)
        layout.addWidget(clinical)
        layout.addStretch(1)
        order = [
            self.site, self.physician, self.phone, self.question, self.priority, self.accession,
            self.lkw.edit, self.unknown_box, self.unknown_kind, self.onset.edit, self.nihss,
            self.anticoagulation, self.glucose, self.glucose_unit, self.systolic, self.diastolic,
            self.mrs, self.history,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.first_field = self.site

    # -- draft → widgets -------------------------------------------------------------------

    def _set_question(self, value: str) -> None:
        if self.question.currentText() != value:
            self.question.setEditText(value)

    def _set_history(self, value: str) -> None:
        if self.history.toPlainText() != value:
            self.history.setPlainText(value)

    def _set_unknown(self, value: str) -> None:
        for widget in (self.unknown_box, self.unknown_kind):
            widget.blockSignals(True)
        self.unknown_box.setChecked(bool(value))
        if value:
            self.unknown_kind.setCurrentIndex(max(0, self.unknown_kind.findData(value)))
        for widget in (self.unknown_box, self.unknown_kind):
            widget.blockSignals(False)
        self.unknown_kind.setEnabled(bool(value))
        self.lkw.setEnabled(value != "unknown")

    def _on_unknown(self, checked: bool) -> None:
        value = self.unknown_kind.currentData() if self.unknown_box.isChecked() else ""
        self.draft.set("onset_unknown", value)

    def _on_draft(self, name: str) -> None:
        if name == "problems":
            self._show_problems()
            return
        setter = self._setters.get(name)
        if setter is None:
            return
        widget = self._setter_widgets.get(name)
        blocked = widget.blockSignals(True) if widget is not None else False
        try:  # the draft's value shown; never written back by the widget
            setter(self.draft.get(name))
        finally:
            if widget is not None:
                widget.blockSignals(blocked)

    def _show_problems(self) -> None:
        shown: dict[str, list[str]] = {}
        for field, rules in self.draft.problems.items():
            shown.setdefault(ROW_OF.get(field, field), []).extend(rules)
        for name, label in self.problem_labels.items():
            rules = shown.get(name, [])
            label.setText("\n".join(rules))
            label.setVisible(bool(rules))
            for widget in self.inputs[name]:
                widget.setStyleSheet(PROBLEM_STYLE if rules else "")

    def first_problem_widget(self) -> QWidget | None:
        names = {ROW_OF.get(f, f) for f in self.draft.problems}
        for name, widgets in self.inputs.items():
            if name in names:
                return widgets[0]
        return None
