"""Style sheets scoped by object name (``QWidget#request-panel QLabel { … }``): the widget
takes its name and its sheet together, so the sheet's selectors match it and its children
and nothing around it. And the app's icon (:func:`app_icon`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

#: ``resources/`` beside the ``app`` package: the checkout, or ``sys._MEIPASS`` in the
#: PyInstaller bundle (``packaging/strokelink.spec`` copies ``resources/icons`` there).
ICON_PATH = Path(__file__).resolve().parents[2] / "resources" / "icons" / "strokelink.png"


def app_icon() -> QIcon:
    """StrokeLink's icon (an empty icon, never an error, when the file is missing)."""
    return QIcon(str(ICON_PATH)) if ICON_PATH.is_file() else QIcon()


def style_as(widget: QWidget, name: str, sheet: str) -> None:
    """Name ``widget`` (the ``#name`` of ``sheet``'s selectors) and give it ``sheet``."""
    widget.setObjectName(name)
    widget.setStyleSheet(sheet)
