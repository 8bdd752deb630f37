"""The opinion session (no Qt) against a real minihub over HTTP.

Autosave and exact restore, the identity gate and its audited override,
missing fields blocking, preliminary then final through the outbox
(workitem IN PROGRESS, then COMPLETED with references), series arriving
after signing, a crash between the outbox and the draft, and an amendment.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from app.hub.client import HttpHub
from app.hub.ups import COMPLETED, IN_PROGRESS
from app.opinion import model as m
from app.opinion.build import OpinionNotReady
from app.opinion.study import Study
from app.outbox.store import DeliveryState
from app.reading.edits import settled
from app.reading.state import CaseState, SessionError
from tests.app.opinion.conftest import RADIOLOGIST, write_ct_series
from tests.app.opinion_session_util import (
    Desk,
    capture,
    claimed_request,
    fill_required,
    series_of,
)
from tests.app.sending_util import (
    Clock,
    hub,
    hub_server,
    instances_on_hub,
    outputs_of,
    workitem_state,
)

__all__ = ["hub", "hub_server"]  # fixtures


@pytest.fixture
def desk(hub: HttpHub, tmp_path: Path) -> Desk:
    return Desk(tmp_path / "desk", hub.base_url, Clock())


def audit_records(desk: Desk) -> list[dict]:
    if not desk.audit.path.exists():
        return []
    return [json.loads(line) for line in desk.audit.path.read_text().splitlines()]


def test_a_new_case_holds_only_the_request_and_nothing_is_assumed(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    o = session.opinion
    assert o.request.identity is not None and o.request.identity.name == "DUPONT^Zoé"
    assert o.request.workitem_uid == case.workitem_uid and "Thrombectomy" in o.request.question
    assert o.request.requesting_site == "CH Verdun, Urgences"
    assert o.study_instance_uid == case.study.study_instance_uid
    assert o.haemorrhage.status is m.Finding.NOT_ASSESSED
    assert o.ischaemia.early_signs is m.Finding.NOT_ASSESSED and o.ischaemia.aspects is None
    assert o.occlusion.status is m.Finding.NOT_ASSESSED and o.occlusion.sites == []
    assert o.recommendation.thrombolysis is m.ThrombolysisAdvice.NOT_ASSESSED
    assert o.recommendation.thrombectomy is m.ThrombectomyAdvice.NOT_ASSESSED
    assert o.series_read == [] and o.limitations == [] and o.perfusion is None
    assert session.state is CaseState.WRITING and not session.restored
    assert [p.split(":")[0] for p in session.sending.problems()] == [
        "series_read", "haemorrhage", "occlusion", "recommendation.thrombolysis",
        "recommendation.thrombectomy",
    ]  # fmt: skip
    assert session.identity.uncovered() == []


def test_draft_saved_then_restored_exactly_with_its_key_images(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    cta = series_of(case.study, "CTA head neck")
    fill_required(session, case.study)
    session.edit(lambda o: setattr(o.ischaemia, "early_signs", m.Finding.PRESENT))
    session.drafting.set_aspects_side(m.Side.LEFT)
    for region in (m.AspectsRegion.M2, m.AspectsRegion.I, m.AspectsRegion.L):
        session.drafting.set_aspects_region(region, True)
    session.drafting.set_pc_aspects_region(m.PcAspectsRegion.PONS, True)
    session.drafting.set_perfusion(12.0, 80.5)
    session.drafting.set_phoned("Dr LEROY", None)
    session.edit(lambda o: setattr(o, "free_text", "Ligne 1\nligne 2 — accentuée"))
    first = session.drafting.add_key_image(
        capture(1), cta, str(case.study.series(cta)[0].SOPInstanceUID)
    )
    second = session.drafting.add_key_image(
        capture(2), cta, str(case.study.series(cta)[1].SOPInstanceUID)
    )
    assert (first, second) == (0, 1)
    assert session.opinion.ischaemia.aspects is not None
    assert session.opinion.ischaemia.aspects.score == 7
    assert session.opinion.ischaemia.aspects.affected == [
        m.AspectsRegion.L, m.AspectsRegion.I, m.AspectsRegion.M2,
    ]  # fmt: skip
    assert session.opinion.ischaemia.pc_aspects is not None
    assert session.opinion.ischaemia.pc_aspects.score == 8
    assert not session.unsaved  # a capture is saved at once
    session.edit(lambda o: setattr(o, "conclusion", "Left M1 occlusion, ASPECTS 7."))
    assert session.unsaved and session.save_draft() and not session.save_draft()

    reopened = desk.session(request, case.study)  # a crash, then the case opened again
    assert reopened.restored and reopened.opinion == session.opinion
    assert reopened.restore_problems == ()
    for index in (0, 1):
        snapshot = reopened.drafting.snapshot(index)
        assert snapshot is not None and np.array_equal(snapshot, capture(index + 1))
    reopened.drafting.remove_key_image(0)
    again = desk.session(request, case.study)
    assert len(again.opinion.key_images) == 1
    assert again.opinion.key_images[0].sop_instance_uid == str(
        case.study.series(cta)[1].SOPInstanceUID
    )
    remaining = again.drafting.snapshot(0)
    assert remaining is not None and np.array_equal(remaining, capture(2))
    assert again.drafting.snapshot(1) is None


def test_missing_fields_block_sending(hub: HttpHub, desk: Desk, tmp_path: Path) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    with pytest.raises(OpinionNotReady) as refused:
        session.sending.send(m.ReportKind.FINAL)
    assert any(p.startswith("haemorrhage:") for p in refused.value.problems)
    assert desk.outbox.items() == []

    session.drafting.mark_series_read(series_of(case.study, "NCCT head"))
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.ABSENT))
    session.edit(lambda o: setattr(o.recommendation, "thrombolysis", m.ThrombolysisAdvice.PENDING))
    session.edit(lambda o: setattr(o.recommendation, "thrombectomy", m.ThrombectomyAdvice.PENDING))
    # The study holds a CTA: the occlusion must be stated even if only the NCCT was read.
    assert [p.split(":")[0] for p in session.sending.problems(m.ReportKind.PRELIMINARY)] == [
        "occlusion"
    ]
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)  # does not fit: a series is a CTA
    assert "does not fit" in session.sending.problems(m.ReportKind.PRELIMINARY)[0]
    session.drafting.set_occlusion_statement(m.Finding.ABSENT)
    assert session.sending.can_send(m.ReportKind.PRELIMINARY)  # pending is fine in a preliminary
    assert not session.sending.can_send(m.ReportKind.FINAL)

    session.drafting.mark_series_read(series_of(case.study, "CTA head neck"))  # angiography read
    session.drafting.set_occlusion_statement(m.Finding.NOT_ASSESSED)
    assert any(
        p.startswith("occlusion:") for p in session.sending.problems(m.ReportKind.PRELIMINARY)
    )
    session.drafting.set_occlusion_statement(m.Finding.PRESENT)
    assert any(
        p.startswith("occlusion.sites") for p in session.sending.problems(m.ReportKind.PRELIMINARY)
    )
    session.drafting.set_occlusion_site(m.OcclusionSite.M1, True, None)  # no side yet
    assert any("side" in p for p in session.sending.problems(m.ReportKind.PRELIMINARY))
    session.drafting.set_occlusion_site(m.OcclusionSite.M1, True, m.Side.LEFT)
    session.edit(
        lambda o: setattr(o.recommendation, "thrombolysis", m.ThrombolysisAdvice.CONTRAINDICATED)
    )
    assert any(
        "thrombolysis_reason" in p for p in session.sending.problems(m.ReportKind.PRELIMINARY)
    )
    session.edit(lambda o: setattr(o.recommendation, "thrombolysis_reason", "on apixaban"))
    assert session.sending.problems(m.ReportKind.PRELIMINARY) == []

    desk.claims.remove(hub.base_url, case.workitem_uid)  # claimed elsewhere, not here
    assert session.sending.problems(m.ReportKind.PRELIMINARY) == [
        "claim: this request is not claimed on this workstation"
    ]


def test_identity_difference_blocks_until_overridden_with_a_reason_audited(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    other = dataclasses.replace(request, birth_date="19540213", patient_name="dupont^zoe")
    session = desk.session(other, case.study)
    fill_required(session, case.study)
    [mismatch] = session.identity.uncovered()  # the name only differs by case and accent
    assert mismatch.field == "birth_date" and mismatch.image_value == "19540212"
    assert any(p.startswith("identity:") for p in session.sending.problems())
    with pytest.raises(SessionError, match="reason"):
        session.identity.override("   ")
    assert audit_records(desk) == []

    decision = session.identity.override("Birth date mistyped by the ED; checked by phone")
    assert decision.fields == ("birth_date",) and decision.by == "cmartin"
    assert session.identity.uncovered() == [] and session.sending.problems() == []
    [record] = audit_records(desk)
    assert record["what"] == "identity-override" and record["reason"] == "user-override"
    assert record["workitem_uid"] == case.workitem_uid
    assert "Birth date" not in desk.audit.path.read_text()  # free text never in the trail
    restored = desk.session(other, case.study)
    assert restored.opinion.identity_override == decision


def test_preliminary_then_final_through_the_outbox(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, None)  # the images are listed later, as the viewer does
    assert "images: the case's images are not listed yet" in session.sending.problems()
    ncct, cta = series_of(case.study, "NCCT head"), series_of(case.study, "CTA head neck")
    session.add_series(case.study.series(ncct))
    session.drafting.mark_series_read(ncct)
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.ABSENT))
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)  # no CTA listed yet
    session.edit(
        lambda o: setattr(
            o, "recommendation",
            m.Recommendation(m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION, "",
                             m.ThrombectomyAdvice.PENDING),
        )
    )  # fmt: skip
    preliminary = session.sending.send(m.ReportKind.PRELIMINARY)
    assert preliminary.kind is m.ReportKind.PRELIMINARY and preliminary.workitem_uid
    assert session.state is CaseState.WRITING and session.sending.preliminary_sent
    assert session.opinion.kind is m.ReportKind.FINAL and len(session.opinion.predecessors) == 1
    [done] = desk.outbox.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    assert workitem_state(hub, case.workitem_uid) == IN_PROGRESS
    first_outputs = outputs_of(hub, case.workitem_uid)
    assert preliminary.sr_instance_uid in first_outputs

    late = session.add_series(case.study.series(cta))  # the CTA after the preliminary
    assert late == [cta] and session.late_series == [cta]
    reopened = desk.session(request, case.study)  # the draft carries on as the final
    assert reopened.opinion == session.opinion and reopened.sending.preliminary_sent
    session = reopened
    session.drafting.mark_series_read(cta)
    assert "does not fit" in session.sending.problems()[0]  # "no angiography" no longer fits
    session.drafting.set_occlusion_statement(m.Finding.ABSENT)
    session.edit(
        lambda o: setattr(o.recommendation, "thrombectomy", m.ThrombectomyAdvice.NOT_CANDIDATE)
    )
    final = session.sending.send(m.ReportKind.FINAL)
    assert session.state is CaseState.SENT and session.late_series == []
    with pytest.raises(SessionError):
        session.edit(lambda o: setattr(o, "conclusion", "changed after signing"))
    [done] = desk.outbox.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    session.sending.delivered(done)
    assert session.drafts.load(case.workitem_uid) is None  # delivered: draft removed
    assert workitem_state(hub, case.workitem_uid) == COMPLETED
    outputs = outputs_of(hub, case.workitem_uid)
    assert first_outputs < outputs and final.sr_instance_uid in outputs
    assert max(Counter(instances_on_hub(hub, case.study.study_instance_uid)).values()) == 1
    signed = desk.outbox.opinion(final.id)
    assert signed.radiologist == RADIOLOGIST
    assert {s.series_instance_uid for s in signed.series_read} == {ncct, cta}
    assert signed.predecessors[0].sop_instance_uid == preliminary.sr_instance_uid

    after = desk.session(request, case.study)  # reopened once it was delivered
    assert after.state is CaseState.SENT and after.opinion == signed
    folder = tmp_path / "late"
    write_ct_series(
        folder, study_uid=case.study.study_instance_uid, number=4, description="CTP", slices=1
    )
    late_series = Study.from_folder(folder)
    assert after.add_series(late_series.headers) == late_series.series_uids()
    assert after.flagged_series() == [(late_series.series_uids()[0], "CTP")]


def test_amendment_supersedes_the_delivered_final(hub: HttpHub, desk: Desk, tmp_path: Path) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    fill_required(session, case.study)
    final = session.sending.send(m.ReportKind.FINAL)
    assert not session.sending.can_amend()  # not delivered yet
    with pytest.raises(SessionError):
        session.sending.amend("wrong side")
    [done] = desk.outbox.process_once()
    session.sending.delivered(done)
    session.sending.amend("The occlusion is on the right")
    assert session.state is CaseState.WRITING and session.opinion.is_amendment
    session.drafting.set_occlusion_site(m.OcclusionSite.M1, False)
    session.drafting.set_occlusion_site(m.OcclusionSite.M1, True, m.Side.RIGHT)
    amended = session.sending.send(m.ReportKind.FINAL)
    assert amended.amendment and amended.workitem_uid is None
    [done] = desk.outbox.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    corrected = desk.outbox.opinion(amended.id)
    assert corrected.predecessors[0].sop_instance_uid == final.sr_instance_uid
    assert corrected.occlusion.sites == [m.VesselOcclusion(m.OcclusionSite.M1, m.Side.RIGHT)]
    assert [s.id for s in session.sending.case_items()] == [final.id, amended.id]


def test_a_crash_between_the_outbox_and_the_draft_sends_nothing_twice(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    fill_required(session, case.study)
    prepared = session.sending.prepare(m.ReportKind.FINAL)
    status = session.sending.submit(prepared)  # ... and the process dies before the draft moves on
    reopened = desk.session(request, case.study)
    assert reopened.state is CaseState.SENT
    assert reopened.opinion.uids is not None
    assert reopened.opinion.uids.sr_instance == status.sr_instance_uid
    assert len(desk.outbox.items()) == 1


def test_settled_leaves_out_what_the_panel_hides() -> None:
    draft = m.Opinion()
    draft.haemorrhage = m.Haemorrhage(
        m.Finding.ABSENT, [m.HaemorrhageType.SUBDURAL], m.Side.LEFT, m.Abc(10, 10, 10)
    )
    draft.occlusion = m.Occlusion(m.Finding.ABSENT, [m.VesselOcclusion(m.OcclusionSite.M1)])
    draft.recommendation.thrombolysis_reason = "typed, then the advice changed"
    signed = settled(draft, m.ReportKind.FINAL)
    assert signed.haemorrhage == m.Haemorrhage(m.Finding.ABSENT)
    assert signed.occlusion.sites == [] and signed.recommendation.thrombolysis_reason == ""
    assert draft.haemorrhage.types == [m.HaemorrhageType.SUBDURAL]  # the draft keeps them


def test_lossy_series_read_adds_the_limitation_and_keeps_it(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    lossy_dir = tmp_path / "lossy"
    write_ct_series(
        lossy_dir, study_uid=case.study.study_instance_uid, number=9, description="NCCT lossy",
        slices=1, lossy=True,
    )  # fmt: skip
    lossy = Study.from_folder(lossy_dir)
    session = desk.session(request, case.study)
    session.add_series(lossy.headers)
    [uid] = lossy.series_uids()
    session.drafting.mark_series_read(uid)
    assert session.opinion.limitations == [m.Limitation.LOSSY_COMPRESSION]
    assert session.lossy_read() == [uid]
    with pytest.raises(SessionError):
        session.drafting.set_limitation(m.Limitation.LOSSY_COMPRESSION, False)


def test_key_image_must_be_an_image_of_the_case(hub: HttpHub, desk: Desk, tmp_path: Path) -> None:
    case, request = claimed_request(hub, tmp_path / "study", desk)
    session = desk.session(request, case.study)
    with pytest.raises(SessionError):
        session.drafting.add_key_image(capture(), "1.2.3", "1.2.3.4")
    image = case.study.first
    with pytest.raises(ValueError, match="RGB"):
        session.drafting.add_key_image(
            np.zeros((4, 4), np.uint8), str(image.SeriesInstanceUID), str(image.SOPInstanceUID)
        )
    assert session.opinion.key_images == []
