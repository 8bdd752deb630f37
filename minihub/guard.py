"""Connection-level abuse resistance for the hub: read timeouts, a connection cap, log limits.

:func:`guarded_protocol` builds a subclass of uvicorn's h11 protocol (pass it as
``uvicorn.Config(http=...)``) that

* closes a connection that has not delivered a complete request head within
  ``header_timeout`` seconds, counted from the connection's start or from the end
  of the previous response (a slowloris trickling bytes is closed at the deadline);
* closes a connection whose client owes request body bytes but has sent nothing
  for ``body_idle_timeout`` seconds (the application sees a disconnect);
* never times out while the hub is producing a response (uvicorn's keep-alive
  timeout applies between requests);
* caps the open HTTP connections at ``max_connections``: a new connection at the
  cap closes the oldest idle one (waiting for a request head); when none is idle
  the new one is answered 503 and closed. So idle connections cannot exhaust the
  process's file descriptors and a legitimate client is still served.

:class:`LogRateLimit` is a :class:`logging.Filter` for the hub's log handlers: at
most ``limit`` records per logger per ``interval``, then one summary line; floods
of "out of resources" errors are logged without tracebacks.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("minihub.guard")

HEADER_TIMEOUT = 10.0
BODY_IDLE_TIMEOUT = 30.0
MAX_CONNECTIONS = 1000
MIN_CONNECTIONS = 16
DESCRIPTOR_RESERVE = 128  # descriptors kept for the data folder, SQLite, listeners, logs
# asyncio accepts up to its listen backlog per loop tick, and a closed connection frees
# its descriptor only ticks later: a small burst keeps a flood within DESCRIPTOR_RESERVE.
ACCEPT_BURST = 32  # uvicorn.Config(backlog=...), then the socket listens again with:
LISTEN_BACKLOG = 2048  # the kernel's queue of established connections (uvicorn's default)

# An answer given before the request body was read (401, 413…): the rest of the body is
# read and dropped until it ends, for at most LINGER_S seconds or LINGER_BYTES bytes, then
# the connection closes (closing at once would reset it before a client that sends its
# whole body first has read the answer). Such a connection is the first to be evicted.
LINGER_S = 10.0
LINGER_BYTES = 64 * 1024 * 1024

_BUSY_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: 20\r\n"
    b"connection: close\r\n\r\n"
    b"too many connections"
)


def default_max_connections() -> int:
    """``min(1000, (soft RLIMIT_NOFILE - 128) // 2)``, never below 16.

    Half of the descriptors: a connection streaming an instance also holds its file.
    """
    try:
        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):  # pragma: no cover - no limit to read
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY or soft < 0:
        return MAX_CONNECTIONS
    return max(MIN_CONNECTIONS, min(MAX_CONNECTIONS, (soft - DESCRIPTOR_RESERVE) // 2))


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with read timeouts and a connection cap (class attributes)."""

    header_timeout: float = HEADER_TIMEOUT
    body_idle_timeout: float = BODY_IDLE_TIMEOUT
    max_connections: int = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._last_data = 0.0  # loop time of the last bytes received
        self._idle_since = time.monotonic()
        self._evicted = False
        self._lingering = False
        self._lingered = 0
        self._linger_timer: asyncio.TimerHandle | None = None

    # -- connection lifecycle --------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._idle_since = time.monotonic()
        if not self._make_room():
            self.connections.discard(self)
            transport.write(_BUSY_503)
            transport.close()
            return
        self._update_timers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        if self._linger_timer is not None:
            self._linger_timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            self._drain(data)
            return
        self._last_data = self.loop.time()
        super().data_received(data)
        self._update_timers(data_arrived=True)

    def on_response_complete(self) -> None:
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
            # Answered without reading the whole body (401, 413, a route that reads none):
            # never keep such a connection (a client trickling a huge body would hold it
            # forever). Linger briefly so that the client reads the answer, then close.
            self.server_state.total_requests += 1
            self._cancel_timers()
            self._lingering = True  # still counted, and the first to be evicted
            self._idle_since = 0.0
            self._linger_timer = self.loop.call_later(LINGER_S, self.transport.close)
            self.flow.resume_reading()  # paused while the app did not read the body
            self._drain(b"")  # what h11 holds already
            return
        self._idle_since = time.monotonic()
        self._cancel_timers()  # the next head's deadline counts from here
        super().on_response_complete()  # may handle a pipelined request
        self._update_timers()

    def _drain(self, data: bytes) -> None:
        """Read and drop the rest of a body after the answer; once it has all arrived
        the connection serves the next request as usual. Closed past LINGER_BYTES
        (or LINGER_S)."""
        self._lingered += len(data)
        if self._lingered > LINGER_BYTES:
            self.transport.close()
            return
        try:
            if data:
                self.conn.receive_data(data)
            while True:
                event = self.conn.next_event()
                if event is h11.NEED_DATA or event is h11.PAUSED:
                    return
                if isinstance(event, h11.EndOfMessage):
                    self._end_linger()
                    return
        except h11.RemoteProtocolError:
            self.transport.close()

    def _end_linger(self) -> None:
        """The unread body has all arrived: back to an ordinary keep-alive connection."""
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None
        self._lingering = False
        self._lingered = 0
        self._idle_since = time.monotonic()
        self.conn.start_next_cycle()
        self._update_timers()
        self.handle_events()  # a request the client may have pipelined

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        self._cancel_timers()
        super().handle_websocket_upgrade(event)

    # -- connection cap --------------------------------------------------------------------

    def is_idle(self) -> bool:
        """Waiting for a request head: no request in progress (a partial head counts as idle)."""
        if self._evicted or self.transport is None or self.transport.is_closing():
            return False
        if self._lingering:
            return True
        if self.cycle is not None and not self.cycle.response_complete:
            return False
        return self.conn.their_state is h11.IDLE

    def _make_room(self) -> bool:
        """At the cap, close the oldest idle connection; False when none is idle."""
        if len(self.connections) <= self.max_connections:
            return True
        idle = [
            c
            for c in self.connections
            if c is not self and isinstance(c, GuardedH11Protocol) and c.is_idle()
        ]
        if not idle:
            log.warning(
                "connection cap (%d) reached and no connection idle: 503", self.max_connections
            )
            return False
        victim = min(idle, key=lambda c: c._idle_since)
        log.warning(
            "connection cap (%d) reached: closing the oldest idle connection", self.max_connections
        )
        victim.evict()
        return True

    def evict(self) -> None:
        """Close this (idle) connection now to make room for a new one."""
        self._evicted = True
        self._cancel_timers()
        self.connections.discard(self)  # counted out at once, before connection_lost runs
        self.transport.close()

    # -- read timeouts ---------------------------------------------------------------------

    def _cancel_timers(self) -> None:
        for timer in (self._header_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._header_timer = self._body_timer = None

    def _update_timers(self, *, data_arrived: bool = False) -> None:
        if self.transport is None or self.transport.is_closing():
            self._cancel_timers()
            return
        waiting_for_head = self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete
        )
        if waiting_for_head:
            if self._body_timer is not None:
                self._body_timer.cancel()
                self._body_timer = None
            if self._header_timer is None:  # a deadline: more bytes do not extend it
                self._header_timer = self.loop.call_later(self.header_timeout, self._header_expired)
            return
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        if self.conn.their_state is h11.SEND_BODY:
            if self._body_timer is None:  # one timer; it re-arms itself while data flows
                if not data_arrived:
                    self._last_data = self.loop.time()
                self._body_timer = self.loop.call_later(self.body_idle_timeout, self._body_expired)
        elif self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _header_expired(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        log.info("closing a connection that sent no complete request head in time")
        self.transport.close()

    def _body_expired(self) -> None:
        self._body_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.SEND_BODY:
            return
        # Reading paused (the app is slow) or the client waits for "100 Continue" (the app
        # has not asked for the body yet): not the client's fault.
        waiting = self.flow.read_paused or (
            self.cycle is not None and self.cycle.waiting_for_100_continue
        )
        if waiting:
            self._last_data = self.loop.time()
        remaining = self._last_data + self.body_idle_timeout - self.loop.time()
        if remaining > 0:
            self._body_timer = self.loop.call_later(remaining, self._body_expired)
            return
        log.info("closing a connection whose request body stalled")
        self.transport.close()


class GuardedServer(uvicorn.Server):
    """uvicorn's server with a TLS handshake deadline.

    asyncio hands a TLS connection to the protocol only once the handshake is done,
    so neither the head deadline nor the connection cap sees a client that opens a
    connection and never completes the handshake; asyncio's own deadline is 60 s.
    This server gives handshakes ``handshake_timeout`` seconds instead.
    """

    def __init__(self, config: uvicorn.Config, *, handshake_timeout: float = HEADER_TIMEOUT):
        super().__init__(config)
        self.handshake_timeout = handshake_timeout

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        loop = asyncio.get_running_loop()
        create_server = loop.create_server
        timeout = self.handshake_timeout

        async def with_deadline(*args: Any, **kwargs: Any) -> asyncio.Server:
            if kwargs.get("ssl") is not None:
                kwargs.setdefault("ssl_handshake_timeout", timeout)
            return await create_server(*args, **kwargs)

        loop.create_server = with_deadline  # type: ignore[method-assign]
        try:
            await super().startup(sockets)
        finally:
            del loop.create_server  # the instance attribute shadowed the method


def guarded_protocol(
    *,
    header_timeout: float = HEADER_TIMEOUT,
    body_idle_timeout: float = BODY_IDLE_TIMEOUT,
    max_connections: int | None = None,
) -> type[GuardedH11Protocol]:
    """A :class:`GuardedH11Protocol` subclass with these limits (``uvicorn.Config(http=...)``)."""
    if header_timeout <= 0 or body_idle_timeout <= 0:
        raise ValueError("timeouts must be positive")
    cap = default_max_connections() if max_connections is None else max_connections
    if cap < 1:
        raise ValueError("max_connections must be at least 1")
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout": float(header_timeout),
            "body_idle_timeout": float(body_idle_timeout),
            "max_connections": int(cap),
        },
    )


