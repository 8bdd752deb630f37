"""UPS subscriptions and the WebSocket event channel (PS3.18 11.10-11.14, PS3.4 CC.2.3).

====================================================================  ===========================
``POST /workitems/{uid}/subscribers/{AE}[?deletionlock=true]``        subscribe to one (201)
``POST /workitems/1.2.840.10008.5.1.4.34.5/subscribers/{AE}``         global subscription (201)
``POST /workitems/1.2.840.10008.5.1.4.34.5.1/subscribers/{AE}?{keys}``  filtered global (201)
``DELETE /workitems/{uid or global UID}/subscribers/{AE}``             unsubscribe (200)
``POST /workitems/1.2.840.10008.5.1.4.34.5/subscribers/{AE}/suspend``  suspend global (200)
``GET ws://…/dicom-web/subscribers/{AE}`` (WebSocket upgrade)          open the event channel
====================================================================  ===========================

The WebSocket is the "Open Event Channel" transaction: ``{SERVICE}`` (the
DICOMweb root) with the ``ws``/``wss`` scheme, then ``/subscribers/{AETitle}``.
Each UPS event for which the AE is subscribed is sent as one text message: a
DICOM JSON dataset (PS3.18 F.2) holding (0000,0002) Affected SOP Class UID,
(0000,1000) Affected SOP Instance UID, (0000,1002) Event Type ID (PS3.4 Table
CC.2.4-1: 1 State Report, 2 Cancel Requested, 3 Progress Report, 5 Assigned)
and the event information of PS3.4 Table CC.2.4-2 (e.g. (0074,1000) Procedure
Step State, (0040,4041) Input Readiness State, (0074,1238) Reason For
Cancellation).

Choices where the standard leaves room:

* subscriptions are kept in SQLite, so they survive a restart of the hub;
  events that happen while an AE has no open channel are not queued (a client
  re-reads the worklist when its channel opens);
* a new global (or filtered) subscription sends an initial State Report for
  each workitem that is not yet COMPLETED or CANCELED (matching the filter);
  a subscription to one workitem sends one for that workitem;
* suspending a global subscription turns it into subscriptions to the
  workitems that exist now (PS3.4 CC.2.3.3: no new ones are added);
  unsubscribing from the global UID removes every subscription of the AE;
* once a workitem is COMPLETED or CANCELED, subscriptions to it without a
  deletion lock are dropped after its final State Report.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from minihub.auth import User, principal, requesting_service, same_site, scoped_site
from minihub.events import EventKind, WorkitemEvent, WorklistEvents
from minihub.qido import BadQuery, element_matches, parse_attribute_id
from minihub.responses import HubError
from minihub.storage import Database
from minihub.worklist import T_PROGRESS_SEQ, T_STATE, UPS_PUSH_SOP_CLASS, Worklist

log = logging.getLogger("minihub.events")

#: Well-known UIDs naming the global subscriptions (PS3.4 CC.2.3, PS3.6 Annex A).
GLOBAL = "1.2.840.10008.5.1.4.34.5"
FILTERED_GLOBAL = "1.2.840.10008.5.1.4.34.5.1"
FINAL_STATES = ("COMPLETED", "CANCELED")
#: (0000,1002) Event Type ID per event (PS3.4 Table CC.2.4-1).
EVENT_TYPE_IDS = {
    EventKind.STATE_REPORT: 1,
    EventKind.CANCEL_REQUESTED: 2,
    EventKind.PROGRESS_REPORT: 3,
    EventKind.ASSIGNED: 5,
}
#: Event information copied from the workitem (PS3.4 Table CC.2.4-2).
EVENT_TAGS = {
    EventKind.STATE_REPORT: ("00741000", "00404041"),
    EventKind.CANCEL_REQUESTED: (),  # from (0074,1002), see _event_report
    EventKind.PROGRESS_REPORT: ("00741000", "00741002"),
    EventKind.ASSIGNED: ("00404034", "00404041"),
}
#: Reason For Cancellation and contact details, from (0074,1002).
CANCEL_TAGS = ("00741238", "0074100E", "0074100C", "0074100A", "00404052")
#: Events kept for one channel that does not read them; older ones are dropped.
CHANNEL_BACKLOG = 1000

SCHEMA = """
CREATE TABLE IF NOT EXISTS ups_subscriptions (
    aetitle TEXT NOT NULL,
    target TEXT NOT NULL,
    filter TEXT NOT NULL DEFAULT '[]',
    deletion_lock INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    PRIMARY KEY (aetitle, target)
);
"""


OWNERS_SCHEMA = """
CREATE TABLE IF NOT EXISTS ups_subscription_owners (
    aetitle TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    owner_performs INTEGER NOT NULL DEFAULT 0
);
"""


def valid_aetitle(value: str) -> bool:
    """An AE Title (PS3.5 Table 6.2-1, AE): 1-16 characters, no backslash or control."""
    return (
        0 < len(value) <= 16
        and bool(value.strip())
        and all(32 <= ord(c) < 127 and c != "\\" for c in value)
    )


def _event_report(event: WorkitemEvent) -> dict[str, Any]:
    """The DICOM JSON message of one event (Send Event Report, PS3.4 CC.2.4)."""
    report: dict[str, Any] = {
        "00000002": {"vr": "UI", "Value": [UPS_PUSH_SOP_CLASS]},
        "00001000": {"vr": "UI", "Value": [event.workitem_uid]},
        "00001002": {"vr": "US", "Value": [EVENT_TYPE_IDS[event.kind]]},
    }
    for tag in EVENT_TAGS[event.kind]:
        if tag in event.dataset:
            report[tag] = event.dataset[tag]
    if event.kind in (EventKind.CANCEL_REQUESTED, EventKind.STATE_REPORT):
        progress = (event.dataset.get(T_PROGRESS_SEQ, {}).get("Value") or [{}])[0]
        for tag in CANCEL_TAGS:
            if tag in progress:
                report[tag] = progress[tag]
    if event.kind is EventKind.CANCEL_REQUESTED:
        report[T_STATE] = {"vr": "CS", "Value": [event.state]}
    return report


def _matches(dataset: dict[str, Any], keys: Sequence[tuple[str, str]]) -> bool:
    for name, value in keys:
        tag = parse_attribute_id(name)
        element = dataset.get(f"{tag:08X}")
        if not any(element_matches(element, v, tag) for v in value.split("\\")):
            return False
    return True


@dataclass
class _Channel:
    """One open WebSocket: its event loop and the queue its sender reads."""

    aetitle: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[str]

    def put(self, message: str) -> None:
        """Called in the loop's thread (via ``call_soon_threadsafe``)."""
        if self.queue.full():
            self.queue.get_nowait()  # drop the oldest: the client re-reads on resync
        self.queue.put_nowait(message)


