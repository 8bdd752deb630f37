"""The UPS event channel, client side (PS3.18 11.10-11.14, PS3.4 CC.2.3-CC.2.4). No Qt.

A watcher subscribes to the hub's worklist with the *global subscription*
(``POST {SERVICE}/workitems/1.2.840.10008.5.1.4.34.5/subscribers/{AETitle}``),
then opens the event channel, a WebSocket at ``{SERVICE}/subscribers/{AETitle}``
with the ``ws``/``wss`` scheme ("Open Event Channel"). The hub sends one DICOM
JSON dataset per event ("Send Event Report"): (0000,1000) Affected SOP Instance
UID, (0000,1002) Event Type ID (PS3.4 Table CC.2.4-1) and the event
information, e.g. (0074,1000) Procedure Step State or (0074,1238) Reason For
Cancellation.

:meth:`EventChannel.events` yields :class:`UpsEvent` s and
:class:`ChannelChange` s (connected, disconnected, unsupported) for as long as
the caller's ``stop`` event is not set (``DISCONNECTED`` once per outage); it
reconnects with exponential backoff and re-subscribes each time (subscribing
again is harmless, and a restarted hub may have lost nothing or everything).
After every (re)connection events may have been missed: callers re-read the worklist when they see
``CONNECTED``. A hub without an event channel answers the subscription with
404, 405 or 501: that ends the iteration with ``UNSUPPORTED``, and callers
fall back to polling. Synchronous and blocking: run it off the GUI thread.
"""

from __future__ import annotations

import enum
import json
import logging
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from app.hub.backoff import Backoff
from app.hub.client import HttpHub
from app.hub.errors import HubError, MalformedAnswer
from app.hub.protocol import JsonDataset

#: Seconds after the hub closed the channel before its absence is a WARNING (a restart is
#: quick; an outage that goes on is not).
WARN_AFTER_S = 30.0

log = logging.getLogger("app.hub")

#: The well-known UID of the global subscription (PS3.4 CC.2.3).
GLOBAL_SUBSCRIPTION = "1.2.840.10008.5.1.4.34.5"
#: Statuses meaning "this hub has no UPS event channel".
NO_CHANNEL_STATUSES = frozenset({404, 405, 501})
AFFECTED_SOP_INSTANCE_UID = "00001000"
EVENT_TYPE_ID = "00001002"
PROCEDURE_STEP_STATE = "00741000"
REASON_FOR_CANCELLATION = "00741238"
CONTACT_DISPLAY_NAME = "0074100C"


class EventType(enum.IntEnum):
    """(0000,1002) Event Type ID of UPS events (PS3.4 Table CC.2.4-1)."""

    STATE_REPORT = 1
    CANCEL_REQUESTED = 2
    PROGRESS_REPORT = 3
    SCP_STATUS_CHANGE = 4
    ASSIGNED = 5


@dataclass(frozen=True)
class UpsEvent:
    """One event report. ``event_type`` is an :class:`EventType` value (or unknown int)."""

    event_type: int
    workitem_uid: str
    state: str = ""  # (0074,1000), when the report carries it
    reason: str = ""  # (0074,1238) Reason For Cancellation
    contact: str = ""  # (0074,100C) Contact Display Name
    dataset: JsonDataset = field(default_factory=dict, compare=False, repr=False)


