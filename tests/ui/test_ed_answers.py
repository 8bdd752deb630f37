"""The ED's requests list under Xvfb against a real minihub (issue #9 items 6 and 7).

Two requests for the same study: each row shows its own answer and who gave it,
both are flagged with their last-known-well times, acknowledging one leaves the
other unread, and an opinion naming no request is shown apart, unmatched. A send
cut part-way by a hub outage shows "Upload interrupted — resume"; one click on
Resume completes the same workitem, with progress.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from PySide6.QtWidgets import QLabel

from app.ed.site_requests import acknowledgements_for
from app.hub.client import HttpHub
from app.opinion import model as m
from app.ui.ed.requests_tab import RequestsTab
from app.ui.ed.site_requests_view import Column
from app.ui.ed.window import EdMainWindow
from minihub.server import HubServer
from tests.app.answers_util import DURAND, MARTIN, NOW, deliver, request_for, stored_study
from tests.app.answers_util import tiny_study as write_tiny_study
from tests.app.sending_util import Clock
from tests.ui.ed_util import PHYSICIAN, SITE, make_ed_window, refreshed
from tests.ui.upload_util import StopsMidUpload
from tests.ui.worklist_util import FAST


def cell(tab: RequestsTab, key: str, column: int) -> str:
    row = tab.model.row_of(key)
    assert row >= 0, key
    return str(tab.model.index(row, column).data())


def hhmm(when: dt.datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def test_each_row_shows_its_own_answer_and_the_twin_request(
    qtbot: Any, module_hub: HubServer, tmp_path: Path
) -> None:
    with HttpHub(module_hub.base_url, retry=FAST) as hub:
        study = stored_study(hub, tmp_path / "study")
        early, late = NOW - dt.timedelta(hours=3), NOW - dt.timedelta(hours=2, minutes=10)
        first = request_for(hub, study, SITE, lkw=early, claim=True)
        second = request_for(hub, study, SITE, lkw=late, scheduled=NOW + dt.timedelta(minutes=2))
        answer = deliver(hub, first, MARTIN, m.ReportKind.FINAL, at=NOW + dt.timedelta(minutes=20))
    window = make_ed_window(
        qtbot, module_hub.base_url, tmp_path / "ed", clock=Clock(NOW + dt.timedelta(minutes=30))
    )
    tab = window.requests_tab
    tab.ask_name = lambda: PHYSICIAN
    refreshed(qtbot, tab)

    one, two = first.workitem_uid, second.workitem_uid
    flag = f"⚠ Another request for the same study (last known well {hhmm(early)} / {hhmm(late)})"
    assert cell(tab, one, Column.STATE) == f"Answered by MARTIN Claire\n{flag}"
    assert cell(tab, two, Column.STATE) == f"Waiting for a radiologist\n{flag}"
    assert cell(tab, one, Column.READ) == "To read and acknowledge"
    assert cell(tab, two, Column.READ) == ""
    assert "last known well" in str(
        tab.model.index(tab.model.row_of(one), Column.STATE).data(3)  # the tooltip
    )

    assert tab.select(two)
    assert tab.view.opinion is None and not tab.view.ack_button.isVisible()
    assert tab.select(one)
    assert tab.view.opinion is not None
    assert tab.view.opinion.document.sop_instance_uid == answer
    tab.view.ack_button.click()
    qtbot.waitUntil(lambda: cell(tab, one, Column.READ).startswith("Read by LEROY Thomas"))
    assert cell(tab, two, Column.READ) == ""  # the other request's answer is still awaited
    with HttpHub(module_hub.base_url, retry=FAST) as hub:
        [ack] = acknowledgements_for(hub, study.study_instance_uid)
        assert ack.workitem_uid == one and ack.opinion.sop_instance_uid == answer

        # An opinion that names no request, in a study with two: shown apart, never attached.
        legacy = deliver(
            hub, second, DURAND, m.ReportKind.FINAL, at=NOW + dt.timedelta(minutes=25), legacy=True
        )
    refreshed(qtbot, tab)
    assert cell(tab, two, Column.STATE).startswith("Waiting for a radiologist")
    unmatched = f"{study.study_instance_uid}/unmatched"
    assert cell(tab, unmatched, Column.STATE) == "Opinion by DURAND Paul not matched to a request"
    assert tab.select(unmatched)
    assert tab.view.opinion is not None and tab.view.opinion.document.sop_instance_uid == legacy
    warning = tab.view.area.widget().findChild(QLabel, "unmatched-warning")
    assert warning is not None and "phone the radiologist" in warning.text()
    window.close()


def send(qtbot: Any, window: EdMainWindow, images: Path) -> None:
    tab = window.request_tab
    with qtbot.waitSignal(tab.images_panel.loaded, timeout=20_000):
        tab.images_panel.load(images)
    clinical = tab.clinical
    clinical.site.clear()
    qtbot.keyClicks(clinical.site, SITE)
    qtbot.keyClicks(clinical.physician, PHYSICIAN)
    qtbot.keyClicks(clinical.phone, "03 29 00 20 02")
    tab.images_panel.confirm_box.click()
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)


def test_an_interrupted_upload_is_resumed_from_the_list(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "hub"
    server = HubServer(data).start()
    port = server.port
    images = tmp_path / "cd"
    study = write_tiny_study(images)  # NCCT and CTA, 2 images each
    try:
        client = StopsMidUpload(server, stop_at=3)  # the first series and the request, only
        window = make_ed_window(qtbot, server.base_url, tmp_path / "ed", hub=client,
                                batch_count=1, clock=Clock(NOW))  # fmt: skip
        send(qtbot, window, images)
        assert window.request_tab.state == "failed", window.request_tab.status.text()
        [state] = window.requests_tab.state_store.all()
        uid = state.workitem_uid
        assert state.workitem == "created" and state.status == "failed"

        server = HubServer(data, port=port).start()  # back, same data, same URL
        tab = window.requests_tab
        window.tabs.setCurrentWidget(tab)
        refreshed(qtbot, tab)
        assert cell(tab, uid, Column.STATE) == (
            "Upload interrupted — resume (2 of 4 images on the hub)"
        )
        assert tab.select(uid)
        assert tab.resume_button.isVisible() and tab.resume_button.isEnabled()
        content = tab.view.area.widget()
        assert content is not None
        shown = content.findChild(QLabel)
        assert shown is not None and "Resume it" in shown.text()

        progress: list[int] = []
        tab.relay.progress.connect(lambda p: progress.append(p.instances_done))
        tab.resume_button.click()
        assert tab.resume_progress.isVisible() and not tab.resume_button.isEnabled()
        qtbot.waitUntil(lambda: tab.status.text().startswith("Upload complete"), timeout=30_000)
        assert "4 images on the hub" in tab.status.text()
        assert progress and progress[-1] == 4
        assert not tab.resume_progress.isVisible()
        qtbot.waitUntil(lambda: cell(tab, uid, Column.STATE) == "Waiting for a radiologist")
        assert not tab.resume_button.isVisible()
        # the refresh that followed kept the outcome above the list's summary
        assert tab.status.text().startswith("Upload complete")
        assert "1 request in the last 24 h" in tab.status.text()
        with HttpHub(server.base_url) as hub:
            [item] = hub.search_workitems({"StudyInstanceUID": study.study_instance_uid})
            ds = Dataset.from_json(item)
            assert ds.SOPInstanceUID == uid and ds.InputReadinessState == "READY"
            assert len(hub.search_instances(study.study_instance_uid)) == 4
        window.close()
    finally:
        server.stop()
