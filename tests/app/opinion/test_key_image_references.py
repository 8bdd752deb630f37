"""Key images reference exactly what their capture shows, in the SC, the KOS and the SR.

A native key image names its one source image (and frame of a multi-frame
instance); a reformatted, slab or 3-D one is its capture, made from every
image it lists (``KeyImage.derived_from``): the Secondary Capture's Source
Image Sequence, the KOS and the SR list them all, one item per instance with
its frames; the SR reads back into the same key images; dciodvfy and dsrdump
accept every object.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.uid import EnhancedMRImageStorage, generate_uid

from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.build import OpinionNotReady, build_documents, example_opinion
from app.opinion.render import opinion_from_sr
from app.opinion.schema import OpinionValidationError, opinion_from_json, opinion_to_json
from app.opinion.signing import sign
from app.opinion.study import Study
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT
from tests.conftest import require_program

pytestmark = pytest.mark.validator

FRAMES = 6


def dciodvfy_errors(path: Path) -> list[str]:
    run = subprocess.run(
        [require_program("dciodvfy"), str(path)], capture_output=True, text=True, check=False
    )
    return [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("Error")]


def multi_frame_header(study: Study) -> Dataset:
    """An enhanced MR instance of the study (headers only): 6 frames, its own series."""
    ds = Dataset()
    for keyword in ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate",
                    "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime", "StudyID",
                    "AccessionNumber", "ReferringPhysicianName", "StudyDescription",
                    "SpecificCharacterSet"):  # fmt: skip
        if keyword in study.first:
            setattr(ds, keyword, study.first.data_element(keyword).value)
    ds.SOPClassUID = EnhancedMRImageStorage
    ds.SOPInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 7
    ds.SeriesDescription = "DWI enhanced"
    ds.Modality = "MR"
    ds.NumberOfFrames = FRAMES
    ds.Rows = ds.Columns = 64
    return ds


@pytest.fixture(scope="module")
def study_with_multi_frame(study: Study) -> Study:
    return Study.of([*study.headers, multi_frame_header(study)], dict(study.paths))


def uids(study: Study, series_uid: str) -> list[str]:
    return [str(ds.SOPInstanceUID) for ds in study.series(series_uid)]


def key_series(study: Study) -> tuple[str, str, str]:
    """The NCCT and CTA series UIDs and the multi-frame image's UID."""
    ncct, cta, mf = study.series_uids()
    (mf_uid,) = uids(study, mf)
    return ncct, cta, mf_uid


def snapshot(value: int) -> np.ndarray:
    shot = np.zeros((200, 240, 3), np.uint8)
    shot[..., 1] = value
    return shot


@pytest.fixture(scope="module")
def keyed(study_with_multi_frame: Study) -> m.Opinion:
    """Four key images: CTA coronal (derived), NCCT axial (native), a multi-frame axial
    (native, frame 4) and a multi-frame slab (derived from frames 2-4); signed."""
    study = study_with_multi_frame
    ncct, cta, mf = study.series_uids()
    cta_images = uids(study, cta)
    (mf_uid,) = uids(study, mf)
    draft = example_opinion(study)
    draft.key_images = [
        m.KeyImage(cta, cta_images[1], None, "Coronal: left M1",
                   derived_from=[m.SourceImage(u) for u in cta_images]),
        m.KeyImage(ncct, uids(study, ncct)[2], None, "Axial NCCT"),
        m.KeyImage(mf, mf_uid, 4, "DWI b1000, frame 4"),
        m.KeyImage(mf, mf_uid, 3, "DWI MIP",
                   derived_from=[m.SourceImage(mf_uid, f) for f in (2, 3, 4)]),
    ]  # fmt: skip
    return sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="key-image-references")


@pytest.fixture(scope="module")
def written(keyed: m.Opinion, study_with_multi_frame: Study, tmp_path_factory) -> Path:
    shots = {i: snapshot(40 * (i + 1)) for i in range(4)}
    documents = build_documents(keyed, study_with_multi_frame, snapshots=shots)
    folder = tmp_path_factory.mktemp("keyed")
    documents.write(folder)
    return folder


def source_items(sc: Dataset) -> list[tuple[str, list[int]]]:
    out = []
    for item in sc.SourceImageSequence:
        frames = item.get("ReferencedFrameNumber")
        numbers = [] if frames is None else [int(f) for f in np.atleast_1d(frames)]
        out.append((str(item.ReferencedSOPInstanceUID), numbers))
    return out


def test_secondary_captures_name_what_they_show(
    written: Path, study_with_multi_frame: Study
) -> None:
    study = study_with_multi_frame
    ncct, cta, mf_uid = key_series(study)
    shots = [pydicom.dcmread(written / f"key-image-{i:02d}.dcm") for i in range(1, 5)]
    assert source_items(shots[0]) == [(u, []) for u in uids(study, cta)]  # a reformat
    assert "reformatted, slab or 3-D" in shots[0].DerivationDescription
    assert source_items(shots[1]) == [(uids(study, ncct)[2], [])]  # as acquired
    assert source_items(shots[2]) == [(mf_uid, [4])]  # the frame on screen
    assert source_items(shots[3]) == [(mf_uid, [2, 3, 4])]  # the frames of the slab


