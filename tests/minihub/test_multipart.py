"""The streaming multipart/related parser and writer (RFC 2046 5.1, RFC 2387)."""

from __future__ import annotations

import pytest

from minihub.multipart import (
    MalformedMultipart,
    MultipartReader,
    PartData,
    PartEnd,
    PartStart,
    parse_media_type,
    split_media_ranges,
    write_parts,
)

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


def collect(chunks: list[bytes], boundary: str = "b0undary") -> list[tuple[dict[str, str], bytes]]:
    reader = MultipartReader(boundary)
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
    reader.close()
    return parts


@pytest.mark.parametrize("size", [1, 2, 3, 7, 13, 64, len(BODY)])
def test_parts_survive_any_chunking(size: int) -> None:
    chunks = [BODY[i : i + size] for i in range(0, len(BODY), size)]
    parts = collect(chunks)
    assert parts == [
        ({"content-type": "application/dicom"}, b"first\r\n--b0undar part\r\n"),
        ({"content-type": "application/octet-stream", "content-location": "x"}, b"second"),
    ]


def test_body_may_start_with_the_boundary() -> None:
    parts = collect([b"--b\r\n\r\nx\r\n--b--"], "b")
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
        reader = MultipartReader("b")
        reader.feed(body)
        reader.close()

    with pytest.raises(MalformedMultipart):
        parse()


def test_garbage_after_boundary_and_bad_header_are_malformed() -> None:
    with pytest.raises(MalformedMultipart):
        MultipartReader("b").feed(b"--bXYZ\r\n\r\n")
    with pytest.raises(MalformedMultipart):
        MultipartReader("b").feed(b"--b\r\nno colon here\r\n\r\n")
    with pytest.raises(MalformedMultipart):
        MultipartReader("")


def test_writer_output_parses_back() -> None:
    parts = [
        ({"Content-Type": "application/dicom"}, iter([b"ab", b"", b"c"])),
        ({"Content-Type": "application/dicom"}, iter([b"--bnd\r\n"])),
    ]
    body = b"".join(write_parts("bnd", parts))
    assert body.endswith(b"--bnd--\r\n")
    assert collect([body], "bnd") == [
        ({"content-type": "application/dicom"}, b"abc"),
        ({"content-type": "application/dicom"}, b"--bnd\r\n"),
    ]


def test_media_type_and_accept_parsing() -> None:
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
