"""An upload interrupted after a first answer, on the ED's list under Xvfb (real minihub).

The staged flow: the NCCT reaches the hub, the radiologist claims the request and
signs a preliminary opinion, the CTA upload stops. The row says both — the
preliminary answer and, on a second line, "Upload interrupted — resume" — and
Resume still sends the CTA. Closing the window while a resume runs asks first,
like an upload from the "New request" tab.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import Progress, SendCancelled, send_request
from app.ed.request.state import RequestStateStore
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.study import Study
from app.ui.ed.requests_tab import RequestsTab
from app.ui.ed.site_requests_view import INTERRUPTED_COLOUR, Column
from app.ui.ed.window import EdMainWindow
from minihub.server import HubServer
from tests.app.answers_util import MARTIN, NOW, deliver, tiny_study
from tests.app.sending_util import Case, Clock
from tests.ui.ed_util import make_ed_window, refreshed
from tests.ui.worklist_util import FAST


def state_cell(tab: RequestsTab, uid: str, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    row = tab.model.row_of(uid)
    assert row >= 0, uid
    return tab.model.index(row, Column.STATE).data(role)


def interrupted_send(base_url: str, folder: Path, store: RequestStateStore) -> tuple[str, str]:
    """The NCCT on the hub and the request created, the send stopped before the CTA;
    returns the request id and the workitem UID."""
    tiny_study(folder)
    form = parse_clinical(example_clinical(NOW), now=NOW)
    seen: list[str] = []

    def progress(p: Progress) -> None:
        seen.append(p.stage)

    with HttpHub(base_url, retry=FAST) as hub, pytest.raises(SendCancelled) as stopped:
        send_request(
            hub, select_images(folder), form, state_store=store, batch_count=1,
            clock=lambda: NOW, on_progress=progress, cancel=lambda: "workitem-created" in seen,
        )  # fmt: skip
    state = stopped.value.state
    assert (state.instances_stored, state.instances_total) == (2, 4)
    return state.request_id, state.workitem_uid


def preliminary(base_url: str, folder: Path, uid: str) -> str:
    """Dr MARTIN claims the request and signs a preliminary opinion on the NCCT."""
    with HttpHub(base_url, retry=FAST) as hub:
        case = Case(Study.from_folder(folder), uid, hub.claim(uid))
        return deliver(
            hub, case, MARTIN, m.ReportKind.PRELIMINARY, at=NOW + dt.timedelta(minutes=4)
        )


def test_an_answered_request_still_offers_to_resume(
    qtbot: Any, module_hub: HubServer, tmp_path: Path
) -> None:
    window = make_ed_window(qtbot, module_hub.base_url, tmp_path / "ed",
                            clock=Clock(NOW + dt.timedelta(minutes=10)))  # fmt: skip
    tab = window.requests_tab
    request_id, uid = interrupted_send(module_hub.base_url, tmp_path / "cd", tab.state_store)
    answer = preliminary(module_hub.base_url, tmp_path / "cd", uid)
    window.tabs.setCurrentWidget(tab)
    refreshed(qtbot, tab)

    assert state_cell(tab, uid) == (
        "Preliminary answer (MARTIN Claire)\n"
        "⚠ Upload interrupted — resume (2 of 4 images on the hub)"
    )
    background = state_cell(tab, uid, Qt.ItemDataRole.BackgroundRole)  # the cell stands out
    assert background.color() == QColor(INTERRUPTED_COLOUR)
    assert tab.select(uid)
    assert tab.view.opinion is not None and tab.view.opinion.document.sop_instance_uid == answer
    assert tab.resume_button.isVisible() and tab.resume_button.isEnabled()

    tab.resume_button.click()
    assert tab.resume_progress.isVisible() and not tab.resume_button.isEnabled()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Upload complete"), timeout=30_000)
    assert tab.status.text() == (
        "Upload complete: 4 images on the hub. The request was already being read: the "
        "radiologist finds them in the study."
    )
    qtbot.waitUntil(lambda: state_cell(tab, uid) == "Preliminary answer (MARTIN Claire)")
    assert not tab.resume_button.isVisible()
    assert tab.state_store.load(request_id).status == "done"
    with HttpHub(module_hub.base_url) as hub:
        study_uid = Study.from_folder(tmp_path / "cd").study_instance_uid
        [cta] = [s for s in tab.state_store.load(request_id).series if s.kind == "cta"]
        assert len(hub.search_instances(study_uid, cta.series_uid)) == 2
    window.close()


class PausesOnStore(HttpHub):
    """A real client whose STOW, once armed, waits until the test lets it go on."""

    def __init__(self, url: str) -> None:
        super().__init__(url, retry=FAST, read_timeout_s=10)
        self.armed = False
        self.paused = threading.Event()
        self.go_on = threading.Event()

    def store_instances(self, *args: Any, **kwargs: Any) -> Any:
        if self.armed:
            self.paused.set()
            self.go_on.wait(10)
        return super().store_instances(*args, **kwargs)


class Answer:
    """Stands in for the modal question: builds the window's real box, clicks ``answer``."""

    def __init__(self, window: EdMainWindow, answer: str, before: Any = lambda: None) -> None:
        self.window, self.answer, self.before = window, answer, before
        self.asked: list[tuple[str, str]] = []

    def __call__(self, kind: str) -> str:
        box, answers = self.window.close_question(kind)
        self.asked.append((kind, box.text()))
        self.before()
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == self.answer]
        button.click()
        return answers[button]


def test_closing_during_a_resume_asks_first(
    qtbot: Any, module_hub: HubServer, tmp_path: Path
) -> None:
    client = PausesOnStore(module_hub.base_url)
    window = make_ed_window(qtbot, module_hub.base_url, tmp_path / "ed", hub=client,
                            clock=Clock(NOW + dt.timedelta(minutes=10)))  # fmt: skip
    tab = window.requests_tab
    request_id, uid = interrupted_send(module_hub.base_url, tmp_path / "cd", tab.state_store)
    refreshed(qtbot, tab)
    assert state_cell(tab, uid).startswith("Upload interrupted — resume")
    assert tab.select(uid)
    client.armed = True
    tab.resume_button.click()
    qtbot.waitUntil(client.paused.is_set, timeout=10_000)
    assert tab.resuming and window.request_tab.state != "sending"

    keep = Answer(window, "Keep sending")
    window.ask_close = keep
    assert not window.close()
    assert window.isVisible() and tab.resuming
    assert keep.asked == [("uploading", "An upload is in progress. Quit anyway?")]

    quit_anyway = Answer(window, "Quit anyway", before=client.go_on.set)
    window.ask_close = quit_anyway
    assert window.close()
    assert not window.isVisible() and [k for k, _ in quit_anyway.asked] == ["uploading"]
    qtbot.waitUntil(lambda: not tab.resuming)  # its end reported; no refresh after closing
    assert not tab._refreshing
    # Closing stopped the resume at its next batch (or let it end): nothing left mid-send.
    assert tab.state_store.load(request_id).status in ("done", "cancelled")
