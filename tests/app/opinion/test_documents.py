"""The objects an opinion is sent as: valid for dciodvfy/dsrdump, faithful, read back."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset

from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.ack import (
    Acknowledgement,
    acknowledgement_uids,
    build_acknowledgement,
    read_acknowledgement,
)
from app.opinion.build import OpinionDocuments, OpinionNotReady, build_documents
from app.opinion.identity import Difference, IdentityOverride, PatientIdentity
from app.opinion.render import NotAnOpinion, document_of, opinion_from_sr
from app.opinion.signing import amend, final_after, sign
from app.opinion.study import Study
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT, write_ct_series
from tests.conftest import require_program

pytestmark = pytest.mark.validator


def saved(ds: Dataset, folder: Path, name: str) -> Path:
    path = folder / name
    ds.save_as(path, enforce_file_format=True)
    return path


def dciodvfy_errors(path: Path) -> list[str]:
    run = subprocess.run(
        [require_program("dciodvfy"), str(path)], capture_output=True, text=True, check=False
    )
    return [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("Error")]


@pytest.fixture(scope="module")
def written(
    study: Study, tmp_path_factory: pytest.TempPathFactory
) -> tuple[OpinionDocuments, Path]:
    from app.opinion.build import example_opinion

    opinion = sign(example_opinion(study), RADIOLOGIST, at=SIGNED_AT, seed="documents")
    documents = build_documents(opinion, study)
    folder = tmp_path_factory.mktemp("documents")
    documents.write(folder)
    return documents, folder


@pytest.fixture(scope="module")
def sr_path(written: tuple[OpinionDocuments, Path]) -> Path:
    return written[1] / "opinion-sr.dcm"


@pytest.mark.parametrize(
    "name", ["opinion-sr.dcm", "opinion-pdf.dcm", "key-image-01.dcm", "key-images-kos.dcm"]
)
def test_every_object_passes_dciodvfy(written: tuple[OpinionDocuments, Path], name: str) -> None:
    assert dciodvfy_errors(written[1] / name) == []


def test_sr_passes_dsrdump(sr_path: Path) -> None:
    run = subprocess.run(
        [require_program("dsrdump"), str(sr_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "error" not in (run.stdout + run.stderr).lower()
    assert '<contains CODE:(,,"Intracranial hemorrhage")=(272519000,SCT,"Absent")>' in run.stdout


def test_sr_renders_with_dsr2html(sr_path: Path) -> None:
    run = subprocess.run(
        [require_program("dsr2html"), str(sr_path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "Thrombectomy candidate: transfer to a thrombectomy centre" in run.stdout
    assert "No imaging contraindication to IV thrombolysis" in run.stdout


def test_sr_header(written: tuple[OpinionDocuments, Path], study: Study) -> None:
    sr = written[0].sr
    assert sr.SOPClassUID == "1.2.840.10008.5.1.4.1.1.88.33"
    assert sr.StudyInstanceUID == study.study_instance_uid
    assert sr.SeriesInstanceUID not in study.series_uids()
    assert (sr.CompletionFlag, sr.VerificationFlag, sr.PreliminaryFlag) == (
        "COMPLETE",
        "VERIFIED",
        "FINAL",
    )
    assert sr.VerifyingObserverSequence[0].VerifyingObserverName == "MARTIN^Claire"
    assert sr.VerifyingObserverSequence[0].VerificationDateTime == "20250301143200+0100"
    assert (sr.PatientID, sr.IssuerOfPatientID, str(sr.PatientName)) == (
        "NAN-0042",
        "CHRU-NANCY",
        "DUPONT^Zoé",
    )
    assert sr.ContentTemplateSequence[0].TemplateIdentifier == "2000"
    assert [s.CodingSchemeDesignator for s in sr.CodingSchemeIdentificationSequence] == [
        c.PRIVATE_SCHEME
    ]


def test_sr_lists_every_instance_of_the_series_read(
    written: tuple[OpinionDocuments, Path], study: Study
) -> None:
    (evidence,) = written[0].sr.CurrentRequestedProcedureEvidenceSequence
    listed = {
        s.SeriesInstanceUID: len(s.ReferencedSOPSequence) for s in evidence.ReferencedSeriesSequence
    }
    for uid in study.series_uids():
        assert listed[uid] == len(study.series(uid))
    assert listed[written[0].key_images[0].SeriesInstanceUID] == 1


def test_sr_uses_ucum_units_and_standard_codes(written: tuple[OpinionDocuments, Path]) -> None:
    sr = written[0].sr
    findings = next(
        i for i in sr.ContentSequence if i.ConceptNameCodeSequence[0].CodeValue == "121070"
    )
    aspects = next(
        i for i in findings.ContentSequence if i.ConceptNameCodeSequence[0].CodeValue == "ASPECTS"
    )
    unit = aspects.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0]
    assert (unit.CodeValue, unit.CodingSchemeDesignator) == ("{score}", "UCUM")
    assert aspects.MeasuredValueSequence[0].NumericValue == 7


def test_same_signed_opinion_gives_the_same_objects(study: Study) -> None:
    from app.opinion.build import example_opinion

    opinion = sign(example_opinion(study), RADIOLOGIST, at=SIGNED_AT, seed="twice")
    first, second = build_documents(opinion, study), build_documents(opinion, study)
    for a, b in zip(first.datasets(), second.datasets(), strict=True):
        assert a.SOPInstanceUID == b.SOPInstanceUID
    assert first.pdf_bytes == second.pdf_bytes


def test_sr_reads_back_into_the_same_opinion(
    signed_opinion: m.Opinion, study: Study, tmp_path: Path
) -> None:
    signed_opinion.haemorrhage = m.Haemorrhage(
        m.Finding.PRESENT, [m.HaemorrhageType.SUBARACHNOID], m.Side.RIGHT, m.Abc(40, 30, 20)
    )
    signed_opinion.ischaemia.pc_aspects = m.PcAspects(
        [m.PcAspectsRegion.LEFT_THALAMUS, m.PcAspectsRegion.PONS]
    )
    signed_opinion.occlusion.sites.append(m.VesselOcclusion(m.OcclusionSite.BASILAR))
    signed_opinion.occlusion.dissection = m.Finding.PRESENT
    signed_opinion.perfusion = m.Perfusion(12, 86)
    signed_opinion.mr = m.MrFindings(m.Finding.PRESENT, 3.5, m.Finding.ABSENT)
    signed_opinion.limitations = [m.Limitation.MOTION]
    signed_opinion.limitations_text = "No arterial phase for the neck."
    signed_opinion.recommendation.thrombolysis = m.ThrombolysisAdvice.CONTRAINDICATED
    signed_opinion.recommendation.thrombolysis_reason = "Subarachnoid haemorrhage"
    signed_opinion.recommendation.other = "Repeat CT at 24 h."
    signed_opinion.free_text = "Discussed with the on-call neurologist."
    documents = build_documents(signed_opinion, study)
    back = opinion_from_sr(pydicom.dcmread(saved(documents.sr, tmp_path, "sr.dcm")))
    expected = signed_opinion
    expected.study_instance_uid = study.study_instance_uid
    for name in (
        "kind",
        "study_instance_uid",
        "series_read",
        "haemorrhage",
        "ischaemia",
        "occlusion",
        "perfusion",
        "mr",
        "other_findings",
        "limitations",
        "limitations_text",
        "conclusion",
        "recommendation",
        "free_text",
        "phoned",
        "key_images",
        "radiologist",
        "signed_at",
        "predecessors",
        "amendment_reason",
    ):
        assert getattr(back, name) == getattr(expected, name), name


def test_not_assessed_findings_are_left_out_and_read_back_as_such(
    preliminary: m.Opinion, study: Study
) -> None:
    preliminary.ischaemia = m.Ischaemia()
    preliminary.occlusion = m.Occlusion(status=m.Finding.ABSENT)
    sr = build_documents(preliminary, study).sr
    assert (sr.CompletionFlag, sr.PreliminaryFlag, sr.VerificationFlag) == (
        "PARTIAL",
        "PRELIMINARY",
        "VERIFIED",
    )
    back = opinion_from_sr(sr)
    assert back.ischaemia == m.Ischaemia()
    assert back.mr == m.MrFindings()
    assert back.recommendation.thrombectomy is m.ThrombectomyAdvice.PENDING


def test_final_references_the_preliminary(preliminary: m.Opinion, study: Study) -> None:
    first = build_documents(preliminary, study).sr
    final = final_after(preliminary)
    with pytest.raises(OpinionNotReady, match="cannot leave it pending"):
        build_documents(sign(final, RADIOLOGIST, at=SIGNED_AT), study)
    final.recommendation.thrombectomy = m.ThrombectomyAdvice.CANDIDATE
    final = sign(final, RADIOLOGIST, at=SIGNED_AT)
    sr = build_documents(final, study).sr
    (study_item,) = sr.PredecessorDocumentsSequence
    (series_item,) = study_item.ReferencedSeriesSequence
    assert series_item.SeriesInstanceUID == first.SeriesInstanceUID
    assert series_item.ReferencedSOPSequence[0].ReferencedSOPInstanceUID == first.SOPInstanceUID
    assert sr.CompletionFlag == "COMPLETE"


def test_amendment_supersedes_with_its_reason(
    signed_opinion: m.Opinion, study: Study, tmp_path: Path
) -> None:
    sent = build_documents(signed_opinion, study)
    corrected = amend(signed_opinion, "Wrong side: the occlusion is right M1")
    corrected.occlusion.sites = [m.VesselOcclusion(m.OcclusionSite.M1, m.Side.RIGHT)]
    documents = build_documents(sign(corrected, RADIOLOGIST, at=SIGNED_AT), study)
    assert documents.sr.SOPInstanceUID != sent.sr.SOPInstanceUID
    back = opinion_from_sr(documents.sr)
    assert back.predecessors == [document_of(sent.sr)]
    assert back.amendment_reason == "Wrong side: the occlusion is right M1"
    assert "Corrected opinion" in pdf_text(documents, tmp_path)
    assert dciodvfy_errors(saved(documents.sr, tmp_path, "amended.dcm")) == []


def pdf_text(documents: OpinionDocuments, folder: Path) -> str:
    path = folder / "opinion.pdf"
    path.write_bytes(documents.pdf_bytes)
    run = subprocess.run(
        [require_program("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def test_pdf_puts_the_verdict_first(written: tuple[OpinionDocuments, Path], tmp_path: Path) -> None:
    documents = written[0]
    pages = pdf_text(documents, tmp_path).split("\f")
    assert all("DUPONT Zoé" in page and "NAN-0042" in page for page in pages if page.strip())
    text = " ".join(" ".join(pages).split())
    order = [
        text.index("FINAL"),
        text.index("NO HAEMORRHAGE"),
        text.index("OCCLUSION: LEFT M1"),
        text.index("No imaging contraindication"),
        text.index("CANDIDATE: transfer to a thrombectomy centre"),
        text.index("Details"),
        text.index("Key images"),
        text.index("Electronically signed by Dr MARTIN Claire"),
    ]
    assert order == sorted(order)
    pdf = documents.pdf
    assert pdf.MIMETypeOfEncapsulatedDocument == "application/pdf"
    assert pdf.EncapsulatedDocument[: pdf.EncapsulatedDocumentLength] == documents.pdf_bytes
    assert pdf.SourceInstanceSequence[0].ReferencedSOPInstanceUID == documents.sr.SOPInstanceUID


def test_key_image_is_a_burnt_in_snapshot_of_its_source(
    written: tuple[OpinionDocuments, Path], study: Study
) -> None:
    documents = written[0]
    (sc,) = documents.key_images
    assert sc.BurnedInAnnotation == "YES"
    assert sc.PhotometricInterpretation == "RGB" and sc.SamplesPerPixel == 3
    assert sc.pixel_array.shape[:2] == (512, 512)  # 64 px source enlarged for legible text
    source = sc.SourceImageSequence[0].ReferencedSOPInstanceUID
    assert study.instance(source) is not None
    assert list(sc.PatientOrientation) == ["L", "P"]
    kos = documents.kos
    assert kos is not None
    referenced = {
        i.ReferencedSOPSequence[0].ReferencedSOPInstanceUID
        for i in kos.ContentSequence
        if i.ValueType == "IMAGE"
    }
    assert referenced == {sc.SOPInstanceUID, source}


def test_viewer_snapshot_is_sent_as_given(signed_opinion: m.Opinion, study: Study) -> None:
    shot = np.zeros((300, 400, 3), np.uint8)
    shot[:, :, 0] = 200
    (sc,) = build_documents(signed_opinion, study, snapshots={0: shot}).key_images
    assert np.array_equal(sc.pixel_array, shot)


def test_a_tall_narrow_key_image_still_gives_a_pdf(signed_opinion: m.Opinion, study: Study) -> None:
    """One pane of three on a small screen is captured 133 px wide and 908 px tall: the
    PDF's row must not outgrow the page (building it failed, so the opinion could not go)."""
    shot = np.full((908, 133, 3), 180, np.uint8)
    documents = build_documents(signed_opinion, study, snapshots={0: shot})
    assert documents.pdf_bytes.startswith(b"%PDF")
    (sc,) = documents.key_images
    assert np.array_equal(sc.pixel_array, shot)  # the image itself is sent as captured


