"""The one retry backoff of the client: exponential, capped, optional jitter and ``Retry-After``.

Used by the hub transport between tries of one call (:class:`app.hub.transport.RetryPolicy`),
by the event channel between reconnections (:func:`app.hub.events.reconnect_delay`) and by the
outbox between deliveries (:class:`app.outbox.store.Outbox`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass


def retry_after_s(header: str | None) -> float | None:
    """The seconds of a ``Retry-After: <seconds>`` header (RFC 9110 10.2.3); None otherwise."""
    if header and header.strip().isdigit():
        return float(header.strip())
    return None


@dataclass(frozen=True)
class Backoff:
    """Wait before retry n: ``first_s × factor**(n-1)``, at most ``max_s``.

    ``jitter = (low, high)`` then multiplies the wait by ``1 + uniform(low, high)`` so that
    clients do not hammer a recovering hub in step. The defaults are the outbox's: 10 s, 20 s,
    40 s… at most 5 minutes, no jitter.
    """

    first_s: float = 10.0
    factor: float = 2.0
    max_s: float = 300.0
    jitter: tuple[float, float] = (0.0, 0.0)

    def seconds(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based).

        A ``Retry-After`` in seconds lengthens the wait, never beyond ``max_s``.
        """
        wait = min(self.max_s, self.first_s * self.factor ** max(0, attempt - 1))
        asked = retry_after_s(retry_after)
        if asked is not None:
            wait = min(max(wait, asked), self.max_s)
        low, high = self.jitter
        if low or high:
            wait *= 1.0 + random.uniform(low, high)
        return float(wait)

    def delay(self, attempt: int) -> dt.timedelta:
        """:meth:`seconds` as a duration."""
        return dt.timedelta(seconds=self.seconds(attempt))
