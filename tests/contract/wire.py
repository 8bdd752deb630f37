"""Assertions on DICOMweb answers shared by the contract tests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import requests
from pydicom.dataset import Dataset

from tests.dicomweb_util import (
    DICOM,
    DICOM_JSON,
    OCTET,
    Part,
    RawResponse,
    parse_content_type,
    parse_multipart,
    stow_body,
    tag_value,
    tag_values,
)

ACCEPT_ANY_TS = f'multipart/related; type="{DICOM}"; transfer-syntax=*'
ACCEPT_DICOM = f'multipart/related; type="{DICOM}"'
ACCEPT_OCTET = f'multipart/related; type="{OCTET}"'

# (0008,1199) Referenced SOP Sequence, (0008,1198) Failed SOP Sequence
REFERENCED_SOP_SEQUENCE = "00081199"
FAILED_SOP_SEQUENCE = "00081198"
RETRIEVE_URL = "00081190"
REFERENCED_SOP_CLASS = "00081150"
REFERENCED_SOP_INSTANCE = "00081155"
FAILURE_REASON = "00081197"


def media_type(response: requests.Response | RawResponse) -> tuple[str, dict[str, str]]:
    return parse_content_type(response.headers.get("Content-Type", ""))


def assert_dicom_json(response: requests.Response | RawResponse) -> Any:
    """200 + ``application/dicom+json`` (PS3.18 §8.7.3.1.2); returns the JSON."""
    assert response.status_code == 200, (response.status_code, response.content[:300])
    assert media_type(response)[0] == DICOM_JSON
    return response.json()


def post_stow(
    http: requests.Session, url: str, datasets: Iterable[Dataset | bytes]
) -> requests.Response:
    body, content_type = stow_body(datasets)
    return http.post(
        url, data=body, headers={"Content-Type": content_type, "Accept": DICOM_JSON}, timeout=60
    )


def referenced(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Items of (0008,1199) Referenced SOP Sequence, keyed by SOP Instance UID."""
    return {
        tag_value(item, REFERENCED_SOP_INSTANCE): item
        for item in tag_values(answer, REFERENCED_SOP_SEQUENCE)
    }


def failed(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Items of (0008,1198) Failed SOP Sequence, keyed by SOP Instance UID."""
    return {
        tag_value(item, REFERENCED_SOP_INSTANCE): item
        for item in tag_values(answer, FAILED_SOP_SEQUENCE)
    }


def get_multipart(
    http: requests.Session, url: str, accept: str, part_type: str = DICOM
) -> tuple[requests.Response, list[Part]]:
    """GET a multipart/related answer, check its Content-Type, return its parts."""
    response = http.get(url, headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    kind, params = media_type(response)
    assert kind == "multipart/related", response.headers.get("Content-Type")
    assert params.get("boundary"), "multipart answer without a boundary"
    # The type parameter names the parts' media type (RFC 2387 §3.1); Orthanc
    # appends the transfer syntax inside it, which RFC 2387 tolerates.
    assert parse_content_type(params.get("type", ""))[0] == part_type, params
    parts = parse_multipart(response.content, response.headers["Content-Type"])
    for part in parts:
        assert parse_content_type(part.content_type)[0] == part_type, part.headers
    return response, parts


def instance_url(server_url: str, ds: Dataset) -> str:
    return (
        f"{server_url}/studies/{ds.StudyInstanceUID}/series/{ds.SeriesInstanceUID}"
        f"/instances/{ds.SOPInstanceUID}"
    )
