"""Upload compression: the profile switch, the wider fallback, resends of the same SOP."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pydicom
import pytest
from pydicom.dataset import Dataset

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import SendError, resume_request, send_request
from app.ed.request.state import RequestStateStore
from app.hub import stow
from app.hub.client import HttpHub
from app.hub.errors import RequestRejected
from app.hub.profiles import HubProfile, hub_for
from app.hub.stow import for_upload
from minihub.instances import same_content
from minihub.server import HubServer
from protocol.lossless import JPEG_LS_LOSSLESS
from tests.app.request_util import pydicom_file, third_party_ct
from tests.app.sending_util import hub, hub_server

__all__ = ["hub", "hub_server"]  # fixtures

NOW = datetime.now().astimezone().replace(microsecond=0)
EXPLICIT_LE = "1.2.840.10008.1.2.1"
CONFLICT = 0x0111


def clinical() -> Any:
    return parse_clinical(example_clinical(NOW), now=NOW)


def fresh_ct(folder: Path) -> Path:
    """The third-party CT with new UIDs (other tests store the originals)."""
    folder = third_party_ct(folder)
    study = pydicom.uid.generate_uid()
    series_uids: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        ds = pydicom.dcmread(path)
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series_uids.setdefault(
            ds.SeriesInstanceUID, pydicom.uid.generate_uid()
        )
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = pydicom.uid.generate_uid()
        ds.save_as(path)
    return folder


def syntaxes_on_hub(server: HubServer, paths: Iterable[Path]) -> set[str]:
    found = set()
    for path in paths:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        assert server.hub is not None
        [row] = server.hub.archive.instances(ds.StudyInstanceUID, sop_uid=ds.SOPInstanceUID)
        found.add(row.transfer_syntax)
    return found


def kinds(items: Iterable[object]) -> list[str]:
    return ["bytes" if isinstance(i, bytes) else "file" for i in items]


class Refusing(HttpHub):
    """A hub (or proxy) refusing compressed parts: ``mode`` says how."""

    mode = "http415"
    calls: list[list[str]]

    def store_instances(  # type: ignore[override]
        self, instances: Iterable[Dataset | bytes | Path | str], study_uid: str | None = None
    ) -> stow.StoreResult:
        items = list(instances)
        self.calls.append(kinds(items))
        if not any(isinstance(i, bytes) for i in items):
            return super().store_instances(items, study_uid)
        if self.mode == "http415":
            raise RequestRejected("unsupported media type", status=415)
        code = {"c000": 0xC000, "conflict": CONFLICT}[self.mode]
        result = stow.StoreResult(requests=1)
        for item in items:
            ds = pydicom.dcmread(io.BytesIO(item) if isinstance(item, bytes) else item)
            result.sent.append(ds.SOPInstanceUID)
            result.failed.append(stow.FailedInstance(ds.SOPClassUID, ds.SOPInstanceUID, code, "x"))
        return result


# -- item 4: the profile setting ------------------------------------------------


def test_upload_compression_is_a_profile_setting_defaulting_to_jpeg_ls() -> None:
    old = HubProfile.from_json({"name": "h", "base_url": "https://hub.example"})
    assert old.upload_compression == "jpegls" and old.upload_syntax == JPEG_LS_LOSSLESS
    off = HubProfile.from_json(
        {"name": "h", "base_url": "https://hub.example", "upload_compression": "none"}
    )
    assert off.upload_syntax is None
    assert HubProfile.from_json(off.to_json()) == off
    assert getattr(hub_for(off), "upload_syntax", "missing") is None
    assert getattr(hub_for(old), "upload_syntax", "missing") == JPEG_LS_LOSSLESS
    with pytest.raises(ValueError, match="upload compression 'zip'"):
        HubProfile(name="h", base_url="https://hub.example", upload_compression="zip")


def test_a_profile_with_compression_off_uploads_the_files_as_they_are(
    hub_server: HubServer, tmp_path: Path
) -> None:
    profile = HubProfile(name="h", base_url=hub_server.base_url, upload_compression="none")
    with hub_for(profile) as off:
        images = select_images(fresh_ct(tmp_path / "cd"))
        result = send_request(off, images, clinical())
    assert result.instances_stored == 5
    assert syntaxes_on_hub(hub_server, (Path(p) for s in images.series for p in s.paths)) == {
        EXPLICIT_LE
    }


# -- item 4: the wider fallback, remembered per request ---------------------------


@pytest.mark.parametrize("mode", ["http415", "c000"])
def test_a_refused_compressed_request_is_resent_uncompressed_and_remembered(
    hub_server: HubServer, tmp_path: Path, mode: str
) -> None:
    store = RequestStateStore(tmp_path / "state")
    with Refusing(hub_server.base_url) as refusing:
        refusing.mode, refusing.calls = mode, []
        images = select_images(fresh_ct(tmp_path / "cd"))
        result = send_request(refusing, images, clinical(), batch_count=2, state_store=store)
        assert result.instances_stored == 5
        assert refusing.calls[0] == ["bytes", "bytes"]
        assert all(kind == "file" for call in refusing.calls[1:] for kind in call)
        assert store.load(result.request_id).upload_uncompressed
    paths = [Path(p) for s in images.series for p in s.paths]
    assert syntaxes_on_hub(hub_server, paths) == {EXPLICIT_LE}


class FailsAfterFirst(Refusing):
    """Refuses compressed requests (415), and fails outright from the 3rd call on."""

    def store_instances(  # type: ignore[override]
        self, instances: Iterable[Dataset | bytes | Path | str], study_uid: str | None = None
    ) -> stow.StoreResult:
        if len(self.calls) >= 2:
            self.calls.append(kinds(instances))
            raise RequestRejected("down", status=503)
        return super().store_instances(instances, study_uid)


def test_a_resume_after_a_fallback_starts_uncompressed(
    hub_server: HubServer, tmp_path: Path
) -> None:
    store = RequestStateStore(tmp_path / "state")
    images = select_images(fresh_ct(tmp_path / "cd"))
    with FailsAfterFirst(hub_server.base_url) as flaky:
        flaky.calls = []
        with pytest.raises(SendError) as stopped:
            send_request(flaky, images, clinical(), batch_count=2, state_store=store)
        assert flaky.calls[:2] == [["bytes", "bytes"], ["file", "file"]]
    request_id = stopped.value.state.request_id
    assert store.load(request_id).upload_uncompressed
    with Refusing(hub_server.base_url) as refusing:  # would refuse any compressed part
        refusing.calls = []
        result = resume_request(refusing, store, request_id, batch_count=2)
        assert result.instances_stored == 5
        assert refusing.calls and all(k == "file" for call in refusing.calls for k in call)


# -- item 5: the same SOP compressed and uncompressed ------------------------------


def copy_with_new_uids(tmp_path: Path, name: str = "CT_small.dcm") -> Path:
    ds = pydicom.dcmread(pydicom_file(name))
    ds.StudyInstanceUID = pydicom.uid.generate_uid()
    ds.SeriesInstanceUID = pydicom.uid.generate_uid()
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = pydicom.uid.generate_uid()
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / name
    ds.save_as(target)
    return target


def test_minihub_takes_a_compressed_resend_of_an_uncompressed_instance(
    hub: HttpHub, tmp_path: Path
) -> None:
    path = copy_with_new_uids(tmp_path)
    sop = pydicom.dcmread(path).SOPInstanceUID
    before = path.read_bytes()
    first = hub.store_instances([path])
    assert first.ok and first.stored_uids == {sop}
    compressed = for_upload(path, JPEG_LS_LOSSLESS)
    assert isinstance(compressed, bytes)
    again = hub.store_instances([compressed])
    assert again.ok and again.stored_uids == {sop}
    # and the reverse order: compressed first, then the file as it is
    other = copy_with_new_uids(tmp_path / "b")
    packed = for_upload(other, JPEG_LS_LOSSLESS)
    assert isinstance(packed, bytes)
    assert hub.store_instances([packed]).ok
    assert hub.store_instances([other]).ok
    assert path.read_bytes() == before


def test_minihub_still_refuses_a_different_instance_with_the_same_uid(
    hub: HttpHub, tmp_path: Path
) -> None:
    path = copy_with_new_uids(tmp_path)
    assert hub.store_instances([path]).ok
    ds = pydicom.dcmread(path)
    pixels = ds.pixel_array.copy()
    pixels[0, 0] += 1  # one pixel differs
    ds.PixelData = pixels.tobytes()
    changed = tmp_path / "changed.dcm"
    ds.save_as(changed)
    packed = for_upload(changed, JPEG_LS_LOSSLESS)
    assert isinstance(packed, bytes)
    for attempt in (changed, packed):
        result = hub.store_instances([attempt])
        assert [f.reason_code for f in result.failed] == [CONFLICT]
    ds = pydicom.dcmread(path)
    ds.PatientName = "OTHER^PATIENT"  # same pixels, other data
    renamed = tmp_path / "renamed.dcm"
    ds.save_as(renamed)
    packed = for_upload(renamed, JPEG_LS_LOSSLESS)
    assert isinstance(packed, bytes)
    assert [f.reason_code for f in hub.store_instances([packed]).failed] == [CONFLICT]


def test_the_ed_resends_a_conflicting_compressed_part_uncompressed(
    hub_server: HubServer, tmp_path: Path
) -> None:
    store = RequestStateStore(tmp_path / "state")
    with Refusing(hub_server.base_url) as conflicting:
        conflicting.mode, conflicting.calls = "conflict", []
        images = select_images(fresh_ct(tmp_path / "cd"))
        result = send_request(conflicting, images, clinical(), batch_count=5, state_store=store)
        assert result.instances_stored == 5
        assert conflicting.calls == [["bytes"] * 5, ["file"] * 5]
        # a conflict is not a refusal of compression: the request stays compressed
        assert not store.load(result.request_id).upload_uncompressed


@pytest.mark.parametrize("name", ["CT_small.dcm", "SC_rgb.dcm", "emri_small.dcm", "MR_small.dcm"])
def test_same_content_ignores_the_pixel_encoding_only(tmp_path: Path, name: str) -> None:
    original = pydicom_file(name)
    before = original.read_bytes()
    packed = tmp_path / "packed.dcm"
    data = for_upload(original, JPEG_LS_LOSSLESS)
    assert isinstance(data, bytes)
    packed.write_bytes(data)
    assert same_content(original, packed) and same_content(packed, original)
    ds = pydicom.dcmread(packed)
    ds.SeriesDescription = "other"
    other = tmp_path / "other.dcm"
    ds.save_as(other)
    assert not same_content(original, other)
    assert not same_content(original, tmp_path / "missing.dcm")
    assert original.read_bytes() == before