# -- log rate limiting ---------------------------------------------------------------------

_RESOURCE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


def _is_resource_flood(record: logging.LogRecord) -> bool:
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, OSError) and exc.errno in _RESOURCE_ERRNOS:
        return True
    return "out of system resource" in str(record.msg)


class LogRateLimit(logging.Filter):
    """Let through at most ``limit`` records per logger per ``interval`` seconds.

    Once a logger's window ends, the records it suppressed are summarised in one
    line, "minihub: N log lines suppressed (logger)", handed to ``emit`` (the
    handler the filter is installed on, see :func:`install_log_limits`). The
    summary is written when the next record arrives after the window, or at
    :meth:`flush`. Records about running out of descriptors/memory lose their
    traceback (the exception's text is kept).
    """

    def __init__(
        self,
        limit: int = 20,
        interval: float = 10.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        emit: Callable[[logging.LogRecord], object] | None = None,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.interval = interval
        self.clock = clock
        self.emit = emit
        self._windows: dict[str, list[float]] = {}  # logger -> [start, passed, suppressed]
        self._lock = threading.RLock()  # handlers call filters outside their own lock

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "minihub_summary", False):
            return True
        with self._lock:
            return self._filter(record)

    def _filter(self, record: logging.LogRecord) -> bool:
        now = self.clock()
        self._summarise(now)
        window = self._windows.get(record.name)
        if window is None:
            window = self._windows[record.name] = [now, 0, 0]
        if window[1] >= self.limit:
            window[2] += 1
            return False
        window[1] += 1
        if _is_resource_flood(record):
            if record.exc_info and record.exc_info[1] is not None:
                record.msg = f"{record.msg} ({record.exc_info[1]})"
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

    def flush(self) -> None:
        """Write the summaries of all windows, ended or not."""
        with self._lock:
            self._summarise(None)

    def _summarise(self, now: float | None) -> None:
        for name, (start, _passed, suppressed) in list(self._windows.items()):
            if now is not None and now - start < self.interval:
                continue
            self._windows.pop(name, None)
            if suppressed and self.emit is not None:
                summary = logging.LogRecord(
                    "minihub", logging.WARNING, __file__, 0,
                    "minihub: %d log lines suppressed (%s)", (int(suppressed), name), None,
                )  # fmt: skip
                summary.minihub_summary = True
                self.emit(summary)


def install_log_limits(
    handlers: list[logging.Handler] | None = None, *, limit: int = 20, interval: float = 10.0
) -> list[LogRateLimit]:
    """Add a :class:`LogRateLimit` to each handler (default: the root logger's)."""
    installed = []
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        if any(isinstance(f, LogRateLimit) for f in handler.filters):
            continue
        limiter = LogRateLimit(limit, interval, emit=handler.handle)
        handler.addFilter(limiter)
        installed.append(limiter)
    return installed


def remove_log_limits(limiters: list[LogRateLimit]) -> None:
    """Take the filters :func:`install_log_limits` added off every handler that holds them."""
    for limiter in limiters:
        handler = getattr(limiter.emit, "__self__", None)  # the handler it was installed on
        if isinstance(handler, logging.Handler):
            handler.removeFilter(limiter)
