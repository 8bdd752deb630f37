"""Signing and sending: what stops sending, signing, queueing in the outbox, and amending.
No Qt.

:class:`Sending` is reached as :attr:`app.reading.session.OpinionSession.sending`.
It signs with the radiologist's settings, builds the documents and queues them
in the :class:`app.outbox.store.Outbox` with the claim's Transaction UID. A
preliminary opinion leaves the request IN PROGRESS and the draft carries on as
the final one; the final one completes it; a delivered final opinion is
corrected by an amendment.

The signing UIDs are derived from the case and the opinion's content, so the
same draft sent twice (a crash between the outbox and the draft) gives the
same documents, which the outbox recognises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from app.opinion import model as m
from app.opinion.build import OpinionNotReady, build_documents, identity_problems, study_problems
from app.opinion.schema import validate
from app.opinion.signing import amend, final_after, sign
from app.opinion.study import Study
from app.outbox.store import DeliveryState, ItemStatus
from app.reading.edits import settled, signing_seed
from app.reading.state import CaseState, SessionError

if TYPE_CHECKING:
    from app.reading.session import OpinionSession

__all__ = ["Prepared", "Sending", "after_sending"]


@dataclass(frozen=True)
class Prepared:
    """A signed opinion ready to be built and queued (see :meth:`Sending.prepare`)."""

    opinion: m.Opinion
    study: Study
    snapshots: dict[int, np.ndarray]
    workitem_uid: str | None
    transaction_uid: str | None

    @property
    def final(self) -> bool:
        return self.opinion.kind is m.ReportKind.FINAL


def after_sending(sent: m.Opinion) -> m.Opinion:
    """The case's opinion once ``sent`` was queued: the next draft, or ``sent`` itself."""
    return final_after(sent) if sent.kind is m.ReportKind.PRELIMINARY else sent


