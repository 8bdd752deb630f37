"""The UPS state machine table (PS3.4 Table CC.1.1-2)."""

from __future__ import annotations

import itertools

import pytest

from minihub.ups_state import (
    TABLE,
    ProcedureStepState,
    UpsEvent,
    state_change_event,
    transition,
    update_event,
)

S = ProcedureStepState
E = UpsEvent


def test_table_is_complete() -> None:
    assert set(TABLE) == set(itertools.product(S, E))


def test_nothing_leads_back_to_scheduled_or_out_of_a_final_state() -> None:
    for (state, _event), result in TABLE.items():
        assert result.new_state is not S.SCHEDULED
        if state.is_final:
            assert result.new_state is None


@pytest.mark.parametrize(
    ("state", "event", "new_state", "status", "code"),
    [
        (S.SCHEDULED, E.CLAIM, S.IN_PROGRESS, 200, "0000"),
        (S.SCHEDULED, E.COMPLETE, None, 409, "C310"),
        (S.SCHEDULED, E.SCHEDULE, None, 409, "C303"),
        (S.SCHEDULED, E.REQUEST_CANCEL, S.CANCELED, 202, "0000"),
        (S.SCHEDULED, E.UPDATE_NO_TRANSACTION, None, 200, "0000"),
        (S.IN_PROGRESS, E.CLAIM, None, 409, "C302"),
        (S.IN_PROGRESS, E.COMPLETE, S.COMPLETED, 200, "0000"),
        (S.IN_PROGRESS, E.COMPLETE_OTHER, None, 400, "C301"),
        (S.IN_PROGRESS, E.CANCEL, S.CANCELED, 200, "0000"),
        (S.IN_PROGRESS, E.CANCEL_OTHER, None, 400, "C301"),
        (S.IN_PROGRESS, E.REQUEST_CANCEL, None, 202, "0000"),
        (S.IN_PROGRESS, E.UPDATE_OTHER, None, 400, "C301"),
        (S.IN_PROGRESS, E.UPDATE_NO_TRANSACTION, None, 400, "C301"),
        (S.COMPLETED, E.COMPLETE, None, 200, "B306"),
        (S.COMPLETED, E.CANCEL, None, 409, "C300"),
        (S.COMPLETED, E.REQUEST_CANCEL, None, 409, "C311"),
        (S.COMPLETED, E.UPDATE, None, 400, "C300"),
        (S.CANCELED, E.CANCEL, None, 200, "B304"),
        (S.CANCELED, E.CLAIM, None, 409, "C300"),
        (S.CANCELED, E.REQUEST_CANCEL, None, 202, "B304"),
    ],
)
def test_transitions(
    state: ProcedureStepState, event: UpsEvent, new_state: ProcedureStepState | None,
    status: int, code: str,
) -> None:  # fmt: skip
    result = transition(state, event)
    assert (result.new_state, result.status, result.code) == (new_state, status, code)
    assert result.refused == (status >= 400)
    assert bool(result.message) == (code != "0000")
    if result.refused and result.detail:
        assert result.message.endswith(f"({code}: {result.detail})")


def test_events_from_transaction_uids() -> None:
    assert state_change_event(S.IN_PROGRESS, "1.2", None) is E.CLAIM
    assert state_change_event(S.SCHEDULED, "1.2", "1.2") is E.SCHEDULE
    assert state_change_event(S.COMPLETED, "1.2", "1.2") is E.COMPLETE
    assert state_change_event(S.COMPLETED, "1.3", "1.2") is E.COMPLETE_OTHER
    assert state_change_event(S.CANCELED, "1.2", "1.2") is E.CANCEL
    assert state_change_event(S.CANCELED, "1.2", None) is E.CANCEL_OTHER
    assert update_event(None, "1.2") is E.UPDATE_NO_TRANSACTION
    assert update_event("1.2", "1.2") is E.UPDATE
    assert update_event("1.3", "1.2") is E.UPDATE_OTHER
