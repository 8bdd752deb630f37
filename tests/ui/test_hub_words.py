"""How a hub's refusal is worded for the user: a wrong password is not a missing right."""

from __future__ import annotations

from app.hub import errors as e
from app.ui.worklist.hub_words import hub_reason


def test_401_and_403_are_told_apart(qapp) -> None:
    wrong = e.AuthError("401 Unauthorized", status=401)
    forbidden = e.AuthError("403 Forbidden", status=403)
    assert hub_reason(wrong) == "the hub refused the user name or password"
    assert hub_reason(forbidden) == "the hub does not allow this user to do that"
