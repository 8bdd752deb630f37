"""What the reading session's parts share: the case's state and the user-facing error. No Qt."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CaseState", "SessionError"]


class SessionError(ValueError):
    """An action the case does not allow now; the message is for the user."""


class CaseState(StrEnum):
    WRITING = "writing"  # a draft is being written (maybe after a preliminary opinion)
    SENT = "sent"  # the final opinion (or its amendment) is signed: read-only
