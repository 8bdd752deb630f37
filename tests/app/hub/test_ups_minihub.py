"""UPS-RS flows through HttpHub against a real minihub: claim, complete, cancel.

One request = one workitem (DESIGN.md): the ED creates it, a radiologist
claims it with a Transaction UID only their client knows, then completes it
with the opinion's references or cancels it with a reason.
"""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.errors import AlreadyClaimed, Conflict, NotFound, RequestRejected
from app.hub.ups import CANCELED, COMPLETED, IN_PROGRESS, SCHEDULED, state_of
from app.worklist.model import request_from_workitem
from tests.app.hub.conftest import FAST
from tests.hub_util import ready_workitem


def _request(label: str = "Stroke tele-expertise") -> dict:
    return ready_workitem(label, "SYNTH^UPS", "SL-UPS-1", issuer="STROKELINK-DEMO")


def _performed(study_uid: str) -> dict:
    performed = Dataset()
    performed.PerformedProcedureStepStartDateTime = "20260101081000+0100"
    performed.PerformedProcedureStepEndDateTime = "20260101082000+0100"
    output = Dataset()
    output.StudyInstanceUID = study_uid
    output.TypeOfInstances = "DICOM"
    performed.OutputInformationSequence = [output]
    human = Dataset()
    human.HumanPerformerName = "RADIOLOGIST^ONCALL"
    performed.ActualHumanPerformersSequence = [human]
    ds = Dataset()
    ds.UnifiedProcedureStepPerformedProcedureSequence = [performed]
    ds.ActualHumanPerformersSequence = [human]
    return ds.to_json_dict()


def test_create_then_read_back_as_a_request(minihub: HttpHub) -> None:
    uid = minihub.create_workitem(_request("NCCT + CTA, thrombectomy?"))
    item = minihub.retrieve_workitem(uid)
    request = request_from_workitem(item)
    assert (request.workitem_uid, request.state, request.priority) == (uid, SCHEDULED, "HIGH")
    assert request.label == "NCCT + CTA, thrombectomy?"
    found = minihub.search_workitems({"ProcedureStepState": SCHEDULED}, limit=1000)
    assert uid in {i["00080018"]["Value"][0] for i in found}


def test_client_chosen_uid_and_duplicate(minihub: HttpHub) -> None:
    uid = generate_uid()
    assert minihub.create_workitem(_request(), workitem_uid=uid) == uid
    with pytest.raises(Conflict, match="already exists"):
        minihub.create_workitem(_request(), workitem_uid=uid)


def test_claim_complete_flow(minihub: HttpHub, minihub_url: str) -> None:
    uid = minihub.create_workitem(_request())
    txn = minihub.claim(uid)
    assert state_of(minihub.retrieve_workitem(uid)) == IN_PROGRESS
    assert "00081195" not in minihub.retrieve_workitem(uid)  # the hub never tells it
    with HttpHub(minihub_url, retry=FAST) as colleague:
        with pytest.raises(AlreadyClaimed, match="someone else already claimed") as caught:
            colleague.claim(uid)
        assert caught.value.status == 409
        label = {"00741204": {"vr": "LO", "Value": ["x"]}}
        with pytest.raises(RequestRejected):  # PS3.18: wrong Transaction UID → 400
            colleague.update_workitem(uid, generate_uid(), label)
        with pytest.raises(RequestRejected):
            colleague.complete(uid, generate_uid())
        # The hub refuses COMPLETED before the final state requirements are met …
        with pytest.raises(Conflict, match="final state"):
            minihub.complete(uid, txn)
        # … and accepts it with the opinion's references.
        opinion = _performed(generate_uid())
        minihub.complete(uid, txn, update=opinion)
        minihub.complete(uid, txn, update=opinion)  # sent again (outbox retry): no error
        done = minihub.retrieve_workitem(uid)
        assert state_of(done) == COMPLETED
        assert request_from_workitem(done).performer == "RADIOLOGIST^ONCALL"
        with pytest.raises(Conflict, match="no longer be claimed"):
            colleague.claim(uid)


