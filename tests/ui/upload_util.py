"""Real hub clients that stop part-way through an ED upload (a pause, a hub outage)."""

from __future__ import annotations

import threading
from typing import Any

from app.hub.client import HttpHub
from minihub.server import HubServer
from tests.hub_util import FAST


class PausesMidUpload(HttpHub):
    """A real client whose second STOW waits until the test lets it go on."""

    def __init__(self, url: str) -> None:
        super().__init__(url, retry=FAST)
        self.stores = 0
        self.paused = threading.Event()
        self.go_on = threading.Event()

    def store_instances(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.stores += 1
        if self.stores == 2:
            self.paused.set()
            self.go_on.wait(10)
        return super().store_instances(*args, **kwargs)


class StopsMidUpload(HttpHub):
    """A real client on a real hub that stops the hub before its ``stop_at``-th STOW."""

    def __init__(self, server: HubServer, stop_at: int) -> None:
        super().__init__(server.base_url, retry=FAST, connect_timeout_s=1.0, read_timeout_s=10)
        self.server = server
        self.stop_at = stop_at
        self.stores = 0
        self.lock = threading.Lock()

    def store_instances(self, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            self.stores += 1
            if self.stores == self.stop_at:
                self.server.stop()
        return super().store_instances(*args, **kwargs)
