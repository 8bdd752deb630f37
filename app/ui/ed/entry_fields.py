"""Number and date-time fields of the ED form: plain text boxes, read, never altered.

Spin boxes round (7.4 → 7.0), clamp (50 → 5), read ``3,1`` as 31 and swallow
keys after a click; these are :class:`QLineEdit` s instead. What is typed goes
to :meth:`RequestDraft.enter <app.ui.ed.draft.RequestDraft.enter>`, which keeps
the text and reads it (:mod:`app.ed.request.entry`); the field shows the draft's
text and nothing else — no validator drops a key, no mask, no select-all trap.
A refused text stays in the field, with the reason under it (the form's job).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.ui.ed.draft import RequestDraft


def utc_offset(when: dt.datetime) -> str:
    """``UTC+02:00`` for an aware datetime."""
    text = when.strftime("%z") or "+0000"
    return f"UTC{text[:3]}:{text[3:]}"


@dataclass(frozen=True)
class DraftEntry:
    """One typed field of the draft (``name``): its text, its value, and what is typed."""

    draft: RequestDraft
    name: str
    now: Callable[[], dt.datetime]

    def text(self) -> str:
        return self.draft.text(self.name)

    def value(self) -> Any:
        return self.draft.get(self.name)

    def enter(self, text: str) -> None:
        self.draft.enter(self.name, text, self.now())


class NumberField(QLineEdit):
    """A number of the draft (``entry``), typed with a decimal comma or point."""

    def __init__(self, entry: DraftEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName(entry.name)
        self.setPlaceholderText(self.tr("—"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(110)
        self.textEdited.connect(entry.enter)

    def show_draft(self) -> None:
        """The draft's text (unchanged when it already is: the cursor stays)."""
        if self.text() != self.entry.text():
            self.setText(self.entry.text())


class TimeField(QWidget):
    """A local date-time of the draft (``entry``), typed: ``HH:MM`` for today or
    ``DD/MM HH:MM``; the day it was read as and its UTC offset are shown beside it."""

    def __init__(self, entry: DraftEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.edit = QLineEdit(self)
        self.edit.setObjectName(entry.name)
        self.edit.setPlaceholderText(self.tr("HH:MM  or  DD/MM HH:MM"))
        self.edit.setToolTip(
            self.tr(
                "Type the local time: HH:MM for today (0850 and 8h50 work too), or "
                "DD/MM HH:MM, or DD/MM/YYYY HH:MM for another day. The day read and "
                "the UTC offset are shown beside the field and sent with the time."
            )
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(190)
        self.edit.textChanged.connect(self._on_text)
        self.day = QLabel(self)
        self.day.setObjectName(f"{entry.name}_day")
        self.offset = QLabel(self)
        self.offset.setMinimumWidth(90)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.day)
        row.addWidget(self.offset)
        row.addStretch(0)
        self.show_draft()

    def _on_text(self, text: str) -> None:
        if text != self.entry.text():  # typed, or the clear button
            self.entry.enter(text)

    def value(self) -> dt.datetime | None:
        value: dt.datetime | None = self.entry.value()
        return value

    def show_draft(self) -> None:
        """The draft's text, the day it reads as and its offset."""
        if self.edit.text() != self.entry.text():
            self.edit.setText(self.entry.text())
        value = self.value()
        if value is None:
            self.day.setText("")
        else:
            wall = QDateTime(QDate(value.year, value.month, value.day),
                             QTime(value.hour, value.minute))  # fmt: skip
            self.day.setText(QLocale().toString(wall, "ddd dd/MM/yyyy HH:mm"))
        self.offset.setText(utc_offset(value or self.entry.now().astimezone()))
