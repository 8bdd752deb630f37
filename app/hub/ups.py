"""UPS-RS payloads (PS3.18 11, PS3.4 Annex CC) as DICOM JSON, built purely.

The state machine of a workitem (PS3.4 CC.1.1): SCHEDULED → IN PROGRESS →
COMPLETED or CANCELED (SCHEDULED → CANCELED also). There is no way back to
SCHEDULED. The performer that claims a workitem (→ IN PROGRESS) chooses a
(0008,1195) Transaction UID and must present it for every later update or
state change; the hub never returns it (PS3.18 11.5.2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.hub.protocol import JsonDataset

SCHEDULED = "SCHEDULED"
IN_PROGRESS = "IN PROGRESS"
COMPLETED = "COMPLETED"
CANCELED = "CANCELED"
#: States a Change Workitem State request may ask for (PS3.18 11.7.1.4).
TARGET_STATES = frozenset({IN_PROGRESS, COMPLETED, CANCELED})
FINAL_STATES = frozenset({COMPLETED, CANCELED})

SOP_INSTANCE_UID = "00080018"
TRANSACTION_UID = "00081195"
PROCEDURE_STEP_STATE = "00741000"
PROGRESS_INFORMATION = "00741002"  # (0074,1002) Procedure Step Progress Information Sequence
CANCELLATION_DATETIME = "00404052"  # (0040,4052) Procedure Step Cancellation DateTime
REASON_FOR_CANCELLATION = "00741238"  # (0074,1238) Reason For Cancellation
CONTACT_DISPLAY_NAME = "0074100C"  # (0074,100C) Contact Display Name
CONTACT_URI = "0074100A"  # (0074,100A) Contact URI
ACTUAL_HUMAN_PERFORMERS = "00404035"  # (0040,4035) Actual Human Performers Sequence
HUMAN_PERFORMER_NAME = "00404037"  # (0040,4037) Human Performer's Name


def element(vr: str, *values: Any) -> dict[str, Any]:
    """One DICOM JSON element (PS3.18 F.2.2); no values → an empty element."""
    if vr == "PN":
        return (
            {"vr": vr, "Value": [{"Alphabetic": str(v)} for v in values]} if values else {"vr": vr}
        )
    return {"vr": vr, "Value": list(values)} if values else {"vr": vr}


def first_value(item: Mapping[str, Any], tag: str) -> Any:
    """First value of ``tag`` in a DICOM JSON object, or None."""
    values = (item.get(tag) or {}).get("Value") or []
    return values[0] if values else None


def state_of(item: Mapping[str, Any]) -> str:
    """(0074,1000) Procedure Step State of a workitem ('' when absent)."""
    return str(first_value(item, PROCEDURE_STEP_STATE) or "")


def performer_of(item: Mapping[str, Any]) -> str:
    """Who performs it: first (0040,4035) > (0040,4037) name, '' if none."""
    performer = first_value(item, ACTUAL_HUMAN_PERFORMERS)
    if not isinstance(performer, Mapping):
        return ""
    name = first_value(performer, HUMAN_PERFORMER_NAME)
    if isinstance(name, Mapping):
        return str(name.get("Alphabetic", ""))
    return str(name or "")


def change_state_body(state: str, transaction_uid: str) -> JsonDataset:
    """Change UPS State payload (PS3.18 11.7.1.4, PS3.4 Table CC.2.1-2)."""
    if state not in TARGET_STATES:
        raise ValueError(f"a workitem cannot be asked to go to state {state!r}")
    return {
        PROCEDURE_STEP_STATE: element("CS", state),
        TRANSACTION_UID: element("UI", transaction_uid),
    }


def cancel_request_body(
    reason: str = "", *, contact_name: str = "", contact_uri: str = ""
) -> JsonDataset:
    """Request UPS Cancel action information (PS3.18 11.8.1.4, PS3.4 CC.2.2)."""
    body: JsonDataset = {}
    if reason:
        body[REASON_FOR_CANCELLATION] = element("LT", reason)
    if contact_name:
        body[CONTACT_DISPLAY_NAME] = element("LO", contact_name)
    if contact_uri:
        body[CONTACT_URI] = element("UR", contact_uri)
    return body


def cancellation_update(workitem: Mapping[str, Any], reason: str, when: dt.datetime) -> JsonDataset:
    """Update payload recording why and when the performer canceled.

    Sets (0040,4052) Procedure Step Cancellation DateTime and (0074,1238)
    Reason For Cancellation in the (0074,1002) Procedure Step Progress
    Information Sequence, keeping what the workitem's item already held
    (an update replaces the whole sequence).
    """
    existing = first_value(workitem, PROGRESS_INFORMATION)
    item: dict[str, Any] = dict(existing) if isinstance(existing, Mapping) else {}
    item[CANCELLATION_DATETIME] = element("DT", when.strftime("%Y%m%d%H%M%S%z"))
    if reason:
        item[REASON_FOR_CANCELLATION] = element("LT", reason)
    return {PROGRESS_INFORMATION: {"vr": "SQ", "Value": [item]}}


def matches_sent(sent: Mapping[str, Any], stored: Mapping[str, Any]) -> bool:
    """True when the hub's copy of a workitem carries what we sent.

    Used after a create was retried and the hub answered 409 "already
    exists": if the first try had landed, the stored workitem holds our
    top-level values (the hub may add attributes and set the state).
    """
    ignore = {SOP_INSTANCE_UID, PROCEDURE_STEP_STATE, TRANSACTION_UID}
    for tag, value in sent.items():
        if tag in ignore:
            continue
        mine, theirs = value.get("Value"), (stored.get(tag) or {}).get("Value")
        if mine is None:
            continue
        if theirs is None:
            return False
        if value.get("vr") == "SQ":
            if len(mine) != len(theirs):
                return False
        elif [_norm(v) for v in mine] != [_norm(v) for v in theirs]:
            return False
    return True


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value.strip()
    if isinstance(value, Mapping):
        return {k: _norm(v) for k, v in value.items()}
    return value