class Subscriptions:
    """The subscriptions of every AE, and the channels open right now."""

    def __init__(self, db: Database, worklist: Worklist, events: WorklistEvents) -> None:
        self.db = db
        self.worklist = worklist
        self._channels: list[_Channel] = []
        self._lock = threading.Lock()
        db.add_schema(SCHEMA)
        self.unsubscribe_events = events.subscribe(self._on_event)

    # --- subscriptions ---------------------------------------------------------

    def subscribe(
        self, aetitle: str, target: str, *, deletion_lock: bool = False,
        keys: Sequence[tuple[str, str]] = (),
    ) -> None:  # fmt: skip
        """Subscribe transaction (PS3.18 11.10); sends the initial State Reports."""
        if target != FILTERED_GLOBAL and keys:
            raise HubError(400, "only the filtered global subscription takes matching keys")
        try:
            for name, _ in keys:
                parse_attribute_id(name)
        except BadQuery as exc:
            raise HubError(400, str(exc)) from None
        if target in (GLOBAL, FILTERED_GLOBAL):
            initial = [
                ds
                for ds in self.worklist.search([])
                if _state(ds) not in FINAL_STATES and _matches(ds, keys)
            ]
        else:
            initial = [self.worklist.get(target)]  # 404 when there is no such workitem
            if _state(initial[0]) in FINAL_STATES and not deletion_lock:
                raise HubError(400, "the workitem is already COMPLETED or CANCELED")
        with self.db.writing() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO ups_subscriptions"
                " (aetitle, target, filter, deletion_lock, created) VALUES (?, ?, ?, ?, ?)",
                (aetitle, target, json.dumps(list(keys)), int(deletion_lock), time.time()),
            )
        for dataset in initial:
            uid = str(dataset.get("00080018", {}).get("Value", [""])[0])
            event = WorkitemEvent(EventKind.STATE_REPORT, uid, _state(dataset), dataset)
            self._send({aetitle}, _event_report(event))

    def unsubscribe(self, aetitle: str, target: str) -> None:
        """Unsubscribe transaction; the global UID removes every subscription."""
        with self.db.writing() as conn:
            if target == GLOBAL:
                conn.execute("DELETE FROM ups_subscriptions WHERE aetitle = ?", (aetitle,))
            else:
                conn.execute(
                    "DELETE FROM ups_subscriptions WHERE aetitle = ? AND target = ?",
                    (aetitle, target),
                )
            left = conn.execute(
                "SELECT 1 FROM ups_subscriptions WHERE aetitle = ?", (aetitle,)
            ).fetchone()
            if left is None:  # no subscription left: the AE Title is free again
                with contextlib.suppress(sqlite3.OperationalError):  # no owners table
                    conn.execute(
                        "DELETE FROM ups_subscription_owners WHERE aetitle = ?", (aetitle,)
                    )

    def suspend(self, aetitle: str) -> None:
        """Suspend Global Subscription transaction: keep the workitems of now only."""
        open_uids = [
            str(ds.get("00080018", {}).get("Value", [""])[0])
            for ds in self.worklist.search([])
            if _state(ds) not in FINAL_STATES
        ]
        with self.db.writing() as conn:
            row = conn.execute(
                "SELECT deletion_lock FROM ups_subscriptions WHERE aetitle = ? AND target = ?",
                (aetitle, GLOBAL),
            ).fetchone()
            if row is None:
                raise HubError(404, "this AE has no global subscription")
            conn.execute(
                "DELETE FROM ups_subscriptions WHERE aetitle = ? AND target = ?",
                (aetitle, GLOBAL),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO ups_subscriptions"
                " (aetitle, target, deletion_lock, created) VALUES (?, ?, ?, ?)",
                [(aetitle, uid, row["deletion_lock"], time.time()) for uid in open_uids],
            )

    def subscribers_of(self, event: WorkitemEvent) -> set[str]:
        """The AEs an event goes to."""
        rows = (
            self.db.connection()
            .execute(
                "SELECT aetitle, target, filter FROM ups_subscriptions WHERE target IN (?, ?, ?)",
                (event.workitem_uid, GLOBAL, FILTERED_GLOBAL),
            )
            .fetchall()
        )
        found = set()
        for row in rows:
            if row["target"] == FILTERED_GLOBAL and not _matches(
                event.dataset, [tuple(k) for k in json.loads(row["filter"])]
            ):
                continue
            found.add(str(row["aetitle"]))
        return found

    # --- channels --------------------------------------------------------------

    def open_channel(self, aetitle: str, loop: asyncio.AbstractEventLoop) -> _Channel:
        channel = _Channel(aetitle, loop, asyncio.Queue(maxsize=CHANNEL_BACKLOG))
        with self._lock:
            self._channels.append(channel)
        return channel

    def close_channel(self, channel: _Channel) -> None:
        with self._lock:
            if channel in self._channels:
                self._channels.remove(channel)

    def _send(self, aetitles: set[str], report: dict[str, Any]) -> None:
        message = json.dumps(report, separators=(",", ":"), ensure_ascii=False)
        with self._lock:
            channels = [c for c in self._channels if c.aetitle in aetitles]
        for channel in channels:
            try:
                channel.loop.call_soon_threadsafe(channel.put, message)
            except RuntimeError:  # the loop has closed: the channel is going away
                self.close_channel(channel)

    def _on_event(self, event: WorkitemEvent) -> None:
        """Published by the worklist after each committed change (any thread)."""
        self._send(self.subscribers_of(event), _event_report(event))
        if event.kind is EventKind.STATE_REPORT and event.state in FINAL_STATES:
            with self.db.writing() as conn:
                conn.execute(
                    "DELETE FROM ups_subscriptions WHERE target = ? AND deletion_lock = 0",
                    (event.workitem_uid,),
                )


