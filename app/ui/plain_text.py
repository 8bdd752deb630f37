"""Text from the hub (names, sites, questions, descriptions) shown exactly as sent.

Qt reads a label's or a tooltip's text that looks like HTML (``Qt.mightBeRichText``)
as rich text: ``<b>x</b>`` typed at the ED would show as a bold "x", and a link
could be slipped in. Labels showing such text are set to plain text
(:func:`plain_label`, :func:`plain_text_label`); a tooltip has no such
setting, so :func:`tooltip` escapes a text that would be read as HTML (its
line breaks kept).
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt  # QtGui's Qt: with mightBeRichText
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["plain_label", "plain_text_label", "selectable_label", "tooltip"]


def tooltip(text: str) -> str:
    """``text`` as a tooltip shows it literally (unchanged unless Qt would read it as HTML)."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def plain_label(label: QLabel) -> QLabel:
    """Show the label's text as plain text (never HTML); returns the label."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_text_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A new label showing ``text`` as plain text."""
    label = plain_label(QLabel(parent))
    label.setText(text)
    return label


def selectable_label(
    text: str = "", style: str = "", parent: QWidget | None = None, *, plain: bool = False
) -> QLabel:
    """A word-wrapped label whose text the mouse can select, with the style sheet ``style``;
    ``plain``: the text shown as plain text (see :func:`plain_label`)."""
    label = plain_label(QLabel(parent)) if plain else QLabel(parent)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label
