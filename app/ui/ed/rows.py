"""A row of the ED's widgets: one takes the spare width, the others follow at their size."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def stretch_row(stretched: QWidget, *widgets: QWidget) -> QHBoxLayout:
    """``stretched`` (a status, a progress bar, a choice) then ``widgets`` (buttons)."""
    row = QHBoxLayout()
    row.addWidget(stretched, 1)
    for widget in widgets:
        row.addWidget(widget)
    return row
