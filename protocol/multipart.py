"""multipart/related bodies (RFC 2046 §5.1, RFC 2387), as DICOMweb uses them.

WADO-RS answers a whole series as one ``multipart/related;
type="application/dicom"`` body (PS3.18 8.7.3.3) and STOW-RS takes one
(PS3.18 10.5.1.2); the client and the hub read and write them with this one
module. It is pure: no network, no DICOM, standard library only.

- :class:`MultipartParser` is the one parser: a push parser fed the body in
  chunks split anywhere (even inside a boundary), returning events
  (:class:`PartStart`, :class:`PartData`, :class:`PartEnd`) so that a part need
  not be held whole (STOW-RS writes each part straight to disk). The work is
  O(n) in the body size: every byte is scanned a bounded number of times. The
  header block is bounded; a body that breaks the syntax, or ends before its
  closing delimiter (a truncated transfer), raises :class:`MultipartError`
  saying which part failed and how.
- :class:`MultipartReader` / :func:`iter_parts` collect its events into whole
  :class:`Part` objects (the client, which decodes each instance whole).
- :func:`write_parts` streams a body from ``(headers, chunks)`` parts;
  :class:`MultipartBody` is a request body streamed from bytes and files with
  a known ``Content-Length``, re-iterable so that a retry can send it again.
- :func:`parse_media_type`, :func:`split_media_ranges` and :func:`boundary_of`
  read ``Content-Type`` and ``Accept`` values with quoted parameters.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CRLF = b"\r\n"
MAX_HEADER_BYTES = 16 * 1024
#: RFC 2046 allows 70 characters; readers accept up to this many.
MAX_BOUNDARY_CHARS = 200
_LWSP = b" \t"
_MAX_PADDING = 1024  # transport padding after a delimiter, before its CRLF


class MultipartError(ValueError):
    """The bytes are not a complete, well-formed multipart body."""


# -- media types -----------------------------------------------------------------------


def parse_media_type(value: str) -> tuple[str, dict[str, str]]:
    """``'multipart/related; type="application/dicom"; boundary=x'`` →
    ``('multipart/related', {'type': 'application/dicom', 'boundary': 'x'})``.

    The media type and parameter names are lower-cased (RFC 9110 8.3.1);
    quoted parameter values are unquoted; ``;`` inside quotes is not a
    separator.
    """
    pieces = _split_outside_quotes(value, ";")
    params: dict[str, str] = {}
    for piece in pieces[1:]:
        name, sep, raw = piece.partition("=")
        if not sep:
            continue
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1].replace('\\"', '"')
        params[name.strip().lower()] = raw
    return pieces[0].strip().lower(), params


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


def boundary_of(content_type: str) -> str:
    """The ``boundary`` parameter of a multipart Content-Type, or MultipartError."""
    media_type, params = parse_media_type(content_type)
    if not media_type.startswith("multipart/"):
        raise MultipartError(f"expected a multipart answer, got {media_type or 'no content type'}")
    boundary = params.get("boundary", "")
    if not boundary or len(boundary) > 70:
        raise MultipartError("the multipart answer has no valid boundary parameter")
    return boundary


# -- the parser ------------------------------------------------------------------------


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
_PART_END = PartEnd()


class MultipartParser:
    """Push parser for a multipart body with a known ``boundary``.

    Call :meth:`feed` with each chunk of the body and handle the returned
    events in order, then :meth:`finish` once the body has ended. The preamble
    and the epilogue are ignored (RFC 2046 5.1.1).

    >>> parser = MultipartParser("b")
    >>> parser.feed(b"--b\\r\\n\\r\\nhello\\r\\n--b--")
    [PartStart(headers={}), PartData(data=b'hello'), PartEnd()]
    >>> parser.finish()

    ``max_header_bytes`` bounds a part's header block, so that garbage without
    the blank line ending the headers is reported instead of buffered forever;
    ``max_part_bytes`` (optional) bounds a single part's content.
    ``whole_parts``: hold each part's content until its end and hand it over
    as one :class:`PartData` (one copy, for a caller that wants whole parts);
    otherwise content comes out as soon as it cannot be part of a delimiter.
    """

    _PREAMBLE, _DELIMITER, _HEADERS, _BODY, _CLOSED = range(5)

    def __init__(
        self,
        boundary: str,
        *,
        max_header_bytes: int = MAX_HEADER_BYTES,
        max_part_bytes: int | None = None,
        whole_parts: bool = False,
    ) -> None:
        if not boundary or len(boundary) > MAX_BOUNDARY_CHARS:
            raise MultipartError("missing or invalid multipart boundary")
        self._delimiter = CRLF + b"--" + boundary.encode("latin-1")
        # The body's first delimiter may sit at offset 0, without a CRLF in
        # front: a virtual CRLF makes it look like every later one.
        self._buffer = bytearray(CRLF)
        self._state = self._PREAMBLE
        self._scan_from = 0  # in a part: bytes before this hold no delimiter start
        self._emitted = 0  # in a part: content bytes already handed out
        self._max_header_bytes = max_header_bytes
        self._max_part_bytes = max_part_bytes
        self._whole_parts = whole_parts
        self.parts_started = 0

    @property
    def closed(self) -> bool:
        """True once the closing delimiter has been seen."""
        return self._state == self._CLOSED

    def feed(self, data: bytes) -> list[Event]:
        """Add received bytes; return the events they complete (maybe none)."""
        if self._state == self._CLOSED:
            return []  # the epilogue is ignored (RFC 2046 §5.1.1)
        self._buffer += data
        events: list[Event] = []
        while self._step(events):
            pass
        return events

    def finish(self, *, allow_empty: bool = False) -> None:
        """Declare the end of the body: raise if it was not complete.

        RFC 2046 requires at least one part; ``allow_empty`` accepts a body of
        just the closing delimiter.
        """
        part = self.parts_started
        if self._state == self._CLOSED:
            if part == 0 and not allow_empty:
                raise MultipartError("the multipart body has no parts")
            return
        if self._state == self._PREAMBLE:
            raise MultipartError("the body contains no multipart boundary (empty or not multipart)")
        if self._state == self._BODY:
            raise MultipartError(f"the multipart body was cut off inside part {part} (truncated)")
        if self._state == self._HEADERS:
            raise MultipartError(
                f"the multipart body was cut off inside the headers of part {part + 1}"
            )
        raise MultipartError("the body ended without its closing multipart delimiter")

    # -- the state machine -------------------------------------------------------------

    def _step(self, events: list[Event]) -> bool:
        """Advance one state if the buffer allows; False when more bytes are needed."""
        if self._state == self._BODY:
            return self._read_body(events)
        if self._state == self._DELIMITER:
            return self._after_delimiter()
        if self._state == self._HEADERS:
            return self._read_headers(events)
        if self._state == self._PREAMBLE:
            return self._skip_preamble()
        return False

    def _skip_preamble(self) -> bool:
        buf, delim = self._buffer, self._delimiter
        at = buf.find(delim)
        if at < 0:
            keep = len(delim) - 1  # a delimiter may straddle the next chunk
            if len(buf) > keep:
                del buf[: len(buf) - keep]
            return False
        del buf[: at + len(delim)]
        self._state = self._DELIMITER
        return True

    def _after_delimiter(self) -> bool:
        buf = self._buffer
        if len(buf) < 2:
            return False
        if buf[:2] == b"--":
            self._state = self._CLOSED
            buf.clear()
            return False
        end = buf.find(CRLF)
        if end < 0:
            if len(buf) > _MAX_PADDING or buf.rstrip(b"\r").strip(_LWSP):
                raise MultipartError(
                    f"malformed multipart delimiter before part {self.parts_started + 1}"
                )
            return False
        if buf[:end].strip(_LWSP):
            raise MultipartError(
                f"malformed multipart delimiter before part {self.parts_started + 1}"
            )
        del buf[: end + 2]
        self._state = self._HEADERS
        return True

    def _read_headers(self, events: list[Event]) -> bool:
        buf = self._buffer
        index = self.parts_started + 1
        if buf[:2] == CRLF:  # a part with no header fields at all
            headers: dict[str, str] = {}
            del buf[:2]
        else:
            end = buf.find(CRLF + CRLF)
            if end < 0 or end > self._max_header_bytes:
                if end > self._max_header_bytes or len(buf) > self._max_header_bytes:
                    raise MultipartError(f"part {index} has no end to its headers (malformed)")
                return False
            headers = _parse_headers(bytes(buf[:end]), index)
            del buf[: end + 4]
        self.parts_started = index
        events.append(PartStart(headers))
        self._state = self._BODY
        self._scan_from = self._emitted = 0
        return True

    def _read_body(self, events: list[Event]) -> bool:
        buf, delim = self._buffer, self._delimiter
        at = buf.find(delim, self._scan_from)
        if at >= 0:
            if self._max_part_bytes is not None and self._emitted + at > self._max_part_bytes:
                raise MultipartError(f"part {self.parts_started} is larger than allowed")
            if at:
                with memoryview(buf) as view:
                    events.append(PartData(bytes(view[:at])))
            del buf[: at + len(delim)]
            events.append(_PART_END)
            self._state = self._DELIMITER
            return True
        safe = len(buf) - len(delim) + 1  # bytes that cannot start a delimiter
        if safe <= 0:
            return False
        if self._max_part_bytes is not None and self._emitted + safe > self._max_part_bytes:
            raise MultipartError(f"part {self.parts_started} is larger than allowed")
        if self._whole_parts:
            self._scan_from = safe
        else:
            events.append(PartData(bytes(buf[:safe])))
            del buf[:safe]
            self._emitted += safe
        return False


def _parse_headers(block: bytes, index: int) -> dict[str, str]:
    headers: dict[str, str] = {}
    last = ""
    for line in block.decode("latin-1").split("\r\n"):
        if line[:1] in (" ", "\t") and last:  # obsolete line folding
            headers[last] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or not name or any(c in name for c in " \t"):
            raise MultipartError(f"part {index} has a malformed header line")
        headers[name] = value.strip()
        last = name
    return headers


# -- whole parts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One body part: its header fields (names lower-cased) and its payload."""

    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        """The part's ``Content-Type`` ('' when the part has none)."""
        return self.headers.get("content-type", "")