def _state(dataset: dict[str, Any]) -> str:
    return str((dataset.get(T_STATE, {}).get("Value") or [""])[0])


class EventService:
    """The HTTP and WebSocket routes of the subscriptions."""

    def __init__(self, subscriptions: Subscriptions) -> None:
        self.subscriptions = subscriptions
        subscriptions.db.add_schema(OWNERS_SCHEMA)
        with subscriptions.db.writing() as conn:  # a table made before owner_performs
            columns = {row[1] for row in conn.execute("PRAGMA table_info(ups_subscription_owners)")}
            if "owner_performs" not in columns:
                conn.execute(
                    "ALTER TABLE ups_subscription_owners "
                    "ADD COLUMN owner_performs INTEGER NOT NULL DEFAULT 0"
                )

    # --- authorisation (only with --users; see docs/minihub.md) ----------------

    def _owner(self, aetitle: str) -> tuple[str, bool] | None:
        """(owner, whether the owner is a radiologist or admin), or None when unowned."""
        row = (
            self.subscriptions.db.connection()
            .execute(
                "SELECT owner, owner_performs FROM ups_subscription_owners WHERE aetitle = ?",
                (aetitle,),
            )
            .fetchone()
        )
        return None if row is None else (str(row[0]), bool(row[1]))

    def _may_use(self, user: User | None, aetitle: str) -> bool:
        """The AE title's owner, an admin, or a radiologist when the AE is unowned or an
        ED user's (an ED user never locks a radiologist out of a channel)."""
        if user is None or user.is_admin:
            return True
        owner = self._owner(aetitle)
        if owner is None:
            return user.performs
        return owner[0] == user.name or (user.performs and not owner[1])

    def _check_subscribe(self, request: Request, target: str, aetitle: str) -> None:
        user = principal(request)
        if user is None:
            return
        site = scoped_site(request)
        if site is not None:
            if target in (GLOBAL, FILTERED_GLOBAL):
                raise HubError(403, "an ED user subscribes to its own workitems only")
            dataset = self.subscriptions.worklist.get(target)
            if not same_site(requesting_service(dataset), site):
                raise HubError(404, "no such workitem")
        with self.subscriptions.db.writing() as conn:  # check and claim at once
            row = conn.execute(
                "SELECT owner, owner_performs FROM ups_subscription_owners WHERE aetitle = ?",
                (aetitle,),
            ).fetchone()
            if row is None:
                used = conn.execute(
                    "SELECT 1 FROM ups_subscriptions WHERE aetitle = ?", (aetitle,)
                ).fetchone()
                if used is not None and not user.performs:
                    raise HubError(403, "this AE Title's subscriptions belong to another user")
                if used is None:  # the first user to subscribe with an AE Title owns it
                    conn.execute(
                        "INSERT INTO ups_subscription_owners (aetitle, owner, owner_performs) "
                        "VALUES (?, ?, ?)",
                        (aetitle, user.name, int(user.performs)),
                    )
            elif row[0] != user.name and not user.is_admin:
                if not (user.performs and not row[1]):
                    raise HubError(403, "this AE Title's subscriptions belong to another user")
                # An ED user holds a radiologist's AE Title (e.g. took it first): the
                # radiologist takes it back, and the ED user's subscriptions under it go.
                conn.execute("DELETE FROM ups_subscriptions WHERE aetitle = ?", (aetitle,))
                conn.execute(
                    "UPDATE ups_subscription_owners SET owner = ?, owner_performs = 1 "
                    "WHERE aetitle = ?",
                    (user.name, aetitle),
                )

    def _check_owner(self, request: Request, aetitle: str) -> None:
        if not self._may_use(principal(request), aetitle):
            raise HubError(403, "only the owner of these subscriptions (or an admin) may")

    def routes(self) -> list[BaseRoute]:
        path = "/workitems/{workitem}/subscribers/{aetitle}"
        return [
            Route(path, self.subscribe, methods=["POST"]),
            Route(path, self.unsubscribe, methods=["DELETE"]),
            Route(path + "/suspend", self.suspend, methods=["POST"]),
            WebSocketRoute("/subscribers/{aetitle}", self.channel),
        ]

    @staticmethod
    def _target(request: Request) -> tuple[str, str]:
        aetitle = request.path_params["aetitle"]
        if not valid_aetitle(aetitle):
            raise HubError(400, "invalid AE Title")
        return request.path_params["workitem"], aetitle

    async def subscribe(self, request: Request) -> Response:
        target, aetitle = self._target(request)
        params = parse_qsl(request.url.query, keep_blank_values=True)
        lock = any(k.lower() == "deletionlock" and v.lower() == "true" for k, v in params)
        keys = [(k, v) for k, v in params if k.lower() != "deletionlock"]
        await run_in_threadpool(self._check_subscribe, request, target, aetitle)
        await run_in_threadpool(
            self.subscriptions.subscribe, aetitle, target, deletion_lock=lock, keys=keys
        )
        return Response(status_code=201)

    async def unsubscribe(self, request: Request) -> Response:
        target, aetitle = self._target(request)
        await run_in_threadpool(self._check_owner, request, aetitle)
        await run_in_threadpool(self.subscriptions.unsubscribe, aetitle, target)
        return Response(status_code=200)

    async def suspend(self, request: Request) -> Response:
        target, aetitle = self._target(request)
        if target != GLOBAL:
            raise HubError(400, "only a global subscription can be suspended")
        await run_in_threadpool(self._check_owner, request, aetitle)
        await run_in_threadpool(self.subscriptions.suspend, aetitle)
        return Response(status_code=200)

    async def channel(self, websocket: WebSocket) -> None:
        """Open Event Channel: send this AE's event reports until the client leaves."""
        aetitle = websocket.path_params["aetitle"]
        if not valid_aetitle(aetitle) or not self._may_use(principal(websocket), aetitle):
            await websocket.close(code=1008)
            return
        await websocket.accept()
        channel = self.subscriptions.open_channel(aetitle, asyncio.get_running_loop())
        receiver = asyncio.ensure_future(_until_closed(websocket))
        try:
            while True:
                getter = asyncio.ensure_future(channel.queue.get())
                done, _ = await asyncio.wait(
                    {getter, receiver}, return_when=asyncio.FIRST_COMPLETED
                )
                if getter not in done:
                    getter.cancel()
                    break
                await websocket.send_text(getter.result())
        except (WebSocketDisconnect, RuntimeError):
            pass  # the client went away mid-send
        finally:
            self.subscriptions.close_channel(channel)
            receiver.cancel()


async def _until_closed(websocket: WebSocket) -> None:
    """Read (and ignore) what the client sends, until it closes the channel."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
