"""The identity gate of safety invariant 3: the differences between the request's patient
and the images', and the radiologist's override of them. No Qt.

(0010,0020) Patient ID + (0010,0021) Issuer, (0010,0030) birth date,
(0010,0040) sex, normalised (0010,0010) name: any difference blocks sending
until overridden with a typed reason, audited; the override covers exactly the
differing values it names, so every series, a late one too, is checked again.
:class:`IdentityGate` is reached as :attr:`app.reading.session.OpinionSession.identity`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.opinion.identity import (
    IdentityOverride,
    Mismatch,
    check_identity,
    images_identities,
    override_identity,
    uncovered,
)
from app.reading.edits import identity_of_request
from app.reading.state import SessionError

if TYPE_CHECKING:
    from app.reading.session import OpinionSession

__all__ = ["IdentityGate"]


class IdentityGate:
    """The patient identity check of ``session`` (see the module docstring)."""

    def __init__(self, session: OpinionSession) -> None:
        self._session = session

    def mismatches(self) -> list[Mismatch]:
        """Differences between the request's patient and the images' (all of them)."""
        session = self._session
        reference = session.opinion.request.identity or identity_of_request(session.request)
        return check_identity(reference, images_identities(session._representatives))

    def uncovered(self) -> list[Mismatch]:
        """The differences the opinion's override does not cover: these block sending.

        The override covers the very pairs of values it names; a series of
        another patient, arriving after it too, is not covered.
        """
        return uncovered(self.mismatches(), self._session.opinion.identity_override)

    def override(self, reason: str, shown: Sequence[Mismatch] | None = None) -> IdentityOverride:
        """Send despite the identity differences, for the typed ``reason`` (audited); the
        override covers exactly these differing values.

        ``shown``: the differences the radiologist was shown when deciding (the dialog's).
        A difference found since (a series arriving while the reason was typed) is never
        covered by that decision: :class:`SessionError`, and nothing is overridden.
        """
        self._session._writable()
        radiologist = self._session.signer()
        by = (radiologist.identifier or radiologist.name) if radiologist else ""
        mismatches = self.mismatches()
        if shown is not None:
            unseen = [found for found in mismatches if found not in shown]
            if unseen:
                raise SessionError(
                    "new identity differences appeared while the override was being "
                    "written: review them before overriding"
                )
        try:
            decision = override_identity(mismatches, reason=reason, by=by, at=self._session.clock())
        except ValueError as exc:
            raise SessionError(str(exc)) from None
        self._session.edit(lambda o: setattr(o, "identity_override", decision))
        self._session.save_draft()
        if self._session.audit is not None:
            fields = {
                "study_uid": self._session.opinion.study_instance_uid,
                "workitem_uid": self._session.case,
            }
            with contextlib.suppress(ValueError, OSError):  # never lose the decision to the log
                self._session.audit.append(
                    "identity-override", outcome="ok", reason="user-override",
                    **{k: v for k, v in fields.items() if v},
                )  # fmt: skip
        return decision
