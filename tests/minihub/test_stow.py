"""STOW-RS (PS3.18 10.5) against a running hub: outcomes, failure reasons, bad bodies."""

from __future__ import annotations

import pydicom
import pytest
import requests
from pydicom.uid import generate_uid

from minihub.server import HubServer
from tests.minihub.conftest import DICOM_JSON, make_ct, part10, stow, stow_body, value

REFERENCED = "00081199"
FAILED = "00081198"
FAILURE_REASON = "00081197"


def sop_uids(sequence: dict) -> list[str]:  # type: ignore[type-arg]
    return [value(item, "00081155") for item in sequence.get("Value", [])]


def test_store_ok_response_per_ps3_18(hub: HubServer, http: requests.Session) -> None:
    study, series = generate_uid(), generate_uid()
    datasets = [make_ct(study, series, instance_number=i) for i in (1, 2)]
    response = stow(http, hub.base_url, datasets)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DICOM_JSON
    assert response.headers["Date"].endswith("GMT")
    body = response.json()
    assert value(body, "00081190") == f"{hub.base_url}/studies/{study}"
    assert sop_uids(body[REFERENCED]) == [ds.SOPInstanceUID for ds in datasets]
    item = body[REFERENCED]["Value"][0]
    assert value(item, "00081150") == datasets[0].SOPClassUID
    expected_url = (
        f"{hub.base_url}/studies/{study}/series/{series}/instances/{datasets[0].SOPInstanceUID}"
    )
    assert value(item, "00081190") == expected_url
    assert FAILED not in body
    assert http.get(expected_url + "/metadata").status_code == 200


def test_identical_duplicate_is_an_idempotent_success(
    hub: HubServer, http: requests.Session
) -> None:
    ds = make_ct(generate_uid(), generate_uid())
    assert stow(http, hub.base_url, [ds]).status_code == 200
    # Same data set, another sending application in the meta header: still identical.
    ds.file_meta.ImplementationVersionName = "OTHER_SENDER"
    again = stow(http, hub.base_url, [ds])
    assert again.status_code == 200
    assert sop_uids(again.json()[REFERENCED]) == [ds.SOPInstanceUID]
    found = http.get(f"{hub.base_url}/instances", params={"SOPInstanceUID": ds.SOPInstanceUID})
    assert len(found.json()) == 1


def test_different_content_under_same_uid_is_refused_and_original_kept(
    hub: HubServer, http: requests.Session
) -> None:
    study, series = generate_uid(), generate_uid()
    original = make_ct(study, series, seed=1)
    other = make_ct(study, series, original.SOPInstanceUID, seed=2)
    fine = make_ct(study, series)
    assert stow(http, hub.base_url, [original]).status_code == 200
    response = stow(http, hub.base_url, [other, fine])
    assert response.status_code == 202
    body = response.json()
    assert sop_uids(body[REFERENCED]) == [fine.SOPInstanceUID]
    (failed,) = body[FAILED]["Value"]
    assert value(failed, FAILURE_REASON) == 0x0111
    assert value(failed, "00081155") == original.SOPInstanceUID
    url = f"{hub.base_url}/studies/{study}/series/{series}/instances/{original.SOPInstanceUID}"
    retrieved = http.get(url, headers={"Accept": 'multipart/related; type="application/dicom"'})
    assert original.PixelData in retrieved.content


