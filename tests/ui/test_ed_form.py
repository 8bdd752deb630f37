"""The ED request form under Xvfb against a real minihub: refused inputs are shown where
they are (images, identity, fields), a request without images, localisers left out by
default, and a send cut by a hub outage that Retry completes once the hub is back."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import Qt

from app.hub.client import HttpHub
from app.hub.ups import CANCELED, state_of
from app.ui.ed.site_requests_view import Column
from app.ui.ed.window import EdMainWindow
from app.worklist.model import request_from_workitem
from minihub.server import HubServer
from protocol.request import read_input_series
from tests.app.request_util import dicomdir_tests, third_party_ct
from tests.ui.ed_util import PHYSICIAN, SITE, find_workitem, make_ed_window
from tests.ui.upload_util import PausesMidUpload, StopsMidUpload


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


def load(qtbot, window: EdMainWindow, source: Path) -> None:
    panel = window.request_tab.images_panel
    with qtbot.waitSignal(window.request_tab.images_panel.loaded, timeout=20_000):
        panel.load(source)


def fill_required(window: EdMainWindow, qtbot) -> None:
    clinical = window.request_tab.clinical
    clinical.site.clear()
    qtbot.keyClicks(clinical.site, SITE)
    qtbot.keyClicks(clinical.physician, PHYSICIAN)
    qtbot.keyClicks(clinical.phone, "03 29 00 20 02")


def test_refused_images_say_why(qtbot, hub: HubServer, tmp_path: Path) -> None:
    with HttpHub(hub.base_url) as client:
        before = len(client.search_workitems({}))
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    panel = window.request_tab.images_panel

    load(qtbot, window, dicomdir_tests() / "DICOMDIR")  # a CD of three patients
    text = panel.message_label.text()
    assert panel.message_label.isVisible() and window.draft.images is None
    assert "3 different patients" in text and "one patient only" in text
    assert text.count("\n  - ") == 3  # each identity, on screen

    empty = tmp_path / "empty"
    empty.mkdir()
    load(qtbot, window, empty)
    assert "no DICOM images to send" in panel.message_label.text()

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "report.txt").write_text("not an image")
    (notes / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0 not DICOM either")
    load(qtbot, window, notes)
    assert "2 files that are not DICOM images skipped" in panel.message_label.text()

    fill_required(window, qtbot)
    window.request_tab.send_button.click()
    assert window.request_tab.state == "idle"
    assert "cannot be sent" in window.request_tab.status.text()
    with HttpHub(hub.base_url) as client:
        assert len(client.search_workitems({})) == before


def test_field_problems_shown_next_to_the_fields(qtbot, hub: HubServer, tmp_path: Path) -> None:
    now = dt.datetime(2025, 6, 1, 10, 5).astimezone()
    window = make_ed_window(qtbot, hub.base_url, tmp_path, site="", clock=lambda: now)
    tab = window.request_tab
    clinical = tab.clinical
    tab.send_button.click()
    for name in ("site", "physician", "callback_phone"):
        assert clinical.problem_labels[name].isVisible(), name
        assert "is required" in clinical.problem_labels[name].text()
        assert "border" in clinical.inputs[name][0].styleSheet()
    assert clinical.problem_labels["callback_phone"].text() == "Call-back phone is required."
    assert tab.state == "idle" and "marked in red" in tab.status.text()

    fill_required(window, qtbot)
    assert not clinical.problem_labels["site"].isVisible()  # typed: the old words go
    qtbot.keyClicks(clinical.lkw.edit, "10:35")  # half an hour ahead
    lkw = clinical.problem_labels["last_known_well"]
    assert lkw.isVisible() and lkw.text() == "Last known well is in the future."
    assert "border" in clinical.lkw.edit.styleSheet()
    assert not tab.send_button.isEnabled()
    clinical.lkw.edit.clear()
    qtbot.keyClicks(clinical.lkw.edit, "08:50")
    assert not lkw.isVisible() and tab.send_button.isEnabled()

    qtbot.keyClicks(clinical.systolic, "182")  # diastolic forgotten
    tab.send_button.click()
    pressure = clinical.problem_labels["blood_pressure"]
    assert pressure.isVisible()
    assert pressure.text() == "Diastolic pressure must be a whole number from 20 to 200 mmHg."
    assert not clinical.problem_labels["site"].isVisible()
    assert clinical.systolic.hasFocus() or not window.isActiveWindow()

    window.draft.set("nihss", 50)  # a program may set anything: still refused, and shown
    assert clinical.nihss.text() == "50"
    assert clinical.problem_labels["nihss"].text() == "NIHSS must be a whole number from 0 to 42."
    tab.send_button.click()
    assert tab.state == "idle"


def test_times_typed_with_the_keyboard_carry_the_offset(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    now = dt.datetime(2025, 6, 1, 10, 5).astimezone()
    window = make_ed_window(qtbot, hub.base_url, tmp_path, clock=lambda: now)
    lkw = window.request_tab.clinical.lkw
    assert lkw.value() is None and window.draft.get("last_known_well") is None
    qtbot.mouseClick(lkw.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(lkw.edit, "0850")
    typed = window.draft.get("last_known_well")
    assert typed == now.replace(hour=8, minute=50)
    assert typed.utcoffset() == now.utcoffset()
    assert window.draft.to_json()["last_known_well"] == typed.isoformat()
    assert lkw.edit.text() == "0850" and lkw.day.text().endswith("01/06/2025 08:50")

    clinical = window.request_tab.clinical
    clinical.unknown_box.click()  # wake-up first: the time is that of last seen well
    data = window.draft.to_json()
    assert data["wake_up"] is True and data["last_known_well"] == typed.isoformat()
    clinical.unknown_kind.setCurrentIndex(clinical.unknown_kind.findData("unknown"))
    assert window.draft.to_json()["last_known_well"] == "unknown"
    assert not lkw.isEnabled() and lkw.edit.text() == ""  # emptied, and said so
    assert "(0850) was removed" in clinical.lkw_removed.text()


def test_localisers_are_listed_but_left_out(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    load(qtbot, window, third_party_ct(tmp_path / "cd"))
    table = window.request_tab.images_panel.table
    rows = {table.item(r, 2).text(): table.item(r, 0).checkState() for r in range(2)}
    assert rows == {
        "NCCT": Qt.CheckState.Checked,
        "Localizer (left out by default)": Qt.CheckState.Unchecked,
    }
    selected = window.draft.selected_images()
    assert selected is not None and [s.kind for s in selected.series] == ["ncct"]
    scout = next(r for r in range(2) if table.item(r, 2).text().startswith("Localizer"))
    table.item(scout, 0).setCheckState(Qt.CheckState.Checked)
    selected = window.draft.selected_images()
    assert selected is not None and len(selected.series) == 2


def test_request_without_images_then_cancelled(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    tab = window.request_tab
    fill_required(window, qtbot)
    edits = tab.images_panel.manual_edits
    qtbot.keyClicks(edits["patient_name"], "SYNTH^NOIMAGE")
    qtbot.keyClicks(edits["patient_id"], "SL-NOIMG")
    asked = []
    tab.ask = lambda *args: asked.append(args[1]) or False
    tab.send_button.click()
    assert asked == ["Send without images?"] and tab.state == "idle"
    tab.ask = lambda *args: True
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=10_000)
    assert tab.state == "sent", tab.status.text()
    assert "without images" in tab.status.text()
    uid = tab.last_result.workitem_uid
    with HttpHub(hub.base_url) as client:
        item = client.retrieve_workitem(uid)
        assert Dataset.from_json(item).PatientName == "SYNTH^NOIMAGE"
        assert read_input_series(item) == []

    requests = window.requests_tab
    qtbot.waitUntil(lambda: requests.model.row_of(uid) >= 0, timeout=10_000)
    requests.select(uid)
    assert requests.cancel_button.isEnabled()
    requests.cancel_selected(reason="patient transferred")
    qtbot.waitUntil(
        lambda: (
            requests.model.index(requests.model.row_of(uid), Column.STATE).data() == "Cancelled"
        ),
        timeout=10_000,
    )
    with HttpHub(hub.base_url) as client:
        assert state_of(client.retrieve_workitem(uid)) == CANCELED

    tab.new_button.click()  # a blank form, the site and physician kept
    assert window.draft.get("site") == SITE and window.draft.get("physician") == PHYSICIAN
    assert window.draft.get("patient_name") == "" and tab.state == "idle"


def test_cancel_while_sending_then_resume(qtbot, hub: HubServer, tmp_path: Path) -> None:
    client = PausesMidUpload(hub.base_url)
    window = make_ed_window(qtbot, hub.base_url, tmp_path, hub=client, batch_count=1)
    tab = window.request_tab
    load(qtbot, window, third_party_ct(tmp_path / "cd"))
    fill_required(window, qtbot)
    tab.images_panel.confirm_box.click()
    tab.send_button.click()
    qtbot.waitUntil(client.paused.is_set, timeout=10_000)
    assert tab.cancel_button.isVisible() and not tab.clinical.isEnabled()
    tab.cancel_button.click()
    client.go_on.set()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=10_000)
    assert tab.state == "cancelled", tab.status.text()
    assert tab.status.text().startswith("Sending cancelled") and tab.retry_button.isVisible()
    tab.retry_button.click()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=10_000)
    assert tab.state == "sent", tab.status.text()
    assert "1 series, 5 images" in tab.status.text()


def test_hub_down_mid_upload_then_retry(qtbot, synth_root: Path, tmp_path: Path) -> None:
    data = tmp_path / "hub"
    server = HubServer(data).start()
    port = server.port
    images = tmp_path / "left-mca"
    shutil.copytree(synth_root / "left-mca", images)  # the state keeps paths: a stable copy
    try:
        client = StopsMidUpload(server, stop_at=4)  # NCCT in 2 batches, then CTA batch 2
        window = make_ed_window(qtbot, server.base_url, tmp_path / "ed", hub=client,
                                batch_count=20)  # fmt: skip
        tab = window.request_tab
        load(qtbot, window, images)
        fill_required(window, qtbot)
        tab.images_panel.confirm_box.click()
        tab.send_button.click()
        qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)
        assert tab.state == "failed", tab.status.text()
        status = tab.status.text()
        assert status.startswith("Sending failed") and "send it again to resume" in status
        assert "1 of 2 series" in status
        assert tab.retry_button.isVisible() and tab.new_button.isVisible()

        again = make_ed_window(qtbot, server.base_url, tmp_path / "ed")  # a later session
        assert again.request_tab.retry_button.isVisible()
        assert "not completely sent" in again.request_tab.status.text()
        again.close()

        server = HubServer(data, port=port).start()  # back, same data, same URL
        tab.retry_button.click()
        qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)
        assert tab.state == "sent", tab.status.text()
        with HttpHub(server.base_url) as hub:
            item = find_workitem(hub, window.draft.images.study_uid)
            assert Dataset.from_json(item).InputReadinessState == "READY"
            assert sum(len(s.instances) for s in read_input_series(item)) == 230
            assert request_from_workitem(item).workitem_uid == tab.last_result.workitem_uid
    finally:
        server.stop()


def test_ed_audit_trail_is_its_own_hash_chained_file(tmp_path) -> None:
    """The ED workstation audits what it sends and acknowledges, apart from the radiologist."""
    from app.store.audit import verify
    from app.ui.ed.window import ed_audit_log

    log = ed_audit_log("http://127.0.0.1:1/dicom-web", "Dr Leroy", tmp_path)
    log.append("request-created", workitem_uid="2.25.1", outcome="ok")
    path = tmp_path / "audit-ed.jsonl"
    assert path.exists()
    assert verify(path) == []
    assert "Dr_Leroy" in path.read_text(encoding="utf-8")
