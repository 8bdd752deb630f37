"""The ED's clinical context in the opinion's SR and PDF, and the SR's workitem reference.

A request with every clinical field goes into the opinion; the SR holds each
value in its "Clinical Information" section (read back with pydicom and in
``dsrdump``'s text), validates with ``dciodvfy`` and ``dsrdump``, names the
workitem it answers, and the PDF's text restates each value, with a flagged
fact printed beside a green "No imaging contraindication".
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pydicom.dataset import Dataset

from app.opinion import clinical as cl
from app.opinion import model as m
from app.opinion.answers import UPS_PUSH_SOP_CLASS, answered_workitem
from app.opinion.build import OpinionDocuments, build_documents, example_opinion
from app.opinion.signing import sign
from app.opinion.study import Study
from protocol.request import ClinicalRequest
from tests.app.opinion.clinical_util import DOAC, HISTORY, VKA, just_below
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT
from tests.conftest import require_program

pytestmark = pytest.mark.validator

WORKITEM = "1.2.826.0.1.3680043.8.498.424242"


def opinion_with(study: Study, clinical: ClinicalRequest | None, **changes: object) -> m.Opinion:
    draft = example_opinion(study)
    draft.request.workitem_uid = WORKITEM
    draft.request.clinical = clinical
    if clinical is not None:  # as OpinionSession._fresh copies the request
        draft.request.requesting_site = clinical.site
        draft.request.requesting_physician = clinical.physician
        draft.request.question = clinical.question
        draft.request.accession_number = clinical.accession
    for name, value in changes.items():
        setattr(draft.recommendation, name, value)
    return sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="clinical")


def documents_for(study: Study, clinical: ClinicalRequest | None, folder: Path,
                  **changes: object) -> tuple[OpinionDocuments, Path]:  # fmt: skip
    documents = build_documents(opinion_with(study, clinical, **changes), study)
    documents.write(folder)
    return documents, folder


@pytest.fixture(scope="module", params=["doac", "vka"])
def written(
    request: pytest.FixtureRequest, study: Study, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ClinicalRequest, OpinionDocuments, Path]:
    clinical = DOAC if request.param == "doac" else VKA
    documents, folder = documents_for(study, clinical, tmp_path_factory.mktemp(request.param))
    return clinical, documents, folder


def run(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_program(program), *args], capture_output=True, text=True, check=False
    )


def pdf_text(path: Path) -> str:
    """The PDF's text, whitespace folded (lines wrap in table cells)."""
    done = run("pdftotext", str(path), "-")
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


# --------------------------------------------------------------------------- SR


def clinical_section(sr: Dataset) -> list[Dataset]:
    (section,) = [
        item
        for item in sr.ContentSequence
        if item.ConceptNameCodeSequence[0].CodeValue == "55752-0"
        and item.ConceptNameCodeSequence[0].CodingSchemeDesignator == "LN"
    ]
    assert section.ValueType == "CONTAINER" and section.RelationshipType == "CONTAINS"
    return list(section.ContentSequence)


