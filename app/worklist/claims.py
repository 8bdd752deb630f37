"""Claiming a request, and handing it back, with UPS-RS (PS3.18 11.6-11.7, PS3.4 CC.1.1). No Qt.

Claiming moves the workitem SCHEDULED → IN PROGRESS with a (0008,1195)
Transaction UID that this client generates. The hub never gives it back, yet
every later change needs it, so :class:`ClaimStore` writes it to a small JSON
file *before* the claim is sent: a crash or a restart keeps the claim (and a
claim the hub refused is forgotten again). The claimer goes into
(0040,4035) Actual Human Performers Sequence > (0040,4037) Human Performer's
Name and (0040,4036) Human Performer's Organization so that colleagues see who
reads the request: the signing radiologist (:mod:`app.worklist.signer`), the
person who will sign the opinion, not the workstation's login.

UPS has no way back to SCHEDULED. Handing a request back is: create a new
SCHEDULED workitem with the same patient, images and clinical data that cites
the old one in (0074,1224) Replaced Procedure Step Sequence, *then* cancel
the old one with the reason — in that order, so that the request is never
lost; the new workitem's UID is chosen and stored first, so that retrying a
hand back that failed half-way creates no second copy.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.uid import generate_uid

from app.hub.errors import Conflict, HubError
from app.hub.protocol import JsonDataset, WorklistService
from app.opinion.model import Radiologist
from app.store.json_file import write_json_atomic
from app.worklist.model import UPS_PUSH_SOP_CLASS, Request, replaced_workitem_of

log = logging.getLogger("app.worklist.claims")

CLAIMS_FILE = "claims.json"
ACTUAL_HUMAN_PERFORMERS = "00404035"
HUMAN_PERFORMER_NAME = "00404037"
HUMAN_PERFORMER_ORGANIZATION = "00404036"
REPLACED_PROCEDURE_STEP = "00741224"  # (0074,1224) Replaced Procedure Step Sequence
#: What a replacement workitem does not inherit from the one it replaces.
NOT_INHERITED = frozenset(
    {
        "00080018",  # SOP Instance UID: a new workitem
        "00081195",  # Transaction UID
        "00741000",  # Procedure Step State: the hub sets SCHEDULED
        "00741002",  # Procedure Step Progress Information Sequence (cancellation notes)
        "00741216",  # Unified Procedure Step Performed Procedure Sequence
        ACTUAL_HUMAN_PERFORMERS,
        "00404010",  # Scheduled Procedure Step Modification DateTime
        REPLACED_PROCEDURE_STEP,
    }
)


class NotClaimed(HubError):
    """This workstation holds no Transaction UID for the request."""


def default_claims_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("strokelink")) / CLAIMS_FILE


@dataclass
class ClaimStore:
    """Transaction UIDs of the requests claimed here, per hub, as JSON in ``path``.

    Holds UIDs only (no patient data). The file is replaced atomically.
    """

    path: Path = field(default_factory=default_claims_path)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("claims: the claims file is unreadable; starting afresh")
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        write_json_atomic(self.path, data, temp_prefix=".claims-")

    def entry(self, hub_url: str, workitem_uid: str) -> dict[str, str]:
        entry = self._read().get(hub_url, {}).get(workitem_uid)
        return dict(entry) if isinstance(entry, dict) else {}

    def get(self, hub_url: str, workitem_uid: str) -> str | None:
        """The Transaction UID of a request claimed here, if any."""
        return self.entry(hub_url, workitem_uid).get("transaction_uid") or None

    def put(self, hub_url: str, workitem_uid: str, transaction_uid: str, **more: str) -> None:
        data = self._read()
        entry = data.setdefault(hub_url, {}).setdefault(workitem_uid, {})
        entry.update(transaction_uid=transaction_uid, **more)
        entry.setdefault("claimed_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        self._write(data)

    def remove(self, hub_url: str, workitem_uid: str) -> None:
        data = self._read()
        if data.get(hub_url, {}).pop(workitem_uid, None) is not None:
            self._write(data)

    def workitems(self, hub_url: str) -> set[str]:
        return set(self._read().get(hub_url, {}))


def performer_update(performer: Radiologist | str) -> JsonDataset:
    """(0040,4035) Actual Human Performers Sequence naming the claimer.

    ``performer``: the signing radiologist (name and organisation), or a bare
    DICOM person name.
    """
    if isinstance(performer, str):
        performer = Radiologist(performer, "")
    item: JsonDataset = {
        HUMAN_PERFORMER_NAME: {"vr": "PN", "Value": [{"Alphabetic": performer.name}]}
    }
    if performer.organisation:
        item[HUMAN_PERFORMER_ORGANIZATION] = {"vr": "LO", "Value": [performer.organisation]}
    return {ACTUAL_HUMAN_PERFORMERS: {"vr": "SQ", "Value": [item]}}


def claim_request(
    hub: WorklistService,
    store: ClaimStore,
    workitem_uid: str,
    performer: Radiologist | str,
    *,
    new_uid: Callable[[], str] = generate_uid,
) -> str:
    """Claim a request; returns the Transaction UID (also kept in ``store``).

    ``performer``: who colleagues see reading it (:func:`performer_update`;
    '' names nobody).

    Raises :class:`app.hub.errors.AlreadyClaimed` when someone else was first.
    """
    transaction_uid = new_uid()
    store.put(hub.base_url, workitem_uid, transaction_uid)
    try:
        hub.claim(workitem_uid, transaction_uid)
    except HubError:
        store.remove(hub.base_url, workitem_uid)
        raise
    named = performer if isinstance(performer, str) else performer.name
    if named:
        try:
            hub.update_workitem(workitem_uid, transaction_uid, performer_update(performer))
        except HubError as exc:  # the claim stands; colleagues just do not see the name
            log.warning("claims: could not record the performer's name (%s)", type(exc).__name__)
    return transaction_uid


def replacement_workitem(workitem: JsonDataset, replaced_uid: str) -> JsonDataset:
    """A new SCHEDULED workitem carrying the request, citing the one it replaces."""
    body = {tag: value for tag, value in workitem.items() if tag not in NOT_INHERITED}
    reference = {
        "00081150": {"vr": "UI", "Value": [UPS_PUSH_SOP_CLASS]},  # Referenced SOP Class UID
        "00081155": {"vr": "UI", "Value": [replaced_uid]},  # Referenced SOP Instance UID
    }
    body[REPLACED_PROCEDURE_STEP] = {"vr": "SQ", "Value": [reference]}
    return body


def hand_back(
    hub: WorklistService,
    store: ClaimStore,
    workitem_uid: str,
    reason: str,
    *,
    new_uid: Callable[[], str] = generate_uid,
) -> str:
    """Give a claimed request back to the worklist; returns the new workitem's UID.

    CANCELED (with ``reason``) plus a new SCHEDULED workitem citing it in
    (0074,1224); see the module docstring for the order and the retries.
    """
    entry = store.entry(hub.base_url, workitem_uid)
    transaction_uid = entry.get("transaction_uid")
    if not transaction_uid:
        raise NotClaimed("this request was not claimed on this workstation")
    replacement = entry.get("replacement") or new_uid()
    if not entry.get("replacement"):
        store.put(hub.base_url, workitem_uid, transaction_uid, replacement=replacement)
    body = replacement_workitem(hub.retrieve_workitem(workitem_uid), workitem_uid)
    try:
        replacement = hub.create_workitem(body, replacement)
    except Conflict:
        existing = hub.retrieve_workitem(replacement)  # a try before this one created it
        if replaced_workitem_of(existing) != workitem_uid:
            raise
    hub.cancel(workitem_uid, transaction_uid, reason)
    store.remove(hub.base_url, workitem_uid)
    return replacement


def accept_cancellation(
    hub: WorklistService, store: ClaimStore, request: Request, reason: str
) -> None:
    """Cancel a claimed request the ED asked to cancel (PS3.4 CC.2.4: the performer decides)."""
    transaction_uid = store.get(hub.base_url, request.workitem_uid)
    if not transaction_uid:
        raise NotClaimed("this request was not claimed on this workstation")
    hub.cancel(request.workitem_uid, transaction_uid, reason)
    store.remove(hub.base_url, request.workitem_uid)


def same_person(name: str, other: str) -> bool:
    """Two person names with the same family and given names (title and case aside).

    A DICOM PN compares by its first two components (``MARTIN^Claire^^Pr``
    is ``Martin^Claire``); text without ``^`` compares word by word.
    """

    def key(value: str) -> str:
        parts = value.split("=", maxsplit=1)[0].split("^")
        return " ".join(" ".join(parts[:2]).split()).casefold()

    return bool(key(name)) and key(name) == key(other)


def is_mine(request: Request, store_uids: set[str], *me: str) -> bool:
    """Claimed on this workstation, or by someone with one of my names (``me``)."""
    if request.workitem_uid in store_uids:
        return True
    return any(same_person(request.performer, name) for name in me if name)
