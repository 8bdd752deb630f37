"""The UPS state machine: states, events and one transition table.

After PS3.4 Table CC.1.1-2 (UPS state transitions) and the status codes of
PS3.4 CC.2.1.3 / CC.2.2.3 / CC.2.3.3, mapped to HTTP as PS3.18 11.6-11.8 does:

* a missing or incorrect Transaction UID is 400 (Tables 11.6.3-1, 11.7.3-1);
  so is any update of a COMPLETED or CANCELED workitem (11.6.2);
* a state change the current state does not allow (claiming a claimed
  workitem, completing a SCHEDULED one, leaving a final state, going back to
  SCHEDULED, completing without the Final State attributes) is 409;
* asking for the state the workitem is already in (COMPLETED, CANCELED) is
  200 with the Warning of 11.7.3.2; a cancellation request is 202, also on an
  already CANCELED workitem (with the Warning of 11.8.3.2), 409 on a
  COMPLETED one.

Warning texts are those of PS3.18, followed by the PS3.4 code and meaning.

There is no way back to SCHEDULED: handing a request back is CANCELED plus a
new workitem. The table is data; :func:`transition` looks it up and never
raises for a known (state, event) pair.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ProcedureStepState(enum.Enum):
    """(0074,1000) Procedure Step State."""

    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELED = "CANCELED"

    @property
    def is_final(self) -> bool:
        return self in (ProcedureStepState.COMPLETED, ProcedureStepState.CANCELED)


class UpsEvent(enum.Enum):
    """What a client asks of a workitem. ``*_OTHER`` carry a Transaction UID
    that is not the one the workitem was claimed with."""

    CLAIM = "change state to IN PROGRESS"
    COMPLETE = "change state to COMPLETED"
    COMPLETE_OTHER = "change state to COMPLETED, other transaction"
    CANCEL = "change state to CANCELED"
    CANCEL_OTHER = "change state to CANCELED, other transaction"
    SCHEDULE = "change state to SCHEDULED"
    REQUEST_CANCEL = "request cancellation"
    UPDATE = "update"
    UPDATE_OTHER = "update, other transaction"
    UPDATE_NO_TRANSACTION = "update without transaction"


@dataclass(frozen=True)
class Transition:
    """The answer to one event: the new state (``None``: unchanged), the HTTP
    status, the PS3.4 status code, the PS3.18 Warning text and, for refusals,
    the PS3.4 meaning of the code."""

    new_state: ProcedureStepState | None
    status: int
    code: str = "0000"
    reason: str = ""
    detail: str = ""

    @property
    def refused(self) -> bool:
        return self.status >= 400

    @property
    def message(self) -> str:
        """The Warning header text (empty when there is none)."""
        if not self.detail:
            return self.reason
        return f"{self.reason} ({self.code}: {self.detail})"


S = ProcedureStepState
E = UpsEvent
# Warning texts of PS3.18 11.6.3.2, 11.7.3.2 and 11.8.3.2.
STATE_CONFLICT = "The submitted request is inconsistent with the state of the UPS Instance."
UPDATE_CONFLICT = "The submitted request is inconsistent with the current state of the Workitem."
NOT_CLAIMED = "The target URI did not reference a claimed Workitem."
_OK = Transition(None, 200)
_NOT_IN_PROGRESS = Transition(
    None, 409, "C310", STATE_CONFLICT, "The UPS is not yet in the IN PROGRESS state"
)
_FINAL = Transition(None, 409, "C300", STATE_CONFLICT, "The UPS may no longer be updated")
_NOT_SCHEDULED = Transition(
    None, 409, "C303", STATE_CONFLICT, "The UPS may only become SCHEDULED via creation"
)
_WRONG_TRANSACTION = Transition(None, 400, "C301", "The Transaction UID is incorrect.")
# PS3.18 11.6: updates of a final workitem, or without the owner's Transaction UID, are 400.
_FINAL_UPDATE = Transition(None, 400, "C300", UPDATE_CONFLICT, "The UPS may no longer be updated")
_UPDATE_WRONG_TRANSACTION = Transition(
    None, 400, "C301", NOT_CLAIMED, "The Transaction UID is incorrect"
)
_UPDATE_NO_TRANSACTION = Transition(
    None, 400, "C301", NOT_CLAIMED, "The Transaction UID is missing"
)

TABLE: dict[tuple[ProcedureStepState, UpsEvent], Transition] = {
    (S.SCHEDULED, E.CLAIM): Transition(S.IN_PROGRESS, 200),
    (S.SCHEDULED, E.COMPLETE): _NOT_IN_PROGRESS,
    (S.SCHEDULED, E.COMPLETE_OTHER): _NOT_IN_PROGRESS,
    (S.SCHEDULED, E.CANCEL): _NOT_IN_PROGRESS,
    (S.SCHEDULED, E.CANCEL_OTHER): _NOT_IN_PROGRESS,
    (S.SCHEDULED, E.SCHEDULE): _NOT_SCHEDULED,
    # The hub cancels a SCHEDULED workitem itself (PS3.4 CC.2.4.3.2).
    (S.SCHEDULED, E.REQUEST_CANCEL): Transition(S.CANCELED, 202),
    (S.SCHEDULED, E.UPDATE): _OK,
    (S.SCHEDULED, E.UPDATE_OTHER): _OK,
    (S.SCHEDULED, E.UPDATE_NO_TRANSACTION): _OK,
    (S.IN_PROGRESS, E.CLAIM): Transition(
        None, 409, "C302", STATE_CONFLICT, "The UPS is already IN PROGRESS"
    ),
    (S.IN_PROGRESS, E.COMPLETE): Transition(S.COMPLETED, 200),
    (S.IN_PROGRESS, E.COMPLETE_OTHER): _WRONG_TRANSACTION,
    (S.IN_PROGRESS, E.CANCEL): Transition(S.CANCELED, 200),
    (S.IN_PROGRESS, E.CANCEL_OTHER): _WRONG_TRANSACTION,
    (S.IN_PROGRESS, E.SCHEDULE): _NOT_SCHEDULED,
    # Recorded and announced; the performer decides (PS3.4 CC.2.4.3.2).
    (S.IN_PROGRESS, E.REQUEST_CANCEL): Transition(None, 202),
    (S.IN_PROGRESS, E.UPDATE): _OK,
    (S.IN_PROGRESS, E.UPDATE_OTHER): _UPDATE_WRONG_TRANSACTION,
    (S.IN_PROGRESS, E.UPDATE_NO_TRANSACTION): _UPDATE_NO_TRANSACTION,
    (S.COMPLETED, E.CLAIM): _FINAL,
    (S.COMPLETED, E.COMPLETE): Transition(
        None, 200, "B306", "The UPS is already in the requested state of COMPLETED."
    ),
    (S.COMPLETED, E.COMPLETE_OTHER): _WRONG_TRANSACTION,
    (S.COMPLETED, E.CANCEL): _FINAL,
    (S.COMPLETED, E.CANCEL_OTHER): _FINAL,
    (S.COMPLETED, E.SCHEDULE): _NOT_SCHEDULED,
    (S.COMPLETED, E.REQUEST_CANCEL): Transition(
        None, 409, "C311", STATE_CONFLICT, "The UPS is already COMPLETED"
    ),
    (S.COMPLETED, E.UPDATE): _FINAL_UPDATE,
    (S.COMPLETED, E.UPDATE_OTHER): _FINAL_UPDATE,
    (S.COMPLETED, E.UPDATE_NO_TRANSACTION): _FINAL_UPDATE,
    (S.CANCELED, E.CLAIM): _FINAL,
    (S.CANCELED, E.COMPLETE): _FINAL,
    (S.CANCELED, E.COMPLETE_OTHER): _FINAL,
    (S.CANCELED, E.CANCEL): Transition(
        None, 200, "B304", "The UPS is already in the requested state of CANCELED."
    ),
    (S.CANCELED, E.CANCEL_OTHER): _WRONG_TRANSACTION,
    (S.CANCELED, E.SCHEDULE): _NOT_SCHEDULED,
    (S.CANCELED, E.REQUEST_CANCEL): Transition(
        None, 202, "B304", "The UPS is already in the requested state of CANCELED."
    ),
    (S.CANCELED, E.UPDATE): _FINAL_UPDATE,
    (S.CANCELED, E.UPDATE_OTHER): _FINAL_UPDATE,
    (S.CANCELED, E.UPDATE_NO_TRANSACTION): _FINAL_UPDATE,
}


def transition(state: ProcedureStepState, event: UpsEvent) -> Transition:
    """What ``event`` does to a workitem in ``state``."""
    return TABLE[(state, event)]


def state_change_event(
    requested: ProcedureStepState, transaction_uid: str, stored_transaction_uid: str | None
) -> UpsEvent:
    """The event for ``PUT .../state`` given the transaction UIDs."""
    if requested is ProcedureStepState.SCHEDULED:
        return UpsEvent.SCHEDULE
    if requested is ProcedureStepState.IN_PROGRESS:
        return UpsEvent.CLAIM
    owner = stored_transaction_uid is not None and transaction_uid == stored_transaction_uid
    if requested is ProcedureStepState.COMPLETED:
        return UpsEvent.COMPLETE if owner else UpsEvent.COMPLETE_OTHER
    return UpsEvent.CANCEL if owner else UpsEvent.CANCEL_OTHER


def update_event(transaction_uid: str | None, stored_transaction_uid: str | None) -> UpsEvent:
    """The event for ``POST /workitems/{uid}`` given the transaction UIDs."""
    if transaction_uid is None:
        return UpsEvent.UPDATE_NO_TRANSACTION
    if transaction_uid == stored_transaction_uid:
        return UpsEvent.UPDATE
    return UpsEvent.UPDATE_OTHER
