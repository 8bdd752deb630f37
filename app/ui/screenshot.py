"""Screenshots of the whole X screen (``import -window root``, ImageMagick).

``QWidget.grab()`` is black over VTK views, so verification screenshots take the
X server's root window instead.
"""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QMainWindow

from app.ui.system_programs import system_env


def grab_screen(path: str) -> None:
    """Write a PNG of the X screen; raises ``RuntimeError`` when impossible."""
    tool = shutil.which("import")
    if tool is None:
        raise RuntimeError("ImageMagick's 'import' is needed for screenshots")
    subprocess.run([tool, "-window", "root", path], check=True, timeout=30, env=system_env())


def save_screen_when_loaded(
    window: QMainWindow,
    path: str,
    delay_ms: int = 1500,
    ready: SignalInstance | None = None,
    timeout_ms: int = 20_000,
) -> None:
    """Save the screen and quit: ``delay_ms`` after ``ready`` fires (the first data
    is on screen), or after ``delay_ms`` when there is no such signal; at the
    latest after ``timeout_ms``."""
    done = False

    def shoot() -> None:
        nonlocal done
        if done:
            return
        done = True
        QApplication.processEvents()
        grab_screen(path)
        print(f"screenshot written to {path}")
        QApplication.quit()

    if ready is None:
        QTimer.singleShot(delay_ms, shoot)
        return
    ready.connect(lambda: QTimer.singleShot(delay_ms, shoot))
    QTimer.singleShot(timeout_ms, shoot)
