"""What can go wrong talking to a hub, as exceptions the user can read.

Every transport or HTTP failure of :class:`app.hub.client.HttpHub` becomes one
of these. ``str(error)`` names *what* failed (the operation and the hub) and
*why* (unreachable, timeout, TLS, refused credentials, …) and never carries
patient data: query values (names, IDs) are never part of a message.
"""

from __future__ import annotations


class HubError(Exception):
    """A hub request failed; ``str()`` is a message fit for the user.

    ``status`` is the HTTP status code when the hub answered, else ``None``.
    ``warning`` is the hub's HTTP ``Warning`` header (PS3.18 8.4.4), if any:
    UPS-RS servers explain refusals there ("The Transaction UID is incorrect").
    ``attempts`` is how many times the request was sent before giving up.
    """

    def __init__(
        self, message: str, *, status: int | None = None, warning: str = "", attempts: int = 1
    ) -> None:
        super().__init__(message)
        self.status = status
        self.warning = warning
        self.attempts = attempts


class HubUnreachable(HubError):
    """No connection could be made (refused, DNS failure, network down)."""


class HubTimeout(HubError):
    """The hub accepted no connection, or sent no answer, within the timeout."""


class TlsError(HubError):
    """The hub's TLS certificate could not be verified. Never bypassed."""


class AuthError(HubError):
    """HTTP 401 or 403: credentials missing, wrong, or not allowed to do this."""


class NotFound(HubError):
    """HTTP 404 (or 410): the study, series, instance or workitem is not there."""


class Conflict(HubError):
    """HTTP 409: the request clashes with the current state on the hub."""


class AlreadyClaimed(Conflict):
    """Someone else claimed the request (UPS already IN PROGRESS) first.

    ``claimed_by`` is the performer's name from (0040,4035) Actual Human
    Performers Sequence when the hub shows it ('' otherwise).
    """

    def __init__(self, message: str, *, claimed_by: str = "", **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.claimed_by = claimed_by


class RequestRejected(HubError):
    """Another 4xx: the hub found the request itself invalid (400, 406, 415…)."""


class ServerError(HubError):
    """HTTP 5xx: the hub failed (after the retries allowed for the operation)."""


class MalformedAnswer(HubError):
    """The hub answered, but not with what the standard says it should.

    Covers malformed JSON, truncated or malformed multipart bodies, and parts
    that are not DICOM where DICOM was asked for.
    """


class KeyringUnavailable(Exception):
    """No usable OS keyring: secrets can be neither read nor stored.

    Callers should prompt for the password instead (and not store it).
    """


__all__ = [
    "AlreadyClaimed",
    "AuthError",
    "Conflict",
    "HubError",
    "HubTimeout",
    "HubUnreachable",
    "KeyringUnavailable",
    "MalformedAnswer",
    "NotFound",
    "RequestRejected",
    "ServerError",
    "TlsError",
]
