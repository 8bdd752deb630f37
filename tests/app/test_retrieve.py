"""Retrieval against a real minihub over HTTP: progressive, checked, resumable, cached."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.uid import JPEG2000Lossless, JPEGLSLossless, RLELossless

from app.hub.client import HttpHub
from app.retrieve.cache import ImageCache
from app.retrieve.case import (
    CaseRetrieval,
    Decoder,
    RetrievalCallbacks,
    SeriesRetrieval,
    SeriesStatus,
)
from app.store.keys import MasterKey
from bench.proxy import LoopbackProxy
from minihub.server import HubServer
from tests.app.retrieval_util import ct_series, hu_volume
from tests.app.sending_util import hub, hub_server
from tests.hub_util import FAST
from viewer.classify import SeriesKind
from viewer.volume import NOT_LOADED_VALUE

__all__ = ["hub", "hub_server"]  # fixtures


@pytest.fixture(scope="module")
def pool() -> Iterator[Decoder]:
    with Decoder(2) as decoder:
        yield decoder


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / "cache", key=MasterKey(b"k" * 32, persistent=True))


def _store(hub: HttpHub, datasets: list[pydicom.Dataset]) -> tuple[str, str]:
    result = hub.store_instances(datasets)
    assert not result.failed
    return str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)


class Recorder(RetrievalCallbacks):
    """Callbacks that record what happened, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []
        self.on_first_image = lambda uid, image: self.events.append(("first", image))
        self.on_plan = lambda uid, volumes: self.events.append(("plan", volumes))
        self.on_slice = lambda uid, v, k, array: self.events.append(("slice", (v, k)))
        self.on_progress = lambda uid, done, total: self.events.append(("progress", (done, total)))
        self.on_other_image = lambda uid, sop, frame, array: self.events.append(
            ("other", (sop, frame, array))
        )

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


def test_full_retrieval_equals_stored_pixels_first_image_early(hub: HttpHub, cache: ImageCache):
    datasets = ct_series(slices=20)
    study, series = _store(hub, datasets)
    recorder = Recorder()
    retrieval = SeriesRetrieval(hub, study, series, cache=cache, callbacks=recorder)
    result = retrieval.run()
    assert result.status is SeriesStatus.COMPLETE, result.errors
    assert (result.expected, result.received) == (20, 20)
    assert retrieval.volumes is not None
    volume = retrieval.volumes.volumes[0]
    assert volume.loaded is not None and volume.loaded.all()
    np.testing.assert_array_equal(volume.array, hu_volume(datasets))
    kinds = recorder.kinds()
    # the plan (all slices "not loaded") and the first image come before the series completes
    assert kinds.index("plan") < kinds.index("slice")
    first = next(image for kind, image in recorder.events if kind == "first")
    assert kinds.index("first") < kinds.index("progress")  # before even one is counted
    assert first.instance_number == "11"  # the middle of 20 slices, by position
    assert first.window == (80.0, 40.0)
    middle = next(d for d in datasets if d.InstanceNumber == 11)
    np.testing.assert_array_equal(first.array, middle.pixel_array.astype(np.float32) - 1024)
    # metadata + middle instance + the series streamed: three requests
    assert result.requests == 3


@pytest.mark.parametrize("syntax", [RLELossless, JPEGLSLossless, JPEG2000Lossless])
def test_compressed_series_decoded_in_worker_processes(hub: HttpHub, pool: Decoder, syntax: str):
    datasets = ct_series(slices=8, size=32, syntax=syntax, seed=3)
    assert str(datasets[0].file_meta.TransferSyntaxUID) == syntax
    study, series = _store(hub, datasets)
    retrieval = SeriesRetrieval(hub, study, series, decoder=pool)
    result = retrieval.run()
    assert result.status is SeriesStatus.COMPLETE, result.errors
    assert retrieval.volumes is not None
    np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))


