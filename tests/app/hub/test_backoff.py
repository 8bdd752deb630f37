"""The one backoff (app.hub.backoff) gives the waits its three users had."""

from __future__ import annotations

from app.hub.backoff import Backoff, retry_after_s
from app.hub.events import reconnect_delay
from app.hub.transport import RetryPolicy


def test_doubles_up_to_the_cap() -> None:
    backoff = Backoff(first_s=0.25, max_s=4.0)
    assert [backoff.seconds(n) for n in (1, 2, 3, 4, 5, 6, 20)] == [0.25, 0.5, 1, 2, 4, 4, 4]
    assert backoff.seconds(0) == 0.25  # no try yet: the first wait


def test_retry_after_lengthens_the_wait_up_to_the_cap() -> None:
    backoff = Backoff(first_s=1.0, max_s=10.0)
    assert backoff.seconds(1, "3") == 3.0
    assert backoff.seconds(1, " 60 ") == 10.0
    assert backoff.seconds(3, "1") == 4.0  # never shorter than the backoff
    assert backoff.seconds(1, "Wed, 21 Oct 2015 07:28:00 GMT") == 1.0  # a date: ignored
    assert retry_after_s(None) is None and retry_after_s("-1") is None


def test_jitter_stays_within_its_bounds() -> None:
    backoff = Backoff(first_s=1.0, max_s=30.0, jitter=(-0.1, 0.1))
    assert all(0.9 <= backoff.seconds(1) <= 1.1 for _ in range(200))


def test_transport_and_event_channel_use_it() -> None:
    policy = RetryPolicy(backoff_s=0.25, max_backoff_s=4.0, jitter=0.0)
    assert [policy.delay(n) for n in (1, 2, 3, 6)] == [0.25, 0.5, 1.0, 4.0]
    assert policy.delay(1, "2") == 2.0
    assert all(1.0 <= RetryPolicy(backoff_s=1.0).delay(1) <= 1.1 for _ in range(200))
    assert all(0.9 <= reconnect_delay(1) <= 1.1 for _ in range(200))
    assert all(27.0 <= reconnect_delay(7) <= 33.0 for _ in range(200))
