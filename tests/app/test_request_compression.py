"""The ED compresses losslessly (JPEG-LS by default) before STOW-RS; files on disk untouched."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import send_request
from app.hub import stow
from app.hub.client import HttpHub
from app.hub.stow import SYNTAX_NOT_SUPPORTED, UPLOAD_SYNTAX, for_upload
from app.retrieve.decode import decode_part
from minihub.server import HubServer
from protocol.lossless import JPEG_2000_LOSSLESS, JPEG_LS_LOSSLESS, NotCompressible
from tests.app.request_util import pydicom_file, third_party_ct
from tests.app.sending_util import hub, hub_server

__all__ = ["hub", "hub_server"]  # fixtures

NOW = datetime.now().astimezone().replace(microsecond=0)
EXPLICIT_LE = "1.2.840.10008.1.2.1"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_default_upload_syntax_is_jpeg_ls_lossless() -> None:
    assert UPLOAD_SYNTAX == JPEG_LS_LOSSLESS


@pytest.mark.parametrize("syntax", [JPEG_LS_LOSSLESS, JPEG_2000_LOSSLESS])
@pytest.mark.parametrize("name", ["CT_small.dcm", "emri_small.dcm", "SC_rgb.dcm"])
def test_for_upload_is_pixel_identical_and_leaves_the_file_alone(name: str, syntax: str) -> None:
    path = pydicom_file(name)
    before = digest(path)
    original = pydicom.dcmread(path)
    data = for_upload(path, syntax)
    assert isinstance(data, bytes)
    sent = pydicom.dcmread(io.BytesIO(data))
    assert sent.file_meta.TransferSyntaxUID == syntax
    assert sent.SOPInstanceUID == original.SOPInstanceUID
    assert_same_client_values(data, path.read_bytes())
    assert digest(path) == before


def assert_same_client_values(got: bytes, want: bytes) -> None:
    """The client's decoder (what the reader sees) gives identical values and dtype."""
    frames, expected = decode_part(got).frames, decode_part(want).frames
    assert len(frames) == len(expected) > 0
    for a, b in zip(frames, expected, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_values_beyond_bits_stored_are_sent_uncompressed(tmp_path: Path) -> None:
    """u16, Bits Stored 12, intercept -1024, a voxel stored 6024 (review #15): JPEG-LS
    would keep 1928; the file is sent as it is."""
    ds = pydicom.dcmread(pydicom_file("CT_small.dcm"))
    stored = np.full((ds.Rows, ds.Columns), 2000, np.uint16)
    stored[3, 4] = 6024
    ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 12, 11, 0
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.PixelData = stored.astype("<u2").tobytes()
    path = tmp_path / "ct.dcm"
    ds.save_as(path, enforce_file_format=True)
    assert for_upload(path) == path


def test_uncompressible_instances_are_sent_as_they_are_with_a_note(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    lossy = pydicom_file("SC_rgb_jpeg_dcmtk.dcm")
    with caplog.at_level(logging.INFO, logger="app.hub.stow"):
        assert for_upload(lossy) == lossy
    assert "sent uncompressed" in caplog.text and "not losslessly" in caplog.text
    already = pydicom_file("MR_small_jpeg_ls_lossless.dcm")
    assert for_upload(already) == already  # already JPEG-LS: as it is
    ct = pydicom_file("CT_small.dcm")
    assert for_upload(ct, None) == ct  # compression turned off

    def fails(source: Path | bytes, syntax: str) -> bytes:
        raise NotCompressible("encoding failed (RuntimeError)")

    monkeypatch.setattr(stow, "compress_lossless", fails)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="app.hub.stow"):
        assert for_upload(ct) == ct
    assert "encoding failed" in caplog.text


def part10_bytes(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def clinical() -> Any:
    return parse_clinical(example_clinical(NOW), now=NOW)


def stored_on_hub(
    server: HubServer, hub: HttpHub, originals: list[Path]
) -> dict[str, tuple[str, Dataset]]:
    """Each original's SOP Instance UID → (stored transfer syntax, data set as stored)."""
    result = {}
    for path in originals:
        ds = pydicom.dcmread(path)
        assert server.hub is not None
        [row] = server.hub.archive.instances(ds.StudyInstanceUID, sop_uid=ds.SOPInstanceUID)
        result[ds.SOPInstanceUID] = (row.transfer_syntax, pydicom.dcmread(row.path))
    return result


def test_a_request_is_uploaded_as_jpeg_ls_pixel_identical(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    folder = third_party_ct(tmp_path / "cd")
    images = select_images(folder)
    files = [Path(p) for series in images.series for p in series.paths]
    before = {p: digest(p) for p in folder.rglob("*") if p.is_file()}
    result = send_request(hub, images, clinical())
    assert result.instances_stored == len(files) == 5  # the axial series (not the scout)
    originals = {pydicom.dcmread(p).SOPInstanceUID: pydicom.dcmread(p) for p in files}
    for sop, (syntax, ds) in stored_on_hub(hub_server, hub, files).items():
        assert syntax == JPEG_LS_LOSSLESS
        assert_same_client_values(part10_bytes(ds), part10_bytes(originals[sop]))
    assert {p: digest(p) for p in folder.rglob("*") if p.is_file()} == before


class RefusesCompressed(HttpHub):
    """A hub that answers 0xC122 (transfer syntax not supported) to compressed parts."""

    calls: list[list[str]]

    def store_instances(  # type: ignore[override]
        self, instances: Iterable[Dataset | bytes | Path | str], study_uid: str | None = None
    ) -> stow.StoreResult:
        items = list(instances)
        self.calls.append(["bytes" if isinstance(i, bytes) else "file" for i in items])
        if any(isinstance(i, bytes) for i in items):
            result = stow.StoreResult(requests=1)
            for item in items:
                ds = pydicom.dcmread(io.BytesIO(item) if isinstance(item, bytes) else item)
                result.sent.append(ds.SOPInstanceUID)
                result.failed.append(
                    stow.FailedInstance(
                        ds.SOPClassUID, ds.SOPInstanceUID, SYNTAX_NOT_SUPPORTED, "refused"
                    )
                )
            return result
        return super().store_instances(items, study_uid)


def test_a_hub_refusing_compression_gets_uncompressed_instances(
    hub_server: HubServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = third_party_ct(tmp_path / "cd")
    # A different study: the other test stored these SOP Instance UIDs compressed.
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    study = pydicom.uid.generate_uid()
    series_uids: dict[str, str] = {}
    for path in files:
        ds = pydicom.dcmread(path)
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series_uids.setdefault(
            ds.SeriesInstanceUID, pydicom.uid.generate_uid()
        )
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = pydicom.uid.generate_uid()
        ds.save_as(path)
    with RefusesCompressed(hub_server.base_url) as refusing:
        refusing.calls = []
        with caplog.at_level(logging.INFO, logger="app.ed.request.send"):
            images = select_images(folder)
            result = send_request(refusing, images, clinical(), batch_count=3)
        assert result.instances_stored == 5
        # First batch compressed and refused, sent again as files; then files only.
        assert refusing.calls[0] == ["bytes"] * len(refusing.calls[0])
        assert all(kind == "file" for call in refusing.calls[1:] for kind in call)
        assert "sending uncompressed" in caplog.text
        sent = [Path(p) for series in images.series for p in series.paths]
        for _, (syntax, _ds) in stored_on_hub(hub_server, refusing, sent).items():
            assert syntax == EXPLICIT_LE
