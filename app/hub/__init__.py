"""Hub client: DICOMweb (QIDO/WADO/STOW) and UPS-RS over HTTP. No Qt.

:class:`HttpHub` implements the :class:`Hub` protocol; every failure is a
:class:`HubError` subclass (see :mod:`app.hub.errors`); hub profiles and
their secrets live in :mod:`app.hub.profiles`.
"""

from app.hub.client import HttpHub, encode_query
from app.hub.errors import (
    AlreadyClaimed,
    AuthError,
    Conflict,
    HubError,
    HubTimeout,
    HubUnreachable,
    MalformedAnswer,
    NotFound,
    RequestRejected,
    ServerError,
    TlsError,
)
from app.hub.profiles import HubProfile, ProfileStore, SecretStore, hub_for, session_for
from app.hub.protocol import Hub, JsonDataset, StudiesService, WorklistService
from app.hub.stow import FailedInstance, StoredInstance, StoreResult
from app.hub.transport import NO_RETRY, RetryPolicy

__all__ = [
    "NO_RETRY",
    "AlreadyClaimed",
    "AuthError",
    "Conflict",
    "FailedInstance",
    "HttpHub",
    "Hub",
    "HubError",
    "HubProfile",
    "HubTimeout",
    "HubUnreachable",
    "JsonDataset",
    "MalformedAnswer",
    "NotFound",
    "ProfileStore",
    "RequestRejected",
    "RetryPolicy",
    "SecretStore",
    "ServerError",
    "StoreResult",
    "StoredInstance",
    "StudiesService",
    "TlsError",
    "WorklistService",
    "encode_query",
    "hub_for",
    "session_for",
]
