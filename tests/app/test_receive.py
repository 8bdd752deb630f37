"""``app.ed.receive``: the C-STORE SCP, studies complete when quiet, automatic forwarding.

Senders are real DICOM clients: pynetdicom's SCU and dcmtk's ``storescu``.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pydicom
import pytest
from pydicom.dataset import Dataset
from pynetdicom import AE

from app.ed.dimse import CANNOT_UNDERSTAND, STORAGE_SOP_CLASSES, TRANSFER_SYNTAXES
from app.ed.receive import StoreReceiver, StudyCollector
from minihub.server import HubServer
from protocol.request import read_input_series
from tests.app.request_util import clinical_file, dicomdir_tests, pydicom_file
from tests.conftest import require_program
from tests.servers import free_port

REPO = Path(__file__).resolve().parents[2]
CT_STUDY = dicomdir_tests() / "98892001"


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def send(port: int, paths: list[Path] | list[Dataset], *, calling: str = "CTSCANNER") -> list[int]:
    """C-STORE each file with pynetdicom's SCU; returns the statuses."""
    ae = AE(ae_title=calling)
    for sop in STORAGE_SOP_CLASSES:
        ae.add_requested_context(sop, list(TRANSFER_SYNTAXES[:2]))
    assoc = ae.associate("127.0.0.1", port, ae_title="STROKELINK")
    assert assoc.is_established
    statuses = []
    try:
        for item in paths:
            ds = item if isinstance(item, Dataset) else pydicom.dcmread(item)
            statuses.append(int(assoc.send_c_store(ds).Status))
    finally:
        assoc.release()
    return statuses


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[tuple[StoreReceiver, ManualClock]]:
    clock = ManualClock()
    collector = StudyCollector(tmp_path / "in", quiet_s=10.0, clock=clock)
    with StoreReceiver(collector, ae_title="STROKELINK", port=0) as scp:
        yield scp, clock


def test_a_study_is_gathered_then_reported_once_quiet(
    receiver: tuple[StoreReceiver, ManualClock],
) -> None:
    scp, clock = receiver
    files = sorted(p for p in CT_STUDY.rglob("*") if p.is_file())
    assert send(scp.port, files) == [0] * 7
    collector = scp.collector
    assert collector.completed() == [] and collector.receiving == 1
    clock.now += 9.0
    assert collector.completed() == []
    clock.now += 1.0
    [study] = collector.completed()
    assert (study.instances, study.series, study.calling_ae_titles) == (7, 2, ("CTSCANNER",))
    assert study.folder == collector.out_dir / study.study_uid
    written = sorted(study.folder.rglob("*.dcm"))
    assert len(written) == 7
    for path in written:
        ds = pydicom.dcmread(path)
        assert path.name == f"{ds.SOPInstanceUID}.dcm" and path.parent.name == ds.SeriesInstanceUID
    original = {str(pydicom.dcmread(p).SOPInstanceUID): pydicom.dcmread(p) for p in files}
    for path in written:
        ds = pydicom.dcmread(path)
        assert ds.PixelData == original[ds.SOPInstanceUID].PixelData
    assert collector.completed() == []
    # A late instance (sent again) makes the study active, and reported again when quiet.
    assert send(scp.port, files[:1]) == [0]
    clock.now += 10.0
    [again] = collector.completed()
    assert again.study_uid == study.study_uid and again.instances == 8


@pytest.mark.filterwarnings("ignore:Invalid value for VR UI")  # the receiver decoding it
def test_unsafe_uids_are_refused(
    receiver: tuple[StoreReceiver, ManualClock], tmp_path: Path
) -> None:
    scp, _ = receiver
    ds = pydicom.dcmread(pydicom_file("CT_small.dcm"))
    with pytest.warns(UserWarning, match="Invalid value for VR UI"):
        ds.StudyInstanceUID = "1.2/../../../escaped"
    assert send(scp.port, [ds]) == [CANNOT_UNDERSTAND]
    assert scp.collector.refused == 1
    assert not list(tmp_path.rglob("escaped*")) and scp.collector.receiving == 0