def test_non_dicom_parts_and_wrong_study(hub: HubServer, http: requests.Session) -> None:
    study = generate_uid()
    good = make_ct(study, generate_uid())
    elsewhere = make_ct(generate_uid(), generate_uid())
    body, content_type = stow_body([b"this is not DICOM", part10(elsewhere), part10(good)])
    response = http.post(
        f"{hub.base_url}/studies/{study}", data=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == 202
    reasons = [value(item, FAILURE_REASON) for item in response.json()[FAILED]["Value"]]
    assert reasons == [0xC000, 0xA900]
    assert sop_uids(response.json()[REFERENCED]) == [good.SOPInstanceUID]
    assert (
        http.get(f"{hub.base_url}/studies/{elsewhere.StudyInstanceUID}/series").status_code == 404
    )


def test_all_failed_is_409(hub: HubServer, http: requests.Session) -> None:
    body, content_type = stow_body([b"\x00" * 300, b"DICM"])
    response = http.post(
        f"{hub.base_url}/studies", data=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == 409
    assert REFERENCED not in response.json()
    assert len(response.json()[FAILED]["Value"]) == 2


def test_part_with_another_media_type_fails(hub: HubServer, http: requests.Session) -> None:
    body, content_type = stow_body([part10(make_ct(generate_uid(), generate_uid()))],
                                   part_type="application/pdf")  # fmt: skip
    response = http.post(
        f"{hub.base_url}/studies", data=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == 409
    assert value(response.json()[FAILED]["Value"][0], FAILURE_REASON) == 0xC000


def test_dataset_without_uids_fails(hub: HubServer, http: requests.Session) -> None:
    ds = make_ct(generate_uid(), generate_uid())
    del ds.SeriesInstanceUID
    response = stow(http, hub.base_url, [ds])
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        pytest.param("application/dicom", b"DICM", 415, id="not-multipart"),
        pytest.param(
            'multipart/related; type="application/dicom+json"; boundary=x',
            b"--x\r\n\r\n[]\r\n--x--",
            415,
            id="json-parts",
        ),
        pytest.param('multipart/related; type="application/dicom"', b"", 400, id="no-boundary"),
        pytest.param(
            'multipart/related; type="application/dicom"; boundary=x',
            b"--x\r\nContent-Type: application/dicom\r\n\r\nnever closed",
            400,
            id="truncated",
        ),
        pytest.param(
            'multipart/related; type="application/dicom"; boundary=x', b"", 400, id="empty"
        ),
        pytest.param(
            'multipart/related; type="application/dicom"; boundary=x',
            b"--x--\r\n",
            400,
            id="no-parts",
        ),
    ],
)
def test_malformed_requests_are_4xx(
    hub: HubServer, http: requests.Session, content_type: str, body: bytes, status: int
) -> None:
    response = http.post(
        f"{hub.base_url}/studies", data=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == status
    assert response.headers["Warning"].startswith("299 minihub: ")


def test_invalid_study_uid_in_path_is_400(hub: HubServer, http: requests.Session) -> None:
    body, content_type = stow_body([part10(make_ct(generate_uid(), generate_uid()))])
    response = http.post(
        f"{hub.base_url}/studies/not-a-uid", data=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == 400


def test_stored_file_is_the_uploaded_instance(hub: HubServer, http: requests.Session) -> None:
    ds = make_ct(generate_uid(), generate_uid(), rows=4, columns=4)
    assert stow(http, hub.base_url, [ds]).status_code == 200
    assert hub.hub is not None
    (stored,) = hub.hub.archive.instances(ds.StudyInstanceUID)
    assert stored.path.read_bytes() == part10(ds)
    assert pydicom.dcmread(stored.path).PixelData == ds.PixelData


def test_series_uid_reused_in_another_study_is_refused(
    hub: HubServer, http: requests.Session
) -> None:
    series = generate_uid()
    assert stow(http, hub.base_url, [make_ct(generate_uid(), series)]).status_code == 200
    response = stow(http, hub.base_url, [make_ct(generate_uid(), series)])
    assert response.status_code == 409
    assert value(response.json()[FAILED]["Value"][0], FAILURE_REASON) == 0xC000


def test_uids_with_leading_zeros_are_stored_and_served(
    hub: HubServer, http: requests.Session
) -> None:
    """PS3.5 forbids leading zeros, real modalities write them: the hub must not refuse
    a patient's images for it, and serves them by their URLs."""
    study, series = "1.2.840.113619.2.55.3.0123", "1.2.840.113619.2.55.3.0123.01"
    ds = make_ct(study, series, "1.2.840.113619.2.55.3.0123.01.007")
    assert stow(http, hub.base_url, [ds]).status_code == 200
    json_accept = {"Accept": DICOM_JSON}
    found = http.get(
        f"{hub.base_url}/studies/{study}/series/{series}/instances", headers=json_accept
    )
    assert found.status_code == 200 and len(found.json()) == 1
    url = f"{hub.base_url}/studies/{study}/series/{series}/instances/{ds.SOPInstanceUID}"
    assert http.get(url, headers={"Accept": 'multipart/related; type="application/dicom"'}).ok
