"""The hub as the application sees it: a ``typing.Protocol`` (STYLE.md point 12).

Anything that speaks DICOMweb (PS3.18 10.x) and UPS-RS (PS3.18 11.x) can sit
behind it; :class:`app.hub.client.HttpHub` is the HTTP implementation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

JsonDataset = dict[str, Any]


class Hub(Protocol):
    """What StrokeLink needs from a hub."""

    base_url: str

    def search_workitems(
        self,
        filters: Mapping[str, str] | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
    ) -> list[JsonDataset]:
        """UPS-RS SearchForUPS: ``GET /workitems?…`` (PS3.18 11.9)."""
        ...

    def retrieve_workitem(self, workitem_uid: str) -> JsonDataset:
        """UPS-RS RetrieveUPS: ``GET /workitems/{uid}`` (PS3.18 11.5)."""
        ...

    def server_time(self) -> float | None:
        """The hub's clock (HTTP ``Date`` of the last response), as a POSIX time."""
        ...
