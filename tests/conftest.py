"""Shared test fixtures.

Tests that need an external tool (Xvfb display, Orthanc, dciodvfy, dsrdump…)
call :func:`require` — it skips locally when the tool is missing, and FAILS under
``CI=true`` so that nothing is silently skipped in CI.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, what: str) -> None:
    """Skip (locally) or fail (under CI=true) when ``condition`` is false."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required for this test but missing under CI: {what}", pytrace=False)
    pytest.skip(f"missing: {what}")


SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"


def require_program(name: str, *, system: bool = False) -> str:
    """Return the path of an executable on PATH (or the sbin dirs), or skip/fail.

    ``system=True`` looks only in the system folders: some Python packages in
    the venv install console scripts named like Debian tools (pynetdicom's
    ``storescu`` shadows dcmtk's).
    """
    if system:
        path = shutil.which(name, path=SYSTEM_PATH)
    else:
        path = shutil.which(name) or shutil.which(name, path=SYSTEM_PATH)
    require(path is not None, f"program {name!r}")
    assert path is not None
    return path


def require_display() -> None:
    """A real X display (Xvfb) for Qt+VTK windows."""
    require(bool(os.environ.get("DISPLAY")), "an X display (run under xvfb-run)")


@pytest.fixture(scope="session")
def synth_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All synthetic cases, generated once per session (seed 0)."""
    from minihub.synth import write_cases

    root = tmp_path_factory.mktemp("synth")
    write_cases(root, seed=0)
    return root


@pytest.fixture(scope="module")
def secured_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """minihub over TLS (self-signed) with the radiologist ``drx`` and the ED user ``ed-a``."""
    from minihub.auth import hash_password
    from minihub.server import HubServer
    from tests.app.hub.scripted import PASSWORD, self_signed_certificate

    folder = tmp_path_factory.mktemp("secured")
    cert, key = self_signed_certificate(folder)
    users = folder / "users.json"
    users.write_text(json.dumps({"users": [
        {"name": "drx", "password": hash_password(PASSWORD, iterations=1000),
         "roles": ["radiologist"]},
        {"name": "ed-a", "password": hash_password("ed pass", iterations=1000),
         "roles": ["ed"], "site": "SITE A"},
    ]}))  # fmt: skip
    with HubServer(folder / "data", users_file=users, tls_cert=cert, tls_key=key) as server:
        yield server.base_url, cert
