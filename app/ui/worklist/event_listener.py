"""The UPS event channel in its own thread (STYLE.md point 6): never blocks the UI.

:class:`EventListener` iterates :meth:`app.hub.events.EventChannel.events` in
a ``QThread`` and re-emits what it yields as queued signals, received on the
GUI thread: ``event_received(UpsEvent)`` and ``status_changed(ChannelChange)``.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from app.hub.events import ChannelChange, EventChannel, UpsEvent


class EventListener(QThread):
    event_received = Signal(object)  # UpsEvent
    status_changed = Signal(object)  # ChannelChange

    def __init__(self, channel: EventChannel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self._stop = threading.Event()

    def run(self) -> None:
        for item in self.channel.events(self._stop):
            if isinstance(item, UpsEvent):
                self.event_received.emit(item)
            elif isinstance(item, ChannelChange):
                self.status_changed.emit(item)

    def stop(self, wait_ms: int = 5000) -> bool:
        """Ask the thread to end, close the WebSocket, wait; True when it ended."""
        self._stop.set()
        self.channel.close()
        return bool(self.wait(wait_ms))
