"""The opinion of one case while the radiologist writes, signs and sends it. No Qt.

:class:`OpinionSession` is the model behind the opinion panel (STYLE.md point
2: the panel calls it and listens to it). It holds the draft
:class:`~app.opinion.model.Opinion` of one request (one UPS workitem) and the
images' headers, and ties together what exists already: the sealed draft
(:class:`app.opinion.drafts.DraftStore`, saved ~300 ms after the last change,
restored exactly after ``kill -9``); whether a series looks angiographic, by
header or by content (:func:`viewer.classify.looks_angiographic`: the occlusion
must then be stated). Series that arrive after signing and were not read are
flagged. Its three parts, reached as attributes:

- :attr:`OpinionSession.drafting` (:class:`app.reading.drafting.Drafting`): the
  radiologist's edits, the series read and the key images;
- :attr:`OpinionSession.identity` (:class:`app.reading.identity_gate.IdentityGate`):
  the patient identity check of safety invariant 3 and its audited override;
- :attr:`OpinionSession.sending` (:class:`app.reading.sending.Sending`): what
  stops sending (:meth:`~app.reading.sending.Sending.problems`), signing,
  queueing in the outbox, and amendments.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from pydicom.dataset import Dataset

from app.opinion import model as m
from app.opinion.angiography import Angiography
from app.opinion.drafts import DraftStore
from app.opinion.identity import PatientIdentity
from app.opinion.schema import LEGACY_OVERRIDE_NOTE
from app.opinion.signing import seeded_uid
from app.opinion.study import Study
from app.outbox.store import AuditTrail, ItemStatus, Outbox
from app.reading import edits
from app.reading.drafting import Drafting
from app.reading.edits import identity_of_request, settled, signing_seed
from app.reading.identity_gate import IdentityGate
from app.reading.sending import Sending, after_sending
from app.reading.state import CaseState, SessionError
from app.store.sealed import Unreadable
from app.worklist.claims import ClaimStore
from app.worklist.model import Request
from app.worklist.series_arrival import series_arrival
from app.worklist.signer import Signer
from viewer.classify import classify_series
from viewer.volume import Volume

log = logging.getLogger("app.reading.session")

__all__ = ["OpinionSession"]


class OpinionSession:
    """The opinion of one request (see the module docstring).

    ``request`` is the claimed request; ``study`` the images' headers known so
    far (None until the first series is listed: add them with
    :meth:`add_series`). ``signer`` gives the signing radiologist
    (:meth:`app.worklist.signer.RadiologistStore.signer`); ``clock`` aware
    datetimes; ``audit`` records identity overrides. Listeners subscribed with
    :meth:`subscribe` are called after every change, from the calling thread.
    """

    def __init__(
        self,
        request: Request,
        study: Study | None,
        *,
        drafts: DraftStore,
        outbox: Outbox,
        claims: ClaimStore,
        hub_url: str,
        signer: Signer,
        clock: Callable[[], dt.datetime],
        audit: AuditTrail | None = None,
    ) -> None:
        self.request = request
        self.case = request.workitem_uid
        self.drafts = drafts
        self.outbox = outbox
        self.claims = claims
        self.hub_url = hub_url
        self.signer = signer
        self.clock = clock
        self.audit = audit
        self.headers: list[Dataset] = []
        self.kinds: dict[str, m.SeriesKind] = {}  # series UID → kind
        self.descriptions: dict[str, str] = {}
        self.lossy: set[str] = set()  # series with (0028,2110) Lossy Image Compression 01
        self.angiography = Angiography()  # the series that look angiographic, and why
        self.late_series: list[str] = []  # not read by the signed opinion, arrived after it
        self.restored = False  # the draft was restored from disk
        self.restore_problems: tuple[str, ...] = ()
        self.legacy_override = False  # the draft's old-form identity override was dropped
        self.warning = ""  # e.g. the saved draft could not be read
        self.saved_at: dt.datetime | None = None
        self._representatives: list[Dataset] = []  # one header per (series, identity)
        self._snapshots: dict[int, np.ndarray] = {}
        self._listeners: list[Callable[[], None]] = []
        self._dirty = False
        self._signed_series: set[str] | None = None
        self.drafting = Drafting(self)
        self.identity = IdentityGate(self)
        self.sending = Sending(self)
        if study is not None:
            self._merge(study.headers)
        self.opinion = self._open()
        self._signed_series = self._series_of_signed()

    # -- opening -------------------------------------------------------------------

    def _open(self) -> m.Opinion:
        try:
            draft = self.drafts.load_draft(self.case)
        except Unreadable:
            draft = None
            self.warning = "the saved draft of this case could not be read; starting afresh"
            log.warning("a draft could not be read; the case starts afresh")
        items = self.sending.case_items()
        if draft is not None:
            self.restored, self.saved_at = True, draft.saved_at
            self.restore_problems = draft.problems
            self.legacy_override = LEGACY_OVERRIDE_NOTE in draft.problems
            self._snapshots = self.drafts.snapshots(self.case)
            opinion = draft.opinion
            sent = None if opinion.is_signed else self._submitted_as(opinion, items)
            if sent is not None:
                return after_sending(sent)
            if not opinion.is_signed and opinion.request.clinical is None:
                # A draft saved before the clinical facts were kept (after the check above:
                # they are part of what a crash-interrupted send was seeded with).
                opinion.request.clinical = self.request.clinical
            return opinion
        if items:
            return after_sending(self.outbox.opinion(items[-1].id))
        return self._fresh()

    def _submitted_as(self, draft: m.Opinion, items: list[ItemStatus]) -> m.Opinion | None:
        """The queued opinion this unsigned draft already became (a crash came in between)."""
        queued = {s.sr_instance_uid: s.id for s in items}
        for kind in m.ReportKind:
            uid = seeded_uid(signing_seed(self.case, settled(draft, kind)), "sr-instance")
            if uid in queued:
                return self.outbox.opinion(queued[uid])
        return None

    def _fresh(self) -> m.Opinion:
        """An opinion holding only facts from the request (its clinical facts included, for
        the SR and the PDF); every finding NOT_ASSESSED."""
        r = self.request
        study_uid = r.study_uids[0] if r.study_uids else ""
        if not study_uid and self.headers:
            study_uid = str(self.headers[0].StudyInstanceUID)
        return m.Opinion(
            kind=m.ReportKind.FINAL,
            request=m.RequestInfo(
                identity=identity_of_request(r),
                workitem_uid=r.workitem_uid,
                accession_number=r.accession_number,
                requesting_site=r.requesting_site,
                requesting_physician=r.requesting_physician,
                question=r.question,
                clinical=r.clinical,
            ),
            study_instance_uid=study_uid,
        )

    # -- listening -------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- the images -----------------------------------------------------------------

    @property
    def study(self) -> Study | None:
        return Study.of(self.headers) if self.headers else None

    def series_uids(self) -> list[str]:
        return list(dict.fromkeys(str(ds.SeriesInstanceUID) for ds in self.headers))

    def add_series(
        self, headers: Sequence[Dataset], *, kind: m.SeriesKind | None = None
    ) -> list[str]:
        """Headers of images the viewer listed (one series or several); returns late series.

        ``kind`` overrides the classification from the headers (the viewer's,
        which the user may have corrected). A new series that the signed
        opinion of this case did not read is added to :attr:`late_series`.
        """
        added = self._merge(headers, kind)
        if not added:
            return []
        signed = self._signed_series
        late = [u for u in added if signed is not None and u not in signed]
        self.late_series.extend(u for u in late if u not in self.late_series)
        if not self.opinion.study_instance_uid:
            self.opinion.study_instance_uid = str(self.headers[0].StudyInstanceUID)
        self._notify()
        return late

    def _merge(self, headers: Sequence[Dataset], kind: m.SeriesKind | None = None) -> list[str]:
        """Add the headers not known yet; returns the series that are new to the case."""
        known = {str(ds.SOPInstanceUID) for ds in self.headers}
        fresh = [ds for ds in headers if str(ds.SOPInstanceUID) not in known]
        if not fresh:
            return []
        before = set(self.series_uids())
        self.headers.extend(fresh)
        touched = list(dict.fromkeys(str(ds.SeriesInstanceUID) for ds in fresh))
        for uid in touched:
            series = [ds for ds in self.headers if str(ds.SeriesInstanceUID) == uid]
            self.kinds[uid] = kind or m.SeriesKind(classify_series(series).kind.value)
            self.descriptions[uid] = str(series[0].get("SeriesDescription", "") or "")
            if self.angiography.judge_headers(uid, series, kind) and (
                self.kinds[uid] not in m.ANGIO_KINDS
            ):
                self.kinds[uid] = m.SeriesKind.CTA  # a CT found angiographic by its pixels
            if any(str(ds.get("LossyImageCompression", "")) == "01" for ds in series):
                self.lossy.add(uid)
        seen: dict[tuple[str, PatientIdentity], Dataset] = {}
        for ds in [*self._representatives, *fresh]:  # one header per (series, identity)
            seen.setdefault((str(ds.SeriesInstanceUID), PatientIdentity.from_dataset(ds)), ds)
        self._representatives = list(seen.values())
        return [u for u in touched if u not in before]

    def add_volume(self, volume: Volume) -> bool:
        """The viewer assembled (part of) a series: a CT is judged by its pixels too.

        A thin-slice CT whose head holds contrast-enhanced vessels looks
        angiographic whatever its header says: its kind becomes CTA (a read
        one too) and the occlusion must be stated. True when that changed the case.
        """
        uid = volume.series_instance_uid
        if uid not in self.kinds or not self.angiography.judge_volume(volume):
            return False
        self.kinds[uid] = m.SeriesKind.CTA
        if uid in self.read_series() and self.state is CaseState.WRITING:
            self.edit(lambda o: edits.series_kind(o, uid, m.SeriesKind.CTA))
        else:
            self._notify()
        return True

    def angiographic_series(self) -> list[str]:
        """The series that look angiographic, in words (``series 3 CTA HEAD``)."""
        return self.angiography.names(self.headers, self.descriptions)

    def _series_of_signed(self) -> set[str] | None:
        """Series read by the latest signed opinion of the case (None: nothing signed yet)."""
        if self.opinion.is_signed:
            return {s.series_instance_uid for s in self.opinion.series_read}
        items = self.sending.case_items()
        if not items:
            return None
        sent = self.outbox.opinion(items[-1].id)
        return {s.series_instance_uid for s in sent.series_read}

    def lossy_read(self) -> list[str]:
        """Series read whose images were lossy-compressed ((0028,2110) = 01)."""
        return [s.series_instance_uid for s in self.opinion.series_read
                if s.series_instance_uid in self.lossy]  # fmt: skip

    def since_last_known_well(self) -> dt.timedelta | None:
        lkw = self.request.last_known_well
        if lkw is None:
            return None
        return self.clock() - (lkw if lkw.tzinfo is not None else lkw.astimezone())

    # -- editing -------------------------------------------------------------------

    @property
    def state(self) -> CaseState:
        return CaseState.SENT if self.opinion.is_signed else CaseState.WRITING

    def _writable(self) -> None:
        if self.state is CaseState.SENT:
            raise SessionError(
                "the final opinion is signed; correct it with an amendment once it is delivered"
            )

    def edit(self, change: Callable[[m.Opinion], None]) -> None:
        """Apply ``change`` to the draft, then tell the listeners (the UI saves it soon)."""
        self._writable()
        change(self.opinion)
        self._dirty = True
        self._notify()

    def save_draft(self) -> bool:
        """Write the draft to disk if it changed since the last save; True when written."""
        if not self._dirty:
            return False
        self.drafts.save(self.case, self.opinion)
        self._dirty = False
        self.saved_at = self.clock()
        return True

    @property
    def unsaved(self) -> bool:
        return self._dirty

    def series_incomplete(self, uid: str) -> bool:
        """The series may not be all on the hub
        (:func:`app.worklist.series_arrival.series_arrival`):
        the (0020,1209) count of its input series above both the instances the workitem
        lists and the headers the viewer listed from the hub; or, while the request is
        incomplete, a series not listed with a count it reached (it may still be arriving)."""
        listed = sum(1 for ds in self.headers if str(ds.SeriesInstanceUID) == uid)
        return not series_arrival(self.request, uid, listed).whole

    def update_request(self, request: Request) -> None:
        """A newer version of this case's request (the worklist refreshed): e.g. the ED's
        upload finished, and :meth:`series_incomplete` no longer holds series back."""
        if request.workitem_uid != self.case:
            raise SessionError("this is not the request of this case")
        if request != self.request:
            self.request = request
            self._notify()

    def flagged_series(self) -> list[tuple[str, str]]:
        """Late series as (UID, description), for the banner."""
        return [(uid, self.descriptions.get(uid, "")) for uid in self.late_series]

    def read_series(self) -> set[str]:
        return {s.series_instance_uid for s in self.opinion.series_read}

    def ordered_series(self) -> Iterable[tuple[str, m.SeriesKind, str]]:
        """Every series of the case: (UID, kind, description), in listing order."""
        for uid in self.series_uids():
            yield uid, self.kinds[uid], self.descriptions.get(uid, "")
