"""Choosing the images of a request: one patient, one study, urgent series first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from app.ed.request.images import (
    IdentityMismatch,
    MixedPatients,
    NoImages,
    SeveralStudies,
    check_expected_patient,
    select_images,
)
from app.opinion.identity import PatientIdentity
from tests.app.request_util import dicomdir_tests, pydicom_file, third_party_ct


def test_third_party_ct_leaves_the_scout_out_by_default(tmp_path: Path) -> None:
    folder = third_party_ct(tmp_path / "cd")
    images = select_images(folder)
    assert images.patient == PatientIdentity(patient_id="98890234", name="Doe^Peter", sex="M")
    assert [(s.description, s.kind, s.count) for s in images.series] == [
        ("SmartScore - Gated 0.5 sec", "ncct", 5)
    ]
    assert [(s.description, s.kind) for s in images.excluded] == [("Scout", "localizer")]
    assert images.instance_count == 5 and images.skipped_files == 0
    sops = {str(pydicom.dcmread(p).SOPInstanceUID) for p in images.series[0].paths}
    assert sops == {sop for _, sop in images.series[0].instances}
    assert images.series[0].preview_path in images.series[0].paths
    with_scout = select_images(folder, include_localizers=True)
    assert [s.kind for s in with_scout.series] == ["ncct", "localizer"]


def test_synthetic_studies_most_urgent_series_first(synth_root: Path) -> None:
    assert [s.kind for s in select_images(synth_root / "left-mca").series] == ["ncct", "cta"]
    mr = select_images(synth_root / "wake-up-mr")
    assert [s.kind for s in mr.series] == ["dwi", "adc", "flair"]
    assert mr.patient.patient_id and mr.study_uid


def test_mixed_patients_are_refused_without_identities_in_the_message(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(pydicom_file("CT_small.dcm"), folder / "a.dcm")
    shutil.copy(pydicom_file("MR_small.dcm"), folder / "b.dcm")
    with pytest.raises(MixedPatients) as caught:
        select_images(folder)
    message = str(caught.value)
    assert "2 different patients" in message
    assert "CompressedSamples" not in message and "1CT1" not in message
    screen = caught.value.screen_message()
    assert "CompressedSamples^CT1, ID 1CT1" in screen and "CompressedSamples^MR1, ID 4MR1" in screen


def test_same_patient_written_differently_is_one_patient(tmp_path: Path) -> None:
    folder = third_party_ct(tmp_path / "cd")
    path = next((folder / "CT5N").iterdir())
    ds = pydicom.dcmread(path)
    ds.PatientName = "DOE^PETER^^^"
    ds.save_as(path)
    assert select_images(folder).patient.patient_id == "98890234"
    ds.PatientBirthDate = "19500112"
    ds.save_as(path)
    with pytest.raises(MixedPatients):
        select_images(folder)


def test_empty_folder_and_non_dicom_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoImages, match="no DICOM images to send"):
        select_images(empty)
    with pytest.raises(NoImages, match="no such folder"):
        select_images(tmp_path / "absent")
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("not an image")
    (junk / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    with pytest.raises(NoImages, match=r"2 files that are not DICOM images skipped"):
        select_images(junk)
    mixed = third_party_ct(tmp_path / "with-junk")
    (mixed / "README.txt").write_text("burnt by the CD writer")
    images = select_images(mixed)
    assert images.skipped_files == 1 and images.instance_count == 5


def test_only_localisers_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "scout"
    shutil.copytree(dicomdir_tests() / "98892001" / "CT2N", folder)
    with pytest.raises(NoImages, match="only localisers"):
        select_images(folder)
    assert select_images(folder, include_localizers=True).series[0].kind == "localizer"


def test_several_studies_need_a_choice(tmp_path: Path) -> None:
    folder = tmp_path / "mr"
    shutil.copytree(dicomdir_tests() / "98892003", folder)
    with pytest.raises(SeveralStudies) as caught:
        select_images(folder)
    assert len(caught.value.studies) == 3 and "--study" in str(caught.value)
    by_description = {s.description: s.study_uid for s in caught.value.studies}
    chosen = by_description["Brain-MRA"]
    images = select_images(folder, study_uid=chosen)
    assert images.study_uid == chosen
    assert [(s.description, s.kind) for s in images.series] == [("ANGIO Projected from   C", "tof")]
    assert [s.kind for s in images.excluded] == ["localizer", "localizer"]


def test_a_cd_with_its_dicomdir(tmp_path: Path) -> None:
    cd = tmp_path / "cd"
    shutil.copytree(dicomdir_tests() / "TINY_ALPHA", cd)
    images = select_images(cd / "DICOMDIR")
    assert images.patient.patient_id == "12345678"
    assert images.instance_count == 50 and images.skipped_files == 1  # the README


def test_the_form_must_name_the_patient_of_the_images(tmp_path: Path) -> None:
    images = select_images(third_party_ct(tmp_path / "cd"))
    check_expected_patient(images, None)
    check_expected_patient(images, PatientIdentity(patient_id="98890234"))
    check_expected_patient(images, PatientIdentity(name="doe^peter", sex="M"))
    with pytest.raises(IdentityMismatch) as caught:
        check_expected_patient(images, PatientIdentity(patient_id="98890234", sex="F"))
    assert "Sex" in str(caught.value) and "98890234" not in str(caught.value)
    assert "request F, images M" in caught.value.screen_message()
