"""HttpHub on the wire: what it sends, and how it takes a misbehaving hub.

A scripted server on 127.0.0.1 answers exactly what each test queued, so the
requests (method, path, query, headers, body) are asserted as they arrived,
and faults — errors, slowness, cut-off or malformed bodies, TLS — are real.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pydicom
import pytest
import requests
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from app.hub.client import HttpHub
from app.hub.errors import (
    AlreadyClaimed,
    AuthError,
    Conflict,
    HubError,
    HubTimeout,
    HubUnreachable,
    MalformedAnswer,
    NotFound,
    RequestRejected,
    ServerError,
    TlsError,
)
from app.hub.transport import RetryPolicy
from protocol.multipart import boundary_of, iter_parts
from tests.app.hub.scripted import (
    Reply,
    ScriptedServer,
    closed_port,
    multipart,
    self_signed_certificate,
)

JSON = {"Content-Type": "application/dicom+json"}
FAST = RetryPolicy(attempts=3, backoff_s=0.01, max_backoff_s=0.02, jitter=0.0)


def _ct_file(sop_uid: str | None = None) -> bytes:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = sop_uid or generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "WIRE^TEST"
    ds.Rows = ds.Columns = 2
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelData = b"\x01\x00\x02\x00\x03\x00\x04\x00"
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as scripted:
        yield scripted


@pytest.fixture
def hub(server: ScriptedServer) -> Iterator[HttpHub]:
    sleeps: list[float] = []
    client = HttpHub(server.base_url, read_timeout_s=2.0, retry=FAST, sleep=sleeps.append)
    client.sleeps = sleeps  # type: ignore[attr-defined]
    yield client
    client.close()


# -- what goes on the wire ---------------------------------------------------------


def test_qido_request_line_and_headers(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(
        Reply(
            headers=JSON, body=json.dumps([{"0020000D": {"vr": "UI", "Value": ["1.2"]}}]).encode()
        )
    )
    found = hub.search_studies(
        {"PatientName": "DOE^J*", "StudyDate": "20240101-20240131"},
        includefield=["00081030", "ModalitiesInStudy"],
        limit=10,
        offset=20,
    )
    assert found == [{"0020000D": {"vr": "UI", "Value": ["1.2"]}}]
    seen = server.requests[0]
    assert (seen.method, seen.path) == ("GET", "/dicom-web/studies")
    assert seen.query == (
        "PatientName=DOE^J*&StudyDate=20240101-20240131"
        "&includefield=00081030,ModalitiesInStudy&limit=10&offset=20"
    )
    assert seen.headers["accept"] == "application/dicom+json"


def test_qido_paths_by_level(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=204), Reply(status=204), Reply(status=204), Reply(status=204))
    assert hub.search_series("1.2.3") == []
    assert hub.search_series() == []
    assert hub.search_instances("1.2.3", "4.5") == []
    assert hub.search_instances() == []
    assert [r.path for r in server.requests] == [
        "/dicom-web/studies/1.2.3/series",
        "/dicom-web/series",
        "/dicom-web/studies/1.2.3/series/4.5/instances",
        "/dicom-web/instances",
    ]


def test_uids_are_checked_before_they_reach_a_url(hub: HttpHub) -> None:
    with pytest.raises(ValueError, match="study"):
        hub.search_series("../../etc")
    with pytest.raises(ValueError, match="workitem"):
        hub.retrieve_workitem("1.2?x=1")


def test_series_retrieve_streams_dicom_parts(server: ScriptedServer, hub: HttpHub) -> None:
    files = [_ct_file() for _ in range(3)]
    server.script(multipart([("application/dicom", f) for f in files]))
    got = list(hub.iter_series("1.2.3", "4.5.6"))
    assert got == files
    seen = server.requests[0]
    assert (seen.method, seen.path) == ("GET", "/dicom-web/studies/1.2.3/series/4.5.6")
    assert (
        seen.headers["accept"] == 'multipart/related; type="application/dicom"; transfer-syntax=*'
    )
    assert pydicom.dcmread(io.BytesIO(got[0])).PatientName == "WIRE^TEST"


def test_frames_and_bulkdata(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(
        multipart([("application/octet-stream", b"F1"), ("application/octet-stream", b"F3")]),
        multipart([("application/octet-stream", b"BULK")]),
    )
    assert hub.retrieve_frames("1.2", "3.4", "5.6", [1, 3]) == [b"F1", b"F3"]
    assert hub.retrieve_bulkdata(f"{server.base_url}/bulk/1.2/00420011") == b"BULK"
    frames, bulk = server.requests
    assert frames.path == "/dicom-web/studies/1.2/series/3.4/instances/5.6/frames/1,3"
    assert frames.headers["accept"] == (
        'multipart/related; type="application/octet-stream"; transfer-syntax=*'
    )
    assert bulk.path == "/dicom-web/bulk/1.2/00420011"


def test_stow_request_and_partial_failure(
    server: ScriptedServer, hub: HttpHub, tmp_path: Path
) -> None:
    ok_uid, bad_uid = generate_uid(), generate_uid()
    path = tmp_path / "one.dcm"
    path.write_bytes(_ct_file(ok_uid))
    answer = {
        "00081199": {"vr": "SQ", "Value": [{
            "00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
            "00081155": {"vr": "UI", "Value": [ok_uid]},
            "00081190": {"vr": "UR", "Value": ["http://x/studies/1/series/2/instances/3"]},
        }]},
        "00081198": {"vr": "SQ", "Value": [{
            "00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
            "00081155": {"vr": "UI", "Value": [bad_uid]},
            "00081197": {"vr": "US", "Value": [0xC122]},
        }]},
    }  # fmt: skip
    server.script(Reply(status=202, headers=JSON, body=json.dumps(answer).encode()))
    result = hub.store_instances([path, _ct_file(bad_uid)], study_uid="1.2.3")
    assert result.stored_uids == {ok_uid}
    assert [f.sop_instance_uid for f in result.failed] == [bad_uid]
    assert "transfer syntax not supported" in result.failed[0].reason and not result.ok
    seen = server.requests[0]
    assert (seen.method, seen.path) == ("POST", "/dicom-web/studies/1.2.3")
    assert seen.headers["accept"] == "application/dicom+json"
    assert seen.headers["content-type"].startswith(
        'multipart/related; type="application/dicom"; boundary='
    )
    assert int(seen.headers["content-length"]) == len(seen.body)
    parts = list(iter_parts([seen.body], boundary_of(seen.headers["content-type"])))
    assert [p.body for p in parts] == [path.read_bytes(), _ct_file(bad_uid)]


def test_stow_batches_large_sets(server: ScriptedServer) -> None:
    hub = HttpHub(server.base_url, retry=FAST, stow_batch_count=2)
    server.script(*(Reply(headers=JSON, body=b"{}") for _ in range(3)))
    result = hub.store_instances([_ct_file() for _ in range(5)])
    assert result.requests == 3 and len(server.requests) == 3


def test_ups_requests_follow_ps3_18(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(
        Reply(status=201, headers={"Location": f"{server.base_url}/workitems/1.2.9"}),
        Reply(status=200),
        Reply(status=200),
        Reply(status=202),
    )
    uid = hub.create_workitem({"00741200": {"vr": "CS", "Value": ["HIGH"]}}, workitem_uid="1.2.9")
    txn = hub.claim(uid)
    hub.update_workitem(uid, txn, {"00741204": {"vr": "LO", "Value": ["label"]}})
    hub.request_cancellation(uid, "patient transferred", contact_name="ED Synthville")
    create, claim, update, cancel = server.requests
    assert (create.method, create.path, create.query) == ("POST", "/dicom-web/workitems", "1.2.9")
    assert create.headers["content-type"] == "application/dicom+json"
    assert json.loads(create.body) == {
        "00741200": {"vr": "CS", "Value": ["HIGH"]},
        "00080018": {"vr": "UI", "Value": ["1.2.9"]},
    }
    assert (claim.method, claim.path) == ("PUT", "/dicom-web/workitems/1.2.9/state")
    assert json.loads(claim.body) == {
        "00741000": {"vr": "CS", "Value": ["IN PROGRESS"]},
        "00081195": {"vr": "UI", "Value": [txn]},
    }
    assert (update.method, update.path, update.query) == ("POST", "/dicom-web/workitems/1.2.9", txn)
    assert (cancel.method, cancel.path) == ("POST", "/dicom-web/workitems/1.2.9/cancelrequest")
    assert json.loads(cancel.body)["00741238"]["Value"] == ["patient transferred"]


def test_claim_taken_by_someone_else(server: ScriptedServer, hub: HttpHub) -> None:
    item = {
        "00741000": {"vr": "CS", "Value": ["IN PROGRESS"]},
        "00404035": {
            "vr": "SQ",
            "Value": [{"00404037": {"vr": "PN", "Value": [{"Alphabetic": "DR^OTHER"}]}}],
        },
    }
    server.script(
        Reply(status=409, headers={"Warning": "299 minihub: The UPS is already IN PROGRESS."}),
        Reply(headers=JSON, body=json.dumps([item]).encode()),
    )
    with pytest.raises(AlreadyClaimed) as caught:
        hub.claim("1.2.9")
    assert caught.value.claimed_by == "DR^OTHER" and caught.value.status == 409
    assert "already claimed" in str(caught.value)


def test_claim_retried_after_lost_answer_is_ours(server: ScriptedServer, hub: HttpHub) -> None:
    # The first PUT landed but its answer was lost (503 from a proxy); the
    # retry meets 409 "already IN PROGRESS"; an update with our Transaction
    # UID is accepted, so the claim is ours.
    server.script(Reply(status=503), Reply(status=409), Reply(status=200))
    txn = hub.claim("1.2.9")
    first, second, probe = server.requests
    assert json.loads(first.body) == json.loads(second.body)
    assert (probe.method, probe.path, probe.query) == ("POST", "/dicom-web/workitems/1.2.9", txn)


def test_create_retried_after_lost_answer(server: ScriptedServer, hub: HttpHub) -> None:
    sent = {"00741204": {"vr": "LO", "Value": ["STROKE"]}}
    stored = {**sent, "00741000": {"vr": "CS", "Value": ["SCHEDULED"]}}
    server.script(
        Reply(status=502),
        Reply(status=409),
        Reply(headers=JSON, body=json.dumps([stored]).encode()),
    )
    assert hub.create_workitem(sent, workitem_uid="1.2.10") == "1.2.10"
    assert [r.query for r in server.requests[:2]] == ["1.2.10", "1.2.10"]


def test_create_takes_the_uid_the_hub_located(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=201, headers={"Location": f"{server.base_url}/workitems/9.8.7"}))
    assert hub.create_workitem({}, workitem_uid="1.2.12") == "9.8.7"
    with pytest.raises(ValueError, match="differ"):
        hub.create_workitem({"00080018": {"vr": "UI", "Value": ["1.2"]}}, workitem_uid="1.3")


def test_create_conflict_on_first_try_is_an_error(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=409))
    with pytest.raises(Conflict, match="already exists"):
        hub.create_workitem({}, workitem_uid="1.2.11")
    assert len(server.requests) == 1


# -- retries -----------------------------------------------------------------------


def test_get_succeeds_after_two_503(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=503), Reply(status=503), Reply(headers=JSON, body=b"[]"))
    assert hub.search_studies() == []
    assert len(server.requests) == 3
    assert hub.sleeps == [0.01, 0.02]  # type: ignore[attr-defined]


def test_retry_after_is_honoured_within_the_cap(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=429, headers={"Retry-After": "1"}), Reply(headers=JSON, body=b"[]"))
    hub.search_workitems()
    assert hub.sleeps == [0.02]  # type: ignore[attr-defined]


def test_a_post_is_not_retried_blindly(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(status=503), Reply(status=202))
    with pytest.raises(ServerError, match="HTTP 503"):
        hub.request_cancellation("1.2.9", "no longer needed")
    assert len(server.requests) == 1


def test_not_processed_statuses_are_retried_even_for_a_post(
    server: ScriptedServer, hub: HttpHub
) -> None:
    server.script(Reply(status=429), Reply(status=202))
    hub.request_cancellation("1.2.9")
    assert len(server.requests) == 2


def test_gives_up_after_the_last_attempt(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(*(Reply(status=500) for _ in range(3)))
    with pytest.raises(ServerError, match="after 3 attempts") as caught:
        hub.search_studies()
    assert caught.value.attempts == 3 and caught.value.status == 500


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, AuthError, "refused the credentials"),
        (403, AuthError, "not allowed"),
        (404, NotFound, "not found"),
        (409, Conflict, "conflicts"),
        (400, RequestRejected, "rejected"),
    ],
)
def test_http_errors_have_their_own_class(
    server: ScriptedServer, hub: HttpHub, status: int, error: type[HubError], words: str
) -> None:
    server.script(Reply(status=status))
    with pytest.raises(error, match=words) as caught:
        hub.retrieve_series_metadata("1.2", "3.4")
    assert caught.value.status == status
    assert "retrieving series metadata" in str(caught.value)
    assert len(server.requests) == 1  # 4xx are never retried


def test_read_timeout(server: ScriptedServer) -> None:
    hub = HttpHub(server.base_url, read_timeout_s=0.2, retry=RetryPolicy(attempts=1))
    server.script(Reply(delay_s=1.0, headers=JSON, body=b"[]"))
    with pytest.raises(HubTimeout, match="did not answer in time"):
        hub.search_studies()


def test_connection_refused() -> None:
    hub = HttpHub(f"http://127.0.0.1:{closed_port()}/dicom-web", retry=FAST, sleep=lambda s: None)
    with pytest.raises(HubUnreachable, match=r"cannot reach the hub at http://127.0.0.1") as caught:
        hub.search_workitems()
    assert caught.value.attempts == 3  # nothing was sent: always safe to try again


def test_dropped_connection_during_a_post_is_not_retried(
    server: ScriptedServer, hub: HttpHub
) -> None:
    server.script(Reply(drop=True), Reply(status=202))
    with pytest.raises(HubUnreachable, match="lost"):
        hub.request_cancellation("1.2.9")
    assert len(server.requests) == 1


def test_malformed_json(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(headers=JSON, body=b"[{not json"))
    with pytest.raises(MalformedAnswer, match=r"malformed JSON.*searching studies"):
        hub.search_studies()


def test_multipart_without_closing_delimiter(server: ScriptedServer, hub: HttpHub) -> None:
    reply = multipart([("application/dicom", _ct_file()), ("application/dicom", _ct_file())])
    assert isinstance(reply.body, list)
    whole = reply.body[0]
    reply.body = [whole[: whole.rindex(b"--scripted-boundary--") + len(b"--scripted-boundary")]]
    server.script(reply)
    with pytest.raises(MalformedAnswer, match=r"retrieving a series.*closing"):
        list(hub.iter_series("1.2", "3.4"))


def test_series_cut_off_inside_a_part(server: ScriptedServer, hub: HttpHub) -> None:
    reply = multipart([("application/dicom", _ct_file()), ("application/dicom", _ct_file())])
    assert isinstance(reply.body, list)
    reply.body = [reply.body[0][:-200]]  # honest Content-Length, short multipart
    server.script(reply)
    got = []
    with pytest.raises(MalformedAnswer, match=r"part 2 .*truncated"):
        got.extend(hub.iter_series("1.2", "3.4"))
    assert len(got) == 1  # the complete first instance came through


def test_connection_closed_before_announced_length(server: ScriptedServer, hub: HttpHub) -> None:
    reply = multipart([("application/dicom", _ct_file())])
    assert isinstance(reply.body, list)
    reply.content_length = len(reply.body[0]) + 5000
    server.script(reply)
    with pytest.raises(HubError, match="retrieving a series") as caught:
        list(hub.iter_series("1.2", "3.4"))
    assert isinstance(caught.value, HubUnreachable | MalformedAnswer)


def test_non_dicom_part(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(multipart([("application/dicom", _ct_file()), ("text/html", b"<h1>oops</h1>")]))
    with pytest.raises(MalformedAnswer, match=r"part 2 .*not a DICOM file.*text/html"):
        list(hub.iter_series("1.2", "3.4"))


def test_garbage_in_a_dicom_part(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(multipart([("application/dicom", b"this is not a part 10 file")]))
    with pytest.raises(MalformedAnswer, match=r"part 1 .*not a DICOM file"):
        hub.retrieve_instance("1.2", "3.4", "5.6")


def test_not_multipart_at_all(server: ScriptedServer, hub: HttpHub) -> None:
    server.script(Reply(headers=JSON, body=b"[]"))
    with pytest.raises(MalformedAnswer, match="expected a multipart answer"):
        list(hub.iter_series("1.2", "3.4"))


def test_no_patient_data_in_logs_or_messages(
    server: ScriptedServer, hub: HttpHub, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(*(Reply(status=500, headers={"Warning": "299 hub: internal"}) for _ in range(3)))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ServerError) as caught:
        hub.search_studies({"PatientName": "SECRETNAME^ANNA", "PatientID": "PID-778899"})
    assert caplog.records, "the retries and the failure are logged"
    for text in [str(caught.value), *(r.getMessage() for r in caplog.records)]:
        assert "SECRETNAME" not in text and "PID-778899" not in text
        assert "PatientName" not in text


# -- TLS ---------------------------------------------------------------------------


def test_tls_certificate_errors_are_reported_not_bypassed(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with ScriptedServer(tls=(cert, key)) as server:
        server.script(Reply(headers=JSON, body=b"[]"))
        untrusting = HttpHub(server.base_url, retry=FAST, sleep=lambda s: None)
        with pytest.raises(TlsError, match=r"TLS certificate.*could not be verified") as caught:
            untrusting.search_studies()
        assert caught.value.attempts == 1  # a certificate problem is not retried
        session = requests.Session()
        session.verify = str(cert)
        trusting = HttpHub(server.base_url, session=session, retry=FAST)
        assert trusting.search_studies() == []
        assert server.requests[-1].path == "/dicom-web/studies"


def test_silence_about_an_instance_is_not_success(server: ScriptedServer, hub: HttpHub) -> None:
    # Orthanc answers 200 with empty sequences for a part it could not parse.
    empty = {"00081199": {"vr": "SQ"}, "00081198": {"vr": "SQ"}}
    server.script(Reply(headers=JSON, body=json.dumps(empty).encode()))
    result = hub.store_instances([_ct_file()])
    assert not result.ok and result.unacknowledged == 1
    assert result.summary() == "0 stored, 1 not acknowledged by the hub"