@pytest.mark.parametrize(
    "name",
    [
        "MR_small_jp2klossless.dcm",  # JPEG 2000 lossless
        "emri_small_jpeg_ls_lossless.dcm",  # JPEG-LS lossless, multi-frame
        "SC_rgb_jpeg_dcmtk.dcm",  # JPEG baseline, colour
        "image_dfl.dcm",  # deflated explicit VR little endian
        "emri_small_RLE.dcm",  # RLE, multi-frame
        "JPGExtended.dcm",  # JPEG extended (12-bit)
        "JPEG-LL.dcm",  # JPEG lossless
    ],
)
def test_pydicom_test_files_decoded(hub: HttpHub, pool: Decoder, name: str):
    path = get_testdata_file(name)
    assert path is not None
    local = pydicom.dcmread(path)
    local.SOPInstanceUID = pydicom.uid.generate_uid()  # test files share UIDs
    local.StudyInstanceUID, local.SeriesInstanceUID = (
        pydicom.uid.generate_uid(),
        pydicom.uid.generate_uid(),
    )
    local.file_meta.MediaStorageSOPInstanceUID = local.SOPInstanceUID
    study, series = _store(hub, [local])
    recorder = Recorder()
    retrieval = SeriesRetrieval(hub, study, series, decoder=pool, callbacks=recorder)
    result = retrieval.run()
    assert result.status is SeriesStatus.COMPLETE, (result.errors, result.warnings)
    expected = pydicom.dcmread(path).pixel_array
    frames = int(local.get("NumberOfFrames") or 1)
    if retrieval.volumes is not None and retrieval.volumes.volumes:
        volume = retrieval.volumes.volumes[0]
        assert volume.loaded is not None and volume.loaded.all()
        assert volume.shape[0] == frames
    else:
        images = [payload for kind, payload in recorder.events if kind == "other"]
        assert len(images) == frames
        got = np.stack([a for _, _, a in sorted(images, key=lambda i: i[1])])
        np.testing.assert_array_equal(got.reshape(expected.shape), expected)


def test_cancel_stops_then_run_again_resumes(hub: HttpHub):
    datasets = ct_series(slices=30, seed=5)
    study, series = _store(hub, datasets)
    cancel = threading.Event()
    armed = [True]

    def user_cancels(uid: str, done: int, total: int) -> None:
        if done >= 5 and armed[0]:
            cancel.set()

    callbacks = RetrievalCallbacks(on_progress=user_cancels)
    retrieval = SeriesRetrieval(hub, study, series, callbacks=callbacks, cancel=cancel)
    result = retrieval.run()
    assert result.status is SeriesStatus.CANCELED
    assert 5 <= result.received < 30
    armed[0] = False
    cancel.clear()
    again = retrieval.run()
    assert again.status is SeriesStatus.COMPLETE
    assert again.requests == 30 - result.received  # only the missing ones, one by one
    assert retrieval.volumes is not None
    np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))


def test_network_cut_then_only_missing_instances_fetched(
    hub_server: HubServer, hub: HttpHub, cache: ImageCache
):
    datasets = ct_series(slices=20, size=128, seed=7)  # ~33 kB per instance
    study, series = _store(hub, datasets)
    with LoopbackProxy(hub_server.base_url) as proxy:
        via_proxy = HttpHub(proxy.url, retry=FAST)
        # metadata and the middle instance pass, then the link dies mid-series
        callbacks = RetrievalCallbacks(on_first_image=lambda *_: proxy.cut_after(8 * 33_000))
        first = SeriesRetrieval(via_proxy, study, series, cache=cache, callbacks=callbacks).run()
        assert first.status is SeriesStatus.INTERRUPTED
        assert "hub" in first.errors[0]
        assert 0 < first.received < 20
        proxy.restore()
        before = proxy.requests
        # a new retrieval (e.g. after a restart): the cache has what arrived
        retrieval = SeriesRetrieval(via_proxy, study, series, cache=cache)
        second = retrieval.run()
        assert second.status is SeriesStatus.COMPLETE
        assert second.from_cache == first.received
        assert second.requests == 20 - first.received  # metadata came from the cache too
        assert proxy.requests - before == second.requests
        assert second.downloaded_bytes < 0.8 * sum(len(d.PixelData) for d in datasets)
        assert retrieval.volumes is not None
        np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))
        via_proxy.close()


