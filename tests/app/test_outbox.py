"""The outbox against a real minihub: delivered once, resumed after outages and crashes.

Each test claims its own request on the module's hub; tests that stop the
hub run their own. Nothing here is mocked: the hub is minihub over HTTP on
127.0.0.1, the audit trail is the real hash-chained log.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pydicom
import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.ups import COMPLETED, IN_PROGRESS
from app.opinion import model as m
from app.opinion.build import OpinionDocuments
from app.opinion.identity import Difference, IdentityOverride
from app.opinion.render import opinion_from_sr
from app.opinion.signing import amend, final_after, sent_document
from app.outbox.item import ItemStatus
from app.outbox.store import (
    TRANSITIONS,
    Backoff,
    DeliveryEvent,
    DeliveryState,
    InvalidTransition,
    Outbox,
    next_state,
)
from app.store import sealed
from app.store.audit import AuditLog, verify
from minihub.server import HubServer
from tests.app.sending_util import (
    Case,
    Clock,
    draft_for,
    hub,
    hub_server,
    instances_on_hub,
    make_outbox,
    new_case,
    outputs_of,
    signed,
    submitted,
    workitem_state,
)

__all__ = ["hub", "hub_server"]  # fixtures


class SimulatedCrash(BaseException):
    """Stands for the process dying (kill -9): nothing catches it."""


def audit_log(tmp_path: Path, clock: Clock) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl", user="cmartin", hub="http://127.0.0.1", clock=clock)


def audit_records(log: AuditLog) -> list[dict]:
    import json

    assert verify(log.path) == []
    return [json.loads(line) for line in log.path.read_text().splitlines()]


def signed_case(hub: HttpHub, tmp_path: Path) -> tuple[Case, m.Opinion, OpinionDocuments]:
    """A claimed request on the hub and its final opinion, signed."""
    case = new_case(hub, tmp_path / "study")
    opinion, documents = signed(draft_for(case), case)
    return case, opinion, documents


def audited_outbox(tmp_path: Path, url: str) -> tuple[Outbox, AuditLog, Clock]:
    """An outbox on ``url`` writing to its own audit log, on a clock of its own."""
    clock = Clock()
    log = audit_log(tmp_path, clock)
    return make_outbox(tmp_path / "outbox", url, clock, audit=log), log, clock


def submit_for(
    outbox: Outbox, case: Case, opinion: m.Opinion, documents: OpinionDocuments
) -> ItemStatus:
    """Queue the opinion for the case's claimed request."""
    return outbox.submit(
        opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )


def own_hub_with_case(tmp_path: Path) -> tuple[HubServer, tuple[Case, m.Opinion, OpinionDocuments]]:
    """A hub of the test's own (the test stops it) with a claimed request and its signed
    opinion (:func:`signed_case`)."""
    server = HubServer(tmp_path / "hub-data").start()
    try:
        with HttpHub(server.base_url) as client:
            return server, signed_case(client, tmp_path)
    except BaseException:
        server.stop()
        raise


def completed_on(url: str, case: Case) -> Counter[str]:
    """Check that the case's request is completed on the hub at ``url``; how many times
    each instance of the case's study is there."""
    with HttpHub(url) as client:
        assert workitem_state(client, case.workitem_uid) == COMPLETED
        return Counter(instances_on_hub(client, case.study.study_instance_uid))


def test_state_machine_is_a_table() -> None:
    assert next_state(DeliveryState.WAITING, DeliveryEvent.START) is DeliveryState.SENDING
    assert next_state(DeliveryState.FAILED, DeliveryEvent.RETRY) is DeliveryState.WAITING
    with pytest.raises(InvalidTransition, match="cannot delivered while waiting"):
        next_state(DeliveryState.WAITING, DeliveryEvent.DELIVERED)
    with pytest.raises(InvalidTransition):
        next_state(DeliveryState.DELIVERED, DeliveryEvent.RETRY)
    assert all(state is not DeliveryState.DELIVERED for state, _ in TRANSITIONS)  # final state


