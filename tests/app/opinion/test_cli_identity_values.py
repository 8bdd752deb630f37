"""``strokelink opinion build`` with an override bound to values (issue #10 item 4): it
succeeds for the difference it names and refuses, naming the patient, when another series
carries another name; an override of the old form is no override, and said."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pydicom

from app.opinion.schema import LEGACY_OVERRIDE_NOTE
from tests.app.opinion.conftest import write_ct_series
from tests.app.opinion.test_cli import example_for, strokelink

OVERRIDE = {
    "reason": "Middle name added by the ED; same patient, checked by phone",
    "by": "MARTIN^Claire",
    "at": "2025-03-01T14:30:00+01:00",
    "differences": [{"field": "name", "request": "DUPONT^Zoé^Marie", "images": "DUPONT^Zoé"}],
}


def opinion_with(study: Path, folder: Path, override: dict[str, object] | None) -> Path:
    source = example_for(study, folder)
    data = json.loads(source.read_text(encoding="utf-8"))
    data["request"]["identity"]["name"] = "DUPONT^Zoé^Marie"
    data["identity_override"] = override
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return source


def test_the_named_difference_is_accepted_another_patient_is_refused_by_name(
    study_dir: Path, tmp_path: Path
) -> None:
    study = tmp_path / "study"
    shutil.copytree(study_dir, study)
    source = opinion_with(study, tmp_path, OVERRIDE)
    run = strokelink("opinion", "build", source, "--study", study, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "identity override by MARTIN^Claire (name)" in run.stdout
    assert "accepted name: request 'DUPONT^Zoé^Marie', images 'DUPONT^Zoé'" in run.stdout

    first = pydicom.dcmread(next((study / "01-ncct").iterdir()))
    write_ct_series(
        study / "03-late", study_uid=str(first.StudyInstanceUID), number=5,
        description="NCCT late", slices=1, patient_name="MARTIN^Paul",
    )  # fmt: skip
    run = strokelink("opinion", "build", source, "--study", study, "--out", tmp_path / "again")
    assert run.returncode == 3, run.stdout
    assert (
        "(0010,0010) Patient's Name differs in series 5 NCCT late: request DUPONT^Zoé^Marie, "
        "images MARTIN^Paul"
    ) in run.stderr
    assert "identity: series 5 NCCT late shows patient MARTIN^Paul (ID NAN-0042" in run.stderr
    assert not (tmp_path / "again").exists()


def test_an_override_of_the_old_form_is_no_override(study_dir: Path, tmp_path: Path) -> None:
    old = {k: v for k, v in OVERRIDE.items() if k != "differences"} | {"fields": ["name"]}
    source = opinion_with(study_dir, tmp_path, old)
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 3, run.stdout
    assert LEGACY_OVERRIDE_NOTE in run.stderr
    assert "(0010,0010) Patient's Name differs" in run.stderr
