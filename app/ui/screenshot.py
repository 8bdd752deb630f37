"""Screenshots of the whole X screen (``import -window root``, ImageMagick).

``QWidget.grab()`` is black over VTK views, so verification screenshots take the
X server's root window instead.
"""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def grab_screen(path: str) -> None:
    """Write a PNG of the X screen; raises ``RuntimeError`` when impossible."""
    tool = shutil.which("import")
    if tool is None:
        raise RuntimeError("ImageMagick's 'import' is needed for screenshots")
    subprocess.run([tool, "-window", "root", path], check=True, timeout=30)


def save_screen_when_loaded(window: QMainWindow, path: str, delay_ms: int = 1500) -> None:
    """Once the window has shown its first data, save the screen and quit."""

    def shoot() -> None:
        QApplication.processEvents()
        grab_screen(path)
        print(f"screenshot written to {path}")
        QApplication.quit()

    QTimer.singleShot(delay_ms, shoot)