class MultipartReader:
    """Incremental reader of whole parts: :meth:`feed` bytes, collect finished parts.

    >>> reader = MultipartReader("b")
    >>> [p.body for p in reader.feed(b"--b\\r\\n\\r\\nhello\\r\\n--b--")]
    [b'hello']
    >>> reader.finish()

    Each part comes out as soon as its closing delimiter has been seen; only
    the part being received is held. Limits as for :class:`MultipartParser`.
    A body with no parts at all is accepted.
    """

    def __init__(
        self,
        boundary: str,
        *,
        max_header_bytes: int = MAX_HEADER_BYTES,
        max_part_bytes: int | None = None,
    ) -> None:
        self._parser = MultipartParser(
            boundary,
            max_header_bytes=max_header_bytes,
            max_part_bytes=max_part_bytes,
            whole_parts=True,
        )
        self._headers: Mapping[str, str] = {}
        self._body = b""
        self.parts_read = 0
        self.bytes_read = 0

    @property
    def closed(self) -> bool:
        """True once the closing delimiter has been seen."""
        return self._parser.closed

    def feed(self, data: bytes) -> list[Part]:
        """Add received bytes; return the parts completed by them (maybe none)."""
        self.bytes_read += len(data)
        parts: list[Part] = []
        for event in self._parser.feed(data):
            if isinstance(event, PartData):
                self._body = event.data  # whole_parts: one PartData per part
            elif isinstance(event, PartStart):
                self._headers, self._body = event.headers, b""
            else:
                parts.append(Part(self._headers, self._body))
                self._body = b""
        self.parts_read += len(parts)
        return parts

    def finish(self) -> None:
        """Declare the end of the input: raise if the body was not complete."""
        self._parser.finish(allow_empty=True)


