"""The request panel of a case: every fact the ED sent, in the radiologist's words.

:class:`RequestPanel` shows one :class:`app.worklist.model.Request` beside the
images (the case window docks it above the opinion panel): the clinical
flags first (not verdicts: :func:`protocol.request.clinical_flags`, with their
values), images not all on the hub, then every field of
:class:`protocol.request.ClinicalRequest` — a field the ED left empty says
"not given", never disappears — in the units the ED used (:mod:`app.ui.worklist.clinical_words`):
site, physician, call-back phone (selectable, a ``tel:`` link and a Copy
button), question, accession number, last known well and symptom onset with
their age, onset timing, NIHSS, anticoagulation with the INR or the last
dose, glucose, blood pressure, pre-stroke mRS, history (multi-line,
selectable), items the application does not know (shown as sent) and items
that could not be read (in red). Ages come from the injected ``clock`` (the
hub's time) and are redrawn every 30 s.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.style import style_as
from app.ui.worklist import clinical_words as words
from app.ui.worklist.view import person_name
from app.worklist.model import Request
from protocol.request import (
    FLAG_ANTICOAGULANT,
    FLAG_BLOOD_PRESSURE,
    FLAG_GLUCOSE_HIGH,
    FLAG_GLUCOSE_LOW,
    clinical_flags,
)

STYLE = """
QWidget#request-panel, QWidget#request-panel QWidget { background: #f4f6f8; color: #2b3440; }
QWidget#request-panel QLabel#field-name { color: #5a6572; }
QWidget#request-panel QLabel#absent { color: #9aa4af; font-style: italic; }
QWidget#request-panel QLabel#flagged { background: #fbe3e1; color: #8e1b10; font-weight: bold;
    padding: 1px 3px; }
QWidget#request-panel QLabel#unreadable { color: #b71c1c; font-weight: bold; }
QWidget#request-panel QLabel#request-flags { background: #fbe3e1; color: #8e1b10;
    border: 1px solid #e6a39c; border-radius: 4px; padding: 6px; font-weight: bold; }
QWidget#request-panel QLabel#request-incomplete { background: #c62828; color: white;
    border-radius: 4px; padding: 6px; font-weight: bold; }
QWidget#request-panel QToolButton { background: #f8f9fb; color: #2b3440;
    border: 1px solid #b8c1cc; border-radius: 4px; padding: 1px 8px; }
