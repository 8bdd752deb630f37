"""The connection checks (:mod:`app.hub.check`) in translated words.

The English is :data:`app.hub.check.REASONS`' and the steps' own wording (the
command line prints the same); each appears literally in a
``QCoreApplication.translate("HubCheck", …)`` call, the form ``lupdate`` finds (a helper
function hid them from it: they were never translated).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.hub.check import Failure, Step, StepResult


def step_words(step: Step) -> str:
    words = {
        Step.STUDIES: QCoreApplication.translate("HubCheck", "search studies (QIDO-RS)"),
        Step.WORKLIST: QCoreApplication.translate("HubCheck", "search the worklist (UPS-RS)"),
        Step.EVENTS: QCoreApplication.translate("HubCheck", "event channel (WebSocket)"),
    }
    return words[step]


def reason_words(failure: Failure) -> str:
    words = {
        Failure.PASSWORD: QCoreApplication.translate("HubCheck", "the hub refused the password"),
        Failure.FORBIDDEN: QCoreApplication.translate("HubCheck", "access forbidden for this user"),
        Failure.CERTIFICATE: QCoreApplication.translate(
            "HubCheck", "the hub's certificate is not trusted"
        ),
        Failure.UNREACHABLE: QCoreApplication.translate("HubCheck", "the hub cannot be reached"),
        Failure.NO_UPS: QCoreApplication.translate(
            "HubCheck", "the hub does not offer UPS-RS (worklist)"
        ),
        Failure.NO_EVENT_CHANNEL: QCoreApplication.translate(
            "HubCheck", "the hub offers no event channel (the worklist would be polled)"
        ),
        Failure.EVENT_CHANNEL: QCoreApplication.translate(
            "HubCheck", "the event channel could not be opened"
        ),
        Failure.HUB_ERROR: QCoreApplication.translate("HubCheck", "the hub answered with an error"),
        Failure.NOT_CHECKED: QCoreApplication.translate("HubCheck", "not checked (see above)"),
    }
    return words[failure]


#: What the user can do about a failure (none for the others).
def hint_words(failure: Failure) -> str:
    hints = {
        Failure.PASSWORD: QCoreApplication.translate(
            "HubCheck", "Check the user name and the password."
        ),
        Failure.CERTIFICATE: QCoreApplication.translate(
            "HubCheck", "Choose the CA bundle your IT department gives you (CA bundle above)."
        ),
        Failure.UNREACHABLE: QCoreApplication.translate(
            "HubCheck", "Check the hub URL and this computer's network connection."
        ),
    }
    return hints.get(failure, "")


def result_line(result: StepResult) -> str:
    """``"<step>: works"`` or ``"<step>: <reason> (<detail>)"``, translated."""
    if result.failure is None:
        return QCoreApplication.translate("HubCheck", "%1: works").replace(
            "%1", step_words(result.step)
        )
    reason = reason_words(result.failure)
    if result.detail:
        detail = (
            QCoreApplication.translate("HubCheck", "no answer in time")
            if result.detail == "no answer in time"
            else result.detail
        )
        reason = f"{reason} ({detail})"
    line = (
        QCoreApplication.translate("HubCheck", "%1: %2")
        .replace("%1", step_words(result.step))
        .replace("%2", reason)
    )
    hint = hint_words(result.failure)
    return f"{line}. {hint}" if hint else line
