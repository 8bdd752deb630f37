"""The UPS event channel client against a real minihub (and Orthanc, which has none)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import queue
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.errors import MalformedAnswer
from app.hub.events import (
    ChannelChange,
    ChannelStatus,
    EventChannel,
    EventType,
    UpsEvent,
    aetitle_for,
    event_channel_url,
    parse_event_report,
)
from minihub.auth import hash_password
from minihub.server import HubServer
from protocol.request import ClinicalRequest, build_request_workitem
from tests.app.hub.conftest import FAST
from tests.app.hub.scripted import Reply, ScriptedServer

WAIT_S = 10.0


def request_body() -> dict:
    return build_request_workitem(
        ClinicalRequest(site="CH Test", physician="TEST^Doc", question="Thrombolysis?"),
        patient={"PatientName": "SYNTH^EVENT", "PatientID": "EV1"},
        inputs=[],
        scheduled=dt.datetime.now().astimezone(),
    )


class Listener:
    """Iterates ``EventChannel.events`` in a thread; what it yields lands in a queue."""

    def __init__(self, channel: EventChannel) -> None:
        self.channel = channel
        self.stop = threading.Event()
        self.items: queue.Queue[UpsEvent | ChannelChange] = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for item in self.channel.events(self.stop, poll_s=0.1):
            self.items.put(item)

    def next(self, kind: type, timeout: float = WAIT_S) -> UpsEvent | ChannelChange:
        """The next item of ``kind`` (others are skipped)."""
        while True:
            item = self.items.get(timeout=timeout)
            if isinstance(item, kind):
                return item

    def close(self) -> None:
        self.stop.set()
        self.channel.close()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive()


@pytest.fixture
def hub_server(tmp_path: Path) -> Iterator[HubServer]:
    with HubServer(tmp_path / "hub") as server:
        yield server


def test_parse_event_report() -> None:
    message = json.dumps(
        {
            "00001000": {"vr": "UI", "Value": ["1.2.3"]},
            "00001002": {"vr": "US", "Value": [2]},
            "00741000": {"vr": "CS", "Value": ["IN PROGRESS"]},
            "00741238": {"vr": "LT", "Value": ["Patient transferred"]},
            "0074100C": {"vr": "LO", "Value": ["Dr ED"]},
        }
    )
    event = parse_event_report(message)
    assert event == UpsEvent(2, "1.2.3", "IN PROGRESS", "Patient transferred", "Dr ED")
    assert event.event_type == EventType.CANCEL_REQUESTED
    for bad in ("not json", "[]", '{"00001002": {"vr": "US", "Value": [1]}}', "[1]"):
        with pytest.raises(MalformedAnswer):
            parse_event_report(bad)


def test_urls_and_aetitles() -> None:
    assert aetitle_for("dr.martin-leroy") == "SL_DRMARTINLEROY"
    assert aetitle_for("") == "SL_USER"
    assert len(aetitle_for("x" * 40)) == 16
    assert event_channel_url("https://hub.example/dicom-web/", "SL_A") == (
        "wss://hub.example/dicom-web/subscribers/SL_A"
    )
    assert event_channel_url("http://127.0.0.1:8043/dicom-web", "A B") == (
        "ws://127.0.0.1:8043/dicom-web/subscribers/A%20B"
    )


def test_events_from_minihub(hub_server: HubServer) -> None:
    hub = HttpHub(hub_server.base_url, retry=FAST)
    listener = Listener(EventChannel(hub, "SL_TEST", delay=lambda n: 0.05))
    try:
        assert listener.next(ChannelChange) == ChannelChange(ChannelStatus.CONNECTED)
        uid = hub.create_workitem(request_body())
        event = listener.next(UpsEvent)
        assert (event.event_type, event.workitem_uid, event.state) == (1, uid, "SCHEDULED")
        transaction = hub.claim(uid)
        event = listener.next(UpsEvent)
        assert (event.workitem_uid, event.state) == (uid, "IN PROGRESS")
        hub.request_cancellation(uid, "Patient transferred", contact_name="Dr ED")
        event = listener.next(UpsEvent)
        assert event.event_type == EventType.CANCEL_REQUESTED
        assert (event.reason, event.contact) == ("Patient transferred", "Dr ED")
        hub.cancel(uid, transaction, "Cancelled at the ED's request")
        states = {listener.next(UpsEvent).state for _ in range(2)}  # progress + state report
        assert "CANCELED" in states
    finally:
        listener.close()
        hub.close()


def test_reconnects_after_the_hub_restarts(tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub").start()
    port = server.port
    hub = HttpHub(server.base_url, retry=FAST, connect_timeout_s=1)
    listener = Listener(EventChannel(hub, "SL_BACK", delay=lambda n: 0.1))
    try:
        assert listener.next(ChannelChange).status is ChannelStatus.CONNECTED
        server.stop()
        change = listener.next(ChannelChange)
        assert change.status is ChannelStatus.DISCONNECTED
        assert "Patient" not in change.detail
        server = HubServer(tmp_path / "hub", port=port).start()
        assert listener.next(ChannelChange, timeout=20).status is ChannelStatus.CONNECTED
        uid = hub.create_workitem(request_body())
        assert listener.next(UpsEvent).workitem_uid == uid
    finally:
        listener.close()
        server.stop()
        hub.close()


def test_a_hub_restart_and_a_normal_close_log_no_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The hub restarting (its WebSocket closed under the client) is said at INFO, never as an
    exception's name on stderr; closing the channel ourselves is silent."""
    caplog.set_level(logging.DEBUG, logger="app.hub")
    server = HubServer(tmp_path / "hub").start()
    port = server.port
    hub = HttpHub(server.base_url, retry=FAST, connect_timeout_s=1)
    listener = Listener(EventChannel(hub, "SL_QUIET", delay=lambda n: 0.1, warn_after_s=600))
    try:
        assert listener.next(ChannelChange).status is ChannelStatus.CONNECTED
        server.stop()
        assert listener.next(ChannelChange).status is ChannelStatus.DISCONNECTED
        server = HubServer(tmp_path / "hub", port=port).start()
        assert listener.next(ChannelChange, timeout=20).status is ChannelStatus.CONNECTED
    finally:
        listener.close()
        server.stop()
        hub.close()
    records = [r for r in caplog.records if r.name == "app.hub" and r.module == "events"]
    assert not [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    closed = [r.getMessage() for r in records if "closed" in r.getMessage()]
    assert closed and all(r.levelno == logging.INFO for r in records if "closed" in r.getMessage())
    assert not any("ConnectionClosed" in r.getMessage() for r in records)


def test_an_unreachable_hub_is_one_warning_in_words(caplog: pytest.LogCaptureFixture) -> None:
    """A real failure: the status says it once, the log warns once per outage, in words."""
    caplog.set_level(logging.DEBUG, logger="app.hub")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    hub = HttpHub(f"http://127.0.0.1:{port}", retry=FAST, connect_timeout_s=1)
    listener = Listener(EventChannel(hub, "SL_DOWN", delay=lambda n: 0.05))
    try:
        change = listener.next(ChannelChange)
        assert change.status is ChannelStatus.DISCONNECTED and change.detail
        for _ in range(600):  # a few retries of the same outage (30 s at most)
            if sum(r.module == "events" for r in caplog.records) >= 3:
                break
            threading.Event().wait(0.05)
    finally:
        listener.close()
        hub.close()
    mine = [r for r in caplog.records if r.name == "app.hub" and r.module == "events"]
    assert len(mine) >= 3, [r.getMessage() for r in mine]  # several attempts were logged
    warnings = [r.getMessage() for r in mine if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "reach the hub" in warnings[0], warnings  # words, not an exception's name
    assert all(  # DISCONNECTED once per outage
        not isinstance(i, ChannelChange) for i in list(listener.items.queue)
    )


def test_a_hub_without_event_channel_is_reported_unsupported() -> None:
    with ScriptedServer() as scripted:
        scripted.script(Reply(status=404, body=b'{"error": "not found"}'))
        hub = HttpHub(scripted.base_url, retry=FAST)
        items = list(EventChannel(hub, "SL_X").events(threading.Event()))
        assert len(items) == 1
        assert isinstance(items[0], ChannelChange)
        assert items[0].status is ChannelStatus.UNSUPPORTED
        (seen,) = scripted.requests
        assert seen.method == "POST"
        assert seen.path == "/dicom-web/workitems/1.2.840.10008.5.1.4.34.5/subscribers/SL_X"


@pytest.mark.orthanc
def test_orthanc_has_no_event_channel(orthanc: HttpHub) -> None:
    items = list(EventChannel(orthanc, "SL_ORTHANC").events(threading.Event()))
    assert [type(i) for i in items] == [ChannelChange]
    assert isinstance(items[0], ChannelChange)
    assert items[0].status is ChannelStatus.UNSUPPORTED


def test_credentials_reach_the_websocket(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    users.write_text(
        json.dumps({"users": [{"name": "drx", "password": hash_password("pw", iterations=1000)}]}),
        encoding="utf-8",
    )
    with HubServer(tmp_path / "hub", users_file=users) as server:
        session = requests.Session()
        session.auth = ("drx", "pw")
        hub = HttpHub(server.base_url, session=session, retry=FAST)
        listener = Listener(EventChannel(hub, "SL_DRX", delay=lambda n: 0.05))
        try:
            assert listener.next(ChannelChange).status is ChannelStatus.CONNECTED
            uid = generate_uid()
            hub.create_workitem(request_body(), uid)
            assert listener.next(UpsEvent).workitem_uid == uid
        finally:
            listener.close()
            hub.close()
        wrong = requests.Session()
        wrong.headers["Authorization"] = "Basic " + base64.b64encode(b"drx:no").decode()
        refused = EventChannel(HttpHub(server.base_url, session=wrong, retry=FAST), "SL_DRX")
        item = next(refused.events(threading.Event()))
        assert isinstance(item, ChannelChange)
        assert item.status is ChannelStatus.DISCONNECTED
        assert "401" in item.detail


def test_a_hub_that_closed_the_channel_and_stays_away_is_warned_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """After the hub closed the channel, an absence that goes on (here: past 0 s) is one
    WARNING, in words; the retries after it at DEBUG."""
    caplog.set_level(logging.DEBUG, logger="app.hub")
    server = HubServer(tmp_path / "hub").start()
    hub = HttpHub(server.base_url, retry=FAST, connect_timeout_s=1)
    listener = Listener(EventChannel(hub, "SL_GONE", delay=lambda n: 0.05, warn_after_s=0.0))
    try:
        assert listener.next(ChannelChange).status is ChannelStatus.CONNECTED
        server.stop()  # and never back
        assert listener.next(ChannelChange).status is ChannelStatus.DISCONNECTED
        for _ in range(600):  # a few failed attempts (30 s at most)
            failed = [
                r for r in caplog.records if r.module == "events" and "reach" in r.getMessage()
            ]
            if len(failed) >= 3:
                break
            threading.Event().wait(0.05)
    finally:
        listener.close()
        hub.close()
    mine = [r for r in caplog.records if r.name == "app.hub" and r.module == "events"]
    failed = [r for r in mine if "reach" in r.getMessage()]
    assert len(failed) >= 3, [r.getMessage() for r in mine]
    warnings = [r.getMessage() for r in mine if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "reach the hub" in warnings[0], warnings