def test_kos_lists_every_image_once_with_its_frames(
    written: Path, study_with_multi_frame: Study
) -> None:
    study = study_with_multi_frame
    ncct, cta, mf_uid = key_series(study)
    kos = pydicom.dcmread(written / "key-images-kos.dcm")
    images = {}
    for item in kos.ContentSequence:
        if item.ValueType == "IMAGE":
            ref = item.ReferencedSOPSequence[0]
            frames = ref.get("ReferencedFrameNumber")
            images[str(ref.ReferencedSOPInstanceUID)] = (
                [] if frames is None else [int(f) for f in np.atleast_1d(frames)]
            )
    snapshots = {str(pydicom.dcmread(written / f"key-image-{i:02d}.dcm").SOPInstanceUID)
                 for i in range(1, 5)}  # fmt: skip
    assert snapshots <= set(images)  # every snapshot, not only the first one
    expected = {u: [] for u in uids(study, cta)}
    expected[uids(study, ncct)[2]] = []
    expected[mf_uid] = [2, 3, 4]
    assert {k: v for k, v in images.items() if k not in snapshots} == expected
    evidence = {
        str(ref.ReferencedSOPInstanceUID)
        for s in kos.CurrentRequestedProcedureEvidenceSequence
        for series in s.ReferencedSeriesSequence
        for ref in series.ReferencedSOPSequence
    }
    assert set(images) <= evidence


def test_sr_lists_the_sources_and_reads_back_the_same_key_images(
    written: Path, keyed: m.Opinion
) -> None:
    sr = pydicom.dcmread(written / "opinion-sr.dcm")
    back = opinion_from_sr(sr)
    expected = copy.deepcopy(keyed.key_images)
    assert [(k.sop_instance_uid, k.frame, k.caption, k.derived_from) for k in back.key_images] == [
        (k.sop_instance_uid, k.frame, k.caption, k.derived_from) for k in expected
    ]
    assert [k.series_instance_uid for k in back.key_images] == [
        k.series_instance_uid for k in expected
    ]
    section = next(i for i in sr.ContentSequence
                   if i.ConceptNameCodeSequence[0].CodeValue == c.KEY_IMAGES[0])  # fmt: skip
    counts = [
        sum(1 for child in item.ContentSequence
            if child.ConceptNameCodeSequence[0].CodeValue == c.SOURCE_IMAGE[0])
        for item in section.ContentSequence
    ]  # fmt: skip
    assert counts == [1 + 4, 1, 1, 1 + 1]  # own image first, then one per instance made from


@pytest.mark.parametrize(
    "name", ["key-image-01.dcm", "key-image-04.dcm", "key-images-kos.dcm", "opinion-sr.dcm"]
)
def test_dciodvfy_accepts_them(written: Path, name: str) -> None:
    assert dciodvfy_errors(written / name) == []


def test_dsrdump_reads_the_sr(written: Path) -> None:
    run = subprocess.run(
        [require_program("dsrdump"), str(written / "opinion-sr.dcm")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Source image for image processing operation" in run.stdout
    assert "error" not in run.stderr.lower()


def test_json_keeps_derived_from_and_checks_it(keyed: m.Opinion) -> None:
    back = opinion_from_json(opinion_to_json(keyed))
    assert back.key_images == keyed.key_images
    data = json.loads(opinion_to_json(keyed))
    data["key_images"][0]["derived_from"] = data["key_images"][0]["derived_from"][2:]
    data["key_images"][3]["derived_from"][0]["frame"] = 0
    data["key_images"][3]["derived_from"].append(data["key_images"][3]["derived_from"][1])
    with pytest.raises(OpinionValidationError) as caught:
        opinion_from_json(json.dumps(data))
    errors = caught.value.errors
    assert "key_images[0].derived_from: does not list the key image's own image " \
           "(sop_instance_uid, frame)" in errors  # fmt: skip
    assert "key_images[3].derived_from[0].frame: frames are numbered from 1" in errors
    assert "key_images[3].derived_from[3]: listed twice" in errors


def test_sources_must_be_in_the_series_and_a_derived_capture_must_be_at_hand(
    keyed: m.Opinion, study_with_multi_frame: Study
) -> None:
    wrong = copy.deepcopy(keyed)
    ncct = wrong.key_images[1].sop_instance_uid
    wrong.key_images[0].derived_from.append(m.SourceImage(ncct))  # another series' image
    wrong.key_images[2].frame = FRAMES + 1
    with pytest.raises(OpinionNotReady) as caught:
        build_documents(wrong, study_with_multi_frame, snapshots={3: snapshot(2)})
    problems = caught.value.problems
    assert f"key_images[0].derived_from[4]: image {ncct} is not in that series of the study" in (
        problems
    )
    assert any(p.startswith("key_images[2]: image") and "has no frame 7" in p for p in problems)
    # a reformat cannot be drawn again from one source image: its capture is needed
    assert any(p.startswith("key_images[0]: a reformatted") for p in problems)
    assert not any(p.startswith(("key_images[1]: a", "key_images[3]: a")) for p in problems)
