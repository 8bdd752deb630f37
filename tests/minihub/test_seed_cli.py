"""``--seed-demo`` (synthetic cases + one ED request each) and the ``strokelink hub`` command."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import requests
from pydicom.dataset import Dataset

from minihub.seed import seed_demo
from minihub.server import HubServer
from protocol.codes import NIHSS
from tests.minihub.conftest import DICOM_JSON, value

REPO = Path(__file__).resolve().parents[2]


def test_seed_demo_is_complete_and_idempotent(synth_root: Path, tmp_path: Path) -> None:
    with HubServer(tmp_path / "hub") as hub, requests.Session() as http:
        assert hub.hub is not None
        archive, worklist = hub.hub.archive, hub.hub.worklist
        summary = seed_demo(archive, worklist, hub.base_url, cases_dir=synth_root)
        assert "5 new workitems" in summary
        counts = archive.counts()
        studies = http.get(f"{hub.base_url}/studies").json()
        assert len(studies) >= 5
        items = http.get(f"{hub.base_url}/workitems", params={"ProcedureStepState": "SCHEDULED"},
                         headers={"Accept": DICOM_JSON}).json()  # fmt: skip
        assert len(items) >= 5
        for item in items:
            ds = Dataset.from_json(item)
            assert ds.ScheduledProcedureStepPriority == "HIGH"
            assert ds.InputReadinessState == "READY"
            assert ds.PatientID and ds.ProcedureStepLabel
            assert ds.ScheduledWorkitemCodeSequence[0].CodeValue
            request = ds.ReferencedRequestSequence[0]
            assert request.AccessionNumber and request.RequestingService
            assert (
                request.RequestingPhysician
                and "Thrombolysis" in request.ReasonForTheRequestedProcedure
            )
            params = ds.ScheduledProcessingParametersSequence
            kinds = {p.ValueType for p in params}
            assert {"NUM", "DATETIME", "CODE", "TEXT"} <= kinds
            nihss = [p for p in params if p.ConceptNameCodeSequence[0].CodeValue == NIHSS[0]]
            assert nihss and nihss[0].ConceptNameCodeSequence[0].CodingSchemeDesignator == "LN"
            assert float(nihss[0].NumericValue) >= 0
            lkw = next(p for p in params if p.ValueType == "DATETIME").DateTime
            assert str(lkw)[-5] in "+-"  # carries its UTC offset
            assert ds.CommentsOnTheScheduledProcedureStep
            study = ds.StudyInstanceUID
            (match,) = [s for s in studies if value(s, "0020000D") == study]
            assert value(match, "00100020") == ds.PatientID
            refs = sum(len(i.ReferencedSOPSequence) for i in ds.InputInformationSequence)
            assert refs == value(match, "00201208")
            url = (
                ds.InputInformationSequence[0]
                .DICOMRetrievalSequence[0]
                .WADORSRetrievalSequence[0]
                .RetrieveURL
            )
            assert http.get(url + "/metadata").status_code == 200
        # Seeding again (from files: one case is enough; then from the marker) changes nothing.
        again = tmp_path / "again"
        again.mkdir()
        (again / "normal").symlink_to(synth_root / "normal", target_is_directory=True)
        assert "0 new instances), 0 new workitems" in seed_demo(
            archive, worklist, hub.base_url, cases_dir=again
        )
        assert seed_demo(archive, worklist, hub.base_url).endswith("0 new workitems")
        assert archive.counts() == counts
        assert len(http.get(f"{hub.base_url}/workitems").json()) == len(items)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_hub_command_serves_until_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "hub", "--data", str(tmp_path / "d"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("minihub serving http://127.0.0.1:"), line
        base_url = line.split()[2]
        assert base_url.endswith("/dicom-web")
        response = requests.get(f"{base_url}/studies", timeout=10)
        assert response.status_code == 200 and response.json() == []
        assert "Date" in response.headers
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_hub_command_hashes_a_token_and_checks_arguments(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "hub", "--hash-token"],
        input="tok\n",
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1] == hashlib.sha256(b"tok").hexdigest()
    missing = subprocess.run(
        [sys.executable, "-m", "app", "hub"],
        check=False, capture_output=True, text=True, cwd=REPO, env=_env(), timeout=60,
    )  # fmt: skip
    assert missing.returncode == 2 and "--data" in missing.stdout