def test_the_claim_probe_tells_the_owner(minihub: HttpHub) -> None:
    # What a retried claim relies on: an empty update is accepted only with
    # the Transaction UID of the claim.
    uid = minihub.create_workitem(_request())
    txn = minihub.claim(uid)
    assert minihub._owns(uid, txn)
    assert not minihub._owns(uid, generate_uid())


def test_cancel_by_the_performer_records_the_reason(minihub: HttpHub) -> None:
    uid = minihub.create_workitem(_request())
    txn = minihub.claim(uid)
    reason = "patient transferred to the comprehensive stroke centre"
    minihub.cancel(uid, txn, reason)
    item = minihub.retrieve_workitem(uid)
    assert state_of(item) == CANCELED
    progress = item["00741002"]["Value"][0]
    assert progress["00741238"]["Value"] == [
        "patient transferred to the comprehensive stroke centre"
    ]
    assert progress["00404052"]["Value"][0]
    minihub.cancel(uid, txn, reason)  # sent again (outbox retry): already done, no error


def test_request_cancellation(minihub: HttpHub) -> None:
    scheduled = minihub.create_workitem(_request())
    minihub.request_cancellation(scheduled, "sent by mistake", contact_name="ED Synthville")
    assert state_of(minihub.retrieve_workitem(scheduled)) == CANCELED  # the hub cancels it
    claimed = minihub.create_workitem(_request())
    minihub.claim(claimed)
    minihub.request_cancellation(claimed, "patient improved")
    assert state_of(minihub.retrieve_workitem(claimed)) == IN_PROGRESS  # the performer decides
    done = minihub.create_workitem(_request())
    txn = minihub.claim(done)
    minihub.complete(done, txn, update=_performed(generate_uid()))
    with pytest.raises(Conflict):
        minihub.request_cancellation(done, "too late")


def test_unknown_workitem(minihub: HttpHub) -> None:
    with pytest.raises(NotFound, match="retrieving a request"):
        minihub.retrieve_workitem(generate_uid())
    with pytest.raises(NotFound, match="claiming a request"):
        minihub.claim(generate_uid())


# -- the status codes PS3.18 gives for refusals ---------------------------------------
# (The client copes with 400 and 409 alike where it matters; these pin minihub
# to the standard, which it did not follow at first.)


def _claimed(hub: HttpHub) -> tuple[str, str]:
    uid = hub.create_workitem(_request())
    return uid, hub.claim(uid)


def test_ps3_18_update_with_wrong_transaction_is_400(minihub: HttpHub) -> None:
    """PS3.18 11.6.3.1: an incorrect Transaction UID on Update is 400."""
    uid, _ = _claimed(minihub)
    with pytest.raises(RequestRejected, match="Transaction UID"):
        minihub.update_workitem(uid, generate_uid(), {"00741204": {"vr": "LO", "Value": ["x"]}})


def test_ps3_18_update_of_a_final_workitem_is_400(minihub: HttpHub) -> None:
    """PS3.18 11.6.2: Update of a COMPLETED or CANCELED workitem is 400."""
    uid, txn = _claimed(minihub)
    minihub.cancel(uid, txn, "test")
    with pytest.raises(RequestRejected):
        minihub.update_workitem(uid, txn, {"00741204": {"vr": "LO", "Value": ["x"]}})


def test_ps3_18_change_state_with_wrong_transaction_is_400(minihub: HttpHub) -> None:
    """PS3.18 11.7.3.1: Change State with an incorrect Transaction UID is 400."""
    uid, _ = _claimed(minihub)
    with pytest.raises(RequestRejected, match="Transaction UID is incorrect"):
        minihub.change_state(uid, CANCELED, generate_uid())


def test_ps3_18_cancel_request_on_canceled_is_not_an_error(minihub: HttpHub) -> None:
    """PS3.18 11.8.3.2: success, with the Warning 'already … CANCELED'."""
    uid = minihub.create_workitem(_request())
    minihub.request_cancellation(uid, "once")
    minihub.request_cancellation(uid, "twice")
    assert state_of(minihub.retrieve_workitem(uid)) == CANCELED
