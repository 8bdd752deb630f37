"""Issue #13 follow-up: the ED window has no empty band over its tabs; both windows have
StrokeLink's icon (found beside the package, as in the PyInstaller bundle)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint

from app.ui.style import ICON_PATH, app_icon
from minihub.server import HubServer
from tests.ui.ed_util import make_ed_window
from tests.ui.worklist_util import make_window


def gap_under_menu(window: Any) -> int:
    """Pixels between the menu bar's bottom and the tab widget's top."""
    menu_bottom = window.menuBar().geometry().bottom()
    return window.tabs.mapTo(window, QPoint(0, 0)).y() - menu_bottom - 1


def test_no_empty_band_over_the_ed_tabs(qtbot: Any, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    qtbot.waitExposed(window)
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: gap_under_menu(window) <= 8)
    window.show_banner("Test message")
    qtbot.waitUntil(lambda: gap_under_menu(window) > window.banner.height())
    assert window.banner.isVisible()
    window.banner.hide()
    qtbot.waitUntil(lambda: gap_under_menu(window) <= 8)


def test_the_windows_have_strokelink_s_icon(qtbot: Any, hub: HubServer, tmp_path: Path) -> None:
    assert ICON_PATH.is_file()
    assert ICON_PATH.parent.parent.parent == Path(__file__).resolve().parents[2]
    assert not app_icon().isNull()
    ed = make_ed_window(qtbot, hub.base_url, tmp_path / "ed")
    worklist = make_window(qtbot, hub.base_url, tmp_path / "worklist")
    for window in (ed, worklist):
        assert not window.windowIcon().isNull()
        assert window.windowIcon().cacheKey() != 0
