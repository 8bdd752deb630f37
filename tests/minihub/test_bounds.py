"""Bounded inputs (issue #11, item 3): body sizes, paging, nesting, frame lists,
STOW file handles and WADO transcoding failures, against a real hub."""

from __future__ import annotations

import contextlib
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import pytest
import requests
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    JPEGBaseline8Bit,
    RLELossless,
    generate_uid,
)

from minihub import wado
from minihub.dicomweb import MAX_STOW_BYTES
from minihub.server import HubServer
from minihub.storage import Archive
from minihub.ups import MAX_BODY
from tests.minihub.conftest import (
    DICOM_JSON,
    make_ct,
    parse_multipart,
    part10,
    stow,
    stow_body,
    terminate,
)

JSON = {"Accept": DICOM_JSON}
BIG = 200 * 1024 * 1024  # what a hostile client sends
CHUNK = 64 * 1024
START_TIMEOUT_S = 30.0
IO_TIMEOUT_S = 20.0


# --- a hub in its own process, to measure its peak memory -------------------


@pytest.fixture(scope="module")
def hub_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    """``(pid, base_url)`` of ``python -m minihub.server`` on a free port."""
    data = tmp_path_factory.mktemp("hub-process")
    process = subprocess.Popen(
        [sys.executable, "-m", "minihub.server", "--data", str(data), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1.0)
            if ready:
                line = process.stdout.readline()
                if not line:
                    break
                if line.startswith("minihub serving "):
                    url = line.split()[2]
                    break
        assert url, "the hub did not start"
        yield process.pid, url
    finally:
        terminate(process, timeout=10)


def peak_rss_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def post_huge(url: str, *, chunked: bool) -> int:
    """POST a 200 MB JSON body of zeros; stop sending once the hub answers.

    Returns the status code of the answer. The hub may close the connection
    while the client still sends: that is fine once the status line is read.
    """
    parts = urlsplit(url)
    head = [
        f"POST {parts.path} HTTP/1.1",
        f"Host: {parts.netloc}",
        "Content-Type: application/dicom+json",
        "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BIG}",
        "",
        "",
    ]
    zeros = b"0" * CHUNK
    piece = f"{CHUNK:x}\r\n".encode() + zeros + b"\r\n" if chunked else zeros
    received = b""
    sent = 0
    with socket.create_connection((parts.hostname, parts.port), timeout=IO_TIMEOUT_S) as sock:
        sock.sendall("\r\n".join(head).encode())
        try:
            while sent < BIG and b"\r\n" not in received:
                readable, writable, _ = select.select([sock], [sock], [], IO_TIMEOUT_S)
                if readable:
                    data = sock.recv(65536)
                    if not data:
                        break
                    received += data
                elif writable:
                    sent += sock.send(piece)
                else:
                    raise AssertionError("the hub neither reads nor answers")
            if chunked and sent >= BIG:
                sock.sendall(b"0\r\n\r\n")
            while b"\r\n" not in received:
                data = sock.recv(65536)
                if not data:
                    break
                received += data
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert received.startswith(b"HTTP/1.1 "), received[:80]
    assert sent < BIG, "the hub read the whole body before answering"
    return int(received.split(b" ", 2)[1])


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_huge_ups_body_is_refused_without_holding_it(
    hub_process: tuple[int, str], chunked: bool
) -> None:
    pid, base_url = hub_process
    before = peak_rss_kib(pid)
    status = post_huge(f"{base_url}/workitems", chunked=chunked)
    assert status == 413
    grown_mib = (peak_rss_kib(pid) - before) / 1024
    assert grown_mib < 20, f"peak memory grew by {grown_mib:.0f} MiB"
    # The hub still answers afterwards.
    assert requests.get(f"{base_url}/workitems", headers=JSON, timeout=10).status_code == 200


def test_ups_body_just_over_the_limit_is_413(hub: HubServer, http: requests.Session) -> None:
    body = b"[" + b" " * MAX_BODY + b"{}]"
    headers = {"Content-Type": DICOM_JSON}
    response = http.post(f"{hub.base_url}/workitems", data=body, headers=headers)
    assert response.status_code == 413
    assert "Warning" in response.headers
    # Chunked (a generator body has no Content-Length): refused once too much arrived.
    chunks = (body[i : i + CHUNK] for i in range(0, len(body), CHUNK))
    response = http.post(f"{hub.base_url}/workitems", data=chunks, headers=headers)
    assert response.status_code == 413


# --- paging -------------------------------------------------------------------

BAD_PAGING = [
    "limit=99999999999999999999999",
    "offset=99999999999999999999999",
    "limit=-1",
    "offset=-5",
    "limit=10001",
    "offset=1000000001",
    "limit=%C2%B2",  # '²' is a digit to str.isdigit, not to int()
    "limit=ten",
]


@pytest.mark.parametrize("query", BAD_PAGING)
@pytest.mark.parametrize("path", ["/studies", "/series", "/instances", "/workitems"])
def test_paging_out_of_range_is_400(
    hub: HubServer, http: requests.Session, path: str, query: str
) -> None:
    response = http.get(f"{hub.base_url}{path}?{query}", headers=JSON)
    assert response.status_code == 400, response.text
    assert response.headers["Warning"].startswith("299 minihub: ")
    assert "limit" in response.headers["Warning"] or "offset" in response.headers["Warning"]


@pytest.mark.parametrize("path", ["/studies", "/workitems"])
def test_paging_at_the_bounds_is_accepted(
    hub: HubServer, http: requests.Session, path: str
) -> None:
    response = http.get(f"{hub.base_url}{path}?limit=10000&offset=1000000000", headers=JSON)
    assert response.status_code == 200
    assert response.json() == []


# --- nesting --------------------------------------------------------------------


def test_deeply_nested_json_is_400(hub: HubServer, http: requests.Session) -> None:
    headers = {"Content-Type": DICOM_JSON}
    for body in (b"[" * 100_000, b'{"00404021":' * 50_000):
        response = http.post(f"{hub.base_url}/workitems", data=body, headers=headers)
        assert response.status_code == 400, response.text
        assert "Warning" in response.headers


def nested_sequence(depth: int) -> bytes:
    """A one-dataset DICOM JSON body with ``depth`` nested sequences (valid JSON)."""
    inner = '{"00100020":{"vr":"LO","Value":["P1"]}}'
    text = '{"00404021":{"vr":"SQ","Value":[' * depth + inner + "]}}" * depth
    return f"[{text}]".encode()


def test_sequences_nested_too_deeply_are_400(hub: HubServer, http: requests.Session) -> None:
    url = f"{hub.base_url}/workitems"
    headers = {"Content-Type": DICOM_JSON}
    assert http.post(url, data=nested_sequence(16), headers=headers).status_code == 201
    for depth in (17, 900, 5000):
        response = http.post(url, data=nested_sequence(depth), headers=headers)
        assert response.status_code == 400, (depth, response.text)
        assert "nested" in response.headers["Warning"]


# --- frame lists ----------------------------------------------------------------


def test_frame_lists_are_bounded(hub: HubServer, http: requests.Session) -> None:
    study, series = generate_uid(), generate_uid()
    ds = make_ct(study, series, rows=4, columns=4, frames=3)
    assert stow(http, hub.base_url, [ds]).status_code == 200
    url = f"{hub.base_url}/studies/{study}/series/{series}/instances/{ds.SOPInstanceUID}/frames"
    octet = {"Accept": 'multipart/related; type="application/octet-stream"'}
    assert http.get(f"{url}/1,2,3", headers=octet).status_code == 200
    for frames in ("1," * 3000 + "1", "1,1", "1,2,3,1", "3,3", "1,2,3,4", "0", "1" * 40):
        response = http.get(f"{url}/{frames}", headers=octet)
        assert response.status_code == 400, frames[:20]
        assert response.headers["Warning"].startswith("299 minihub: ")


# --- STOW: one open upload file at a time ------------------------------------

STOW_PARTS = 1200


def test_many_part_stow_keeps_few_files_open(
    fresh_hub: HubServer, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fresh_hub.hub is not None
    tmp = str(fresh_hub.hub.archive.tmp)
    original = Archive.temp_file
    most_open = 0

    def open_uploads() -> int:
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                count += os.readlink(f"/proc/self/fd/{fd}").startswith(tmp)
        return count

    @contextlib.contextmanager
    def counting(self: Archive) -> Iterator[tuple[Path, BinaryIO]]:
        nonlocal most_open
        with original(self) as (path, stream):
            most_open = max(most_open, open_uploads())
            yield path, stream

    monkeypatch.setattr(Archive, "temp_file", counting)
    study, series = generate_uid(), generate_uid()
    datasets = [
        make_ct(study, series, rows=4, columns=4, instance_number=i + 1, seed=i)
        for i in range(STOW_PARTS)
    ]
    response = stow(http, fresh_hub.base_url, datasets)
    assert response.status_code == 200, response.text[:200]
    assert len(response.json()["00081199"]["Value"]) == STOW_PARTS
    assert 1 <= most_open <= 2, most_open
    assert not os.listdir(tmp), "temp files left behind"
    found = http.get(f"{fresh_hub.base_url}/studies/{study}/instances?limit=10000", headers=JSON)
    assert len(found.json()) == STOW_PARTS


def test_stow_of_too_many_parts_is_413(
    fresh_hub: HubServer, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part costs a temporary file until the body has arrived: bounded, and
    nothing stored when the bound is passed."""
    from minihub import dicomweb

    monkeypatch.setattr(dicomweb, "MAX_STOW_PARTS", 5)
    study, series = generate_uid(), generate_uid()
    datasets = [make_ct(study, series, rows=4, columns=4, seed=i) for i in range(6)]
    response = stow(http, fresh_hub.base_url, datasets)
    assert response.status_code == 413
    assert "5 instances" in response.headers["Warning"]
    assert (
        http.get(f"{fresh_hub.base_url}/studies/{study}/instances", headers=JSON).status_code == 404
    )
    assert stow(http, fresh_hub.base_url, datasets[:5]).status_code == 200


def test_stow_over_the_size_limit_is_413_up_front(hub: HubServer) -> None:
    """A declared Content-Length above MAX_STOW_BYTES is refused before the body."""
    parts = urlsplit(hub.base_url)
    head = (
        f"POST {parts.path}/studies HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        'Content-Type: multipart/related; type="application/dicom"; boundary=b\r\n'
        f"Content-Length: {MAX_STOW_BYTES + 1}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=IO_TIMEOUT_S) as sock:
        sock.sendall(head.encode())  # and no body at all
        received = b""
        while b"\r\n" not in received:
            data = sock.recv(4096)
            if not data:
                break
            received += data
    assert received.startswith(b"HTTP/1.1 413 "), received[:80]


# --- compressed pixel data that does not decode --------------------------------


def rle_ct(study: str, series: str, sop: str | None = None, *, corrupt: bool = False) -> Dataset:
    """A 4x4 RLE Lossless CT; ``corrupt`` claims 5 RLE segments where 2 are needed."""
    ds = make_ct(study, series, sop, rows=4, columns=4)
    ds.compress(RLELossless)
    if corrupt:
        data = bytearray(ds.PixelData)
        # Basic Offset Table item (12 bytes), fragment item header (8), then the RLE header.
        assert int.from_bytes(data[20:24], "little") == 2
        data[20:24] = (5).to_bytes(4, "little")
        ds.PixelData = bytes(data)
    return ds


def failure_reasons(response: requests.Response) -> list[int]:
    items = response.json().get("00081198", {}).get("Value", [])
    return [item["00081197"]["Value"][0] for item in items]


def test_undecodable_compressed_instance_is_refused_at_stow(
    hub: HubServer, http: requests.Session
) -> None:
    study, series = generate_uid(), generate_uid()
    bad = rle_ct(study, series, corrupt=True)
    response = stow(http, hub.base_url, [bad])
    assert response.status_code == 409
    assert failure_reasons(response) == [0xC000]
    assert "pixel data cannot be decoded" in response.headers["Warning"]
    assert http.get(f"{hub.base_url}/studies/{study}/instances", headers=JSON).status_code == 404
    good = rle_ct(study, series, bad.SOPInstanceUID)
    response = stow(http, hub.base_url, [good])
    assert response.status_code == 200, response.text


def test_undecodable_jpeg_baseline_is_refused_at_stow(
    hub: HubServer, http: requests.Session
) -> None:
    ds = make_ct(generate_uid(), generate_uid(), rows=4, columns=4)
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    junk = b"\xff\xd8\xff\xdb" + b"\x13" * 60  # SOI, then nonsense
    ds.PixelData = encapsulate([junk])
    ds["PixelData"].VR = "OB"
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    response = stow(http, hub.base_url, [ds])
    assert response.status_code == 409
    assert failure_reasons(response) == [0xC000]
    assert "pixel data cannot be decoded" in response.headers["Warning"]


def corrupt_stored_copy(server: HubServer, study: str, series: str, sop: str) -> None:
    """Damage a stored RLE instance in place, bypassing STOW-RS (legacy data)."""
    assert server.hub is not None
    (stored,) = server.hub.archive.instances(study, series, sop)
    good = rle_ct(study, series, sop)
    bad = rle_ct(study, series, sop, corrupt=True)
    data = stored.path.read_bytes()
    assert data.count(good.PixelData[:32]) == 1
    stored.path.write_bytes(data.replace(good.PixelData[:32], bad.PixelData[:32]))


def test_untranscodable_instance_is_an_error_status_not_a_cut_200(
    fresh_hub: HubServer, http: requests.Session
) -> None:
    study, series = generate_uid(), generate_uid()
    first, second = rle_ct(study, series), rle_ct(study, series)
    assert stow(http, fresh_hub.base_url, [first, second]).status_code == 200
    corrupt_stored_copy(fresh_hub, study, series, second.SOPInstanceUID)
    base = f"{fresh_hub.base_url}/studies/{study}/series/{series}"
    dicom = {"Accept": 'multipart/related; type="application/dicom"'}

    # One instance: the failure is a status with a reason, before any body.
    response = http.get(f"{base}/instances/{second.SOPInstanceUID}", headers=dicom)
    assert response.status_code == 406
    assert "cannot be decoded" in response.headers["Warning"]
    octet = {"Accept": 'multipart/related; type="application/octet-stream"'}
    response = http.get(f"{base}/instances/{second.SOPInstanceUID}/frames/1", headers=octet)
    assert response.status_code == 406
    # Its stored form is still served.
    stored = {"Accept": 'multipart/related; type="application/dicom"; transfer-syntax=*'}
    response = http.get(f"{base}/instances/{second.SOPInstanceUID}", headers=stored)
    assert response.status_code == 200
    assert len(parse_multipart(response)) == 1
    # The good one transcodes.
    response = http.get(f"{base}/instances/{first.SOPInstanceUID}", headers=dicom)
    assert response.status_code == 200
    assert len(parse_multipart(response)) == 1


def test_later_part_failure_aborts_the_response(
    fresh_hub: HubServer, http: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    study, series = generate_uid(), generate_uid()
    datasets = [rle_ct(study, series) for _ in range(3)]
    assert stow(http, fresh_hub.base_url, datasets).status_code == 200
    original = wado.transcode
    calls = 0

    def fails_after_the_first(path: Path) -> bytes:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise ValueError("simulated legacy pixel data")
        return original(path)

    monkeypatch.setattr(wado, "transcode", fails_after_the_first)
    dicom = {"Accept": 'multipart/related; type="application/dicom"'}
    url = f"{fresh_hub.base_url}/studies/{study}/series/{series}"
    with http.get(url, headers=dicom, stream=True) as response:
        assert response.status_code == 200  # the first part was ready: the answer started
        boundary = response.headers["Content-Type"].split("boundary=")[1].strip('"').encode()
        received = bytearray()

        def read_all() -> None:
            for chunk in response.iter_content(65536):
                received.extend(chunk)

        with pytest.raises(requests.exceptions.ChunkedEncodingError):  # aborted, not ended
            read_all()
    assert received.startswith(b"--" + boundary + b"\r\n")
    assert b"--" + boundary + b"--" not in received
    assert received.count(b"--" + boundary) == 1  # the first part only


def test_cut_deflated_instance_is_refused_then_whole_copy_stored(
    hub: HubServer, http: requests.Session
) -> None:
    ds = make_ct(generate_uid(), generate_uid(), rows=16, columns=16)
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    whole = part10(ds)
    body, content_type = stow_body([whole[: len(whole) * 9 // 10]])
    headers = {"Content-Type": content_type, "Accept": DICOM_JSON}
    response = http.post(f"{hub.base_url}/studies", data=body, headers=headers)
    assert response.status_code == 409
    assert failure_reasons(response) == [0xC000]
    response = stow(http, hub.base_url, [ds])
    assert response.status_code == 200
    url = f"{hub.base_url}/studies/{ds.StudyInstanceUID}"
    response = http.get(url, headers={"Accept": 'multipart/related; type="application/dicom"'})
    assert response.status_code == 200
    assert len(parse_multipart(response)) == 1
