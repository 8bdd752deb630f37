"""Does a hub profile work? Three checks, each explained in plain words. No Qt.

:func:`check_hub` runs, on a logged-in :class:`app.hub.client.HttpHub`:

1. a study search (QIDO-RS, ``limit=1``);
2. a worklist search (UPS-RS, ``/workitems``, ``limit=1``);
3. the event channel (radiologists' workstations): subscribe, open the
   WebSocket, close it, unsubscribe (under an AE Title of its own, so that a
   watcher's subscription is left alone).

Each gives a :class:`StepResult`: ok, or a :class:`Failure` kind and its
reason ("the hub refused the password", "the hub's certificate is not
trusted", …). When the hub cannot be reached, its certificate is not trusted
or it refuses the password, the later steps are not tried (they would fail the
same way). Used by ``strokelink profile test``; the wording of each kind is
:data:`REASONS` (a window words them itself, translated). Synchronous.
"""

from __future__ import annotations

import contextlib
import enum
import ssl
from dataclasses import dataclass

from websockets.exceptions import InvalidStatus, WebSocketException

from app.hub.client import HttpHub
from app.hub.errors import (
    AuthError,
    HubError,
    HubTimeout,
    HubUnreachable,
    NotFound,
    TlsError,
)
from app.hub.events import EventChannel, NoEventChannel, aetitle_for


class Step(enum.Enum):
    """What is checked, in order; the value is its label."""

    STUDIES = "search studies (QIDO-RS)"
    WORKLIST = "search the worklist (UPS-RS)"
    EVENTS = "event channel (WebSocket)"


class Failure(enum.Enum):
    PASSWORD = "password"
    FORBIDDEN = "forbidden"
    CERTIFICATE = "certificate"
    UNREACHABLE = "unreachable"
    NO_UPS = "no_ups"
    NO_EVENT_CHANNEL = "no_event_channel"
    EVENT_CHANNEL = "event_channel"
    HUB_ERROR = "hub_error"
    NOT_CHECKED = "not_checked"


#: The plain-word reason of each failure kind.
REASONS: dict[Failure, str] = {
    Failure.PASSWORD: "the hub refused the password",
    Failure.FORBIDDEN: "access forbidden for this user",
    Failure.CERTIFICATE: "the hub's certificate is not trusted",
    Failure.UNREACHABLE: "the hub cannot be reached",
    Failure.NO_UPS: "the hub does not offer UPS-RS (worklist)",
    Failure.NO_EVENT_CHANNEL: "the hub offers no event channel (the worklist would be polled)",
    Failure.EVENT_CHANNEL: "the event channel could not be opened",
    Failure.HUB_ERROR: "the hub answered with an error",
    Failure.NOT_CHECKED: "not checked (see above)",
}

#: Failures after which the later steps are not tried.
BLOCKING = frozenset({Failure.PASSWORD, Failure.CERTIFICATE, Failure.UNREACHABLE})


@dataclass(frozen=True)
class StepResult:
    step: Step
    failure: Failure | None = None
    detail: str = ""  # the HTTP status or error kind, no patient data

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def reason(self) -> str:
        """'' when ok, else the plain-word reason (with the detail in brackets)."""
        if self.failure is None:
            return ""
        text = REASONS[self.failure]
        return f"{text} ({self.detail})" if self.detail else text


def _http_failure(exc: HubError, step: Step) -> tuple[Failure, str]:
    if isinstance(exc, TlsError):
        return Failure.CERTIFICATE, ""
    if isinstance(exc, HubUnreachable | HubTimeout):
        return Failure.UNREACHABLE, "no answer in time" if isinstance(exc, HubTimeout) else ""
    if isinstance(exc, AuthError) or exc.status in (401, 403):
        return (Failure.PASSWORD, "") if exc.status == 401 else (Failure.FORBIDDEN, "")
    if step is Step.WORKLIST and (isinstance(exc, NotFound) or exc.status in (404, 405, 501)):
        return Failure.NO_UPS, f"HTTP {exc.status}"
    if step is Step.EVENTS:
        return Failure.EVENT_CHANNEL, f"HTTP {exc.status}" if exc.status else ""
    return Failure.HUB_ERROR, f"HTTP {exc.status}" if exc.status else type(exc).__name__


def _socket_failure(exc: BaseException) -> tuple[Failure, str]:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Failure.CERTIFICATE, ""
    if isinstance(exc, InvalidStatus):
        status = exc.response.status_code
        if status == 401:
            return Failure.PASSWORD, ""
        if status == 403:
            return Failure.FORBIDDEN, ""
        return Failure.EVENT_CHANNEL, f"HTTP {status}"
    if isinstance(exc, ConnectionError | TimeoutError):
        return Failure.UNREACHABLE, ""
    return Failure.EVENT_CHANNEL, type(exc).__name__


def _check_events(hub: HttpHub, aetitle: str, open_timeout_s: float) -> None:
    channel = EventChannel(hub, aetitle, open_timeout_s=open_timeout_s)
    channel.subscribe()
    try:
        channel.open().close()
    finally:
        # a stale subscription of the checker's own AE Title harms nobody
        with contextlib.suppress(HubError):
            channel.unsubscribe()


def run_step(
    hub: HttpHub, step: Step, *, user: str = "", open_timeout_s: float = 5.0
) -> StepResult:
    """One check; never raises for what a hub or the network can do."""
    try:
        if step is Step.STUDIES:
            hub.search_studies(limit=1)
        elif step is Step.WORKLIST:
            hub.search_workitems(limit=1)
        else:
            _check_events(hub, aetitle_for(user, prefix="SLCHK_"), open_timeout_s)
    except NoEventChannel as exc:
        return StepResult(step, Failure.NO_EVENT_CHANNEL, f"HTTP {exc.status}")
    except HubError as exc:
        failure, detail = _http_failure(exc, step)
        return StepResult(step, failure, detail)
    except (OSError, WebSocketException) as exc:
        failure, detail = _socket_failure(exc)
        return StepResult(step, failure, detail)
    return StepResult(step)


def check_hub(
    hub: HttpHub,
    *,
    user: str = "",
    events: bool = True,
    open_timeout_s: float = 5.0,
) -> list[StepResult]:
    """Every :class:`Step` in order (the event channel only with ``events``: the ED's
    app polls, and the hub gives ED users no worklist-wide subscription); after a
    :data:`BLOCKING` failure, the later steps are NOT_CHECKED."""
    results: list[StepResult] = []
    for step in Step:
        if step is Step.EVENTS and not events:
            continue
        if any(r.failure in BLOCKING for r in results):
            results.append(StepResult(step, Failure.NOT_CHECKED))
            continue
        results.append(run_step(hub, step, user=user, open_timeout_s=open_timeout_s))
    return results
