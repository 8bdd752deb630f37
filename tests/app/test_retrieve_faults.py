"""Bad input and faults during retrieval: a clear message, nothing corrupt kept.

A scripted, misbehaving DICOMweb server on 127.0.0.1 (:class:`FaultyHub`)
sends truncated, corrupt and non-DICOM parts, malformed multipart bodies,
error statuses, slow answers and an unsupported transfer syntax.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.encaps import encapsulate
from pydicom.uid import MPEG2MPML, generate_uid

from app.hub.client import HttpHub
from app.hub.transport import RetryPolicy
from app.retrieve.cache import ImageCache
from app.retrieve.case import CaseRetrieval, SeriesRetrieval, SeriesStatus
from app.store.keys import MasterKey
from tests.app.hub.scripted import ScriptedServer, self_signed_certificate
from tests.app.retrieval_util import PATIENT_NAME, FaultyHub, corrupt, ct_series, truncate
from viewer.volume import NOT_LOADED_VALUE

NO_RETRY = RetryPolicy(attempts=1, backoff_s=0.0, max_backoff_s=0.0, jitter=0.0)


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / "cache", key=MasterKey(b"f" * 32, persistent=True))


def _run(faulty: FaultyHub, cache: ImageCache | None = None, **kwargs) -> tuple:
    hub = HttpHub(faulty.base_url, retry=NO_RETRY, **kwargs)
    first = faulty.datasets[0]
    retrieval = SeriesRetrieval(
        hub, str(first.StudyInstanceUID), str(first.SeriesInstanceUID), cache=cache
    )
    result = retrieval.run()
    hub.close()
    return retrieval, result


def _slice_of(retrieval: SeriesRetrieval, ds: pydicom.Dataset) -> int:
    assert retrieval.volumes is not None and retrieval.volumes.plan is not None
    return retrieval.volumes.plan.volumes[0].slices_of(str(ds.SOPInstanceUID))[0]


def test_truncated_part_refused_then_fetched_again(cache: ImageCache):
    datasets = ct_series(slices=8)
    bad = datasets[2]
    with FaultyHub(datasets, faults={str(bad.SOPInstanceUID): [truncate]}) as faulty:
        _retrieval, result = _run(faulty, cache)
        assert result.status is SeriesStatus.COMPLETE
        assert any("instance 3" in w and "truncated" in w for w in result.warnings)
        # metadata, middle, stream, then instance 3 on its own
        assert faulty.paths[-1].endswith(f"/instances/{bad.SOPInstanceUID}")
        assert len(faulty.paths) == 4


def test_corrupt_part_twice_stays_not_loaded_and_out_of_cache(cache: ImageCache):
    datasets = ct_series(slices=8)
    bad = datasets[5]
    faults = {str(bad.SOPInstanceUID): [corrupt, corrupt]}
    with FaultyHub(datasets, faults=faults) as faulty:
        retrieval, result = _run(faulty, cache)
    assert result.status is SeriesStatus.INCOMPLETE
    assert result.missing == ["instance 6"]
    assert any("instance 6" in e for e in result.errors)
    assert all(PATIENT_NAME not in e for e in result.errors + result.warnings)
    assert retrieval.volumes is not None
    volume = retrieval.volumes.volumes[0]
    k = _slice_of(retrieval, bad)
    assert volume.loaded is not None and not volume.loaded[k] and volume.loaded.sum() == 7
    assert (volume.array[k] == NOT_LOADED_VALUE).all()
    study, series = str(bad.StudyInstanceUID), str(bad.SeriesInstanceUID)
    assert not cache.has_instance(study, series, str(bad.SOPInstanceUID))
    sops = [str(d.SOPInstanceUID) for d in datasets]
    assert len(cache.cached_instances(study, series, sops)) == 7


def test_non_dicom_part_rest_fetched_one_by_one():
    datasets = ct_series(slices=6)
    with FaultyHub(datasets, not_dicom_after=2) as faulty:
        _retrieval, result = _run(faulty)
    assert result.status is SeriesStatus.COMPLETE
    assert any("not a DICOM file" in w for w in result.warnings)
    # 2 parts came before the text part; the 4 others (less the middle) one by one
    assert len([p for p in faulty.paths if "/instances/" in p]) == 1 + 3


def test_malformed_multipart_rest_fetched_one_by_one():
    datasets = ct_series(slices=6)
    with FaultyHub(datasets, malformed_after=3) as faulty:
        _retrieval, result = _run(faulty)
    assert result.status is SeriesStatus.COMPLETE
    assert any("malformed" in w or "cut off" in w for w in result.warnings)


def test_undecodable_pixel_data_is_refused_with_a_clear_message(
    cache: ImageCache, caplog: pytest.LogCaptureFixture
):
    path = get_testdata_file("JPEG-lossy.dcm")  # a JPEG stream no decoder here accepts
    assert path is not None
    ds = pydicom.dcmread(path)
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.PatientName = (
        generate_uid(),
        generate_uid(),
        PATIENT_NAME,
    )
    caplog.set_level(logging.DEBUG)
    with FaultyHub([ds]) as faulty:
        _retrieval, result = _run(faulty, cache)
    assert result.status is SeriesStatus.INCOMPLETE
    assert "pixel data cannot be decoded" in result.errors[0]
    assert not cache.has_instance(
        str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID)
    )
    assert PATIENT_NAME not in caplog.text
    assert "SECRET" not in caplog.text


def _mpeg2(ds: pydicom.Dataset) -> pydicom.Dataset:
    ds.file_meta.TransferSyntaxUID = MPEG2MPML
    ds.PixelData = encapsulate([b"\x00\x00\x01\xb3" + bytes(100)])
    ds["PixelData"].VR = "OB"
    return ds


def test_unsupported_transfer_syntax_fails_that_series_only():
    study = generate_uid()
    video = [_mpeg2(ds) for ds in ct_series(study_uid=study, slices=3, number=1)]
    good = ct_series(study_uid=study, slices=3, number=2)
    with FaultyHub(video) as faulty:
        retrieval, result = _run(faulty)
    assert result.status is SeriesStatus.FAILED
    message = result.errors[0]
    assert "1.2.840.10008.1.2.4.100" in message and "cannot be decoded here" in message
    assert "could not convert" in message
    assert retrieval.done == set()
    # in a case, the other series is retrieved all the same
    with FaultyHub(video + good) as faulty:
        hub = HttpHub(faulty.base_url, retry=NO_RETRY)
        case = CaseRetrieval(hub, study).run()
        hub.close()
    assert case.series[str(good[0].SeriesInstanceUID)].status is SeriesStatus.COMPLETE
    assert case.series[str(video[0].SeriesInstanceUID)].status is SeriesStatus.FAILED


def test_unsupported_transfer_syntax_converted_by_the_hub_when_it_can():
    video = [_mpeg2(ds) for ds in ct_series(slices=2)]
    with FaultyHub(video, refuse_transcoding=False) as faulty:
        _retrieval, result = _run(faulty)
    # the scripted hub "converts" by sending the same bytes: still refused, clearly
    assert result.status is SeriesStatus.FAILED
    assert any("Explicit VR Little Endian" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, "credentials"),
        (403, "not allowed"),
        (404, "not found"),
        (500, "failed"),
    ],
)
def test_hub_statuses_give_clear_messages(status: int, words: str, cache: ImageCache):
    datasets = ct_series(slices=3)
    with FaultyHub(datasets, status={"/series": status}) as faulty:
        hub = HttpHub(faulty.base_url, retry=NO_RETRY)
        result = CaseRetrieval(hub, str(datasets[0].StudyInstanceUID), cache=cache).run()
        hub.close()
    assert not result.complete
    message = result.errors[0].lower()
    assert words in message, message
    assert str(status) in message
    assert cache.size_bytes() == 0


def test_hub_down_timeout_and_tls_failure(tmp_path: Path):
    study = generate_uid()
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = HttpHub(f"http://127.0.0.1:{port}/dicom-web", retry=NO_RETRY)
    result = CaseRetrieval(down, study).run()
    assert "cannot reach the hub" in result.errors[0]

    datasets = ct_series(slices=2)
    with FaultyHub(datasets, delay_s=0.5) as faulty:
        slow = HttpHub(faulty.base_url, retry=NO_RETRY, read_timeout_s=0.1)
        first = datasets[0]
        series = SeriesRetrieval(
            slow, str(first.StudyInstanceUID), str(first.SeriesInstanceUID)
        ).run()
        slow.close()
    assert series.status is SeriesStatus.INTERRUPTED
    assert "time" in series.errors[0].lower()

    cert = self_signed_certificate(tmp_path)
    with ScriptedServer(tls=cert) as server:
        untrusted = HttpHub(server.base_url, retry=NO_RETRY)
        tls = CaseRetrieval(untrusted, study).run()
        untrusted.close()
    assert "certificate" in tls.errors[0].lower()


def test_a_part_of_another_series_is_refused():
    datasets = ct_series(slices=4)
    stranger = ct_series(slices=1, seed=4)[0]
    stranger.InstanceNumber = 99
    sop = str(datasets[1].SOPInstanceUID)

    def swap(_: bytes) -> bytes:
        from tests.app.retrieval_util import part10

        return part10(stranger)

    with FaultyHub(datasets, faults={sop: [swap, swap]}) as faulty:
        retrieval, result = _run(faulty)
    assert result.status is SeriesStatus.INCOMPLETE
    assert result.missing == ["instance 2"]
    volume = retrieval.volumes.volumes[0] if retrieval.volumes else None
    assert volume is not None and volume.loaded is not None
    k = _slice_of(retrieval, datasets[1])
    assert not volume.loaded[k] and np.all(volume.array[k] == NOT_LOADED_VALUE)
    assert any("another study or series" in e for e in result.errors)


def test_an_instance_gone_from_the_hub_leaves_the_rest_usable():
    datasets = ct_series(slices=5)
    gone = datasets[0]
    # the stream lacks nothing, but instance 1 is corrupt there and 404 on its own
    faults = {str(gone.SOPInstanceUID): [corrupt]}
    status = {f"/instances/{gone.SOPInstanceUID}$": 404}
    with FaultyHub(datasets, faults=faults, status=status) as faulty:
        _retrieval, result = _run(faulty)
    assert result.status is SeriesStatus.INCOMPLETE
    assert result.missing == ["instance 1"]
    assert any("instance 1" in e and "404" in e for e in result.errors)
    assert result.received == 4


def test_malformed_metadata_gives_a_message_not_a_crash():
    datasets = ct_series(slices=3)

    def garble(metadata: list[dict]) -> list[dict]:
        for item in metadata:
            item["00200032"] = "not an element"
            item["00280010"] = {"vr": "US", "Value": ["many"]}
        return metadata

    with FaultyHub(datasets, metadata_fault=garble) as faulty:
        retrieval, result = _run(faulty)
    assert retrieval.volumes is not None and retrieval.volumes.volumes == []
    assert any("not a volume" in w for w in result.warnings)
