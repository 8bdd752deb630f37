"""multipart/related bodies (RFC 2046 §5.1, RFC 2387), as DICOMweb uses them.

WADO-RS returns a whole series as one ``multipart/related;
type="application/dicom"`` answer (PS3.18 8.7.3.3), and STOW-RS takes one
(PS3.18 10.5.1.2). This module is pure: no network, no DICOM.

- :class:`MultipartReader` parses a body *incrementally*: bytes go in as they
  arrive (``response.iter_content()``), in chunks split anywhere — even inside
  a boundary — and each part comes out as soon as its closing delimiter has
  been seen. The work is O(n) in the body size: every byte is scanned a
  bounded number of times, and only the part being received is held.
  A body that ends early (a truncated download) or breaks the syntax raises
  :class:`MultipartError` saying which part failed and how.
- :class:`MultipartBody` builds a body to send, streaming files from disk with
  a known ``Content-Length`` and re-iterable so a retry can send it again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CRLF = b"\r\n"
_LWSP = b" \t"


class MultipartError(ValueError):
    """The bytes are not a complete, well-formed multipart body."""


@dataclass(frozen=True)
class Part:
    """One body part: its header fields (names lower-cased) and its payload."""

    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        """The part's ``Content-Type`` ('' when the part has none)."""
        return self.headers.get("content-type", "")


def parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    """``'multipart/related; type="application/dicom"; boundary=x'`` →
    ``('multipart/related', {'type': 'application/dicom', 'boundary': 'x'})``.

    Media type and parameter names are lower-cased (RFC 7231 §3.1.1.1);
    quoted values are unquoted; ``;`` inside quotes is not a separator.
    """
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


def boundary_of(content_type: str) -> str:
    """The ``boundary`` parameter of a multipart Content-Type, or MultipartError."""
    media_type, params = parse_content_type(content_type)
    if not media_type.startswith("multipart/"):
        raise MultipartError(f"expected a multipart answer, got {media_type or 'no content type'}")
    boundary = params.get("boundary", "")
    if not boundary or len(boundary) > 70:
        raise MultipartError("the multipart answer has no valid boundary parameter")
    return boundary


