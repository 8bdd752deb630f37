"""Closing the ED window asks first when a request is typed and not sent (Send / Keep
editing / Discard), or while an upload is in progress (quit anyway?). The real question
box is built and its buttons clicked; it is never shown modally (that would block)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.ed.request.state import RequestStateStore
from app.ui.ed.window import EdMainWindow
from minihub.server import HubServer
from tests.app.request_util import third_party_ct
from tests.ui.ed_util import make_ed_window
from tests.ui.upload_util import PausesMidUpload

NOW = dt.datetime(2025, 6, 1, 10, 5).astimezone()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


class Answers:
    """Stands in for the modal question: builds the window's real question box, checks
    it, clicks the button named ``answer`` and returns what the window gets."""

    def __init__(
        self, window: EdMainWindow, answer: str, before: Callable[[], object] = lambda: None
    ) -> None:
        self.window = window
        self.answer = answer
        self.before = before
        self.asked: list[tuple[str, str, list[str]]] = []

    def __call__(self, kind: str) -> str:
        box, answers = self.window.close_question(kind)
        buttons = [b.text().replace("&", "") for b in box.buttons()]
        self.asked.append((kind, box.text(), buttons))
        self.before()
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == self.answer]
        button.click()
        assert box.clickedButton() is button
        return answers[button]


def ready_window(qtbot, hub: HubServer, folder: Path) -> EdMainWindow:
    """A window done with its first look at the hub (closing it stops nothing midway)."""
    window = make_ed_window(qtbot, hub.base_url, folder, clock=lambda: NOW)
    qtbot.waitSignal(window.ready, timeout=10_000).wait()  # emitted from the event loop only
    return window


def test_unsent_request_asks_before_closing(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = ready_window(qtbot, hub, tmp_path)
    clinical = window.request_tab.clinical
    qtbot.mouseClick(clinical.nihss, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(clinical.nihss, "12")

    keep = Answers(window, "Keep editing")
    window.ask_close = keep
    assert not window.close()
    assert window.isVisible() and clinical.nihss.text() == "12"
    [(kind, text, buttons)] = keep.asked
    assert kind == "unsent" and text == "This request has not been sent."
    assert sorted(buttons) == ["Discard", "Keep editing", "Send"]

    send = Answers(window, "Send")
    window.ask_close = send
    window.request_tab.ask = lambda *args: False  # "send without images?": not now
    assert not window.close()
    assert window.isVisible() and window.request_tab.state == "idle"
    assert window.request_tab.status.text() == "Check the fields marked in red."  # no phone

    discard = Answers(window, "Discard")
    window.ask_close = discard
    assert window.close()
    assert not window.isVisible() and len(discard.asked) == 1


def test_blank_form_closes_without_a_question(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = ready_window(qtbot, hub, tmp_path)
    asked: list[str] = []
    window.ask_close = lambda kind: asked.append(kind) or "keep"
    assert window.draft.is_blank()  # the site remembered, the default question: blank
    assert window.close()
    assert asked == [] and not window.isVisible()


def test_upload_in_progress_asks_before_quitting(qtbot, hub: HubServer, tmp_path: Path) -> None:
    client = PausesMidUpload(hub.base_url)
    window = make_ed_window(qtbot, hub.base_url, tmp_path, hub=client, batch_count=1)
    tab = window.request_tab
    with qtbot.waitSignal(tab.images_panel.loaded, timeout=20_000):
        tab.images_panel.load(third_party_ct(tmp_path / "cd"))
    clinical = tab.clinical
    for field, text in ((clinical.physician, "LEROY^Thomas"), (clinical.phone, "03 29 00")):
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(field, text)
    tab.images_panel.confirm_box.click()
    tab.send_button.click()
    qtbot.waitUntil(client.paused.is_set, timeout=10_000)

    keep = Answers(window, "Keep sending")
    window.ask_close = keep
    assert not window.close()
    assert window.isVisible() and tab.state == "sending"
    [(kind, text, buttons)] = keep.asked
    assert kind == "uploading" and text == "An upload is in progress. Quit anyway?"
    assert sorted(buttons) == ["Keep sending", "Quit anyway"]

    quit_anyway = Answers(window, "Quit anyway", before=client.go_on.set)
    window.ask_close = quit_anyway
    assert window.close()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: tab.state == "cancelled", timeout=10_000)
    [unfinished] = RequestStateStore(tmp_path / "requests").unfinished()  # resumable later
    assert unfinished.instances_stored < unfinished.instances_total
