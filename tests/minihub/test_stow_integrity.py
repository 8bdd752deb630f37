"""STOW-RS refuses damaged instances part by part, stores none, and then takes the whole copy."""

from __future__ import annotations

import pytest
import requests
from pydicom.dataset import Dataset
from pydicom.uid import RLELossless, generate_uid

from minihub.server import HubServer
from tests.minihub.conftest import DICOM_JSON, make_ct, part10, stow_body, value

REFERENCED = "00081199"
FAILED = "00081198"
FAILURE_REASON = "00081197"


def _native(frames: int = 1) -> Dataset:
    return make_ct(generate_uid(), generate_uid(), rows=64, columns=64, frames=frames)


def _encapsulated() -> Dataset:
    ds = make_ct(generate_uid(), generate_uid(), rows=64, columns=64, frames=3)
    ds.compress(RLELossless)
    return ds


def _native_half(ds: Dataset) -> bytes:
    data = part10(ds)
    return data[: len(data) - len(ds.PixelData) // 2]


def _encapsulated_mid_fragment(ds: Dataset) -> bytes:
    data = part10(ds)
    return data[: len(data) - 8 - 20]  # inside the last fragment, no delimiter


def _header_only(ds: Dataset) -> bytes:
    data = part10(ds)
    return data[: len(data) - len(ds.PixelData) - 12]  # before the Pixel Data element


def _post(http: requests.Session, base_url: str, parts: list[bytes]) -> requests.Response:
    body, content_type = stow_body(parts)
    return http.post(
        f"{base_url}/studies",
        data=body,
        headers={"Content-Type": content_type, "Accept": DICOM_JSON},
    )


def _listed(http: requests.Session, base_url: str, sop_uid: str) -> int:
    found = http.get(f"{base_url}/instances", params={"SOPInstanceUID": sop_uid})
    assert found.status_code == 200
    return len(found.json())


def assert_refused(http: requests.Session, base_url: str, ds: Dataset, warning: str) -> None:
    """The instance alone is refused (409), the Warning header saying why."""
    response = _post(http, base_url, [part10(ds)])
    assert response.status_code == 409
    assert warning in response.headers["Warning"]


@pytest.mark.parametrize(
    ("make", "cut"),
    [
        (_native, _native_half),
        (lambda: _native(frames=2), _native_half),
        (_encapsulated, _encapsulated_mid_fragment),
        (_native, _header_only),
    ],
    ids=["native-half", "native-multiframe-half", "encapsulated-mid-fragment", "header-only"],
)
def test_damaged_instance_refused_then_whole_copy_stored(fresh_hub: HubServer, make, cut) -> None:  # type: ignore[no-untyped-def]
    ds = make()
    with requests.Session() as http:
        refused = _post(http, fresh_hub.base_url, [cut(ds)])
        assert refused.status_code == 409
        failed = refused.json()[FAILED]["Value"]
        assert len(failed) == 1
        assert value(failed[0], FAILURE_REASON) == 0xC000
        warning = refused.headers["Warning"]
        assert warning.startswith("299 minihub: part 1: ")
        assert "cut short" in warning or "Pixel Data" in warning
        assert _listed(http, fresh_hub.base_url, ds.SOPInstanceUID) == 0
        study = http.get(f"{fresh_hub.base_url}/studies/{ds.StudyInstanceUID}/metadata")
        assert study.status_code == 404

        stored = _post(http, fresh_hub.base_url, [part10(ds)])
        assert stored.status_code == 200, stored.headers.get("Warning")
        assert value(stored.json()[REFERENCED]["Value"][0], "00081155") == ds.SOPInstanceUID
        assert _listed(http, fresh_hub.base_url, ds.SOPInstanceUID) == 1
        instance = (
            f"{fresh_hub.base_url}/studies/{ds.StudyInstanceUID}/series/"
            f"{ds.SeriesInstanceUID}/instances/{ds.SOPInstanceUID}"
        )
        served = http.get(instance, headers={"Accept": "multipart/related; type=application/dicom"})
        assert served.status_code == 200


def test_damaged_part_fails_alone_beside_whole_ones(hub: HubServer, http: requests.Session) -> None:
    good, bad = _native(), _native()
    response = _post(http, hub.base_url, [part10(good), _native_half(bad)])
    assert response.status_code == 202
    body = response.json()
    assert [value(i, "00081155") for i in body[REFERENCED]["Value"]] == [good.SOPInstanceUID]
    failed = body[FAILED]["Value"]
    assert value(failed[0], FAILURE_REASON) == 0xC000
    assert value(failed[0], "00081155") == bad.SOPInstanceUID  # named when its header reads
    assert "part 2: " in response.headers["Warning"]
    assert _listed(http, hub.base_url, bad.SOPInstanceUID) == 0


def test_pixel_data_shorter_than_the_image_is_refused(
    hub: HubServer, http: requests.Session
) -> None:
    """A whole file whose Pixel Data element is too short for Rows x Columns x Bits."""
    ds = _native()
    ds.PixelData = ds.PixelData[: len(ds.PixelData) // 2]
    assert_refused(http, hub.base_url, ds, "Pixel Data holds")
    assert _listed(http, hub.base_url, ds.SOPInstanceUID) == 0


def test_encapsulated_with_fewer_fragments_than_frames_is_refused(
    hub: HubServer, http: requests.Session
) -> None:
    ds = _encapsulated()
    ds.NumberOfFrames = 5  # three fragments for five frames
    assert_refused(http, hub.base_url, ds, "3 fragments for 5 frames")
