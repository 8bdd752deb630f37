"""Retrieval benchmark: a 500-slice 512×512 CT from minihub on loopback.

``python -m bench retrieve [--slices 500] [--size 512] [--workers N]
[--syntaxes uncompressed,jpegls,j2k] [--throttle-mbit 100]`` prints one JSON
line with one object per transfer syntax (``uncompressed``, ``jpegls``,
``j2k``) and ``throttled_100mbit`` (JPEG-LS through a loopback proxy
throttled to 100 Mbit/s), each with:

* ``first_image_s``: from the start to the first image decoded and handed to
  the viewer (``on_first_image``: the middle slice, before the volume exists);
  ``first_slice_in_volume_s``: to the first slice placed in the planned volume;
* ``full_s``: every slice decoded, rescaled and placed in the volume
  (:class:`app.retrieve.series.SeriesRetrieval`, metadata included);
* ``raw_s``: plain ``requests`` reading the same multipart body, no parsing;
* ``peer_s``: ``dicomweb-client`` ``retrieve_series`` (``transfer-syntax=*``),
  then pydicom ``pixel_array`` per instance, sorted by position, ``numpy.stack``;
* ``full_over_raw``, ``full_over_peer``, ``bytes``.

``uncompressed`` also has ``full_with_cache_s``: the same retrieval writing
every instance into the encrypted cache. Targets (DESIGN.md, issue #4):
uncompressed first image ≤ 1 s, full ≤ 3 × raw and ≤ 0.35 × peer;
``throttled_100mbit.full_over_raw`` ≤ 1.2. minihub runs in a child process;
compressed images are decoded in ``workers`` processes (default: one per
core). The files and the hub's data are generated once and kept under
``/tmp/strokelink-bench`` (see :mod:`bench.hubdata`).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import requests

from bench.hubdata import SYNTAXES, BenchSeries, HubProcess, hub_data, write_series
from bench.proxy import LoopbackProxy

TARGETS = {
    "uncompressed.first_image_s": 1.0,
    "uncompressed.full_over_raw": 3.0,
    "uncompressed.full_over_peer": 0.35,
    "throttled_100mbit.full_over_raw": 1.2,
}


def _raw(url: str, s: BenchSeries) -> tuple[float, int]:
    accept = 'multipart/related; type="application/dicom"; transfer-syntax=*'
    started = time.perf_counter()
    with requests.get(
        f"{url}/studies/{s.study_uid}/series/{s.series_uid}",
        headers={"Accept": accept},
        stream=True,
        timeout=60,
    ) as response:
        response.raise_for_status()
        size = sum(len(chunk) for chunk in response.iter_content(1 << 20))
    return time.perf_counter() - started, size


def _peer(url: str, s: BenchSeries) -> tuple[float, np.ndarray]:
    from dicomweb_client.api import DICOMwebClient

    started = time.perf_counter()
    client = DICOMwebClient(url)
    datasets = client.retrieve_series(
        s.study_uid, s.series_uid, media_types=(("application/dicom", "*"),)
    )
    datasets.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
    stack = np.stack([ds.pixel_array for ds in datasets])
    return time.perf_counter() - started, stack


def _ours(url: str, s: BenchSeries, decoder: Any, cache: Any = None) -> dict[str, Any]:
    from app.hub.client import HttpHub
    from app.retrieve.case import RetrievalCallbacks, SeriesRetrieval, SeriesStatus

    marks: dict[str, float] = {}
    started = time.perf_counter()

    def mark(name: str) -> Any:
        return lambda *_: marks.setdefault(name, time.perf_counter() - started)

    def planned(_: str, volumes: Any) -> None:
        marks.setdefault("plan_s", time.perf_counter() - started)
        if any(v.loaded is not None and v.loaded.any() for v in volumes.volumes):
            marks.setdefault("first_slice_in_volume_s", marks["plan_s"])  # already in

    callbacks = RetrievalCallbacks(
        on_first_image=mark("first_image_s"),
        on_plan=planned,
        on_slice=mark("first_slice_in_volume_s"),
    )
    hub = HttpHub(url, read_timeout_s=120)
    retrieval = SeriesRetrieval(
        hub, s.study_uid, s.series_uid, decoder=decoder, callbacks=callbacks, cache=cache
    )
    result = retrieval.run()
    full = time.perf_counter() - started
    hub.close()
    if result.status is not SeriesStatus.COMPLETE or retrieval.volumes is None:
        raise RuntimeError(f"retrieval did not complete: {result.status} {result.errors[:2]}")
    volume = retrieval.volumes.volumes[0]
    if volume.loaded is None or not volume.loaded.all():
        raise RuntimeError("retrieval completed with slices not loaded")
    return {"full_s": full, **marks, "volume": volume.array}


def _same(volume: np.ndarray, stored: np.ndarray) -> bool:
    """Our HU volume against the peer's stored values (rescale −1024, slope 1)."""
    picks = [0, len(stored) // 2, len(stored) - 1]
    return all(np.array_equal(volume[k], stored[k].astype(np.int32) - 1024) for k in picks)


def _measure(url: str, s: BenchSeries, decoder: Any, *, with_cache: bool = False) -> dict:
    raw_s, size = _raw(url, s)
    ours = _ours(url, s, decoder)
    peer_s, stack = _peer(url, s)
    volume = ours.pop("volume")
    out: dict[str, Any] = {
        "first_image_s": round(ours["first_image_s"], 3),
        "first_slice_in_volume_s": round(ours["first_slice_in_volume_s"], 3),
        "full_s": round(ours["full_s"], 3),
        "raw_s": round(raw_s, 3),
        "peer_s": round(peer_s, 3),
        "full_over_raw": round(ours["full_s"] / raw_s, 2),
        "full_over_peer": round(ours["full_s"] / peer_s, 2),
        "bytes": size,
        "pixels_match_peer": _same(volume, stack),
    }
    del volume, stack
    if with_cache:
        from app.retrieve.cache import ImageCache
        from app.store.keys import MasterKey

        with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
            cache = ImageCache(Path(tmp), key=MasterKey(os.urandom(32), persistent=False))
            cached = _ours(url, s, decoder, cache=cache)
            out["full_with_cache_s"] = round(cached["full_s"], 3)
    return out


def run(
    *,
    slices: int = 500,
    size: int = 512,
    workers: int | None = None,
    syntaxes: str = "uncompressed,jpegls,j2k",
    throttle_mbit: float = 100.0,
) -> dict[str, Any]:
    """Prepare (or reuse) the data, start minihub, measure each transfer syntax."""
    from app.retrieve.case import Decoder

    keys = [k.strip() for k in str(syntaxes).split(",") if k.strip()]
    unknown = [k for k in keys if k not in SYNTAXES]
    if unknown:
        raise SystemExit(f"bench retrieve: unknown syntaxes {unknown}; known: {list(SYNTAXES)}")
    started = time.perf_counter()
    needed = keys + (["jpegls"] if throttle_mbit and "jpegls" not in keys else [])
    series = {k: write_series(k, slices=slices, rows=size, columns=size) for k in needed}
    data = hub_data(list(series.values()), f"{slices}x{size}x{size}-{'-'.join(sorted(needed))}")
    result: dict[str, Any] = {
        "bench": "retrieve",
        "shape": [slices, size, size],
        "cpus": os.cpu_count(),
        "prepare_s": round(time.perf_counter() - started, 1),
    }
    with HubProcess(data) as hub, Decoder(workers) as decoder:
        decoder.warm()  # the application starts its decoder once, at launch
        result["workers"] = decoder.workers
        for key in keys:
            result[key] = _measure(
                hub.base_url, series[key], decoder, with_cache=key == "uncompressed"
            )
        if throttle_mbit:
            with LoopbackProxy(hub.base_url, rate_mbit=throttle_mbit) as proxy:
                name = f"throttled_{throttle_mbit:g}mbit"
                result[name] = _measure(proxy.url, series["jpegls"], decoder)
                result[name]["transfer_syntax"] = "jpegls"
    result["targets"] = TARGETS
    return result
