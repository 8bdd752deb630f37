"""The hub as an ASGI application and as a server to start and stop.

:class:`HubServer` runs uvicorn in a background thread (tests, the demo);
:func:`main` runs it in the foreground until Ctrl-C or SIGTERM (the
``strokelink hub`` command). Every response carries an HTTP ``Date`` header
(uvicorn's), which clients use as the hub's clock. Besides DICOMweb and UPS-RS
it offers UPS subscriptions and the WebSocket event channel
(:mod:`minihub.subscriptions`).
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import socket
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.types import ASGIApp

from minihub.auth import Authenticator, AuthMiddleware, TrustedLogins, load_users
from minihub.dicomweb import DicomWeb
from minihub.events import WorklistEvents
from minihub.guard import (
    ACCEPT_BURST,
    BODY_IDLE_TIMEOUT,
    HEADER_TIMEOUT,
    LISTEN_BACKLOG,
    GuardedServer,
    guarded_protocol,
    install_log_limits,
    remove_log_limits,
)
from minihub.responses import (
    CatchAll,
    HubError,
    http_exception_handler,
    hub_error_handler,
    unexpected_error_handler,
)
from minihub.storage import Archive, private_dir
from minihub.subscriptions import EventService, Subscriptions
from minihub.ups import WorklistService
from minihub.worklist import Worklist

DEFAULT_PORT = 8043
PREFIX = "/dicom-web"
log = logging.getLogger("minihub")


@dataclass
class Hub:
    """The application and the stores behind it."""

    app: ASGIApp
    archive: Archive
    worklist: Worklist
    events: WorklistEvents

    def close(self) -> None:
        self.archive.close()


def create_hub(data_dir: Path, *, users_file: Path | None = None) -> Hub:
    """Open (or create) the data folder and build the ASGI application."""
    private_dir(data_dir)
    archive = Archive(data_dir)
    events = WorklistEvents()
    worklist = Worklist(archive.db, events)
    subscriptions = Subscriptions(archive.db, worklist, events)
    routes = (
        DicomWeb(archive).routes()
        + WorklistService(worklist).routes()
        + EventService(subscriptions).routes()
    )
    middleware = []
    if users_file is not None:
        middleware.append(
            Middleware(
                AuthMiddleware,
                authenticator=Authenticator(
                    load_users(users_file), trusted=TrustedLogins(archive.db)
                ),
            )
        )
    app = Starlette(
        routes=[Mount(PREFIX, routes=routes)],
        middleware=middleware,
        exception_handlers={
            HubError: hub_error_handler,
            HTTPException: http_exception_handler,
            Exception: unexpected_error_handler,
        },
    )
    return Hub(CatchAll(app), archive, worklist, events)


class HubServer:
    """A running hub, for tests and the CLI.

    ``port=0`` picks a free port; :attr:`base_url` is known after
    :meth:`start`. Use as a context manager or call :meth:`stop`.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        users_file: Path | None = None,
        tls_cert: Path | None = None,
        tls_key: Path | None = None,
        header_timeout: float = HEADER_TIMEOUT,
        body_idle_timeout: float = BODY_IDLE_TIMEOUT,
        max_connections: int | None = None,
    ) -> None:
        if (tls_cert is None) != (tls_key is None):
            raise ValueError("TLS needs both a certificate and a key")
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port
        self.users_file = users_file
        self.tls_cert = tls_cert
        self.tls_key = tls_key
        # Connection limits (minihub.guard); max_connections None: from RLIMIT_NOFILE.
        self.header_timeout = header_timeout  # also the TLS handshake deadline
        self.protocol = guarded_protocol(
            header_timeout=header_timeout,
            body_idle_timeout=body_idle_timeout,
            max_connections=max_connections,
        )
        self.hub: Hub | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert else "http"

    @property
    def base_url(self) -> str:
        """The DICOMweb root, e.g. ``http://127.0.0.1:PORT/dicom-web``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{PREFIX}"

    def _config(self) -> uvicorn.Config:
        assert self.hub is not None
        return uvicorn.Config(
            self.hub.app,
            host=self.host,
            port=self.port,
            http=self.protocol,
            backlog=ACCEPT_BURST,  # accepts per loop tick: see _serving()
            log_config=None,  # uvicorn logs through the root handlers (rate limited by run())
            log_level="warning",
            access_log=False,
            lifespan="off",
            ssl_certfile=str(self.tls_cert) if self.tls_cert else None,
            ssl_keyfile=str(self.tls_key) if self.tls_key else None,
            timeout_graceful_shutdown=3,
        )

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so (else Nagle +
        # delayed ACK add 40 ms to every small response)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))  # asyncio listens once serving starts
        sock.setblocking(False)
        self.port = int(sock.getsockname()[1])
        return sock

    def open(self) -> HubServer:
        """Open the data folder and bind the port; idempotent.

        Until serving starts, connections are refused (the socket is bound, not
        listening), so a client polling for readiness never hangs.
        """
        if self.hub is None:
            self.hub = create_hub(self.data_dir, users_file=self.users_file)
        if self._socket is None:
            try:
                self._socket = self._bind()
            except OSError:
                self._close()
                raise
        return self

    def start(self, timeout: float = 15.0) -> HubServer:
        """Serve in a background thread; returns once the hub is listening."""
        self.open()
        self._server = GuardedServer(self._config(), handshake_timeout=self.header_timeout)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name="minihub",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("minihub did not start")
            time.sleep(0.01)
        self._serving()
        return self

    def _serving(self) -> None:
        # asyncio listens with ACCEPT_BURST, which also bounds how many connections one
        # loop tick accepts (so a flood cannot outrun the connection cap's evictions);
        # the kernel's queue of established connections may then be long again.
        if self._socket is not None:
            self._socket.listen(LISTEN_BACKLOG)

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in this thread until SIGINT/SIGTERM (uvicorn's handlers).

        ``on_ready(base_url)`` is called (from another thread) once serving.
        """
        self.open()
        assert self._socket is not None
        server = self._server = GuardedServer(self._config(), handshake_timeout=self.header_timeout)

        def announce() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.02)
            if server.started:
                self._serving()
                if on_ready is not None:
                    on_ready(self.base_url)

        threading.Thread(target=announce, name="minihub-ready", daemon=True).start()
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._close()

    def stop(self) -> None:
        """Stop serving and close the data folder."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._close()

    def _close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        self._server = None

    def __enter__(self) -> HubServer:
        return self.start() if self._server is None else self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name or "0.0.0.0"-like spelling: treat as reachable


def exposure_check(
    host: str, *, users: bool, allow_anonymous: bool, tls: bool
) -> tuple[str | None, list[str]]:
    """Decide whether the hub may bind ``host``: ``(refusal or None, warnings)``.

    A non-loopback address needs a users file unless anonymous access is asked for
    explicitly; without TLS there, Basic passwords (and tokens) travel in clear.
    """
    if is_loopback(host):
        return None, []
    if not users and not allow_anonymous:
        return (
            f"refusing to serve {host} without --users: anyone on the network could read and "
            "change every study and request. Give --users FILE, or --allow-anonymous if this "
            "is really wanted.",
            [],
        )
    warns = []
    if not users:
        warns.append(f"WARNING: serving {host} with NO authentication (--allow-anonymous)")
    if not tls:
        warns.append(
            f"WARNING: serving {host} without TLS: passwords and tokens travel in clear "
            "(give --tls-cert and --tls-key)"
        )
    return None, warns


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The hub's command-line options (shared with ``strokelink hub``)."""
    parser.add_argument("--data", type=Path, help="data folder (files + SQLite index)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (default 8043)")
    parser.add_argument("--seed-demo", action="store_true", help="store the synthetic demo cases")
    parser.add_argument("--users", type=Path, help="users file (enables Basic/bearer auth)")
    parser.add_argument(
        "--allow-anonymous",
        action="store_true",
        help="allow a non-loopback --host without --users (no authentication)",
    )
    parser.add_argument("--tls-cert", type=Path, help="TLS certificate (PEM); needs --tls-key")
    parser.add_argument("--tls-key", type=Path, help="TLS private key (PEM)")
    parser.add_argument(
        "--max-connections",
        type=int,
        default=None,
        help="open HTTP connections at most (default: min(1000, descriptor limit - 128))",
    )
    parser.add_argument(
        "--hash-password", action="store_true", help="read a password, print its users-file hash"
    )
    parser.add_argument(
        "--hash-token", action="store_true", help="read a bearer token, print its SHA-256"
    )


