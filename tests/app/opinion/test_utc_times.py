"""Opinions signed or requested in UTC (+0000), as on a server or a CI machine."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app.opinion.study import Study
from tests.app.opinion.clinical_util import DOAC
from tests.app.opinion.test_clinical_documents import documents_for, run


def test_utc_times_pass_dsrdump(study: Study, tmp_path: Path) -> None:
    utc = dt.UTC
    assert DOAC.last_known_well and DOAC.symptom_onset and DOAC.last_dose
    clinical = dataclasses.replace(
        DOAC,
        last_known_well=DOAC.last_known_well.astimezone(utc),
        symptom_onset=DOAC.symptom_onset.astimezone(utc),
        last_dose=DOAC.last_dose.astimezone(utc),
    )
    _, folder = documents_for(study, clinical, tmp_path)
    done = run("dsrdump", "+Pl", str(folder / "opinion-sr.dcm"))
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    # the example is signed in Paris: the UTC time is written in the SR's own offset
    assert 'known well")="20250301125000+0100"' in done.stdout, done.stdout


def test_dicom_datetime_keeps_the_instant() -> None:
    from app.opinion.study import dicom_datetime, parse_dicom_datetime

    paris = dt.timezone(dt.timedelta(hours=1))
    utc_time = dt.datetime(2025, 3, 1, 11, 50, tzinfo=dt.UTC)
    signed_paris = dt.datetime(2025, 3, 1, 14, 0, tzinfo=paris)
    signed_utc = dt.datetime(2025, 3, 1, 14, 0, tzinfo=dt.UTC)
    # with hours in its offset: its own offset, as the ED gave it
    assert dicom_datetime(signed_paris, signed_utc) == "20250301140000+0100"
    # UTC in a Paris dataset: written in the dataset's offset
    assert dicom_datetime(utc_time, signed_paris) == "20250301125000+0100"
    # UTC in a UTC dataset: no suffix, which (0008,0201) "+0000" defines
    assert dicom_datetime(utc_time, signed_utc) == "20250301115000"
    for text, zone in (("20250301125000+0100", "+0100"), ("20250301115000", "+0000")):
        assert parse_dicom_datetime(text, zone) == utc_time
