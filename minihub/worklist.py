"""UPS workitems (PS3.4 Annex CC) stored in SQLite, driven by :mod:`ups_state`.

Each workitem is one row: its DICOM JSON (PS3.18 F.2) plus the search keys as
columns, so that the open-worklist search is an indexed SQL query and only the
returned rows' JSON is read. The Transaction UID (0008,1195) lives in its own
column and is never part of the stored or returned dataset.

Choices where the standard leaves room (see also :mod:`minihub.ups`):

* creation fills what a task manager may fill: (0074,1000) SCHEDULED,
  (0074,1200) MEDIUM, (0040,4041) READY, (0040,4005) now, (0008,0016) UPS Push
  SOP Class, (0040,4010) modification time; a Procedure Step State other than
  SCHEDULED, or a Transaction UID, in a new workitem is refused (400);
* updates replace top-level attributes; they are allowed on SCHEDULED
  workitems without a Transaction UID (PS3.4 CC.2.6) and on IN PROGRESS ones
  with the Transaction UID; the state and the UIDs cannot change through them;
* COMPLETED requires (0074,1216) Unified Procedure Step Performed Procedure
  Sequence with (0040,4050) start and (0040,4051) end DateTime and a non-empty
  (0040,4033) Output Information Sequence (the key Final State requirements
  of PS3.4 Table CC.2.5-3); CANCELED gets (0074,1002) > (0040,4052)
  Procedure Step Cancellation DateTime from the hub if absent;
* a cancellation request on an IN PROGRESS workitem is recorded in (0074,1002)
  Procedure Step Progress Information Sequence (Reason For Cancellation,
  Discontinuation Reason Code Sequence, Communications URI Sequence) so that
  polling performers see it, and published as "UPS Cancel Requested".
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pydicom.uid import generate_uid

from minihub.events import EventKind, WorkitemEvent, WorklistEvents
from minihub.qido import BadQuery, element_matches, glob_pattern, has_wildcard, parse_attribute_id
from minihub.responses import HubError
from minihub.storage import Database
from minihub.ups_state import (
    STATE_CONFLICT,
    ProcedureStepState,
    Transition,
    UpsEvent,
    state_change_event,
    transition,
    update_event,
)
from protocol.uids import is_uid

SCHEMA = """
CREATE TABLE IF NOT EXISTS workitems (
    uid TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    priority INTEGER NOT NULL,
    start_utc TEXT NOT NULL DEFAULT '',
    patient_id TEXT NOT NULL DEFAULT '',
    patient_name TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    accession TEXT NOT NULL DEFAULT '',
    study_uid TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    transaction_uid TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    dataset TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS workitems_open ON workitems(state, priority, start_utc);
CREATE INDEX IF NOT EXISTS workitems_patient ON workitems(patient_id);
CREATE INDEX IF NOT EXISTS workitems_study ON workitems(study_uid);
"""

UPS_PUSH_SOP_CLASS = "1.2.840.10008.5.1.4.34.6.1"
PRIORITIES = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}
READINESS = {"READY", "UNAVAILABLE", "INCOMPLETE"}
T_SOP_CLASS = "00080016"
T_SOP_INSTANCE = "00080018"
T_TRANSACTION = "00081195"
T_PATIENT_NAME = "00100010"
T_PATIENT_ID = "00100020"
T_ISSUER = "00100021"
T_STUDY = "0020000D"
T_START = "00404005"
T_SCHEDULED_PERFORMERS = "00404034"  # (0040,4034) Scheduled Human Performers Sequence
T_MODIFIED = "00404010"
T_READINESS = "00404041"
T_OUTPUT = "00404033"
T_PERFORMED_START = "00404050"
T_PERFORMED_END = "00404051"
T_CANCEL_DATETIME = "00404052"
T_REQUEST_SEQ = "0040A370"
T_ACCESSION = "00080050"
T_STATE = "00741000"
T_PROGRESS_SEQ = "00741002"
T_PRIORITY = "00741200"
T_LABEL = "00741204"
T_PERFORMED_SEQ = "00741216"
#: Attributes a cancellation request may carry (PS3.4 CC.2.4.1, Table CC.2.4-1).
CANCEL_REQUEST_TAGS = ("00741238", "0074100E", "0074100A", "0074100C")
ACCESSION_KEYS = {"accessionnumber", "00080050", "referencedrequestsequence.accessionnumber",
                  "0040a370.00080050"}  # fmt: skip
#: Attributes an update cannot change.
FIXED_ATTRIBUTES = (
    (T_STATE, "Procedure Step State"),
    (T_SOP_INSTANCE, "SOP Instance UID"),
    (T_SOP_CLASS, "SOP Class UID"),
)
DT_PATTERN = re.compile(r"^(\d{4,14})(\.\d{1,6})?([+-]\d{4})?$")


def now_dt() -> str:
    """The hub's clock as a DT value with its UTC offset."""
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S.%f+0000")


def normalise_datetime(value: str, *, upper: bool = False) -> str:
    """A DT value as UTC ``YYYYMMDDHHMMSS.FFFFFF`` (values without offset are UTC).

    Missing trailing components are filled with their smallest value, or with
    the largest one when ``upper`` (the end of a range).
    """
    match = DT_PATTERN.match(value.strip())
    if not match:
        raise ValueError(f"invalid DT value: {value!r}")
    digits, fraction, offset = match.groups()
    if len(digits) % 2:
        raise ValueError(f"invalid DT value: {value!r}")
    full = (digits + ("1231235959" if upper else "0101000000")[len(digits) - 4 :])[:14]
    if upper and len(digits) <= 6:  # month given, day missing: use the month's last day
        year, month = int(full[:4]), int(full[4:6])
        last = (datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        full = f"{full[:6]}{last:02d}{full[8:]}"
    micro = ((fraction or ".")[1:] + ("9" if upper else "0") * 6)[:6]
    stamp = datetime.strptime(full + micro, "%Y%m%d%H%M%S%f")
    if offset:
        sign = 1 if offset[0] == "+" else -1
        stamp -= sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
    return stamp.strftime("%Y%m%d%H%M%S.%f")


def _value(dataset: dict[str, Any], tag: str) -> Any:
    values = dataset.get(tag, {}).get("Value") or [None]
    return values[0]


def text_value(dataset: dict[str, Any], tag: str) -> str:
    value = _value(dataset, tag)
    if isinstance(value, dict):
        return str(value.get("Alphabetic", ""))
    return "" if value is None else str(value)


def _element(vr: str, *values: Any) -> dict[str, Any]:
    return {"vr": vr, "Value": list(values)} if values else {"vr": vr}


class Worklist:
    """The hub's workitems."""

    def __init__(self, db: Database, events: WorklistEvents) -> None:
        self.db = db
        self.events = events
        db.add_schema(SCHEMA)

    # --- reading -------------------------------------------------------------

    def get(self, uid: str) -> dict[str, Any]:
        row = (
            self.db.connection()
            .execute("SELECT dataset FROM workitems WHERE uid = ?", (uid,))
            .fetchone()
        )
        if row is None:
            raise HubError(404, "no such workitem")
        dataset: dict[str, Any] = json.loads(row["dataset"])
        return dataset

    def search(self, params: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
        """PS3.18 11.9: match, order by priority then scheduled start, page."""
        where: list[str] = []
        args: list[Any] = []
        post: dict[int, str] = {}
        limit: int | None = None
        offset = 0
        for name, value in params:
            lname = name.lower()
            if lname in ("limit", "offset"):
                if not value.isdigit():
                    raise HubError(400, f"{lname} must be a non-negative integer")
                if lname == "limit":
                    limit = int(value)
                else:
                    offset = int(value)
                continue
            if lname == "includefield":
                for item in value.split(","):  # validated; every attribute is returned
                    if item.strip() and item.strip().lower() != "all":
                        self._attribute(item)
                continue
            if lname == "fuzzymatching" or not value.strip() or value.strip() == "*":
                continue
            if lname in ACCESSION_KEYS:
                self._match(where, args, "accession", value)
                continue
            tag = self._attribute(name)
            column = _SEARCH_COLUMNS.get(f"{tag:08X}")
            if column == "start_utc":
                where.append("start_utc BETWEEN ? AND ?")
                args.extend(self._datetime_range(value))
            elif column == "priority":
                ranks = [PRIORITIES.get(v.strip().upper(), -1) for v in value.split("\\")]
                where.append(f"priority IN ({','.join('?' * len(ranks))})")
                args.extend(ranks)
            elif column is not None:
                self._match(
                    where, args, column, value.upper() if column == "patient_name" else value
                )
            else:
                post[tag] = value
        sql = "SELECT dataset FROM workitems"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY priority, start_utc, rowid"
        if not post:
            sql += " LIMIT ? OFFSET ?"
            args += [-1 if limit is None else limit, offset]
        rows = self.db.connection().execute(sql, args).fetchall()
        found = [json.loads(row["dataset"]) for row in rows]
        if post:
            found = [
                ds
                for ds in found
                if all(element_matches(ds.get(f"{t:08X}"), v, t) for t, v in post.items())
            ]
            found = found[offset : None if limit is None else offset + limit]
        return found

    @staticmethod
    def _attribute(name: str) -> int:
        try:
            return parse_attribute_id(name)
        except BadQuery as exc:
            raise HubError(400, str(exc)) from None

    @staticmethod
    def _match(where: list[str], args: list[Any], column: str, value: str) -> None:
        items = [v.strip() for v in value.split("\\") if v.strip()]
        if len(items) > 1:
            where.append(f"{column} IN ({','.join('?' * len(items))})")
            args.extend(items)
        elif has_wildcard(value):
            where.append(f"{column} GLOB ?")
            args.append(glob_pattern(value))
        else:
            where.append(f"{column} = ?")
            args.append(value)

    @staticmethod
    def _datetime_range(value: str) -> tuple[str, str]:
        low, sep, high = value.partition("-")
        if not sep:
            high = low
        try:
            return (
                normalise_datetime(low) if low else "0",
                normalise_datetime(high, upper=True) if high else "9",
            )
        except ValueError as exc:
            raise HubError(400, str(exc)) from None

    # --- changing ------------------------------------------------------------

    def create(self, dataset: dict[str, Any], uid: str | None) -> str:
        """Create a SCHEDULED workitem (PS3.18 11.4); returns its UID."""
        body_uid = text_value(dataset, T_SOP_INSTANCE)
        if uid and body_uid and uid != body_uid:
            raise HubError(400, "the workitem UID in the URL and in (0008,0018) differ")
        uid = uid or body_uid or generate_uid()
        if not is_uid(uid):
            raise HubError(400, "invalid workitem UID")
        if T_TRANSACTION in dataset:
            raise HubError(400, "a new workitem must not contain (0008,1195) Transaction UID")
        state = text_value(dataset, T_STATE)
        if state and state != ProcedureStepState.SCHEDULED.value:
            raise HubError(400, "a new workitem must be SCHEDULED")
        dataset = dict(dataset)
        dataset[T_STATE] = _element("CS", ProcedureStepState.SCHEDULED.value)
        dataset[T_SOP_INSTANCE] = _element("UI", uid)
        dataset.setdefault(T_SOP_CLASS, _element("UI", UPS_PUSH_SOP_CLASS))
        if not text_value(dataset, T_PRIORITY):
            dataset[T_PRIORITY] = _element("CS", "MEDIUM")
        if not text_value(dataset, T_READINESS):
            dataset[T_READINESS] = _element("CS", "READY")
        if not text_value(dataset, T_START):
            dataset[T_START] = _element("DT", now_dt())
        dataset[T_MODIFIED] = _element("DT", now_dt())
        columns = self._columns(dataset)
        now = time.time()
        with self.db.writing() as conn:
            if conn.execute("SELECT 1 FROM workitems WHERE uid = ?", (uid,)).fetchone():
                raise HubError(409, "a workitem with this UID already exists")
            conn.execute(
                "INSERT INTO workitems (uid, state, priority, start_utc, patient_id,"
                " patient_name, issuer, accession, study_uid, label, dataset, created, modified)"
                " VALUES (:uid, :state, :priority, :start_utc, :patient_id, :patient_name,"
                " :issuer, :accession, :study_uid, :label, :dataset, :now, :now)",
                {**columns, "uid": uid, "dataset": _dumps(dataset), "now": now},
            )
        self._publish(EventKind.STATE_REPORT, uid, dataset)
        return uid

    def update(self, uid: str, changes: dict[str, Any], transaction_uid: str | None) -> None:
        """Replace top-level attributes (PS3.18 11.6)."""
        body_transaction = text_value(changes, T_TRANSACTION) or None
        if transaction_uid and body_transaction and transaction_uid != body_transaction:
            raise HubError(400, "two different Transaction UIDs in the request")
        transaction_uid = transaction_uid or body_transaction
        changes = {tag: elem for tag, elem in changes.items() if tag != T_TRANSACTION}
        with self.db.writing() as conn:
            row = self._row(conn, uid)
            state = ProcedureStepState(row["state"])
            self._apply(transition(state, update_event(transaction_uid, row["transaction_uid"])))
            dataset = json.loads(row["dataset"])
            for tag, fixed in FIXED_ATTRIBUTES:
                current = dataset.get(tag, {}).get("Value")
                if tag in changes and changes[tag].get("Value") != current:
                    raise HubError(400, f"{fixed} cannot be changed by an update")
            if not changes:
                return  # nothing to change: the request only proves the transaction
            if T_PRIORITY in changes and text_value(changes, T_PRIORITY) not in PRIORITIES:
                raise HubError(400, "invalid (0074,1200) Scheduled Procedure Step Priority")
            dataset.update(changes)
            dataset[T_MODIFIED] = _element("DT", now_dt())
            self._save(conn, uid, dataset)
        self._publish(EventKind.PROGRESS_REPORT, uid, dataset)
        if T_SCHEDULED_PERFORMERS in changes:
            self._publish(EventKind.ASSIGNED, uid, dataset)

    def change_state(self, uid: str, requested: str, transaction_uid: str) -> Transition:
        """PS3.18 11.7; returns the transition (its reason is a Warning if any)."""
        try:
            wanted = ProcedureStepState(requested)
        except ValueError:
            raise HubError(400, f"invalid Procedure Step State {requested!r}") from None
        if not is_uid(transaction_uid):
            raise HubError(400, "missing or invalid (0008,1195) Transaction UID")
        with self.db.writing() as conn:
            row = self._row(conn, uid)
            state = ProcedureStepState(row["state"])
            event = state_change_event(wanted, transaction_uid, row["transaction_uid"])
            result = self._apply(transition(state, event))
            if result.new_state is None:
                return result
            dataset = json.loads(row["dataset"])
            if result.new_state is ProcedureStepState.COMPLETED:
                missing = final_state_problem(dataset)
                if missing:
                    raise HubError(
                        409,
                        f"{STATE_CONFLICT} (C304: the UPS has not met final state"
                        f" requirements: {missing})",
                    )
            if result.new_state is ProcedureStepState.CANCELED:
                _ensure_cancellation_datetime(dataset)
            dataset[T_STATE] = _element("CS", result.new_state.value)
            dataset[T_MODIFIED] = _element("DT", now_dt())
            stored_transaction = (
                transaction_uid if event is UpsEvent.CLAIM else row["transaction_uid"]
            )
            self._save(conn, uid, dataset, transaction_uid=stored_transaction)
        self._publish(EventKind.STATE_REPORT, uid, dataset)
        return result

    def request_cancel(self, uid: str, request: dict[str, Any]) -> Transition:
        """PS3.18 11.8: cancel a SCHEDULED workitem, or flag an IN PROGRESS one."""
        with self.db.writing() as conn:
            row = self._row(conn, uid)
            state = ProcedureStepState(row["state"])
            result = self._apply(transition(state, UpsEvent.REQUEST_CANCEL))
            if state.is_final:
                return result  # already CANCELED: nothing changes (Warning only)
            dataset = json.loads(row["dataset"])
            item = {tag: request[tag] for tag in CANCEL_REQUEST_TAGS if tag in request}
            progress = dataset.get(T_PROGRESS_SEQ, {}).get("Value") or [{}]
            progress[0] = {**progress[0], **item}
            dataset[T_PROGRESS_SEQ] = {"vr": "SQ", "Value": progress}
            if result.new_state is ProcedureStepState.CANCELED:
                _ensure_cancellation_datetime(dataset)
                dataset[T_STATE] = _element("CS", result.new_state.value)
            dataset[T_MODIFIED] = _element("DT", now_dt())
            self._save(conn, uid, dataset, cancel_requested=True)
        if result.new_state is ProcedureStepState.CANCELED:
            self._publish(EventKind.STATE_REPORT, uid, dataset)
        else:
            self._publish(EventKind.CANCEL_REQUESTED, uid, dataset)
        return result

    # --- helpers -------------------------------------------------------------

    @staticmethod
    def _apply(result: Transition) -> Transition:
        if result.refused:
            raise HubError(result.status, result.message)
        return result

    @staticmethod
    def _row(conn: Any, uid: str) -> Any:
        row = conn.execute(
            "SELECT state, transaction_uid, dataset FROM workitems WHERE uid = ?", (uid,)
        ).fetchone()
        if row is None:
            raise HubError(404, "no such workitem")
        return row

    def _save(
        self, conn: Any, uid: str, dataset: dict[str, Any], *,
        transaction_uid: str | None = None, cancel_requested: bool = False,
    ) -> None:  # fmt: skip
        columns = self._columns(dataset)
        sets = ", ".join(f"{name} = :{name}" for name in columns)
        extra = ", transaction_uid = :transaction_uid" if transaction_uid else ""
        extra += ", cancel_requested = 1" if cancel_requested else ""
        conn.execute(
            f"UPDATE workitems SET {sets}{extra}, dataset = :dataset, modified = :now"
            " WHERE uid = :uid",
            {**columns, "uid": uid, "dataset": _dumps(dataset), "now": time.time(),
             "transaction_uid": transaction_uid},
        )  # fmt: skip

    @staticmethod
    def _columns(dataset: dict[str, Any]) -> dict[str, Any]:
        priority = text_value(dataset, T_PRIORITY)
        if priority not in PRIORITIES:
            raise HubError(400, "invalid (0074,1200) Scheduled Procedure Step Priority")
        readiness = text_value(dataset, T_READINESS)
        if readiness and readiness not in READINESS:
            raise HubError(400, "invalid (0040,4041) Input Readiness State")
        try:
            start = (
                normalise_datetime(text_value(dataset, T_START))
                if text_value(dataset, T_START)
                else ""
            )
        except ValueError:
            raise HubError(
                400, "invalid (0040,4005) Scheduled Procedure Step Start DateTime"
            ) from None
        requests = dataset.get(T_REQUEST_SEQ, {}).get("Value") or [{}]
        return {
            "state": text_value(dataset, T_STATE),
            "priority": PRIORITIES[priority],
            "start_utc": start,
            "patient_id": text_value(dataset, T_PATIENT_ID),
            "patient_name": text_value(dataset, T_PATIENT_NAME).upper(),
            "issuer": text_value(dataset, T_ISSUER),
            "accession": text_value(requests[0], T_ACCESSION),
            "study_uid": text_value(dataset, T_STUDY),
            "label": text_value(dataset, T_LABEL),
        }

    def _publish(self, kind: EventKind, uid: str, dataset: dict[str, Any]) -> None:
        self.events.publish(WorkitemEvent(kind, uid, text_value(dataset, T_STATE), dataset))


_SEARCH_COLUMNS = {
    T_STATE: "state",
    T_PRIORITY: "priority",
    T_START: "start_utc",
    T_PATIENT_ID: "patient_id",
    T_PATIENT_NAME: "patient_name",
    T_ISSUER: "issuer",
    T_STUDY: "study_uid",
    T_SOP_INSTANCE: "uid",
    T_LABEL: "label",
}


def final_state_problem(dataset: dict[str, Any]) -> str:
    """What keeps a workitem from COMPLETED ("" when nothing does)."""
    performed = dataset.get(T_PERFORMED_SEQ, {}).get("Value") or []
    if not performed:
        return "(0074,1216) Unified Procedure Step Performed Procedure Sequence is missing"
    item = performed[0]
    if not text_value(item, T_PERFORMED_START):
        return "(0040,4050) Performed Procedure Step Start DateTime is missing"
    if not text_value(item, T_PERFORMED_END):
        return "(0040,4051) Performed Procedure Step End DateTime is missing"
    if not item.get(T_OUTPUT, {}).get("Value"):
        return "(0040,4033) Output Information Sequence is missing or empty"
    return ""


def _ensure_cancellation_datetime(dataset: dict[str, Any]) -> None:
    progress = dataset.get(T_PROGRESS_SEQ, {}).get("Value") or [{}]
    if not text_value(progress[0], T_CANCEL_DATETIME):
        progress[0] = {**progress[0], T_CANCEL_DATETIME: _element("DT", now_dt())}
    dataset[T_PROGRESS_SEQ] = {"vr": "SQ", "Value": progress}


def _dumps(dataset: dict[str, Any]) -> str:
    return json.dumps(dict(sorted(dataset.items())), separators=(",", ":"), ensure_ascii=False)
