"""A keyring backend in a JSON file, for the screenshot run only.

The screenshots run in a throw-away HOME: the app's master key and any hub
password go to ``$STROKELINK_SHOTS_KEYRING`` (a file in that temporary
folder), never to the real user's keyring. Selected with
``PYTHON_KEYRING_BACKEND=shots.file_keyring.FileKeyring`` (``scripts`` on
``PYTHONPATH``), as ``scripts/screenshots.sh`` does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "STROKELINK_SHOTS_KEYRING"


class FileKeyring(KeyringBackend):
    """Secrets in the JSON file named by ``$STROKELINK_SHOTS_KEYRING``."""

    priority = 1

    def _file(self) -> Path:
        return Path(os.environ[ENV])

    def _secrets(self) -> dict[str, str]:
        try:
            data = json.loads(self._file().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def _write(self, secrets: dict[str, str]) -> None:
        self._file().write_text(json.dumps(secrets), encoding="utf-8")
        self._file().chmod(0o600)

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._secrets()
        secrets[f"{service}\0{username}"] = password
        self._write(secrets)

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._secrets()
        if secrets.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError("no such secret")
        self._write(secrets)
