"""The worklist never moves a row under the pointer (issue #9), on a real minihub.

The alert banner above the list keeps one height whatever it says (or when
hidden); a new request arriving while the pointer is over the list goes to
the end until the pointer leaves, then the list is sorted again; a
double-click opens the request that was under the pointer when the button
was pressed, even when the list changed between the press and the double-click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtTest import QTest

from app.hub.client import HttpHub
from app.ui.main import MainWindow
from app.ui.worklist.view import Column
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import Filter
from minihub.server import HubServer
from tests.ui.worklist_util import cell, create_request, make_window


def row_centre(window: MainWindow, uid: str) -> QPoint:
    """Centre of the request's row, in the table's viewport."""
    rect = window.table.visualRect(window.model.index(window.model.row_of(uid), 2))
    return rect.center()


def on_screen(window: MainWindow, uid: str) -> QPoint:
    return window.table.viewport().mapToGlobal(row_centre(window, uid))


def away_from(window: MainWindow) -> QPoint:
    screen = QGuiApplication.primaryScreen().geometry()
    away = QPoint(screen.right() - 1, screen.bottom() - 1)
    assert not window.frameGeometry().contains(away)
    return away


def point_at(qtbot, window: MainWindow, uid: str) -> None:
    """Move the real pointer (X server) onto the request's row."""
    QCursor.setPos(away_from(window))  # a list under a resting pointer is not held: move
    qtbot.waitUntil(lambda: not window.table.viewport().underMouse(), timeout=5000)
    QCursor.setPos(on_screen(window, uid) + QPoint(3, 0))  # enters the window…
    qtbot.waitUntil(lambda: window.table.viewport().underMouse(), timeout=5000)
    QCursor.setPos(on_screen(window, uid))  # … and moves over the row
    qtbot.waitUntil(lambda: window.model.held, timeout=5000)


def point_away(qtbot, window: MainWindow) -> None:
    QCursor.setPos(away_from(window))
    qtbot.waitUntil(lambda: not window.table.viewport().underMouse(), timeout=5000)
    assert not window.model.held


def refresh(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.refresh()


def two_requests(qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path) -> tuple[str, str, MainWindow]:
    """Two requests (8 and 4 minutes old) and the worklist window showing them."""
    first = create_request(ed, minutes_ago=8)
    second = create_request(ed, minutes_ago=4)
    return first, second, make_window(qtbot, hub.base_url, tmp_path)


def test_the_banner_never_moves_the_rows(qtbot, hub: HubServer, ed: HttpHub, tmp_path) -> None:
    first, second, window = two_requests(qtbot, hub, ed, tmp_path)
    window.banner.hide()
    QGuiApplication.processEvents()
    point_at(qtbot, window, second)
    where = on_screen(window, second)
    height = window.banner.height()
    long_text = "1 new stroke request — " + "CH Verdun, Urgences — Thrombolysis? — " * 12
    for show in (
        lambda: window.show_banner(long_text, loud=True),
        lambda: window.show_banner("Claimed."),
        lambda: window.show_banner("Hub unreachable: connection refused", kind="error"),
        window.banner.hide,
    ):
        show()
        QGuiApplication.processEvents()
        assert window.banner.height() == height
        assert on_screen(window, second) == where
        assert window.model.row_of(first) == 0 and window.model.row_of(second) == 1
    window.show_banner(long_text, loud=True)
    QGuiApplication.processEvents()
    assert window.banner_text() == long_text  # whole, though cut on screen
    assert window.banner.label.text().endswith("…") and window.banner.label.toolTip() == long_text


def test_a_new_request_waits_at_the_end_while_the_pointer_is_on_the_list(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    first, second, window = two_requests(qtbot, hub, ed, tmp_path)
    point_at(qtbot, window, second)
    where = on_screen(window, second)

    urgent = create_request(ed, minutes_ago=30, name="SYNTH^URGENT")  # waiting longest
    refresh(qtbot, window)
    assert [window.model.row_of(u) for u in (first, second, urgent)] == [0, 1, 2]
    assert on_screen(window, second) == where  # the row under the pointer stayed
    assert window.shown.requests[0].workitem_uid == urgent  # the sorted list is known

    point_away(qtbot, window)  # the pointer leaves: sorted again, the longest waiting first
    assert [window.model.row_of(u) for u in (urgent, first, second)] == [0, 1, 2]


def test_double_click_opens_the_request_pressed(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    first, second, window = two_requests(qtbot, hub, ed, tmp_path)
    point_away(qtbot, window)
    viewport = window.table.viewport()
    pos = row_centre(window, second)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert window.table.pressed_uid == second

    urgent = create_request(
        ed, minutes_ago=30, name="SYNTH^URGENT"
    )  # waiting longest  # arrives meanwhile
    refresh(qtbot, window)
    window.model.set_held(False)  # … and the list is sorted again before the double-click
    under = window.model.request_at(window.table.indexAt(pos).row()).workitem_uid
    assert under == first and window.model.row_of(urgent) == 0  # another row lies there now

    with qtbot.waitSignal(window.table.requestOpened, timeout=2000) as opened:
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert opened.args == [second]
    selected = window.selected_request()
    assert selected is not None and selected.workitem_uid == second
    assert "Claim this request first" in window.banner_text()  # acted on the pressed one


def test_enter_opens_the_current_row(qtbot, hub: HubServer, ed: HttpHub, tmp_path) -> None:
    _, second, window = two_requests(qtbot, hub, ed, tmp_path)
    assert window.select(second)
    window.table.setFocus()
    with qtbot.waitSignal(window.table.requestOpened, timeout=2000) as opened:
        QTest.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [second]


def test_a_request_leaving_the_list_stays_greyed_until_the_pointer_leaves(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    first, second, window = two_requests(qtbot, hub, ed, tmp_path)
    window.set_filter(Filter.UNCLAIMED)
    point_at(qtbot, window, second)
    where = on_screen(window, second)

    claim_request(ed, ClaimStore(tmp_path / "colleague.json"), first, "MARTIN^Paul")
    refresh(qtbot, window)  # claimed by a colleague: no longer "unclaimed"
    assert window.model.row_of(first) == 0 and on_screen(window, second) == where
    assert cell(window, first, Column.STATE) == "No longer in this list"
    grey = window.model.index(0, Column.PATIENT).data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == "#9e9e9e"

    point_away(qtbot, window)
    assert window.model.row_of(first) == -1 and window.model.row_of(second) == 0
