"""Clinical requests with every field, for the tests of the opinion's documents and JSON."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

from protocol.request import ClinicalRequest
from tests.conftest import require_program

PARIS = dt.timezone(dt.timedelta(hours=1))
HISTORY = (
    "Fibrillation auriculaire sous apixaban 5 mg deux fois par jour. Hémiplégie droite et "
    "aphasie globale au réveil de la sieste ; chute sans traumatisme crânien rapporté. "
    "Antécédents : HTA, diabète de type 2, AIT en 2021 (œdème papillaire exclu). "
    "Allergie à l'iode signalée par la famille, non documentée. Vit seule, autonome. "
    "Fin du texte : 雪."
)
#: A DOAC with its last dose, glucose in mg/dL, BP above 185/110, unknown and unreadable items.
DOAC = ClinicalRequest(
    site="CH Épinal — Urgences",
    physician="PETIT^Laurent",
    question="Thrombolyse ? Thrombectomie ?",
    accession="SLA0101",
    callback_phone="+33 3 29 31 31 31",
    last_known_well=dt.datetime(2025, 3, 1, 12, 50, tzinfo=PARIS),
    symptom_onset=dt.datetime(2025, 3, 1, 13, 5, tzinfo=PARIS),
    nihss=17,
    glucose=126.0,
    glucose_unit="mg/dL",
    systolic_bp=192,
    diastolic_bp=104,
    prestroke_mrs=1,
    anticoagulation="DOAC",
    last_dose=dt.datetime(2025, 3, 1, 7, 0, tzinfo=PARIS),
    history=HISTORY,
    other=(("Body weight", "72 kg"),),
    unreadable=("Creatinine",),
)
#: A vitamin K antagonist with its INR, a wake-up stroke, glucose in mmol/L.
VKA = ClinicalRequest(
    site="CH Verdun, Urgences",
    physician="LEROY^Thomas",
    question="Thrombolysis?",
    callback_phone="03 29 00 20 02",
    last_known_well=dt.datetime(2025, 2, 28, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
    onset_timing="WAKE-UP",
    nihss=4,
    glucose=7.4,
    anticoagulation="VKA",
    inr=2.8,
    systolic_bp=150,
    diastolic_bp=85,
    prestroke_mrs=0,
)


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Each word of the PDF with its box (text, x min, y min, x max, y max), in points."""
    done = subprocess.run(
        [require_program("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        done.stdout,
    )
    return [(html.unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


def phrase_box(pdf: Path, phrase: str) -> tuple[float, float, float, float]:
    """The box (x min, y min, x max, y max) of the first words that read ``phrase``."""
    wanted = phrase.split()
    found = words(pdf)
    for i in range(len(found) - len(wanted) + 1):
        run = found[i : i + len(wanted)]
        if [w[0] for w in run] == wanted:
            return run[0][1], run[0][2], run[-1][3], run[-1][4]
    raise AssertionError(f"{phrase!r} is not in the PDF")


def just_below(pdf: Path, above: str, below: str) -> bool:
    """``below`` is printed right under ``above``, in the same column (e.g. a table cell)."""
    a, b = phrase_box(pdf, above), phrase_box(pdf, below)
    return abs(a[0] - b[0]) < 3 and 0 <= b[1] - a[3] < 20
