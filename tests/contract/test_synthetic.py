"""One series of our synthetic stroke case round-trips through both servers.

``minihub.synth.write_cases`` writes the demo/test cases as DICOM files; the
smallest series of the "normal" case is stored, found and retrieved
pixel-identical.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import requests
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from tests.conftest import require
from tests.contract.conftest import Server
from tests.contract.wire import (
    ACCEPT_ANY_TS,
    assert_dicom_json,
    get_multipart,
    post_stow,
    referenced,
)
from tests.dicomweb_util import DICOM_JSON, raw_get, tag_value


@pytest.fixture(scope="session")
def synthetic_series(tmp_path_factory: pytest.TempPathFactory) -> list[Dataset]:
    """The smallest series (fewest bytes) of the synthetic "normal" case."""
    try:
        write_cases = getattr(importlib.import_module("minihub.synth"), "write_cases", None)
    except ModuleNotFoundError:
        write_cases = None
    require(write_cases is not None, "minihub.synth.write_cases")
    assert write_cases is not None
    root = tmp_path_factory.mktemp("synth-normal")
    write_cases(root, cases=["normal"], seed=0)
    series: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            header = dcmread(path, stop_before_pixels=True)
        except InvalidDicomError:  # README, JSON… next to the DICOM files
            continue
        if "Rows" in header:  # an image, not an SR or a PDF
            series[str(header.SeriesInstanceUID)].append(path)
    assert series, f"no image series under {root}"
    smallest = min(series.values(), key=lambda paths: sum(p.stat().st_size for p in paths))
    return [dcmread(path) for path in smallest]


def test_synthetic_series_round_trip(
    server: Server, http: requests.Session, synthetic_series: list[Dataset]
) -> None:
    first = synthetic_series[0]
    answer = assert_dicom_json(post_stow(http, server.url("studies"), synthetic_series))
    assert set(referenced(answer)) == {ds.SOPInstanceUID for ds in synthetic_series}

    path = f"studies/{first.StudyInstanceUID}/series/{first.SeriesInstanceUID}/instances"
    items = assert_dicom_json(raw_get(server.url(path), headers={"Accept": DICOM_JSON}))
    assert {tag_value(item, "00080018") for item in items} == {
        ds.SOPInstanceUID for ds in synthetic_series
    }

    url = server.url(f"studies/{first.StudyInstanceUID}/series/{first.SeriesInstanceUID}")
    _, parts = get_multipart(http, url, ACCEPT_ANY_TS)
    back = {ds.SOPInstanceUID: ds for ds in (part.dataset() for part in parts)}
    assert set(back) == {ds.SOPInstanceUID for ds in synthetic_series}
    for ds in synthetic_series:
        got = back[ds.SOPInstanceUID]
        assert got.PixelData == ds.PixelData
        np.testing.assert_array_equal(got.pixel_array, ds.pixel_array)
