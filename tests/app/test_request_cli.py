"""``strokelink request example|send|pending``: the command line of automatic forwarding."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests
from pydicom.dataset import Dataset

from app.cli import main
from app.ed.request.form import parse_clinical
from minihub.server import HubServer
from protocol.request import read_input_series
from tests.app.request_util import clinical_file, pydicom_file, third_party_ct
from tests.file_keyring import subprocess_env

REPO = Path(__file__).resolve().parents[2]
STROKELINK = REPO / ".venv" / "bin" / "strokelink"
DICOM_JSON = "application/dicom+json"
NOW = datetime.now().astimezone().replace(microsecond=0)


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server.base_url


def strokelink(*args: str, keyring_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command; ``keyring_file``: a keyring the runs share (sealed request states)."""
    return subprocess.run(
        [str(STROKELINK), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=None if keyring_file is None else subprocess_env(keyring_file),
    )


def test_without_a_keyring_a_sent_request_is_not_sent_again(hub_url: str, tmp_path: Path) -> None:
    """No system keyring: the sealed state of the first run cannot be opened by the
    second, which must refuse (naming --new) rather than create a second request."""
    import os

    folder = third_party_ct(tmp_path / "cd")
    clinical = clinical_file(tmp_path, NOW)
    args = ["request", "send", "--hub", hub_url, "--images", str(folder),
            "--clinical", str(clinical), "--state-dir", str(tmp_path / "state")]  # fmt: skip
    no_keyring = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(STROKELINK), *args, *extra], check=False, capture_output=True, text=True,
            timeout=120, cwd=REPO, env=no_keyring,
        )  # fmt: skip

    first = run()
    assert first.returncode == 0, first.stderr
    again = run()
    assert again.returncode == 2, again.stdout
    assert "second request" in again.stdout + again.stderr
    assert "--new" in again.stdout + again.stderr
    assert "workitem" not in again.stdout  # nothing was sent
    forced = run("--new")
    assert forced.returncode == 0, forced.stderr
    uids = {done.stdout.splitlines()[-1] for done in (first, forced)}
    assert len(uids) == 2 and all(u.startswith("workitem ") for u in uids)


def test_example_is_valid_json_of_the_schema() -> None:
    done = strokelink("request", "example")
    assert done.returncode == 0, done.stderr
    form = parse_clinical(json.loads(done.stdout), now=datetime.now().astimezone())
    assert form.priority == "HIGH" and form.nihss is not None


def test_send_a_third_party_folder(hub_url: str, tmp_path: Path) -> None:
    folder = third_party_ct(tmp_path / "cd")
    clinical = clinical_file(tmp_path, NOW)
    args = ["request", "send", "--hub", hub_url, "--images", str(folder),
            "--clinical", str(clinical), "--state-dir", str(tmp_path / "state")]  # fmt: skip
    keyring_file = tmp_path / "keyring.json"  # the states are sealed with the keyring's key
    done = strokelink(*args, keyring_file=keyring_file)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "leave 4 Scout (localizer, 2 images)" in done.stdout
    assert "Doe^Peter" not in done.stdout  # not a terminal: identity not printed
    assert any(line.startswith("storing 5 SmartScore") for line in lines)
    uid = lines[-1].removeprefix("workitem ")
    with requests.Session() as http:
        item = http.get(f"{hub_url}/workitems/{uid}", headers={"Accept": DICOM_JSON}).json()[0]
        assert Dataset.from_json(item).InputReadinessState == "READY"
        inputs = read_input_series(item)
        assert sum(len(s.instances) for s in inputs) == 5
        for series in inputs:
            for _, sop in series.instances:  # WADO-RS each referenced instance
                answer = http.get(
                    f"{series.retrieve_url}/instances/{sop}/metadata",
                    headers={"Accept": DICOM_JSON},
                )
                assert answer.status_code == 200
                assert answer.json()[0]["00080018"]["Value"] == [sop]
    # Run again: the request is recognised, not sent twice.
    again = strokelink(*args, "--show-identity", keyring_file=keyring_file)
    assert again.returncode == 0, again.stderr
    assert "continued an earlier send" in again.stdout
    assert again.stdout.splitlines()[-1] == f"workitem {uid}"
    assert "patient: Doe^Peter, ID 98890234, born (unknown), sex M" in again.stdout