def test_backoff_doubles_up_to_a_cap() -> None:
    backoff = Backoff(first_s=10, factor=2, max_s=300)
    assert [backoff.delay(n).total_seconds() for n in (1, 2, 3, 5, 6, 20)] == [
        10, 20, 40, 160, 300, 300,
    ]  # fmt: skip


def test_final_opinion_delivered_and_request_completed(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    case, opinion, documents = signed_case(hub, tmp_path)
    outbox, log, clock = audited_outbox(tmp_path, hub_server.base_url)
    seen: list[DeliveryState] = []
    outbox.subscribe(lambda status: seen.append(status.state))
    status = submit_for(outbox, case, opinion, documents)
    assert status.state is DeliveryState.WAITING and status.kind is m.ReportKind.FINAL
    assert [s.id for s in outbox.undelivered()] == [status.id]
    steps: list[tuple[int, int, str]] = []
    [done] = outbox.process_once(progress=lambda *a: steps.append(a))
    assert done.state is DeliveryState.DELIVERED, done.reason
    assert seen == ["waiting", "sending", "delivered"]
    assert steps[-1][0] == steps[-1][1]
    assert outbox.undelivered() == [] and outbox.pending() == []
    assert workitem_state(hub, case.workitem_uid) == COMPLETED
    sent = {str(ds.SOPInstanceUID) for ds in documents.datasets()}
    assert len(sent) == 4  # SC key image, KOS, SR, PDF
    assert outputs_of(hub, case.workitem_uid) == sent
    performed = hub.retrieve_workitem(case.workitem_uid)["00741216"]["Value"][0]
    assert performed["00404051"]["Value"] == ["20250301143200+0100"]  # end = signing time
    assert performed["00404035"]["Value"][0]["00404037"]["Value"][0]["Alphabetic"] == (
        "MARTIN^Claire"
    )
    on_hub = Counter(instances_on_hub(hub, case.study.study_instance_uid))
    assert set(on_hub) >= sent and max(on_hub.values()) == 1
    # A second pass, or submitting the same signed opinion again, sends nothing more.
    assert outbox.process_once() == []
    assert (
        outbox.submit(
            opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
        ).state
        is DeliveryState.DELIVERED
    )
    [record] = [r for r in audit_records(log) if r["what"] == "opinion-sent"]
    assert record["outcome"] == "ok" and set(record["document_uids"]) == sent
    assert record["workitem_uid"] == case.workitem_uid
    # Delivered: the objects left the disk, the record stays for the history.
    assert not list((tmp_path / "outbox").rglob("object-*.bin"))
    with pytest.raises(ValueError, match="delivered"):
        outbox.export(done.id, tmp_path / "export")
    clock.advance(days=2)
    assert outbox.purge_delivered(dt.timedelta(days=1)) == 1 and outbox.items() == []


def test_encrypted_at_rest_and_resumed_after_restart(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    sent = submitted(hub, hub_server.base_url, tmp_path)
    case, opinion, clock, status = sent.case, sent.opinion, sent.clock, sent.status
    files = [p for p in (tmp_path / "outbox").rglob("*") if p.is_file()]
    assert len(files) == 5  # the record and four objects
    for path in files:
        data = path.read_bytes()
        assert data.startswith(sealed.HEADER)
        for secret in (b"DUPONT", b"NAN-0042", b"19540212", b"DICM", b"%PDF",
                       case.workitem_uid.encode(), case.study.study_instance_uid.encode(),
                       opinion.uids.sr_instance.encode(), case.transaction_uid.encode()):  # type: ignore[union-attr]  # fmt: skip
            assert secret not in data
    # A restart (a new Outbox on the same folder) finds it waiting, and sends it.
    again = make_outbox(tmp_path / "outbox", hub_server.base_url, clock)
    assert [s.id for s in again.pending()] == [status.id]
    assert again.opinion(status.id) == opinion
    [done] = again.process_once()
    assert done.state is DeliveryState.DELIVERED
    assert workitem_state(hub, case.workitem_uid) == COMPLETED


def test_hub_stopped_then_back_delivers_once(tmp_path: Path) -> None:
    server, (case, opinion, documents) = own_hub_with_case(tmp_path)
    port = server.port
    try:
        clock = Clock()
        outbox = make_outbox(tmp_path / "outbox", server.base_url, clock)
        server.stop()
        status = submit_for(outbox, case, opinion, documents)
        [tried] = outbox.process_once()
        assert tried.state is DeliveryState.WAITING
        assert tried.reason.startswith("cannot reach the hub"), tried.reason
        assert tried.next_try == clock() + dt.timedelta(seconds=10)
        assert "waiting" in tried.summary and "next try 14:00:10" in tried.summary
        assert outbox.process_once() == []  # not due yet
        clock.advance(seconds=10)
        [tried] = outbox.process_once()  # still down: the wait doubles
        assert tried.state is DeliveryState.WAITING and tried.attempts == 2
        assert tried.next_try == clock() + dt.timedelta(seconds=20)
        assert outbox.next_due() == tried.next_try
        server = HubServer(tmp_path / "hub-data", port=port).start()
        clock.advance(seconds=20)
        [done] = outbox.process_once()
        assert done.state is DeliveryState.DELIVERED and done.id == status.id
        on_hub = completed_on(server.base_url, case)
        assert sum(on_hub.values()) == 4 + 4 and max(on_hub.values()) == 1
    finally:
        server.stop()


def test_hub_stops_between_stow_and_completion(tmp_path: Path) -> None:
    server, (case, opinion, documents) = own_hub_with_case(tmp_path)
    port = server.port
    try:
        clock = Clock()

        def stop_hub(item: str, step: str) -> None:
            if step == "stored":
                server.stop()

        outbox = make_outbox(tmp_path / "outbox", server.base_url, clock, checkpoint=stop_hub)
        submit_for(outbox, case, opinion, documents)
        [tried] = outbox.process_once()
        assert tried.state is DeliveryState.WAITING
        assert tried.objects_stored == tried.objects_total == 4  # recorded before the outage
        server = HubServer(tmp_path / "hub-data", port=port).start()
        clock.advance(minutes=1)
        [done] = outbox.process_once()
        assert done.state is DeliveryState.DELIVERED
        on_hub = completed_on(server.base_url, case)
        assert max(on_hub.values()) == 1
    finally:
        server.stop()


@pytest.mark.parametrize("crash_after", ["stored", "workitem"])
def test_crash_mid_delivery_resumes_without_duplicates(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path, crash_after: str
) -> None:
    case, opinion, documents = signed_case(hub, tmp_path)
    clock = Clock()

    def crash(item: str, step: str) -> None:
        if step == crash_after:
            raise SimulatedCrash

    outbox = make_outbox(tmp_path / "outbox", hub_server.base_url, clock, checkpoint=crash)
    submit_for(outbox, case, opinion, documents)
    with pytest.raises(SimulatedCrash):
        outbox.process_once()
    expected = COMPLETED if crash_after == "workitem" else IN_PROGRESS
    assert workitem_state(hub, case.workitem_uid) == expected
    log = audit_log(tmp_path, clock)
    restarted = make_outbox(tmp_path / "outbox", hub_server.base_url, clock, audit=log)
    [status] = restarted.items()
    assert status.state is DeliveryState.WAITING and "interrupted" in status.reason
    [done] = restarted.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    assert workitem_state(hub, case.workitem_uid) == COMPLETED
    on_hub = Counter(instances_on_hub(hub, case.study.study_instance_uid))
    assert sum(on_hub.values()) == 8 and max(on_hub.values()) == 1
    assert [r["what"] for r in audit_records(log)] == ["opinion-sent"]


def test_documents_already_on_the_hub_count_as_stored(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    """A first try whose answer was lost: the hub has the objects, the outbox does not know."""
    case, opinion, documents = signed_case(hub, tmp_path)
    assert hub.store_instances(documents.datasets(), case.study.study_instance_uid).ok
    outbox = make_outbox(tmp_path / "outbox", hub_server.base_url, Clock())
    submit_for(outbox, case, opinion, documents)
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    assert max(Counter(instances_on_hub(hub, case.study.study_instance_uid)).values()) == 1


def read_sr(hub: HttpHub, study_uid: str, ref: m.DocumentRef) -> m.Opinion:
    data = hub.retrieve_instance(study_uid, ref.series_instance_uid, ref.sop_instance_uid)
    import io

    return opinion_from_sr(pydicom.dcmread(io.BytesIO(data)))


def test_preliminary_then_final_in_order(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    case = new_case(hub, tmp_path / "study")
    clock = Clock()
    at = dt.datetime(2025, 3, 1, 14, 20, tzinfo=clock().tzinfo)
    preliminary, prelim_docs = signed(draft_for(case, m.ReportKind.PRELIMINARY), case, at=at)
    outbox = make_outbox(tmp_path / "outbox", hub_server.base_url, clock)
    outbox.submit(
        preliminary, prelim_docs,
        workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid,
    )  # fmt: skip
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED and done.kind is m.ReportKind.PRELIMINARY
    assert workitem_state(hub, case.workitem_uid) == IN_PROGRESS
    prelim_uids = {str(ds.SOPInstanceUID) for ds in prelim_docs.datasets()}
    assert outputs_of(hub, case.workitem_uid) == prelim_uids
    performed = hub.retrieve_workitem(case.workitem_uid)["00741216"]["Value"][0]
    assert "00404051" not in performed  # no end time while the request is in progress

    draft = final_after(preliminary)
    draft.recommendation.thrombectomy = m.ThrombectomyAdvice.CANDIDATE
    final, final_docs = signed(draft, case, at=at + dt.timedelta(minutes=15))
    outbox.submit(
        final, final_docs, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED and done.kind is m.ReportKind.FINAL
    assert workitem_state(hub, case.workitem_uid) == COMPLETED
    final_uids = {str(ds.SOPInstanceUID) for ds in final_docs.datasets()}
    assert outputs_of(hub, case.workitem_uid) == prelim_uids | final_uids
    study_uid = case.study.study_instance_uid
    back = read_sr(hub, study_uid, sent_document(final))
    assert back.kind is m.ReportKind.FINAL
    assert [p.sop_instance_uid for p in back.predecessors] == [preliminary.uids.sr_instance]  # type: ignore[union-attr]
    assert read_sr(hub, study_uid, sent_document(preliminary)).kind is m.ReportKind.PRELIMINARY


def test_final_waits_for_the_preliminary(tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub-data").start()
    port = server.port
    try:
        with HttpHub(server.base_url) as client:
            case = new_case(client, tmp_path / "study")
        preliminary, prelim_docs = signed(draft_for(case, m.ReportKind.PRELIMINARY), case)
        draft = final_after(preliminary)
        draft.recommendation.thrombectomy = m.ThrombectomyAdvice.CANDIDATE
        final, final_docs = signed(draft, case)
        clock = Clock()
        outbox = make_outbox(tmp_path / "outbox", server.base_url, clock)
        server.stop()
        ids = [
            outbox.submit(
                o, docs, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
            ).id
            for o, docs in ((preliminary, prelim_docs), (final, final_docs))
        ]
        tried = outbox.process_once()
        assert [s.id for s in tried] == ids[:1]  # the final did not jump the queue
        server = HubServer(tmp_path / "hub-data", port=port).start()
        clock.advance(minutes=5)
        done = outbox.process_once()
        assert [(s.id, s.state) for s in done] == [(i, DeliveryState.DELIVERED) for i in ids]
        completed_on(server.base_url, case)
    finally:
        server.stop()


def test_amendment_supersedes_and_keeps_the_sent_opinion(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    case = new_case(hub, tmp_path / "study")
    first, first_docs = signed(draft_for(case), case)
    outbox = make_outbox(tmp_path / "outbox", hub_server.base_url, Clock())
    outbox.submit(
        first, first_docs, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )
    outbox.process_once()
    outputs = outputs_of(hub, case.workitem_uid)
    draft = amend(first, "Occlusion is in the left M2, not M1")
    draft.occlusion.sites = [m.VesselOcclusion(m.OcclusionSite.M2, m.Side.LEFT)]
    corrected, docs = signed(
        draft, case, at=dt.datetime(2025, 3, 1, 15, 0, tzinfo=Clock()().tzinfo)
    )
    status = outbox.submit(
        corrected, docs, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )
    assert status.amendment
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED
    assert "already completed" in done.note
    assert outputs_of(hub, case.workitem_uid) == outputs  # a completed request cannot change
    study_uid = case.study.study_instance_uid
    assert read_sr(hub, study_uid, sent_document(first)).occlusion.sites[0].site is (
        m.OcclusionSite.M1
    )  # the sent opinion stays
    back = read_sr(hub, study_uid, sent_document(corrected))
    assert back.amendment_reason == "Occlusion is in the left M2, not M1"
    assert back.predecessors[0].sop_instance_uid == first.uids.sr_instance  # type: ignore[union-attr]
    # Documents only (no request to touch) works the same.
    again, again_docs = signed(amend(corrected, "typo"), case)
    outbox.submit(again, again_docs, workitem_uid=None, transaction_uid=None)
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED and done.note == ""


def test_refused_completion_fails_with_reason_and_is_exportable(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    case, opinion, documents = signed_case(hub, tmp_path)
    outbox, log, _ = audited_outbox(tmp_path, hub_server.base_url)
    wrong_claim = generate_uid()  # not the claim's Transaction UID: the hub answers 400
    status = outbox.submit(
        opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=wrong_claim
    )
    [failed] = outbox.process_once()
    assert failed.state is DeliveryState.FAILED
    assert "HTTP 400" in failed.reason and "Transaction UID" in failed.reason, failed.reason
    assert failed.summary.startswith("final opinion: failed — the hub rejected")
    assert failed.next_try is None and outbox.process_once() == []
    assert [s.id for s in outbox.undelivered()] == [status.id] and outbox.pending() == []
    assert workitem_state(hub, case.workitem_uid) == IN_PROGRESS
    written = outbox.export(status.id, tmp_path / "export")
    names = sorted(p.name for p in written)
    assert names == ["opinion-key-image-01.dcm", "opinion-kos.dcm", "opinion-pdf.dcm",
                     "opinion-sr.dcm", "opinion.pdf"]  # fmt: skip
    assert (tmp_path / "export" / "opinion.pdf").read_bytes().startswith(b"%PDF")
    sr = pydicom.dcmread(tmp_path / "export" / "opinion-sr.dcm")
    assert sr.SOPInstanceUID == documents.sr.SOPInstanceUID
    [record] = [r for r in audit_records(log) if r["what"] == "opinion-sent"]
    assert (record["outcome"], record["reason"]) == ("failed", "conflict")
    # The user retries: same refusal, still nothing lost or duplicated.
    assert outbox.retry(status.id).state is DeliveryState.WAITING
    [again] = outbox.process_once()
    assert again.state is DeliveryState.FAILED and again.attempts == 1
    assert max(Counter(instances_on_hub(hub, case.study.study_instance_uid)).values()) == 1


def test_unclaimed_request_and_identity_override_audit(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    case = new_case(hub, tmp_path / "study", claim=False)
    draft = draft_for(case)
    draft.identity_override = IdentityOverride(
        reason="Name misspelt by the ED; confirmed by phone", by="MARTIN^Claire",
        at=Clock()(), differences=(Difference("name", "DUPOND^Zoe", "DUPONT^Zoe"),),
    )  # fmt: skip
    opinion, documents = signed(draft, case)
    outbox, log, _ = audited_outbox(tmp_path, hub_server.base_url)
    outbox.submit(opinion, documents, workitem_uid=case.workitem_uid, transaction_uid="1.2.3")
    [failed] = outbox.process_once()
    assert failed.state is DeliveryState.FAILED and "not claimed" in failed.reason
    records = audit_records(log)
    assert records[0]["what"] == "identity-override"
    assert records[0]["reason"] == "user-override"
    assert records[0]["sop_instance_uid"] == opinion.uids.sr_instance  # type: ignore[union-attr]
    assert "confirmed by phone" not in log.path.read_text()  # free text stays out of the log


def test_cancel_pauses_between_steps(hub: HttpHub, hub_server: HubServer, tmp_path: Path) -> None:
    case, opinion, documents = signed_case(hub, tmp_path)
    outbox = make_outbox(tmp_path / "outbox", hub_server.base_url, Clock())
    submit_for(outbox, case, opinion, documents)
    calls = iter([False, True])
    [paused] = outbox.process_once(cancel=lambda: next(calls, True))
    assert paused.state is DeliveryState.WAITING and paused.reason == "sending paused"
    assert paused.objects_stored == 4
    [done] = outbox.process_once()
    assert done.state is DeliveryState.DELIVERED


def test_submit_refuses_what_cannot_be_sent(hub: HttpHub, tmp_path: Path) -> None:
    case, opinion, documents = signed_case(hub, tmp_path)
    other, _ = signed(draft_for(case), case)
    outbox = make_outbox(tmp_path / "outbox", "http://127.0.0.1:9", Clock())
    with pytest.raises(ValueError, match="signed"):
        outbox.submit(draft_for(case), documents, workitem_uid=None, transaction_uid=None)
    with pytest.raises(ValueError, match="not built from this"):
        outbox.submit(other, documents, workitem_uid=None, transaction_uid=None)
    with pytest.raises(ValueError, match="Transaction UID"):
        outbox.submit(opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=None)


def test_outbox_command_lists_retries_and_exports(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring

    from app.cli import main
    from app.outbox.store import Outbox
    from app.store.sealed import SealedBox
    from tests.app.hub.conftest import MemoryKeyring
    from tests.app.sending_util import hub_factory

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # stands in for the OS keyring, shared with the command
    try:
        case = new_case(hub, tmp_path / "study")
        opinion, documents = signed(draft_for(case), case)
        folder = tmp_path / "outbox"
        outbox = Outbox(
            folder, SealedBox.for_user("outbox"), hub_factory(hub_server.base_url), Clock()
        )
        status = outbox.submit(
            opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=generate_uid()
        )
        outbox.process_once()
        assert main(["outbox", "--folder", str(folder)]) == 0
        listed = capsys.readouterr().out
        assert status.id in listed and "final opinion: failed — the hub rejected" in listed
        assert "DUPONT" not in listed
        assert main(["outbox", "--folder", str(folder), "--retry", status.id]) == 0
        assert "final opinion: waiting" in capsys.readouterr().out
        out = tmp_path / "export"
        assert main(["outbox", "--folder", str(folder), "--export", status.id, str(out)]) == 0
        assert (out / "opinion.pdf").read_bytes().startswith(b"%PDF")
        assert main(["outbox", "--folder", str(folder), "--retry", "nope"]) == 2
        assert "no item with this id" in capsys.readouterr().err
    finally:
        keyring.set_keyring(previous)
