"""Sending a request to a real minihub: STOW-RS, then the workitem, INCOMPLETE → READY.

The workitem may only reference instances on the hub: every test checks each
Input Information Sequence reference against QIDO-RS. Failures part-way (hub
stopped mid-upload, cancel) keep the state, and resuming completes without
duplicates.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydicom.dataset import Dataset

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import IdentityMismatch, select_images
from app.ed.request.send import (
    Progress,
    SendCancelled,
    SendError,
    add_images,
    resume_request,
    send_request,
)
from app.ed.request.state import RequestStateStore
from app.hub.client import HttpHub
from app.hub.errors import NotFound
from app.opinion.identity import PatientIdentity
from minihub.server import HubServer
from protocol.request import read_clinical_request, read_input_series, read_request_workitem
from tests.app.request_util import third_party_ct
from tests.app.sending_util import hub, hub_server
from tests.hub_util import FAST

__all__ = ["hub", "hub_server"]  # fixtures

NOW = datetime.now().astimezone().replace(microsecond=0)


@pytest.fixture(scope="module")
def mr_images(synth_root: Path) -> Any:
    """The synthetic wake-up MR: DWI, ADC, FLAIR (3 series, 120 images)."""
    return select_images(synth_root / "wake-up-mr")


def form(**changes: Any) -> Any:
    return parse_clinical({**example_clinical(NOW), **changes}, now=NOW)


def on_hub(hub: HttpHub, study: str, series: str | None = None) -> int:
    """How many instances of the study (series) the hub has (404 → none)."""
    try:
        return len(hub.search_instances(study, series))
    except NotFound:
        return 0


def references_resolve(hub: HttpHub, item: dict[str, Any]) -> int:
    """Every (0040,4021) reference is an instance on the hub; returns how many."""
    count = 0
    for series in read_input_series(item):
        assert series.retrieve_url == (
            f"{hub.base_url}/studies/{series.study_uid}/series/{series.series_uid}"
        )
        found = hub.search_instances(series.study_uid, series.series_uid)
        on_hub = {Dataset.from_json(i).SOPInstanceUID for i in found}
        for _, sop in series.instances:
            assert sop in on_hub
        count += len(series.instances)
    return count


def test_third_party_folder_becomes_a_ready_workitem(hub: HttpHub, tmp_path: Path) -> None:
    images = select_images(third_party_ct(tmp_path / "cd"))
    seen: list[Progress] = []
    result = send_request(hub, images, form(), on_progress=seen.append)
    item = hub.retrieve_workitem(result.workitem_uid)
    ds = Dataset.from_json(item)
    assert ds.InputReadinessState == "READY" and ds.ScheduledProcedureStepPriority == "HIGH"
    assert (ds.PatientID, str(ds.PatientName), ds.PatientSex) == ("98890234", "Doe^Peter", "M")
    assert ds.StudyInstanceUID == images.study_uid
    assert references_resolve(hub, item) == 5
    assert read_clinical_request(item) == form().to_request()
    assert [p.stage for p in seen][-3:] == ["series-stored", "workitem-created", "done"]
    assert (result.series_stored, result.instances_stored, result.resumed) == (1, 5, False)
    # The scout stayed home.
    scout = images.excluded[0]
    assert on_hub(hub, scout.study_uid, scout.series_uid) == 0


def test_incomplete_until_the_last_series_is_stored(
    hub: HttpHub, mr_images: Any, tmp_path: Path
) -> None:
    checks: list[tuple[str, str, int]] = []

    def watch(progress: Progress) -> None:
        if progress.stage in ("workitem-created", "workitem-updated"):
            item = hub.retrieve_workitem(progress.workitem_uid)
            readiness = Dataset.from_json(item).InputReadinessState
            checks.append((progress.stage, readiness, references_resolve(hub, item)))

    store = RequestStateStore(tmp_path / "state")
    result = send_request(
        hub, mr_images, form(), on_progress=watch, state_store=store, batch_count=16
    )
    counts = [s.count for s in mr_images.series]
    assert checks == [
        ("workitem-created", "INCOMPLETE", counts[0]),
        ("workitem-updated", "INCOMPLETE", counts[0] + counts[1]),
        ("workitem-updated", "READY", sum(counts)),
    ]
    assert store.load(result.request_id).status == "done"
    # The same request again: nothing sent twice, no second workitem.
    again = send_request(hub, mr_images, form(), state_store=store)
    assert again.resumed and again.workitem_uid == result.workitem_uid
    assert len(hub.search_workitems({"StudyInstanceUID": mr_images.study_uid})) == 1


def test_hub_down_mid_upload_then_resume(mr_images: Any, tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub").start()
    port = server.port
    store = RequestStateStore(tmp_path / "state")
    try:
        with HttpHub(server.base_url, retry=FAST) as hub:

            def stop_after_first_series(progress: Progress) -> None:
                if progress.stage == "workitem-created":
                    server.stop()

            with pytest.raises(SendError) as caught:
                send_request(
                    hub, mr_images, form(), on_progress=stop_after_first_series,
                    state_store=store, batch_count=10,
                )  # fmt: skip
            message = str(caught.value)
            assert "1 of 3 series" in message and "send it again to resume" in message
            state = caught.value.state
            assert state.status == "failed" and state.workitem == "created"
            assert store.load(state.request_id).status == "failed"

            server = HubServer(tmp_path / "hub", port=port).start()  # same data, same URL
            item = hub.retrieve_workitem(state.workitem_uid)
            assert Dataset.from_json(item).InputReadinessState == "INCOMPLETE"
            assert references_resolve(hub, item) == mr_images.series[0].count
            assert len(read_input_series(item)) == 1

            result = resume_request(hub, store, state.request_id)
            item = hub.retrieve_workitem(result.workitem_uid)
            assert result.workitem_uid == state.workitem_uid and result.resumed
            assert Dataset.from_json(item).InputReadinessState == "READY"
            assert references_resolve(hub, item) == mr_images.instance_count
            assert on_hub(hub, mr_images.study_uid) == mr_images.instance_count
            assert len(hub.search_workitems({"StudyInstanceUID": mr_images.study_uid})) == 1
    finally:
        server.stop()


def test_hub_down_before_anything_is_stored(tmp_path: Path) -> None:
    images = select_images(third_party_ct(tmp_path / "cd"))
    server = HubServer(tmp_path / "hub").start()
    url = server.base_url
    server.stop()
    store = RequestStateStore(tmp_path / "state")
    with HttpHub(url, retry=FAST) as hub, pytest.raises(SendError) as caught:
        send_request(hub, images, form(), state_store=store)
    assert "no request was created yet" in str(caught.value)
    assert caught.value.state.workitem == "none" and caught.value.state.instances_stored == 0


def test_cancel_then_resume(hub: HttpHub, mr_images: Any, tmp_path: Path) -> None:
    store = RequestStateStore(tmp_path / "state")
    batches = []

    first = mr_images.series[0].count
    first_batches = -(-first // 10)

    def cancel() -> bool:  # asked before each batch: stop one batch into the second series
        batches.append(1)
        return len(batches) > first_batches + 1

    request = form(question="Thrombolysis? (cancel test)")
    with pytest.raises(SendCancelled) as caught:
        send_request(hub, mr_images, request, cancel=cancel, state_store=store, batch_count=10)
    state = caught.value.state
    assert state.status == "cancelled" and state.instances_stored == first + 10
    assert state.workitem == "created" and state.readiness == "INCOMPLETE"
    # The workitem says what is missing: the series in flight is listed with the 10 images the
    # hub has out of its count, and the request's total is announced (issue #9).
    decoded = read_request_workitem(hub.retrieve_workitem(state.workitem_uid))
    assert decoded.incomplete and decoded.readiness == "INCOMPLETE"
    assert decoded.images_expected == mr_images.instance_count
    assert decoded.images_listed == first + 10
    second = mr_images.series[1]
    partial = [s for s in decoded.inputs if s.series_uid == second.series_uid]
    assert [(len(s.instances), s.expected) for s in partial] == [(10, second.count)]
    assert not partial[0].complete
    result = send_request(hub, mr_images, request, state_store=store, batch_count=10)
    assert result.resumed and result.workitem_uid == state.workitem_uid
    assert result.readiness == "READY"
    done = read_request_workitem(hub.retrieve_workitem(result.workitem_uid))
    assert not done.incomplete and done.images_listed == mr_images.instance_count
    assert all(s.complete and s.expected == len(s.instances) for s in done.inputs)


def test_claimed_before_the_last_series(hub: HttpHub, mr_images: Any, tmp_path: Path) -> None:
    """A radiologist claims after the first series: later ones are only in the study."""

    def claim(progress: Progress) -> None:
        if progress.stage == "workitem-created":
            hub.claim(progress.workitem_uid)

    request = form(question="Thrombolysis? (claim test)")
    result = send_request(hub, mr_images, request, on_progress=claim, new=True)
    assert result.instances_stored == mr_images.instance_count
    assert "already IN PROGRESS" in result.notes[0]
    item = hub.retrieve_workitem(result.workitem_uid)
    assert references_resolve(hub, item) == mr_images.series[0].count
    for series in mr_images.series:
        assert on_hub(hub, series.study_uid, series.series_uid) == series.count


def test_request_without_images(hub: HttpHub) -> None:
    patient = {"name": "MARTIN^Anne", "id": "PA-77", "issuer": "CHV", "birth_date": "19480302",
               "sex": "F"}  # fmt: skip
    request = form(patient=patient, question="Protocol advice: CTP?")
    result = send_request(hub, None, request)
    ds = Dataset.from_json(hub.retrieve_workitem(result.workitem_uid))
    assert ds.InputReadinessState == "READY" and list(ds.InputInformationSequence) == []
    assert (ds.PatientID, ds.IssuerOfPatientID, ds.PatientBirthDate) == (
        "PA-77", "CHV", "19480302"
    )  # fmt: skip
    with pytest.raises(ValueError, match="needs the patient's identity"):
        send_request(hub, None, form())


def test_the_form_patient_must_be_the_images_patient(hub: HttpHub, tmp_path: Path) -> None:
    images = select_images(third_party_ct(tmp_path / "cd"))
    before = len(hub.search_workitems())
    with pytest.raises(IdentityMismatch):
        send_request(hub, images, form(patient={"id": "98890234", "sex": "F"}))
    assert len(hub.search_workitems()) == before


def test_series_arriving_later_join_the_request(hub: HttpHub, tmp_path: Path) -> None:
    """The first NCCT images are sent; the rest of the series and the scout come later."""
    folder = third_party_ct(tmp_path / "cd")
    late = tmp_path / "late"
    late.mkdir()
    for path in sorted((folder / "CT5N").iterdir())[3:]:
        path.rename(late / path.name)
    store = RequestStateStore(tmp_path / "state")
    first = send_request(hub, select_images(folder), form(), state_store=store, new=True)
    for path in late.iterdir():
        path.rename(folder / "CT5N" / path.name)
    everything = select_images(folder, include_localizers=True)
    result = add_images(hub, store, first.request_id, everything)
    assert result.workitem_uid == first.workitem_uid and result.readiness == "READY"
    item = hub.retrieve_workitem(result.workitem_uid)
    assert references_resolve(hub, item) == 7
    other = dataclasses.replace(
        everything, patient=PatientIdentity(patient_id="someone-else", name="Doe^Peter")
    )
    with pytest.raises(IdentityMismatch):
        add_images(hub, store, first.request_id, other)


def test_scheduled_time_and_offsets(hub: HttpHub, tmp_path: Path) -> None:
    images = select_images(third_party_ct(tmp_path / "cd"))
    when = datetime(2025, 6, 1, 10, 0).astimezone()
    lkw_at = NOW - timedelta(hours=1)
    request = form(question="Clock test", last_known_well=lkw_at.isoformat())
    result = send_request(hub, images, request, clock=lambda: when, new=True)
    ds = Dataset.from_json(hub.retrieve_workitem(result.workitem_uid))
    assert ds.ScheduledProcedureStepStartDateTime == when.strftime("%Y%m%d%H%M%S%z")
    # the last known well keeps the offset it was given (today's, whatever the season),
    # the scheduled time the clock's
    params = ds.ScheduledProcessingParametersSequence
    assert lkw_at.strftime("%Y%m%d%H%M%S%z") in [str(p.get("DateTime", "")) for p in params]
