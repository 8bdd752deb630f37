"""HTTP implementation of :class:`app.hub.protocol.Hub`.

The :class:`requests.Session` and the timeouts are injected (STYLE.md point
12): the session carries connection pooling, authentication and the CA bundle;
this class adds explicit timeouts and turns every transport or HTTP failure
into a :class:`HubError` whose message names what failed, without patient data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests

from app.hub.protocol import JsonDataset

DICOM_JSON = "application/dicom+json"

# Characters QIDO/UPS query values carry unencoded: Orthanc does not
# percent-decode them (`*` wildcards, `^` name separators), so they go raw.
_RAW_QUERY_CHARS = "*^?,-:.@_"


class HubError(Exception):
    """A hub request failed; ``str()`` is a message fit for the user."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def encode_query(params: Mapping[str, str | int]) -> str:
    """Build a query string leaving DICOM wildcard and separator characters raw."""
    parts = []
    for key, value in params.items():
        quoted = quote(str(value), safe=_RAW_QUERY_CHARS)
        parts.append(f"{quote(key, safe='')}={quoted}")
    return "&".join(parts)


class HttpHub:
    """DICOMweb + UPS-RS over HTTP(S)."""

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 30.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session if session is not None else requests.Session()
        self.timeout = (connect_timeout_s, read_timeout_s)
        self._last_server_time: float | None = None

    # -- plumbing --------------------------------------------------------------

    def _get_json(self, path: str, query: str = "") -> Any:
        url = f"{self.base_url}{path}" + (f"?{query}" if query else "")
        try:
            response = self.session.get(url, headers={"Accept": DICOM_JSON}, timeout=self.timeout)
        except requests.exceptions.SSLError as exc:
            raise HubError(f"TLS certificate error talking to {self.base_url}: {exc}") from exc
        except requests.exceptions.Timeout as exc:
            raise HubError(f"the hub did not answer in time ({self.base_url})") from exc
        except requests.exceptions.ConnectionError as exc:
            raise HubError(f"cannot reach the hub at {self.base_url}") from exc
        self._note_date(response)
        if response.status_code == 204:
            return []
        if response.status_code in (401, 403):
            raise HubError(
                f"the hub refused the credentials (HTTP {response.status_code})",
                status=response.status_code,
            )
        if response.status_code >= 400:
            raise HubError(
                f"hub error HTTP {response.status_code} on GET {path}",
                status=response.status_code,
            )
        try:
            return response.json()
        except ValueError as exc:
            raise HubError(f"the hub sent a malformed JSON answer on GET {path}") from exc

    def _note_date(self, response: requests.Response) -> None:
        date = response.headers.get("Date")
        if not date:
            return
        try:
            self._last_server_time = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            return

    # -- Hub protocol ----------------------------------------------------------

    def server_time(self) -> float | None:
        return self._last_server_time

    def search_workitems(
        self,
        filters: Mapping[str, str] | None = None,
        *,
        includefield: Sequence[str] = (),
        limit: int | None = None,
    ) -> list[JsonDataset]:
        params: dict[str, str | int] = dict(filters or {})
        if includefield:
            params["includefield"] = ",".join(includefield)
        if limit is not None:
            params["limit"] = limit
        result = self._get_json("/workitems", encode_query(params))
        if not isinstance(result, list):
            raise HubError("the hub answered a workitem search with something other than a list")
        return result

    def retrieve_workitem(self, workitem_uid: str) -> JsonDataset:
        result = self._get_json(f"/workitems/{workitem_uid}")
        if not isinstance(result, list) or len(result) != 1:
            raise HubError("the hub answered a workitem retrieve with an unexpected body")
        item: JsonDataset = result[0]
        return item
