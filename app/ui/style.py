"""Style sheets scoped by object name (``QWidget#request-panel QLabel { … }``): the widget
takes its name and its sheet together, so the sheet's selectors match it and its children
and nothing around it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def style_as(widget: QWidget, name: str, sheet: str) -> None:
    """Name ``widget`` (the ``#name`` of ``sheet``'s selectors) and give it ``sheet``."""
    widget.setObjectName(name)
    widget.setStyleSheet(sheet)
