"""The opinion of one case while the radiologist writes, signs and sends it. No Qt.

:class:`OpinionSession` is the model behind the opinion panel (STYLE.md point
2: the panel calls it and listens to it). It holds the draft
:class:`~app.opinion.model.Opinion` of one request (one UPS workitem) and the
images' headers, and ties together what exists already: the sealed draft
(:class:`app.opinion.drafts.DraftStore`, saved ~300 ms after the last change,
restored exactly after ``kill -9``); the identity check of safety invariant 3
((0010,0020) Patient ID + (0010,0021) Issuer, (0010,0030) birth date,
(0010,0040) sex, normalised (0010,0010) name: any difference blocks sending
until overridden with a typed reason, audited; the override covers exactly the
differing values it names, so every series, a late one too, is checked
again); whether a series looks angiographic, by header or by content
(:func:`viewer.classify.looks_angiographic`: the occlusion must then be
stated); :meth:`OpinionSession.problems`
(:func:`~app.opinion.model.missing_for_sending`, identity, series and key
images, :func:`~app.opinion.schema.validate`, the claim); signing with the
radiologist's settings, building the documents and queueing them in the
:class:`app.outbox.store.Outbox` with the claim's Transaction UID. A preliminary
opinion leaves the request IN PROGRESS and the draft carries on as the final
one; the final one completes it; a delivered final opinion is corrected by an
amendment. Series that arrive after signing and were not read are flagged.

The signing UIDs are derived from the case and the opinion's content, so the
same draft sent twice (a crash between the outbox and the draft) gives the
same documents, which the outbox recognises.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from pydicom.dataset import Dataset

from app.opinion import model as m
from app.opinion.angiography import Angiography
from app.opinion.build import OpinionNotReady, build_documents, identity_problems, study_problems
from app.opinion.drafts import DraftStore
from app.opinion.identity import (
    IdentityOverride,
    Mismatch,
    PatientIdentity,
    check_identity,
    images_identities,
    override_identity,
    uncovered,
)
from app.opinion.schema import LEGACY_OVERRIDE_NOTE, validate
from app.opinion.signing import amend, final_after, seeded_uid, sign
from app.opinion.study import Study
from app.outbox.store import AuditTrail, DeliveryState, ItemStatus, Outbox
from app.reading import edits
from app.reading.edits import identity_of_request, settled, signing_seed
from app.store.sealed import Unreadable
from app.worklist.claims import ClaimStore
from app.worklist.model import Request
from app.worklist.series_arrival import series_arrival
from app.worklist.signer import Signer
from viewer.classify import classify_series
from viewer.volume import Volume

log = logging.getLogger("app.reading.session")

__all__ = ["CaseState", "OpinionSession", "Prepared", "SessionError"]


class SessionError(ValueError):
    """An action the case does not allow now; the message is for the user."""


class CaseState(StrEnum):
    WRITING = "writing"  # a draft is being written (maybe after a preliminary opinion)
    SENT = "sent"  # the final opinion (or its amendment) is signed: read-only


@dataclass(frozen=True)
class Prepared:
    """A signed opinion ready to be built and queued (see :meth:`OpinionSession.prepare`)."""

    opinion: m.Opinion
    study: Study
    snapshots: dict[int, np.ndarray]
    workitem_uid: str | None
    transaction_uid: str | None

    @property
    def final(self) -> bool:
        return self.opinion.kind is m.ReportKind.FINAL


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
        items = self.case_items()
        if draft is not None:
            self.restored, self.saved_at = True, draft.saved_at
            self.restore_problems = draft.problems
            self.legacy_override = LEGACY_OVERRIDE_NOTE in draft.problems
            self._snapshots = self.drafts.snapshots(self.case)
            opinion = draft.opinion
            sent = None if opinion.is_signed else self._submitted_as(opinion, items)
            if sent is not None:
                return self._after(sent)
            if not opinion.is_signed and opinion.request.clinical is None:
                # A draft saved before the clinical facts were kept (after the check above:
                # they are part of what a crash-interrupted send was seeded with).
                opinion.request.clinical = self.request.clinical
            return opinion
        if items:
            return self._after(self.outbox.opinion(items[-1].id))
        return self._fresh()

    def _after(self, sent: m.Opinion) -> m.Opinion:
        """The case's opinion once ``sent`` was queued: the next draft, or ``sent`` itself."""
        return final_after(sent) if sent.kind is m.ReportKind.PRELIMINARY else sent

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

    def new_series_arrived(self, headers: Sequence[Dataset]) -> list[str]:
        """A series stored on the hub after the case was opened (same as :meth:`add_series`)."""
        return self.add_series(headers)

    def _series_of_signed(self) -> set[str] | None:
        """Series read by the latest signed opinion of the case (None: nothing signed yet)."""
        if self.opinion.is_signed:
            return {s.series_instance_uid for s in self.opinion.series_read}
        items = self.case_items()
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

    @property
    def preliminary_sent(self) -> bool:
        """A preliminary opinion of this case is signed (the draft carries on as the final)."""
        return any(s.kind is m.ReportKind.PRELIMINARY for s in self.case_items())

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

    def set_series_read(self, uid: str, read: bool = True) -> None:
        """Tick a series as read (its kind from the headers) or untick it.

        Reading a lossy-compressed series adds that limitation (the panel
        shows it ticked and locked).
        """
        if uid not in self.kinds:
            raise SessionError("this series is not among the case's images")
        self.edit(
            lambda o: edits.series_read(
                o, uid, read, kind=self.kinds[uid], description=self.descriptions.get(uid, ""),
                lossy=uid in self.lossy, order=self.series_uids(),
            )
        )  # fmt: skip

    def mark_series_read(self, uid: str) -> None:
        """The viewer showed this series to the radiologist (ignored once signed).

        A series not all on the hub (:meth:`series_incomplete`) is never ticked
        automatically (safety invariant 6): the radiologist ticks it knowingly.
        """
        if self.series_incomplete(uid):
            return
        if self.state is CaseState.WRITING and uid not in self.read_series():
            self.set_series_read(uid, True)

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

    def set_haemorrhage_abc(self, a_mm: float, b_mm: float, c_mm: float) -> None:
        """The viewer's ABC/2 measurement (A, B, C in mm); the status stays as stated."""
        self.edit(lambda o: setattr(o.haemorrhage, "abc", m.Abc(a_mm, b_mm, c_mm)))

    def set_aspects_side(self, side: m.Side | None) -> None:
        """Score ASPECTS on ``side`` (the symptomatic hemisphere); None: not scored."""
        self.edit(lambda o: edits.aspects_side(o, side))

    def set_aspects_region(self, region: m.AspectsRegion, affected: bool) -> None:
        if self.opinion.ischaemia.aspects is None:
            raise SessionError("choose the hemisphere ASPECTS is scored on first")
        self.edit(lambda o: edits.aspects_region(o, region, affected))

    def set_pc_aspects_scored(self, scored: bool) -> None:
        self.edit(lambda o: edits.pc_aspects_scored(o, scored))

    def set_pc_aspects_region(self, region: m.PcAspectsRegion, affected: bool) -> None:
        self.edit(lambda o: edits.pc_aspects_region(o, region, affected))

    def set_haemorrhage_type(self, kind: m.HaemorrhageType, present: bool) -> None:
        self.edit(lambda o: edits.haemorrhage_type(o, kind, present))

    def set_occlusion_site(
        self, site: m.OcclusionSite, occluded: bool, side: m.Side | None = None
    ) -> None:
        """Tick (with its side; none on the midline) or untick an occluded vessel."""
        self.edit(lambda o: edits.occlusion_site(o, site, occluded, side))

    def set_limitation(self, limitation: m.Limitation, present: bool) -> None:
        if not present and limitation is m.Limitation.LOSSY_COMPRESSION and self.lossy_read():
            raise SessionError("a series read was lossy-compressed: this limitation stays")
        self.edit(lambda o: edits.limitation(o, limitation, present))

    def set_perfusion(self, core_ml: float | None, hypoperfusion_ml: float | None) -> None:
        """Perfusion volumes as read; None when perfusion was not read."""
        self.edit(lambda o: edits.perfusion(o, core_ml, hypoperfusion_ml))

    def set_occlusion_statement(self, value: str) -> None:
        """Absent, present, not assessed (a :class:`~app.opinion.model.Finding` value) or
        :data:`~app.opinion.model.NO_ANGIOGRAPHY`."""
        self.edit(lambda o: edits.occlusion_statement(o, value))

    def set_phoned(self, to: str, at: dt.time | None) -> None:
        """ "Result phoned to Dr … at …"; a time alone (HH:MM) goes on the date that makes it
        the latest past time by the clock (:func:`app.reading.edits.phoned`); blank name: none."""
        now = self.clock()
        self.edit(lambda o: edits.phoned(o, to, at, now))

    # -- key images ----------------------------------------------------------------

    def add_key_image(
        self,
        rgb: np.ndarray,
        series_uid: str,
        sop_instance_uid: str,
        *,
        frame: int | None = None,
        caption: str = "",
        derived_from: Sequence[m.SourceImage] = (),
    ) -> int:
        """The viewer's capture (annotations burnt in) of an image of the study; its index.

        ``derived_from``: the images a reformatted, slab or 3-D capture was made from
        (:class:`app.opinion.model.KeyImage`); each must be an image of ``series_uid``.
        """
        self._writable()
        in_series = {
            str(ds.SOPInstanceUID) for ds in self.headers if str(ds.SeriesInstanceUID) == series_uid
        }
        images = [sop_instance_uid, *(s.sop_instance_uid for s in derived_from)]
        if not all(uid in in_series for uid in images):
            raise SessionError("the key image is not an image of this case")
        key = m.KeyImage(
            series_uid, sop_instance_uid, frame, caption, derived_from=list(derived_from)
        )
        if derived_from and (sop_instance_uid, frame) not in {
            (s.sop_instance_uid, s.frame) for s in derived_from
        }:
            raise SessionError("the key image's own image is not among those it was made from")
        pixels = np.ascontiguousarray(rgb, dtype=np.uint8)
        index = len(self.opinion.key_images)
        self.drafts.save_snapshot(self.case, index, pixels)  # at once: a capture is precious
        self._snapshots[index] = pixels
        self.opinion.key_images.append(key)
        self._dirty = True
        self.save_draft()
        self._notify()
        return index

    def remove_key_image(self, index: int) -> None:
        self._writable()
        count = len(self.opinion.key_images)
        if not 0 <= index < count:
            raise SessionError("there is no such key image")
        for later in range(index + 1, count):
            if later in self._snapshots:
                self.drafts.save_snapshot(self.case, later - 1, self._snapshots[later])
                self._snapshots[later - 1] = self._snapshots[later]
        self._snapshots.pop(count - 1, None)
        self.drafts.remove_snapshot(self.case, count - 1)
        del self.opinion.key_images[index]
        self._dirty = True
        self.save_draft()
        self._notify()

    def snapshot(self, index: int) -> np.ndarray | None:
        return self._snapshots.get(index)

    # -- identity ------------------------------------------------------------------

    def identity_mismatches(self) -> list[Mismatch]:
        """Differences between the request's patient and the images' (all of them)."""
        reference = self.opinion.request.identity or identity_of_request(self.request)
        return check_identity(reference, images_identities(self._representatives))

    def uncovered_mismatches(self) -> list[Mismatch]:
        """The differences the opinion's override does not cover: these block sending.

        The override covers the very pairs of values it names; a series of
        another patient, arriving after it too, is not covered.
        """
        return uncovered(self.identity_mismatches(), self.opinion.identity_override)

    def override_identity(
        self, reason: str, shown: Sequence[Mismatch] | None = None
    ) -> IdentityOverride:
        """Send despite the identity differences, for the typed ``reason`` (audited); the
        override covers exactly these differing values.

        ``shown``: the differences the radiologist was shown when deciding (the dialog's).
        A difference found since (a series arriving while the reason was typed) is never
        covered by that decision: :class:`SessionError`, and nothing is overridden.
        """
        self._writable()
        radiologist = self.signer()
        by = (radiologist.identifier or radiologist.name) if radiologist else ""
        mismatches = self.identity_mismatches()
        if shown is not None:
            unseen = [found for found in mismatches if found not in shown]
            if unseen:
                raise SessionError(
                    "new identity differences appeared while the override was being "
                    "written: review them before overriding"
                )
        try:
            decision = override_identity(mismatches, reason=reason, by=by, at=self.clock())
        except ValueError as exc:
            raise SessionError(str(exc)) from None
        self.edit(lambda o: setattr(o, "identity_override", decision))
        self.save_draft()
        if self.audit is not None:
            fields = {"study_uid": self.opinion.study_instance_uid, "workitem_uid": self.case}
            with contextlib.suppress(ValueError, OSError):  # never lose the decision to the log
                self.audit.append(
                    "identity-override", outcome="ok", reason="user-override",
                    **{k: v for k, v in fields.items() if v},
                )  # fmt: skip
        return decision

    # -- what stops sending -----------------------------------------------------------

    def transaction_uid(self) -> str | None:
        return self.claims.get(self.hub_url, self.case)

    def _candidate(self, kind: m.ReportKind) -> m.Opinion:
        candidate = settled(self.opinion, kind)
        if candidate.identity_override is not None and self.headers:
            # Only the differences still found are signed (and inherited by what follows).
            candidate.identity_override = candidate.identity_override.restricted_to(
                self.identity_mismatches()
            )
        if candidate.radiologist is None:
            candidate.radiologist = self.signer()
        if self.lossy_read() and m.Limitation.LOSSY_COMPRESSION not in candidate.limitations:
            candidate.limitations.append(m.Limitation.LOSSY_COMPRESSION)
        return candidate

    def problems(self, kind: m.ReportKind = m.ReportKind.FINAL) -> list[str]:
        """Everything that stops sending as ``kind``, one line each (empty: it can go).

        Lines start with the field they are about (``haemorrhage: …``), as
        :func:`app.opinion.model.missing_for_sending` writes them.
        """
        if self.state is CaseState.SENT:
            return ["state: the final opinion is already signed"]
        candidate = self._candidate(kind)
        found = m.missing_for_sending(candidate, angiographic=self.angiographic_series())
        if not self.headers:
            found.append("images: the case's images are not listed yet")
        else:
            found += identity_problems(candidate, Study.of(self._representatives))
            found += study_problems(candidate, Study.of(self.headers))
        found += [
            f"key_images[{i}]: its capture is no longer at hand; remove it and capture it again"
            for i in range(len(candidate.key_images)) if i not in self._snapshots
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
        self._writable()
        self.save_draft()
        problems = self.problems(kind)
        if problems:
            raise OpinionNotReady(problems)
        candidate = self._candidate(kind)
        radiologist = candidate.radiologist
        assert radiologist is not None  # problems() asked for it
        seed = signing_seed(self.case, settled(self.opinion, kind))
        signed = sign(candidate, radiologist, at=self.clock(), seed=seed)
        if not signed.study_instance_uid:
            signed.study_instance_uid = str(self.headers[0].StudyInstanceUID)
        amendment = signed.is_amendment
        return Prepared(
            opinion=signed,
            study=Study.of(self.headers),
            snapshots=dict(self._snapshots),
            workitem_uid=None if amendment else self.case,
            transaction_uid=None if amendment else self.transaction_uid(),
        )

    def submit(self, prepared: Prepared) -> ItemStatus:
        """Build the documents and queue them in the outbox (slow: any thread, no notification)."""
        documents = build_documents(prepared.opinion, prepared.study, snapshots=prepared.snapshots)
        return self.outbox.submit(
            prepared.opinion, documents, workitem_uid=prepared.workitem_uid,
            transaction_uid=prepared.transaction_uid, final=prepared.final,
        )  # fmt: skip

    def submitted(self, prepared: Prepared) -> None:
        """After :meth:`submit` (GUI thread): the draft moves on, and is saved."""
        self.opinion = self._after(prepared.opinion)
        self._signed_series = {s.series_instance_uid for s in prepared.opinion.series_read}
        self.late_series = []
        self._dirty = True
        self.save_draft()
        self._notify()

    def send(self, kind: m.ReportKind) -> ItemStatus:
        """Sign, build and queue in one call (tests, command line)."""
        prepared = self.prepare(kind)
        status = self.submit(prepared)
        self.submitted(prepared)
        return status

    # -- after sending -------------------------------------------------------------

    def case_items(self) -> list[ItemStatus]:
        """This case's opinions in the outbox, in the order submitted (amendments too)."""
        found = []
        study = self.request.study_uids[0] if self.request.study_uids else ""
        for status in self.outbox.items():
            if status.workitem_uid == self.case or (
                status.workitem_uid is None
                and status.amendment
                and (not study or status.study_uid == study)
                and self.outbox.opinion(status.id).request.workitem_uid == self.case
            ):
                found.append(status)
        return found

    def delivered(self, status: ItemStatus) -> None:
        """The outbox delivered an item: the draft of a delivered final opinion is removed."""
        if status.state is not DeliveryState.DELIVERED or status.kind is not m.ReportKind.FINAL:
            return
        uids = self.opinion.uids
        if (
            self.opinion.is_signed
            and uids is not None
            and uids.sr_instance == status.sr_instance_uid
        ):
            self.drafts.delete(self.case)  # the captures stay in memory for an amendment
            self._notify()

    def can_amend(self) -> bool:
        """The final opinion is signed and delivered (an amendment goes after it)."""
        items = self.case_items()
        return (
            self.state is CaseState.SENT
            and bool(items)
            and items[-1].state is DeliveryState.DELIVERED
        )

    def amend(self, reason: str) -> None:
        """Start a correction of the delivered final opinion; ``reason`` is shown and recorded."""
        if not self.can_amend():
            raise SessionError("only a delivered final opinion can be amended")
        try:
            self.opinion = amend(self.opinion, reason)
        except ValueError as exc:
            raise SessionError(str(exc)) from None
        for index, pixels in self._snapshots.items():
            self.drafts.save_snapshot(self.case, index, pixels)
        self._dirty = True
        self.save_draft()
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
