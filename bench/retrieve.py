"""Retrieval benchmark: a 500-slice 512×512 CT from minihub on loopback.

``python -m bench retrieve [--slices 500] [--size 512] [--workers N]
[--syntaxes uncompressed,jpegls,j2k] [--throttle-mbit 100] [--runs 1]
[--line-mbit 20] [--line-slices N]`` prints one JSON line with one object per
transfer syntax (``uncompressed``, ``jpegls``, ``j2k``), ``throttled_100mbit``
(JPEG-LS through a loopback proxy throttled to 100 Mbit/s) and
``throttled_20mbit`` (a home line, see below). The syntax objects have:

* ``first_image_s``: from the start to the first image decoded and handed to
  the viewer (``on_first_image``: the middle slice, before the volume exists);
  ``first_slice_in_volume_s``: to the first slice placed in the planned volume;
* ``full_s``: every slice decoded, rescaled and placed in the volume
  (:class:`app.retrieve.series.SeriesRetrieval`, metadata included);
* ``raw_s``: plain ``requests`` reading the same multipart body, no parsing;
* ``peer_s``: ``dicomweb-client`` ``retrieve_series`` (``transfer-syntax=*``),
  then pydicom ``pixel_array`` per instance, sorted by position, ``numpy.stack``;
* ``full_over_raw``, ``full_over_peer``, ``bytes``.

``--runs N`` measures ``uncompressed`` N times in a row (raw, ours, peer each
time, same hub and decoding processes): its ``full_over_peer_runs`` lists every
run's ratio, ``full_over_peer_max`` the worst; the other keys are the first
run's. ``uncompressed`` also has ``full_with_cache_s``: the same retrieval
writing every instance into the encrypted cache.

``throttled_20mbit`` (``--line-mbit``; 0 leaves it out): the client as on a
remote hub (``compression="always"``: lossless JPEG-LS / JPEG 2000 / HTJ2K
asked for in the WADO-RS ``Accept``, see :func:`app.hub.client.negotiated_accept`)
through the throttling proxy. When the hub transcodes on request, the series
stored uncompressed is retrieved; otherwise (a minihub that serves what it
stores) its JPEG-LS copy, the same bytes a transcoding hub would send
(``hub_transcodes`` says which). Keys: ``first_image_s``, ``full_s``,
``bytes`` (what crossed the line), ``uncompressed_bytes`` (the same series
uncompressed), ``uncompressed_link_s`` (those bytes at the line's rate),
``full_over_uncompressed_link`` (``full_s`` ÷ ``uncompressed_link_s``),
``transfer_syntaxes`` (as received). ``--line-slices`` uses a smaller series
there (the ratio of bytes is the point; 500 slices take ~35 s at 20 Mbit/s).

Targets (DESIGN.md, issues #4 and #15): uncompressed first image ≤ 1 s,
full ≤ 3 × raw and ≤ 0.35 × peer (in every run);
``throttled_100mbit.full_over_raw`` ≤ 1.2; ``throttled_20mbit``: first image
≤ 1 s, ``full_over_uncompressed_link`` ≤ 0.6. minihub runs in a child
process; compressed images are decoded in ``workers`` processes (default: one
per core). The files and the hub's data are generated once and kept under
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
    "uncompressed.full_over_peer_max": 0.35,
    "throttled_100mbit.full_over_raw": 1.2,
    "throttled_20mbit.first_image_s": 1.0,
    "throttled_20mbit.full_over_uncompressed_link": 0.6,
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


def _ours(
    url: str, s: BenchSeries, decoder: Any, cache: Any = None, *, compression: str = "auto"
) -> dict[str, Any]:
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
    hub = HttpHub(url, read_timeout_s=120, compression=compression)
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
    return {
        "full_s": full,
        **marks,
        "volume": volume.array,
        "bytes": result.downloaded_bytes,
        "transfer_syntaxes": sorted(result.transfer_syntaxes),
    }


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


def _runs(url: str, s: BenchSeries, decoder: Any, runs: int) -> dict[str, Any]:
    """``uncompressed`` measured ``runs`` times: the first run's keys, every ratio."""
    out = _measure(url, s, decoder, with_cache=True)
    ratios = [out["full_over_peer"]]
    for _ in range(runs - 1):
        ratios.append(_measure(url, s, decoder)["full_over_peer"])
    out["full_over_peer_runs"] = ratios
    out["full_over_peer_max"] = max(ratios)
    return out


