"""One HTTP exchange with the hub: timeouts, explicit retries, errors in words.

The :class:`requests.Session` is injected (it carries connection pooling,
credentials and the CA bundle, see :func:`app.hub.profiles.session_for`);
:class:`Transport` adds what every call needs:

- explicit ``(connect, read)`` timeouts on every request;
- retries with exponential backoff, decided per call by :class:`RetryPolicy`
  and by whether the operation is *idempotent* (sending it twice has the same
  effect as once — see the table in :mod:`app.hub.client`):

  ===========================================  ===========  ===============
  failure                                      idempotent   not idempotent
  ===========================================  ===========  ===============
  no connection made (refused, DNS, connect    retried      retried (the
  timeout): the request never left                          hub saw nothing)
  HTTP 408, 429 (the hub did not process it)   retried      retried
  HTTP 500, 502, 503, 504, read timeout,       retried      **not** retried
  connection dropped after sending
  any other 4xx, TLS certificate failure       never        never
  ===========================================  ===========  ===============

  ``Retry-After`` (seconds) is honoured up to the policy's longest wait;
- every failure becomes a :class:`app.hub.errors.HubError` subclass whose
  message names the operation and the hub, never the query (names, IDs).
  Log records carry the operation, the status and the attempt, nothing else.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from app.hub.backoff import Backoff
from app.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubTimeout,
    HubUnreachable,
    NotFound,
    RequestRejected,
    ServerError,
    TlsError,
)

log = logging.getLogger("app.hub")

# Not processed by the hub: safe to send again whatever the method.
NOT_PROCESSED_STATUSES = frozenset({408, 429})
# The hub failed; the request may or may not have taken effect.
SERVER_FAILURE_STATUSES = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to try, and how long to wait in between.

    The wait before try *n+1* is ``backoff_s × 2**(n-1)``, at most
    ``max_backoff_s``, plus up to ``jitter`` of itself at random so that
    clients do not hammer a recovering hub in step.
    """

    attempts: int = 3
    backoff_s: float = 0.25
    max_backoff_s: float = 4.0
    jitter: float = 0.1

    @property
    def backoff(self) -> Backoff:
        """The waits between tries, as the one :class:`~app.hub.backoff.Backoff`."""
        return Backoff(self.backoff_s, 2.0, self.max_backoff_s, (0.0, self.jitter))

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based)."""
        return self.backoff.seconds(attempt, retry_after)


NO_RETRY = RetryPolicy(attempts=1)


def _never_sent(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the connection failed before the request could be sent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.MaxRetryError):
        reason = reason.reason
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


def _tls_reason(exc: Exception) -> str:
    text = str(exc)
    marker = "certificate verify failed:"
    if marker in text:
        reason = text.split(marker, 1)[1].split("(_ssl", maxsplit=1)[0]
        return "certificate verify failed: " + reason.strip(" )'\"")
    if "hostname" in text.lower() and "match" in text.lower():
        return "the certificate does not match the hub's host name"
    return "the secure connection could not be established"


def _read_timed_out(exc: requests.exceptions.ConnectionError) -> bool:
    """requests reports a read timeout *while reading the body* as a ConnectionError."""
    reason = exc.args[0] if exc.args else None
    return isinstance(reason, urllib3.exceptions.ReadTimeoutError)


_WARNING = re.compile(r"^\d{3}\s+(?:\S+?:\s+|-\s+)?(.*)$", re.DOTALL)


def _warning_text(response: requests.Response) -> str:
    """The text of a ``Warning: 299 <service>: text`` header (PS3.18 8.4.4)."""
    raw = response.headers.get("Warning", "").strip()
    match = _WARNING.match(raw)
    text = match.group(1) if match else raw
    return text.strip().strip('"')[:200]


class RedactQueries(logging.Filter):
    """Strip query strings from urllib3's debug lines: they carry search values.

    urllib3 logs every request line at DEBUG (``"GET /studies?PatientName=…"``);
    QIDO values are patient data (DESIGN.md invariant 6). Installed once on the
    ``urllib3.connectionpool`` logger when this module is imported.
    """

    _QUERY = re.compile(r"\?[^\s\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = self._QUERY.sub("?…", message), None
        return True


def _install_redaction() -> None:
    logger = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(f, RedactQueries) for f in logger.filters):
        logger.addFilter(RedactQueries())


_install_redaction()


def _raw_query(url: str) -> str:
    """Undo urllib3's escaping of ``^`` in the query (see :class:`HubAdapter`)."""
    path, sep, query = url.partition("?")
    return f"{path}?{query.replace('%5E', '^')}" if sep else url


