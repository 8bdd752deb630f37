"""Reading UPS workitems (DICOM JSON) into requests, and their order."""

from __future__ import annotations

import datetime as dt

from pydicom import Dataset

from app.worklist.model import Request, Worklist, request_from_workitem
from tests.dataset_util import set_patient


def _workitem(uid: str, priority: str, scheduled: str, *, nihss: float | None = 12) -> dict:
    ds = Dataset()
    ds.SOPInstanceUID = uid
    ds.ProcedureStepState = "SCHEDULED"
    ds.ScheduledProcedureStepPriority = priority
    ds.ScheduledProcedureStepStartDateTime = scheduled
    set_patient(ds, "SYNTH^ALPHA", "SYN001", "SYNTH-HOSP", "19500101")
    ref = Dataset()
    ref.AccessionNumber = "ACC1"
    ref.RequestingPhysician = "ED^DOCTOR"
    ref.RequestingService = "CH Synthville ED"
    ref.ReasonForTheRequestedProcedure = "Thrombectomy?"
    ref.StudyInstanceUID = "1.2.3"
    ds.ReferencedRequestSequence = [ref]
    params = []
    if nihss is not None:
        item = Dataset()
        item.ValueType = "NUM"
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator = "72089-6", "LN"
        code.CodeMeaning = "Total score [NIHSS]"
        item.ConceptNameCodeSequence = [code]
        item.NumericValue = nihss
        params.append(item)
    lkw = Dataset()
    lkw.ValueType = "DATETIME"
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator = "LKW", "99STRKLNK"
    code.CodeMeaning = "Heure des derniers signes normaux"  # meanings may be localised
    lkw.ConceptNameCodeSequence = [code]
    lkw.DateTime = "20261127080000+0100"
    params.append(lkw)
    foreign = Dataset()  # same meaning text, another scheme: not our LKW, yet shown as is
    foreign.ValueType = "DATETIME"
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator = "SL-LKW", "99OTHER"
    code.CodeMeaning = "Time last known well"
    foreign.ConceptNameCodeSequence = [code]
    foreign.DateTime = "20261127060000+0100"
    params.append(foreign)
    ds.ScheduledProcessingParametersSequence = params
    inp = Dataset()
    inp.StudyInstanceUID = "1.2.3"
    ds.InputInformationSequence = [inp]
    return ds.to_json_dict()


def test_request_fields_from_standard_attributes() -> None:
    r = request_from_workitem(_workitem("1.9.1", "HIGH", "20261127090000+0100"))
    assert r.workitem_uid == "1.9.1"
    assert r.priority == "HIGH" and r.state == "SCHEDULED"
    assert (r.patient_id, r.issuer_of_patient_id, r.sex) == ("SYN001", "SYNTH-HOSP", "F")
    assert r.requesting_site == "CH Synthville ED"
    assert r.question == "Thrombectomy?"
    assert r.nihss == 12
    assert r.last_known_well == dt.datetime(2026, 11, 27, 7, 0, tzinfo=dt.UTC)
    assert r.clinical.other == (("Time last known well", "20261127060000+0100"),)
    assert r.scheduled is not None and r.scheduled.utcoffset() == dt.timedelta(hours=1)
    assert r.study_uids == ("1.2.3",)


def test_missing_optional_fields_stay_empty() -> None:
    r = request_from_workitem(_workitem("1.9.2", "LOW", "", nihss=None))
    assert r.nihss is None and r.scheduled is None


def test_worklist_sorted_by_priority_then_waiting_time() -> None:
    worklist = Worklist()
    seen: list[list[str]] = []
    worklist.subscribe(lambda w: seen.append([r.workitem_uid for r in w.requests]))
    items = [
        _workitem("1.9.10", "LOW", "20261127060000+0000"),
        _workitem("1.9.11", "HIGH", "20261127090000+0000"),
        _workitem("1.9.12", "HIGH", "20261127070000+0000"),
        _workitem("1.9.13", "MEDIUM", "20261127050000+0000"),
    ]
    worklist.replace(request_from_workitem(i) for i in items)
    assert seen == [["1.9.12", "1.9.11", "1.9.13", "1.9.10"]]
    assert all(isinstance(r, Request) for r in worklist.requests)


def test_a_workitem_too_malformed_to_read_is_listed_as_unreadable() -> None:
    """One bad workitem from a hub never blanks the radiologist's list, nor hides itself."""
    from app.worklist.model import fetch_open_requests

    good = _workitem("1.9.5", "HIGH", "20261127090000+0100")
    bad = {"00080018": {"vr": "UI", "Value": ["1.9.6"]},
           "00741000": {"vr": "CS", "Value": ["SCHEDULED"]},
           "00404021": {"vr": "SQ", "Value": "not a list of items"}}  # fmt: skip

    class Hub:
        def search_workitems(self, query: dict) -> list[dict]:
            return [good, bad] if query["ProcedureStepState"] == "SCHEDULED" else []

    found = {r.workitem_uid: r for r in fetch_open_requests(Hub())}  # type: ignore[arg-type]
    assert found["1.9.5"].nihss == 12
    assert found["1.9.6"].clinical.unreadable == ("the whole request",)
    assert found["1.9.6"].incomplete and found["1.9.6"].state == "SCHEDULED"
