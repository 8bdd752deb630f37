"""``strokelink request send`` then ``strokelink worklist``: every clinical fact comes back.

The ``--json`` output is a contract (docs/request-schema.md, "The worklist as
JSON"): the ``clinical`` object of each request is the request JSON that was
sent, key for key, unit for unit, times with the offset they were sent with.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
from pydicom.uid import generate_uid

from minihub.server import HubServer
from tests.app.request_util import third_party_ct

REPO = Path(__file__).resolve().parents[2]
STROKELINK = REPO / ".venv" / "bin" / "strokelink"
DICOM_JSON = "application/dicom+json"
# The CLI checks times against its own clock (no time in the future, none older than 30 days).
NOW = datetime.now().astimezone().replace(microsecond=0)
KOLKATA = timezone(timedelta(hours=5, minutes=30))
SAO_PAULO = timezone(timedelta(hours=-3))

#: Every field of the request JSON, a vitamin K antagonist with its INR, glucose in mg/dL,
#: a wake-up stroke, unicode text and a UTC offset that is not the machine's.
VKA_REQUEST: dict[str, Any] = {
    "schema": "strokelink-request/2",
    "site": "CH Épinal — Urgences",
    "physician": "PETIT^Laurent",
    "callback_phone": "+33 3 29 31 31 31",
    "question": "Thrombolyse ? Thrombectomie ?",
    "accession": "SLA0101",
    "priority": "HIGH",
    "last_known_well": (NOW - timedelta(hours=7)).astimezone(KOLKATA).isoformat(),
    "wake_up": True,
    "nihss": 24,
    "anticoagulation": "vka",
    "inr": 2.8,
    "glucose": {"value": 126, "unit": "mg/dL"},
    "blood_pressure": {"systolic": 192, "diastolic": 104, "unit": "mmHg"},
    "prestroke_mrs": 2,
    "history": "Fibrillation auriculaire sous warfarine.\nŒdème du membre inférieur ; 雪.",
    "patient": {
        "name": "MARTIN^Anne",
        "id": "PA-77",
        "issuer": "CHRU-NANCY",
        "birth_date": "19480310",
        "sex": "F",
    },
}
#: A DOAC with the time of its last dose, a witnessed onset, glucose in mmol/L with a decimal.
DOAC_REQUEST: dict[str, Any] = {
    "schema": "strokelink-request/2",
    "site": "CH Verdun, Urgences",
    "physician": "LEROY^Thomas",
    "callback_phone": "+33 3 29 00 20 02",
    "question": "Thrombolysis? Thrombectomy?",
    "accession": "SLA0102",
    "priority": "MEDIUM",
    "last_known_well": (NOW - timedelta(hours=2)).astimezone(SAO_PAULO).isoformat(),
    "symptom_onset": (NOW - timedelta(minutes=100)).astimezone(SAO_PAULO).isoformat(),
    "nihss": 7,
    "anticoagulation": "doac",
    "last_dose": (NOW - timedelta(hours=9)).astimezone(SAO_PAULO).isoformat(),
    "glucose": {"value": 3.1, "unit": "mmol/L"},
    "blood_pressure": {"systolic": 150, "diastolic": 85, "unit": "mmHg"},
    "prestroke_mrs": 0,
    "history": "Apixaban 5 mg twice daily.",
}
#: Fields of the request JSON that are not clinical facts: top-level in the worklist JSON.
NOT_CLINICAL = ("schema", "priority", "patient")


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server.base_url


def strokelink(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STROKELINK), *args], check=False, capture_output=True, text=True, timeout=120,
        cwd=REPO,
    )  # fmt: skip


def send(hub_url: str, folder: Path, clinical: dict[str, Any], images: Path | None) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "clinical.json"
    path.write_text(json.dumps(clinical, ensure_ascii=False), encoding="utf-8")
    args = ["request", "send", "--hub", hub_url, "--clinical", str(path),
            "--state-dir", str(folder / "state")]  # fmt: skip
    if images is not None:
        args += ["--images", str(images)]
    done = strokelink(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].removeprefix("workitem ")


def worklist_json(hub_url: str, *extra: str) -> list[dict[str, Any]]:
    done = strokelink("worklist", "--hub", hub_url, "--json", *extra)
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)  # ONE JSON document: the whole output
    assert isinstance(listed, list)
    return listed


@pytest.fixture(scope="module")
def sent(hub_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("requests")
    return {
        "vka": send(hub_url, folder / "vka", VKA_REQUEST, None),
        "doac": send(hub_url, folder / "doac", DOAC_REQUEST, third_party_ct(folder / "cd")),
    }


@pytest.mark.parametrize(("name", "clinical"), [("vka", VKA_REQUEST), ("doac", DOAC_REQUEST)])
def test_every_field_sent_comes_back_unchanged(
    hub_url: str, sent: dict[str, str], name: str, clinical: dict[str, Any]
) -> None:
    (entry,) = [e for e in worklist_json(hub_url) if e["workitem_uid"] == sent[name]]
    expected = {key: value for key, value in clinical.items() if key not in NOT_CLINICAL}
    assert entry["clinical"] == expected
    # Times are the very strings sent: same instant, same UTC offset, same form.
    for key in ("last_known_well", "symptom_onset", "last_dose"):
        if key in clinical:
            assert entry["clinical"][key] == clinical[key]
    assert entry["priority"] == clinical["priority"]
    assert entry["state"] in ("SCHEDULED", "IN PROGRESS")
    assert entry["readiness"] == "READY"
    assert set(entry) >= {"workitem_uid", "state", "priority", "readiness", "patient", "images",
                          "clinical"}  # fmt: skip


def test_patient_and_images(hub_url: str, sent: dict[str, str]) -> None:
    entries = {e["workitem_uid"]: e for e in worklist_json(hub_url)}
    vka, doac = entries[sent["vka"]], entries[sent["doac"]]
    assert vka["patient"] == VKA_REQUEST["patient"]  # a request without images: as sent
    assert vka["images"] == {"listed": 0, "expected": None}  # no count announced
    # With images: the patient of the images (pydicom's third-party CT), all 5 listed.
    assert doac["patient"] == {"name": "Doe^Peter", "id": "98890234", "issuer": "",
                               "birth_date": "", "sex": "M"}  # fmt: skip
    assert doac["images"] == {"listed": 5, "expected": 5}
    assert doac["incomplete"] is False and len(doac["study_uids"]) == 1
    assert datetime.fromisoformat(doac["scheduled"]).tzinfo is not None


def test_open_requests_by_default_every_state_with_all(
    hub_url: str, sent: dict[str, str], tmp_path: Path
) -> None:
    patient = {"name": "BERNARD^Luc", "id": "PA-78"}
    canceled = send(hub_url, tmp_path, {**DOAC_REQUEST, "patient": patient}, None)
    reason = {"00741238": {"vr": "LT", "Value": ["Patient transferred"]}}
    answer = requests.post(
        f"{hub_url}/workitems/{canceled}/cancelrequest",
        data=json.dumps([reason]),
        headers={"Content-Type": DICOM_JSON, "Accept": DICOM_JSON},
    )
    assert answer.status_code == 202
    claim = {"00741000": {"vr": "CS", "Value": ["IN PROGRESS"]},
             "00081195": {"vr": "UI", "Value": [generate_uid()]}}  # fmt: skip
    answer = requests.put(
        f"{hub_url}/workitems/{sent['vka']}/state",
        data=json.dumps([claim]),
        headers={"Content-Type": DICOM_JSON, "Accept": DICOM_JSON},
    )
    assert answer.status_code == 200, answer.text
    states = {e["workitem_uid"]: e["state"] for e in worklist_json(hub_url)}
    assert canceled not in states
    assert states[sent["vka"]] == "IN PROGRESS" and states[sent["doac"]] == "SCHEDULED"
    every = {e["workitem_uid"]: e["state"] for e in worklist_json(hub_url, "--all")}
    assert every[canceled] == "CANCELED" and every[sent["vka"]] == "IN PROGRESS"


def test_table(hub_url: str, sent: dict[str, str]) -> None:
    done = strokelink("worklist", "--hub", hub_url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["PRIORITY", "STATE", "IMAGES"]
    (vka,) = [line for line in lines if sent["vka"] in line]
    assert "vka INR 2.8" in vka and "BP>185/110,anticoagulant" in vka
    assert "(hidden)" in vka and "MARTIN" not in done.stdout  # not a terminal
    (doac,) = [line for line in lines if sent["doac"] in line]
    assert "5/5" in doac and "doac last" in doac and "CH Verdun, Urgences" in doac
    shown = strokelink("worklist", "--hub", hub_url, "--show-identity")
    assert "MARTIN^Anne PA-77" in shown.stdout


def test_hub_down(tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub").start()
    url = server.base_url
    server.stop()
    done = strokelink("worklist", "--hub", url, "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "worklist: failed:" in done.stderr