class MultipartReader:
    """Incremental multipart parser: :meth:`feed` bytes, collect finished parts.

    >>> reader = MultipartReader("b")
    >>> [p.body for p in reader.feed(b"--b\\r\\n\\r\\nhello\\r\\n--b--")]
    [b'hello']
    >>> reader.finish()

    ``max_header_bytes`` bounds a part's header block, so that garbage without
    the blank line ending the headers is reported instead of buffered forever;
    ``max_part_bytes`` (optional) bounds a single part's payload.
    """

    _PREAMBLE, _DELIMITER, _HEADERS, _BODY, _CLOSED = range(5)

    def __init__(
        self,
        boundary: str,
        *,
        max_header_bytes: int = 16 * 1024,
        max_part_bytes: int | None = None,
    ) -> None:
        if not boundary:
            raise MultipartError("empty multipart boundary")
        self._delimiter = CRLF + b"--" + boundary.encode("latin-1")
        # The body's first delimiter may sit at offset 0, without a CRLF in
        # front: a virtual CRLF makes it look like every later one.
        self._buffer = bytearray(CRLF)
        self._state = self._PREAMBLE
        self._scan_from = 0
        self._headers: dict[str, str] = {}
        self._max_header_bytes = max_header_bytes
        self._max_part_bytes = max_part_bytes
        self.parts_read = 0
        self.bytes_read = 0

    @property
    def closed(self) -> bool:
        """True once the closing delimiter has been seen."""
        return self._state == self._CLOSED

    def feed(self, data: bytes) -> list[Part]:
        """Add received bytes; return the parts completed by them (maybe none)."""
        self.bytes_read += len(data)
        if self._state == self._CLOSED:
            return []  # the epilogue is ignored (RFC 2046 §5.1.1)
        self._buffer += data
        parts: list[Part] = []
        while True:
            part = self._step()
            if part is None:
                if self._waiting:
                    return parts
                continue
            parts.append(part)

    def finish(self) -> None:
        """Declare the end of the input: raise if the body was not complete."""
        part = self.parts_read + 1
        if self._state == self._CLOSED:
            return
        if self._state == self._PREAMBLE:
            raise MultipartError(
                "the answer contains no multipart boundary (empty or not multipart)"
            )
        if self._state == self._BODY:
            raise MultipartError(f"the answer was cut off inside part {part} (truncated)")
        if self._state == self._HEADERS:
            raise MultipartError(f"the answer was cut off inside the headers of part {part}")
        raise MultipartError("the answer ended without its closing multipart delimiter")

    # -- the state machine -----------------------------------------------------

    _waiting = False

    def _step(self) -> Part | None:
        """Advance as far as the buffer allows; set ``_waiting`` when stuck."""
        self._waiting = False
        if self._state == self._PREAMBLE:
            self._skip_preamble()
        elif self._state == self._DELIMITER:
            self._after_delimiter()
        elif self._state == self._HEADERS:
            self._read_headers()
        elif self._state == self._BODY:
            return self._read_body()
        else:
            self._waiting = True
        return None

    def _skip_preamble(self) -> None:
        buf, delim = self._buffer, self._delimiter
        at = buf.find(delim)
        if at < 0:
            keep = len(delim) - 1  # a delimiter may straddle the next chunk
            if len(buf) > keep:
                del buf[: len(buf) - keep]
            self._waiting = True
            return
        del buf[: at + len(delim)]
        self._state = self._DELIMITER

    def _after_delimiter(self) -> None:
        buf = self._buffer
        if len(buf) < 2:
            self._waiting = True
            return
        if buf[:2] == b"--":
            self._state = self._CLOSED
            buf.clear()
            self._waiting = True
            return
        end = buf.find(CRLF)
        if end < 0:
            if len(buf) > 1024 or buf.rstrip(b"\r").strip(_LWSP):
                raise MultipartError(
                    f"malformed multipart delimiter before part {self.parts_read + 1}"
                )
            self._waiting = True
            return
        if buf[:end].strip(_LWSP):
            raise MultipartError(f"malformed multipart delimiter before part {self.parts_read + 1}")
        del buf[: end + 2]
        self._state = self._HEADERS

    def _read_headers(self) -> None:
        buf = self._buffer
        if buf[:2] == CRLF:  # a part with no header fields at all
            del buf[:2]
            self._headers = {}
            self._enter_body()
            return
        end = buf.find(CRLF + CRLF)
        if end < 0:
            if len(buf) > self._max_header_bytes:
                raise MultipartError(
                    f"part {self.parts_read + 1} has no end to its headers (malformed)"
                )
            self._waiting = True
            return
        self._headers = _parse_headers(bytes(buf[:end]), self.parts_read + 1)
        del buf[: end + 4]
        self._enter_body()

    def _enter_body(self) -> None:
        self._state = self._BODY
        self._scan_from = 0

    def _read_body(self) -> Part | None:
        buf, delim = self._buffer, self._delimiter
        at = buf.find(delim, self._scan_from)
        if at < 0:
            self._scan_from = max(0, len(buf) - len(delim) + 1)
            if self._max_part_bytes is not None and self._scan_from > self._max_part_bytes:
                raise MultipartError(f"part {self.parts_read + 1} is larger than allowed")
            self._waiting = True
            return None
        with memoryview(buf) as view:
            body = bytes(view[:at])
        del buf[: at + len(delim)]
        self.parts_read += 1
        self._state = self._DELIMITER
        return Part(self._headers, body)


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


# -- building bodies -----------------------------------------------------------------


def new_boundary() -> str:
    """A random boundary that will not occur in DICOM payloads in practice."""
    return f"strokelink-{secrets.token_hex(16)}"


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
        return f"--{self.boundary}\r\nContent-Type: {self.part_type}\r\n\r\n".encode("latin-1")

    def _closing(self) -> bytes:
        return f"--{self.boundary}--\r\n".encode("latin-1")

    def __len__(self) -> int:
        header = len(self._part_header())
        return sum(header + size + 2 for size in self._sizes) + len(self._closing())

    def __iter__(self) -> Iterator[bytes]:
        for source, size in zip(self._sources, self._sizes, strict=True):
            yield self._part_header()
            if isinstance(source, bytes | bytearray):
                yield bytes(source)
            else:
                yield from self._read_file(Path(source), size)
            yield CRLF
        yield self._closing()

    def _read_file(self, path: Path, size: int) -> Iterator[bytes]:
        sent = 0
        with path.open("rb") as handle:
            while chunk := handle.read(self.chunk_size):
                sent += len(chunk)
                if sent > size:
                    break
                yield chunk
        if sent != size:
            raise MultipartError(f"the file {path.name} changed size while being sent")
