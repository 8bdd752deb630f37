"""Safe defaults of ``strokelink hub``: no anonymous hub on the network, private data files.

Nothing here binds a non-loopback address: the exposure decision is tested as a
function and through the command line, which refuses before it opens the port
(a stand-in server class makes sure no socket is ever bound there).
"""

from __future__ import annotations

import logging
import os
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import requests
from pydicom.uid import generate_uid

import minihub.server as server_module
from app.cli import main as strokelink
from minihub.server import HubServer, exposure_check, is_loopback
from minihub.server import main as minihub_main
from tests.minihub.conftest import make_ct, stow


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the decision --------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.9.8.7", "::1", "[::1]", "localhost", "LOCALHOST"]
)
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)
    assert exposure_check(host, users=False, allow_anonymous=False, tls=False) == (None, [])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "hub.example"])
def test_non_loopback_without_users_is_refused(host: str) -> None:
    assert not is_loopback(host)
    refusal, warns = exposure_check(host, users=False, allow_anonymous=False, tls=True)
    assert refusal is not None and "--users" in refusal and "--allow-anonymous" in refusal
    assert warns == []


def test_allow_anonymous_starts_with_warnings() -> None:
    refusal, warns = exposure_check("0.0.0.0", users=False, allow_anonymous=True, tls=False)
    assert refusal is None
    text = " ".join(warns)
    assert "NO authentication" in text and "in clear" in text


def test_users_without_tls_warns_that_passwords_travel_in_clear() -> None:
    refusal, warns = exposure_check("0.0.0.0", users=True, allow_anonymous=False, tls=False)
    assert refusal is None
    assert len(warns) == 1 and "passwords" in warns[0] and "in clear" in warns[0]
    assert exposure_check("0.0.0.0", users=True, allow_anonymous=False, tls=True) == (None, [])


# -- the command line -----------------------------------------------------------------


class _NoBind:
    """Stands in for HubServer: records that the command got past its checks, binds nothing."""

    created: ClassVar[list[dict[str, object]]] = []

    def __init__(self, data_dir: Path, **kwargs: object) -> None:
        _NoBind.created.append(kwargs)

    def open(self) -> _NoBind:
        raise OSError("not binding in tests")


@pytest.fixture
def no_bind(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, object]]]:
    _NoBind.created = []
    monkeypatch.setattr(server_module, "HubServer", _NoBind)
    monkeypatch.setattr(server_module.signal, "signal", lambda *a: None)
    pydicom_level = logging.getLogger("pydicom").level
    with warnings.catch_warnings():
        yield _NoBind.created
    logging.getLogger("pydicom").setLevel(pydicom_level)


def test_cli_refuses_a_network_address_without_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_bind: list[dict[str, object]]
) -> None:
    data = str(tmp_path / "hub")
    assert minihub_main(["--data", data, "--host", "0.0.0.0", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "refusing to serve 0.0.0.0 without --users" in err and "--allow-anonymous" in err
    assert strokelink(["hub", "--data", data, "--host", "::", "--port", "0"]) == 2
    assert "without --users" in capsys.readouterr().err
    assert no_bind == []  # refused before any server was even built


def test_cli_allow_anonymous_gets_past_the_check_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_bind: list[dict[str, object]]
) -> None:
    data = str(tmp_path / "hub")
    code = strokelink(
        ["hub", "--data", data, "--host", "0.0.0.0", "--port", "0", "--allow-anonymous"]
    )
    assert code == 1  # the stand-in refuses to bind: the check itself let it through
    captured = capsys.readouterr()
    assert "NO authentication" in captured.err and "in clear" in captured.err
    assert len(no_bind) == 1 and no_bind[0]["host"] == "0.0.0.0"


def test_cli_loopback_needs_no_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_bind: list[dict[str, object]]
) -> None:
    assert minihub_main(["--data", str(tmp_path / "hub"), "--port", "0"]) == 1  # stand-in
    assert "WARNING" not in capsys.readouterr().err
    assert len(no_bind) == 1


# -- private files -------------------------------------------------------------------------


def test_data_folder_and_files_are_private_after_a_stow(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    study, series = generate_uid(), generate_uid()
    with HubServer(data) as hub, requests.Session() as http:
        response = stow(http, hub.base_url, [make_ct(study, series)])
        assert response.status_code == 200
        assert hub.hub is not None
        with hub.hub.archive.temp_file() as (temp, _stream):
            assert _mode(temp) == 0o600
        stored = list((data / "instances").rglob("*.dcm"))
        assert len(stored) == 1
        for folder in [data, *(p for p in data.rglob("*") if p.is_dir())]:
            assert _mode(folder) == 0o700, folder
        files = [p for p in data.rglob("*") if p.is_file()]
        assert data / "index.sqlite3" in files
        for path in files:  # instances, the SQLite index and its -wal/-shm
            assert _mode(path) == 0o600, path


def test_an_old_open_data_folder_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    (data / "instances").mkdir(parents=True)
    os.chmod(data, 0o755)
    (data / "index.sqlite3").touch()
    os.chmod(data / "index.sqlite3", 0o644)
    with HubServer(data):
        assert _mode(data) == 0o700
        assert _mode(data / "instances") == 0o700
        assert _mode(data / "index.sqlite3") == 0o600
