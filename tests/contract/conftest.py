"""One DICOMweb contract, two servers: our embedded ``minihub`` and a real Orthanc.

Every test in this folder takes the ``server`` fixture and so runs once per
server. A :class:`Server` carries two kinds of per-server knowledge:

``quirks``
    Choices the standard leaves to the origin server. Each one cites the
    PS3.18 clause that allows it; a test branches on it and still asserts the
    chosen behaviour exactly.
``deviations``
    Known non-conformances of a server we do not control (Orthanc). The
    test that covers one is marked ``xfail(strict=True)`` for that server, so
    the suite documents the deviation and fails loudly the day it disappears.
    Never list a minihub bug here: fix minihub instead.
"""

from __future__ import annotations

import importlib.util
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import require
from tests.contract.cases import Corpus, build_corpus
from tests.dicomweb_util import DICOM_JSON, stow_body
from tests.servers import start_orthanc

SERVERS = ["minihub", "orthanc"]

# Choices PS3.18 leaves open, per server (a test asserts the chosen one exactly).
MINIHUB_QUIRKS = frozenset(
    {
        # PS3.18 §10.5.3.1 Table 10.5.3-1: when no instance of a STOW-RS request
        # can be stored, 400 ("bad syntax") and 409 ("a conflict in the request")
        # are both allowed for a part that is not a DICOM instance. minihub
        # answers 409 with (0008,1198) Failed SOP Sequence; Orthanc answers 400.
        "stow_unreadable_part_is_conflict",
    }
)

# Orthanc 1.10.1 + DICOMweb plugin 1.7 (Debian 12 packages).
ORTHANC_DEVIATIONS = {
    "qido_percent_decoding": (
        "QIDO values are matched without percent-decoding: PatientName=DOE%5EJOHN "
        "looks for a literal '%5E' (RFC 3986 §2.1; '^' must be percent-encoded in a URI)"
    ),
    "includefield_all": (
        "includefield=all does not add optional study attributes such as (0008,1030) "
        "Study Description (PS3.18 §10.6.3.3.1)"
    ),
    "all_series_study_attributes": (
        "GET /series omits the study-level attributes (Patient's Name, Study Date…) "
        "that PS3.18 §10.6.3.3.2 requires when the target resource is All Series"
    ),
    "stow_partial_status": (
        "STOW-RS with some instances stored and some failed answers 400 "
        "instead of 202 Accepted (PS3.18 §10.5.3.1)"
    ),
    "stow_failure_content_type": (
        "STOW-RS failure answers (400/409) carry a DICOM JSON body but no "
        "Content-Type header (PS3.18 §10.5.3.2)"
    ),
    "stow_malformed_multipart": (
        "a STOW-RS body with no valid multipart delimiter answers 200 with empty "
        "sequences instead of 400 Bad Request (PS3.18 §10.5.3.1)"
    ),
    "not_acceptable_status": (
        "an unsupported Accept media type answers 400 instead of 406 Not Acceptable (PS3.18 §8.7.5)"
    ),
    "no_jpeg2000_decoder": (
        "the Debian build has no JPEG 2000 codec: retrieving a JPEG 2000 instance in the "
        "default Explicit VR Little Endian transfer syntax (or its frames as "
        "application/octet-stream) answers 500 instead of the decoded pixels "
        "(PS3.18 §8.7.3.5.2)"
    ),
}


@dataclass
class Server:
    """One origin server under test, as the contract tests see it."""

    name: str
    handle: Any  # tests.servers.OrthancServer or minihub.server.HubServer
    restart_handle: Callable[[Any], Any]
    quirks: frozenset[str] = frozenset()
    deviations: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """DICOMweb root, no trailing slash (``http://127.0.0.1:PORT/dicom-web``)."""
        return str(self.handle.base_url).rstrip("/")

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def restart(self) -> None:
        """Stop the server and start it again on the same data folder."""
        self.handle = self.restart_handle(self.handle)

    def expect_deviation(self, request: pytest.FixtureRequest, key: str) -> None:
        """Mark the running test as a strict xfail when this server deviates."""
        if key in self.deviations:
            request.applymarker(
                pytest.mark.xfail(reason=f"{self.name}: {self.deviations[key]}", strict=True)
            )

    def __repr__(self) -> str:
        return f"Server({self.name})"


def _start_minihub(data_dir: Path) -> Iterator[Server]:
    require(importlib.util.find_spec("minihub.server") is not None, "minihub.server")
    from minihub.server import HubServer

    def restart(hub: Any) -> Any:
        port = urllib.parse.urlsplit(hub.base_url).port
        hub.stop()
        fresh = HubServer(data_dir, port=port or 0)
        fresh.start()
        return fresh

    hub = HubServer(data_dir)
    hub.start()
    server = Server("minihub", hub, restart, quirks=MINIHUB_QUIRKS)
    try:
        yield server
    finally:
        server.handle.stop()


def _start_orthanc(data_dir: Path) -> Iterator[Server]:
    def restart(orthanc: Any) -> Any:
        orthanc.restart()
        return orthanc

    with start_orthanc(data_dir) as orthanc:
        yield Server(
            "orthanc",
            orthanc,
            restart,
            quirks=frozenset(),
            deviations=dict(ORTHANC_DEVIATIONS),
        )


@pytest.fixture(scope="session", params=SERVERS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """Each contract test runs against minihub, then against Orthanc."""
    data_dir = tmp_path_factory.mktemp(request.param)
    starter = _start_minihub if request.param == "minihub" else _start_orthanc
    yield from starter(data_dir)


@pytest.fixture(scope="session")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The three synthetic studies (same UIDs on both servers, each has its own)."""
    return build_corpus()


@dataclass
class Stored:
    """The corpus after one STOW-RS of all its instances, and that answer."""

    corpus: Corpus
    status_code: int
    content_type: str
    answer: dict[str, Any]


@pytest.fixture(scope="session")
def stored(server: Server, corpus: Corpus, http: requests.Session) -> Stored:
    """STOW the whole corpus once per server (one multipart request)."""
    body, content_type = stow_body(corpus.instances)
    response = http.post(
        server.url("studies"),
        data=body,
        headers={"Content-Type": content_type, "Accept": DICOM_JSON},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:500]
    return Stored(corpus, response.status_code, response.headers["Content-Type"], response.json())
