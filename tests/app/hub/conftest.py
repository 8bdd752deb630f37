"""Real hubs for the hub-client tests: a minihub and an Orthanc on 127.0.0.1.

Both live for the session of this package's tests (starting Orthanc costs a
second or two). Each test that changes a hub works on its own fresh UIDs.
Also an in-memory keyring backend: a test double of the OS secret store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.hub.client import HttpHub
from tests.hub_util import FAST, MemoryKeyring, memory_keyring, serve_minihub
from tests.servers import OrthancServer, start_orthanc

__all__ = ["FAST", "MemoryKeyring", "memory_keyring"]  # memory_keyring: a fixture


@pytest.fixture(scope="session")
def minihub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_minihub(tmp_path_factory.mktemp("minihub"))


@pytest.fixture
def minihub(minihub_url: str) -> Iterator[HttpHub]:
    with HttpHub(minihub_url, retry=FAST) as hub:
        yield hub


@pytest.fixture(scope="session")
def orthanc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    with start_orthanc(Path(tmp_path_factory.mktemp("orthanc"))) as server:
        yield server


@pytest.fixture
def orthanc(orthanc_server: OrthancServer) -> Iterator[HttpHub]:
    with HttpHub(orthanc_server.base_url, retry=FAST) as hub:
        yield hub