"""
#: Which value each flag highlights.
FLAGGED_FIELDS = {
    FLAG_BLOOD_PRESSURE: "blood_pressure",
    FLAG_GLUCOSE_LOW: "glucose",
    FLAG_GLUCOSE_HIGH: "glucose",
    FLAG_ANTICOAGULANT: "anticoagulation",
}
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def tel_link(phone: str) -> str:
    """A ``tel:`` URI (RFC 3966) of a number as typed: digits and a leading +."""
    digits = re.sub(r"[^\d+]", "", phone)
    return "tel:" + (digits[0] + digits[1:].replace("+", "") if digits else "")


class RequestPanel(QWidget):
    """The ED's request, read-only (module docstring). ``values`` maps each field's key to
    its value label; :meth:`value_text` gives the plain text shown."""

    def __init__(
        self,
        request: Request,
        clock: Callable[[], dt.datetime],
        parent: QWidget | None = None,
        *,
        tick_ms: int = 30_000,
    ) -> None:
        super().__init__(parent)
        style_as(self, "request-panel", STYLE)
        self.request = request
        self.clock = clock
        self.values: dict[str, QLabel] = {}
        self._texts: dict[str, str] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(6)
        self.flags_label = self._label("request-flags")
        column.addWidget(self.flags_label)
        self.incomplete_label = self._label("request-incomplete")
        column.addWidget(self.incomplete_label)
        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(4, 4, 4, 4)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.body)
        column.addWidget(self.area, 1)
        self.copy_button = QToolButton(self)
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the call-back number"))
        self.copy_button.clicked.connect(self.copy_phone)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._build()

    # -- building -------------------------------------------------------------------

    def _label(self, name: str = "") -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(SELECTABLE)
        return label

    def _row(self, key: str, title: str) -> QLabel:
        name = QLabel(self.body)
        name.setObjectName("field-name")
        name.setTextFormat(Qt.TextFormat.PlainText)  # an unknown item's name is the hub's text
        name.setText(title)
        value = self._label()
        self.values[key] = value
        if key == "callback_phone":
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.setOpenExternalLinks(True)
            line = QWidget(self.body)
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(value, 1)
            row.addWidget(self.copy_button)
            self.form.addRow(name, line)
        else:
            self.form.addRow(name, value)
        return value

    def _build(self) -> None:
        rows = [
            ("site", self.tr("Requesting site")),
            ("physician", self.tr("Requesting physician")),
            ("callback_phone", self.tr("Call-back phone")),
            ("question", self.tr("Question")),
            ("accession", self.tr("Accession number")),
            ("last_known_well", self.tr("Last known well")),
            ("symptom_onset", self.tr("Symptom onset")),
            ("onset_timing", self.tr("Onset")),
            ("nihss", self.tr("NIHSS")),
            ("anticoagulation", self.tr("Anticoagulation")),
            ("glucose", self.tr("Glucose")),
            ("blood_pressure", self.tr("Blood pressure")),
            ("prestroke_mrs", self.tr("Pre-stroke mRS")),
            ("history", self.tr("History")),
        ]
        for key, title in rows:
            self._row(key, title)
        for index, (meaning, _value) in enumerate(self.request.clinical.other):
            self._row(f"other.{index}", meaning)
        if self.request.clinical.unreadable:
            self._row("unreadable", self.tr("Could not be read"))
        self.refresh()

    # -- showing ----------------------------------------------------------------------

    def set_request(self, request: Request) -> None:
        """Show a newer version of the request (rows rebuilt when the fields differ)."""
        before = self.request.clinical
        self.request = request
        if (before.other, before.unreadable) != (request.clinical.other,
                                                 request.clinical.unreadable):  # fmt: skip
            while self.form.rowCount():
                self.form.removeRow(0)
            self.copy_button.setParent(self)
            self.values.clear()
            self._build()
        else:
            self.refresh()

    def texts(self) -> dict[str, str]:
        """Each field's key → the text shown (what :meth:`refresh` put on screen)."""
        c = self.request.clinical
        now = self.clock()

        def when(value: dt.datetime | None) -> str:
            return words.time_with_age(value, now) if value is not None else ""

        shown = {
            "site": c.site,
            "physician": person_name(c.physician),
            "callback_phone": c.callback_phone,
            "question": c.question,
            "accession": c.accession,
            "last_known_well": when(c.last_known_well),
            "symptom_onset": when(c.symptom_onset),
            "onset_timing": words.onset_timing(c.onset_timing),
            "nihss": "" if c.nihss is None else str(c.nihss),
            "anticoagulation": words.anticoagulation_long(c, now),
            "glucose": words.glucose(c),
            "blood_pressure": words.blood_pressure(c),
            "prestroke_mrs": "" if c.prestroke_mrs is None else str(c.prestroke_mrs),
            "history": c.history,
        }
        for index, (_meaning, value) in enumerate(c.other):
            shown[f"other.{index}"] = value
        if c.unreadable:
            shown["unreadable"] = self.tr("could not be read: %1").replace(
                "%1", "; ".join(c.unreadable)
            )
        return shown

    def value_text(self, key: str) -> str:
        """The plain text shown for field ``key`` ("not given" when the ED left it empty)."""
        return self._texts.get(key, "")

    def refresh(self) -> None:
        """Redraw every value (ages move on with the clock)."""
        r = self.request
        now = self.clock()
        flagged = {FLAGGED_FIELDS[f] for f in clinical_flags(r.clinical)}
        for key, text in self.texts().items():
            label = self.values.get(key)
            if label is None:
                continue
            shown = text or self.tr("not given")
            self._texts[key] = shown
            if key == "unreadable":
                name = "unreadable"
            elif not text:
                name = "absent"
            else:
                name = "flagged" if key in flagged else ""
            if key == "callback_phone" and text:
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(f'<a href="{html.escape(tel_link(text))}">{html.escape(text)}</a>')
            else:
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setText(shown)
            label.setObjectName(name)
            label.style().unpolish(label)
            label.style().polish(label)
        self.copy_button.setVisible(bool(r.clinical.callback_phone))
        flags = words.flags(r.clinical, now)
        self.flags_label.setVisible(bool(flags))
        self.flags_label.setText(
            self.tr("The ED reports:") + "\n" + "\n".join(f"• {f.text}" for f in flags)
        )
        self.incomplete_label.setVisible(r.incomplete)
        self.incomplete_label.setText(words.images_incomplete(r.images_listed, r.images_expected))

    def copy_phone(self) -> None:
        """The call-back number, as the ED typed it, to the clipboard."""
        QGuiApplication.clipboard().setText(self.request.clinical.callback_phone)

    def close_panel(self) -> None:
        self.timer.stop()
