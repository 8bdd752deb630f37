"""The occlusion statement follows what the study holds, judged by content as well as by
header (issue #10 item 5): the synthetic left-MCA CTA with its header stripped of angio
words and contrast agent still looks angiographic; "no angiography available" then does
not answer the occlusion question; a plain CT does not look angiographic."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from app.opinion import model as m
from app.opinion.build import angiographic_series, problems_before_sending
from app.opinion.study import Study
from app.reading.session import OpinionSession
from app.worklist.model import Request
from tests.app.opinion_session_util import Desk
from tests.app.sending_util import Clock
from viewer.classify import SeriesKind, classify_series, hu_slices, looks_angiographic
from viewer.volume import Volume

#: Attributes that say "angiography" or "contrast" in the synthetic CTA's header.
ANGIO_HEADER = (
    "ContrastBolusAgent",
    "ContrastBolusRoute",
    "ContrastBolusVolume",
    "ContrastBolusAgentSequence",
)


def stripped(source: Path, target: Path) -> Path:
    """A copy of a series with no angio word and no contrast agent in its header."""
    target.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        ds = pydicom.dcmread(path)
        for keyword in ANGIO_HEADER:
            if keyword in ds:
                delattr(ds, keyword)
        ds.SeriesDescription = "HEAD 0.625mm"
        ds.ProtocolName = "STROKE HEAD"
        ds.WindowCenterWidthExplanation = ["WINDOW1", "WINDOW2"]
        ds.save_as(target / path.name, enforce_file_format=True)
    return target


@pytest.fixture(scope="module")
def sparse_study(synth_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The left-MCA case: its NCCT as written, its CTA with a sparse header."""
    root = tmp_path_factory.mktemp("sparse-cta")
    case = synth_root / "left-mca"
    for folder in sorted(p for p in case.iterdir() if p.is_dir()):
        if "cta" in folder.name:
            stripped(folder, root / folder.name)
        else:
            shutil.copytree(folder, root / folder.name)
    return root


def series_by_folder(study: Study, word: str) -> list[pydicom.Dataset]:
    for uid in study.series_uids():
        if word in study.paths[str(study.series(uid)[0].SOPInstanceUID)].parent.name:
            return study.series(uid)
    raise AssertionError(word)


@pytest.fixture(scope="module")
def study(sparse_study: Path) -> Study:
    return Study.from_folder(sparse_study)


@pytest.fixture(scope="module")
def cta_images(study: Study) -> list[pydicom.Dataset]:
    """The stripped CTA's instances with their pixels."""
    headers = series_by_folder(study, "cta")
    return [study.load(str(ds.SOPInstanceUID)) for ds in headers]


def test_the_header_alone_says_plain_ct_the_content_says_cta(
    study: Study, cta_images: list[pydicom.Dataset]
) -> None:
    cta_headers = series_by_folder(study, "cta")
    assert classify_series(cta_headers).kind is SeriesKind.NCCT  # the header guess is fooled
    assert looks_angiographic(cta_headers) is None  # no pixels at hand: nothing to judge
    found = looks_angiographic(cta_images)
    assert found is not None and found.kind is SeriesKind.CTA
    assert "contrast-enhanced vessels" in found.reason and "0.625 mm" in found.reason


def test_a_plain_ct_does_not_look_angiographic_even_thin(study: Study) -> None:
    ncct = [study.load(str(ds.SOPInstanceUID)) for ds in series_by_folder(study, "ncct")]
    assert looks_angiographic(ncct) is None  # 5 mm slices
    assert looks_angiographic(ncct, slice_mm=0.625) is None  # as thin as a CTA: no vessels


def test_opinion_build_judges_the_study_by_content(study: Study) -> None:
    found = angiographic_series(study)
    assert list(found) == ["series 3 HEAD 0.625mm"]
    assert angiographic_series(study, content=False) == {}
    opinion = m.Opinion(occlusion=m.Occlusion(no_angiography=True))
    problems = problems_before_sending(opinion, study)
    assert (
        "occlusion: 'no angiography available' does not fit: series 3 HEAD 0.625mm looks "
        "angiographic; state whether a vessel is occluded"
    ) in problems


