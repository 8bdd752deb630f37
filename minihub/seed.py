"""``--seed-demo``: the synthetic cases and one ED request per case.

:func:`seed_demo` stores every instance of :func:`minihub.synth.write_cases`
(seed 0) in the archive, then creates for each case one HIGH-priority UPS
workitem as an emergency department would (DESIGN.md "The request"), unless a
workitem for that study already exists. Seeding twice changes nothing: stored
instances are recognised as identical, and a marker file
(``demo-seed.json`` in the data folder) avoids regenerating the images.

The workitem is encoded by :mod:`protocol.request`, the one request codec
that the ED client and the radiologist's client share. All clinical values
below are synthetic.
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
PARIS = ZoneInfo("Europe/Paris")


def demo_requests(now: datetime) -> dict[str, ClinicalRequest]:
    """Synthetic, varied requests for the synthetic cases (keys: case names)."""
    local = now.astimezone(PARIS)
    return {
        "normal": ClinicalRequest(
            site="CH Saint-Dié, Urgences", physician="MARTIN^Julie", accession="SLA0001",
            question="Thrombolysis?",
            callback_phone="+33 3 29 00 10 01", last_known_well=local - timedelta(minutes=100),
            nihss=2, glucose=6.1, systolic_bp=158, diastolic_bp=92, prestroke_mrs=0,
            anticoagulation="NONE",
            history="Transient left arm weakness and dysarthria, improving. "
            "Treated hypertension. No previous stroke.",
        ),
        "left-mca": ClinicalRequest(
            site="CH Verdun, Urgences", physician="LEROY^Thomas", accession="SLA0002",
            question="Thrombolysis? Thrombectomy?",
            callback_phone="+33 3 29 00 20 02", last_known_well=local - timedelta(minutes=70),
            nihss=17, glucose=7.4, systolic_bp=182, diastolic_bp=96, prestroke_mrs=1,
            anticoagulation="ANTIPLATELET",
            history="Right hemiplegia and global aphasia. Aspirin 75 mg daily. "
            "Irregular pulse on arrival, ECG pending.",
        ),
        "right-ich": ClinicalRequest(
            site="CH Neufchâteau, Urgences", physician="GARNIER^Sophie", accession="SLA0003",
            question="Thrombolysis? Sudden left hemiparesis, headache, vomiting",
            callback_phone="+33 3 29 00 30 03", last_known_well=local - timedelta(minutes=150),
            nihss=12, glucose=8.2, systolic_bp=210, diastolic_bp=115,
            anticoagulation="VKA",
            history="Found at home by a neighbour, identity not confirmed. "
            "Fluindione box found at home; INR pending.",
        ),
        "wake-up-mr": ClinicalRequest(
            site="CH Épinal, Urgences", physician="BERNARD^Luc", accession="SLA0004",
            question="Thrombolysis? Wake-up stroke: DWI/FLAIR mismatch?",
            callback_phone="+33 3 29 00 40 04", last_known_well=local - timedelta(hours=9),
            nihss=8, glucose=5.6, systolic_bp=165, diastolic_bp=88, prestroke_mrs=0,
            anticoagulation="NONE",
            history="Woke up with left facial droop and arm weakness; well at bedtime.",
        ),
    }  # fmt: skip


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
