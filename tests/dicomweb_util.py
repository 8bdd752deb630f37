"""Test-only DICOMweb wire helpers: STOW bodies, multipart parsing, raw queries.

Kept deliberately independent of the application's hub client so that the
contract tests check the servers against the standard (PS3.18), not against
our own client code.
"""

from __future__ import annotations

import http.client
import io
import json
import secrets
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydicom
from pydicom.dataset import Dataset

DICOM = "application/dicom"
DICOM_JSON = "application/dicom+json"
OCTET = "application/octet-stream"


def dataset_bytes(ds: Dataset) -> bytes:
    """A Part 10 file (preamble, meta, dataset) as bytes, encoding unchanged."""
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    """``'multipart/related; type="application/dicom"; boundary=x'`` →
    ``('multipart/related', {'type': 'application/dicom', 'boundary': 'x'})``.

    Media type and parameter names are lower-cased (RFC 7231 §3.1.1.1: they
    are case-insensitive); quoted values are unquoted.
    """
    pieces = _split_params(value)
    media_type = pieces[0].strip().lower()
    params: dict[str, str] = {}
    for piece in pieces[1:]:
        name, sep, raw = piece.partition("=")
        if not sep:
            continue
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1].replace('\\"', '"')
        params[name.strip().lower()] = raw
    return media_type, params


def _split_params(value: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


def encode_multipart(
    parts: Sequence[bytes],
    *,
    part_type: str = DICOM,
    boundary: str | None = None,
    part_headers: Sequence[Mapping[str, str]] | None = None,
) -> tuple[bytes, str]:
    """A multipart/related body (RFC 2387) and its Content-Type header value.

    Every part gets ``Content-Type: part_type`` unless ``part_headers`` gives
    that part's own headers.
    """
    boundary = boundary or f"strokelink-{secrets.token_hex(12)}"
    chunks: list[bytes] = []
    for index, payload in enumerate(parts):
        headers = dict(part_headers[index]) if part_headers else {"Content-Type": part_type}
        chunks.append(f"--{boundary}\r\n".encode())
        for name, value in headers.items():
            chunks.append(f"{name}: {value}\r\n".encode())
        chunks.append(b"\r\n")
        chunks.append(payload)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    content_type = f'multipart/related; type="{part_type}"; boundary={boundary}'
    return b"".join(chunks), content_type


def stow_body(datasets: Iterable[Dataset | bytes]) -> tuple[bytes, str]:
    """STOW-RS request body (PS3.18 §10.5.1.2) for Part 10 datasets or bytes."""
    payloads = [d if isinstance(d, bytes) else dataset_bytes(d) for d in datasets]
    return encode_multipart(payloads, part_type=DICOM)


@dataclass
class Part:
    """One body part of a multipart message."""

    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def dataset(self) -> Dataset:
        return pydicom.dcmread(io.BytesIO(self.body))


class MultipartError(ValueError):
    """The bytes are not a well-formed multipart body."""


def iter_multipart(chunks: Iterable[bytes], boundary: str) -> Iterator[Part]:
    """Parse a multipart body incrementally, yielding each part as it completes.

    ``chunks`` may split the stream anywhere (``response.iter_content()``).
    Strict enough for contract tests: the closing delimiter must be present.
    """
    delimiter = b"--" + boundary.encode()
    buffer = b""
    stream = iter(chunks)
    started = False
    closed = False
    for chunk in stream:
        buffer += chunk
        if not started:
            start = buffer.find(delimiter)
            if start < 0:
                continue
            buffer = buffer[start + len(delimiter) :]
            started = True
        while True:
            if buffer.startswith(b"--"):
                closed = True
                break
            end = buffer.find(b"\r\n" + delimiter)
            if end < 0:
                break
            yield _parse_part(buffer[:end])
            buffer = buffer[end + 2 + len(delimiter) :]
        if closed:
            break
    if not closed:
        raise MultipartError("multipart body ended without its closing delimiter")


def _parse_part(raw: bytes) -> Part:
    # raw = (transport padding) CRLF headers CRLF CRLF body
    line_end = raw.find(b"\r\n")
    if line_end < 0:
        raise MultipartError("part without a header block")
    raw = raw[line_end + 2 :]
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        if raw.startswith(b"\r\n"):  # no headers at all
            return Part({}, raw[2:])
        raise MultipartError("part headers not terminated by an empty line")
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n"):
        name, colon, value = line.partition(":")
        if not colon:
            raise MultipartError(f"malformed part header line {line!r}")
        headers[name.strip().lower()] = value.strip()
    return Part(headers, body)


def parse_multipart(body: bytes, content_type: str, chunk_size: int = 65536) -> list[Part]:
    """All parts of a complete multipart body, given its Content-Type header."""
    media_type, params = parse_content_type(content_type)
    if not media_type.startswith("multipart/"):
        raise MultipartError(f"not a multipart content type: {content_type!r}")
    if "boundary" not in params:
        raise MultipartError(f"no boundary in {content_type!r}")
    chunks = (body[i : i + chunk_size] for i in range(0, len(body), chunk_size))
    return list(iter_multipart(chunks, params["boundary"]))


@dataclass
class RawResponse:
    """What :func:`raw_get` got back (status, headers, body)."""

    status_code: int
    headers: http.client.HTTPMessage
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


def raw_get(
    url: str, query: str = "", headers: Mapping[str, str] | None = None, timeout: float = 30.0
) -> RawResponse:
    """GET with the query string sent byte for byte as given.

    ``requests``/urllib3 percent-encode ``^`` (and other characters) in
    query strings; QIDO-RS matching keys such as ``PatientName=DOE^JOHN`` or
    ``DOE*`` need to reach the server exactly as a client like ours would
    send them, so this goes through :mod:`http.client` directly.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname != "127.0.0.1":
        raise ValueError(f"raw_get only talks to http://127.0.0.1, not {url!r}")
    target = parts.path + (f"?{query}" if query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", target, headers=dict(headers or {}))
        answer = connection.getresponse()
        return RawResponse(answer.status, answer.headers, answer.read())
    finally:
        connection.close()


def tag_value(item: Mapping[str, Any], tag: str) -> Any:
    """First value of ``tag`` (``'0020000D'``) in a DICOM JSON object, or None."""
    element = item.get(tag)
    if not element:
        return None
    values = element.get("Value")
    if not values:
        return None
    return values[0]


def tag_values(item: Mapping[str, Any], tag: str) -> list[Any]:
    """All values of ``tag`` in a DICOM JSON object ([] when absent/empty)."""
    element = item.get(tag) or {}
    return list(element.get("Value") or [])