def session_on(desk: Desk, study: Study, headers: list[pydicom.Dataset]) -> OpinionSession:
    first = study.first
    request = Request(
        "1.2.826.0.1.3680043.10.1.1", "IN PROGRESS", "HIGH",
        patient_name=str(first.PatientName), patient_id=str(first.PatientID),
        issuer_of_patient_id=str(first.get("IssuerOfPatientID", "")),
        birth_date=str(first.PatientBirthDate), sex=str(first.PatientSex),
        study_uids=(study.study_instance_uid,),
    )  # fmt: skip
    return OpinionSession(
        request, Study.of(headers), drafts=desk.drafts(), outbox=desk.outbox, claims=desk.claims,
        hub_url=desk.hub_url, signer=desk.radiologists.signer("test-hub"), clock=desk.clock,
    )  # fmt: skip


def occlusion_lines(session: OpinionSession) -> list[str]:
    return [p for p in session.sending.problems() if p.startswith("occlusion")]


def test_the_session_requires_the_occlusion_for_a_sparse_header_cta(
    study: Study, cta_images: list[pydicom.Dataset], tmp_path: Path
) -> None:
    desk = Desk(tmp_path / "desk", "http://127.0.0.1:9", Clock())
    ncct = series_by_folder(study, "ncct")
    session = session_on(desk, study, [*ncct, *cta_images])
    cta_uid = str(cta_images[0].SeriesInstanceUID)
    assert session.kinds[cta_uid] is m.SeriesKind.CTA
    assert session.angiographic_series() == ["series 3 HEAD 0.625mm"]
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)
    [line] = occlusion_lines(session)
    assert "'no angiography available' does not fit: series 3 HEAD 0.625mm" in line
    session.drafting.set_occlusion_statement(m.Finding.ABSENT)
    assert occlusion_lines(session) == []
    session.drafting.set_series_read(cta_uid)
    assert session.opinion.series_read[0].kind is m.SeriesKind.CTA  # read as an angiography


def test_the_viewer_volume_tells_the_session_what_the_header_did_not(
    study: Study, cta_images: list[pydicom.Dataset], tmp_path: Path
) -> None:
    desk = Desk(tmp_path / "desk", "http://127.0.0.1:9", Clock())
    headers = series_by_folder(study, "cta")  # as the hub lists them: no pixel data
    session = session_on(desk, study, [*series_by_folder(study, "ncct"), *headers])
    uid = str(headers[0].SeriesInstanceUID)
    assert session.kinds[uid] is m.SeriesKind.NCCT and session.angiographic_series() == []
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)
    session.drafting.set_series_read(uid)
    assert occlusion_lines(session) == []  # nothing looked angiographic yet
    slices = hu_slices(cta_images)
    assert slices is not None
    pixel = float(cta_images[0].PixelSpacing[0])
    volume = Volume(
        array=slices.astype(np.int16), affine=np.diag([pixel, pixel, 0.625, 1.0]),
        series_instance_uid=uid, modality="CT",
    )  # fmt: skip
    assert session.add_volume(volume)
    assert session.kinds[uid] is m.SeriesKind.CTA
    assert session.opinion.series_read[0].kind is m.SeriesKind.CTA
    [line] = occlusion_lines(session)
    assert "does not fit" in line
    assert not session.add_volume(volume)  # judged once


def test_opinion_build_fails_closed_on_a_thin_ct_whose_pixels_cannot_be_read(
    sparse_study: Path, tmp_path: Path
) -> None:
    """A thin CT series whose files are there but whose pixels cannot be decoded may be a
    CTA: the occlusion must then be stated (never "no angiography" by default)."""
    from app.opinion.build import angiographic_series

    broken = tmp_path / "broken"
    shutil.copytree(sparse_study, broken)
    for path in broken.rglob("*.dcm"):
        ds = pydicom.dcmread(path)
        if float(ds.get("SliceThickness", 99)) <= 1.5:
            ds.PixelData = b"\0" * 10  # truncated: no slice decodes
            ds.save_as(path, enforce_file_format=True)
    found = angiographic_series(Study.from_folder(broken))
    assert any("could not be read" in why for why in found.values()), found
    whole = angiographic_series(Study.from_folder(sparse_study))
    assert not any("could not be read" in why for why in whole.values())
