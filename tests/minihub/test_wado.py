"""WADO-RS (PS3.18 10.4): instances, transfer syntaxes, metadata, frames, bulk data."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pydicom
import pytest
import requests
from pydicom.dataset import Dataset
from pydicom.uid import (
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEGBaseline8Bit,
    RLELossless,
    generate_uid,
)

from minihub.server import HubServer
from tests.minihub.conftest import DICOM_JSON, make_ct, parse_multipart, stow, value

DICOM_ANY = 'multipart/related; type="application/dicom"; transfer-syntax=*'
DICOM_DEFAULT = 'multipart/related; type="application/dicom"'
OCTET = 'multipart/related; type="application/octet-stream"'


@dataclass(frozen=True)
class Stored:
    study: str
    series: str
    plain: list[Dataset]  # Explicit VR LE, series 1
    rle: Dataset  # RLE Lossless, 2 frames, series 2
    implicit: Dataset  # Implicit VR LE, series 2
    rle_series: str

    def url(self, ds: Dataset) -> str:
        series = f"/studies/{ds.StudyInstanceUID}/series/{ds.SeriesInstanceUID}"
        return f"{series}/instances/{ds.SOPInstanceUID}"


@pytest.fixture(scope="module")
def stored(hub: HubServer, http: requests.Session) -> Stored:
    study, series, other = generate_uid(), generate_uid(), generate_uid()
    plain = [make_ct(study, series, instance_number=i, seed=i) for i in (1, 2, 3)]
    rle = make_ct(study, other, series_number=2, frames=2, rows=16, columns=16, seed=9)
    rle.compress(RLELossless, generate_instance_uid=False)
    implicit = make_ct(study, other, series_number=2, instance_number=3, seed=4)
    implicit.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    assert stow(http, hub.base_url, [*plain, rle, implicit]).status_code == 200
    return Stored(study, series, plain, rle, implicit, other)


def get(http: requests.Session, hub: HubServer, path: str, accept: str) -> requests.Response:
    return http.get(hub.base_url + path, headers={"Accept": accept})


def instances_of(response: requests.Response) -> list[tuple[str, Dataset]]:
    assert response.status_code == 200, response.text
    return [
        (headers["content-type"], pydicom.dcmread(io.BytesIO(content)))
        for headers, content in parse_multipart(response)
    ]


def test_series_retrieve_is_streamed_and_pixel_identical(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    response = get(http, hub, f"/studies/{stored.study}/series/{stored.series}", DICOM_ANY)
    assert response.headers["Content-Type"].startswith(
        'multipart/related; type="application/dicom"; boundary='
    )
    assert response.headers.get("Transfer-Encoding") == "chunked"  # streamed, no length
    got = instances_of(response)
    assert [ds.SOPInstanceUID for _, ds in got] == [ds.SOPInstanceUID for ds in stored.plain]
    for (content_type, ds), sent in zip(got, stored.plain, strict=True):
        assert content_type == f"application/dicom; transfer-syntax={ExplicitVRLittleEndian}"
        assert np.array_equal(ds.pixel_array, sent.pixel_array)


def test_study_retrieve_orders_series_then_instances(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    got = instances_of(get(http, hub, f"/studies/{stored.study}", DICOM_ANY))
    expected = [*stored.plain, stored.rle, stored.implicit]
    assert [ds.SOPInstanceUID for _, ds in got] == [ds.SOPInstanceUID for ds in expected]


def test_compressed_instance_as_stored_or_decompressed(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    path = stored.url(stored.rle)
    ((content_type, as_stored),) = instances_of(get(http, hub, path, DICOM_ANY))
    assert content_type.endswith(f"transfer-syntax={RLELossless}")
    assert as_stored.file_meta.TransferSyntaxUID == RLELossless
    explicit = f"{DICOM_DEFAULT}; transfer-syntax={RLELossless}"
    ((_, same),) = instances_of(get(http, hub, path, explicit))
    assert same.file_meta.TransferSyntaxUID == RLELossless
    for accept in (
        DICOM_DEFAULT,
        "*/*",
        f"{DICOM_DEFAULT}; transfer-syntax={ExplicitVRLittleEndian}",
    ):
        ((content_type, default),) = instances_of(get(http, hub, path, accept))
        assert content_type.endswith(f"transfer-syntax={ExplicitVRLittleEndian}")
        assert default.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
        assert default.SOPInstanceUID == stored.rle.SOPInstanceUID
        assert np.array_equal(default.pixel_array, as_stored.pixel_array)


def test_implicit_vr_is_transcoded_by_default(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    ((_, ds),) = instances_of(get(http, hub, stored.url(stored.implicit), DICOM_DEFAULT))
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert ds.PixelData == stored.implicit.PixelData


def test_unavailable_transfer_syntax_is_406(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    jpeg = f"{DICOM_DEFAULT}; transfer-syntax={JPEGBaseline8Bit}"
    for path in (stored.url(stored.plain[0]), f"/studies/{stored.study}"):
        response = get(http, hub, path, jpeg)
        assert response.status_code == 406
        assert "Warning" in response.headers
    assert get(http, hub, f"/studies/{stored.study}", "text/html").status_code == 406
    second_choice = f"{jpeg}, {DICOM_DEFAULT}; transfer-syntax={ExplicitVRLittleEndian}; q=0.5"
    assert get(http, hub, stored.url(stored.plain[0]), second_choice).status_code == 200


def test_metadata_bulk_data_uris_resolve(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    response = get(http, hub, f"/studies/{stored.study}/metadata", DICOM_JSON)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DICOM_JSON
    items = response.json()
    assert len(items) == 5
    by_uid = {value(item, "00080018"): item for item in items}
    plain = by_uid[stored.plain[0].SOPInstanceUID]
    assert value(plain, "00100010") == {"Alphabetic": "DOE^JOHN"}
    uri = plain["7FE00010"]["BulkDataURI"]
    assert uri == f"{hub.base_url}{stored.url(stored.plain[0])}/bulkdata/7FE00010"
    assert "Value" not in plain["7FE00010"] and "InlineBinary" not in plain["7FE00010"]
    ((headers, content),) = parse_multipart(http.get(uri, headers={"Accept": OCTET}))
    assert headers["content-type"] == "application/octet-stream"
    assert content == stored.plain[0].PixelData
    # Pixel Data of the compressed instance: decoded by default...
    rle_uri = by_uid[stored.rle.SOPInstanceUID]["7FE00010"]["BulkDataURI"]
    ((_, decoded),) = parse_multipart(http.get(rle_uri))
    assert decoded == stored.rle.pixel_array.astype("<i2").tobytes()
    # ...or one compressed part per frame as stored.
    frames = parse_multipart(http.get(rle_uri, headers={"Accept": f"{OCTET}; transfer-syntax=*"}))
    assert [h["content-type"] for h, _ in frames] == [
        f"image/dicom-rle; transfer-syntax={RLELossless}"
    ] * 2
    for level in (f"/studies/{stored.study}/series/{stored.series}", stored.url(stored.plain[1])):
        assert get(http, hub, level + "/metadata", DICOM_JSON).status_code == 200
    bogus = f"{hub.base_url}{stored.url(stored.plain[0])}/bulkdata/00100010"
    assert http.get(bogus).status_code == 404


def test_frames_uncompressed(hub: HubServer, http: requests.Session, stored: Stored) -> None:
    ds = stored.plain[0]
    response = get(http, hub, stored.url(ds) + "/frames/1", OCTET)
    ((headers, content),) = parse_multipart(response)
    assert response.headers["Content-Type"].startswith(
        'multipart/related; type="application/octet-stream"; boundary='
    )
    assert headers["content-type"].startswith("application/octet-stream")
    assert content == ds.PixelData


def test_frames_of_compressed_multiframe(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    path = stored.url(stored.rle) + "/frames/2,1"
    expected = stored.rle.pixel_array
    parts = parse_multipart(get(http, hub, path, OCTET))
    assert [np.frombuffer(c, "<i2").reshape(16, 16).tolist() for _, c in parts] == [
        expected[1].tolist(),
        expected[0].tolist(),
    ]
    raw = parse_multipart(get(http, hub, path, f"{OCTET}; transfer-syntax=*"))
    assert raw[0][0]["content-type"] == f"image/dicom-rle; transfer-syntax={RLELossless}"
    assert raw[0][1] != parts[0][1]  # RLE bytes, not pixels
    rle_typed = parse_multipart(get(http, hub, path, 'multipart/related; type="image/dicom-rle"'))
    assert rle_typed[1][1] == raw[1][1]
    refused = get(http, hub, path, 'multipart/related; type="image/jpeg"')
    assert refused.status_code == 406


def test_not_found_and_bad_requests(hub: HubServer, http: requests.Session, stored: Stored) -> None:
    unknown = generate_uid()
    for path in (
        f"/studies/{unknown}",
        f"/studies/{unknown}/metadata",
        f"/studies/{stored.study}/series/{unknown}",
        f"/studies/{stored.study}/series/{stored.series}/instances/{unknown}",
        f"/studies/{stored.study}/series/{stored.series}/instances/{unknown}/frames/1",
    ):
        accept = OCTET if "frames" in path else DICOM_JSON if "metadata" in path else DICOM_ANY
        response = get(http, hub, path, accept)
        assert response.status_code == 404, path
    base = stored.url(stored.rle)
    for frames in ("0", "3", "1,x", "-1", "1,,2"):
        assert get(http, hub, f"{base}/frames/{frames}", OCTET).status_code == 400, frames
    assert get(http, hub, "/studies/1.2.abc", DICOM_ANY).status_code == 400


def test_metadata_is_gzipped_only_for_a_client_that_accepts_it(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    """Metadata (large, ~10x smaller gzipped: what a 20 Mbit/s line waits for before the
    first image) is gzipped when the client accepts it; never when it refuses (q=0)."""
    import gzip

    from minihub.dicomweb import accepts_gzip

    url = f"{hub.base_url}/studies/{stored.study}/metadata"
    plain = http.get(url, headers={"Accept": DICOM_JSON, "Accept-Encoding": "identity"})
    zipped = http.get(
        url, headers={"Accept": DICOM_JSON, "Accept-Encoding": "gzip, deflate"}, stream=True
    )
    raw = zipped.raw.read(decode_content=False)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 3
    refused = http.get(url, headers={"Accept": DICOM_JSON, "Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers
    assert refused.content == plain.content
    assert accepts_gzip("br, GZIP;q=0.5") and not accepts_gzip("gzip;q=0, br")
    assert not accepts_gzip("") and not accepts_gzip("gzip;q=zero")


def test_metadata_is_built_and_gzipped_off_the_event_loop(
    hub: HubServer, http: requests.Session, stored: Stored, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gzip of a large study's metadata is CPU work: on the event loop it would stall
    every other request of the hub meanwhile (review #15 item 8)."""
    import asyncio
    import gzip

    from minihub import dicomweb

    on_loop: list[bool] = []
    compress = gzip.compress

    def watched(data: bytes, compresslevel: int = 9) -> bytes:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return compress(data, compresslevel=compresslevel)

    monkeypatch.setattr(dicomweb.gzip, "compress", watched)
    url = f"{hub.base_url}/studies/{stored.study}/metadata"
    zipped = http.get(url, headers={"Accept": DICOM_JSON, "Accept-Encoding": "gzip"}, stream=True)
    raw = zipped.raw.read(decode_content=False)
    assert zipped.headers["Content-Encoding"] == "gzip"
    plain = http.get(url, headers={"Accept": DICOM_JSON, "Accept-Encoding": "identity"})
    assert gzip.decompress(raw) == plain.content
    assert on_loop == [False]
