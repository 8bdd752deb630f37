"""The documents of issue #10's rules: a value-bound identity override, "no angiography
available", a midline haemorrhage, and no ASPECTS without early signs — valid for
dciodvfy/dsrdump, read back, worded in the PDF."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from app.opinion import model as m
from app.opinion.build import OpinionNotReady, build_documents
from app.opinion.identity import check_identity, images_identities, override_identity
from app.opinion.render import opinion_from_sr
from app.opinion.signing import sign
from app.opinion.study import Study
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT
from tests.app.opinion.test_documents import dciodvfy_errors, pdf_text, saved
from tests.conftest import require_program

pytestmark = pytest.mark.validator


def ncct_only(study: Study) -> Study:
    ncct = [
        uid for uid in study.series_uids() if "NCCT" in str(study.series(uid)[0].SeriesDescription)
    ]
    return Study.of(study.series(ncct[0]), study.paths)


def opinion_of(study: Study, signed_opinion: m.Opinion) -> m.Opinion:
    """The example opinion on the NCCT alone: a midline haemorrhage, early signs not
    assessed (an ASPECTS left in the draft), no angiography, the sex overridden."""
    draft = dataclasses.replace(signed_opinion, signed_at=None, uids=None, key_images=[])
    draft.series_read = [s for s in draft.series_read if s.kind is m.SeriesKind.NCCT]
    draft.haemorrhage = m.Haemorrhage(
        m.Finding.PRESENT, [m.HaemorrhageType.INTRAVENTRICULAR], m.Side.MIDLINE
    )
    draft.ischaemia = m.Ischaemia(
        hyperdense_artery=m.Finding.ABSENT, aspects=m.Aspects(m.Side.LEFT, [m.AspectsRegion.M2])
    )
    draft.occlusion = m.Occlusion(no_angiography=True)
    draft.conclusion = "Intraventricular haemorrhage."
    draft.recommendation = m.Recommendation(
        m.ThrombolysisAdvice.CONTRAINDICATED, "haemorrhage", m.ThrombectomyAdvice.NOT_CANDIDATE
    )
    assert draft.request.identity is not None
    draft.request.identity = dataclasses.replace(draft.request.identity, sex="M")
    mismatches = check_identity(draft.request.identity, images_identities(study.headers))
    draft.identity_override = override_identity(
        mismatches, reason="Sex mistyped by the ED", by="cmartin", at=SIGNED_AT
    )
    return sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="issue10")


def test_sr_and_pdf_carry_the_new_statements(
    study: Study, signed_opinion: m.Opinion, tmp_path: Path
) -> None:
    ncct = ncct_only(study)
    opinion = opinion_of(ncct, signed_opinion)
    documents = build_documents(opinion, ncct)
    path = saved(documents.sr, tmp_path, "sr.dcm")
    assert dciodvfy_errors(path) == []
    assert dciodvfy_errors(saved(documents.pdf, tmp_path, "pdf.dcm")) == []
    dump = subprocess.run(
        [require_program("dsrdump"), str(path)], capture_output=True, text=True, check=False
    )
    assert dump.returncode == 0 and "error" not in (dump.stdout + dump.stderr).lower()
    assert '<contains CODE:(,,"Occlusion")=(NOANGIO,99STRKLNK,' in dump.stdout
    assert '(261129000,SCT,"Midline")' in dump.stdout
    assert "ASPECTS" not in dump.stdout  # early signs not assessed: no score
    assert '(,,"Identity difference accepted")="(0010,0040) Patient\'s Sex">' in dump.stdout
    assert '(,,"Value in the request")="M">' in dump.stdout

    back = opinion_from_sr(documents.sr)
    assert back.occlusion.no_angiography and back.occlusion.status is m.Finding.NOT_ASSESSED
    assert back.haemorrhage.side is m.Side.MIDLINE
    assert back.ischaemia.aspects is None
    assert back.identity_override is not None and opinion.identity_override is not None
    assert back.identity_override.differences == opinion.identity_override.differences

    text = pdf_text(documents, tmp_path)
    assert "Not assessable: no angiography available" in text
    assert "intraventricular, midline" in text
    assert "/10" not in text  # the ASPECTS row says "Not assessed", no score
    assert "Accepted: (0010,0040) Patient's Sex: request M, images F" in text


def test_no_angiography_does_not_answer_when_a_series_is_a_cta(
    study: Study, signed_opinion: m.Opinion
) -> None:
    opinion = opinion_of(ncct_only(study), signed_opinion)
    with pytest.raises(OpinionNotReady) as refused:
        build_documents(opinion, study)  # the whole study: its CTA looks angiographic
    assert any(
        p.startswith("occlusion: 'no angiography available' does not fit: series 3 CTA head neck")
        for p in refused.value.problems
    ), refused.value.problems