def test_only_allowed_callers(tmp_path: Path) -> None:
    collector = StudyCollector(tmp_path / "in")
    with StoreReceiver(collector, port=0, allowed_calling_ae_titles=["CTSCANNER"]) as scp:
        ae = AE(ae_title="INTRUDER")
        ae.add_requested_context(STORAGE_SOP_CLASSES[0])
        assoc = ae.associate("127.0.0.1", scp.port, ae_title="STROKELINK")
        assert assoc.is_rejected
        assert send(scp.port, [CT_STUDY / "CT5N" / "2062"]) == [0]


def test_storescu_from_dcmtk(receiver: tuple[StoreReceiver, ManualClock]) -> None:
    storescu = require_program("storescu", system=True)
    scp, clock = receiver
    done = subprocess.run(
        [storescu, "-aet", "PACSROUTER", "-aec", "STROKELINK", "+sd", "+r",
         "127.0.0.1", str(scp.port), str(CT_STUDY)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    clock.now += 60
    [study] = scp.collector.completed()
    assert study.instances == 7 and study.calling_ae_titles == ("PACSROUTER",)


def _lines(process: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return lines, thread


def _wait_for(lines: queue.Queue[str], start: str, seen: list[str]) -> str:
    while True:
        line = lines.get(timeout=60)
        seen.append(line)
        if line.strip().startswith(start):
            return line


def test_receive_command_forwards_a_complete_study(tmp_path: Path) -> None:
    """storescu → strokelink receive → minihub: a READY request, scout left out."""
    storescu = require_program("storescu", system=True)
    now = datetime.now().astimezone()
    template = clinical_file(
        tmp_path, now, last_known_well=None, symptom_onset=None, nihss=None, history=None
    )
    port = free_port()
    with HubServer(tmp_path / "hub") as hub:
        process = subprocess.Popen(
            [str(REPO / ".venv/bin/strokelink"), "receive", "--port", str(port),
             "--ae-title", "STROKELINK", "--out", str(tmp_path / "in"), "--quiet", "1",
             "--hub", hub.base_url, "--clinical-template", str(template),
             "--state-dir", str(tmp_path / "state")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
        )  # fmt: skip
        seen: list[str] = []
        lines, pump = _lines(process)
        try:
            _wait_for(lines, "receiving as STROKELINK", seen)
            subprocess.run(
                [storescu, "-aec", "STROKELINK", "+sd", "+r", "127.0.0.1", str(port),
                 str(CT_STUDY)],
                capture_output=True, timeout=60, check=True,
            )  # fmt: skip
            complete = _wait_for(lines, "study complete:", seen)
            assert "(2 series, 7 images from STORESCU)" in complete
            uid = _wait_for(lines, "forwarded: workitem", seen).split()[-1]
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=20)
            pump.join(timeout=5)
            assert process.stdout is not None
            process.stdout.close()
            assert code == 0, "\n".join(seen)
        import requests

        item = requests.get(
            f"{hub.base_url}/workitems/{uid}", headers={"Accept": "application/dicom+json"}
        ).json()[0]
        ds = Dataset.from_json(item)
        assert ds.InputReadinessState == "READY" and ds.PatientID == "98890234"
        [series] = read_input_series(item)
        assert len(series.instances) == 5  # the two scout images stayed home


def test_leading_zero_uids_from_a_modality_are_received(tmp_path: Path) -> None:
    from app.ed.dimse import instance_path

    study, series, sop = "1.2.840.113619.2.55.3.0123", "1.2.3.04", "1.2.3.04.5"
    assert instance_path(tmp_path, study, series, sop) == tmp_path / study / series / f"{sop}.dcm"
    with pytest.raises(ValueError):
        instance_path(tmp_path, "../x", series, sop)
