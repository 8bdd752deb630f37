"""Shared by the hub-client, retrieval and viewer tests: a fast retry policy, a minihub
serving a folder, and an in-memory keyring (a test double of the OS secret store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.transport import RetryPolicy

FAST = RetryPolicy(attempts=2, backoff_s=0.01, max_backoff_s=0.02, jitter=0.0)


def serve_minihub(folder: Path) -> Iterator[str]:
    """A minihub on ``folder`` for as long as the generator lives; yields its base URL."""
    from minihub.server import HubServer

    server = HubServer(folder)
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (stands in for the OS store)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("no such secret")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install an in-memory keyring for the test, then put the previous one back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def minihub_client(folder: Path) -> Iterator[HttpHub]:
    """A client of a fresh minihub on ``folder`` for as long as the generator lives."""
    from minihub.server import HubServer

    with HubServer(folder) as server, HttpHub(server.base_url, retry=FAST) as client:
        yield client


def ready_workitem(label: str, patient_name: str, patient_id: str, issuer: str = "") -> dict:
    """A HIGH-priority UPS workitem, READY, for a new study: its DICOM JSON."""
    ds = Dataset()
    ds.ScheduledProcedureStepPriority = "HIGH"
    ds.ProcedureStepLabel = label
    ds.PatientName, ds.PatientID = patient_name, patient_id
    if issuer:
        ds.IssuerOfPatientID = issuer
    ds.ScheduledProcedureStepStartDateTime = "20260101080000+0100"
    ds.InputReadinessState = "READY"
    item = Dataset()
    item.StudyInstanceUID = generate_uid()
    ds.InputInformationSequence = [item]
    return ds.to_json_dict()
