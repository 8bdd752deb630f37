"""Issues #5 and #6 under Xvfb against a real minihub: the ED fills the form with the
keyboard, picks the synthetic left-MCA folder, confirms the identity and sends; the
request reaches the radiologist's worklist with every clinical field; the radiologist
claims it (the ED is told) and delivers an opinion; the ED is alerted, reads it verdict
first with its key image and PDF, and acknowledges it — an object in the study."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.ed.site_requests import acknowledgements_for
from app.hub.client import HttpHub
from app.hub.ups import IN_PROGRESS, SCHEDULED, state_of
from app.ui.ed.ed_settings import EdSettingsStore
from app.ui.ed.site_requests_view import Column
from app.ui.ed.window import EdMainWindow
from app.worklist.model import request_from_workitem
from minihub.server import HubServer
from protocol.request import read_clinical_request, read_input_series
from tests.ui.ed_util import PHYSICIAN, SITE, deliver_opinion, find_workitem, make_ed_window
from tests.ui.worklist_util import make_window

HISTORY = "Right hemiplegia and global aphasia. Aspirin 75 mg daily."


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    with HubServer(tmp_path / "hub") as server:
        yield server


def drop_folder(window: EdMainWindow, folder: Path) -> None:
    """What the window gets when a folder is dragged onto it and dropped."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPoint(50, 50).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def type_into(qtbot, widget, text: str) -> None:
    """Click into the field, then type (as a physician does)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget, text)


def fill_form(qtbot, window: EdMainWindow, lkw: dt.datetime) -> None:
    """Type the clinical fields as the physician would (mouse click, then keyboard)."""
    panel = window.request_tab.clinical
    panel.site.clear()
    type_into(qtbot, panel.site, SITE)
    type_into(qtbot, panel.physician, PHYSICIAN)
    type_into(qtbot, panel.phone, "+33 3 29 00 20 02")
    panel.question.lineEdit().clear()
    type_into(qtbot, panel.question.lineEdit(), "Thrombolysis? Thrombectomy?")
    type_into(qtbot, panel.lkw.edit, lkw.strftime("%d/%m/%Y %H:%M"))
    type_into(qtbot, panel.nihss, "17")
    panel.anticoagulation.setCurrentIndex(panel.anticoagulation.findData("antiplatelet"))
    type_into(qtbot, panel.glucose, "7,4")
    type_into(qtbot, panel.systolic, "182")
    type_into(qtbot, panel.diastolic, "96")
    type_into(qtbot, panel.mrs, "1")
    type_into(qtbot, panel.history, HISTORY)


def test_request_sent_answered_and_acknowledged(
    qtbot, hub: HubServer, synth_root: Path, tmp_path: Path
) -> None:
    left_mca = synth_root / "left-mca"
    radiologist = make_window(qtbot, hub.base_url, tmp_path / "radiologist")
    window = make_ed_window(qtbot, hub.base_url, tmp_path / "ed", site="")
    tab = window.request_tab
    assert tab.clinical.priority.currentData() == "HIGH"

    drop_folder(window, left_mca)
    qtbot.waitUntil(lambda: window.draft.images is not None, timeout=20_000)
    panel = tab.images_panel
    table = panel.table
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [
        "2 NCCT HEAD 5mm",
        "3 CTA HEAD 0.625mm",
    ]
    assert [table.item(r, 3).text() for r in range(2)] == ["30", "200"]
    assert all(not table.item(r, 1).icon().isNull() for r in range(2))  # thumbnails
    assert panel.name_label.text() == "SYNTH BRUNO"
    assert panel.id_label.text() == "SL-100002 (STROKELINK-DEMO)"
    assert panel.birth_label.text().startswith("03/02/1949")
    assert panel.sex_label.text() == "Male"

    # 70 min ago, with the local offset of that moment (a DST change in between would give
    # today's offset to a time the form reads with the other one)
    utc = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    lkw = (utc - dt.timedelta(minutes=70)).astimezone()
    fill_form(qtbot, window, lkw)
    assert (
        tab.clinical.lkw.offset.text()
        == "UTC" + lkw.strftime("%z")[:3] + ":" + lkw.strftime("%z")[3:]
    )

    tab.send_button.click()  # not confirmed yet: refused, nothing sent
    assert tab.state == "idle" and panel.confirm_problem.isVisible()
    with HttpHub(hub.base_url) as client:
        assert client.search_workitems({}) == []
    panel.confirm_box.click()
    window.activateWindow()
    tab.clinical.history.setFocus()
    qtbot.keyClick(tab.clinical.history, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert tab.state == "sending", tab.status.text()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)
    assert tab.state == "sent", tab.status.text()
    assert "2 series, 230 images" in tab.status.text() and "READY" in tab.status.text()

    ed_hub = HttpHub(hub.base_url)
    study_uid = window.draft.images.study_uid
    item = find_workitem(ed_hub, study_uid)
    assert state_of(item) == SCHEDULED
    assert Dataset.from_json(item).ScheduledProcedureStepPriority == "HIGH"
    clinical = read_clinical_request(item)
    assert (clinical.site, clinical.physician) == (SITE, PHYSICIAN)
    assert clinical.callback_phone == "+33 3 29 00 20 02"
    assert clinical.question == "Thrombolysis? Thrombectomy?"
    assert clinical.last_known_well == lkw
    assert clinical.last_known_well.utcoffset() == lkw.utcoffset()
    assert (clinical.nihss, clinical.anticoagulation) == (17, "ANTIPLATELET")
    assert (clinical.glucose, clinical.glucose_unit) == (7.4, "mmol/L")
    assert (clinical.systolic_bp, clinical.diastolic_bp, clinical.prestroke_mrs) == (182, 96, 1)
    assert clinical.history == HISTORY
    assert sum(len(s.instances) for s in read_input_series(item)) == 230
    uid = request_from_workitem(item).workitem_uid
    assert EdSettingsStore(tmp_path / "ed" / "ed.json").load().site == SITE  # remembered

    # The radiologist's worklist shows it, with the clinical fields.
    radiologist.refresh()
    qtbot.waitUntil(lambda: radiologist.model.row_of(uid) >= 0, timeout=10_000)
    shown = radiologist.model.request_at(radiologist.model.row_of(uid))
    assert shown.requesting_site == SITE and shown.nihss == 17 and shown.last_known_well == lkw

    # The ED's list: waiting, then claimed by Dr MARTIN (alert), then answered (alert).
    requests = window.requests_tab
    qtbot.waitUntil(lambda: requests.model.row_of(uid) >= 0, timeout=10_000)
    row = requests.model.row_of(uid)
    assert requests.model.index(row, Column.STATE).data() == "Waiting for a radiologist"
    deliver = tmp_path / "radiologist-side"
    with HttpHub(hub.base_url) as doctor:
        from app.worklist.claims import ClaimStore, claim_request

        claim_request(doctor, ClaimStore(deliver / "claims.json"), uid, "MARTIN^Claire")
        assert state_of(doctor.retrieve_workitem(uid)) == IN_PROGRESS
    with qtbot.waitSignal(requests.claimed, timeout=10_000):
        requests.refresh()
    assert window.alerter.history[-1].title == "Request claimed"
    assert "MARTIN Claire" in window.alerter.history[-1].text
    row = requests.model.row_of(uid)
    assert requests.model.index(row, Column.STATE).data() == "Being read by MARTIN Claire"

    sr_uid = deliver_opinion(hub.base_url, deliver, left_mca, uid)
    with qtbot.waitSignal(requests.opinion_arrived, timeout=15_000):
        requests.refresh()
    alert = window.alerter.history[-1]
    assert alert.title == "Opinion received" and alert.sound == "alert.wav"
    assert alert.text.startswith("NO HAEMORRHAGE; OCCLUSION: LEFT M1")
    row = requests.model.row_of(uid)
    assert requests.model.index(row, Column.STATE).data() == "Answered by MARTIN Claire"
    assert requests.model.index(row, Column.READ).data() == "To read and acknowledge"

    window.show_request(requests.model.request_at(row))
    view = requests.view
    assert view.opinion is not None and view.opinion.document.sop_instance_uid == sr_uid
    assert view.verdict_texts() == [
        "NO HAEMORRHAGE",
        "OCCLUSION: LEFT M1",
        "No imaging contraindication",
        "CANDIDATE: transfer to a thrombectomy centre",
    ]
    [key] = view.key_image_labels.values()
    qtbot.waitUntil(lambda: key.pixmap() is not None and not key.pixmap().isNull(), timeout=10_000)

    view.pdf_button.click()
    opened = requests.open_file
    qtbot.waitUntil(lambda: bool(opened.paths), timeout=10_000)
    pdf = opened.paths[0]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600

    assert view.ack_button.isEnabled()
    view.ack_button.click()
    qtbot.waitUntil(lambda: bool(acknowledgements_for(ed_hub, study_uid)), timeout=10_000)
    [ack] = acknowledgements_for(ed_hub, study_uid)
    assert ack.by == PHYSICIAN and ack.site == SITE
    assert ack.opinion.sop_instance_uid == sr_uid
    qtbot.waitUntil(
        lambda: (
            requests.model.index(requests.model.row_of(uid), Column.READ)
            .data()
            .startswith("Read by LEROY Thomas")
        ),
        timeout=10_000,
    )
    assert not view.ack_button.isEnabled()

    window.close()
    assert not pdf.exists() and not pdf.parent.exists()  # the private folder went with it
    ed_hub.close()
