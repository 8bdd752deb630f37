"""UPS subscriptions and the WebSocket event channel, with a real websocket client.

Checks the routes of PS3.18 11.10-11.14 (Subscribe, Unsubscribe, Suspend
Global Subscription, Open Event Channel) and that event reports are DICOM JSON
with the Event Type IDs of PS3.4 Table CC.2.4-1.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from pydicom.uid import generate_uid
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from minihub.auth import hash_password
from minihub.server import HubServer
from minihub.subscriptions import FILTERED_GLOBAL, GLOBAL
from tests.minihub.conftest import value
from tests.minihub.test_ups import HEADERS, create, state, update, workitem

QUIET_S = 0.4  # how long "no event" is waited for


def channel_url(hub: HubServer, aetitle: str) -> str:
    return hub.base_url.replace("http://", "ws://", 1) + f"/subscribers/{aetitle}"


@contextmanager
def channel(hub: HubServer, aetitle: str, **kwargs: Any) -> Iterator[ClientConnection]:
    with connect(channel_url(hub, aetitle), open_timeout=5, **kwargs) as ws:
        yield ws


def next_event(ws: ClientConnection, timeout: float = 5.0) -> dict[str, Any]:
    report = json.loads(ws.recv(timeout=timeout))
    assert isinstance(report, dict)
    return report


def assert_quiet(ws: ClientConnection) -> None:
    with pytest.raises(TimeoutError):
        ws.recv(timeout=QUIET_S)


def subscribe(
    http: requests.Session, hub: HubServer, target: str, aetitle: str, query: str = ""
) -> requests.Response:
    url = f"{hub.base_url}/workitems/{target}/subscribers/{aetitle}"
    return http.post(url + (f"?{query}" if query else ""))


def test_global_subscription_delivers_the_lifecycle(
    fresh_hub: HubServer, http: requests.Session
) -> None:
    assert subscribe(http, fresh_hub, GLOBAL, "RADIO1").status_code == 201
    with channel(fresh_hub, "RADIO1") as ws:
        uid = create(http, fresh_hub, workitem())
        report = next_event(ws)
        assert value(report, "00001000") == uid  # Affected SOP Instance UID
        assert value(report, "00001002") == 1  # UPS State Report
        assert value(report, "00000002") == "1.2.840.10008.5.1.4.34.6.1"
        assert value(report, "00741000") == "SCHEDULED"
        assert value(report, "00404041") == "READY"

        transaction = generate_uid()
        assert state(http, fresh_hub, uid, "IN PROGRESS", transaction).status_code == 200
        report = next_event(ws)
        assert (value(report, "00001002"), value(report, "00741000")) == (1, "IN PROGRESS")

        performers = {"00404034": {"vr": "SQ", "Value": [{}]}}
        assert update(http, fresh_hub, uid, performers, transaction).status_code == 200
        assert value(next_event(ws), "00001002") == 3  # UPS Progress Report
        assert value(next_event(ws), "00001002") == 5  # UPS Assigned

        body = {"00741238": {"vr": "LT", "Value": ["Patient transferred"]},
                "0074100C": {"vr": "LO", "Value": ["Dr Urgences"]}}  # fmt: skip
        response = http.post(
            f"{fresh_hub.base_url}/workitems/{uid}/cancelrequest",
            data=json.dumps([body]),
            headers=HEADERS,
        )
        assert response.status_code == 202
        report = next_event(ws)
        assert value(report, "00001002") == 2  # UPS Cancel Requested
        assert value(report, "00741238") == "Patient transferred"
        assert value(report, "0074100C") == "Dr Urgences"
        assert value(report, "00741000") == "IN PROGRESS"


def test_new_global_subscription_reports_open_workitems_first(
    fresh_hub: HubServer, http: requests.Session
) -> None:
    open_uid = create(http, fresh_hub, workitem())
    done_uid = create(http, fresh_hub, workitem())
    http.post(f"{fresh_hub.base_url}/workitems/{done_uid}/cancelrequest", headers=HEADERS)
    with channel(fresh_hub, "RADIO2") as ws:
        assert subscribe(http, fresh_hub, GLOBAL, "RADIO2").status_code == 201
        report = next_event(ws)
        assert value(report, "00001000") == open_uid
        assert value(report, "00741000") == "SCHEDULED"
        assert_quiet(ws)  # nothing about the CANCELED one


def test_subscription_to_one_workitem(fresh_hub: HubServer, http: requests.Session) -> None:
    mine, other = create(http, fresh_hub, workitem()), create(http, fresh_hub, workitem())
    missing = generate_uid()
    assert subscribe(http, fresh_hub, missing, "ED1").status_code == 404
    with channel(fresh_hub, "ED1") as ws:
        assert subscribe(http, fresh_hub, mine, "ED1").status_code == 201
        assert value(next_event(ws), "00001000") == mine  # initial State Report
        state(http, fresh_hub, other, "IN PROGRESS", generate_uid())
        assert_quiet(ws)
        http.post(f"{fresh_hub.base_url}/workitems/{mine}/cancelrequest", headers=HEADERS)
        report = next_event(ws)
        assert (value(report, "00001000"), value(report, "00741000")) == (mine, "CANCELED")
    # Without a deletion lock the subscription ends with the final state report.
    assert subscribe(http, fresh_hub, mine, "ED1").status_code == 400


def test_filtered_global_subscription(fresh_hub: HubServer, http: requests.Session) -> None:
    query = "ScheduledProcedureStepPriority=HIGH"
    assert subscribe(http, fresh_hub, FILTERED_GLOBAL, "HIGHONLY", query).status_code == 201
    with channel(fresh_hub, "HIGHONLY") as ws:
        create(http, fresh_hub, workitem(priority="MEDIUM"))
        assert_quiet(ws)
        high = create(http, fresh_hub, workitem(priority="HIGH"))
        assert value(next_event(ws), "00001000") == high
    bad = subscribe(http, fresh_hub, FILTERED_GLOBAL, "HIGHONLY", "NoSuchKeyword=1")
    assert bad.status_code == 400
    assert subscribe(http, fresh_hub, GLOBAL, "X", query).status_code == 400


def test_unsubscribe_and_suspend(fresh_hub: HubServer, http: requests.Session) -> None:
    before = create(http, fresh_hub, workitem())
    assert subscribe(http, fresh_hub, GLOBAL, "SUSP").status_code == 201
    assert http.post(
        f"{fresh_hub.base_url}/workitems/{GLOBAL}/subscribers/SUSP/suspend"
    ).status_code == 200  # fmt: skip
    with channel(fresh_hub, "SUSP") as ws:
        create(http, fresh_hub, workitem())  # new after suspension: not reported
        assert_quiet(ws)
        state(http, fresh_hub, before, "IN PROGRESS", generate_uid())
        assert value(next_event(ws), "00001000") == before  # still subscribed to it
        deleted = http.delete(f"{fresh_hub.base_url}/workitems/{GLOBAL}/subscribers/SUSP")
        assert deleted.status_code == 200
        update(http, fresh_hub, before, {"00741204": {"vr": "LO", "Value": ["x"]}})
        assert_quiet(ws)
    not_global = http.post(f"{fresh_hub.base_url}/workitems/{before}/subscribers/SUSP/suspend")
    assert not_global.status_code == 400
    never = http.post(f"{fresh_hub.base_url}/workitems/{GLOBAL}/subscribers/NEVER/suspend")
    assert never.status_code == 404


def test_aetitles_are_checked(fresh_hub: HubServer, http: requests.Session) -> None:
    assert subscribe(http, fresh_hub, GLOBAL, "A" * 17).status_code == 400
    assert subscribe(http, fresh_hub, GLOBAL, "%20%20").status_code == 400
    with pytest.raises(InvalidStatus), channel(fresh_hub, "B" * 17):
        pass


def test_subscriptions_survive_a_restart(tmp_path: Path, http: requests.Session) -> None:
    with HubServer(tmp_path / "hub") as first:
        assert subscribe(http, first, GLOBAL, "DURABLE").status_code == 201
    with HubServer(tmp_path / "hub") as second, channel(second, "DURABLE") as ws:
        uid = create(http, second, workitem())
        assert value(next_event(ws), "00001000") == uid


def test_event_channel_needs_credentials_when_the_hub_does(
    tmp_path: Path, http: requests.Session
) -> None:
    users = tmp_path / "users.json"
    users.write_text(
        json.dumps({"users": [{"name": "drx", "password": hash_password("pw", iterations=1000)}]}),
        encoding="utf-8",
    )
    with HubServer(tmp_path / "hub", users_file=users) as hub:
        with pytest.raises(InvalidStatus), channel(hub, "SECURE"):
            pass
        auth = "Basic " + base64.b64encode(b"drx:pw").decode()
        response = http.post(
            f"{hub.base_url}/workitems/{GLOBAL}/subscribers/SECURE",
            headers={"Authorization": auth},
        )
        assert response.status_code == 201
        with channel(hub, "SECURE", additional_headers={"Authorization": auth}) as ws:
            body = json.dumps([workitem()])
            created = http.post(
                f"{hub.base_url}/workitems", data=body, headers={**HEADERS, "Authorization": auth}
            )
            assert created.status_code == 201
            assert value(next_event(ws), "00001002") == 1
