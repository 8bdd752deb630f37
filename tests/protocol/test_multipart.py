"""protocol.multipart: the one parser (events and whole parts), media types and writers.

Random chunkings are seeded, hence reproducible. RFC 2046 5.1, RFC 2387.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from protocol.multipart import (
    MultipartBody,
    MultipartError,
    MultipartParser,
    MultipartReader,
    PartData,
    PartEnd,
    PartStart,
    boundary_of,
    iter_parts,
    parse_media_type,
    split_media_ranges,
    write_parts,
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
    media, params = parse_media_type(value)
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


# -- the event parser and the part writer (as the hub uses them) -----------------

BODY = (
    b"preamble to ignore\r\n"
    b"--b0undary\r\n"
    b"Content-Type: application/dicom\r\n"
    b"\r\n"
    b"first\r\n--b0undar part\r\n\r\n"
    b"--b0undary  \r\n"
    b"Content-Type: application/octet-stream\r\n"
    b"Content-Location: x\r\n"
    b"\r\n"
    b"second"
    b"\r\n--b0undary--\r\n"
    b"epilogue"
)


def collect_events(
    chunks: list[bytes], boundary: str = "b0undary"
) -> list[tuple[dict[str, str], bytes]]:
    reader = MultipartParser(boundary)
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in chunks:
        for event in reader.feed(chunk):
            if isinstance(event, PartStart):
                parts.append((dict(event.headers), b""))
            elif isinstance(event, PartData):
                headers, data = parts[-1]
                parts[-1] = (headers, data + event.data)
            else:
                assert isinstance(event, PartEnd)
    reader.finish()
    return parts


@pytest.mark.parametrize("size", [1, 2, 3, 7, 13, 64, len(BODY)])
def test_events_survive_any_chunking(size: int) -> None:
    chunks = [BODY[i : i + size] for i in range(0, len(BODY), size)]
    parts = collect_events(chunks)
    assert parts == [
        ({"content-type": "application/dicom"}, b"first\r\n--b0undar part\r\n"),
        ({"content-type": "application/octet-stream", "content-location": "x"}, b"second"),
    ]


def test_body_may_start_with_the_boundary() -> None:
    parts = collect_events([b"--b\r\n\r\nx\r\n--b--"], "b")
    assert parts == [({}, b"x")]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"--b\r\nContent-Type: a\r\n\r\nhalf a part", id="truncated-part"),
        pytest.param(b"--b\r\nContent-Type: a\r\n", id="truncated-headers"),
        pytest.param(b"no boundary at all", id="no-boundary"),
        pytest.param(b"--b--\r\n", id="no-parts"),
    ],
)
def test_incomplete_bodies_are_malformed(body: bytes) -> None:
    def parse() -> None:
        reader = MultipartParser("b")
        reader.feed(body)
        reader.finish()

    with pytest.raises(MultipartError):
        parse()


def test_garbage_after_boundary_and_bad_header_are_malformed() -> None:
    with pytest.raises(MultipartError):
        MultipartParser("b").feed(b"--bXYZ\r\n\r\n")
    with pytest.raises(MultipartError):
        MultipartParser("b").feed(b"--b\r\nno colon here\r\n\r\n")
    with pytest.raises(MultipartError):
        MultipartParser("")


def test_writer_output_parses_back() -> None:
    parts = [
        ({"Content-Type": "application/dicom"}, iter([b"ab", b"", b"c"])),
        ({"Content-Type": "application/dicom"}, iter([b"--bnd\r\n"])),
    ]
    body = b"".join(write_parts("bnd", parts))
    assert body.endswith(b"--bnd--\r\n")
    assert collect_events([body], "bnd") == [
        ({"content-type": "application/dicom"}, b"abc"),
        ({"content-type": "application/dicom"}, b"--bnd\r\n"),
    ]


def test_media_type_with_uppercase_parameter_and_accept_parsing() -> None:
    media, params = parse_media_type(
        'Multipart/Related; type="application/dicom"; boundary="a;b"; Transfer-Syntax=*'
    )
    assert media == "multipart/related"
    assert params == {"type": "application/dicom", "boundary": "a;b", "transfer-syntax": "*"}
    ranges = split_media_ranges(
        'multipart/related; type="application/dicom"; q=0.5, '
        'multipart/related; type="application/dicom"; transfer-syntax=*, text/html; q=0'
    )
    assert ranges == [
        ("multipart/related", {"type": "application/dicom", "transfer-syntax": "*"}),
        ("multipart/related", {"type": "application/dicom"}),
    ]


@pytest.mark.parametrize("seed", range(100))
def test_event_parser_agrees_with_the_part_reader(seed: int) -> None:
    rng = random.Random(2000 + seed)
    payloads = _payloads(rng)
    body = _body(payloads, preamble=b"preamble\r\n" if seed % 2 else b"")
    chunks = _chunks(body, rng, rng.choice([1, 5, 64, 4096]))
    parsed = collect_events(chunks, BOUNDARY) if payloads else []
    assert [content for _, content in parsed] == payloads


def test_content_streams_out_before_the_part_ends() -> None:
    # STOW-RS writes parts to disk as they arrive: no part is held whole.
    parser = MultipartParser("b")
    events = parser.feed(b"--b\r\n\r\n" + b"x" * 1000)
    assert events[0] == PartStart({})
    assert sum(len(e.data) for e in events if isinstance(e, PartData)) >= 1000 - 4
    assert not any(isinstance(e, PartEnd) for e in events)
    with pytest.raises(MultipartError, match="part 1 is larger than allowed"):
        MultipartParser("b", max_part_bytes=500).feed(b"--b\r\n\r\n" + b"x" * 1000)


def test_whole_parts_come_as_one_piece() -> None:
    parser = MultipartParser("b", whole_parts=True)
    assert parser.feed(b"--b\r\n\r\n" + b"x" * 1000) == [PartStart({})]
    assert parser.feed(b"\r\n--b--") == [PartData(b"x" * 1000), PartEnd()]
    parser.finish()


def test_boundary_length_is_bounded() -> None:
    MultipartParser("x" * 200)
    with pytest.raises(MultipartError, match="invalid multipart boundary"):
        MultipartParser("x" * 201)


def test_body_builder_and_part_writer_write_the_same_bytes() -> None:
    body = MultipartBody([b"one", b"", b"three"], part_type="application/dicom", boundary="bb")
    parts = [
        ({"Content-Type": "application/dicom"}, [payload]) for payload in (b"one", b"", b"three")
    ]
    assert b"".join(body) == b"".join(write_parts("bb", parts))


def test_limits_hold_when_everything_arrives_in_one_chunk() -> None:
    """The header and part-size bounds are checked whatever the chunking: a whole body
    in one chunk gets no more room than one fed byte by byte."""
    from protocol.multipart import MultipartError, MultipartParser

    big_header = b"--b\r\nX-Pad: " + b"a" * 20_000 + b"\r\n\r\ndata\r\n--b--\r\n"
    with pytest.raises(MultipartError, match="headers"):
        MultipartParser("b").feed(big_header)
    big_part = b"--b\r\n\r\n" + b"x" * 100 + b"\r\n--b--\r\n"
    with pytest.raises(MultipartError, match="larger than allowed"):
        MultipartParser("b", max_part_bytes=50).feed(big_part)
    fits = MultipartParser("b", max_part_bytes=100).feed(big_part)
    assert b"".join(e.data for e in fits if hasattr(e, "data")) == b"x" * 100