def values(items: list[Dataset]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(code value, scheme) of each item -> its value (and unit), as written."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for item in items:
        name = item.ConceptNameCodeSequence[0]
        key = (str(name.CodeValue), str(name.CodingSchemeDesignator))
        assert key not in out, f"{key} twice"
        match item.ValueType:
            case "NUM":
                measured = item.MeasuredValueSequence[0]
                unit = measured.MeasurementUnitsCodeSequence[0]
                out[key] = (
                    str(measured.NumericValue),
                    f"{unit.CodeValue} {unit.CodingSchemeDesignator}",
                )
            case "DATETIME":
                out[key] = (str(item.DateTime),)
            case "CODE":
                code = item.ConceptCodeSequence[0]
                out[key] = (f"{code.CodeValue} {code.CodingSchemeDesignator}",)
            case "TEXT":
                out[key] = (str(item.TextValue),)
            case "PNAME":
                out[key] = (str(item.PersonName),)
    return out


def test_sr_holds_every_clinical_fact_of_a_doac_request(study: Study, tmp_path: Path) -> None:
    documents, _ = documents_for(study, DOAC, tmp_path)
    found = values(clinical_section(documents.sr))
    assert found == {
        ("REQSITE", "99STRKLNK"): ("CH Épinal — Urgences",),
        ("REQPHYS", "99STRKLNK"): ("PETIT^Laurent",),
        ("111401", "DCM"): ("Thrombolyse ? Thrombectomie ?",),
        ("121022", "DCM"): ("SLA0101",),
        ("LKW", "99STRKLNK"): ("20250301125000+0100",),
        ("11368-8", "LN"): ("20250301130500+0100",),
        ("72089-6", "LN"): ("17", "{score} UCUM"),
        ("ANTITHROMB", "99STRKLNK"): ("DOAC 99STRKLNK",),
        ("LAST-DOSE", "99STRKLNK"): ("20250301070000+0100",),
        ("2339-0", "LN"): ("126", "mg/dL UCUM"),  # in the unit the ED gave
        ("8480-6", "LN"): ("192", "mm[Hg] UCUM"),
        ("8462-4", "LN"): ("104", "mm[Hg] UCUM"),
        ("PRE-MRS", "99STRKLNK"): ("1", "{score} UCUM"),
        ("CALLBACK", "99STRKLNK"): ("+33 3 29 31 31 31",),
        ("121060", "DCM"): (HISTORY,),  # whole, never shortened
        ("REQOTHER", "99STRKLNK"): ("Body weight: 72 kg",),
        ("REQUNREAD", "99STRKLNK"): ("Creatinine",),
    }


def test_sr_holds_every_clinical_fact_of_a_vka_request(study: Study, tmp_path: Path) -> None:
    documents, _ = documents_for(study, VKA, tmp_path)
    found = values(clinical_section(documents.sr))
    assert found[("LKW", "99STRKLNK")] == ("20250228233000-0300",)  # its own UTC offset
    assert found[("ONSET", "99STRKLNK")] == ("WAKE-UP 99STRKLNK",)
    assert found[("ANTITHROMB", "99STRKLNK")] == ("VKA 99STRKLNK",)
    assert found[("6301-6", "LN")] == ("2.8", "{ratio} UCUM")
    assert found[("15074-8", "LN")] == ("7.4", "mmol/L UCUM")
    assert found[("PRE-MRS", "99STRKLNK")] == ("0", "{score} UCUM")
    assert ("11368-8", "LN") not in found and ("LAST-DOSE", "99STRKLNK") not in found


def test_sr_names_the_workitem_it_answers(
    written: tuple[ClinicalRequest, OpinionDocuments, Path],
) -> None:
    sr = written[1].sr
    (item,) = sr.ReferencedPerformedProcedureStepSequence
    assert item.ReferencedSOPClassUID == UPS_PUSH_SOP_CLASS == "1.2.840.10008.5.1.4.34.6.1"
    assert item.ReferencedSOPInstanceUID == WORKITEM
    assert answered_workitem(sr) == WORKITEM


def test_sr_with_clinical_context_passes_dciodvfy(
    written: tuple[ClinicalRequest, OpinionDocuments, Path],
) -> None:
    for name in ("opinion-sr.dcm", "opinion-pdf.dcm"):
        done = run("dciodvfy", str(written[2] / name))
        errors = [
            line for line in (done.stdout + done.stderr).splitlines() if line.startswith("Error")
        ]
        assert errors == [], name


def test_dsrdump_is_clean_and_shows_each_value(
    written: tuple[ClinicalRequest, OpinionDocuments, Path],
) -> None:
    clinical = written[0]
    done = run("dsrdump", "+Pl", str(written[2] / "opinion-sr.dcm"))
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).lower()
    out = done.stdout
    assert '<contains CONTAINER:(,,"Clinical Information")=CONTINUOUS>' in out
    expected = [
        f'TEXT:(,,"Requesting site")="{clinical.site}"',
        f'PNAME:(,,"Requesting physician")="{clinical.physician}"',
        f'TEXT:(,,"Reason for Procedure")="{clinical.question}"',
        f'TEXT:(,,"Call-back telephone number")="{clinical.callback_phone}"',
        f'NUM:(,,"Total score [NIHSS]")="{clinical.nihss}" ({{score}},UCUM,"score")',
        f'NUM:(,,"Pre-stroke modified Rankin Scale score")="{clinical.prestroke_mrs}"',
        f'NUM:(,,"Systolic blood pressure")="{clinical.systolic_bp}" (mm[Hg],UCUM,"mmHg")',
        f'NUM:(,,"Diastolic blood pressure")="{clinical.diastolic_bp}" (mm[Hg],UCUM,"mmHg")',
    ]
    if clinical is DOAC:
        expected += [
            'DATETIME:(,,"Time last known well")="20250301125000+0100"',
            'DATETIME:(,,"Illness or injury onset date and time")="20250301130500+0100"',
            'CODE:(,,"Anticoagulant or antiplatelet treatment")=(DOAC,99STRKLNK,',
            'DATETIME:(,,"Time of the last anticoagulant dose")="20250301070000+0100"',
            'NUM:(,,"Glucose [Mass/volume] in Blood")="126" (mg/dL,UCUM,"mg/dL")',
            f'TEXT:(,,"History")="{HISTORY}"',
            'TEXT:(,,"Accession Number")="SLA0101"',
            'TEXT:(,,"Other item of the request")="Body weight: 72 kg"',
            'TEXT:(,,"Item of the request that could not be read")="Creatinine"',
        ]
    else:
        expected += [
            'DATETIME:(,,"Time last known well")="20250228233000-0300"',
            'CODE:(,,"Stroke onset timing")=(WAKE-UP,99STRKLNK,',
            'CODE:(,,"Anticoagulant or antiplatelet treatment")=(VKA,99STRKLNK,',
            'NUM:(,,"INR in Platelet poor plasma by Coagulation assay")="2.8" ({ratio},UCUM,',
            'NUM:(,,"Glucose [Moles/volume] in Blood")="7.4" (mmol/L,UCUM,"mmol/L")',
        ]
    missing = [line for line in expected if line not in out]
    assert missing == []


