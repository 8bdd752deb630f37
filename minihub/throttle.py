"""Failure throttling for password checks: per client address and per user name.

A :class:`FailureThrottle` counts failures per key (an address, a user name) in a
sliding window. Once a key has ``threshold`` failures in the window it is locked:
the first lock lasts ``base_lock_s``, each further lock (a failure after the previous
one expired, still within the window) twice as long, up to ``max_lock_s``. A success
clears the key. The table holds at most ``max_keys`` keys; the least recently
touched one is evicted first, and keys whose window and lock have passed are
dropped as they are met. The clock is injected (``clock``, seconds, monotonic) so
that tests never sleep.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field


@dataclass
class _Entry:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0
    locks: int = 0


class FailureThrottle:
    """Sliding-window failure counter with exponential lock-out per key."""

    def __init__(
        self,
        *,
        threshold: int = 5,
        window_s: float = 900.0,
        base_lock_s: float = 1.0,
        max_lock_s: float = 300.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if threshold < 1 or max_keys < 1:
            raise ValueError("threshold and max_keys must be at least 1")
        self.threshold = threshold
        self.window_s = window_s
        self.base_lock_s = base_lock_s
        self.max_lock_s = max_lock_s
        self.max_keys = max_keys
        self.clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def _prune(self, entry: _Entry, now: float) -> None:
        while entry.failures and entry.failures[0] <= now - self.window_s:
            entry.failures.popleft()

    def locked_for(self, key: Hashable) -> float:
        """Seconds until ``key`` may try again (0.0: not locked)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return 0.0
            now = self.clock()
            remaining = entry.locked_until - now
            if remaining > 0:
                return remaining
            self._prune(entry, now)
            if not entry.failures:
                del self._entries[key]  # window and lock passed: forget the key
            return 0.0

    def retry_after(self, key: Hashable) -> int:
        """:meth:`locked_for` as whole seconds for a ``Retry-After`` header (0: not locked)."""
        remaining = self.locked_for(key)
        return max(1, math.ceil(remaining)) if remaining > 0 else 0

    def failure(self, key: Hashable) -> float:
        """Record a failure; returns the lock it caused in seconds (0.0: none)."""
        with self._lock:
            now = self.clock()
            entry = self._entries.pop(key, None) or _Entry()
            self._entries[key] = entry  # most recently touched last
            self._prune(entry, now)
            if not entry.failures:
                entry.locks = 0  # a quiet window forgets earlier lock-outs
            entry.failures.append(now)
            while len(entry.failures) > self.threshold:
                entry.failures.popleft()  # the window only needs to know "threshold reached"
            while len(self._entries) > self.max_keys:
                self._entries.popitem(last=False)
            if len(entry.failures) < self.threshold or entry.locked_until > now:
                return 0.0
            duration = min(self.base_lock_s * 2.0**entry.locks, self.max_lock_s)
            entry.locks = min(entry.locks + 1, 62)
            entry.locked_until = now + duration
            return duration

    def success(self, key: Hashable) -> None:
        """Forget every failure of ``key``."""
        with self._lock:
            self._entries.pop(key, None)
