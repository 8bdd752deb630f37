"""Streaming ``multipart/related`` (RFC 2387) for DICOMweb bodies.

STOW-RS uploads (PS3.18 10.5) and WADO-RS responses (PS3.18 10.4) are
``multipart/related`` bodies. Neither side ever holds a whole body in memory:

* :class:`MultipartReader` is a push parser: feed it the request body chunk by
  chunk and it returns events (part headers, part data, part end). It raises
  :class:`MalformedMultipart` when the body is not valid multipart, including
  a body that ends before its closing delimiter (a truncated upload).
* :func:`write_parts` is a generator turning ``(headers, chunks)`` parts into
  the bytes of a body, lazily, for a streaming HTTP response.

Media-type helpers (:func:`parse_media_type`, :func:`split_media_ranges`)
parse ``Content-Type`` and ``Accept`` values with quoted parameters.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

CRLF = b"\r\n"
MAX_HEADER_BYTES = 16 * 1024


class MalformedMultipart(ValueError):
    """The body is not a well-formed multipart body."""


@dataclass(frozen=True)
class PartStart:
    """A new part begins; ``headers`` have lower-cased names."""

    headers: Mapping[str, str]


@dataclass(frozen=True)
class PartData:
    """A piece of the current part's content."""

    data: bytes


@dataclass(frozen=True)
class PartEnd:
    """The current part is complete."""


Event = PartStart | PartData | PartEnd


def parse_media_type(value: str) -> tuple[str, dict[str, str]]:
    """``'multipart/related; type="application/dicom"; boundary=x'`` →
    ``('multipart/related', {'type': 'application/dicom', 'boundary': 'x'})``.

    The media type and parameter names are lower-cased (RFC 9110 8.3.1);
    quoted parameter values are unquoted.
    """
    pieces = _split_outside_quotes(value, ";")
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


def split_media_ranges(accept: str) -> list[tuple[str, dict[str, str]]]:
    """Split an ``Accept`` header into media ranges, highest ``q`` first.

    Ranges keep their order among equal ``q`` values (the client's preference
    order, PS3.18 8.3.3.1). Ranges with ``q=0`` are dropped.
    """
    ranges: list[tuple[float, int, str, dict[str, str]]] = []
    for index, piece in enumerate(_split_outside_quotes(accept, ",")):
        if not piece.strip():
            continue
        media_type, params = parse_media_type(piece)
        try:
            quality = float(params.pop("q", "1"))
        except ValueError:
            quality = 1.0
        if quality <= 0:
            continue
        ranges.append((-quality, index, media_type, params))
    ranges.sort()
    return [(media_type, params) for _, _, media_type, params in ranges]


