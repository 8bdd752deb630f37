"""The worklist's table view: badges, and rows that never move under the pointer (issue #9).

:class:`WorklistTable` shows a :class:`~app.ui.worklist.view.WorklistTableModel`:

* while the pointer is over the rows — it moved or pressed there since it
  entered: a list that merely appears under a resting pointer is not held —
  the model holds them in place (:meth:`WorklistTableModel.set_held`); the
  new order is applied when the pointer leaves;
* tooltips show the hub's text (site, question, names) as sent, never as HTML
  (:func:`app.ui.plain_text.tooltip`);
* a double-click opens the request that was under the pointer when the
  mouse button was *pressed* (its workitem UID is kept at the press), not
  whatever row lies there at the double-click: ``requestOpened(uid)``;
  Enter / Return opens the current row the same way.

:class:`BadgeDelegate` paints the flags column's badges (red / amber pills
with their text; the tooltip gives the details).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from app.ui.plain_text import tooltip
from app.ui.worklist import clinical_words as words
from app.ui.worklist.view import BADGES_ROLE, Column, WorklistTableModel

Index = QModelIndex | QPersistentModelIndex
BADGE_GAP = 4
BADGE_PAD = 6
BADGE_SLACK = 4  # text advance is rounded: room so that a badge's words are never cut


class BadgeDelegate(QStyledItemDelegate):
    """Paints a cell's :data:`BADGES_ROLE` list as coloured pills."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        badges: list[words.Flag] = index.data(BADGES_ROLE) or []
        if not badges:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # selection / alternate row background, no text
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(option.font)
        metrics = option.fontMetrics
        rect = option.rect.adjusted(2, 3, -2, -3)
        x = rect.left()
        for badge in badges:
            width = metrics.horizontalAdvance(badge.short) + 2 * BADGE_PAD + BADGE_SLACK
            pill = QRect(x, rect.top(), min(width, rect.right() - x), rect.height())
            if pill.width() <= 2 * BADGE_PAD:
                break
            background, ink = words.TONE_COLOURS[badge.tone]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(pill, 7, 7)
            painter.setPen(QColor(ink))
            room = pill.width() - 2 * BADGE_PAD
            words_shown = badge.short
            if metrics.horizontalAdvance(words_shown) > room:  # no room left in the cell
                words_shown = metrics.elidedText(words_shown, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                pill.adjusted(BADGE_PAD, 0, -BADGE_PAD, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter,
                words_shown,
            )
            x += width + BADGE_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> Any:
        size = super().sizeHint(option, index)
        badges: list[words.Flag] = index.data(BADGES_ROLE) or []
        if badges:
            metrics = option.fontMetrics
            width = sum(
                metrics.horizontalAdvance(b.short) + 2 * BADGE_PAD + BADGE_SLACK for b in badges
            )
            size.setWidth(width + BADGE_GAP * (len(badges) - 1) + 8)
        return size


class WorklistTable(QTableView):
    """The worklist's rows (module docstring); ``requestOpened(workitem_uid)``."""

    requestOpened = Signal(str)

    def __init__(self, model: WorklistTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worklist_model = model
        self.setModel(model)
        self.pressed_uid = ""  # the request under the pointer at the last press
        self.badges = BadgeDelegate(self)
        self.setItemDelegateForColumn(Column.FLAGS, self.badges)
        self.viewport().setMouseTracking(True)
        self.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport():
            kind = event.type()
            if kind in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress):
                if not self.worklist_model.held:
                    self.worklist_model.set_held(True)
            elif kind == QEvent.Type.Leave:
                self.worklist_model.set_held(False)
        return super().eventFilter(watched, event)

    def viewportEvent(self, event: QEvent) -> bool:
        """A cell's tooltip as plain text: the hub's words are never read as HTML."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            if text:
                QToolTip.showText(
                    event.globalPos(), tooltip(str(text)), self.viewport(), self.visualRect(index)
                )
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.worklist_model.set_held(False)
        super().hideEvent(event)

    def uid_at(self, index: QModelIndex) -> str:
        if not index.isValid():
            return ""
        return self.worklist_model.request_at(index.row()).workitem_uid

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pressed_uid = self.uid_at(self.indexAt(event.position().toPoint()))
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Open the request pressed first, whatever row lies under the pointer now."""
        if event.button() == Qt.MouseButton.LeftButton and self.pressed_uid:
            event.accept()
            self.requestOpened.emit(self.pressed_uid)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            uid = self.uid_at(self.currentIndex())
            if uid:
                event.accept()
                self.requestOpened.emit(uid)
                return
        super().keyPressEvent(event)
