"""Rescaling on arrival while the plan is computed, and the prefilled volume.

Pixels must be exactly those of the plain path: checked against the stored
values with 64-bit arithmetic, and end to end over HTTP with a plan that
arrives only after every instance (so that every slice takes the new path).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pytest

from app.hub.client import HttpHub
from app.retrieve.decode import (
    DecodedInstance,
    modality_values,
    plan_from_metadata,
    prescale,
    unscale,
)
from app.retrieve.model import SeriesStatus
from app.retrieve.series import SeriesRetrieval, _Prefilled
from tests.app.retrieval_util import FaultyHub, corrupt, ct_series, hu_volume
from tests.hub_util import FAST
from viewer.frames import FrameHeader
from viewer.slice_fill import ValuesOutOfRange
from viewer.volume import NOT_LOADED_VALUE


def _source(rows: int, columns: int, rescale: tuple[float, float] | None) -> FrameHeader:
    """What modality_values reads of a frame header."""
    header = SimpleNamespace(rows=rows, columns=columns, rescale=rescale, source="instance 1")
    return cast(FrameHeader, header)


CASES = [
    (np.uint16, 0, 4095, 1.0, -1024.0),  # CT
    (np.uint16, 0, 65535 // 2, 1.0, 0.0),  # the top of int16, by a uint16 view
    (np.uint16, 30000, 40000, 1.0, -20000.0),  # above int16 stored, in range after
    (np.int16, -2000, 3000, 1.0, -1024.0),
    (np.int16, -1000, 1000, 2.0, 100.0),
    (np.uint16, 0, 4000, -1.0, 0.0),
    (np.uint16, 10000, 20000, 2.0, -20000.0),  # int16 products wrap, the sum does not
    (np.uint8, 0, 255, 3.0, -5.0),
    (np.int32, -3000, 3000, 1.0, 7.0),
]


@pytest.mark.parametrize(("dtype", "low", "high", "slope", "intercept"), CASES)
def test_int16_values_exact(dtype: Any, low: int, high: int, slope: float, intercept: float):
    rng = np.random.default_rng(0)
    stored = rng.integers(low, high + 1, size=(16, 24)).astype(dtype)
    stored[0, 0], stored[0, 1] = low, high
    expected = stored.astype(np.int64) * int(slope) + int(intercept)
    source = _source(16, 24, (slope, intercept))
    plain = modality_values(stored, source, np.int16)
    assert plain.dtype == np.int16 and np.array_equal(plain, expected)
    out = np.full((16, 24), 7, dtype=np.int16)
    into = modality_values(stored, source, np.int16, out=out)
    assert into is out and np.array_equal(out, expected)
    decoded = prescale(
        DecodedInstance("2.25.1", "2.25.2", "2.25.3", "", [stored]), slope, intercept
    )
    assert decoded.rescaled == (slope, intercept)
    assert np.array_equal(decoded.frames[0], expected)
    back = unscale(decoded, 0)
    assert back.dtype == stored.dtype and np.array_equal(back, stored)


def test_out_of_range_raises_and_leaves_out_untouched():
    stored = np.array([[0, 40000]], dtype=np.uint16)
    out = np.full((1, 2), 5, dtype=np.int16)
    with pytest.raises(ValuesOutOfRange, match="do not fit int16"):
        modality_values(stored, _source(1, 2, (1.0, 0.0)), np.int16, out=out)
    assert (out == 5).all()
    decoded = prescale(DecodedInstance("2.25.1", "", "", "", [stored]), 1.0, 0.0)
    assert decoded.rescaled is None and decoded.frames[0] is stored  # left for the plan


@pytest.mark.parametrize(
    ("frames", "slope", "intercept"),
    [
        ([np.zeros((2, 2), np.uint16)], 0.5, 0.0),  # not integral
        ([np.zeros((2, 2), np.uint16)] * 2, 1.0, 0.0),  # multi-frame
        ([np.zeros((2, 2), np.float32)], 1.0, 0.0),  # not integers
        ([np.zeros((2, 2, 3), np.uint8)], 1.0, 0.0),  # colour
    ],
)
def test_prescale_leaves_other_cases_as_stored(frames: list, slope: float, intercept: float):
    decoded = prescale(DecodedInstance("2.25.1", "", "", "", list(frames)), slope, intercept)
    assert decoded.rescaled is None
    assert all(a is b for a, b in zip(decoded.frames, frames, strict=True))


def test_no_rescale_in_metadata_means_identity():
    stored = np.arange(6, dtype=np.uint16).reshape(2, 3)
    decoded = prescale(DecodedInstance("2.25.1", "", "", "", [stored]), None, None)
    assert decoded.rescaled == (1.0, 0.0) and np.array_equal(decoded.frames[0], stored)


class LatePlan:
    """A decoder: everything inline, but the plan only once ``release`` is set."""

    workers = 1
    parallel = True

    def __init__(self) -> None:
        self.release = threading.Event()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if fn is plan_from_metadata:

            def later() -> None:
                self.release.wait(30)
                future.set_result(fn(*args, **kwargs))

            threading.Thread(target=later, daemon=True).start()
            return future
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def test_every_slice_rescaled_on_arrival_then_placed_exactly():
    datasets = ct_series(slices=6, size=32, seed=21)
    bad = datasets[4]
    faults = {str(bad.SOPInstanceUID): [corrupt, corrupt]}  # refused twice: not loaded
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    decoder = LatePlan()
    with FaultyHub(datasets, faults=faults) as faulty, HttpHub(faulty.base_url, retry=FAST) as hub:
        retrieval = SeriesRetrieval(hub, study, series, decoder=decoder)  # type: ignore[arg-type]
        original = retrieval._received

        def received(item: Any, decoded: DecodedInstance) -> None:
            original(item, decoded)
            if len(retrieval.done) == 5:  # all that can arrive: the plan may come now
                decoder.release.set()

        retrieval._received = received  # type: ignore[method-assign]
        result = retrieval.run()
    assert result.status is SeriesStatus.INCOMPLETE and result.missing == ["instance 5"]
    assert retrieval.volumes is not None
    volume = retrieval.volumes.volumes[0]
    expected = hu_volume(datasets)
    k = int(np.argsort([float(d.ImagePositionPatient[2]) for d in datasets]).tolist().index(4))
    assert volume.loaded is not None and volume.loaded.sum() == 5 and not volume.loaded[k]
    assert (volume.array[k] == NOT_LOADED_VALUE).all()
    others = [i for i in range(6) if i != k]
    assert np.array_equal(volume.array[others], expected[others])
    assert volume.array.dtype == np.int16


def test_prefilled_volume_only_for_one_size_of_single_frames():
    item = {
        "00280010": {"vr": "US", "Value": [4]},
        "00280011": {"vr": "US", "Value": [3]},
    }
    prefilled = _Prefilled.start([item, item])
    assert prefilled is not None and prefilled.shape == (2, 4, 3)
    assert prefilled.take((2, 4, 3), np.float32) is None  # another dtype: not used
    array = prefilled.take((2, 4, 3), np.int16)
    assert array is not None and (array == NOT_LOADED_VALUE).all()
    other = dict(item, **{"00280011": {"vr": "US", "Value": [5]}})
    assert _Prefilled.start([item, other]) is None
    multi = dict(item, **{"00280008": {"vr": "IS", "Value": [3]}})
    assert _Prefilled.start([multi]) is None
    assert _Prefilled.start([{}]) is None
