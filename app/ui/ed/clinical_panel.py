"""The clinical fields of the request (DESIGN.md "The request"), fast to fill with the keyboard.

Every widget writes into the :class:`~app.ui.ed.draft.RequestDraft` as the
physician types and shows what the draft holds. Numbers and date-times are
text boxes (:mod:`app.ui.ed.entry_fields`) kept exactly as typed: a decimal
comma or point, in any language; a text that is not a number, a decimal in a
whole number, a value out of range, a time in the future are refused under
the field, in red and in words, while the field keeps what was typed (the
Send button waits). When the request is sent,
:func:`app.ed.request.parse_clinical` checks it all again; its problems are
shown under their fields too, with the field's label
(:mod:`app.ui.ed.field_words`), never the schema's keys.

Date-times are typed in local time (``HH:MM`` today, ``DD/MM HH:MM``) and
carry the local UTC offset. The INR is asked with a vitamin K antagonist, the
time of the last dose with a DOAC or heparin; hidden, they are not sent.
"Last known well unknown" empties and disables the time field; a time that was
typed there is named under it as removed (nothing is dropped silently).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ed.request.entry import NUMBER_RULES, NumberRule, glucose_rule
from app.ed.request.form import ANTICOAGULATION, NIHSS_RANGE, PRESTROKE_MRS_RANGE, PRIORITIES
from app.ui.ed.draft import ENTRY_FIELDS, GLUCOSE_UNITS, JSON_FIELD, NUMBER_FIELDS, RequestDraft
from app.ui.ed.entry_fields import DraftEntry, NumberField, TimeField, utc_offset
from app.ui.ed.field_words import entry_text, problem_text

__all__ = ["ClinicalPanel", "utc_offset"]

PROBLEM_STYLE = "border: 2px solid #d32f2f; border-radius: 3px;"
ERROR_STYLE = "color:#b71c1c;"
NOTICE_STYLE = "color:#8a4b00;"  # amber: something the form changed, said
#: Which widget row shows a problem of each schema field (first component) or entry field.
ROW_OF = {"wake_up": "last_known_well", "schema": "question", "(document)": "question",
          "systolic_bp": "blood_pressure", "diastolic_bp": "blood_pressure"}  # fmt: skip
#: Problems shown elsewhere (the identity typed by hand: the images panel).
ELSEWHERE = ("patient",)


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
        self.entry_inputs: dict[str, QWidget] = {}  # entry field → the box typed in
        self._framed: set[QWidget] = set()
        self._setters: dict[str, Callable[[Any], None]] = {}
        self._setter_widgets: dict[str, QWidget] = {}
        self._build()
        draft.subscribe(self._on_draft)
        self._default_question()
        for name in draft.values:
            self._on_draft(name)
        self._show_removed_lkw()
        self._show_problems()

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
        problem.setObjectName(f"{name}_problem")
        problem.setStyleSheet(ERROR_STYLE)
        problem.setWordWrap(True)
        problem.hide()
        column.addWidget(problem)
        self.problem_labels[name] = problem
        self.field_widgets[name] = box
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

    def _number(self, name: str, tip: str) -> NumberField:
        field = NumberField(DraftEntry(self.draft, name, self.now), self)
        field.setToolTip(tip)
        self._setters[name] = lambda _value: field.show_draft()
        self.entry_inputs[name] = field
        return field

    def _time(self, name: str) -> TimeField:
        field = TimeField(DraftEntry(self.draft, name, self.now), self)
        self._setters[name] = lambda _value: field.show_draft()
        self.entry_inputs[name] = field.edit
        return field

    def _whole_tip(self, low: int, high: int, unit: str = "") -> str:
        tip = self.tr("A whole number from %1 to %2 %3", "a field's tooltip")
        return tip.replace("%1", str(low)).replace("%2", str(high)).replace("%3", unit).strip()

    def _range_label(self, text: str, low: int, high: int) -> str:
        return text.replace("%1", str(low)).replace("%2", str(high))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_request())
        layout.addWidget(self._build_condition())
        layout.addStretch(1)
        order = [
            self.site, self.physician, self.phone, self.question, self.priority, self.accession,
            self.lkw.edit, self.unknown_box, self.unknown_kind, self.onset.edit, self.nihss,
            self.anticoagulation, self.inr, self.last_dose.edit, self.glucose, self.glucose_unit,
            self.systolic, self.diastolic, self.mrs, self.history,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.first_field = self.site
        self._show_treatment_details()

    def _build_request(self) -> QGroupBox:
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
        return request

    def _build_condition(self) -> QGroupBox:
        clinical = QGroupBox(self.tr("Patient's condition"), self)
        cform = QFormLayout(clinical)
        self.condition_form = cform
        self.lkw = self._time("last_known_well")
        self.unknown_box = QCheckBox(self.tr("Unknown / wake-up"), self)
        self.unknown_kind = QComboBox(self)
        self.unknown_kind.addItem(
            self.tr("Wake-up stroke (time: went to sleep / last seen well)"), "wake-up"
        )
        self.unknown_kind.addItem(self.tr("Last known well unknown"), "unknown")
        self.unknown_kind.setToolTip(
            self.tr("“Last known well unknown”: no last-known-well time is known; "
                    "the time field is emptied.")
        )  # fmt: skip
        self.lkw_removed = QLabel(self)
        self.lkw_removed.setObjectName("lkw_removed")
        self.lkw_removed.setStyleSheet(NOTICE_STYLE)
        self.lkw_removed.setWordWrap(True)
        self.lkw_removed.hide()
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
        lines.addWidget(self.lkw_removed)
        self._row(cform, self.tr("Last known well"), "last_known_well", lkw_box,
                  (self.lkw.edit,))  # fmt: skip
        self.onset = self._time("symptom_onset")
        self._row(cform, self.tr("Witnessed symptom onset"), "symptom_onset", self.onset,
                  (self.onset.edit,))  # fmt: skip
        self.nihss = self._number("nihss", self._whole_tip(*NIHSS_RANGE))
        self._row(cform, self._range_label(self.tr("NIHSS (%1–%2)"), *NIHSS_RANGE), "nihss",
                  self.nihss)  # fmt: skip
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
        low, high = NUMBER_RULES["inr"].low, NUMBER_RULES["inr"].high
        self.inr = self._number(
            "inr",
            self.tr("When known: a number from %1 to %2 (decimal comma or point)")
            .replace("%1", f"{low:g}").replace("%2", f"{high:g}"),
        )  # fmt: skip
        self._row(cform, self.tr("INR (when known)"), "inr", self.inr)
        self.last_dose = self._time("last_dose")
        self._row(cform, self.tr("Last dose (when known)"), "last_dose", self.last_dose,
                  (self.last_dose.edit,))  # fmt: skip
        self.glucose = self._number(
            "glucose", self.tr("A number, with a decimal comma or point, in the unit chosen")
        )
        self.glucose_unit = self._combo("glucose_unit", [(u, u) for u in GLUCOSE_UNITS])
        glucose_row = QWidget(self)
        row = QHBoxLayout(glucose_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.glucose)
        row.addWidget(self.glucose_unit)
        row.addStretch(1)
        self._row(cform, self.tr("Glucose"), "glucose", glucose_row, (self.glucose,))
        self.systolic = self._number(
            "systolic_bp",
            self._whole_tip(
                int(NUMBER_RULES["systolic_bp"].low), int(NUMBER_RULES["systolic_bp"].high), "mmHg"
            ),
        )
        self.diastolic = self._number(
            "diastolic_bp",
            self._whole_tip(
                int(NUMBER_RULES["diastolic_bp"].low),
                int(NUMBER_RULES["diastolic_bp"].high),
                "mmHg",
            ),
        )
        bp_row = QWidget(self)
        row = QHBoxLayout(bp_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.systolic)
        row.addWidget(QLabel(self.tr("/", "systolic / diastolic blood pressure"), bp_row))
        row.addWidget(self.diastolic)
        row.addWidget(QLabel(self.tr("mmHg"), bp_row))
        row.addStretch(1)
        self._row(cform, self.tr("Blood pressure"), "blood_pressure", bp_row,
                  (self.systolic, self.diastolic))  # fmt: skip
        self.mrs = self._number("prestroke_mrs", self._whole_tip(*PRESTROKE_MRS_RANGE))
        self._row(cform, self._range_label(self.tr("Pre-stroke mRS (%1–%2)"),
                  *PRESTROKE_MRS_RANGE), "prestroke_mrs", self.mrs)  # fmt: skip
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
        return clinical

    # -- draft → widgets -------------------------------------------------------------------

    def _default_question(self) -> None:
        """A new request asks the first question of the list until another is chosen."""
        if not self.draft.get("question") and not self.draft.touched:
            self.draft.set("question", self.question.itemText(0), by_user=False)

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

    def _show_removed_lkw(self) -> None:
        removed = self.draft.removed_lkw
        self.lkw_removed.setText(
            self.tr("The time typed (%1) was removed: “Last known well unknown” was chosen.")
            .replace("%1", removed)
        )  # fmt: skip
        self.lkw_removed.setVisible(bool(removed))

    def _on_unknown(self, checked: bool) -> None:
        value = self.unknown_kind.currentData() if self.unknown_box.isChecked() else ""
        self.draft.set("onset_unknown", value)

    def _show_treatment_details(self) -> None:
        """INR with a VKA, the last dose with a DOAC or heparin (hidden: not sent)."""
        for name in ("inr", "last_dose"):
            self.condition_form.setRowVisible(self.field_widgets[name], self.draft.shown(name))

    def _on_draft(self, name: str) -> None:
        if name == "problems":
            self._show_problems()
            return
        if name == "removed_lkw":
            self._show_removed_lkw()
            return
        if name == "anticoagulation":
            self._show_treatment_details()
        if name == "question" and not self.draft.get("question"):
            self._default_question()  # after a reset (a draft cleared by typing is touched)
        setter = self._setters.get(name)
        if setter is not None:
            widget = self._setter_widgets.get(name)
            blocked = widget.blockSignals(True) if widget is not None else False
            try:  # the draft's value shown; never written back by the widget
                setter(self.draft.get(name))
            finally:
                if widget is not None:
                    widget.blockSignals(blocked)
        if name in ENTRY_FIELDS or name in ("anticoagulation", "onset_unknown", "glucose_unit"):
            self._show_problems()

    def _rule(self, name: str) -> NumberRule | None:
        if name == "glucose":
            return glucose_rule(self.draft.get("glucose_unit"))
        return NUMBER_RULES.get(name)

    def _show_problems(self) -> None:
        """Refused entries first (what is being typed), then what the last check said."""
        shown: dict[str, list[str]] = {}
        framed: set[QWidget] = set()
        refused: set[str] = set()
        for name, code in self.draft.entry_problems().items():
            field = JSON_FIELD.get(name, name)
            rule = self._rule(name) if name in NUMBER_FIELDS else None
            shown.setdefault(ROW_OF.get(name, name), []).append(entry_text(field, code, rule))
            framed.add(self.entry_inputs[name])
            refused.add(field)
        for problem in self.draft.field_problems:
            root = problem.field.split(".")[0]
            if problem.field in refused or root in ELSEWHERE:
                continue
            row = ROW_OF.get(root, root)
            text = problem_text(problem)
            if text not in shown.get(row, []):
                shown.setdefault(row, []).append(text)
                framed.update(self.inputs.get(row, ()))
        for name, label in self.problem_labels.items():
            rules = shown.get(name, [])
            if label.text() != "\n".join(rules):
                label.setText("\n".join(rules))
            label.setVisible(bool(rules))
        for widget in framed ^ self._framed:
            widget.setStyleSheet(PROBLEM_STYLE if widget in framed else "")
        self._framed = framed

    def first_problem_widget(self) -> QWidget | None:
        names = {ROW_OF.get(n, n) for n in self.draft.entry_problems()}
        names |= {ROW_OF.get(p.field.split(".")[0], p.field.split(".")[0])
                  for p in self.draft.field_problems}  # fmt: skip
        for name, widgets in self.inputs.items():
            if name in names:
                return widgets[0]
        return None
