"""``strokelink pull``: a whole study from a real hub, pixel-identical, resumable.

The synthetic "normal" NCCT and pydicom's CT_small go into a real Orthanc;
the command brings them back. Interruptions are made real with the scripted
server (a series cut off mid-way), credentials with minihub and its users
file, the password coming from a keyring double — never the command line.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from app.cli import main
from app.hub.client import HttpHub
from tests.app.hub.conftest import FAST, MemoryKeyring
from tests.app.hub.scripted import Reply, ScriptedServer, closed_port, multipart
from tests.app.hub.test_client_wire import _ct_file
from tests.servers import OrthancServer

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's real hub profiles out of these tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def synthetic_study(synth_root: Path, orthanc_server: OrthancServer) -> tuple[str, list[Path]]:
    files = sorted((synth_root / "normal").glob("*/*.dcm"))
    assert files, "the synthetic normal case has files"
    with HttpHub(orthanc_server.base_url, retry=FAST) as hub:
        result = hub.store_instances(files)
    assert result.ok and len(result.stored) == len(files)
    study_uid = str(pydicom.dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    return study_uid, files


def _assert_identical(sources: list[Path], out: Path) -> None:
    for source in sources:
        original = pydicom.dcmread(source)
        pulled_path = out / str(original.SeriesInstanceUID) / f"{original.SOPInstanceUID}.dcm"
        pulled = pydicom.dcmread(pulled_path)
        assert pulled.file_meta.TransferSyntaxUID == original.file_meta.TransferSyntaxUID
        assert pulled.PixelData == original.PixelData
        assert pulled.PatientID == original.PatientID
    np.testing.assert_array_equal(pulled.pixel_array, original.pixel_array)


def test_pull_from_orthanc_is_pixel_identical(
    synthetic_study: tuple[str, list[Path]], orthanc_server: OrthancServer, tmp_path: Path
) -> None:
    study_uid, files = synthetic_study
    out = tmp_path / "pulled"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "pull", "--hub", orthanc_server.base_url,
         "--study", study_uid, "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{len(files)} downloaded, 0 already present" in done.stdout
    assert f"done, {len(files)} instances in 1 series" in done.stdout
    assert len(list(out.glob("*/*.dcm"))) == len(files)
    _assert_identical(files, out)
    assert not list(out.rglob(".*"))  # no temporary leftovers


def test_pull_resumes_where_it_stopped(
    synthetic_study: tuple[str, list[Path]],
    orthanc_server: OrthancServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    study_uid, files = synthetic_study
    out = tmp_path / "pulled"
    args = ["pull", "--hub", orthanc_server.base_url, "--study", study_uid, "--out", str(out)]
    assert main(args) == 0
    pulled = sorted(out.glob("*/*.dcm"))
    kept = {p: p.stat().st_mtime_ns for p in pulled[2:]}
    for gone in pulled[:2]:
        gone.unlink()
    leftover = pulled[0].parent / f".{pulled[0].stem}-x.part"
    leftover.write_bytes(b"half a file")
    capsys.readouterr()
    assert main(args) == 0
    assert f"2 downloaded, {len(files) - 2} already present" in capsys.readouterr().out
    assert not leftover.exists()
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in kept.items())  # untouched
    _assert_identical(files, out)


def test_pull_pydicom_test_file(
    orthanc_server: OrthancServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(get_testdata_file("CT_small.dcm"))  # type: ignore[arg-type]
    with HttpHub(orthanc_server.base_url, retry=FAST) as hub:
        assert hub.store_instances([source]).ok
    study = str(pydicom.dcmread(source).StudyInstanceUID)
    out = tmp_path / "ct-small"
    assert (
        main(["pull", "--hub", orthanc_server.base_url, "--study", study, "--out", str(out)]) == 0
    )
    _assert_identical([source], out)
    assert "1 downloaded" in capsys.readouterr().out


def test_unknown_study_and_unreachable_hub(
    orthanc_server: OrthancServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x")
    assert main(["pull", "--hub", orthanc_server.base_url, "--study", "1.2.3.4", "--out", out]) == 1
    assert "not on the hub" in capsys.readouterr().err
    dead = f"http://127.0.0.1:{closed_port()}/dicom-web"
    assert main(["pull", "--hub", dead, "--study", "1.2.3.4", "--out", out]) == 1
    assert "cannot reach the hub" in capsys.readouterr().err


# -- an interrupted download -------------------------------------------------------


def _series_replies(study: str, series: str, files: list[bytes]) -> list[Reply]:
    json_headers = {"Content-Type": "application/dicom+json"}
    series_list = [{"0020000E": {"vr": "UI", "Value": [series]}}]
    instances = [
        {"00080018": {"vr": "UI", "Value": [str(pydicom.dcmread(io.BytesIO(f)).SOPInstanceUID)]}}
        for f in files
    ]
    return [
        Reply(headers=json_headers, body=json.dumps(series_list).encode()),
        Reply(headers=json_headers, body=json.dumps(instances).encode()),
    ]


def _study_files(study: str, series: str, count: int) -> list[bytes]:
    out = []
    for _ in range(count):
        ds = pydicom.dcmread(io.BytesIO(_ct_file()))
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        out.append(buffer.getvalue())
    return out


def test_interrupted_pull_leaves_only_complete_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study, series = "1.2.826.0.1.3680043.10.1", "1.2.826.0.1.3680043.10.2"
    files = _study_files(study, series, 4)
    out = tmp_path / "pulled"
    args = ["--study", study, "--out", str(out)]
    with ScriptedServer() as server:
        cut = multipart([("application/dicom", f) for f in files])
        assert isinstance(cut.body, list)
        whole = cut.body[0]
        cut.body = [whole[: whole.index(files[1]) + len(files[1]) // 2]]  # inside instance 2
        server.script(*_series_replies(study, series, files), cut)
        assert main(["pull", "--hub", server.base_url, *args]) == 1
        assert "truncated" in capsys.readouterr().err
        kept = list(out.glob("*/*.dcm"))
        assert [p.read_bytes() for p in kept] == [files[0]]  # one complete file, no stub
        assert not list(out.rglob(".*"))
        # Again: 3 of 4 missing, fetched one by one.
        server.script(*_series_replies(study, series, files))
        server.script(*(multipart([("application/dicom", f)]) for f in files[1:]))
        assert main(["pull", "--hub", server.base_url, *args]) == 0
        assert "3 downloaded, 1 already present" in capsys.readouterr().out
        fetched = [r.path.rsplit("/", 1)[-1] for r in server.requests[-3:]]
        assert sorted(fetched) == sorted(
            str(pydicom.dcmread(io.BytesIO(f)).SOPInstanceUID) for f in files[1:]
        )
    assert sorted(p.read_bytes() for p in out.glob("*/*.dcm")) == sorted(files)


def test_an_instance_of_another_series_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study, series = "1.2.826.0.1.3680043.10.3", "1.2.826.0.1.3680043.10.4"
    stranger = _study_files(study, "1.2.826.0.1.3680043.10.99", 1)
    with ScriptedServer() as server:
        server.script(*_series_replies(study, series, stranger))
        server.script(multipart([("application/dicom", stranger[0])]))
        code = main(["pull", "--hub", server.base_url, "--study", study, "--out", str(tmp_path)])
    assert code == 1
    assert "another study or series" in capsys.readouterr().err
    assert not list(tmp_path.glob("*/*.dcm"))


# -- credentials -------------------------------------------------------------------


@pytest.fixture(scope="module")
def protected_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """minihub with one Basic user, holding CT_small; yields (URL, study UID)."""
    from minihub.auth import hash_password
    from minihub.server import HubServer

    folder = tmp_path_factory.mktemp("protected")
    users = folder / "users.json"
    users.write_text(
        json.dumps({"users": [{"name": "drx", "password": hash_password("pw", iterations=1000)}]})
    )
    server = HubServer(folder / "data", users_file=users)
    server.start()
    source = Path(get_testdata_file("CT_small.dcm"))  # type: ignore[arg-type]
    session_hub = HttpHub(server.base_url, retry=FAST)
    session_hub.session.auth = ("drx", "pw")
    with session_hub:
        assert session_hub.store_instances([source]).ok
    try:
        yield server.base_url, str(pydicom.dcmread(source).StudyInstanceUID)
    finally:
        server.stop()


def test_password_from_the_keyring(
    protected_hub: tuple[str, str],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, study = protected_hub
    args = ["pull", "--hub", url, "--study", study, "--out", str(tmp_path), "--user", "drx"]
    # No secret stored, and no terminal to ask on: a clear refusal.
    assert main(args) == 2
    assert "no password in the keyring" in capsys.readouterr().err
    memory_keyring.set_password("strokelink", f"{url}:drx", "wrong")
    assert main(args) == 1
    assert "refused the credentials" in capsys.readouterr().err
    memory_keyring.set_password("strokelink", f"{url}:drx", "pw")
    assert main(args) == 0
    assert len(list(tmp_path.glob("*/*.dcm"))) == 1
