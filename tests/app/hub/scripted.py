"""A scripted, misbehaving HTTP server on 127.0.0.1 for wire-level hub tests.

Like pynetdicom's ``parrot.py``: the test queues the replies the server will
give, in order, and reads back what each request looked like (method, path,
query, headers, body). A reply can be slow, cut short, lie about its length
or drop the connection, so the client's fault handling meets real sockets.
Optionally served over TLS with a throw-away self-signed certificate.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Reply:
    """What the server answers to one request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | list[bytes] = b""
    delay_s: float = 0.0  # wait before answering (timeouts)
    chunk_delay_s: float = 0.0  # wait between body chunks
    content_length: int | None = None  # announce this length (lie → truncation)
    drop: bool = False  # close the connection without any answer


@dataclass
class Seen:
    """One request as it arrived."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # names lower-cased
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body()
        seen = Seen(
            self.command,
            url.path,
            url.query,
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        owner = self.server.owner
        with owner.lock:
            owner.requests.append(seen)
            reply = owner.replies.popleft() if owner.replies else owner.default
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        chunks = [reply.body] if isinstance(reply.body, bytes) else list(reply.body)
        total = sum(len(c) for c in chunks)
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        length = reply.content_length if reply.content_length is not None else total
        self.send_header("Content-Length", str(length))
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()
            if reply.chunk_delay_s:
                time.sleep(reply.chunk_delay_s)
        if length != total:
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: ScriptedServer


class ScriptedServer:
    """Serve queued :class:`Reply` s on 127.0.0.1; record every request."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        self.replies: deque[Reply] = deque()
        self.default = Reply(status=599, body=b"no reply scripted")
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        scheme = "http"
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        port = self._server.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{port}"
        self.base_url = f"{self.url}/dicom-web"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def script(self, *replies: Reply) -> None:
        with self.lock:
            self.replies.extend(replies)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for a day, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "StrokeLink test hub")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "hub-cert.pem", folder / "hub-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def multipart(parts: list[tuple[str, bytes]], boundary: str = "scripted-boundary") -> Reply:
    """A 200 multipart/related reply with the given (content type, body) parts."""
    chunks: list[bytes] = []
    for ctype, body in parts:
        chunks.append(f"--{boundary}\r\nContent-Type: {ctype}\r\n\r\n".encode())
        chunks.append(body + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return Reply(
        headers={
            "Content-Type": f'multipart/related; type="application/dicom"; boundary={boundary}'
        },
        body=[b"".join(chunks)],
    )


def closed_port() -> int:
    """A port on 127.0.0.1 with nobody listening (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: The password of ``drx`` on the ``secured_hub`` fixture's hub (tests/conftest.py).
PASSWORD = "correct horse"
