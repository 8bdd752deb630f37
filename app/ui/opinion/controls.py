"""Small controls of the opinion panel: a keyboard-first choice, section cards, the style.

:class:`Choice` is one value among a few, shown as a row (or grid) of
segmented buttons so that the state reads at a glance, "Not assessed"
included. It takes the focus as one control (Tab moves to the next field);
keys 1–9 pick an option by position, a letter the option whose text starts
with it (when only one does), ←/→ move. The buttons never take the focus themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Tones, as app.opinion.wording marks verdicts: what is still open, reassuring, alarming.
OPEN, CLEAR, ALERT, NEUTRAL = "open", "clear", "alert", "neutral"


@dataclass(frozen=True)
class Option:
    """One choice: its value, its text (translated), its tone when chosen, a tooltip."""

    value: Any
    text: str
    tone: str = NEUTRAL
    tip: str = ""


class Choice(QFrame):
    """One value among ``options`` (module docstring); ``chosen(value)`` on user action only."""

    chosen = Signal(object)

    def __init__(
        self,
        options: Sequence[Option],
        parent: QWidget | None = None,
        *,
        columns: int = 0,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choice")
        self.setProperty("compact", compact)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("focused", False)
        self.options = list(options)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(2)
        per_row = columns or len(self.options)
        for index, option in enumerate(self.options):
            button = QToolButton(self)
            button.setText(option.text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("tone", option.tone)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(f"{option.tip or option.text} [{index + 1}]")
            first_in_row, last_in_row = index % per_row == 0, index % per_row == per_row - 1
            button.setProperty(
                "edge", "only" if per_row == 1 else
                "first" if first_in_row else "last" if last_in_row or index == len(options) - 1
                else "middle",
            )  # fmt: skip
            self.group.addButton(button, index)
            grid.addWidget(button, index // per_row, index % per_row)
            button.clicked.connect(lambda _=False, i=index: self._pick(i))
            self.buttons.append(button)
        self._index = 0
        self.buttons[0].setChecked(True)
        initials = [o.text[:1].lower() for o in self.options]
        #: A letter picks the option whose text starts with it, when only one does.
        self.letters = {
            c: i for i, c in enumerate(initials) if c.isalpha() and initials.count(c) == 1
        }

    # -- value ---------------------------------------------------------------------

    def value(self) -> Any:
        """The value shown; None when no option is (a value none of them has)."""
        return self.options[self._index].value if self._index >= 0 else None

    def text(self) -> str:
        return self.options[self._index].text if self._index >= 0 else ""

    def set_value(self, value: Any) -> None:
        """Show ``value`` (no signal); a value no option has leaves every button up."""
        self._index = next((i for i, o in enumerate(self.options) if o.value == value), -1)
        if self._index >= 0:
            self.buttons[self._index].setChecked(True)
            return
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)

    def _pick(self, index: int) -> None:
        if not 0 <= index < len(self.options) or not self.isEnabled():
            return
        changed = index != self._index
        self._index = index
        self.buttons[index].setChecked(True)
        if changed:
            self.chosen.emit(self.options[index].value)

    # -- keyboard ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text().lower()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text.isdigit() and text != "0":
            self._pick(int(text) - 1)
        elif plain and text and text.isalpha() and text in self.letters:
            self._pick(self.letters[text])
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._pick(min(self._index + 1, len(self.options) - 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._pick(max(self._index - 1, 0))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._show_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._show_focus(False)
        super().focusOutEvent(event)

    def _show_focus(self, on: bool) -> None:
        self.setProperty("focused", on)
        self.style().unpolish(self)
        self.style().polish(self)


class Section(QFrame):
    """A card with a title; ``body`` is its layout.

    :meth:`headline` puts the section's main finding on the title row, the
    title being its label (its mnemonic focuses it).
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 8)
        column.setSpacing(4)
        self.top = QHBoxLayout()
        self.top.setSpacing(8)
        self.title = QLabel(title, self)
        self.title.setObjectName("section-title")
        self.top.addWidget(self.title, 1)
        column.addLayout(self.top)
        self.body = QGridLayout()
        self.body.setHorizontalSpacing(8)
        self.body.setVerticalSpacing(5)
        self.body.setColumnStretch(1, 1)
        column.addLayout(self.body)

    def headline(self, field: QWidget) -> QWidget:
        """Put ``field`` on the title row; the title becomes its label."""
        self.title.setBuddy(field)
        if isinstance(field, Choice):
            field.setProperty("compact", True)
        field.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.top.addWidget(field, 0, Qt.AlignmentFlag.AlignRight)
        return field

    def row(
        self, label: QLabel | None, field: QWidget, *, span: bool = False, above: bool = False
    ) -> QLabel | None:
        """Add a field with its label (its buddy: the mnemonic focuses it); returns the label.

        ``above`` puts the label on its own line and the field under it, full width;
        ``span`` (or no label) gives the field the whole width.
        """
        row = self.body.rowCount()
        if label is not None:
            label.setBuddy(field)
            label.setObjectName("field-label")
            if above:
                self.body.addWidget(label, row, 0, 1, 2)
                row += 1
            else:
                self.body.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
        if span or above or label is None:
            self.body.addWidget(field, row, 0, 1, 2)
        else:
            self.body.addWidget(field, row, 1)
        return label


