"""UPS-RS (PS3.18 11) over HTTP: create, retrieve, update, state changes, cancel, search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from pydicom.uid import generate_uid

from minihub.events import EventKind, WorkitemEvent
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.minihub.conftest import DICOM_JSON, value

HEADERS = {"Content-Type": DICOM_JSON, "Accept": DICOM_JSON}
NOW = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)


def workitem(
    *, priority: str = "HIGH", patient_id: str = "P1", name: str = "DOE^JOHN",
    accession: str = "ACC1", start: datetime = NOW,
) -> dict[str, Any]:  # fmt: skip
    request = ClinicalRequest(
        site="CH Test, Urgences", physician="TEST^Doc", question="Thrombolysis?",
        accession=accession, nihss=7, last_known_well=start - timedelta(hours=1),
        callback_phone="+33 0 00 00 00 00",
    )  # fmt: skip
    study = generate_uid()
    inputs = [InputSeries(study, generate_uid(), [("1.2.840.10008.5.1.4.1.1.2", generate_uid())],
                          f"http://hub/dicom-web/studies/{study}")]  # fmt: skip
    patient = {"PatientName": name, "PatientID": patient_id, "PatientSex": "M"}
    return build_request_workitem(
        request, patient=patient, inputs=inputs, scheduled=start, priority=priority
    )


def create(http: requests.Session, hub: HubServer, dataset: dict[str, Any], uid: str = "") -> str:
    url = f"{hub.base_url}/workitems" + (f"?{uid}" if uid else "")
    response = http.post(url, data=json.dumps([dataset]), headers=HEADERS)
    assert response.status_code == 201, response.text
    return str(response.headers["Location"].rsplit("/", 1)[1])


def state(
    http: requests.Session, hub: HubServer, uid: str, new: str, transaction: str | None
) -> requests.Response:
    body: dict[str, Any] = {"00741000": {"vr": "CS", "Value": [new]}}
    if transaction is not None:
        body["00081195"] = {"vr": "UI", "Value": [transaction]}
    return http.put(
        f"{hub.base_url}/workitems/{uid}/state", data=json.dumps([body]), headers=HEADERS
    )


def update(
    http: requests.Session, hub: HubServer, uid: str, changes: dict[str, Any], query: str = ""
) -> requests.Response:
    url = f"{hub.base_url}/workitems/{uid}" + (f"?{query}" if query else "")
    return http.post(url, data=json.dumps([changes]), headers=HEADERS)


def retrieve(http: requests.Session, hub: HubServer, uid: str) -> dict[str, Any]:
    response = http.get(f"{hub.base_url}/workitems/{uid}", headers={"Accept": DICOM_JSON})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DICOM_JSON
    assert "00081195" not in response.text  # the Transaction UID is never returned
    (item,) = response.json()
    return dict(item)


PERFORMED = {
    "00741216": {
        "vr": "SQ",
        "Value": [
            {
                "00404050": {"vr": "DT", "Value": ["20250601101000+0000"]},
                "00404051": {"vr": "DT", "Value": ["20250601102000+0000"]},
                "00404033": {
                    "vr": "SQ",
                    "Value": [{"0040E020": {"vr": "CS", "Value": ["DICOM"]}}],
                },
            }
        ],
    }
}


@pytest.fixture
def events(hub: HubServer) -> Iterator[list[WorkitemEvent]]:
    seen: list[WorkitemEvent] = []
    assert hub.hub is not None
    unsubscribe = hub.hub.events.subscribe(seen.append)
    yield seen
    unsubscribe()


def test_create_and_retrieve(hub: HubServer, http: requests.Session) -> None:
    uid = generate_uid()
    response = http.post(f"{hub.base_url}/workitems?{uid}", data=json.dumps([workitem()]),
                         headers=HEADERS)  # fmt: skip
    assert response.status_code == 201
    assert response.headers["Location"] == f"{hub.base_url}/workitems/{uid}"
    item = retrieve(http, hub, uid)
    assert value(item, "00080018") == uid
    assert value(item, "00080016") == "1.2.840.10008.5.1.4.34.6.1"
    assert value(item, "00741000") == "SCHEDULED"
    assert value(item, "00741200") == "HIGH"
    assert value(item, "00404041") == "READY"
    assert value(item, "00100020") == "P1"
    again = http.post(f"{hub.base_url}/workitems?{uid}", data=json.dumps([workitem()]),
                      headers=HEADERS)  # fmt: skip
    assert again.status_code == 409
    generated = create(http, hub, workitem())
    assert generated != uid and value(retrieve(http, hub, generated), "00080018") == generated
    in_body = {**workitem(), "00080018": {"vr": "UI", "Value": [generate_uid()]}}
    assert create(http, hub, in_body) == in_body["00080018"]["Value"][0]
    assert http.get(f"{hub.base_url}/workitems/{generate_uid()}").status_code == 404


def test_creation_fills_defaults(hub: HubServer, http: requests.Session) -> None:
    uid = create(http, hub, {"00100020": {"vr": "LO", "Value": ["P9"]}})
    item = retrieve(http, hub, uid)
    assert value(item, "00741000") == "SCHEDULED"
    assert value(item, "00741200") == "MEDIUM"
    assert value(item, "00404005")  # scheduled start = the hub's now
    assert value(item, "00404010")


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("not json", DICOM_JSON, 400),
        ("[]", DICOM_JSON, 400),
        ("[{}, {}]", DICOM_JSON, 400),
        ('"text"', DICOM_JSON, 400),
        ('[{"00741000": {"vr": "CS", "Value": ["IN PROGRESS"]}}]', DICOM_JSON, 400),
        ('[{"00081195": {"vr": "UI", "Value": ["1.2.3"]}}]', DICOM_JSON, 400),
        ('[{"00741200": {"vr": "CS", "Value": ["URGENT"]}}]', DICOM_JSON, 400),
        ('[{"00404005": {"vr": "DT", "Value": ["yesterday"]}}]', DICOM_JSON, 400),
        ('[{"00100020": {"vr": "XX", "Value": ["P"]}}]', DICOM_JSON, 400),
        ("", DICOM_JSON, 400),
        ("[{}]", "text/plain", 415),
    ],
)
def test_invalid_creation_is_4xx(
    hub: HubServer, http: requests.Session, body: str, content_type: str, status: int
) -> None:
    response = http.post(f"{hub.base_url}/workitems", data=body.encode(),
                         headers={"Content-Type": content_type})  # fmt: skip
    assert response.status_code == status
    assert response.headers["Warning"].startswith("299 minihub: ")


def test_claim_update_complete(
    hub: HubServer, http: requests.Session, events: list[WorkitemEvent]
) -> None:
    uid = create(http, hub, workitem())
    txn, other = generate_uid(), generate_uid()
    assert state(http, hub, uid, "COMPLETED", txn).status_code == 409  # C310 not yet claimed
    assert state(http, hub, uid, "SCHEDULED", txn).status_code == 409  # C303
    assert state(http, hub, uid, "IN PROGRESS", None).status_code == 400  # no Transaction UID
    assert state(http, hub, uid, "DONE", txn).status_code == 400
    assert state(http, hub, uid, "IN PROGRESS", txn).status_code == 200
    assert value(retrieve(http, hub, uid), "00741000") == "IN PROGRESS"
    conflict = state(http, hub, uid, "IN PROGRESS", other)
    assert conflict.status_code == 409 and "C302" in conflict.headers["Warning"]
    assert state(http, hub, uid, "IN PROGRESS", txn).status_code == 409  # no re-claim either

    performer = {"00404035": {"vr": "SQ", "Value": [{"00404037": {"vr": "PN",
                 "Value": [{"Alphabetic": "RADIO^Ann"}]}}]}}  # fmt: skip
    assert update(http, hub, uid, performer).status_code == 400  # no Transaction UID
    wrong = update(http, hub, uid, performer, other)
    assert wrong.status_code == 400
    assert "did not reference a claimed Workitem" in wrong.headers["Warning"]
    assert update(http, hub, uid, performer, txn).status_code == 200
    assert update(http, hub, uid, {}, f"transaction={txn}").status_code == 200
    assert update(http, hub, uid, {**performer, "00081195": {"vr": "UI", "Value": [txn]}}).ok
    changed_state = {"00741000": {"vr": "CS", "Value": ["COMPLETED"]}}
    assert update(http, hub, uid, changed_state, txn).status_code == 400
    assert update(http, hub, uid, performer, "not-a-uid").status_code == 400
    item = retrieve(http, hub, uid)
    assert item["00404035"]["Value"][0]["00404037"]["Value"] == [{"Alphabetic": "RADIO^Ann"}]

    refused = state(http, hub, uid, "COMPLETED", txn)
    assert refused.status_code == 409
    assert "final state" in refused.headers["Warning"] and "C304" in refused.headers["Warning"]
    wrong = state(http, hub, uid, "COMPLETED", other)
    assert wrong.status_code == 400
    assert wrong.headers["Warning"] == "299 minihub: The Transaction UID is incorrect."
    assert update(http, hub, uid, PERFORMED, txn).status_code == 200
    assert state(http, hub, uid, "COMPLETED", txn).status_code == 200
    assert value(retrieve(http, hub, uid), "00741000") == "COMPLETED"
    again = state(http, hub, uid, "COMPLETED", txn)
    assert again.status_code == 200
    assert again.headers["Warning"] == (
        "299 minihub: The UPS is already in the requested state of COMPLETED."
    )
    assert update(http, hub, uid, performer, txn).status_code == 400  # C300, PS3.18 11.6.2
    assert state(http, hub, uid, "CANCELED", txn).status_code == 409
    assert state(http, hub, uid, "IN PROGRESS", other).status_code == 409
    assert http.post(f"{hub.base_url}/workitems/{uid}/cancelrequest").status_code == 409
    kinds = [(e.kind, e.state) for e in events if e.workitem_uid == uid]
    assert kinds[0] == (EventKind.STATE_REPORT, "SCHEDULED")
    assert (EventKind.STATE_REPORT, "IN PROGRESS") in kinds
    assert kinds[-1] == (EventKind.STATE_REPORT, "COMPLETED")
    assert all("00081195" not in e.dataset for e in events)


def test_performer_cancels(hub: HubServer, http: requests.Session) -> None:
    uid = create(http, hub, workitem())
    txn = generate_uid()
    assert state(http, hub, uid, "CANCELED", txn).status_code == 409  # C310
    assert state(http, hub, uid, "IN PROGRESS", txn).status_code == 200
    assert state(http, hub, uid, "CANCELED", generate_uid()).status_code == 400  # C301
    assert state(http, hub, uid, "CANCELED", txn).status_code == 200
    item = retrieve(http, hub, uid)
    assert value(item, "00741000") == "CANCELED"
    assert value(item["00741002"]["Value"][0], "00404052")  # cancellation DateTime
    again = state(http, hub, uid, "CANCELED", txn)
    assert again.status_code == 200 and "already" in again.headers["Warning"]
    assert state(http, hub, uid, "SCHEDULED", txn).status_code == 409


def test_cancel_requests(
    hub: HubServer, http: requests.Session, events: list[WorkitemEvent]
) -> None:
    scheduled = create(http, hub, workitem())
    reason = {"00741238": {"vr": "LT", "Value": ["Patient transferred"]}}
    url = f"{hub.base_url}/workitems/{{}}/cancelrequest"
    response = http.post(url.format(scheduled), data=json.dumps([reason]), headers=HEADERS)
    assert response.status_code == 202
    item = retrieve(http, hub, scheduled)
    assert value(item, "00741000") == "CANCELED"  # the hub cancels a SCHEDULED item itself
    assert value(item["00741002"]["Value"][0], "00741238") == "Patient transferred"

    claimed = create(http, hub, workitem())
    txn = generate_uid()
    assert state(http, hub, claimed, "IN PROGRESS", txn).status_code == 200
    response = http.post(url.format(claimed), data=json.dumps([reason]), headers=HEADERS)
    assert response.status_code == 202
    item = retrieve(http, hub, claimed)
    assert value(item, "00741000") == "IN PROGRESS"  # the performer decides
    assert value(item["00741002"]["Value"][0], "00741238") == "Patient transferred"
    assert (EventKind.CANCEL_REQUESTED, claimed) in [(e.kind, e.workitem_uid) for e in events]
    assert http.post(url.format(claimed)).status_code == 202  # empty body is fine
    assert state(http, hub, claimed, "CANCELED", txn).status_code == 200
    already = http.post(url.format(claimed))
    assert already.status_code == 202
    assert already.headers["Warning"] == (
        "299 minihub: The UPS is already in the requested state of CANCELED."
    )
    assert http.post(url.format(generate_uid())).status_code == 404


def test_search_order_and_matching(fresh_hub: HubServer) -> None:
    hub = fresh_hub
    with requests.Session() as http:
        low = create(http, hub, workitem(priority="LOW", start=NOW - timedelta(hours=2)))
        high_late = create(http, hub, workitem(start=NOW, patient_id="P2", accession="A2",
                                               name="SMITH^ANNA"))  # fmt: skip
        high_early = create(http, hub, workitem(start=NOW - timedelta(minutes=30),
                                                patient_id="P3", name="SMITH^BOB"))  # fmt: skip
        medium = create(http, hub, workitem(priority="MEDIUM", start=NOW - timedelta(hours=5)))
        done = create(http, hub, workitem(start=NOW - timedelta(hours=9)))
        txn = generate_uid()
        assert state(http, hub, done, "IN PROGRESS", txn).status_code == 200

        def search(**params: str) -> list[str]:
            response = http.get(f"{hub.base_url}/workitems", params=params,
                                headers={"Accept": DICOM_JSON})  # fmt: skip
            assert response.status_code == 200, response.text
            assert "00081195" not in response.text
            return [value(item, "00080018") for item in response.json()]

        assert search(ProcedureStepState="SCHEDULED") == [high_early, high_late, medium, low]
        assert search() == [done, high_early, high_late, medium, low]
        assert search(ProcedureStepState="IN PROGRESS") == [done]
        assert search(ScheduledProcedureStepPriority="HIGH", ProcedureStepState="SCHEDULED") == [
            high_early, high_late,
        ]  # fmt: skip
        assert search(PatientID="P2") == [high_late]
        assert search(PatientName="smith*") == [high_early, high_late]
        assert search(**{"0040A370.00080050": "A2"}) == [high_late]
        assert search(AccessionNumber="A2") == [high_late]
        assert search(ScheduledProcedureStepStartDateTime="20250601095500-") == [high_late]
        assert search(ScheduledProcedureStepStartDateTime="-20250601050000") == [done, medium]
        window = "20250601080000+0000-20250601093500+0000"
        assert search(ScheduledProcedureStepStartDateTime=window) == [high_early, low]
        assert search(ScheduledProcedureStepStartDateTime="20250601") == search()
        assert search(limit="2", offset="1") == [high_early, high_late]
        assert search(includefield="all", limit="1") == [done]
        assert search(ProcedureStepLabel="Acute*", limit="1") == [done]
        assert search(CommentsOnTheScheduledProcedureStep="nothing") == []
        for bad in ({"limit": "x"}, {"Bogus": "1"}, {"ScheduledProcedureStepStartDateTime": "soon"},
                    {"0040A370.00401001": "x"}):  # fmt: skip
            response = http.get(f"{hub.base_url}/workitems", params=bad)
            assert response.status_code == 400, bad
