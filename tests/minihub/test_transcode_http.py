"""WADO-RS over HTTP: lossless compressed transfer syntaxes on request, fallbacks, 406, cache."""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pydicom
import pytest
import requests
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from minihub import transcode
from minihub.server import HubServer
from protocol.lossless import (
    HTJ2K_LOSSLESS,
    JPEG_2000_LOSSLESS,
    JPEG_LS_LOSSLESS,
    NotCompressible,
    encoder_available,
)
from tests.minihub.conftest import make_ct, parse_multipart, stow

JPEG_BASELINE = "1.2.840.10008.1.2.4.50"


def accept(*syntaxes: str) -> str:
    """``multipart/related; type="application/dicom"; transfer-syntax=X[;q=..]``, listed."""
    dicom = 'multipart/related; type="application/dicom"'
    return ", ".join(f"{dicom}; transfer-syntax={syntax}" for syntax in syntaxes)


@dataclass(frozen=True)
class Stored:
    study: str
    ct: list[Dataset]  # Explicit VR LE, 64 x 64 signed 16-bit, series 1
    real: Dataset  # pydicom-data CT_small.dcm (third-party), series 2
    lossy: Dataset  # pydicom-data JPEG baseline (already lossy), series 3


@pytest.fixture(scope="module")
def stored(hub: HubServer, http: requests.Session) -> Stored:
    study, series = generate_uid(), generate_uid()
    ct = [make_ct(study, series, instance_number=i, rows=64, columns=64, seed=i) for i in (1, 2)]
    real = pydicom.dcmread(str(get_testdata_file("CT_small.dcm")))
    lossy = pydicom.dcmread(str(get_testdata_file("SC_rgb_jpeg_dcmtk.dcm")))
    for number, ds in ((2, real), (3, lossy)):
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = generate_uid()
        ds.SeriesNumber = number
    assert stow(http, hub.base_url, [*ct, real, lossy]).status_code == 200
    return Stored(study, ct, real, lossy)


def url(hub: HubServer, ds: Dataset) -> str:
    return (
        f"{hub.base_url}/studies/{ds.StudyInstanceUID}/series/{ds.SeriesInstanceUID}"
        f"/instances/{ds.SOPInstanceUID}"
    )


def parts(response: requests.Response) -> list[tuple[str, Dataset]]:
    """(part transfer-syntax parameter, data set) for each part."""
    assert response.status_code == 200, response.text
    result = []
    for headers, body in parse_multipart(response):
        syntax = headers["content-type"].split("transfer-syntax=")[1].strip()
        result.append((syntax, pydicom.dcmread(io.BytesIO(body))))
    return result


