"""Finds the English a French user would see: the reusable walker of ``test_all_french``.

:func:`visible_texts` collects every text a window shows (labels, buttons, group titles,
tab texts, window titles, menu and toolbar actions, item view headers and cells,
placeholders, combo items, tooltips, status bar), the pages of tab and stacked widgets
included; :func:`english` keeps the ones that are still English:

- equal to, or built from (a line, a part between separators, a ``%1`` pattern), a
  source text of ``strokelink_fr.ts`` whose French translation differs and that is
  not itself some French translation (``"Date"``, ``"NIHSS"`` are both);
- or holding a word of :data:`NEVER_FRENCH`, English words that no French screen shows
  (words the two languages share, such as "Patient" or "Occlusion", are not in it).

Data values (names, sites, UIDs, numbers) are not texts to translate: pass them as
``data`` and they are cut out of every text before it is judged.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QStatusBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from app.ui.i18n import TRANSLATIONS_DIR

#: English words never shown on a French screen (whole words, any case).
NEVER_FRENCH = (
    "the", "and", "of", "with", "without", "not", "is", "are", "was", "has", "have", "be",
    "to", "from", "for", "this", "that", "your", "you", "please", "still", "yet", "will",
    "Born", "Sex", "Male", "Female", "Priority", "Waiting", "Request", "Requests",
    "Send", "Sending", "Sent", "Cancel", "Close", "Save", "Settings",
    "Study", "Studies", "Error", "Warning", "Yes", "unreachable", "failed", "known", "well",
    "Haemorrhage", "Hemorrhage", "None", "Unknown", "Left", "Right", "Claim", "Claimed",
    "Open", "Refresh", "Delivered", "Read", "Unread", "Preliminary",
    "Amended", "Missing", "Required", "Reason", "Identity", "Name", "Birth", "Quit",
    "Thrombectomy", "Thrombolysis", "Contraindicated", "Answered", "Pending",
    "Acknowledged", "Received", "Hours", "Ago", "Today", "Yesterday",
    "Done", "Connected", "Connection", "Signed", "Key", "Check",
)  # fmt: skip

_PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_0-9]*(?:[:!][^}]*)?\}")
_SEPARATORS = re.compile(r"\n|\s[·—–|•]\s|:\s|;\s|\.\s|\s\(|\)\s?|,\s")
_ACCEL = re.compile(r"&(?!&)")
_MIN_INSIDE = 12  # a source this long (and of two words or more) is English inside any text


@dataclass(frozen=True)
class Shown:
    """One text on screen and where: the widget's class and object name, the kind of text."""

    where: str
    text: str


@dataclass(frozen=True)
class Found:
    shown: Shown
    why: str

    def __str__(self) -> str:
        return f"{self.shown.where}: {self.shown.text!r} ({self.why})"


