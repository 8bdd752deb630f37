"""The main window lists the hub's open workitems, by priority, and survives a hub outage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import requests

from app.hub.client import HttpHub
from app.ui.main import MainWindow
from minihub.server import HubServer
from protocol.request import ClinicalRequest, build_request_workitem
from tests.ui.worklist_util import services_in


def _create(hub: HubServer, uid: str, priority: str, minutes_ago: int, nihss: int) -> None:
    # Half a minute more than said: "20 min" then sits 30 s from either minute's edge, whatever
    # the second the hub's HTTP Date header (its clock, to the second) falls on and however
    # long the window takes to list it (the window's own clock stands still in the test).
    now = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=30)
    body = build_request_workitem(
        ClinicalRequest(
            site=f"ED {uid[-1]}",
            physician="URGENCE^Synth",
            question="Thrombectomy?",
            nihss=nihss,
            last_known_well=now - dt.timedelta(minutes=minutes_ago + 60),
        ),
        patient={
            "PatientName": f"SYNTH^PATIENT{uid[-1]}",
            "PatientID": f"SYN{uid[-1]}",
            "IssuerOfPatientID": "SYNTH-HOSP",
            "PatientBirthDate": "19480101",
            "PatientSex": "M",
        },
        inputs=[],
        scheduled=now - dt.timedelta(minutes=minutes_ago),
        priority=priority,
    )
    r = requests.post(
        f"{hub.base_url}/workitems?{uid}",
        json=[body],
        headers={"Content-Type": "application/dicom+json"},
        timeout=10,
    )
    assert r.status_code == 201, r.text


@pytest.fixture
def hub(tmp_path: Path):
    with HubServer(tmp_path / "hub") as server:
        yield server


def test_lists_workitems_by_priority_then_waiting_time(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    _create(hub, "2.25.101", "MEDIUM", minutes_ago=50, nihss=4)
    _create(hub, "2.25.102", "HIGH", minutes_ago=5, nihss=18)
    _create(hub, "2.25.103", "HIGH", minutes_ago=20, nihss=9)
    client = HttpHub(hub.base_url)
    still = dt.datetime.now(dt.UTC)  # the laptop's clock stands still: the hub's moves it
    window = MainWindow(
        client, poll_interval_ms=60_000, services=services_in(tmp_path, client), clock=lambda: still
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    uids = [window.model.request_at(i).workitem_uid for i in range(3)]
    assert uids == ["2.25.103", "2.25.102", "2.25.101"]
    cell = window.model.index(0, 1).data()
    assert cell == "20 min"
    assert window.model.index(0, 8).data() == "9"
    assert window.model.index(0, 3).data() == "SYN3 (SYNTH-HOSP)"
    assert window.model.index(0, 7).data() == "1 h 20 min"
    assert "3" in window.status_label.text()


def test_hub_outage_is_shown_and_list_kept(qtbot, tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub").start()
    try:
        _create(server, "2.25.201", "HIGH", minutes_ago=1, nihss=10)
        client = HttpHub(server.base_url, read_timeout_s=2)
        services = services_in(tmp_path, client)
        window = MainWindow(client, poll_interval_ms=60_000, services=services)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    finally:
        server.stop()
    window.refresh()
    qtbot.waitUntil(lambda: "unreachable" in window.status_label.text(), timeout=15_000)
    assert "last successful refresh" in window.status_label.text()
    assert window.model.rowCount() == 1  # the list stays usable
    window.worker.wait()