class _RawQueryHTTPPool(HTTPConnectionPool):
    def _make_request(self, conn: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super()._make_request(conn, method, _raw_query(url), *args, **kwargs)


class _RawQueryHTTPSPool(HTTPSConnectionPool):
    def _make_request(self, conn: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super()._make_request(conn, method, _raw_query(url), *args, **kwargs)


class HubAdapter(HTTPAdapter):
    """Connection pools that send ``^`` unescaped in query strings.

    QIDO/UPS matching values use ``^`` between name components
    (``PatientName=DOE^JOHN``). urllib3 percent-encodes it (``%5E``) and
    Orthanc does not percent-decode query values, so such a search would
    silently find nothing. :func:`app.hub.client.encode_query` already
    escapes every ``%`` it is given, so a ``%5E`` in the query can only be
    urllib3's own escaping of ``^``, which this adapter reverts.
    No retries at this level: :class:`Transport` retries explicitly.
    """

    def __init__(self, pool_maxsize: int = 8) -> None:
        super().__init__(pool_connections=4, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _RawQueryHTTPPool,
            "https": _RawQueryHTTPSPool,
        }


USER_AGENT = f"StrokeLink/0.1 (DICOMweb; UPS-RS) python-requests/{requests.__version__}"


def new_session(*, pool_maxsize: int = 8, user_agent: str = USER_AGENT) -> requests.Session:
    """A session with :class:`HubAdapter` pools and StrokeLink's User-Agent."""
    session = requests.Session()
    adapter = HubAdapter(pool_maxsize)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent
    return session


class Transport:
    """Send requests to one hub through an injected session."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session,
        *,
        timeout: tuple[float, float],
        retry: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.timeout = timeout
        self.retry = retry
        self._sleep = sleep
        self.last_server_time: float | None = None

    def url(self, path: str, query: str = "") -> str:
        """Absolute URL of ``path`` (absolute URLs, e.g. BulkDataURIs, pass as is)."""
        if path.startswith(("http://", "https://")):
            base = path
        else:
            base = f"{self.base_url}{path}"
        return base + (f"?{query}" if query else "")

    def request(
        self,
        method: str,
        path: str,
        *,
        what: str,
        idempotent: bool,
        query: str = "",
        headers: Mapping[str, str] | None = None,
        data: Any = None,
        stream: bool = False,
        accept_statuses: frozenset[int] = frozenset(),
    ) -> requests.Response:
        """Send one request, retrying as the policy allows; raise HubError on failure.

        ``what`` names the operation for messages and logs ("retrieving a
        series"); it must not contain patient data. Statuses in
        ``accept_statuses`` are returned instead of raised (e.g. 409 for a
        STOW whose body lists the failures).
        """
        url = self.url(path, query)
        attempts = max(1, self.retry.attempts)
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=dict(headers or {}),
                    data=data,
                    timeout=self.timeout,
                    stream=stream,
                    # Explicit, or REQUESTS_CA_BUNDLE in the environment would
                    # silently replace the profile's CA bundle (requests #3829).
                    verify=self.session.verify,
                )
            except requests.exceptions.SSLError as exc:
                raise TlsError(
                    f"the TLS certificate of the hub at {self.base_url} could not be "
                    f"verified ({_tls_reason(exc)}) while {what}",
                    attempts=attempt,
                ) from exc
            except requests.exceptions.ConnectionError as exc:
                before = _never_sent(exc)
                if not last and (before or idempotent):
                    self._wait(what, "no connection" if before else "connection lost", attempt)
                    continue
                raise self._transport_error(exc, what, attempt) from exc
            except requests.exceptions.Timeout as exc:  # read timeout: may have been processed
                if not last and idempotent:
                    self._wait(what, "no answer in time", attempt)
                    continue
                raise self._transport_error(exc, what, attempt) from exc
            except requests.exceptions.RequestException as exc:
                raise HubError(
                    f"the request to the hub at {self.base_url} failed while {what}",
                    attempts=attempt,
                ) from exc
            self._note_date(response)
            status = response.status_code
            if status < 400 or status in accept_statuses:
                return response
            retryable = status in NOT_PROCESSED_STATUSES or (
                idempotent and status in SERVER_FAILURE_STATUSES
            )
            if retryable and not last:
                retry_after = response.headers.get("Retry-After")
                response.close()
                self._wait(what, f"HTTP {status}", attempt, retry_after)
                continue
            error = self.http_error(response, what, attempt)
            response.close()
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, what: str, why: str, attempt: int, retry_after: str | None = None) -> None:
        delay = self.retry.delay(attempt, retry_after)
        log.warning(
            "hub: %s failed (%s), retrying in %.2f s (attempt %d of %d)",
            what,
            why,
            delay,
            attempt + 1,
            self.retry.attempts,
        )
        self._sleep(delay)

    def _transport_error(self, exc: Exception, what: str, attempt: int) -> HubError:
        tries = f" after {attempt} attempts" if attempt > 1 else ""
        log.warning("hub: %s failed (%s)%s", what, type(exc).__name__, tries)
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return HubTimeout(
                f"the hub at {self.base_url} accepted no connection in time while {what}{tries}",
                attempts=attempt,
            )
        if isinstance(exc, requests.exceptions.Timeout) or (
            isinstance(exc, requests.exceptions.ConnectionError) and _read_timed_out(exc)
        ):
            return HubTimeout(
                f"the hub at {self.base_url} did not answer in time while {what}{tries}",
                attempts=attempt,
            )
        if isinstance(exc, requests.exceptions.ConnectionError) and not _never_sent(exc):
            return HubUnreachable(
                f"the connection to the hub at {self.base_url} was lost while {what}{tries}",
                attempts=attempt,
            )
        return HubUnreachable(
            f"cannot reach the hub at {self.base_url} while {what}{tries}", attempts=attempt
        )

    def http_error(self, response: requests.Response, what: str, attempt: int = 1) -> HubError:
        """The HubError for an HTTP error answer (also used after streaming)."""
        status = response.status_code
        warning = _warning_text(response)
        detail = f": {warning}" if warning else ""
        tries = f", after {attempt} attempts" if attempt > 1 else ""
        log.warning("hub: %s failed (HTTP %d)%s", what, status, tries)
        kwargs: dict[str, Any] = {"status": status, "warning": warning, "attempts": attempt}
        if status == 401:
            return AuthError(
                f"the hub at {self.base_url} refused the credentials (HTTP 401) while {what}",
                **kwargs,
            )
        if status == 403:
            return AuthError(
                f"this account is not allowed to do this on the hub at {self.base_url} "
                f"(HTTP 403) while {what}",
                **kwargs,
            )
        if status in (404, 410):
            return NotFound(f"not found on the hub (HTTP {status}) while {what}{detail}", **kwargs)
        if status == 409:
            return Conflict(
                f"the hub refused, as it conflicts with the current state (HTTP 409), "
                f"while {what}{detail}",
                **kwargs,
            )
        if status >= 500:
            return ServerError(
                f"the hub at {self.base_url} failed (HTTP {status}{tries}) while {what}{detail}",
                **kwargs,
            )
        return RequestRejected(
            f"the hub rejected the request (HTTP {status}) while {what}{detail}", **kwargs
        )

    def _note_date(self, response: requests.Response) -> None:
        date = response.headers.get("Date")
        if not date:
            return
        try:
            self.last_server_time = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            return
