"""``strokelink hub``: run the embedded reference hub (DICOMweb + UPS-RS) in the foreground."""

from __future__ import annotations

import argparse

from app.commands._parser import add_command


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "hub",
        run,
        help="run the embedded reference hub (DICOMweb + UPS-RS) until Ctrl-C",
        description=(
            "Serve DICOMweb (STOW/QIDO/WADO-RS) and UPS-RS under /dicom-web from a data "
            "folder (files + SQLite). Binds 127.0.0.1 unless --host says otherwise."
        ),
    )
    p.add_argument("--data", help="data folder (created if missing)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8043, help="TCP port (default 8043; 0 = any)")
    p.add_argument(
        "--seed-demo", action="store_true", help="store the synthetic cases and their requests"
    )
    p.add_argument("--users", help="users file (JSON): enables HTTP Basic and bearer tokens")
    p.add_argument(
        "--allow-anonymous",
        action="store_true",
        help="allow a non-loopback --host without --users (no authentication: not advised)",
    )
    p.add_argument("--tls-cert", help="TLS certificate chain (PEM); needs --tls-key")
    p.add_argument("--tls-key", help="TLS private key (PEM)")
    p.add_argument(
        "--max-connections",
        type=int,
        help="open HTTP connections at most (default: min(1000, descriptor limit - 128))",
    )
    p.add_argument(
        "--hash-password",
        action="store_true",
        help="read a password and print its hash for the users file, then exit",
    )
    p.add_argument(
        "--hash-token",
        action="store_true",
        help="read a bearer token and print its SHA-256 for the users file, then exit",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from minihub.server import run as run_hub

    for name in ("data", "users", "tls_cert", "tls_key"):
        value = getattr(args, name)
        setattr(args, name, Path(value) if value else None)
    return run_hub(args)