def _split_outside_quotes(value: str, separator: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    escaped = False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


class MultipartReader:
    """Push parser for a multipart body with a known ``boundary``.

    Call :meth:`feed` with each chunk of the body and handle the returned
    events in order, then :meth:`close` once the body has ended. The preamble
    and the epilogue are ignored (RFC 2046 5.1.1).
    """

    def __init__(self, boundary: str) -> None:
        if not boundary or len(boundary) > 200:
            raise MalformedMultipart("missing or invalid multipart boundary")
        self._dash_boundary = b"--" + boundary.encode("latin-1")
        # Inside a part, the delimiter is CRLF "--" boundary.
        self._delimiter = CRLF + self._dash_boundary
        self._buffer = bytearray()
        self._state = "preamble"
        self._parts = 0

    @property
    def finished(self) -> bool:
        """Whether the closing delimiter has been seen."""
        return self._state == "epilogue"

    def feed(self, chunk: bytes) -> list[Event]:
        """Parse ``chunk``; returns the events it completes."""
        if self._state == "epilogue":
            return []
        self._buffer += chunk
        events: list[Event] = []
        while True:
            if self._state == "preamble" and not self._parse_preamble():
                break
            if self._state == "after_delimiter" and not self._parse_after_delimiter(events):
                break
            if self._state == "headers" and not self._parse_headers(events):
                break
            if self._state == "body" and not self._parse_body(events):
                break
            if self._state == "epilogue":
                self._buffer.clear()
                break
        return events

    def close(self) -> None:
        """Declare the end of the body; raises if it ended too early."""
        if self._state != "epilogue":
            raise MalformedMultipart("multipart body ended before its closing delimiter")
        if self._parts == 0:
            raise MalformedMultipart("multipart body has no parts")

    def _parse_preamble(self) -> bool:
        # The first boundary may start the body without a leading CRLF.
        if self._buffer.startswith(self._dash_boundary):
            del self._buffer[: len(self._dash_boundary)]
            self._state = "after_delimiter"
            return True
        index = self._buffer.find(self._delimiter)
        if index < 0:
            keep = len(self._delimiter)
            if len(self._buffer) > keep:
                del self._buffer[:-keep]
            return False
        del self._buffer[: index + len(self._delimiter)]
        self._state = "after_delimiter"
        return True

    def _parse_after_delimiter(self, events: list[Event]) -> bool:
        if len(self._buffer) < 2:
            return False
        if self._buffer.startswith(b"--"):
            self._state = "epilogue"
            return True
        # Transport padding (linear white space) may follow the boundary.
        line_end = self._buffer.find(CRLF)
        if line_end < 0:
            if len(self._buffer) > 256:
                raise MalformedMultipart("garbage after a multipart boundary")
            return False
        if self._buffer[:line_end].strip(b" \t"):
            raise MalformedMultipart("garbage after a multipart boundary")
        del self._buffer[: line_end + 2]
        self._state = "headers"
        return True

    def _parse_headers(self, events: list[Event]) -> bool:
        if self._buffer.startswith(CRLF):
            end, skip = 0, 2  # a part without headers
        else:
            end = self._buffer.find(CRLF + CRLF)
            skip = 4
            if end < 0:
                if len(self._buffer) > MAX_HEADER_BYTES:
                    raise MalformedMultipart("multipart part headers too long")
                return False
        raw = bytes(self._buffer[:end])
        del self._buffer[: end + skip]
        headers: dict[str, str] = {}
        for line in raw.split(CRLF):
            if not line:
                continue
            name, sep, value = line.decode("latin-1").partition(":")
            if not sep or not name.strip():
                raise MalformedMultipart("malformed multipart part header")
            headers[name.strip().lower()] = value.strip()
        events.append(PartStart(headers))
        self._parts += 1
        self._state = "body"
        return True

    def _parse_body(self, events: list[Event]) -> bool:
        index = self._buffer.find(self._delimiter)
        if index < 0:
            # Keep a tail that could be the start of a delimiter.
            safe = len(self._buffer) - len(self._delimiter)
            if safe > 0:
                events.append(PartData(bytes(self._buffer[:safe])))
                del self._buffer[:safe]
            return False
        if index:
            events.append(PartData(bytes(self._buffer[:index])))
        events.append(PartEnd())
        del self._buffer[: index + len(self._delimiter)]
        self._state = "after_delimiter"
        return True


def new_boundary() -> str:
    """A random boundary that cannot occur by chance in DICOM content."""
    return "minihub-" + secrets.token_hex(16)


def write_parts(
    boundary: str, parts: Iterable[tuple[Mapping[str, str], Iterable[bytes]]]
) -> Iterator[bytes]:
    """Yield a multipart body, part by part and chunk by chunk.

    Each part is ``(headers, chunks)``; ``chunks`` is consumed lazily so a
    file can be streamed without reading it whole.
    """
    dash = b"--" + boundary.encode("ascii")
    for headers, chunks in parts:
        head = dash + CRLF
        for name, value in headers.items():
            head += f"{name}: {value}".encode("latin-1") + CRLF
        yield head + CRLF
        for chunk in chunks:
            if chunk:
                yield chunk
        yield CRLF
    yield dash + b"--" + CRLF
