"""Persistence across restarts, interrupted uploads, concurrent STOW, bad input never 5xx."""

from __future__ import annotations

import json
import logging
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from pydicom.uid import generate_uid

from minihub.server import HubServer
from tests.minihub.conftest import DICOM_JSON, make_ct, part10, stow, stow_body, value
from tests.minihub.test_ups import PERFORMED, create, state, update, workitem


def test_everything_survives_a_restart(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    study, series = generate_uid(), generate_uid()
    datasets = [make_ct(study, series, instance_number=i) for i in (1, 2)]
    txn = generate_uid()
    with HubServer(data) as hub, requests.Session() as http:
        assert stow(http, hub.base_url, datasets).status_code == 200
        uid = create(http, hub, workitem())
        assert state(http, hub, uid, "IN PROGRESS", txn).status_code == 200
        port = hub.port
    with HubServer(data, port=port) as hub, requests.Session() as http:
        assert hub.port == port
        (found,) = http.get(f"{hub.base_url}/studies").json()
        assert value(found, "00201208") == 2
        url = f"{hub.base_url}/studies/{study}/series/{series}"
        retrieved = http.get(url, headers={"Accept": 'multipart/related; type="application/dicom"'})
        assert retrieved.status_code == 200 and datasets[1].PixelData in retrieved.content
        assert stow(http, hub.base_url, datasets[:1]).status_code == 200  # still idempotent
        # The claim and its Transaction UID survived too.
        assert state(http, hub, uid, "IN PROGRESS", generate_uid()).status_code == 409
        assert update(http, hub, uid, PERFORMED, txn).status_code == 200
        assert state(http, hub, uid, "COMPLETED", txn).status_code == 200


def _wait_for_empty(folder: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while any(folder.iterdir()):
        assert time.monotonic() < deadline, list(folder.iterdir())
        time.sleep(0.05)


def test_interrupted_upload_stores_nothing(fresh_hub: HubServer) -> None:
    hub = fresh_hub
    first = make_ct(generate_uid(), generate_uid())
    second = make_ct(first.StudyInstanceUID, first.SeriesInstanceUID, rows=64, columns=64)
    body, content_type = stow_body([part10(first), part10(second)])
    cut = len(part10(first)) + 200 + len(part10(second)) // 2  # mid-way in the second part
    head = (
        "POST /dicom-web/studies HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{hub.port}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        sock.sendall(head + body[:cut])
        time.sleep(0.3)  # let the hub receive and write what it got
    _wait_for_empty(hub.data_dir / "tmp")
    with requests.Session() as http:
        for ds in (first, second):
            found = http.get(
                f"{hub.base_url}/instances", params={"SOPInstanceUID": ds.SOPInstanceUID}
            )
            assert found.json() == []
        assert http.get(f"{hub.base_url}/studies").json() == []
        assert not list((hub.data_dir / "instances").rglob("*.dcm"))
        # The hub is still fine and the same upload, complete, works.
        response = http.post(f"{hub.base_url}/studies", data=body,
                             headers={"Content-Type": content_type})  # fmt: skip
        assert response.status_code == 200


def test_body_without_closing_delimiter_stores_nothing(fresh_hub: HubServer) -> None:
    ds = make_ct(generate_uid(), generate_uid())
    body, content_type = stow_body(
        [part10(ds), part10(make_ct(ds.StudyInstanceUID, generate_uid()))]
    )
    truncated = body[: -len(b"--\r\n") - 40]
    with requests.Session() as http:
        response = http.post(f"{fresh_hub.base_url}/studies", data=truncated,
                             headers={"Content-Type": content_type})  # fmt: skip
        assert response.status_code == 400
        assert http.get(f"{fresh_hub.base_url}/studies").json() == []
    _wait_for_empty(fresh_hub.data_dir / "tmp")


def test_concurrent_stow_and_search(fresh_hub: HubServer) -> None:
    study = generate_uid()
    series = [generate_uid() for _ in range(6)]
    batches = [[make_ct(study, series[b], instance_number=i, series_number=b, seed=i)
                for i in range(4)] for b in range(6)]  # fmt: skip

    def send(batch: list) -> int:  # type: ignore[type-arg]
        with requests.Session() as http:
            http.get(f"{fresh_hub.base_url}/studies")
            return stow(http, fresh_hub.base_url, batch).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(send, batches))
    assert statuses == [200] * 6
    (found,) = requests.get(f"{fresh_hub.base_url}/studies", timeout=10).json()
    assert value(found, "00201206") == 6
    assert value(found, "00201208") == 24


def test_bad_input_is_never_a_server_error(fresh_hub: HubServer) -> None:
    base = fresh_hub.base_url
    uid = generate_uid(prefix="1.2.826.0.1.3680043.8.498.7.", entropy_srcs=None)[:50]
    with requests.Session() as http:
        assert stow(http, base, [make_ct(uid, uid + ".1", uid + ".2")]).status_code == 200
        instance = f"/studies/{uid}/series/{uid}.1/instances/{uid}.2"
        probes = [
            ("GET", f"/studies/{uid}", {"Accept": "multipart/related; type=;;;"}, 406),
            ("GET", f"/studies/{uid}", {"Accept": '"unterminated'}, 406),
            ("GET", f"{instance}/frames/99999999999999999999", {}, 400),
            ("GET", f"{instance}/bulkdata/zzzzzzzz", {}, 404),
            ("GET", f"{instance}/bulkdata/7FE0", {}, 404),
            ("GET", "/studies?PatientName=%00%FF", {}, 200),
            ("GET", "/studies?StudyDate=2025010120250102", {}, 400),
            ("GET", "/workitems?ScheduledProcedureStepStartDateTime=2025x-", {}, 400),
            ("GET", "/workitems/not-a-uid", {}, 404),
            ("POST", "/studies", {"Content-Type": "multipart/related; boundary=" + "x" * 300}, 400),
            ("POST", "/studies", {"Content-Type": ""}, 415),
            ("POST", "/workitems?a=b&c", {"Content-Type": DICOM_JSON}, 201),
            ("POST", "/workitems?bad uid", {"Content-Type": DICOM_JSON}, 400),
            ("PUT", f"/workitems/{uid}/state", {"Content-Type": DICOM_JSON}, 400),
            ("DELETE", f"/studies/{uid}", {}, 405),
            ("GET", "/nowhere", {}, 404),
        ]
        for method, path, headers, expected in probes:
            response = http.request(method, base + path, headers=headers, data=b"[{}]")
            assert response.status_code == expected, (method, path, response.status_code)
        body = json.dumps([{"00741000": {"vr": "CS", "Value": ["IN PROGRESS"]},
                            "00081195": {"vr": "UI", "Value": ["x.y"]}}])  # fmt: skip
        uid_item = create(http, fresh_hub, workitem())
        response = http.put(f"{base}/workitems/{uid_item}/state", data=body,
                            headers={"Content-Type": DICOM_JSON})  # fmt: skip
        assert response.status_code == 400


def test_genuine_bug_is_a_logged_500_without_patient_data(
    fresh_hub: HubServer, caplog: pytest.LogCaptureFixture
) -> None:
    ds = make_ct(generate_uid(), generate_uid(), patient_name="SECRET^PATIENT")
    with requests.Session() as http:
        assert stow(http, fresh_hub.base_url, [ds]).status_code == 200
        assert fresh_hub.hub is not None
        with fresh_hub.hub.archive.db.writing() as conn:  # damage the index: a hub bug
            conn.execute("ALTER TABLE series RENAME TO broken_series")
        with caplog.at_level(logging.INFO):
            response = http.get(f"{fresh_hub.base_url}/studies", params={"PatientName": "SECRET*"})
        assert response.status_code == 500
        assert response.headers["Warning"] == "299 minihub: internal error"
        assert http.get(f"{fresh_hub.base_url}/workitems").status_code == 200  # still serving
    assert "unhandled OperationalError" in caplog.text
    assert "SECRET" not in caplog.text