def _hub_transcodes(url: str, s: BenchSeries) -> tuple[bool, str]:
    """Whether the hub answers the compressed ``Accept`` for an uncompressed instance."""
    from app.hub.client import HttpHub
    from app.retrieve.decode import peek_transfer_syntax

    with HttpHub(url, compression="always") as hub:
        metadata = hub.retrieve_series_metadata(s.study_uid, s.series_uid)
        sop = str(metadata[0]["00080018"]["Value"][0])
        data = hub.retrieve_instance(s.study_uid, s.series_uid, sop)
    syntax = peek_transfer_syntax(data)
    return syntax != SYNTAXES["uncompressed"], syntax


def _line(url: str, stored: BenchSeries, plain: BenchSeries, decoder: Any, mbit: float) -> dict:
    """``stored`` through a ``mbit`` line, compression asked; vs ``plain``'s bytes."""
    with LoopbackProxy(url, rate_mbit=mbit) as proxy:
        ours = _ours(proxy.url, stored, decoder, compression="always")
    ours.pop("volume")
    link_s = plain.bytes * 8 / (mbit * 1e6)
    return {
        "first_image_s": round(ours["first_image_s"], 3),
        "full_s": round(ours["full_s"], 3),
        "bytes": ours["bytes"],
        "uncompressed_bytes": plain.bytes,
        "uncompressed_link_s": round(link_s, 3),
        "full_over_uncompressed_link": round(ours["full_s"] / link_s, 3),
        "bytes_over_uncompressed": round(ours["bytes"] / plain.bytes, 3),
        "transfer_syntaxes": ours["transfer_syntaxes"],
    }


def run(
    *,
    slices: int = 500,
    size: int = 512,
    workers: int | None = None,
    syntaxes: str = "uncompressed,jpegls,j2k",
    throttle_mbit: float = 100.0,
    runs: int = 1,
    line_mbit: float = 20.0,
    line_slices: int | None = None,
) -> dict[str, Any]:
    """Prepare (or reuse) the data, start minihub, measure each transfer syntax."""
    from app.retrieve.case import Decoder

    keys = [k.strip() for k in str(syntaxes).split(",") if k.strip()]
    unknown = [k for k in keys if k not in SYNTAXES]
    if unknown:
        raise SystemExit(f"bench retrieve: unknown syntaxes {unknown}; known: {list(SYNTAXES)}")
    if int(runs) < 1:
        raise SystemExit(f"bench retrieve: --runs must be at least 1, not {runs}")
    line_n = int(line_slices or slices)
    if line_n < 1:
        raise SystemExit(f"bench retrieve: --line-slices must be at least 1, not {line_slices}")
    started = time.perf_counter()
    needed = set(keys) | ({"jpegls"} if throttle_mbit else set())
    if line_mbit and line_n == slices:
        needed |= {"uncompressed", "jpegls"}
    needed_keys = [k for k in SYNTAXES if k in needed]
    series = {k: write_series(k, slices=slices, rows=size, columns=size) for k in needed_keys}
    line_series = series
    if line_mbit and line_n != slices:
        line_series = {
            k: write_series(k, slices=line_n, rows=size, columns=size)
            for k in ("uncompressed", "jpegls")
        }
    stored = list(series.values()) + [s for s in line_series.values() if s not in series.values()]
    name = f"{slices}x{size}x{size}-{'-'.join(sorted(needed_keys))}"
    if line_series is not series:
        name += f"-line{line_n}"
    data = hub_data(stored, name)
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
            if key == "uncompressed":
                result[key] = _runs(hub.base_url, series[key], decoder, int(runs))
            else:
                result[key] = _measure(hub.base_url, series[key], decoder)
        if throttle_mbit:
            with LoopbackProxy(hub.base_url, rate_mbit=throttle_mbit) as proxy:
                name = f"throttled_{throttle_mbit:g}mbit"
                result[name] = _measure(proxy.url, series["jpegls"], decoder)
                result[name]["transfer_syntax"] = "jpegls"
        if line_mbit:
            plain = line_series["uncompressed"]
            transcodes, _ = _hub_transcodes(hub.base_url, plain)
            source = plain if transcodes else line_series["jpegls"]
            line = _line(hub.base_url, source, plain, decoder, float(line_mbit))
            line["hub_transcodes"] = transcodes
            line["shape"] = [line_n, size, size]
            result[f"throttled_{line_mbit:g}mbit"] = line
    result["targets"] = TARGETS
    return result
