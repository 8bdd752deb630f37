"""WADO-RS transfer syntax negotiation: lossless compressed syntaxes asked, clean fallbacks.

The client asks for JPEG-LS / JPEG 2000 / HTJ2K lossless (those decodable
here), then Explicit VR Little Endian, then anything (``*``), with q-values;
a hub answering 406 is asked again uncompressed, then as stored. Retrievals
over HTTP are pixel-identical whatever syntax crossed the wire: minihub
(serving its stored JPEG-LS / JPEG 2000 copies, or transcoding) and Orthanc.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.pixels import get_decoder
from pydicom.uid import (
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGLSLossless,
    generate_uid,
)

from app.hub.client import (
    LOSSLESS_COMPRESSED,
    HttpHub,
    decodable_lossless,
    is_loopback,
    negotiated_accept,
    wants_compression,
)
from app.hub.errors import HubError
from app.hub.profiles import HubProfile, hub_for
from app.retrieve.case import Decoder, SeriesRetrieval, SeriesStatus
from protocol.multipart import split_media_ranges
from tests.app.hub.conftest import FAST
from tests.app.retrieval_util import FaultyHub, ct_series, hu_volume, part10
from tests.servers import OrthancServer

HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201"


@pytest.fixture(scope="module")
def inline() -> Iterator[Decoder]:
    with Decoder(0) as decoder:
        yield decoder


def test_decodable_lossless_are_those_with_a_decoder_here() -> None:
    found = decodable_lossless()
    assert JPEGLSLossless in found and JPEG2000Lossless in found  # installed for the app
    assert list(found) == [uid for uid in LOSSLESS_COMPRESSED if uid in found]  # order kept
    try:
        htj2k = get_decoder(HTJ2K_LOSSLESS).is_available
    except NotImplementedError:
        htj2k = False
    assert (HTJ2K_LOSSLESS in found) is htj2k


def test_accept_lists_compressed_then_uncompressed_then_any_by_q() -> None:
    accept = negotiated_accept([JPEGLSLossless, JPEG2000Lossless, HTJ2K_LOSSLESS])
    ranges = split_media_ranges(accept)  # sorted by q, as a hub reads them
    assert [media for media, _ in ranges] == ["multipart/related"] * 5
    assert {params["type"] for _, params in ranges} == {"application/dicom"}
    assert [params["transfer-syntax"] for _, params in ranges] == [
        JPEGLSLossless,
        JPEG2000Lossless,
        HTJ2K_LOSSLESS,
        "*",  # as stored before decompressed: a lossy-stored instance stays as it is
        ExplicitVRLittleEndian,
    ]
    assert "q=1.0" in accept and "transfer-syntax=*; q=0.5" in accept
    assert accept.endswith(f"transfer-syntax={ExplicitVRLittleEndian}; q=0.4")


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8042/dicom-web", True),
        ("http://127.0.0.5/dicom-web", True),
        ("https://localhost/dicom-web", True),
        ("http://[::1]:8080/dicom-web", True),
        ("https://hub.example.org/dicom-web", False),
        ("http://10.1.2.3:8042/dicom-web", False),
    ],
)
def test_auto_compresses_except_on_this_machine(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback
    assert wants_compression("auto", url) is not loopback
    assert wants_compression("always", url) is True
    assert wants_compression("never", url) is False


def test_unknown_mode_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'sometimes'"):
        wants_compression("sometimes", "https://hub.example.org")
    with pytest.raises(ValueError, match="unknown compression 'sometimes'"):
        HubProfile("home", "https://hub.example.org/dicom-web", compression="sometimes")


def test_profile_setting_reaches_the_client() -> None:
    remote = HubProfile("home", "https://hub.example.org/dicom-web")
    assert remote.compression == "auto"
    assert hub_for(remote).compressed is True
    assert hub_for(HubProfile("lan", remote.base_url, compression="never")).compressed is False
    assert HubProfile.from_json(remote.to_json()) == remote
    old = {k: v for k, v in remote.to_json().items() if k != "compression"}  # older file
    assert HubProfile.from_json(old).compression == "auto"


def test_accepts_tried_in_turn() -> None:
    plain = 'multipart/related; type="application/dicom"; transfer-syntax=*'
    assert HttpHub("http://127.0.0.1:1/dicom-web").dicom_accepts("*") == [plain]
    remote = HttpHub("https://hub.example.org/dicom-web")
    accepts = remote.dicom_accepts("*")
    assert accepts == [
        negotiated_accept(decodable_lossless()),
        f'multipart/related; type="application/dicom"; transfer-syntax={ExplicitVRLittleEndian}',
        plain,
    ]
    # an explicit syntax is asked for as is
    assert remote.dicom_accepts(ExplicitVRLittleEndian) == [accepts[1]]


def test_406_falls_back_to_uncompressed_then_as_stored(inline: Decoder) -> None:
    datasets = ct_series(slices=4, size=32, seed=5)
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    # FaultyHub answers 406 to any Accept naming a syntax other than "*"
    with (
        FaultyHub(datasets) as faulty,
        HttpHub(faulty.base_url, retry=FAST, compression="always") as hub,
    ):
        retrieval = SeriesRetrieval(hub, study, series, decoder=inline)
        result = retrieval.run()
        assert result.status is SeriesStatus.COMPLETE, result.errors
        assert retrieval.volumes is not None
        np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))
        instance_requests = [p for p in faulty.paths if "/instances/" in p]
        assert len(instance_requests) == 3  # compressed → 406, uncompressed → 406, "*" → 200
        series_path = f"/dicom-web/studies/{study}/series/{series}"
        assert faulty.paths.count(series_path) == 1  # later calls ask "*" straight away
        assert hub.dicom_accepts("*") == [
            'multipart/related; type="application/dicom"; transfer-syntax=*'
        ]


@pytest.mark.parametrize("code", [400, 415, 500, 503])
def test_other_refusals_fall_back_too_and_are_remembered(code: int, inline: Decoder) -> None:
    """A hub failing the negotiated Accept with 400/415/5xx (Orthanc: 500 for a range it
    cannot produce) is asked uncompressed, then as stored, like after a 406."""
    datasets = ct_series(slices=3, size=32, seed=6)
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    with FaultyHub(datasets) as faulty:
        scripted = faulty._reply  # every refusal of a named syntax answers `code`

        def reply(request: object, status: int, body: bytes, ctype: str) -> None:
            scripted(request, code if status == 406 else status, body, ctype)  # type: ignore[arg-type]

        faulty._reply = reply  # type: ignore[method-assign]
        with HttpHub(faulty.base_url, retry=FAST, compression="always") as hub:
            assert len(hub.dicom_accepts("*")) == 3
            retrieval = SeriesRetrieval(hub, study, series, decoder=inline)
            result = retrieval.run()
            assert result.status is SeriesStatus.COMPLETE, result.errors
            assert retrieval.volumes is not None
            np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))
            assert result.transfer_syntaxes == {ExplicitVRLittleEndian}
            plain = 'multipart/related; type="application/dicom"; transfer-syntax=*'
            assert hub.dicom_accepts("*") == [plain]
        # remembered for this hub: another client of it asks as stored straight away
        with HttpHub(faulty.base_url, retry=FAST, compression="always") as again:
            assert again.dicom_accepts("*") == [plain]


def test_not_found_is_not_a_negotiation_failure(inline: Decoder) -> None:
    datasets = ct_series(slices=2, size=32, seed=7)
    study = str(datasets[0].StudyInstanceUID)
    with (
        FaultyHub(datasets, status={r"/series/9\.9$": 404}) as faulty,
        HttpHub(faulty.base_url, retry=FAST, compression="always") as hub,
    ):
        with pytest.raises(HubError) as raised:
            list(hub.iter_series(study, "9.9"))
        assert raised.value.status == 404
        assert faulty.paths.count(f"/dicom-web/studies/{study}/series/9.9") == 1
        assert len(hub.dicom_accepts("*")) == 3  # still negotiating
    # a hub failing every form (down): an error, and not remembered as refusing
    with (
        FaultyHub(datasets, status={r"/series/": 503}) as down,
        HttpHub(down.base_url, retry=FAST, compression="always") as hub,
    ):
        with pytest.raises(HubError) as raised:
            list(hub.iter_series(study, str(datasets[0].SeriesInstanceUID)))
        assert raised.value.status == 503
        assert len(hub.dicom_accepts("*")) == 3


def test_lossy_stored_instance_comes_as_stored(minihub_url: str) -> None:
    """A stored lossy JPEG baseline is sent as stored (``*`` ranks above Explicit VR LE),
    with (0028,2110) Lossy Image Compression and its syntax intact, not decompressed."""
    ds = pydicom.dcmread(get_testdata_file("SC_rgb_jpeg_dcmtk.dcm"))
    assert ds.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.LossyImageCompression = "01"
    ds.LossyImageCompressionRatio = "10"
    ds.LossyImageCompressionMethod = "ISO_10918_1"
    with HttpHub(minihub_url, retry=FAST) as plain:
        assert not plain.store_instances([ds]).failed
    with HttpHub(minihub_url, retry=FAST, compression="always") as hub:
        got = [
            pydicom.dcmread(io.BytesIO(b))
            for b in hub.iter_series(str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID))
        ]
    assert len(got) == 1
    assert got[0].file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    assert got[0].LossyImageCompression == "01"
    assert got[0].LossyImageCompressionMethod == "ISO_10918_1"
    assert got[0].PixelData == ds.PixelData  # the stored JPEG stream itself


def _stored_copies(hub: HttpHub) -> dict[str, list[pydicom.Dataset]]:
    """The same pixels stored three times (fresh UIDs): uncompressed, JPEG-LS, JPEG 2000."""
    copies = {}
    rows, columns = np.mgrid[0:64, 0:64]
    for syntax in (ExplicitVRLittleEndian, JPEGLSLossless, JPEG2000Lossless):
        rng = np.random.default_rng(11)
        datasets = ct_series(slices=4, size=64, seed=11)
        for k, ds in enumerate(datasets):  # CT-like: smooth, a little noise (compressible)
            stored = 1000 + 8 * rows + 4 * columns + 50 * k + rng.integers(0, 16, (64, 64))
            ds.PixelData = stored.astype(np.uint16).tobytes()
            if syntax != ExplicitVRLittleEndian:
                ds.compress(syntax, encoding_plugin="")
        assert not hub.store_instances(datasets).failed
        copies[syntax] = datasets
    return copies


def test_compressed_retrieval_over_http_pixel_identical_minihub(
    minihub_url: str, inline: Decoder
) -> None:
    with HttpHub(minihub_url, retry=FAST) as plain:
        copies = _stored_copies(plain)
    expected = hu_volume(copies[ExplicitVRLittleEndian])
    results = {}
    with HttpHub(minihub_url, retry=FAST, compression="always") as hub:
        assert hub.compressed
        for syntax, datasets in copies.items():
            study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
            retrieval = SeriesRetrieval(hub, study, series, decoder=inline)
            result = retrieval.run()
            assert result.status is SeriesStatus.COMPLETE, result.errors
            assert retrieval.volumes is not None
            volume = retrieval.volumes.volumes[0]
            assert volume.loaded is not None and volume.loaded.all()
            assert np.array_equal(volume.array, expected), syntax
            results[syntax] = result
    # the compressed copies crossed the wire compressed (as stored, or transcoded by the
    # hub to what was asked first), and smaller; the uncompressed one as stored or so
    lossless = set(decodable_lossless())
    for syntax in (JPEGLSLossless, JPEG2000Lossless):
        assert results[syntax].transfer_syntaxes in ({syntax}, {JPEGLSLossless})
    # the uncompressed copy: minihub sends the best range it can produce, JPEG-LS
    # (transcoded), never its stored Explicit VR LE (that would mean no compression)
    assert JPEGLSLossless in lossless
    assert results[ExplicitVRLittleEndian].transfer_syntaxes == {JPEGLSLossless}
    assert all(r.transfer_syntaxes <= lossless | {ExplicitVRLittleEndian} for r in results.values())
    uncompressed_bytes = sum(len(part10(ds)) for ds in copies[ExplicitVRLittleEndian])
    for result in results.values():
        compressed = result.transfer_syntaxes != {ExplicitVRLittleEndian}
        assert (0 < result.downloaded_bytes < uncompressed_bytes) is compressed


def test_compressed_negotiation_with_orthanc(orthanc_server: OrthancServer, tmp_path: Path):
    datasets = ct_series(slices=4, size=64, seed=12)
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    with HttpHub(orthanc_server.base_url, retry=FAST, compression="always") as hub:
        assert not hub.store_instances(datasets).failed
        got = [pydicom.dcmread(io.BytesIO(b)) for b in hub.iter_series(study, series)]
        sent = {str(ds.SOPInstanceUID): ds for ds in datasets}
        assert {str(ds.SOPInstanceUID) for ds in got} == set(sent)
        syntaxes = {str(ds.file_meta.TransferSyntaxUID) for ds in got}
        # What Orthanc 1.10 (DICOMweb plugin) does: 200 to the negotiated Accept, but
        # it does not transcode to the syntax asked for: the stored Explicit VR LE comes
        assert syntaxes == {ExplicitVRLittleEndian}
        assert len(hub.dicom_accepts("*")) == 3  # no refusal: still negotiating
        for ds in got:
            assert np.array_equal(ds.pixel_array, sent[str(ds.SOPInstanceUID)].pixel_array)
        with Decoder(0) as decoder:
            retrieval = SeriesRetrieval(hub, study, series, decoder=decoder)
            result = retrieval.run()
        assert result.status is SeriesStatus.COMPLETE, result.errors
        assert retrieval.volumes is not None
        assert np.array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))
        assert result.transfer_syntaxes == syntaxes
        # a JPEG 2000 range alone: HTTP 500 from Orthanc (not 406)
        path = f"{orthanc_server.base_url}/studies/{study}/series/{series}"
        answer = hub.session.get(path, headers={"Accept": hub.dicom_accepts(JPEG2000Lossless)[0]})
        assert answer.status_code == 500
    assert part10(datasets[0])  # the uncompressed originals are untouched


def test_case_windows_keep_the_profiles_compression_setting() -> None:
    """Each case window's client (app.ui.case_services.hub_like) asks what the profile
    says: "never" stays uncompressed on a remote hub, "always" compresses on loopback."""
    from app.hub.client import HttpHub
    from app.ui.case_services import hub_like

    for mode, url, compressed in (
        ("never", "https://hub.example.org/dicom-web", False),
        ("always", "http://127.0.0.1:8043/dicom-web", True),
        ("auto", "https://hub.example.org/dicom-web", True),
    ):
        made = hub_like(HttpHub(url, compression=mode))()
        assert isinstance(made, HttpHub)
        assert made.compression == mode
        assert made.compressed is compressed
