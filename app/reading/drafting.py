"""Drafting: the radiologist's edits of the opinion, the series read and the key images. No Qt.

:class:`Drafting` is reached as :attr:`app.reading.session.OpinionSession.drafting`;
each edit goes through :meth:`~app.reading.session.OpinionSession.edit` (the
draft is saved soon after), a key image's capture is saved at once with the
draft (:class:`app.opinion.drafts.DraftStore`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from app.opinion import model as m
from app.opinion.analysis import Offer, suggest_from_analysis
from app.reading import edits
from app.reading.state import CaseState, SessionError

if TYPE_CHECKING:
    from app.reading.session import OpinionSession

__all__ = ["Drafting"]


class Drafting:
    """The edits of the draft opinion of ``session`` (see the module docstring)."""

    def __init__(self, session: OpinionSession) -> None:
        self._session = session

    def set_series_read(self, uid: str, read: bool = True) -> None:
        """Tick a series as read (its kind from the headers) or untick it.

        Reading a lossy-compressed series adds that limitation (the panel
        shows it ticked and locked).
        """
        if uid not in self._session.kinds:
            raise SessionError("this series is not among the case's images")
        s = self._session
        s.edit(
            lambda o: edits.series_read(
                o, uid, read, kind=s.kinds[uid], description=s.descriptions.get(uid, ""),
                lossy=uid in s.lossy, order=s.series_uids(),
            )
        )  # fmt: skip

    def mark_series_read(self, uid: str) -> None:
        """The viewer showed this series to the radiologist (ignored once signed).

        A series not all on the hub (:meth:`series_incomplete`) is never ticked
        automatically (safety invariant 6): the radiologist ticks it knowingly.
        """
        if self._session.series_incomplete(uid):
            return
        if self._session.state is CaseState.WRITING and uid not in self._session.read_series():
            self.set_series_read(uid, True)

    def set_haemorrhage_abc(self, a_mm: float, b_mm: float, c_mm: float) -> None:
        """The viewer's ABC/2 measurement (A, B, C in mm); the status stays as stated."""
        self._session.edit(lambda o: setattr(o.haemorrhage, "abc", m.Abc(a_mm, b_mm, c_mm)))

    def set_aspects_side(self, side: m.Side | None) -> None:
        """Score ASPECTS on ``side`` (the symptomatic hemisphere); None: not scored."""
        self._session.edit(lambda o: edits.aspects_side(o, side))

    def set_aspects_region(self, region: m.AspectsRegion, affected: bool) -> None:
        if self._session.opinion.ischaemia.aspects is None:
            raise SessionError("choose the hemisphere ASPECTS is scored on first")
        self._session.edit(lambda o: edits.aspects_region(o, region, affected))

    def set_pc_aspects_scored(self, scored: bool) -> None:
        self._session.edit(lambda o: edits.pc_aspects_scored(o, scored))

    def set_pc_aspects_region(self, region: m.PcAspectsRegion, affected: bool) -> None:
        self._session.edit(lambda o: edits.pc_aspects_region(o, region, affected))

    def set_haemorrhage_type(self, kind: m.HaemorrhageType, present: bool) -> None:
        self._session.edit(lambda o: edits.haemorrhage_type(o, kind, present))

    def set_occlusion_site(
        self, site: m.OcclusionSite, occluded: bool, side: m.Side | None = None
    ) -> None:
        """Tick (with its side; none on the midline) or untick an occluded vessel."""
        self._session.edit(lambda o: edits.occlusion_site(o, site, occluded, side))

    def set_limitation(self, limitation: m.Limitation, present: bool) -> None:
        if (
            not present
            and limitation is m.Limitation.LOSSY_COMPRESSION
            and self._session.lossy_read()
        ):
            raise SessionError("a series read was lossy-compressed: this limitation stays")
        self._session.edit(lambda o: edits.limitation(o, limitation, present))

    def set_perfusion(self, core_ml: float | None, hypoperfusion_ml: float | None) -> None:
        """Perfusion volumes as read; None when perfusion was not read."""
        self._session.edit(lambda o: edits.perfusion(o, core_ml, hypoperfusion_ml))

    def set_hir(self, hir: float | None) -> None:
        """The hypoperfusion intensity ratio read (perfusion must be read); None: not given."""
        self._session.edit(lambda o: edits.hir(o, hir))

    def offer_analysis(self, summary: Mapping[str, Any]) -> Offer:
        """Prefill the empty perfusion / MR fields from the analysis' ``summary.json`` as
        suggestions awaiting confirmation (:func:`app.opinion.analysis.suggest_from_analysis`);
        raises :class:`~app.opinion.analysis.AnalysisSummaryError` on a malformed summary."""
        offers: list[Offer] = []
        self._session.edit(lambda o: offers.append(suggest_from_analysis(o, summary)))
        return offers[0]

    def confirm_suggestions(self, section: str) -> None:
        """The radiologist confirms the values the analysis suggested for ``section``
        (``"perfusion"`` or ``"mr"``)."""
        if section not in ("perfusion", "mr"):
            raise ValueError(f"section: {section!r} is not 'perfusion' or 'mr'")
        self._session.edit(lambda o: m.confirm_suggestions(getattr(o, section)))

    def set_occlusion_statement(self, value: str) -> None:
        """Absent, present, not assessed (a :class:`~app.opinion.model.Finding` value) or
        :data:`~app.opinion.model.NO_ANGIOGRAPHY`."""
        self._session.edit(lambda o: edits.occlusion_statement(o, value))

    def set_phoned(self, to: str, at: dt.time | None) -> None:
        """ "Result phoned to Dr … at …"; a time alone (HH:MM) goes on the date that makes it
        the latest past time by the clock (:func:`app.reading.edits.phoned`); blank name: none."""
        now = self._session.clock()
        self._session.edit(lambda o: edits.phoned(o, to, at, now))

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
        session = self._session
        session._writable()
        in_series = {
            str(ds.SOPInstanceUID)
            for ds in session.headers
            if str(ds.SeriesInstanceUID) == series_uid
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
        index = len(session.opinion.key_images)
        session.drafts.save_snapshot(session.case, index, pixels)  # at once: a capture is precious
        session._snapshots[index] = pixels
        session.opinion.key_images.append(key)
        session._dirty = True
        session.save_draft()
        session._notify()
        return index

    def remove_key_image(self, index: int) -> None:
        session = self._session
        session._writable()
        snapshots = session._snapshots
        count = len(session.opinion.key_images)
        if not 0 <= index < count:
            raise SessionError("there is no such key image")
        for later in range(index + 1, count):
            if later in snapshots:
                session.drafts.save_snapshot(session.case, later - 1, snapshots[later])
                snapshots[later - 1] = snapshots[later]
        snapshots.pop(count - 1, None)
        session.drafts.remove_snapshot(session.case, count - 1)
        del session.opinion.key_images[index]
        session._dirty = True
        session.save_draft()
        session._notify()

    def snapshot(self, index: int) -> np.ndarray | None:
        return self._session._snapshots.get(index)
