"""A loopback TCP proxy: throttle a link, cut it, count what crosses it.

Benchmarks use it to emulate a 100 Mbit/s link (token bucket on the
server → client direction); tests use it to cut a download after N bytes
(network failure mid-series) and to count the HTTP requests a client makes.
Listens on 127.0.0.1 only, forwards to one target on 127.0.0.1. Threads are
fine here: this is test and benchmark tooling, not application code.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit, urlunsplit

_CHUNK = 64 * 1024
_REQUEST_LINE_END = b" HTTP/1.1\r\n"


class _Bucket:
    """Token bucket: ``rate`` bytes per second, bursts of at most ``burst`` bytes."""

    def __init__(self, rate: float, burst: int = _CHUNK) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.last = time.monotonic()
        self.lock = threading.Lock()

    def take(self, n: int) -> None:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
            self.last = now
            self.tokens -= n
            wait = -self.tokens / self.rate if self.tokens < 0 else 0.0
        if wait > 0:
            time.sleep(wait)


class LoopbackProxy:
    """Forward 127.0.0.1:``port`` to ``target_url``'s host and port.

    ``rate_mbit`` throttles the downstream direction (megabits per second,
    shared by all connections, like one link). :meth:`cut_after` arms a cut:
    once that many more bytes went downstream, every open connection is
    closed and new ones are refused until :meth:`restore`.
    ``requests`` counts HTTP/1.1 request lines seen upstream.
    """

    def __init__(self, target_url: str, *, rate_mbit: float | None = None) -> None:
        parts = urlsplit(target_url)
        if parts.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError("the proxy only forwards to 127.0.0.1")
        self._target_url = target_url
        self._target = ("127.0.0.1", int(parts.port or 80))
        self._bucket = _Bucket(rate_mbit * 1e6 / 8) if rate_mbit else None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)  # so that closing is noticed
        self.port = int(self._listener.getsockname()[1])
        self.requests = 0
        self.connections = 0
        self.bytes_down = 0
        self._cut_at: int | None = None
        self._down = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._closing = False
        self._thread = threading.Thread(target=self._accept, name="proxy", daemon=True)

    @property
    def url(self) -> str:
        """``target_url`` with the proxy's port in place of the target's."""
        parts = urlsplit(self._target_url)
        return urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))

    def cut_after(self, n_bytes: int) -> None:
        with self._lock:
            self._cut_at = self.bytes_down + n_bytes

    def restore(self) -> None:
        with self._lock:
            self._cut_at = None
            self._down = False

    def __enter__(self) -> LoopbackProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._closing = True
        self._thread.join(timeout=5)
        self._listener.close()
        self._drop_all()

    def _drop_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
            self._sockets.clear()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if self._down:
                client.close()
                continue
            try:
                server = socket.create_connection(self._target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                self._sockets.update((client, server))
            threading.Thread(target=self._up, args=(client, server), daemon=True).start()
            threading.Thread(target=self._downstream, args=(server, client), daemon=True).start()

    def _up(self, source: socket.socket, sink: socket.socket) -> None:
        tail = b""
        try:
            while data := source.recv(_CHUNK):
                seen = tail + data
                with self._lock:
                    self.requests += seen.count(_REQUEST_LINE_END)
                tail = seen[-(len(_REQUEST_LINE_END) - 1) :]
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

    def _downstream(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(_CHUNK):
                with self._lock:
                    cut_at = self._cut_at
                    if cut_at is not None and self.bytes_down + len(data) >= cut_at:
                        data = data[: max(0, cut_at - self.bytes_down)]
                        self._down = True
                    self.bytes_down += len(data)
                if self._bucket is not None and data:
                    self._bucket.take(len(data))
                if data:
                    sink.sendall(data)
                if self._down:
                    self._drop_all()
                    return
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