def test_lossy_series_adds_the_limitation(tmp_path: Path) -> None:
    from app.opinion.build import example_opinion

    write_ct_series(tmp_path / "ct", study_uid="1.2.3.4", number=2, description="NCCT", lossy=True)
    study = Study.from_folder(tmp_path)
    opinion = sign(example_opinion(study), RADIOLOGIST, at=SIGNED_AT)
    assert m.Limitation.LOSSY_COMPRESSION not in opinion.limitations
    sr = build_documents(opinion, study).sr
    assert opinion_from_sr(sr).limitations == [m.Limitation.LOSSY_COMPRESSION]


def test_identity_difference_stops_the_opinion_until_overridden(
    signed_opinion: m.Opinion, study: Study
) -> None:
    signed_opinion.request.identity = PatientIdentity(
        "NAN-0042", "CHRU-NANCY", "DUPONT^Zoé", "19540221", "F"
    )
    with pytest.raises(OpinionNotReady) as caught:
        build_documents(signed_opinion, study)
    assert any("Birth Date" in p for p in caught.value.problems)
    signed_opinion.identity_override = IdentityOverride(
        reason="Typo at registration, checked with the ED",
        by="MARTIN^Claire",
        at=SIGNED_AT,
        differences=(Difference("birth_date", "19540221", "19540212"),),
    )
    sr = build_documents(signed_opinion, study).sr
    assert opinion_from_sr(sr).identity_override is not None