class WrappingList(QListWidget):
    """A list whose long lines wrap (never a horizontal scroll bar) and whose height
    follows its first ``rows`` lines as wrapped at its current width (a vertical
    scroll bar only beyond them)."""

    def __init__(self, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._width = -1

    def fit(self) -> None:
        """Set the height for the lines shown (call after changing the items)."""
        shown = min(max(self.count(), 1), self.rows)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.count() > shown
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.doItemsLayout()  # the rows as wrapped at the current width
        tall = (
            sum(
                max(self.visualItemRect(self.item(i)).height(), 14)
                for i in range(self.count())[:shown]
            )
            or self.fontMetrics().height()
        )
        self.setFixedHeight(tall + 2 * self.frameWidth() + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # narrower: the lines wrap into more rows
            self._width = event.size().width()
            self.fit()


STYLE = """
QWidget#opinion-panel { background: #eef1f5; }
QScrollArea#opinion-form, QWidget#opinion-form-body { background: #eef1f5; border: none; }
QFrame#section { background: white; border: 1px solid #d5dbe3; border-radius: 6px; }
QLabel#section-title { color: #1f3a5f; font-weight: 600; font-size: 11pt; }
QLabel#field-label { color: #3b4754; }
QLabel#hint { color: #6b7785; }
QLabel#score { font-size: 13pt; font-weight: 700; color: #1f3a5f; }
QFrame#choice { border: 2px solid transparent; border-radius: 5px; }
QFrame#choice[focused="true"] { border: 2px solid #2d6cdf; }
QFrame#choice QToolButton { background: #f8f9fb; color: #2b3440; border: 1px solid #b8c1cc;
    padding: 3px 8px; margin: 0; min-height: 18px; }
QFrame#choice QToolButton[edge="first"] { border-top-left-radius: 4px;
    border-bottom-left-radius: 4px; }
QFrame#choice QToolButton[edge="last"] { border-top-right-radius: 4px;
    border-bottom-right-radius: 4px; }
QFrame#choice QToolButton[edge="only"] { border-radius: 4px; }
QFrame#choice[compact="true"] QToolButton { padding: 2px 5px; }
QFrame#choice QToolButton:hover { background: #eef2f7; }
QFrame#choice QToolButton:checked[tone="open"] { background: #fff3cd; border-color: #d39e00;
    color: #5c4400; font-weight: 600; }
QFrame#choice QToolButton:checked[tone="clear"] { background: #dff3e6; border-color: #2e8b57;
    color: #1d5e3a; font-weight: 600; }
QFrame#choice QToolButton:checked[tone="alert"] { background: #fbe3e1; border-color: #c0392b;
    color: #8e1b10; font-weight: 600; }
QFrame#choice QToolButton:checked[tone="neutral"] { background: #e3ecfb; border-color: #2d6cdf;
    color: #17428f; font-weight: 600; }
QFrame#choice QToolButton:disabled { color: #9aa4af; }
QFrame#header { background: #1f2d3d; border-radius: 6px; }
QFrame#header QLabel { color: #e8edf3; }
QLabel#patient { color: white; font-size: 13pt; font-weight: 700; }
QFrame#header QLabel#lkw { background: #ffd866; color: #3a2c00; border-radius: 4px;
    padding: 2px 6px; font-weight: 600; }
QLabel#banner-ok { background: #dff3e6; color: #1d5e3a; border: 1px solid #9fd3b1;
    border-radius: 4px; padding: 4px 6px; }
QLabel#banner-warn { background: #fff3cd; color: #5c4400; border: 1px solid #e8cf7a;
    border-radius: 4px; padding: 4px 6px; }
QLabel#banner-error { background: #fbe3e1; color: #8e1b10; border: 1px solid #e6a39c;
    border-radius: 4px; padding: 4px 6px; font-weight: 600; }
QFrame#footer { background: white; border: 1px solid #d5dbe3; border-radius: 6px; }
QListWidget#missing { border: none; background: #fffaf0; color: #5c4400; }
QWidget#opinion-panel QCheckBox { color: #2b3440; spacing: 6px; }
QWidget#opinion-panel QCheckBox::indicator { width: 13px; height: 13px; background: white;
    border: 1px solid #5b6775; border-radius: 3px; }
QWidget#opinion-panel QCheckBox::indicator:hover { border-color: #2d6cdf; }
QWidget#opinion-panel QCheckBox::indicator:checked { background: #2d6cdf;
    border: 1px solid #17428f; }
QWidget#opinion-panel QCheckBox::indicator:disabled { background: #e6e9ee;
    border-color: #b8c1cc; }
QWidget#opinion-panel QCheckBox::indicator:checked:disabled { background: #9fb2d6; }
QPushButton#primary { background: #2d6cdf; color: white; border: 1px solid #2359b8;
    border-radius: 4px; padding: 6px 12px; font-weight: 600; }
QPushButton#primary:disabled { background: #b9c7e0; border-color: #b9c7e0; color: #eef2f8; }
QPushButton#secondary { background: white; color: #2d6cdf; border: 1px solid #2d6cdf;
    border-radius: 4px; padding: 6px 12px; font-weight: 600; }
QPushButton#secondary:disabled { color: #9fb2d6; border-color: #c5d1e8; }
"""
