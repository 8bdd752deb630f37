"""The connection checks (:mod:`app.hub.check`) in translated words.

The English is :data:`app.hub.check.REASONS`' and the steps' own wording (the
command line prints the same); each appears literally here so that ``lupdate``
finds it (context ``HubCheck``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.hub.check import Failure, Step, StepResult


def _t(text: str) -> str:
    return QCoreApplication.translate("HubCheck", text)


def step_words(step: Step) -> str:
    words = {
        Step.STUDIES: _t("search studies (QIDO-RS)"),
        Step.WORKLIST: _t("search the worklist (UPS-RS)"),
        Step.EVENTS: _t("event channel (WebSocket)"),
    }
    return words[step]


def reason_words(failure: Failure) -> str:
    words = {
        Failure.PASSWORD: _t("the hub refused the password"),
        Failure.FORBIDDEN: _t("access forbidden for this user"),
        Failure.CERTIFICATE: _t("the hub's certificate is not trusted"),
        Failure.UNREACHABLE: _t("the hub cannot be reached"),
        Failure.NO_UPS: _t("the hub does not offer UPS-RS (worklist)"),
        Failure.NO_EVENT_CHANNEL: _t(
            "the hub offers no event channel (the worklist would be polled)"
        ),
        Failure.EVENT_CHANNEL: _t("the event channel could not be opened"),
        Failure.HUB_ERROR: _t("the hub answered with an error"),
        Failure.NOT_CHECKED: _t("not checked (see above)"),
    }
    return words[failure]


#: What the user can do about a failure (none for the others).
def hint_words(failure: Failure) -> str:
    hints = {
        Failure.PASSWORD: _t("Check the user name and the password."),
        Failure.CERTIFICATE: _t(
            "Choose the CA bundle your IT department gives you (CA bundle above)."
        ),
        Failure.UNREACHABLE: _t("Check the hub URL and this computer's network connection."),
    }
    return hints.get(failure, "")


def result_line(result: StepResult) -> str:
    """``"<step>: works"`` or ``"<step>: <reason> (<detail>)"``, translated."""
    if result.failure is None:
        return _t("%1: works").replace("%1", step_words(result.step))
    reason = reason_words(result.failure)
    if result.detail:
        detail = _t("no answer in time") if result.detail == "no answer in time" else result.detail
        reason = f"{reason} ({detail})"
    line = _t("%1: %2").replace("%1", step_words(result.step)).replace("%2", reason)
    hint = hint_words(result.failure)
    return f"{line}. {hint}" if hint else line