def test_unsigned_or_incomplete_opinion_is_refused(study: Study) -> None:
    with pytest.raises(OpinionNotReady) as caught:
        build_documents(m.Opinion(), study)
    fields = [p.split(":")[0] for p in caught.value.problems]
    assert fields[:3] == ["signature", "series_read", "haemorrhage"]


def test_acknowledgement(written: tuple[OpinionDocuments, Path], tmp_path: Path) -> None:
    sr = written[0].sr
    ack = Acknowledgement(
        opinion=document_of(sr),
        by="PETIT^Laurent",
        site="CH Épinal, emergency department",
        at=dt.datetime(2025, 3, 1, 14, 51, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        comment="Patient transferred to Nancy.",
    )
    series, instance = acknowledgement_uids("ack-test")
    assert (series, instance) == acknowledgement_uids("ack-test")
    ds = build_acknowledgement(
        ack, header=sr, series_instance_uid=series, sop_instance_uid=instance
    )
    path = saved(ds, tmp_path, "ack.dcm")
    assert dciodvfy_errors(path) == []
    run = subprocess.run(
        [require_program("dsrdump"), str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0 and "error" not in run.stdout.lower()
    assert read_acknowledgement(pydicom.dcmread(path)) == ack
    (evidence,) = ds.CurrentRequestedProcedureEvidenceSequence
    assert (
        evidence.ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID
        == sr.SOPInstanceUID
    )
    assert not hasattr(ds, "PredecessorDocumentsSequence")
    with pytest.raises(NotAnOpinion):
        opinion_from_sr(ds)