class ChannelStatus(enum.Enum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class ChannelChange:
    """The channel opened, dropped (``detail`` says why, without patient data) or is absent."""

    status: ChannelStatus
    detail: str = ""


class NoEventChannel(HubError):
    """The hub offers no UPS event channel: poll the worklist instead."""


def _first(dataset: JsonDataset, tag: str) -> Any:
    values = (dataset.get(tag) or {}).get("Value") or [None]
    return values[0]


def parse_event_report(message: str | bytes) -> UpsEvent:
    """Read one event report message; raises :class:`MalformedAnswer`."""
    try:
        data = json.loads(message)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedAnswer("the hub sent an event report that is not JSON") from exc
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise MalformedAnswer("the hub sent an event report that is not a DICOM JSON dataset")
    uid = _first(data, AFFECTED_SOP_INSTANCE_UID)
    kind = _first(data, EVENT_TYPE_ID)
    if not uid or not isinstance(kind, int | str) or not str(kind).isdigit():
        raise MalformedAnswer("the hub sent an event report without its workitem or event type")
    return UpsEvent(
        event_type=int(kind),
        workitem_uid=str(uid),
        state=str(_first(data, PROCEDURE_STEP_STATE) or ""),
        reason=str(_first(data, REASON_FOR_CANCELLATION) or ""),
        contact=str(_first(data, CONTACT_DISPLAY_NAME) or ""),
        dataset=data,
    )


def aetitle_for(user: str, prefix: str = "SL_") -> str:
    """An AE Title for this user's watcher: ``SL_`` + letters and digits, 16 at most."""
    cleaned = re.sub(r"[^A-Z0-9_]", "", user.upper())
    return (prefix + (cleaned or "USER"))[:16]


def event_channel_url(base_url: str, aetitle: str) -> str:
    """``{SERVICE}/subscribers/{AETitle}`` with the ws/wss scheme."""
    base = base_url.rstrip("/")
    if base.startswith("https://"):
        base = "wss://" + base[len("https://") :]
    elif base.startswith("http://"):
        base = "ws://" + base[len("http://") :]
    return f"{base}/subscribers/{quote(aetitle, safe='')}"


def closed_words(exc: ConnectionClosed) -> str:
    """How the WebSocket closed, in words for the log: the close code and reason, if any."""
    frame = exc.rcvd or exc.sent
    if frame is None:
        return "no close frame"
    return f"code {frame.code}" + (f": {frame.reason}" if frame.reason else "")


def failure_words(exc: Exception) -> str:
    """Why the event channel could not be opened, for the status and the log (no traceback)."""
    if isinstance(exc, HubError):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return "the hub did not answer in time"
    if isinstance(exc, OSError):
        return "the hub could not be reached"
    return f"the event channel failed ({type(exc).__name__})"


def reconnect_delay(attempt: int, *, first_s: float = 1.0, longest_s: float = 30.0) -> float:
    """Seconds before reconnection ``attempt`` (1-based): 1, 2, 4, … 30 s, ±10 %."""
    return Backoff(first_s, 2.0, longest_s, (-0.1, 0.1)).seconds(attempt)


Connect = Callable[..., ClientConnection]


class EventChannel:
    """Subscription and WebSocket of one watcher (AE Title) on one :class:`HttpHub`.

    The subscription goes through the hub's transport (same session,
    credentials, timeouts); the WebSocket carries the session's
    ``Authorization`` header and honours its TLS verification. ``connect`` is
    injectable (tests); ``delay`` gives the wait before reconnection attempt n.
    """

    def __init__(
        self,
        hub: HttpHub,
        aetitle: str,
        *,
        connect: Connect = connect,
        open_timeout_s: float = 5.0,
        delay: Callable[[int], float] = reconnect_delay,
        warn_after_s: float = WARN_AFTER_S,
    ) -> None:
        self.hub = hub
        self.aetitle = aetitle
        self.warn_after_s = warn_after_s
        self._connect = connect
        self.open_timeout_s = open_timeout_s
        self.delay = delay
        self._ws: ClientConnection | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return event_channel_url(self.hub.base_url, self.aetitle)

    def _subscription_path(self) -> str:
        return f"/workitems/{GLOBAL_SUBSCRIPTION}/subscribers/{quote(self.aetitle, safe='')}"

    def subscribe(self) -> None:
        """Global subscription; :class:`NoEventChannel` when the hub has none."""
        try:
            self.hub.transport.request(
                "POST", self._subscription_path(), what="subscribing to the worklist",
                idempotent=True,
            ).close()  # fmt: skip
        except HubError as exc:
            if exc.status in NO_CHANNEL_STATUSES:
                raise NoEventChannel(
                    f"the hub at {self.hub.base_url} offers no worklist event channel",
                    status=exc.status,
                ) from exc
            raise

    def unsubscribe(self) -> None:
        """Remove this AE's subscriptions (``DELETE`` on the global subscription)."""
        self.hub.transport.request(
            "DELETE", self._subscription_path(), what="unsubscribing from the worklist",
            idempotent=True,
        ).close()  # fmt: skip

    def _headers(self) -> dict[str, str]:
        prepared = self.hub.session.prepare_request(requests.Request("GET", self.hub.base_url))
        return {
            name: str(prepared.headers[name])
            for name in ("Authorization", "User-Agent")
            if name in prepared.headers
        }

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self.url.startswith("wss://"):
            return None
        verify = self.hub.session.verify
        if verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        if isinstance(verify, str):
            return ssl.create_default_context(cafile=verify)
        return ssl.create_default_context()

    def open(self) -> ClientConnection:
        """Open the WebSocket (after :meth:`subscribe`)."""
        options: dict[str, Any] = {
            "additional_headers": self._headers(),
            "open_timeout": self.open_timeout_s,
        }
        context = self._ssl_context()
        if context is not None:
            options["ssl"] = context
        try:
            return self._connect(self.url, **options)
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status in NO_CHANNEL_STATUSES:
                raise NoEventChannel(
                    f"the hub at {self.hub.base_url} offers no worklist event channel",
                    status=status,
                ) from exc
            raise HubError(
                f"the hub at {self.hub.base_url} refused the event channel (HTTP {status})",
                status=status,
            ) from exc

    def close(self) -> None:
        """Close the open WebSocket, if any (from any thread): ``events`` then returns soon."""
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.close()

    def events(
        self, stop: threading.Event, *, poll_s: float = 0.5
    ) -> Iterator[UpsEvent | ChannelChange]:
        """Event reports and channel changes until ``stop`` is set (see the module doc)."""
        attempt = 0
        down = False  # DISCONNECTED was yielded and nothing since: say it once per outage
        warned = False  # a WARNING was logged for this outage
        closed_at = 0.0  # when the hub closed the channel (monotonic)
        while not stop.is_set():
            try:
                self.subscribe()
                with self.open() as ws:
                    with self._lock:
                        self._ws = ws
                    attempt, down, warned = 0, False, False
                    yield ChannelChange(ChannelStatus.CONNECTED)
                    while not stop.is_set():
                        try:
                            message = ws.recv(timeout=poll_s)
                        except TimeoutError:
                            continue
                        try:
                            yield parse_event_report(message)
                        except MalformedAnswer as exc:
                            log.warning("hub: %s", exc)
            except NoEventChannel as exc:
                yield ChannelChange(ChannelStatus.UNSUPPORTED, str(exc))
                return
            except ConnectionClosed as exc:
                if stop.is_set():
                    break
                # The hub closed it (its restart or shutdown, a dropped link): not an error
                # of ours; the UI says the channel is lost, and it is opened again.
                log.info("hub: the event channel closed (%s); reconnecting", closed_words(exc))
                if not down:
                    down, closed_at = True, time.monotonic()
                    yield ChannelChange(ChannelStatus.DISCONNECTED, "the event channel closed")
            except (HubError, OSError, WebSocketException) as exc:
                if stop.is_set():
                    break
                detail = failure_words(exc)
                # Once per outage at WARNING (a hub that cannot be reached): at once, or,
                # after the hub closed the channel (a restart), once it has been away
                # warn_after_s (a restart that does not end); the other retries at DEBUG.
                away = time.monotonic() - closed_at
                loud = not warned and (not down or away >= self.warn_after_s)
                warned = warned or loud
                level = logging.WARNING if loud else logging.DEBUG
                log.log(level, "hub: event channel: %s", detail)
                if not down:
                    down = True
                    yield ChannelChange(ChannelStatus.DISCONNECTED, detail)
            finally:
                with self._lock:
                    self._ws = None
            attempt += 1
            stop.wait(self.delay(attempt))
