"""A hub failure in the screen's language: what went wrong, in plain words.

``str(HubError)`` is English (logs, command line); the windows show this instead.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.hub import errors as e


def hub_reason(exc: BaseException, *, after_unreachable: bool = False) -> str:
    """Why the hub could not be used, for the user (never patient data).

    ``after_unreachable``: the text follows "Hub unreachable:", so a lost connection
    or time-out is said in a few words, not twice.
    """
    translate = QCoreApplication.translate
    if after_unreachable and isinstance(exc, e.HubUnreachable):
        return translate("HubError", "no connection")
    if after_unreachable and isinstance(exc, e.HubTimeout):
        return translate("HubError", "no answer in time")
    if isinstance(exc, e.AuthError) and exc.status == 403:  # known, but not allowed
        return translate("HubError", "the hub does not allow this user to do that")
    reasons: list[tuple[type[e.HubError], str]] = [
        (e.HubUnreachable, translate("HubError", "the hub cannot be reached (no connection)")),
        (e.HubTimeout, translate("HubError", "the hub did not answer in time")),
        (e.TlsError, translate("HubError", "the hub's certificate is not trusted")),
        (e.AuthError, translate("HubError", "the hub refused the user name or password")),
        (e.AlreadyClaimed, translate("HubError", "another radiologist already took this request")),
        (e.NotFound, translate("HubError", "the hub does not have it (not found)")),
        (e.Conflict, translate("HubError", "the hub refused: the request has changed meanwhile")),
        (e.RequestRejected, translate("HubError", "the hub rejected the request")),
        (e.ServerError, translate("HubError", "the hub failed (server error)")),
        (e.MalformedAnswer, translate("HubError", "the hub gave an unexpected answer")),
    ]
    for kind, text in reasons:
        if isinstance(exc, kind):
            return text
    return translate("HubError", "unexpected error")


def _reasons() -> list[tuple[str, str]]:
    """(English pattern of a reason the logic words, its translation with %1, %2 for the
    groups): hub errors (``app.hub.transport``) and the outbox's reasons (``app.outbox``)."""
    translate = QCoreApplication.translate
    url = r"(\S+)"
    return [
        (rf"cannot reach the hub at {url} while .*",
         translate("HubError", "cannot reach the hub at %1")),
        (rf"the connection to the hub at {url} was lost while .*",
         translate("HubError", "the connection to the hub %1 was lost")),
        (rf"the hub at {url} (?:accepted no connection|did not answer) in time while .*",
         translate("HubError", "the hub %1 did not answer in time")),
        (rf"the TLS certificate of the hub at {url} could not be verified.*",
         translate("HubError", "the certificate of the hub %1 could not be verified")),
        (rf"the request to the hub at {url} failed while .*",
         translate("HubError", "the request to the hub %1 failed")),
        (rf"the hub at {url} refused the credentials.*",
         translate("HubError", "the hub %1 refused the user name or password")),
        (rf"this account is not allowed to do this on the hub at {url}.*",
         translate("HubError", "this account is not allowed to do this on the hub %1")),
        (r"not found on the hub .*", translate("HubError", "the hub does not have it (not found)")),
        (r"the hub refused, as it conflicts with the current state.*",
         translate("HubError", "the hub refused: the request has changed meanwhile")),
        (rf"the hub at {url} failed \(HTTP (\d+).*",
         translate("HubError", "the hub %1 failed (server error, HTTP %2)")),
        (r"the hub rejected the request \(HTTP (\d+)\).*",
         translate("HubError", "the hub rejected the request (HTTP %1)")),
        (r"the hub refused the opinion's documents \((.*)\)",
         translate("HubError", "the hub refused the opinion's documents (%1)")),
        (r"the hub could not store the documents now \((.*)\)",
         translate("HubError", "the hub could not store the documents now (%1)")),
        (r"the hub did not confirm (\d+) of the opinion's documents",
         translate("HubError", "the hub did not confirm %1 of the opinion's documents")),
        (r"interrupted while sending; it resumes where it stopped",
         translate("HubError", "interrupted while sending; it resumes where it stopped")),
        (r"sending paused", translate("HubError", "sending paused")),
        (r"unexpected error \((.*)\)", translate("HubError", "unexpected error (%1)")),
        (r"the opinion's documents in the outbox are damaged or sealed with another key",
         translate(
             "HubError",
             "the opinion's documents in the outbox are damaged or sealed with another key",
         )),
        (r"the request was canceled on the hub; .*",
         translate(
             "HubError",
             "the request was cancelled on the hub; the opinion is stored in the study but "
             "the request could not be completed",
         )),
        (r"the request is not claimed on the hub \(SCHEDULED\).*",
         translate(
             "HubError", "the request is not claimed on the hub: claim it, then try again"
         )),
    ]  # fmt: skip


def reason_words(reason: str) -> str:
    """A reason worded in English by the logic (a hub error's ``str()``, an outbox item's
    reason), in the screen's language; an unknown one as it is."""
    for pattern, words in _reasons():
        match = re.fullmatch(pattern, reason, re.DOTALL)
        if match:
            text = words
            for number, group in enumerate(match.groups(), start=1):
                text = text.replace(f"%{number}", group)
            return text
    return reason
