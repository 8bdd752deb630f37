"""Background work off the GUI thread (STYLE.md point 6).

Core functions stay synchronous; the UI runs them here and gets the result or
the error back on the GUI thread through queued signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; its signals cross back from the worker."""

    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            self._report("failed", exc)
        else:
            self._report("done", result)

    def _report(self, which: str, value: Any) -> None:
        try:
            getattr(self.relay, which).emit(value)
        except RuntimeError:  # its owner (a window) was closed meanwhile: nobody to tell
            log.debug("a background task ended after its window was closed")


class Worker(QObject):
    """Runs callables on a thread pool; results come back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            handler(value)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda exc: finish(on_failed, exc))
        self.pool.start(_Task(fn, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for running tasks (tests, shutdown)."""
        return bool(self.pool.waitForDone(msecs))
