"""``strokelink pull`` against a hub that lies or breaks: UIDs checked before paths, retries.

A scripted HTTP server on 127.0.0.1 plays the hub (see tests/app/hub/scripted.py):
it lists a series whose UID is a path (``../../x``), lists an instance likewise,
or cuts the connection in the middle of a series. Nothing may appear outside
``--out``; a cut connection is retried a bounded number of times.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pydicom
import pytest

from app.cli import main
from protocol.uids import is_uid
from tests.app.hub.scripted import Reply, ScriptedServer, multipart
from tests.app.hub.test_pull import _study_files

JSON = {"Content-Type": "application/dicom+json"}
STUDY = "1.2.826.0.1.3680043.10.71"
SERIES = "1.2.826.0.1.3680043.10.72"


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's real hub profiles out of these tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _json(items: list[dict]) -> Reply:
    return Reply(headers=JSON, body=json.dumps(items).encode())


def _series(*uids: str) -> Reply:
    return _json([{"0020000E": {"vr": "UI", "Value": [uid]}} for uid in uids])


def _instances(*uids: str) -> Reply:
    return _json([{"00080018": {"vr": "UI", "Value": [uid]}} for uid in uids])


def _files(count: int) -> list[bytes]:
    return _study_files(STUDY, SERIES, count)


def _sop(data: bytes) -> str:
    return str(pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True).SOPInstanceUID)


def _cut(files: list[bytes]) -> Reply:
    """The whole series announced (Content-Length), the connection closed mid-way."""
    reply = multipart([("application/dicom", f) for f in files])
    assert isinstance(reply.body, list)
    whole = reply.body[0]
    reply.body = [whole[: len(whole) // 3]]
    reply.content_length = len(whole)
    return reply


def test_uid_validation() -> None:
    assert is_uid("1.2.840.10008.1.2")
    assert is_uid("1.02")  # a leading zero (real modalities write them) is still path-safe
    for bad in ("", "../../x", "1.2.", "1..2", "x", "1/2", "1." + "1" * 63, None):
        assert not is_uid(bad), bad


def test_a_series_uid_that_is_a_path_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a" / "b" / "out"
    victim = tmp_path / "a" / "x"
    victim.mkdir(parents=True)
    (victim / ".keep.part").write_bytes(b"must survive")
    files = _files(1)
    with ScriptedServer() as hub:
        hub.script(_series("../../x", SERIES), _instances(_sop(files[0])))
        hub.script(multipart([("application/dicom", files[0])]))
        code = main(["pull", "--hub", hub.base_url, "--study", STUDY, "--out", str(out)])
        paths = [r.path for r in hub.requests]
    assert code == 1
    captured = capsys.readouterr()
    assert "invalid Series Instance UID" in captured.out
    assert "1 series refused" in captured.err
    assert "Traceback" not in captured.err
    assert (victim / ".keep.part").read_bytes() == b"must survive"
    assert sorted(p.name for p in victim.iterdir()) == [".keep.part"]
    assert not any(".." in p for p in paths)  # the bad UID never went into a URL either
    # The good series was still pulled, inside --out only.
    assert [p.relative_to(out) for p in out.rglob("*.dcm")] == [
        Path(SERIES, f"{_sop(files[0])}.dcm")
    ]
    outside = {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)}
    assert outside <= {tmp_path / "a", tmp_path / "a" / "b", victim, victim / ".keep.part"} | {
        p for p in tmp_path.rglob("*") if p.is_relative_to(tmp_path / "config")
    }


def test_an_instance_uid_that_is_a_path_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with ScriptedServer() as hub:
        hub.script(_series(SERIES), _instances("../../../y", "1.2.3"))
        code = main(["pull", "--hub", hub.base_url, "--study", STUDY, "--out", str(out)])
        assert len(hub.requests) == 2  # nothing retrieved
    assert code == 1
    assert "invalid SOP Instance UID" in capsys.readouterr().out
    assert not list(tmp_path.rglob("y*"))
    assert not list(out.rglob("*.dcm"))


@pytest.mark.parametrize("study", ["../../etc", "1.2.3/../4", "", "1.2." + "3" * 70, "abc"])
def test_a_bad_study_value_is_a_clear_error(
    study: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        ["pull", "--hub", "http://127.0.0.1:9/dicom-web", "--study", study, "--out", str(out)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--study must be a Study Instance UID" in err and "Traceback" not in err
    assert not out.exists()


def test_a_cut_connection_is_retried(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(3)
    sops = [_sop(f) for f in files]
    out = tmp_path / "out"
    with ScriptedServer() as hub:
        hub.script(_series(SERIES), _instances(*sops), _cut(files))
        hub.script(_instances(*sops), multipart([("application/dicom", f) for f in files]))
        code = main(["pull", "--hub", hub.base_url, "--study", STUDY, "--out", str(out)])
        wado = [r for r in hub.requests if r.path.endswith(f"/series/{SERIES}")]
    assert code == 0, capsys.readouterr().err
    assert len(wado) == 2
    assert "3 downloaded" in capsys.readouterr().out
    assert sorted(p.read_bytes() for p in out.glob("*/*.dcm")) == sorted(files)
    assert not list(out.rglob(".*"))


def test_retries_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(2)
    sops = [_sop(f) for f in files]
    out = tmp_path / "out"
    with ScriptedServer() as hub:
        hub.script(_series(SERIES))
        for _ in range(3):
            hub.script(_instances(*sops), _cut(files))
        hub.script(_instances(*sops), multipart([("application/dicom", f) for f in files]))
        code = main(["pull", "--hub", hub.base_url, "--study", STUDY, "--out", str(out)])
        wado = [r for r in hub.requests if r.path.endswith(f"/series/{SERIES}")]
    assert code == 1
    assert len(wado) == 3  # three tries, then it gives up
    assert "broke" in capsys.readouterr().err
    assert not list(out.rglob("*.dcm")) and not list(out.rglob(".*"))
