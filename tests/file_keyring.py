"""A keyring backend in a JSON file, for tests that run ``strokelink`` in a subprocess.

It stands in for the OS secret store across processes (the sealed request
states of one run must open in the next, as with a real keyring). Select it
with ``PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring`` and name the
file in ``STROKELINK_TEST_KEYRING`` (see :func:`subprocess_env`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "STROKELINK_TEST_KEYRING"


def subprocess_env(file: Path) -> dict[str, str]:
    """The environment of a subprocess that uses the keyring kept in ``file``."""
    repo = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (repo, os.environ.get("PYTHONPATH", "")) if p)
    return {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        ENV: str(file),
        "PYTHONPATH": path,
    }


class FileKeyring(KeyringBackend):
    """Secrets in the JSON file named by ``$STROKELINK_TEST_KEYRING`` (tests only)."""

    priority = 1  # type: ignore[assignment]

    def _file(self) -> Path:
        return Path(os.environ[ENV])

    def _secrets(self) -> dict[str, str]:
        try:
            data = json.loads(self._file().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._secrets()
        secrets[f"{service}\0{username}"] = password
        self._file().write_text(json.dumps(secrets), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._secrets()
        if secrets.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError("no such secret")
        self._file().write_text(json.dumps(secrets), encoding="utf-8")
