"""Real servers for tests: a throw-away Orthanc with its DICOMweb plugin.

Any test can start one::

    from tests.servers import start_orthanc

    with start_orthanc(tmp_path) as orthanc:
        requests.get(orthanc.dicomweb_url + "/studies")

Orthanc listens on 127.0.0.1 only, on a free port, with its storage and index
in a temporary folder. ``require_program("Orthanc")`` and the plugin check skip
locally and FAIL under ``CI=true`` when Orthanc or ``orthanc-dicomweb`` is
missing, so CI never silently skips the interop tests.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import require, require_program

DICOMWEB_PLUGIN_GLOB = "/usr/lib/orthanc/libOrthancDicomWeb.so*"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dicomweb_plugin() -> str:
    """Path of the Orthanc DICOMweb plugin (skip/fail when it is not installed)."""
    found = sorted(glob.glob(DICOMWEB_PLUGIN_GLOB))
    require(bool(found), f"Orthanc DICOMweb plugin ({DICOMWEB_PLUGIN_GLOB})")
    return found[0]


@dataclass
class OrthancServer:
    """One Orthanc process with the DICOMweb plugin, owning a data folder.

    ``users`` (name → password) turns HTTP Basic authentication on.
    ``dicom_port=True`` also opens a DICOM (DIMSE) port with AE title
    ``dicom_aet``; ``dicom_modalities`` is Orthanc's "DicomModalities"
    mapping (name → [AET, host, port]) of peers allowed to query/retrieve.
    ``extra_config`` is merged last into the configuration file.
    """

    data_dir: Path
    users: Mapping[str, str] | None = None
    dicom_port: bool = False
    dicom_aet: str = "ORTHANC"
    dicom_modalities: Mapping[str, list[Any]] = field(default_factory=dict)
    extra_config: Mapping[str, Any] = field(default_factory=dict)
    http_port: int = 0
    dicom_port_number: int | None = None
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        """Root of Orthanc's own REST API, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def base_url(self) -> str:
        """Root of the DICOMweb API (no trailing slash)."""
        return f"{self.url}/dicom-web"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "orthanc.log"

    @property
    def config_file(self) -> Path:
        return self.data_dir / "orthanc.json"

    @property
    def auth(self) -> tuple[str, str] | None:
        """Credentials of the first registered user, for ``requests`` calls."""
        if not self.users:
            return None
        name, password = next(iter(self.users.items()))
        return name, password

    def config(self) -> dict[str, Any]:
        """The Orthanc configuration this server runs with."""
        storage = self.data_dir / "storage"
        cfg: dict[str, Any] = {
            "Name": "StrokeLinkTest",
            "StorageDirectory": str(storage),
            "IndexDirectory": str(storage),
            "HttpPort": self.http_port,
            "HttpServerEnabled": True,
            "RemoteAccessAllowed": False,
            "AuthenticationEnabled": bool(self.users),
            "RegisteredUsers": dict(self.users or {}),
            "HttpCompressionEnabled": False,
            "DicomServerEnabled": self.dicom_port,
            "DicomAet": self.dicom_aet,
            "DicomPort": self.dicom_port_number or 4242,
            "DicomModalities": dict(self.dicom_modalities),
            "StableAge": 1,
            "SaveJobs": False,
            "OverwriteInstances": False,
            "StorageCompression": False,
            "ConcurrentJobs": 1,
            "Plugins": [dicomweb_plugin()],
            "DicomWeb": {
                "Enable": True,
                "Root": "/dicom-web/",
                "EnableWado": True,
                "WadoRoot": "/wado",
                # Hard-coded host so the RetrieveURL and BulkDataURI values
                # Orthanc returns point back at this very process.
                "Host": f"127.0.0.1:{self.http_port}",
                "Ssl": False,
                "StudiesMetadata": "Full",
                "SeriesMetadata": "Full",
            },
        }
        cfg.update(self.extra_config)
        return cfg

    def start(self) -> OrthancServer:
        """Write the configuration, launch Orthanc and wait for ``/system``.

        A port picked here can be taken by another process before Orthanc binds it
        (another test run on the machine): Orthanc then exits saying so, and it is
        started again on other ports (three tries).
        """
        program = require_program("Orthanc")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        picked_http, picked_dicom = (
            not self.http_port,
            self.dicom_port and not self.dicom_port_number,
        )
        for attempt in range(3):
            if picked_http and (attempt or not self.http_port):
                self.http_port = free_port()
            if picked_dicom and (attempt or not self.dicom_port_number):
                self.dicom_port_number = free_port()
            self.config_file.write_text(json.dumps(self.config(), indent=2))
            self._launch(program)
            try:
                self._wait_until_ready()
                return self
            except RuntimeError:
                port_taken = "already in use" in self.log_tail()
                if attempt == 2 or not port_taken or not (picked_http or picked_dicom):
                    raise
        return self

    def _launch(self, program: str) -> None:
        log = self.log_file.open("ab")
        try:
            self._process = subprocess.Popen(
                [program, "--verbose", str(self.config_file)],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                start_new_session=True,
            )
        finally:
            log.close()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"Orthanc exited with code {self._process.returncode}\n{self.log_tail()}"
                )
            with contextlib.suppress(requests.RequestException):
                answer = requests.get(f"{self.url}/system", auth=self.auth, timeout=2)
                if answer.status_code == 200:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"Orthanc did not answer on {self.url}/system within {START_TIMEOUT_S:.0f} s\n"
            f"{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of Orthanc's log, for error messages."""
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return "(no Orthanc log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM (Orthanc needs a few seconds to close), then SIGKILL."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT_S)

    def restart(self) -> None:
        """Stop and start again on the same data folder and ports."""
        self.stop()
        self.start()

    def __enter__(self) -> OrthancServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def start_orthanc(
    data_dir: Path,
    *,
    users: Mapping[str, str] | None = None,
    dicom_port: bool = False,
    dicom_aet: str = "ORTHANC",
    dicom_modalities: Mapping[str, list[Any]] | None = None,
    extra_config: Mapping[str, Any] | None = None,
) -> Iterator[OrthancServer]:
    """Run an Orthanc on 127.0.0.1 for the duration of the ``with`` block."""
    server = OrthancServer(
        data_dir,
        users=users,
        dicom_port=dicom_port,
        dicom_aet=dicom_aet,
        dicom_modalities=dict(dicom_modalities or {}),
        extra_config=dict(extra_config or {}),
    )
    with server:
        yield server


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    """One Orthanc for the whole session (import this fixture into a conftest)."""
    with start_orthanc(tmp_path_factory.mktemp("orthanc")) as server:
        yield server
