"""The identity override bound to values, in the opinion session (issue #10 item 4), on a
real minihub: a later series of another patient stops sending again and names the patient;
the final opinion and the amendment inherit the override only for the same differences;
a draft with the old form of override comes back without it, and says so."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from app.hub.client import HttpHub
from app.opinion import drafts as drafts_module
from app.opinion import model as m
from app.opinion.build import OpinionNotReady
from app.opinion.identity import Difference
from app.opinion.schema import LEGACY_OVERRIDE_NOTE, opinion_to_dict
from app.opinion.study import Study
from app.outbox.store import DeliveryState
from app.reading.session import OpinionSession
from app.reading.state import SessionError
from app.worklist.model import Request
from tests.app.opinion.conftest import write_ct_series
from tests.app.opinion_session_util import Desk, claimed_request, fill_required
from tests.app.sending_util import Case, Clock, hub, hub_server

__all__ = ["hub", "hub_server"]  # fixtures

#: The request's name; the images say "DUPONT^Zoé" (a middle name the ED added).
REQUEST_NAME = "DUPONT^Zoé^Marie"
ACCEPTED = Difference("name", REQUEST_NAME, "DUPONT^Zoé")


@pytest.fixture
def desk(hub: HttpHub, tmp_path: Path) -> Desk:
    return Desk(tmp_path / "desk", hub.base_url, Clock())


def overridden(hub: HttpHub, desk: Desk, folder: Path) -> tuple[Case, Request, OpinionSession]:
    """A case whose request names the patient with a middle name, overridden for it."""
    case, request = claimed_request(hub, folder / "study", desk)
    request = dataclasses.replace(request, patient_name=REQUEST_NAME)
    session = desk.session(request, case.study)
    fill_required(session, case.study)
    assert [x.field for x in session.identity.uncovered()] == ["name"]
    decision = session.identity.override("Middle name added by the ED; same patient")
    assert decision.differences == (ACCEPTED,)
    assert session.sending.problems() == []
    return case, request, session


def other_patient_series(case: Case, folder: Path, number: int = 5) -> Study:
    """A series of MARTIN^Paul stored in the same study (e.g. a mix-up at the scanner)."""
    write_ct_series(
        folder, study_uid=case.study.study_instance_uid, number=number,
        description="CTA late", slices=1, patient_name="MARTIN^Paul",
    )  # fmt: skip
    return Study.from_folder(folder)


def test_a_later_series_of_another_patient_stops_sending_and_names_him(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, request, session = overridden(hub, desk, tmp_path)
    late = other_patient_series(case, tmp_path / "late")
    session.add_series(late.headers)  # arrives after the override
    [left] = session.identity.uncovered()
    assert (left.field, left.image_value, left.where) == (
        "name",
        "MARTIN^Paul",
        "series 5 CTA late",
    )
    problems = session.sending.problems()
    assert "identity: series 5 CTA late shows patient MARTIN^Paul (ID NAN-0042 / CHRU-NANCY, " \
        "born 19540212, sex F)" in problems  # fmt: skip
    with pytest.raises(OpinionNotReady):
        session.sending.send(m.ReportKind.FINAL)
    assert desk.outbox.items() == []
    reopened = desk.session(request, Study.of([*case.study.headers, *late.headers]))
    assert [x.image_value for x in reopened.identity.uncovered()] == ["MARTIN^Paul"]


def test_a_series_arriving_while_the_reason_is_typed_is_not_overridden(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    """The dialog shows the differences; a series of another patient lands while the
    radiologist types the reason: the decision covers only what was shown."""
    case, request = claimed_request(hub, tmp_path / "study", desk)
    request = dataclasses.replace(request, patient_name=REQUEST_NAME)
    session = desk.session(request, case.study)
    fill_required(session, case.study)
    shown = session.identity.mismatches()  # what the dialog lists
    late = other_patient_series(case, tmp_path / "late")
    session.add_series(late.headers)  # arrives while the reason is typed
    with pytest.raises(SessionError, match="new identity differences"):
        session.identity.override("Middle name added by the ED; same patient", shown)
    assert session.opinion.identity_override is None
    assert {x.image_value for x in session.identity.uncovered()} >= {"MARTIN^Paul"}
    decided = session.identity.override("Checked both", session.identity.mismatches())
    assert len(decided.differences) == 2  # reviewed again, both named: a knowing decision


def test_the_final_and_the_amendment_inherit_only_the_same_differences(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    case, _request, session = overridden(hub, desk, tmp_path)
    session.edit(lambda o: setattr(o.recommendation, "thrombectomy", m.ThrombectomyAdvice.PENDING))
    preliminary = session.sending.send(m.ReportKind.PRELIMINARY)
    signed = desk.outbox.opinion(preliminary.id)
    assert signed.identity_override is not None
    assert signed.identity_override.differences == (ACCEPTED,)
    final_draft = session.opinion.identity_override  # the final carries it on, for that pair
    assert final_draft is not None and final_draft.differences == (ACCEPTED,)
    session.edit(
        lambda o: setattr(o.recommendation, "thrombectomy", m.ThrombectomyAdvice.CANDIDATE)
    )
    assert session.sending.problems() == []
    final = session.sending.send(m.ReportKind.FINAL)
    for done in desk.outbox.process_once():
        assert done.state is DeliveryState.DELIVERED, done.reason
    session.sending.delivered(next(s for s in desk.outbox.items() if s.id == final.id))

    late = other_patient_series(case, tmp_path / "late")
    session.add_series(late.headers)
    session.sending.amend("Thrombolysis advice corrected")
    assert session.opinion.identity_override is not None  # inherited: the same pair only
    assert session.opinion.identity_override.differences == (ACCEPTED,)
    assert [x.image_value for x in session.identity.uncovered()] == ["MARTIN^Paul"]
    assert any("shows patient MARTIN^Paul" in p for p in session.sending.problems())


def legacy_dict(opinion: m.Opinion) -> dict[str, Any]:
    data = opinion_to_dict(opinion)
    data["identity_override"] = {
        "reason": "ED typo", "by": "cmartin", "at": "2025-03-01T14:00:00+01:00",
        "fields": ["name"],
    }  # fmt: skip
    return data


def test_a_draft_with_the_old_form_of_override_must_be_confirmed_again(
    hub: HttpHub, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, request, session = overridden(hub, desk, tmp_path)
    monkeypatch.setattr(drafts_module, "opinion_to_dict", legacy_dict)
    session.drafts.save(case.workitem_uid, session.opinion)  # as an earlier version saved it
    monkeypatch.undo()

    reopened = desk.session(request, case.study)
    assert reopened.restored and reopened.legacy_override
    assert LEGACY_OVERRIDE_NOTE in reopened.restore_problems
    assert reopened.opinion.identity_override is None  # no override: the name blocks again
    assert [x.field for x in reopened.identity.uncovered()] == ["name"]
    assert any(p.startswith("identity:") for p in reopened.sending.problems())
    reopened.identity.override("Checked again: same patient")
    assert reopened.sending.problems() == []