def refused(capsys: pytest.CaptureFixture[str], hub_url: str, tmp_path: Path,
            images: Path | None, **clinical: object) -> str:  # fmt: skip
    clinical_json = clinical_file(tmp_path, NOW, **clinical)
    args = ["request", "send", "--hub", hub_url, "--clinical", str(clinical_json),
            "--state-dir", str(tmp_path / "s")]  # fmt: skip
    if images is not None:
        args += ["--images", str(images)]
    before = len(requests.get(f"{hub_url}/workitems", headers={"Accept": DICOM_JSON}).json())
    assert main(args) == 2
    after = len(requests.get(f"{hub_url}/workitems", headers={"Accept": DICOM_JSON}).json())
    assert after == before
    return capsys.readouterr().err


def test_refused_inputs(capsys: pytest.CaptureFixture[str], hub_url: str, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(pydicom_file("CT_small.dcm"), mixed)
    shutil.copy(pydicom_file("MR_small.dcm"), mixed)
    err = refused(capsys, hub_url, tmp_path, mixed)
    assert "2 different patients" in err and "CompressedSamples" not in err

    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no DICOM images to send" in refused(capsys, hub_url, tmp_path, empty)

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "report.pdf").write_bytes(b"%PDF-1.4\n" + bytes(300))
    (junk / "notes.txt").write_text("hello")
    err = refused(capsys, hub_url, tmp_path, junk)
    assert "no DICOM images to send (2 files that are not DICOM images skipped)" in err

    folder = third_party_ct(tmp_path / "cd")
    future = (NOW + timedelta(hours=2)).isoformat()
    err = refused(capsys, hub_url, tmp_path, folder, last_known_well=future)
    assert "last_known_well: is in the future" in err

    err = refused(capsys, hub_url, tmp_path, folder, nihss=43)
    assert "nihss: must be a whole number from 0 to 42 (got 43)" in err

    err = refused(capsys, hub_url, tmp_path, None)
    assert "name the patient in the clinical JSON" in err

    (tmp_path / "broken.json").write_text("{ nihss: 4 }")
    assert main(["request", "send", "--hub", hub_url, "--images", str(folder),
                 "--clinical", str(tmp_path / "broken.json")]) == 2  # fmt: skip
    assert "not valid JSON (line 1)" in capsys.readouterr().err


def test_hub_down_exit_status_and_pending(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    server = HubServer(tmp_path / "hub").start()
    url, port = server.base_url, server.port
    server.stop()
    folder = third_party_ct(tmp_path / "cd")
    state = tmp_path / "state"
    args = ["request", "send", "--hub", url, "--images", str(folder),
            "--clinical", str(clinical_file(tmp_path, NOW)), "--state-dir", str(state)]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "cannot reach the hub" in err and "no request was created yet" in err
    assert "send it again to resume" in err
    assert main(["request", "pending", "--state-dir", str(state)]) == 0
    assert "failed" in capsys.readouterr().out
    # The CD comes back mounted elsewhere: the same request, resumed from the new place.
    moved = folder.rename(tmp_path / "mounted-elsewhere")
    args[args.index(str(folder))] = str(moved)
    with HubServer(tmp_path / "hub", port=port):
        assert main(args) == 0
    out = capsys.readouterr().out
    assert "continued an earlier send" in out
    assert main(["request", "pending", "--state-dir", str(state)]) == 0
    assert "no unfinished request" in capsys.readouterr().out


def test_request_without_images(hub_url: str, tmp_path: Path) -> None:
    clinical = clinical_file(
        tmp_path, NOW, patient={"id": "PA-1", "name": "MARTIN^Anne"}, question="Protocol?"
    )
    done = strokelink("request", "send", "--hub", hub_url, "--clinical", str(clinical),
                      "--state-dir", str(tmp_path / "state"), "--priority", "MEDIUM")  # fmt: skip
    assert done.returncode == 0, done.stderr
    uid = done.stdout.splitlines()[-1].removeprefix("workitem ")
    item = requests.get(f"{hub_url}/workitems/{uid}", headers={"Accept": DICOM_JSON}).json()[0]
    ds = Dataset.from_json(item)
    assert ds.ScheduledProcedureStepPriority == "MEDIUM" and ds.PatientID == "PA-1"