def run(args: argparse.Namespace) -> int:
    """Run the hub from parsed arguments; returns the exit status."""
    from minihub.auth import hash_password, hash_token

    if args.hash_password or args.hash_token:
        import getpass

        secret = getpass.getpass("Password: " if args.hash_password else "Token: ")
        print(hash_password(secret) if args.hash_password else hash_token(secret))
        return 0
    if args.data is None:
        print("strokelink hub: --data DIR is required")
        return 2
    if (args.tls_cert is None) != (args.tls_key is None):
        print("strokelink hub: --tls-cert and --tls-key go together")
        return 2
    refusal, exposure_warnings = exposure_check(
        args.host,
        users=args.users is not None,
        allow_anonymous=bool(getattr(args, "allow_anonymous", False)),
        tls=args.tls_cert is not None,
    )
    if refusal is not None:
        print(f"strokelink hub: {refusal}", file=sys.stderr)
        return 2
    max_connections = getattr(args, "max_connections", None)
    if max_connections is not None and max_connections < 1:
        print("strokelink hub: --max-connections must be at least 1", file=sys.stderr)
        return 2
    for line in exposure_warnings:
        print(f"strokelink hub: {line}", file=sys.stderr, flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    log_limits = install_log_limits()  # floods (e.g. out of descriptors) stay a few lines
    try:
        return _serve(args, max_connections)
    finally:
        for limiter in log_limits:
            limiter.flush()
        remove_log_limits(log_limits)  # run() in a test process leaves no filter behind


def _serve(args: argparse.Namespace, max_connections: int | None) -> int:
    # pydicom's validation warnings quote element values: keep patient data out of the log
    # (ignored; what still gets through, e.g. an error record, is printed without values).
    logging.getLogger("pydicom").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"pydicom\.")
    from protocol.logsafe import install as scrub_pydicom_messages

    scrub_pydicom_messages()
    # uvicorn re-raises SIGINT/SIGTERM once it has shut down gracefully: end quietly then.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _exit_quietly)
    server = HubServer(
        args.data, host=args.host, port=args.port, users_file=args.users,
        tls_cert=args.tls_cert, tls_key=args.tls_key,
        max_connections=max_connections,
    )  # fmt: skip
    try:
        server.open()
    except OSError as exc:
        print(f"strokelink hub: cannot listen on {args.host}:{args.port}: {exc}")
        return 1
    if args.seed_demo:
        from minihub.seed import seed_demo

        assert server.hub is not None
        print(f"seeded: {seed_demo(server.hub.archive, server.hub.worklist, server.base_url)}")
    try:
        server.serve_forever(
            lambda url: print(f"minihub serving {url}  (data: {args.data})", flush=True)
        )
    finally:
        print("minihub stopped", flush=True)
    return 0


def _exit_quietly(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m minihub.server --data DIR ...``."""
    parser = argparse.ArgumentParser(prog="minihub", description="StrokeLink reference hub")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