class Sending:
    """Signing and sending the opinion of ``session`` (see the module docstring)."""

    def __init__(self, session: OpinionSession) -> None:
        self._session = session

    @property
    def preliminary_sent(self) -> bool:
        """A preliminary opinion of this case is signed (the draft carries on as the final)."""
        return any(s.kind is m.ReportKind.PRELIMINARY for s in self.case_items())

    def transaction_uid(self) -> str | None:
        return self._session.claims.get(self._session.hub_url, self._session.case)

    def _candidate(self, kind: m.ReportKind) -> m.Opinion:
        candidate = settled(self._session.opinion, kind)
        if candidate.identity_override is not None and self._session.headers:
            # Only the differences still found are signed (and inherited by what follows).
            candidate.identity_override = candidate.identity_override.restricted_to(
                self._session.identity.mismatches()
            )
        if candidate.radiologist is None:
            candidate.radiologist = self._session.signer()
        lossy = m.Limitation.LOSSY_COMPRESSION
        if self._session.lossy_read() and lossy not in candidate.limitations:
            candidate.limitations.append(m.Limitation.LOSSY_COMPRESSION)
        return candidate

    def problems(self, kind: m.ReportKind = m.ReportKind.FINAL) -> list[str]:
        """Everything that stops sending as ``kind``, one line each (empty: it can go).

        Lines start with the field they are about (``haemorrhage: …``), as
        :func:`app.opinion.model.missing_for_sending` writes them.
        """
        if self._session.state is CaseState.SENT:
            return ["state: the final opinion is already signed"]
        candidate = self._candidate(kind)
        found = m.missing_for_sending(candidate, angiographic=self._session.angiographic_series())
        if not self._session.headers:
            found.append("images: the case's images are not listed yet")
        else:
            found += identity_problems(candidate, Study.of(self._session._representatives))
            found += study_problems(candidate, Study.of(self._session.headers))
        found += [
            f"key_images[{i}]: its capture is no longer at hand; remove it and capture it again"
            for i in range(len(candidate.key_images)) if i not in self._session._snapshots
        ]  # fmt: skip
        found += [e for e in validate(candidate) if e not in found]
        if not candidate.is_amendment and not self.transaction_uid():
            found.append("claim: this request is not claimed on this workstation")
        return found

    def can_send(self, kind: m.ReportKind) -> bool:
        return not self.problems(kind)

    # -- sending -------------------------------------------------------------------

    def prepare(self, kind: m.ReportKind) -> Prepared:
        """Sign the draft as ``kind`` (nothing is changed yet); cheap, on the GUI thread.

        Raises :class:`app.opinion.build.OpinionNotReady` with the problems.
        """
        self._session._writable()
        self._session.save_draft()
        problems = self.problems(kind)
        if problems:
            raise OpinionNotReady(problems)
        candidate = self._candidate(kind)
        radiologist = candidate.radiologist
        assert radiologist is not None  # problems() asked for it
        seed = signing_seed(self._session.case, settled(self._session.opinion, kind))
        signed = sign(candidate, radiologist, at=self._session.clock(), seed=seed)
        if not signed.study_instance_uid:
            signed.study_instance_uid = str(self._session.headers[0].StudyInstanceUID)
        amendment = signed.is_amendment
        return Prepared(
            opinion=signed,
            study=Study.of(self._session.headers),
            snapshots=dict(self._session._snapshots),
            workitem_uid=None if amendment else self._session.case,
            transaction_uid=None if amendment else self.transaction_uid(),
        )

    def submit(self, prepared: Prepared) -> ItemStatus:
        """Build the documents and queue them in the outbox (slow: any thread, no notification)."""
        documents = build_documents(prepared.opinion, prepared.study, snapshots=prepared.snapshots)
        return self._session.outbox.submit(
            prepared.opinion, documents, workitem_uid=prepared.workitem_uid,
            transaction_uid=prepared.transaction_uid, final=prepared.final,
        )  # fmt: skip

    def submitted(self, prepared: Prepared) -> None:
        """After :meth:`submit` (GUI thread): the draft moves on, and is saved."""
        self._session.opinion = after_sending(prepared.opinion)
        self._session._signed_series = {s.series_instance_uid for s in prepared.opinion.series_read}
        self._session.late_series = []
        self._session._dirty = True
        self._session.save_draft()
        self._session._notify()

    def send(self, kind: m.ReportKind) -> ItemStatus:
        """Sign, build and queue in one call (tests, command line)."""
        prepared = self.prepare(kind)
        status = self.submit(prepared)
        self.submitted(prepared)
        return status

    # -- after sending -------------------------------------------------------------

    def case_items(self) -> list[ItemStatus]:
        """This case's opinions in the outbox, in the order submitted (amendments too)."""
        session = self._session
        found = []
        study = session.request.study_uids[0] if session.request.study_uids else ""
        for status in session.outbox.items():
            if status.workitem_uid == session.case or (
                status.workitem_uid is None
                and status.amendment
                and (not study or status.study_uid == study)
                and session.outbox.opinion(status.id).request.workitem_uid == session.case
            ):
                found.append(status)
        return found

    def delivered(self, status: ItemStatus) -> None:
        """The outbox delivered an item: the draft of a delivered final opinion is removed."""
        if status.state is not DeliveryState.DELIVERED or status.kind is not m.ReportKind.FINAL:
            return
        session = self._session
        uids = session.opinion.uids
        if (
            session.opinion.is_signed
            and uids is not None
            and uids.sr_instance == status.sr_instance_uid
        ):
            session.drafts.delete(session.case)  # the captures stay in memory for an amendment
            session._notify()

    def can_amend(self) -> bool:
        """The final opinion is signed and delivered (an amendment goes after it)."""
        items = self.case_items()
        return (
            self._session.state is CaseState.SENT
            and bool(items)
            and items[-1].state is DeliveryState.DELIVERED
        )

    def amend(self, reason: str) -> None:
        """Start a correction of the delivered final opinion; ``reason`` is shown and recorded."""
        if not self.can_amend():
            raise SessionError("only a delivered final opinion can be amended")
        try:
            self._session.opinion = amend(self._session.opinion, reason)
        except ValueError as exc:
            raise SessionError(str(exc)) from None
        for index, pixels in self._session._snapshots.items():
            self._session.drafts.save_snapshot(self._session.case, index, pixels)
        self._session._dirty = True
        self._session.save_draft()
        self._session._notify()
