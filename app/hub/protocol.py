"""The hub as the application sees it: ``typing.Protocol`` s (STYLE.md point 12).

Anything that speaks DICOMweb (PS3.18 10) and UPS-RS (PS3.18 11) can sit
behind them; :class:`app.hub.client.HttpHub` is the HTTP implementation, and
tests or offline modes may provide others. Two halves, usable separately:

- :class:`StudiesService`: QIDO-RS search, WADO-RS retrieve, STOW-RS store;
- :class:`WorklistService`: UPS-RS workitems (the tele-expertise requests).

:class:`Hub` is both. Every method raises :class:`app.hub.errors.HubError`
(or a subclass) on failure. DICOM JSON datasets (PS3.18 F.2) are plain dicts
keyed by 8-hex-digit tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

    from app.hub.stow import StoreResult

JsonDataset = dict[str, Any]
Filters = Mapping[str, str | int]


class StudiesService(Protocol):
    """DICOMweb Studies Service: QIDO-RS, WADO-RS, STOW-RS (PS3.18 10)."""

    base_url: str

    def search_studies(
        self,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        """QIDO-RS ``GET /studies?…`` (PS3.18 10.6)."""
        ...

    def search_series(
        self,
        study_uid: str | None = None,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        """QIDO-RS ``GET [/studies/{study}]/series?…``."""
        ...

    def search_instances(
        self,
        study_uid: str | None = None,
        series_uid: str | None = None,
        filters: Filters | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
        fuzzymatching: bool = False,
    ) -> list[JsonDataset]:
        """QIDO-RS ``GET [/studies/{study}[/series/{series}]]/instances?…``."""
        ...

    def retrieve_study_metadata(self, study_uid: str) -> list[JsonDataset]:
        """WADO-RS ``GET /studies/{study}/metadata``: one object per instance."""
        ...

    def retrieve_series_metadata(self, study_uid: str, series_uid: str) -> list[JsonDataset]:
        """WADO-RS ``GET /studies/{study}/series/{series}/metadata``."""
        ...

    def retrieve_instance_metadata(
        self, study_uid: str, series_uid: str, sop_instance_uid: str
    ) -> JsonDataset:
        """WADO-RS ``GET …/instances/{sop}/metadata``."""
        ...

    def retrieve_instance(
        self,
        study_uid: str,
        series_uid: str,
        sop_instance_uid: str,
        *,
        transfer_syntax: str | None = "*",
    ) -> bytes:
        """WADO-RS one instance as a Part 10 file (``*``: as stored on the hub)."""
        ...

    def iter_series(
        self, study_uid: str, series_uid: str, *, transfer_syntax: str | None = "*"
    ) -> Iterator[bytes]:
        """WADO-RS a whole series, streamed: yields one Part 10 file per instance."""
        ...

    def iter_study(self, study_uid: str, *, transfer_syntax: str | None = "*") -> Iterator[bytes]:
        """WADO-RS a whole study, streamed: yields one Part 10 file per instance."""
        ...

    def retrieve_frames(
        self,
        study_uid: str,
        series_uid: str,
        sop_instance_uid: str,
        frame_numbers: Sequence[int],
        *,
        media_type: str = "application/octet-stream",
        transfer_syntax: str | None = "*",
    ) -> list[bytes]:
        """WADO-RS ``…/frames/{1,2,…}``: one payload per frame, in the order asked."""
        ...

    def retrieve_bulkdata(
        self,
        uri: str,
        *,
        media_type: str = "application/octet-stream",
        transfer_syntax: str | None = "*",
    ) -> bytes:
        """WADO-RS a BulkDataURI from metadata (absolute, or relative to the base URL)."""
        ...

    def store_instances(
        self,
        instances: Iterable[Dataset | bytes | Path | str],
        study_uid: str | None = None,
    ) -> StoreResult:
        """STOW-RS ``POST /studies[/{study}]``; batches large sets (PS3.18 10.5)."""
        ...

    def server_time(self) -> float | None:
        """The hub's clock (HTTP ``Date`` of the last response), as a POSIX time."""
        ...


class WorklistService(Protocol):
    """UPS-RS Worklist Service (PS3.18 11): one workitem per request."""

    base_url: str

    def search_workitems(
        self,
        filters: Mapping[str, str] | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[JsonDataset]:
        """UPS-RS SearchForUPS: ``GET /workitems?…`` (PS3.18 11.9)."""
        ...

    def retrieve_workitem(self, workitem_uid: str) -> JsonDataset:
        """UPS-RS RetrieveUPS: ``GET /workitems/{uid}`` (PS3.18 11.5)."""
        ...

    def create_workitem(self, dataset_json: JsonDataset, workitem_uid: str | None = None) -> str:
        """UPS-RS CreateUPS ``POST /workitems?{uid}`` (11.4); returns the workitem UID."""
        ...

    def update_workitem(
        self, workitem_uid: str, transaction_uid: str | None, dataset_json: JsonDataset
    ) -> None:
        """UPS-RS UpdateUPS ``POST /workitems/{uid}?{transaction}`` (11.6)."""
        ...

    def change_state(self, workitem_uid: str, state: str, transaction_uid: str) -> None:
        """UPS-RS ChangeUPSState ``PUT /workitems/{uid}/state`` (11.7)."""
        ...

    def claim(self, workitem_uid: str, transaction_uid: str | None = None) -> str:
        """SCHEDULED → IN PROGRESS with a new Transaction UID, which is returned.

        Raises :class:`app.hub.errors.AlreadyClaimed` when someone else did first.
        """
        ...

    def complete(
        self, workitem_uid: str, transaction_uid: str, *, update: JsonDataset | None = None
    ) -> None:
        """IN PROGRESS → COMPLETED, after applying ``update`` (e.g. output references)."""
        ...

    def cancel(self, workitem_uid: str, transaction_uid: str, reason: str) -> None:
        """IN PROGRESS → CANCELED by its performer, recording the reason."""
        ...

    def request_cancellation(
        self, workitem_uid: str, reason: str = "", *, contact_name: str = "", contact_uri: str = ""
    ) -> None:
        """UPS-RS RequestUPSCancellation ``POST /workitems/{uid}/cancelrequest`` (11.8)."""
        ...

    def server_time(self) -> float | None:
        """The hub's clock (HTTP ``Date`` of the last response), as a POSIX time."""
        ...


class Hub(StudiesService, WorklistService, Protocol):
    """What StrokeLink needs from a hub: images and documents, and the worklist."""

    base_url: str
