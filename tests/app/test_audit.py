"""The audit trail: a hash chain that shows edits, and a schema that keeps patient data out."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from app.store.audit import GENESIS, AuditLog, verify

STUDY = "1.2.826.0.1.3680043.8.498.10"
WORKITEM = "1.2.826.0.1.3680043.8.498.11"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def _log(path: Path) -> AuditLog:
    hub = "https://user:pw@hub.example:8443/dicom-web/?x=1"
    return AuditLog(path, user="dr.neuro", hub=hub, clock=Clock())


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    log = _log(path)
    log.append("claim", workitem_uid=WORKITEM, transaction_uid="1.2.3.4")
    log.append("case-opened", study_uid=STUDY, workitem_uid=WORKITEM)
    log.append("series-viewed", study_uid=STUDY, series_uid="1.2.3.5")
    log.append("release", workitem_uid=WORKITEM, outcome="ok")
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines()


def test_records_chain_and_verify(tmp_path: Path):
    path = _filled(tmp_path)
    assert verify(path) == []
    records = [json.loads(line) for line in _lines(path)]
    assert [r["what"] for r in records] == ["claim", "case-opened", "series-viewed", "release"]
    assert records[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in itertools.pairwise(records))
    first = records[0]
    assert first["who"] == "dr.neuro"
    assert first["when"] == "2026-11-27T08:00:01.000+00:00"  # UTC
    assert first["hub"] == "https://hub.example:8443/dicom-web"  # no credentials, no query
    assert [r["seq"] for r in records] == [1, 2, 3, 4]
    assert _log(path).head() == (4, records[-1]["hash"])
    # a new log object on the same file continues the chain
    _log(path).append("ack", study_uid=STUDY)
    assert verify(path) == []


def test_an_edited_record_is_detected(tmp_path: Path):
    path = _filled(tmp_path)
    lines = _lines(path)
    lines[1] = lines[1].replace("case-opened", "series-viewed")
    path.write_text("\n".join(lines) + "\n")
    problems = verify(path)
    assert any("line 2" in p and "edited" in p for p in problems)


def test_a_deleted_record_is_detected(tmp_path: Path):
    path = _filled(tmp_path)
    lines = _lines(path)
    del lines[1]
    path.write_text("\n".join(lines) + "\n")
    problems = verify(path)
    assert any("line 2" in p for p in problems)


def test_reordered_records_are_detected(tmp_path: Path):
    path = _filled(tmp_path)
    lines = _lines(path)
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("\n".join(lines) + "\n")
    assert verify(path)


def test_a_rehashed_forgery_is_still_detected(tmp_path: Path):
    """Recomputing the edited record's own hash breaks the next record's link."""
    from app.store.audit import _digest

    path = _filled(tmp_path)
    records = [json.loads(line) for line in _lines(path)]
    records[1]["what"] = "series-viewed"
    records[1]["hash"] = _digest(records[1])
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    problems = verify(path)
    assert any("line 3" in p and "follow" in p for p in problems)


@pytest.mark.parametrize(
    "fields",
    [
        {"patient_name": "DOE^JOHN"},  # not a field of the schema
        {"comment": "looks like a bleed"},  # no free text
        {"study_uid": "DOE^JOHN"},  # a UID field holds only a UID
        {"reason": "the patient is my neighbour"},  # reasons are codes
        {"pixels": [1, 2, 3]},  # no images
    ],
)
def test_free_text_patient_data_and_images_are_refused(tmp_path: Path, fields: dict):
    path = tmp_path / "audit.jsonl"
    log = _log(path)
    with pytest.raises(ValueError):
        log.append("case-opened", **fields)
    assert not path.exists() or path.read_text() == ""


def test_unknown_actions_and_users_with_spaces_are_refused(tmp_path: Path):
    log = _log(tmp_path / "audit.jsonl")
    with pytest.raises(ValueError):
        log.append("looked-at-facebook", study_uid=STUDY)
    with pytest.raises(ValueError):
        AuditLog(tmp_path / "a.jsonl", user="John Doe", hub="http://h", clock=Clock()).append(
            "claim", workitem_uid=WORKITEM
        )


def test_a_uid_with_leading_zeros_from_a_modality_is_recorded(tmp_path: Path) -> None:
    """Real modalities write components like 0123 (PS3.5 forbids it): opening such a case
    must not fail on its audit record."""
    path = tmp_path / "audit.jsonl"
    _log(path).append("case-opened", study_uid="1.2.840.113619.2.55.3.0123", workitem_uid=WORKITEM)
    assert verify(path) == []
    with pytest.raises(ValueError):
        _log(path).append("case-opened", study_uid="../1.2", workitem_uid=WORKITEM)
