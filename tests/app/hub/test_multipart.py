"""The streaming multipart parser, fed in random chunkings (seeded, reproducible)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.hub.multipart import (
    MultipartBody,
    MultipartError,
    MultipartReader,
    boundary_of,
    iter_parts,
    parse_content_type,
)

BOUNDARY = "b0undary-xyz"


def _body(payloads: list[bytes], boundary: str = BOUNDARY, *, preamble: bytes = b"") -> bytes:
    out = [preamble]
    for payload in payloads:
        out.append(f"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n".encode())
        out.append(payload)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\nepilogue ignored".encode())
    return b"".join(out)


def _chunks(data: bytes, rng: random.Random, max_size: int) -> list[bytes]:
    out, at = [], 0
    while at < len(data):
        size = rng.randint(1, max_size)
        out.append(data[at : at + size])
        at += size
    return out


def _payloads(rng: random.Random) -> list[bytes]:
    # Payloads full of near-boundaries: CRLF, dashes, the boundary's prefix.
    tricky = [b"\r\n", b"--", b"\r\n--", f"\r\n--{BOUNDARY[:-1]}".encode(), b"\r", b"-"]
    delimiter = f"\r\n--{BOUNDARY}".encode()
    payloads: list[bytes] = []
    count = rng.randint(0, 6)
    while len(payloads) < count:
        pieces = [
            rng.choice(tricky) if rng.random() < 0.3 else rng.randbytes(rng.randint(0, 40))
            for _ in range(rng.randint(0, 30))
        ]
        payload = b"".join(pieces)
        # RFC 2046: the delimiter never occurs inside a part (nor at its start).
        framed = b"\r\n" + payload + delimiter
        if framed.find(delimiter) == len(payload) + 2:
            payloads.append(payload)
    return payloads


@pytest.mark.parametrize("seed", range(300))
def test_random_chunkings_give_back_every_part(seed: int) -> None:
    rng = random.Random(seed)
    payloads = _payloads(rng)
    body = _body(payloads, preamble=b"preamble text\r\n" if seed % 3 == 0 else b"")
    chunks = _chunks(body, rng, rng.choice([1, 2, 3, 7, 64, 4096]))
    parts = list(iter_parts(chunks, BOUNDARY))
    assert [p.body for p in parts] == payloads
    assert all(p.content_type == "application/dicom" for p in parts)


@pytest.mark.parametrize("seed", range(100))
def test_truncation_anywhere_is_detected(seed: int) -> None:
    rng = random.Random(1000 + seed)
    payloads = [rng.randbytes(rng.randint(1, 300)) for _ in range(rng.randint(1, 4))]
    body = _body(payloads)
    closing = body.index(f"--{BOUNDARY}--".encode())
    cut = rng.randint(0, closing + len(BOUNDARY) + 3)  # before the closing "--" is complete
    with pytest.raises(MultipartError):
        list(iter_parts(_chunks(body[:cut], rng, 17), BOUNDARY))


def test_truncated_message_names_the_part() -> None:
    body = _body([b"A" * 100, b"B" * 100])
    cut = body.index(b"B" * 50)
    with pytest.raises(MultipartError, match=r"part 2 .*truncated"):
        list(iter_parts([body[:cut]], BOUNDARY))


def test_parts_come_out_before_the_body_ends() -> None:
    reader = MultipartReader(BOUNDARY)
    body = _body([b"first", b"second"])
    second = body.index(b"second")
    assert [p.body for p in reader.feed(body[:second])] == [b"first"]
    assert [p.body for p in reader.feed(body[second:])] == [b"second"]
    reader.finish()
    assert reader.parts_read == 2


def test_part_without_headers_and_folded_headers() -> None:
    body = (
        f"--{BOUNDARY}\r\n\r\nno headers\r\n"
        f"--{BOUNDARY}\r\nContent-Type: application/dicom;\r\n transfer-syntax=1.2\r\n"
        f"Content-Location: /x\r\n\r\nfolded\r\n--{BOUNDARY}--"
    ).encode()
    parts = list(iter_parts([body], BOUNDARY))
    assert parts[0].headers == {} and parts[0].body == b"no headers"
    assert parts[1].content_type == "application/dicom; transfer-syntax=1.2"
    assert parts[1].headers["content-location"] == "/x"


def test_transport_padding_after_delimiter_is_allowed() -> None:
    body = f"--{BOUNDARY}  \t\r\n\r\nx\r\n--{BOUNDARY}--".encode()
    assert [p.body for p in iter_parts([body], BOUNDARY)] == [b"x"]


def test_empty_multipart_has_no_parts() -> None:
    assert list(iter_parts([f"--{BOUNDARY}--\r\n".encode()], BOUNDARY)) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "no multipart boundary"),
        (b"<html>not multipart</html>", "no multipart boundary"),
        (f"--{BOUNDARY}junk\r\n\r\nx\r\n--{BOUNDARY}--".encode(), "malformed multipart delimiter"),
        (f"--{BOUNDARY}\r\nno colon here\r\n\r\nx\r\n--{BOUNDARY}--".encode(), "header line"),
        (f"--{BOUNDARY}\r\nA: b\r\n".encode(), "headers of part 1"),
        (f"--{BOUNDARY}\r\n\r\nx\r\n--{BOUNDARY}\r\n".encode(), "cut off inside the headers"),
    ],
)
def test_malformed_bodies_are_reported(body: bytes, message: str) -> None:
    with pytest.raises(MultipartError, match=message):
        list(iter_parts([body], BOUNDARY))


def test_endless_headers_are_refused_without_buffering_forever() -> None:
    reader = MultipartReader(BOUNDARY, max_header_bytes=100)
    reader.feed(f"--{BOUNDARY}\r\n".encode())
    with pytest.raises(MultipartError, match="no end to its headers"):
        reader.feed(b"X: " + b"y" * 200)


def test_part_size_limit() -> None:
    reader = MultipartReader(BOUNDARY, max_part_bytes=50)
    with pytest.raises(MultipartError, match="larger than allowed"):
        reader.feed(f"--{BOUNDARY}\r\n\r\n".encode() + b"z" * 200)


def test_one_large_part_in_tiny_chunks() -> None:
    # 3-byte chunks of a 512 kB part: each feed scans only the new bytes (plus
    # a delimiter's length), so this stays linear rather than quadratic.
    payload = bytes(range(256)) * 2000  # 512 kB
    body = _body([payload])
    reader = MultipartReader(BOUNDARY)
    parts = []
    for i in range(0, len(body), 3):
        parts.extend(reader.feed(body[i : i + 3]))
    reader.finish()
    assert parts[0].body == payload


def test_content_type_parsing() -> None:
    value = 'Multipart/Related; type="application/dicom"; Boundary="a;b"; transfer-syntax=*'
    media, params = parse_content_type(value)
    assert media == "multipart/related"
    assert params == {"type": "application/dicom", "boundary": "a;b", "transfer-syntax": "*"}
    assert boundary_of(value) == "a;b"
    with pytest.raises(MultipartError, match="expected a multipart"):
        boundary_of("application/dicom+json")
    with pytest.raises(MultipartError, match="no valid boundary"):
        boundary_of("multipart/related; type=application/dicom")


def test_body_builder_round_trips_and_knows_its_length(tmp_path: Path) -> None:
    rng = random.Random(7)
    files = []
    for i in range(3):
        path = tmp_path / f"{i}.bin"
        path.write_bytes(rng.randbytes(rng.randint(0, 5000)))
        files.append(path)
    body = MultipartBody([b"in memory", *files], part_type="application/dicom", chunk_size=999)
    data = b"".join(body)
    assert len(data) == len(body)
    assert b"".join(body) == data  # iterating again sends the same bytes (retries)
    parts = list(iter_parts(_chunks(data, rng, 100), body.boundary))
    assert [p.body for p in parts] == [b"in memory", *(f.read_bytes() for f in files)]
    assert boundary_of(body.content_type) == body.boundary


def test_body_builder_notices_a_file_that_changed(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 10)
    body = MultipartBody([path], part_type="application/dicom")
    path.write_bytes(b"x" * 20)
    with pytest.raises(MultipartError, match="changed size"):
        b"".join(body)