def test_no_clinical_context_no_section(study: Study, tmp_path: Path) -> None:
    """An opinion written before the clinical context was kept: no empty section."""
    documents, _ = documents_for(study, None, tmp_path)
    names = [i.ConceptNameCodeSequence[0].CodeValue for i in documents.sr.ContentSequence]
    assert "55752-0" not in names
    assert cl.sr_section(ClinicalRequest()) is None


# --------------------------------------------------------------------------- PDF


def assert_restated(text: str, facts: list[tuple[str, str]]) -> None:
    """Each (label, value) is in the text (table cells may come in any reading order)."""
    missing = [(label, value) for label, value in facts if label not in text or value not in text]
    assert missing == []


def pdf_restating(
    study: Study, clinical: ClinicalRequest, tmp_path: Path, facts: list[tuple[str, str]]
) -> tuple[Path, str]:
    """The documents' folder and PDF text, asserting the PDF restates each fact."""
    _, folder = documents_for(study, clinical, tmp_path)
    text = pdf_text(folder / "opinion.pdf")
    assert_restated(text, facts)
    return folder, text


def test_pdf_restates_every_fact_of_a_doac_request(study: Study, tmp_path: Path) -> None:
    folder, text = pdf_restating(study, DOAC, tmp_path, [
        ("LAST KNOWN WELL", "01/03/2025 12:50 (UTC+01:00)"),
        ("WITNESSED ONSET", "01/03/2025 13:05 (UTC+01:00)"),
        ("NIHSS", "17"),
        ("ANTICOAGULATION",
         "direct oral anticoagulant (DOAC), last dose 01/03/2025 07:00 (UTC+01:00)"),
        ("GLUCOSE", "126 mg/dL"),
        ("BLOOD PRESSURE", "192/104 mmHg"),
        ("PRE-STROKE MRS", "PRE-STROKE MRS 1"),
        ("CALL-BACK PHONE", "+33 3 29 31 31 31"),
        ("BODY WEIGHT", "72 kg"),
        ("UNREADABLE ITEMS", "Creatinine"),
        ("HISTORY", "Fibrillation auriculaire sous apixaban"),
        ("HISTORY", f"(shortened: {len(HISTORY)} characters in the request and the SR)"),
        ("Requesting site", "CH Épinal — Urgences"),
        ("Question", "Thrombolyse ? Thrombectomie ?"),
        ("Accession number", "SLA0101"),
    ])  # fmt: skip
    assert "Fin du texte" not in text  # the history is shortened, saying so
    # The green light has the ED's anticoagulant and blood pressure beside it.
    assert just_below(folder / "opinion.pdf", "No imaging contraindication", "Clinical flags:")
    assert (
        "Clinical flags: ED reports DOAC, last dose 01/03/2025 07:00 (UTC+01:00) · "
        "ED reports BP 192/104 mmHg (above 185/110)"
    ) in text


