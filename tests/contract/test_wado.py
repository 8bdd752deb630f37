"""WADO-RS (PS3.18 §10.4): study/series/instance, metadata, bulk data, frames, 404."""

from __future__ import annotations

import numpy as np
import pytest
import requests
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian

from tests.contract.conftest import Server, Stored
from tests.contract.wire import (
    ACCEPT_ANY_TS,
    ACCEPT_DICOM,
    ACCEPT_OCTET,
    assert_dicom_json,
    get_multipart,
    instance_url,
)
from tests.dicomweb_util import DICOM_JSON, OCTET, Part, parse_content_type


def assert_same_instances(parts: list[Part], expected: list[Dataset]) -> None:
    """Same SOP Instance UIDs, same UIDs up the hierarchy, identical pixel data."""
    got = {ds.SOPInstanceUID: ds for ds in (part.dataset() for part in parts)}
    assert set(got) == {ds.SOPInstanceUID for ds in expected}
    for ds in expected:
        back = got[ds.SOPInstanceUID]
        assert back.SOPClassUID == ds.SOPClassUID
        assert back.StudyInstanceUID == ds.StudyInstanceUID
        assert back.SeriesInstanceUID == ds.SeriesInstanceUID
        assert back.file_meta.TransferSyntaxUID == ds.file_meta.TransferSyntaxUID
        assert back.PixelData == ds.PixelData
        np.testing.assert_array_equal(back.pixel_array, ds.pixel_array)


@pytest.mark.parametrize("level", ["study", "series", "instance"])
def test_retrieve_any_transfer_syntax(
    server: Server, stored: Stored, http: requests.Session, level: str
) -> None:
    study = stored.corpus.studies["A"]
    ds = study.series[0].instances[1]
    url, expected = {
        "study": (server.url(f"studies/{study.uid}"), study.instances),
        "series": (
            server.url(f"studies/{study.uid}/series/{study.series[0].uid}"),
            study.series[0].instances,
        ),
        "instance": (instance_url(server.base_url, ds), [ds]),
    }[level]
    _, parts = get_multipart(http, url, ACCEPT_ANY_TS)
    assert_same_instances(parts, expected)


def test_retrieve_default_transfer_syntax_is_explicit_vr_little_endian(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    """No transfer-syntax parameter: Explicit VR Little Endian (PS3.18 §8.7.3.5.2)."""
    series = stored.corpus.studies["B"].series[1]  # multi-frame
    url = server.url(f"studies/{series.instances[0].StudyInstanceUID}/series/{series.uid}")
    _, parts = get_multipart(http, url, ACCEPT_DICOM)
    (back,) = (p.dataset() for p in parts)
    assert back.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    np.testing.assert_array_equal(back.pixel_array, series.instances[0].pixel_array)


def test_metadata_of_an_instance(server: Server, stored: Stored, http: requests.Session) -> None:
    """dicom+json, PixelData as a BulkDataURI that resolves to the stored bytes."""
    ds = stored.corpus.studies["A"].series[0].instances[0]
    response = http.get(
        instance_url(server.base_url, ds) + "/metadata", headers={"Accept": DICOM_JSON}
    )
    (item,) = assert_dicom_json(response)
    assert item["00080018"]["Value"] == [ds.SOPInstanceUID]
    assert item["0020000D"]["Value"] == [ds.StudyInstanceUID]
    assert item["00280010"]["Value"] == [ds.Rows]
    assert item["00200032"]["Value"] == [float(v) for v in ds.ImagePositionPatient]
    pixel = item["7FE00010"]
    assert "InlineBinary" not in pixel
    assert pixel["vr"] in {"OW", "OB"}
    _, parts = get_multipart(http, pixel["BulkDataURI"], ACCEPT_OCTET, part_type=OCTET)
    assert b"".join(p.body for p in parts) == ds.PixelData


@pytest.mark.parametrize("level", ["study", "series"])
def test_metadata_of_a_study_and_a_series(
    server: Server, stored: Stored, http: requests.Session, level: str
) -> None:
    study = stored.corpus.studies["A"]
    path = f"studies/{study.uid}" + ("" if level == "study" else f"/series/{study.series[0].uid}")
    response = http.get(server.url(path + "/metadata"), headers={"Accept": DICOM_JSON})
    items = assert_dicom_json(response)
    expected = study.instances if level == "study" else study.series[0].instances
    assert {item["00080018"]["Value"][0] for item in items} == {
        ds.SOPInstanceUID for ds in expected
    }
    assert all("BulkDataURI" in item["7FE00010"] for item in items)


def test_frame_of_a_single_frame_instance(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    ds = stored.corpus.studies["A"].series[0].instances[2]
    response, parts = get_multipart(
        http, instance_url(server.base_url, ds) + "/frames/1", ACCEPT_OCTET, part_type=OCTET
    )
    assert [p.body for p in parts] == [ds.PixelData]
    # PS3.18 §8.7.3.3.2: uncompressed frames are Explicit VR Little Endian;
    # a transfer-syntax parameter, where given, must say so.
    for part in parts:
        syntax = parse_content_type(part.content_type)[1].get("transfer-syntax")
        assert syntax in {None, ExplicitVRLittleEndian}
    assert response.headers.get("Content-Type")


def test_frames_of_a_multiframe_instance(
    server: Server, stored: Stored, http: requests.Session
) -> None:
    """frames/2 and frames/1,3 give those frames, in that order."""
    ds = stored.corpus.studies["B"].series[1].instances[0]
    frame_bytes = len(ds.PixelData) // 3
    frames = [ds.PixelData[i * frame_bytes : (i + 1) * frame_bytes] for i in range(3)]
    url = instance_url(server.base_url, ds)
    _, parts = get_multipart(http, url + "/frames/2", ACCEPT_OCTET, part_type=OCTET)
    assert [p.body for p in parts] == [frames[1]]
    _, parts = get_multipart(http, url + "/frames/1,3", ACCEPT_OCTET, part_type=OCTET)
    assert [p.body for p in parts] == [frames[0], frames[2]]


@pytest.mark.parametrize(
    "path",
    [
        "studies/1.2.3.999",
        "studies/{study}/series/1.2.3.999",
        "studies/{study}/series/{series}/instances/1.2.3.999",
        "studies/1.2.3.999/metadata",
        "studies/{study}/series/{series}/instances/1.2.3.999/metadata",
        "studies/{study}/series/{series}/instances/1.2.3.999/frames/1",
    ],
)
def test_unknown_uids_are_not_found(
    server: Server, stored: Stored, http: requests.Session, path: str
) -> None:
    study = stored.corpus.studies["A"]
    url = server.url(path.format(study=study.uid, series=study.series[0].uid))
    if url.endswith("/metadata"):
        accept = DICOM_JSON
    elif "/frames/" in url:
        accept = ACCEPT_OCTET
    else:
        accept = ACCEPT_ANY_TS
    response = http.get(url, headers={"Accept": accept})
    assert response.status_code == 404, (response.status_code, response.content[:200])