def iter_parts(chunks: Iterable[bytes], boundary: str, **limits: int) -> Iterator[Part]:
    """Parse a multipart body given as chunks, yielding each part when complete.

    Raises :class:`MultipartError` if the chunks end before the closing
    delimiter (a truncated body) or break the syntax.
    """
    reader = MultipartReader(boundary, **limits)
    for chunk in chunks:
        if chunk:
            yield from reader.feed(chunk)
        if reader.closed:
            break
    reader.finish()


# -- writing ---------------------------------------------------------------------------


def new_boundary() -> str:
    """A random boundary that will not occur in DICOM payloads in practice."""
    return f"strokelink-{secrets.token_hex(16)}"


def part_header(boundary: str, headers: Mapping[str, str]) -> bytes:
    """The dash-boundary line, the header fields and the blank line opening a part."""
    lines = [f"--{boundary}", *(f"{name}: {value}" for name, value in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def closing_delimiter(boundary: str) -> bytes:
    """The close-delimiter line ending a body (after the last part's CRLF)."""
    return f"--{boundary}--\r\n".encode("latin-1")


def write_parts(
    boundary: str, parts: Iterable[tuple[Mapping[str, str], Iterable[bytes]]]
) -> Iterator[bytes]:
    """Yield a multipart body, part by part and chunk by chunk.

    Each part is ``(headers, chunks)``; ``chunks`` is consumed lazily so a
    file can be streamed without reading it whole.
    """
    for headers, chunks in parts:
        yield part_header(boundary, headers)
        for chunk in chunks:
            if chunk:
                yield chunk
        yield CRLF
    yield closing_delimiter(boundary)


class MultipartBody:
    """A multipart/related request body streamed from bytes and files.

    ``len(body)`` is the exact byte count (sent as ``Content-Length``, so no
    chunked encoding is needed — some servers refuse it), and iterating yields
    the body in chunks of at most ``chunk_size`` bytes from the files, opening
    them afresh each time so that the same object can be sent again on retry.
    """

    def __init__(
        self,
        sources: Sequence[bytes | Path],
        *,
        part_type: str,
        boundary: str | None = None,
        chunk_size: int = 1 << 20,
    ) -> None:
        self.boundary = boundary or new_boundary()
        self.part_type = part_type
        self.chunk_size = chunk_size
        self._sources = list(sources)
        self._sizes = [
            len(s) if isinstance(s, bytes | bytearray) else Path(s).stat().st_size
            for s in self._sources
        ]

    @property
    def content_type(self) -> str:
        """The request's ``Content-Type`` header value."""
        return f'multipart/related; type="{self.part_type}"; boundary={self.boundary}'

    def _part_header(self) -> bytes:
        return part_header(self.boundary, {"Content-Type": self.part_type})

    def __len__(self) -> int:
        header = len(self._part_header())
        return sum(header + size + 2 for size in self._sizes) + len(
            closing_delimiter(self.boundary)
        )

    def __iter__(self) -> Iterator[bytes]:
        return write_parts(
            self.boundary,
            (
                ({"Content-Type": self.part_type}, self._chunks(source, size))
                for source, size in zip(self._sources, self._sizes, strict=True)
            ),
        )

    def _chunks(self, source: bytes | Path, size: int) -> Iterator[bytes]:
        if isinstance(source, bytes | bytearray):
            yield bytes(source)
            return
        path, sent = Path(source), 0
        with path.open("rb") as handle:
            while chunk := handle.read(self.chunk_size):
                sent += len(chunk)
                if sent > size:
                    break
                yield chunk
        if sent != size:
            raise MultipartError(f"the file {path.name} changed size while being sent")
