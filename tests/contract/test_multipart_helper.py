"""The test-only multipart helper itself (no server involved)."""

from __future__ import annotations

import pytest

from tests.dicomweb_util import (
    MultipartError,
    encode_multipart,
    parse_content_type,
    parse_multipart,
)


def test_content_type_parameters_are_unquoted_and_case_insensitive() -> None:
    value = 'Multipart/Related; Type="application/dicom; transfer-syntax=*"; boundary=a;b=c'
    kind, params = parse_content_type(value)
    assert kind == "multipart/related"
    assert params == {"type": "application/dicom; transfer-syntax=*", "boundary": "a", "b": "c"}


@pytest.mark.parametrize("chunk_size", [1, 5, 64, 1 << 16])
def test_parts_survive_any_chunking(chunk_size: int) -> None:
    payloads = [b"first\r\n--not-a-boundary", b"", b"\x00\xff" * 100]
    body, content_type = encode_multipart(payloads, part_type="application/octet-stream")
    parts = parse_multipart(body, content_type, chunk_size=chunk_size)
    assert [p.body for p in parts] == payloads
    assert all(p.content_type == "application/octet-stream" for p in parts)


def test_a_body_without_its_closing_delimiter_is_an_error() -> None:
    body, content_type = encode_multipart([b"abc"])
    with pytest.raises(MultipartError):
        parse_multipart(body[: body.rindex(b"--") - 10], content_type)
