"""Real third-party images round-trip: STOW → QIDO → WADO-RS, pixel-identical.

pydicom's test files (pydicom-data), uncompressed and compressed:

* ``CT_small.dcm``: CT Image, Explicit VR Little Endian, 128×128;
* ``MR_small_jp2klossless.dcm``: MR Image, JPEG 2000 lossless;
* ``emri_small_jpeg_ls_lossless.dcm``: Enhanced MR, 10 frames, JPEG-LS lossless.

The same checks run again after the server restarts on its data folder.
"""

from __future__ import annotations

import numpy as np
import pytest
import requests
from pydicom import dcmread
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.uid import JPEG2000Lossless

from tests.contract.conftest import Server
from tests.contract.wire import (
    ACCEPT_ANY_TS,
    ACCEPT_DICOM,
    ACCEPT_OCTET,
    assert_dicom_json,
    get_multipart,
    instance_url,
    post_stow,
    referenced,
)
from tests.dicomweb_util import DICOM_JSON, OCTET, raw_get, tag_value

FILES = ["CT_small.dcm", "MR_small_jp2klossless.dcm", "emri_small_jpeg_ls_lossless.dcm"]


def _load(name: str) -> Dataset:
    path = get_testdata_file(name)
    assert path is not None, f"pydicom-data lacks {name}"
    return dcmread(path)


@pytest.fixture(scope="module")
def third_party(server: Server, http: requests.Session) -> dict[str, Dataset]:
    """The files, stored once per server in one STOW-RS request."""
    datasets = {name: _load(name) for name in FILES}
    response = post_stow(http, server.url("studies"), datasets.values())
    answer = assert_dicom_json(response)
    assert set(referenced(answer)) == {ds.SOPInstanceUID for ds in datasets.values()}
    return datasets


@pytest.fixture
def decoded(
    server: Server, third_party: dict[str, Dataset], request: pytest.FixtureRequest, name: str
) -> Dataset:
    """The stored file ``name``, for a test of the server's decoding: a JPEG 2000 file is
    the known deviation of a server without a JPEG 2000 decoder."""
    ds = third_party[name]
    if ds.file_meta.TransferSyntaxUID == JPEG2000Lossless:
        server.expect_deviation(request, "no_jpeg2000_decoder")
    return ds


def _frames(ds: Dataset) -> np.ndarray:
    pixels = ds.pixel_array
    return pixels if int(ds.get("NumberOfFrames", 1) or 1) > 1 else pixels[np.newaxis]


def _check_found(server: Server, ds: Dataset) -> None:
    study = assert_dicom_json(
        raw_get(
            server.url("studies"),
            f"StudyInstanceUID={ds.StudyInstanceUID}",
            headers={"Accept": DICOM_JSON},
        )
    )
    assert [tag_value(item, "0020000D") for item in study] == [ds.StudyInstanceUID]
    path = f"studies/{ds.StudyInstanceUID}/series/{ds.SeriesInstanceUID}/instances"
    items = assert_dicom_json(raw_get(server.url(path), headers={"Accept": DICOM_JSON}))
    assert ds.SOPInstanceUID in {tag_value(item, "00080018") for item in items}


def _check_retrieved_as_stored(server: Server, http: requests.Session, ds: Dataset) -> None:
    _, parts = get_multipart(http, instance_url(server.base_url, ds), ACCEPT_ANY_TS)
    (back,) = (part.dataset() for part in parts)
    assert back.SOPInstanceUID == ds.SOPInstanceUID
    assert back.file_meta.TransferSyntaxUID == ds.file_meta.TransferSyntaxUID
    assert back.PixelData == ds.PixelData
    np.testing.assert_array_equal(back.pixel_array, ds.pixel_array)


@pytest.mark.parametrize("name", FILES)
def test_found_by_qido(server: Server, third_party: dict[str, Dataset], name: str) -> None:
    _check_found(server, third_party[name])


@pytest.mark.parametrize("name", FILES)
def test_retrieved_byte_identical_in_any_transfer_syntax(
    server: Server, http: requests.Session, third_party: dict[str, Dataset], name: str
) -> None:
    _check_retrieved_as_stored(server, http, third_party[name])


@pytest.mark.parametrize("name", FILES)
def test_retrieved_decoded_in_the_default_transfer_syntax(
    server: Server, http: requests.Session, decoded: Dataset
) -> None:
    """Explicit VR Little Endian on request, same pixels (lossless sources)."""
    ds = decoded
    _, parts = get_multipart(http, instance_url(server.base_url, ds), ACCEPT_DICOM)
    (back,) = (part.dataset() for part in parts)
    assert back.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    np.testing.assert_array_equal(back.pixel_array, ds.pixel_array)


@pytest.mark.parametrize("name", FILES)
def test_frame_decoded_as_octet_stream(
    server: Server, http: requests.Session, decoded: Dataset
) -> None:
    """frames/1 as application/octet-stream: the decoded first frame, little endian."""
    ds = decoded
    url = instance_url(server.base_url, ds) + "/frames/1"
    _, parts = get_multipart(http, url, ACCEPT_OCTET, part_type=OCTET)
    first = _frames(ds)[0]
    assert [p.body for p in parts] == [first.astype(first.dtype.newbyteorder("<")).tobytes()]


def test_still_there_after_a_restart(
    server: Server, http: requests.Session, third_party: dict[str, Dataset]
) -> None:
    """Stop the server, start it on the same data folder: same answers."""
    server.restart()
    for ds in third_party.values():
        _check_found(server, ds)
        _check_retrieved_as_stored(server, http, ds)
