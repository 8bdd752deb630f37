"""Real hubs for the hub-client tests: a minihub and an Orthanc on 127.0.0.1.

Both live for the session of this package's tests (starting Orthanc costs a
second or two). Each test that changes a hub works on its own fresh UIDs.
Also an in-memory keyring backend: a test double of the OS secret store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.hub.client import HttpHub
from app.hub.transport import RetryPolicy
from tests.servers import OrthancServer, start_orthanc

FAST = RetryPolicy(attempts=2, backoff_s=0.01, max_backoff_s=0.02, jitter=0.0)


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (stands in for the OS store)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("no such secret")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install an in-memory keyring for the test, then put the previous one back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def minihub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from minihub.server import HubServer

    server = HubServer(tmp_path_factory.mktemp("minihub"))
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.fixture
def minihub(minihub_url: str) -> Iterator[HttpHub]:
    hub = HttpHub(minihub_url, retry=FAST)
    yield hub
    hub.close()


@pytest.fixture(scope="session")
def orthanc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    with start_orthanc(Path(tmp_path_factory.mktemp("orthanc"))) as server:
        yield server


@pytest.fixture
def orthanc(orthanc_server: OrthancServer) -> Iterator[HttpHub]:
    hub = HttpHub(orthanc_server.base_url, retry=FAST)
    yield hub
    hub.close()