def test_an_uncompressed_instance_is_served_as_jpeg_ls(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    original = stored.ct[0]
    response = http.get(url(hub, original), headers={"Accept": accept(JPEG_LS_LOSSLESS)})
    [(syntax, ds)] = parts(response)
    assert syntax == JPEG_LS_LOSSLESS
    assert ds.file_meta.TransferSyntaxUID == JPEG_LS_LOSSLESS
    assert ds.SOPInstanceUID == original.SOPInstanceUID
    assert ds.PixelData != original.PixelData  # really compressed
    assert np.array_equal(ds.pixel_array, original.pixel_array)
    # Kept in the cache, privately; served from it the second time, identically.
    entry = hub.data_dir / "transcoded" / JPEG_LS_LOSSLESS / f"{original.SOPInstanceUID}.dcm"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    again = http.get(url(hub, original), headers={"Accept": accept(JPEG_LS_LOSSLESS)})
    assert parse_multipart(again)[0][1] == parse_multipart(response)[0][1] == entry.read_bytes()


@pytest.mark.parametrize("syntax", [JPEG_LS_LOSSLESS, JPEG_2000_LOSSLESS])
def test_a_real_third_party_file_is_served_compressed_pixel_identical(
    hub: HubServer, http: requests.Session, stored: Stored, syntax: str
) -> None:
    response = http.get(url(hub, stored.real), headers={"Accept": accept(syntax)})
    [(served, ds)] = parts(response)
    assert served == ds.file_meta.TransferSyntaxUID == syntax
    assert np.array_equal(ds.pixel_array, stored.real.pixel_array)


def test_the_best_producible_alternative_is_chosen_by_q(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    header = accept(
        f"{ExplicitVRLittleEndian};q=0.2", f"{JPEG_2000_LOSSLESS};q=0.5",
        HTJ2K_LOSSLESS, f"{JPEG_LS_LOSSLESS};q=0.9",
    )  # fmt: skip
    [(syntax, ds)] = parts(http.get(url(hub, stored.ct[1]), headers={"Accept": header}))
    expected = HTJ2K_LOSSLESS if encoder_available(HTJ2K_LOSSLESS) else JPEG_LS_LOSSLESS
    assert syntax == ds.file_meta.TransferSyntaxUID == expected
    assert np.array_equal(ds.pixel_array, stored.ct[1].pixel_array)


def test_a_study_mixes_compressed_and_as_stored_parts(
    hub: HubServer, http: requests.Session, stored: Stored
) -> None:
    header = accept(JPEG_LS_LOSSLESS, "*;q=0.5")
    response = http.get(f"{hub.base_url}/studies/{stored.study}", headers={"Accept": header})
    by_uid = {ds.SOPInstanceUID: (syntax, ds) for syntax, ds in parts(response)}
    assert len(by_uid) == 4
    for original in (*stored.ct, stored.real):
        syntax, ds = by_uid[original.SOPInstanceUID]
        assert syntax == JPEG_LS_LOSSLESS
        assert np.array_equal(ds.pixel_array, original.pixel_array)
    syntax, ds = by_uid[stored.lossy.SOPInstanceUID]  # already lossy: as stored only
    assert syntax == ds.file_meta.TransferSyntaxUID == JPEG_BASELINE
    assert ds.PixelData == stored.lossy.PixelData


def test_nothing_acceptable_is_406(hub: HubServer, http: requests.Session, stored: Stored) -> None:
    lossy = http.get(url(hub, stored.lossy), headers={"Accept": accept(JPEG_LS_LOSSLESS)})
    assert lossy.status_code == 406
    if not encoder_available(HTJ2K_LOSSLESS):
        only = http.get(url(hub, stored.ct[0]), headers={"Accept": accept(HTJ2K_LOSSLESS)})
        assert only.status_code == 406
    unknown = http.get(url(hub, stored.ct[0]), headers={"Accept": accept("1.2.3.4.5")})
    assert unknown.status_code == 406


def test_an_encoder_failure_falls_back_to_the_next_acceptable_syntax(
    hub: HubServer, http: requests.Session, stored: Stored, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuses(path: Path, syntax: str) -> bytes:
        raise NotCompressible("simulated encoder refusal")

    monkeypatch.setattr(transcode, "compress_lossless", refuses)
    original = stored.ct[1]
    header = accept(JPEG_2000_LOSSLESS, f"{ExplicitVRLittleEndian};q=0.5")
    [(syntax, ds)] = parts(http.get(url(hub, original), headers={"Accept": header}))
    assert syntax == ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert np.array_equal(ds.pixel_array, original.pixel_array)
    # With no other acceptable syntax, the failure is a 406, never a broken 200.
    alone = http.get(url(hub, original), headers={"Accept": accept(JPEG_2000_LOSSLESS)})
    assert alone.status_code == 406


def test_lossy_flagged_and_float_instances_are_only_sent_as_stored(
    hub: HubServer, http: requests.Session
) -> None:
    study, series = generate_uid(), generate_uid()
    flagged = make_ct(study, series, rows=16, columns=16, seed=5)
    flagged.LossyImageCompression = "01"  # native pixels, but lossy compressed once
    flagged.LossyImageCompressionRatio = 10
    flagged.LossyImageCompressionMethod = "ISO_10918_1"
    floats = make_ct(study, series, instance_number=2, rows=4, columns=4)
    del floats.PixelData
    floats.BitsAllocated = 32
    del floats.BitsStored, floats.HighBit, floats.PixelRepresentation
    floats.FloatPixelData = np.arange(16, dtype="<f4").tobytes()
    assert stow(http, hub.base_url, [flagged, floats]).status_code == 200
    for ds in (flagged, floats):
        only = http.get(url(hub, ds), headers={"Accept": accept(JPEG_LS_LOSSLESS)})
        assert only.status_code == 406
        header = accept(JPEG_LS_LOSSLESS, "*;q=0.1")
        [(syntax, served)] = parts(http.get(url(hub, ds), headers={"Accept": header}))
        assert syntax == served.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
        assert served.SOPInstanceUID == ds.SOPInstanceUID
    assert not (
        hub.data_dir / "transcoded" / JPEG_LS_LOSSLESS / f"{floats.SOPInstanceUID}.dcm"
    ).exists()


# -- load bounds (review #15 item 6) ---------------------------------------------


def fresh_ct(hub: HubServer, http: requests.Session, seed: int) -> Dataset:
    """A newly stored instance: nothing of it is in the transcode cache."""
    ds = make_ct(generate_uid(), generate_uid(), rows=64, columns=64, seed=seed)
    assert stow(http, hub.base_url, [ds]).status_code == 200
    return ds


def test_concurrent_requests_for_one_uncached_instance_encode_it_once(
    hub: HubServer, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    original = fresh_ct(hub, http, seed=41)
    encode = transcode.compress_lossless
    entered, release = threading.Event(), threading.Event()
    encodes: list[str] = []
    gets: list[str] = []

    def blocking_encoder(path: Path, syntax: str) -> bytes:
        encodes.append(syntax)
        entered.set()
        release.wait(60)
        return encode(path, syntax)

    real_get = transcode.TranscodeCache.get

    def counting_get(self: transcode.TranscodeCache, *args: object) -> bytes | None:
        gets.append("get")
        return real_get(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(transcode, "compress_lossless", blocking_encoder)
    monkeypatch.setattr(transcode.TranscodeCache, "get", counting_get)

    def fetch() -> requests.Response:
        with requests.Session() as session:
            return session.get(url(hub, original), headers={"Accept": accept(JPEG_LS_LOSSLESS)})

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(fetch)
        assert entered.wait(60), "the first request encodes"
        second = pool.submit(fetch)
        # the first made 2 cache look-ups (before and under the key's lock), the second
        # one before waiting for the key's lock; without the lock it encodes instead
        deadline = time.monotonic() + 60
        while len(gets) < 3 and len(encodes) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        release.set()
        responses = [first.result(), second.result()]
    assert encodes == [JPEG_LS_LOSSLESS], "one encode for both requests"
    served = [parts(r) for r in responses]
    for [(syntax, ds)] in served:
        assert syntax == ds.file_meta.TransferSyntaxUID == JPEG_LS_LOSSLESS
        assert np.array_equal(ds.pixel_array, original.pixel_array)


def test_a_failing_encode_is_tried_once_then_the_fallback_is_served(
    hub: HubServer, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = fresh_ct(hub, http, seed=42)
    tries: list[str] = []

    def refuses(path: Path, syntax: str) -> bytes:
        tries.append(syntax)
        raise NotCompressible("simulated encoder refusal")

    monkeypatch.setattr(transcode, "compress_lossless", refuses)
    header = accept(JPEG_LS_LOSSLESS, f"{ExplicitVRLittleEndian};q=0.5")
    for _ in range(3):
        [(syntax, ds)] = parts(http.get(url(hub, original), headers={"Accept": header}))
        assert syntax == ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
        assert np.array_equal(ds.pixel_array, original.pixel_array)
    assert tries == [JPEG_LS_LOSSLESS], "the failure is remembered, not retried per request"


def test_an_instance_above_the_size_cap_is_sent_as_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minihub.wado import DICOM, Choice, instance_part
    from tests.minihub.test_transcode import stored as stored_instance

    source = tmp_path / "source.dcm"
    source.write_bytes(Path(str(get_testdata_file("CT_small.dcm"))).read_bytes())
    instance = stored_instance(source)
    produced: list[str] = []
    monkeypatch.setattr(transcode, "produce", lambda inst, syntax: produced.append(syntax))
    cache = transcode.TranscodeCache(
        tmp_path / "transcoded", max_transcode_bytes=source.stat().st_size - 1
    )
    as_stored = Choice(DICOM, ExplicitVRLittleEndian, transcode=False)
    choice = Choice(DICOM, JPEG_LS_LOSSLESS, transcode=True, fallbacks=(as_stored,))
    headers, body = instance_part(instance, choice, cache)
    assert headers["Content-Type"].endswith(f"transfer-syntax={ExplicitVRLittleEndian}")
    assert b"".join(body) == source.read_bytes()
    assert produced == []
    with pytest.raises(transcode.TranscodeRefused, match="too large"):
        cache.transcoded(instance, JPEG_LS_LOSSLESS)
    with pytest.raises(ValueError, match="per-instance"):
        transcode.TranscodeCache(tmp_path / "other", max_transcode_bytes=-1)
