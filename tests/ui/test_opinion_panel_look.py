"""The opinion panel read in the viewer's dark window (issue #13 item 4): its check boxes
show their box, empty and ticked, and the "missing before sending" list wraps its lines
instead of scrolling sideways. Screenshots go to ``$STROKELINK_SHOTS`` when set."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QMainWindow,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from app.hub.client import HttpHub
from app.outbox.store import Backoff
from app.ui.case_opener import LIGHT_DOCK
from app.ui.opinion.outbox_panel import OutboxRunner
from app.ui.opinion.panel import OpinionPanel
from app.ui.style import style_as
from app.ui.viewer.window import STYLE as VIEWER_STYLE
from minihub.server import HubServer
from tests.app.opinion_session_util import Desk, claimed_request
from tests.app.sending_util import FAST


@pytest.fixture
def docked(qtbot: Any, tmp_path: Path) -> Iterator[tuple[QMainWindow, OpinionPanel]]:
    """The panel on a claimed case, docked in a window with the viewer's dark sheet."""
    server = HubServer(tmp_path / "hub").start()
    hub = HttpHub(server.base_url, retry=FAST)
    now = lambda: dt.datetime.now().astimezone()  # noqa: E731
    desk = Desk(tmp_path / "desk", server.base_url, now, {"backoff": Backoff(first_s=0.5)})
    case, request = claimed_request(hub, tmp_path / "study", desk)
    runner = OutboxRunner(desk.outbox, interval_ms=60_000)
    window = QMainWindow()
    style_as(window, "viewer-window", VIEWER_STYLE)
    window.setCentralWidget(QWidget())
    dock = QDockWidget("Avis", window)
    dock.setObjectName("opinion-dock")
    dock.setStyleSheet(LIGHT_DOCK)
    panel = OpinionPanel(desk.session(request, case.study), runner)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(window)
    window.resize(760, 980)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window, panel
    finally:
        runner.stop()
        hub.close()
        server.stop()


def shot(widget: QWidget, name: str) -> QImage:
    image = widget.grab().toImage()
    folder = os.environ.get("STROKELINK_SHOTS")
    if folder:
        image.save(str(Path(folder) / name))
    return image


def indicator(box: QCheckBox) -> tuple[QImage, QPoint, QPoint]:
    """The box's picture, the centre of its indicator and a point just outside it."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert rect.width() >= 10 and rect.height() >= 10
    parent = box.window()
    image = parent.grab().toImage()  # with what surrounds the box
    ratio = image.devicePixelRatio()
    rect.translate(box.mapTo(parent, QPoint(0, 0)))
    centre = QPoint(int(rect.center().x() * ratio), int(rect.center().y() * ratio))
    outside = QPoint(int((rect.left() - 3) * ratio), centre.y())
    assert outside.x() >= 0
    return image, centre, outside


def lightness(image: QImage, point: QPoint) -> int:
    return QColor(image.pixel(point)).lightness()


def test_check_boxes_show_their_box_in_the_dark_window(qtbot, docked) -> None:
    window, panel = docked
    box = next(iter(panel.form.series_checks.values()))
    assert not box.isChecked()
    shot(window, "opinion-panel-dark-window.png")
    image, centre, outside = indicator(box)
    fill = QColor(image.pixel(centre))
    assert fill.lightness() > 230  # an empty box: white...
    border = min(
        lightness(image, QPoint(x, centre.y())) for x in range(outside.x() + 1, centre.x())
    )
    assert border < 140  # ...inside a dark border, seen against the light panel
    assert lightness(image, outside) > 200
    shot(panel, "opinion-checkboxes-dark-window.png")

    box.click()
    image, centre, _ = indicator(box)
    ticked = QColor(image.pixel(centre))
    assert ticked.blue() > 150 and ticked.red() < 120  # ticked: filled with blue


def test_missing_lines_wrap_instead_of_scrolling_sideways(qtbot, docked) -> None:
    _window, panel = docked
    panel._show_missing()
    missing = panel.missing
    assert missing.count() >= 3
    metrics = QFontMetrics(missing.font())
    viewport = missing.viewport().width()
    texts = [missing.item(i).text() for i in range(missing.count())]
    assert any(metrics.horizontalAdvance(t) > viewport for t in texts)  # wrapping is needed
    assert not missing.horizontalScrollBar().isVisible()
    assert missing.horizontalScrollBar().maximum() == 0
    for i in range(missing.count()):
        rect = missing.visualItemRect(missing.item(i))
        assert rect.width() <= viewport, texts[i]
    first = missing.visualItemRect(missing.item(0))
    assert first.height() <= missing.height()  # the first (wrapped) line is seen whole
    shot(panel, "opinion-missing-wrapped.png")