def test_pdf_restates_every_fact_of_a_vka_request(study: Study, tmp_path: Path) -> None:
    folder, text = pdf_restating(study, VKA, tmp_path, [
        ("LAST KNOWN WELL", "28/02/2025 23:30 (UTC-03:00) — wake-up stroke"),
        ("NIHSS", "4"),
        ("ANTICOAGULATION", "vitamin K antagonist (VKA), INR 2.8"),
        ("GLUCOSE", "7.4 mmol/L"),
        ("BLOOD PRESSURE", "150/85 mmHg"),
        ("PRE-STROKE MRS", "PRE-STROKE MRS 0"),
        ("CALL-BACK PHONE", "03 29 00 20 02"),
    ])  # fmt: skip
    assert "Clinical flags: ED reports VKA, INR 2.8" in text
    assert just_below(folder / "opinion.pdf", "No imaging contraindication", "Clinical flags:")
    assert "ED reports BP" not in text  # 150/85 is no flag


def test_pdf_says_what_the_ed_did_not_give(study: Study, tmp_path: Path) -> None:
    sparse = ClinicalRequest(site="CH Verdun", physician="LEROY^Thomas", question="?",
                             onset_timing="UNKNOWN")  # fmt: skip
    _, folder = documents_for(study, sparse, tmp_path)
    text = pdf_text(folder / "opinion.pdf")
    assert "LAST KNOWN WELL time of onset unknown" in text
    for label in ("NIHSS", "ANTICOAGULATION", "GLUCOSE", "BLOOD PRESSURE", "PRE-STROKE MRS"):
        assert f"{label} not given" in text, label
    assert "Clinical flags" not in text


def test_no_flag_line_beside_a_contraindication(study: Study, tmp_path: Path) -> None:
    _, folder = documents_for(
        study, DOAC, tmp_path,
        thrombolysis=m.ThrombolysisAdvice.CONTRAINDICATED, thrombolysis_reason="Large infarct",
    )  # fmt: skip
    text = pdf_text(folder / "opinion.pdf")
    assert "CONTRAINDICATED: Large infarct" in text
    assert "Clinical flags" not in text  # the verdict is already a no
    assert "direct oral anticoagulant (DOAC)" in text  # the context still says it


def test_flag_words() -> None:
    low = ClinicalRequest(glucose=40.0, glucose_unit="mg/dL", systolic_bp=200, diastolic_bp=90)
    assert cl.flag_texts(low) == [
        "ED reports BP 200/90 mmHg (above 185/110)",
        "ED reports glucose 40 mg/dL (below 2.8 mmol/L = 50 mg/dL)",
    ]
    high = ClinicalRequest(glucose=25.0, anticoagulation="HEPARIN")
    assert cl.flag_texts(high) == [
        "ED reports heparin",
        "ED reports glucose 25 mmol/L (above 22.2 mmol/L)",
    ]
    assert cl.shortened("short text") == "short text"
    long = "word " * 100
    assert cl.shortened(long, 50).endswith(
        "… (shortened: 499 characters in the request and the SR)"
    )
