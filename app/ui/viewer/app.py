"""Starting the viewer on its own (``strokelink view``)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.i18n import install_translators
from app.ui.viewer.window import ViewerWindow


def run_viewer(
    path: str,
    *,
    protocol: str | None = None,
    screenshot: str | None = None,
    lang: str | None = None,
    settle_ms: int = 1200,
) -> int:
    """Open a :class:`ViewerWindow` on ``path``; with ``screenshot``, save the screen once
    everything is loaded, then quit (exit code 1 when the folder held no image)."""
    if sys.platform.startswith("linux") and os.environ.get("WAYLAND_DISPLAY") is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    install_translators(app, lang)
    window = ViewerWindow(protocol=protocol)
    window.show()
    window.open_folder(path)
    outcome = {"code": 0}
    if screenshot:
        from app.ui.screenshot import grab_screen

        def shoot() -> None:
            app.processEvents()
            for mpr in window.mpr_widgets():
                mpr.redraw()
            app.processEvents()
            grab_screen(screenshot)
            print(f"screenshot written to {screenshot}")
            window.close()
            app.quit()

        def finished() -> None:
            if not window.study.series:
                outcome["code"] = 1
            QTimer.singleShot(settle_ms, shoot)

        window.loadingFinished.connect(finished)
    code = int(app.exec())
    window.close_views()
    return outcome["code"] or code