@dataclass(frozen=True)
class Catalogue:
    """The English of ``strokelink_<lang>.ts``: whole texts, ``%1`` patterns, long phrases."""

    exact: frozenset[str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    inside: tuple[str, ...]


def _clean(text: str) -> str:
    return " ".join(_ACCEL.sub("", text).replace("&&", "&").split()).strip(" .…:")


@cache
def catalogue(lang: str = "fr") -> Catalogue:
    """The source texts whose ``lang`` translation differs, none being a translation too."""
    root = ET.parse(TRANSLATIONS_DIR / f"strokelink_{lang}.ts").getroot()
    pairs: list[tuple[str, list[str]]] = []
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        if node is None or node.get("type") in ("unfinished", "vanished", "obsolete"):
            continue  # not translated yet: ``scripts/i18n.py check`` says so
        forms = [f.text or "" for f in node.findall("numerusform")] or [node.text or ""]
        pairs.append((source, forms))
    translations = {_clean(t) for _, forms in pairs for t in forms}
    for _, forms in pairs:  # each line of a translation is French too
        translations.update(_clean(line) for t in forms for line in t.splitlines())
    exact: set[str] = set()
    patterns: list[tuple[re.Pattern[str], str]] = []
    inside: list[str] = []
    for source, forms in pairs:
        if all(_clean(t) == _clean(source) for t in forms):
            continue
        for line in {source, *source.splitlines()}:
            text = _clean(line)
            if not re.search(r"[A-Za-z]{2}", text) or text in translations:
                continue
            if _PLACEHOLDER.search(text):
                literal = _PLACEHOLDER.sub(" ", text)
                if len(re.findall(r"[A-Za-z]{3,}", literal)) == 0:
                    continue
                parts = [re.escape(p) for p in _PLACEHOLDER.split(text)]
                regex = "(?:.+?)".join(parts)
                patterns.append((re.compile(regex, re.DOTALL), source))
                for part in _PLACEHOLDER.split(text):  # the literal parts, when long enough
                    piece = part.strip(" .:()—-,")
                    if len(piece) >= _MIN_INSIDE and " " in piece and piece not in translations:
                        inside.append(piece)
            else:
                exact.add(text)
                if len(text) >= _MIN_INSIDE and " " in text:
                    inside.append(text)
    return Catalogue(frozenset(exact), tuple(patterns), tuple(sorted(set(inside))))


def _plain(text: str) -> str:
    if "<" in text and re.search(r"</?[a-zA-Z][^>]*>", text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _columns(model: Any, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model's columnCount is private in PySide
        return 1


def _model_texts(view: QAbstractItemView, where: str) -> list[Shown]:
    model = view.model()
    if model is None:
        return []
    shown: list[Shown] = []
    hidden_columns = set()
    header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    header_view = header() if header is not None else None
    for column in range(_columns(model, QModelIndex())):
        if header_view is not None and header_view.isSectionHidden(column):
            hidden_columns.add(column)
            continue
        if header_view is not None and not header_view.isHidden():
            title = model.headerData(column, Qt.Orientation.Horizontal)
            if title:
                shown.append(Shown(f"{where} header", str(title)))
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            if tip:
                shown.append(Shown(f"{where} header tooltip", str(tip)))

    def rows(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(max(_columns(model, parent), 1)):
                if column in hidden_columns:
                    continue
                index = model.index(row, column, parent)
                for role, kind in (
                    (Qt.ItemDataRole.DisplayRole, "cell"),
                    (Qt.ItemDataRole.ToolTipRole, "cell tooltip"),
                ):
                    value = index.data(role)
                    if isinstance(value, str) and value:
                        shown.append(Shown(f"{where} {kind} {row},{column}", value))
                if column == 0 and depth < 4 and model.rowCount(index) > 0:
                    rows(index, depth + 1)

    rows(QModelIndex(), 0)
    return shown


def _action_texts(actions: Iterable[QAction], where: str) -> list[Shown]:
    shown: list[Shown] = []
    for action in actions:
        if not action.isVisible() or action.isSeparator():
            continue
        if action.text():
            shown.append(Shown(f"{where} action", action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            shown.append(Shown(f"{where} action tooltip", action.toolTip()))
        if action.statusTip():
            shown.append(Shown(f"{where} action status tip", action.statusTip()))
        menu = action.menu()
        if isinstance(menu, QMenu):
            shown.extend(_action_texts(menu.actions(), f"{where} > {action.text()}"))
    return shown


def _own_texts(widget: QWidget, where: str) -> list[Shown]:
    texts: list[tuple[str, str]] = []
    if widget.isWindow() and widget.windowTitle():
        texts.append(("window title", widget.windowTitle()))
    if widget.toolTip():
        texts.append(("tooltip", widget.toolTip()))
    if isinstance(widget, QLabel):
        texts.append(("label", widget.text()))
    elif isinstance(widget, QAbstractButton):
        texts.append(("button", widget.text()))
    elif isinstance(widget, QGroupBox):
        texts.append(("group title", widget.title()))
    elif isinstance(widget, QLineEdit):
        texts.append(("placeholder", widget.placeholderText()))
        if widget.isReadOnly():
            texts.append(("read-only text", widget.text()))
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        texts.append(("placeholder", widget.placeholderText()))
        if widget.isReadOnly():
            texts.append(("read-only text", widget.toPlainText()))
    elif isinstance(widget, QComboBox):
        texts.extend(("combo item", widget.itemText(i)) for i in range(widget.count()))
        if widget.isEditable() and widget.lineEdit() is not None:
            texts.append(("placeholder", widget.lineEdit().placeholderText()))
    elif isinstance(widget, QSpinBox):
        texts += [("prefix", widget.prefix()), ("suffix", widget.suffix())]
    elif isinstance(widget, QDateTimeEdit):
        texts.append(("special value", widget.specialValueText()))
    if isinstance(widget, QAbstractSpinBox) and widget.specialValueText():
        texts.append(("special value", widget.specialValueText()))
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            if widget.isTabVisible(i):
                texts += [("tab", widget.tabText(i)), ("tab tooltip", widget.tabToolTip(i))]
    elif isinstance(widget, QTabBar) and not isinstance(widget.parent(), QTabWidget):
        for i in range(widget.count()):
            texts += [("tab", widget.tabText(i)), ("tab tooltip", widget.tabToolTip(i))]
    if isinstance(widget, QStatusBar):
        texts.append(("status message", widget.currentMessage()))
    if isinstance(widget, QMessageBox):
        texts += [("message", widget.text()), ("message details", widget.informativeText())]
    shown = [Shown(f"{where} {kind}", _plain(text)) for kind, text in texts if text]
    if isinstance(widget, QAbstractItemView):
        shown.extend(_model_texts(widget, where))
    if isinstance(widget, QMainWindow) and widget.menuWidget() is not None:
        menu_bar = widget.menuBar()
        shown.extend(_action_texts(menu_bar.actions(), f"{where} menu"))
    if isinstance(widget, QToolBar):
        shown.extend(_action_texts(widget.actions(), f"{where} toolbar"))
    elif widget.actions() and widget.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu:
        shown.extend(_action_texts(widget.actions(), f"{where} context menu"))
    return shown


def visible_texts(root: QWidget) -> list[Shown]:
    """Every text ``root`` shows, with the pages of its tab and stacked widgets.

    A widget hidden on purpose (``isHidden()``) is skipped with its children, except
    a stacked widget's page, which its tab shows when chosen.
    """
    shown: list[Shown] = []

    def walk(widget: QWidget, path: str) -> None:
        name = widget.objectName() or type(widget).__name__
        where = f"{path}/{name}" if path else name
        shown.extend(_own_texts(widget, where))
        for child in widget.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child.isWindow() and not isinstance(child, QMenu):
                continue  # a dialog of its own: walked when the test opens it
            if isinstance(child, QMenu):
                continue  # menus are walked through the actions that hold them
            if child.isHidden() and not isinstance(widget, QStackedWidget):
                continue
            walk(child, where)

    walk(root, "")
    return shown


def _pieces(text: str) -> list[str]:
    pieces = {_clean(text)}
    for line in text.splitlines():
        pieces.add(_clean(line))
        pieces.update(_clean(p) for p in _SEPARATORS.split(line))
    return [p for p in pieces if p]


def _cut(text: str, data: Iterable[str]) -> str:
    for value in sorted({d for d in data if d}, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def english(shown: Iterable[Shown], data: Iterable[str] = (), lang: str = "fr") -> list[Found]:
    """The texts of ``shown`` that are still English (see the module's docstring)."""
    known = catalogue(lang)
    data = tuple(data)
    words = re.compile(r"\b(?:" + "|".join(map(re.escape, NEVER_FRENCH)) + r")\b", re.IGNORECASE)
    found: list[Found] = []
    for item in shown:
        text = _cut(item.text, data)
        whole = _clean(text)
        why = ""
        for piece in _pieces(text):
            if piece in known.exact:
                why = f"English source {piece!r}"
                break
        if not why:
            for pattern, source in known.patterns:
                if any(pattern.fullmatch(p) for p in (whole, *_pieces(text))):
                    why = f"built from English source {source!r}"
                    break
        if not why:
            for phrase in known.inside:
                if re.search(r"\b" + re.escape(phrase) + r"\b", whole):
                    why = f"holds English source {phrase!r}"
                    break
        if not why:
            match = words.search(whole)
            if match:
                why = f"English word {match.group(0)!r}"
        if why:
            found.append(Found(item, why))
    return found


def english_in(root: QWidget, data: Iterable[str] = ()) -> list[Found]:
    """:func:`english` of :func:`visible_texts`: what ``root`` still shows in English."""
    return english(visible_texts(root), data)
