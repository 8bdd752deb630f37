"""STOW-RS (PS3.18 §10.5): store, conflicts, bad parts, duplicates."""

from __future__ import annotations

import pytest
import requests

from tests.contract.cases import Corpus, scratch_instances
from tests.contract.conftest import Server, Stored
from tests.contract.wire import (
    ACCEPT_ANY_TS,
    FAILURE_REASON,
    REFERENCED_SOP_CLASS,
    RETRIEVE_URL,
    assert_dicom_json,
    failed,
    get_multipart,
    instance_url,
    media_type,
    post_stow,
    referenced,
)
from tests.dicomweb_util import (
    DICOM_JSON,
    dataset_bytes,
    encode_multipart,
    parse_content_type,
    tag_value,
)


def test_store_answers_referenced_sop_sequence(server: Server, stored: Stored) -> None:
    """200 + dicom+json listing every instance in (0008,1199) with its class and URL."""
    assert stored.status_code == 200
    assert parse_content_type(stored.content_type)[0] == DICOM_JSON
    refs = referenced(stored.answer)
    instances = {ds.SOPInstanceUID: ds for ds in stored.corpus.instances}
    assert set(refs) == set(instances)
    assert not failed(stored.answer)
    for uid, item in refs.items():
        ds = instances[uid]
        assert tag_value(item, REFERENCED_SOP_CLASS) == ds.SOPClassUID
        url = tag_value(item, RETRIEVE_URL)
        assert url == instance_url(server.base_url, ds), url


def test_retrieve_url_of_a_stored_instance_resolves(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    ds = stored.corpus.studies["A"].series[0].instances[0]
    url = tag_value(referenced(stored.answer)[ds.SOPInstanceUID], RETRIEVE_URL)
    _, parts = get_multipart(http, url, ACCEPT_ANY_TS)
    assert [p.dataset().SOPInstanceUID for p in parts] == [ds.SOPInstanceUID]


def test_store_into_its_own_study_path(
    server: Server, corpus: Corpus, http: requests.Session
) -> None:
    """POST /studies/{study} with instances of that study → 200."""
    instances = scratch_instances(corpus, 2, key="P")
    study = instances[0].StudyInstanceUID
    response = post_stow(http, server.url(f"studies/{study}"), instances)
    answer = assert_dicom_json(response)
    assert set(referenced(answer)) == {ds.SOPInstanceUID for ds in instances}
    # PS3.18 §10.5.3.2: the study-level Retrieve URL, when given, is this study's.
    if RETRIEVE_URL in answer:
        assert tag_value(answer, RETRIEVE_URL) == server.url(f"studies/{study}")


def test_store_into_another_study_is_a_conflict(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    """An instance whose Study Instance UID differs from the path: 409, failed, not stored.

    PS3.18 §10.5.3.1: 409 Conflict when no instance could be stored because
    of a conflict such as a Study Instance UID mismatch.
    """
    other = stored.corpus.studies["A"].uid
    (ds,) = scratch_instances(stored.corpus, key="M")
    response = post_stow(http, server.url(f"studies/{other}"), [ds])
    assert response.status_code == 409, response.content[:300]
    answer = response.json()
    assert not referenced(answer)
    failures = failed(answer)
    assert set(failures) == {ds.SOPInstanceUID}
    assert tag_value(failures[ds.SOPInstanceUID], FAILURE_REASON) is not None
    gone = http.get(instance_url(server.base_url, ds), headers={"Accept": ACCEPT_ANY_TS})
    assert gone.status_code == 404


def test_failure_answer_is_dicom_json(
    server: Server, corpus: Corpus, http: requests.Session, request: pytest.FixtureRequest
) -> None:
    server.expect_deviation(request, "stow_failure_content_type")
    (ds,) = scratch_instances(corpus, key="N")
    response = post_stow(http, server.url(f"studies/{corpus.studies['B'].uid}"), [ds])
    assert response.status_code == 409
    assert media_type(response)[0] == DICOM_JSON


def test_a_part_that_is_not_dicom_is_refused(
    server: Server, corpus: Corpus, http: requests.Session
) -> None:
    """Only garbage in the body: nothing stored, 400 or 409 (PS3.18 §10.5.3.1)."""
    body, content_type = encode_multipart([b"this is not a DICOM file" * 8])
    response = http.post(
        server.url("studies"),
        data=body,
        headers={"Content-Type": content_type, "Accept": DICOM_JSON},
    )
    expected = 409 if "stow_unreadable_part_is_conflict" in server.quirks else 400
    assert response.status_code == expected, response.status_code
    if response.content:
        assert not referenced(response.json())


def test_one_bad_part_among_good_ones_is_a_partial_success(
    server: Server, corpus: Corpus, http: requests.Session, request: pytest.FixtureRequest
) -> None:
    """202 Accepted: the good instance stored and referenced (PS3.18 §10.5.3.1)."""
    (good,) = scratch_instances(corpus, key="Q")
    good_url = instance_url(server.base_url, good)
    body, content_type = encode_multipart([dataset_bytes(good), b"not DICOM at all" * 16])
    response = http.post(
        server.url("studies"),
        data=body,
        headers={"Content-Type": content_type, "Accept": DICOM_JSON},
    )
    # Whatever the status, the good instance must be stored and referenced.
    assert set(referenced(response.json())) == {good.SOPInstanceUID}
    assert http.get(good_url, headers={"Accept": ACCEPT_ANY_TS}).status_code == 200
    server.expect_deviation(request, "stow_partial_status")
    assert response.status_code == 202, response.status_code
    assert media_type(response)[0] == DICOM_JSON


def test_storing_a_duplicate_is_idempotent(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    """The outbox retries with the same UIDs: storing again succeeds, nothing doubles."""
    series = stored.corpus.studies["A"].series[0]
    response = post_stow(http, server.url("studies"), series.instances)
    answer = assert_dicom_json(response)
    assert set(referenced(answer)) == {ds.SOPInstanceUID for ds in series.instances}
    assert not failed(answer)
    listing = http.get(
        server.url(f"studies/{series.instances[0].StudyInstanceUID}/series/{series.uid}/instances"),
        headers={"Accept": DICOM_JSON},
    )
    assert len(assert_dicom_json(listing)) == len(series.instances)


def test_a_single_part_body_is_unsupported_media_type(
    server: Server, corpus: Corpus, http: requests.Session
) -> None:
    """STOW-RS bodies are multipart/related (PS3.18 §10.5.1.2); else 415."""
    (ds,) = scratch_instances(corpus, key="S")
    response = http.post(
        server.url("studies"),
        data=dataset_bytes(ds),
        headers={"Content-Type": "application/dicom", "Accept": DICOM_JSON},
    )
    assert response.status_code == 415, response.status_code


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"no delimiter anywhere in this body", id="no-delimiter"),
        pytest.param(b"--xyz\r\nContent-Type: application/dicom\r\n\r\nDICM", id="unclosed"),
    ],
)
def test_malformed_multipart_is_a_bad_request(
    server: Server, http: requests.Session, request: pytest.FixtureRequest, body: bytes
) -> None:
    server.expect_deviation(request, "stow_malformed_multipart")
    response = http.post(
        server.url("studies"),
        data=body,
        headers={
            "Content-Type": 'multipart/related; type="application/dicom"; boundary=xyz',
            "Accept": DICOM_JSON,
        },
    )
    assert response.status_code == 400, (response.status_code, response.content[:200])
