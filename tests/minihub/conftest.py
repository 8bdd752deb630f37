"""Fixtures and wire helpers for the minihub tests: a real hub on 127.0.0.1.

The helpers build STOW-RS bodies and parse multipart responses by hand (not
with minihub's own parser), so the tests check the server against PS3.18.
"""

from __future__ import annotations

import io
import json
import re
import secrets
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
import requests
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from minihub.auth import hash_password, hash_token
from minihub.server import HubServer
from tests.dataset_util import set_patient, set_signed_16_bit_pixels

DICOM_JSON = "application/dicom+json"


def make_ct(
    study_uid: str,
    series_uid: str,
    sop_uid: str | None = None,
    *,
    patient_name: str = "DOE^JOHN",
    patient_id: str = "P1",
    issuer: str = "HOSP",
    study_date: str = "20250101",
    study_time: str = "101500",
    accession: str = "ACC1",
    modality: str = "CT",
    series_number: int = 1,
    instance_number: int = 1,
    rows: int = 8,
    columns: int = 8,
    frames: int = 1,
    seed: int = 0,
) -> Dataset:
    """A small, valid 16-bit CT image (or multi-frame) with random pixels."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = CTImageStorage
    sop_uid = sop_uid or generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = sop_uid
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    set_patient(ds, patient_name, patient_id, issuer, "19600101")
    ds.StudyDate = study_date
    ds.StudyTime = study_time
    ds.AccessionNumber = accession
    ds.ReferringPhysicianName = "HOUSE^GREGORY"
    ds.StudyID = "1"
    ds.StudyDescription = "CT HEAD"
    ds.Modality = modality
    ds.SeriesNumber = series_number
    ds.SeriesDescription = f"series {series_number}"
    ds.InstanceNumber = instance_number
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.ImagePositionPatient = [0, 0, float(instance_number)]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.5, 0.5]
    ds.Rows = rows
    ds.Columns = columns
    set_signed_16_bit_pixels(ds)
    ds.RescaleIntercept = -1024
    ds.RescaleSlope = 1
    if frames > 1:
        ds.NumberOfFrames = frames
    rng = np.random.default_rng(seed)
    shape = (frames, rows, columns) if frames > 1 else (rows, columns)
    ds.PixelData = rng.integers(-1000, 2000, size=shape, dtype=np.int16).tobytes()
    return ds


def part10(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def stow_body(
    parts: Sequence[bytes], *, part_type: str = "application/dicom", boundary: str | None = None
) -> tuple[bytes, str]:
    """A ``multipart/related`` STOW-RS body and its Content-Type."""
    boundary = boundary or "test-" + secrets.token_hex(8)
    body = b""
    for data in parts:
        body += f"--{boundary}\r\nContent-Type: {part_type}\r\n\r\n".encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f'multipart/related; type="application/dicom"; boundary={boundary}'


def parse_multipart(response: requests.Response) -> list[tuple[dict[str, str], bytes]]:
    """Split a multipart response into (lower-cased headers, content)."""
    content_type = response.headers["Content-Type"]
    assert content_type.startswith("multipart/related"), content_type
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    assert match, content_type
    delimiter = b"--" + match.group(1).encode()
    body = response.content
    assert body.rstrip().endswith(delimiter + b"--"), "no closing delimiter"
    parts = []
    for chunk in body.split(delimiter)[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _, content = chunk[2:-2].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, content))
    return parts


def stow(
    session: requests.Session, base_url: str, datasets: Sequence[Dataset], study: str = ""
) -> requests.Response:
    body, content_type = stow_body([part10(ds) for ds in datasets])
    url = f"{base_url}/studies" + (f"/{study}" if study else "")
    return session.post(
        url, data=body, headers={"Content-Type": content_type, "Accept": DICOM_JSON}
    )


def value(dataset: dict, tag: str):  # type: ignore[no-untyped-def]
    """First value of a DICOM JSON element (None when absent/empty)."""
    values = dataset.get(tag, {}).get("Value") or [None]
    return values[0]


def write_users(folder: Path, token: str, *others: dict) -> Path:
    """``users.json`` in ``folder``: ``drx``, a radiologist (password "correct horse" and
    ``token``), then the ``others`` as written."""
    path = folder / "users.json"
    drx = {
        "name": "drx",
        "password": hash_password("correct horse", iterations=1000),
        "tokens_sha256": [hash_token(token)],
        "roles": ["radiologist"],
    }
    path.write_text(json.dumps({"users": [drx, *others]}), encoding="utf-8")
    return path


def terminate(process: subprocess.Popen, timeout: float) -> None:
    """SIGTERM, then SIGKILL if the process is still there after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    """A hub on a free port with its own data folder, shared by a test module."""
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture
def fresh_hub(tmp_path: Path) -> Iterator[HubServer]:
    with HubServer(tmp_path / "hub") as server:
        yield server