def test_opening_from_cache_makes_no_network_request(hub_server: HubServer, hub: HttpHub, cache):
    datasets = ct_series(slices=10, seed=9)
    study, series = _store(hub, datasets)
    with LoopbackProxy(hub_server.base_url) as proxy:
        via_proxy = HttpHub(proxy.url, retry=FAST)
        first = CaseRetrieval(via_proxy, study, cache=cache).run()
        assert first.complete, first.errors
        assert proxy.requests > 0
        before = proxy.requests
        case = CaseRetrieval(via_proxy, study, cache=cache)
        again = case.run()
        assert again.complete
        assert proxy.requests == before  # zero requests
        assert again.series[series].from_cache == 10
        retrieval = case.retrieval_of(series)
        assert retrieval is not None and retrieval.volumes is not None
        np.testing.assert_array_equal(retrieval.volumes.volumes[0].array, hu_volume(datasets))
        via_proxy.close()
    # and with no hub at all (offline)
    offline = CaseRetrieval(None, study, cache=cache).run()
    assert offline.complete


def test_case_retrieved_most_urgent_first(hub: HttpHub, pool: Decoder):
    study = pydicom.uid.generate_uid()
    mr = ct_series(study_uid=study, slices=4, number=1, modality="MR", description="DWI b1000")
    cta = ct_series(
        study_uid=study, slices=6, number=2, contrast=True, thickness=1.0, description="CTA COW"
    )
    ncct = ct_series(study_uid=study, slices=5, number=3, description="HEAD NCCT")
    for datasets in (mr, cta, ncct):
        _store(hub, datasets)
    order: list[str] = []
    callbacks = RetrievalCallbacks(on_series_done=lambda uid, result: order.append(uid))
    case = CaseRetrieval(hub, study, decoder=pool, callbacks=callbacks)
    listed = case.open()
    assert [s.kind for s in listed] == [SeriesKind.NCCT, SeriesKind.CTA, SeriesKind.DWI]
    result = case.run()
    assert result.complete, result.errors
    assert order == [str(d[0].SeriesInstanceUID) for d in (ncct, cta, mr)]


def test_series_not_on_hub_is_a_clear_failure(hub: HttpHub):
    study = pydicom.uid.generate_uid()
    result = SeriesRetrieval(hub, study, pydicom.uid.generate_uid()).run()
    assert result.status is SeriesStatus.FAILED
    assert "not" in result.errors[0]
    case = CaseRetrieval(hub, study).run()
    assert not case.complete and "not found" in case.errors[0]


def test_slices_not_received_stay_not_loaded(hub: HttpHub):
    datasets = ct_series(slices=10, seed=11)
    study, series = _store(hub, datasets)
    cancel = threading.Event()
    callbacks = RetrievalCallbacks(on_progress=lambda *_: cancel.set())  # after the first
    retrieval = SeriesRetrieval(hub, study, series, callbacks=callbacks, cancel=cancel)
    retrieval.run()
    assert retrieval.volumes is not None
    volume = retrieval.volumes.volumes[0]
    assert volume.loaded is not None and volume.loaded.sum() == 1
    assert (volume.array[~volume.loaded] == NOT_LOADED_VALUE).all()


@pytest.mark.parametrize("count", [0, 1, 2, 5, 20, 21])
def test_middle_out_order_covers_every_instance(count: int):
    from app.retrieve.model import middle_out
    from tests.app.retrieval_util import metadata_json

    datasets = ct_series(slices=count, size=4) if count else []
    order = middle_out([metadata_json(d) for d in reversed(datasets)])
    assert sorted(order) == sorted(str(d.SOPInstanceUID) for d in datasets)
    if count:
        numbers = {str(d.SOPInstanceUID): int(d.InstanceNumber) for d in datasets}
        assert numbers[order[0]] == count // 2 + 1  # the middle by position
