"""``--seed-demo``: the synthetic cases and one ED request per case.

:func:`seed_demo` stores every instance of :func:`minihub.synth.write_cases`
(seed 0) in the archive, then creates for each case one HIGH-priority UPS
workitem as an emergency department would (DESIGN.md "The request"), unless a
workitem for that study already exists. Seeding twice changes nothing: stored
instances are recognised as identical, and a marker file
(``demo-seed.json`` in the data folder) avoids regenerating the images.

The workitem is encoded by :mod:`protocol.request`, the one request codec
that the ED client and the radiologist's client share. All clinical values
(``demo_requests.json``) are synthetic.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydicom.dataset import Dataset

from minihub.instances import NotAnInstance, read_instance
from minihub.storage import Archive, StoreOutcome
from minihub.worklist import Worklist
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem

MARKER = "demo-seed.json"
DEMO_REQUESTS = Path(__file__).with_name("demo_requests.json")
PARIS = ZoneInfo("Europe/Paris")


def demo_requests(now: datetime) -> dict[str, ClinicalRequest]:
    """Synthetic, varied requests for the synthetic cases (keys: case names).

    The values are in ``demo_requests.json`` next to this module; each
    request's last-known-well time is ``last_known_well_minutes_before`` now.
    """
    local = now.astimezone(PARIS)
    table = json.loads(DEMO_REQUESTS.read_text(encoding="utf-8"))
    requests = {}
    for case, fields in table.items():
        minutes = fields.pop("last_known_well_minutes_before")
        lkw = local - timedelta(minutes=minutes)
        requests[case] = ClinicalRequest(**fields, last_known_well=lkw)
    return requests


def store_file(archive: Archive, source: Path) -> StoreOutcome:
    """Store one Part 10 file through the same path as STOW-RS."""
    with archive.temp_file() as (temp, stream):
        with source.open("rb") as src:
            shutil.copyfileobj(src, stream)
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        return archive.store(temp, read_instance(temp))


def seed_demo(
    archive: Archive,
    worklist: Worklist,
    base_url: str,
    *,
    cases_dir: Path | None = None,
    now: datetime | None = None,
) -> str:
    """Store the synthetic cases and create their requests; returns a summary.

    ``cases_dir`` holds already written cases (``write_cases`` output);
    without it they are generated (seed 0) unless the marker file says they
    are all stored already.
    """
    now = now or datetime.now(UTC)
    marker = archive.root / MARKER
    studies: dict[str, str] = {}
    if cases_dir is None and marker.exists():
        studies = json.loads(marker.read_text(encoding="utf-8"))
        if not all(archive.study_exists(uid) for uid in studies.values()):
            studies = {}
    stored = 0
    if not studies:
        if cases_dir is not None:
            studies, stored = _store_cases(archive, cases_dir)
        else:
            from minihub.synth import write_cases

            with tempfile.TemporaryDirectory(dir=archive.tmp) as folder:
                write_cases(Path(folder), seed=0)
                studies, stored = _store_cases(archive, Path(folder))
        marker.write_text(json.dumps(studies, indent=1), encoding="utf-8")
    requests = demo_requests(now)
    created = 0
    for offset, (case, study_uid) in enumerate(sorted(studies.items())):
        if worklist.search([("StudyInstanceUID", study_uid)]):
            continue
        request = requests.get(case) or ClinicalRequest(
            site="Demo ED", physician="DEMO^Doctor", question="Thrombolysis?"
        )
        workitem = build_request_workitem(
            request,
            patient=_patient_of(archive, study_uid),
            inputs=_inputs_of(archive, study_uid, base_url),
            scheduled=now - timedelta(minutes=len(studies) - offset),
        )
        worklist.create(workitem, None)
        created += 1
    return f"{len(studies)} studies ({stored} new instances), {created} new workitems"


def _store_cases(archive: Archive, root: Path) -> tuple[dict[str, str], int]:
    studies: dict[str, str] = {}
    stored = 0
    for case_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(case_dir.rglob("*.dcm")):
            try:
                outcome = store_file(archive, path)
            except NotAnInstance:
                continue
            stored += outcome is StoreOutcome.STORED
            if case_dir.name not in studies:
                studies[case_dir.name] = read_instance(path).study_uid
    return studies, stored


def _patient_of(archive: Archive, study_uid: str) -> dict[str, str]:
    row = (
        archive.db.connection()
        .execute("SELECT attrs FROM studies WHERE study_uid = ?", (study_uid,))
        .fetchone()
    )
    ds = Dataset.from_json(json.loads(row["attrs"]))
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    return {keyword: str(ds.get(keyword, "") or "") for keyword in keywords}


def _inputs_of(archive: Archive, study_uid: str, base_url: str) -> list[InputSeries]:
    series: dict[str, list[tuple[str, str]]] = {}
    for inst in archive.instances(study_uid):
        series.setdefault(inst.series_uid, []).append((inst.sop_class_uid, inst.sop_uid))
    return [
        InputSeries(study_uid, uid, refs, f"{base_url}/studies/{study_uid}/series/{uid}")
        for uid, refs in series.items()
    ]
