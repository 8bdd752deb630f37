"""Edits of a draft opinion, as the opinion panel makes them: plain functions, no Qt.

Each function changes an :class:`~app.opinion.model.Opinion` in place and
keeps its lists in a fixed order (the order of the enumerations), so that
ticking boxes in any order gives the same draft. :func:`settled` is what is
signed: the details the panel hides (a finding that is not PRESENT) are left
out, and :func:`signing_seed` fixes its UIDs from its content.
:class:`app.reading.session.OpinionSession` applies these edits through
:meth:`~app.reading.session.OpinionSession.edit`.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

from app.opinion import model as m
from app.opinion.identity import PatientIdentity
from app.opinion.schema import opinion_to_json
from app.worklist.model import Request

E = TypeVar("E", bound=Enum)


def toggled(values: Sequence[E], value: E, present: bool, order: Sequence[E]) -> list[E]:
    """``values`` with ``value`` added (``present``) or removed, in the order of ``order``."""
    others = [v for v in values if v is not value]
    chosen = [*others, value] if present else others
    return sorted(chosen, key=list(order).index)


def series_read(
    o: m.Opinion, uid: str, read: bool, *, kind: m.SeriesKind, description: str,
    lossy: bool, order: Sequence[str],
) -> None:  # fmt: skip
    """List (or unlist) a series as read, in the case's series order.

    Reading a lossy-compressed series ((0028,2110) Lossy Image Compression 01)
    adds that limitation.
    """
    listed = [s for s in o.series_read if s.series_instance_uid != uid]
    if read:
        listed.append(m.SeriesRead(uid, kind, description))
        if lossy and m.Limitation.LOSSY_COMPRESSION not in o.limitations:
            o.limitations = toggled(
                o.limitations, m.Limitation.LOSSY_COMPRESSION, True, list(m.Limitation)
            )
    rank = {u: i for i, u in enumerate(order)}
    o.series_read = sorted(listed, key=lambda s: rank.get(s.series_instance_uid, len(rank)))


def series_kind(o: m.Opinion, uid: str, kind: m.SeriesKind) -> None:
    """The kind of a series already listed as read (e.g. a CT found angiographic)."""
    for s in o.series_read:
        if s.series_instance_uid == uid:
            s.kind = kind


def aspects_side(o: m.Opinion, side: m.Side | None) -> None:
    """Score ASPECTS on ``side`` (the symptomatic hemisphere); None: not scored."""
    if side is None:
        o.ischaemia.aspects = None
    elif o.ischaemia.aspects is None:
        o.ischaemia.aspects = m.Aspects(side=side)
    else:
        o.ischaemia.aspects.side = side


def aspects_region(o: m.Opinion, region: m.AspectsRegion, affected: bool) -> None:
    """Tick or untick an ASPECTS region (raises ValueError when ASPECTS is not scored)."""
    aspects = o.ischaemia.aspects
    if aspects is None:
        raise ValueError("choose the hemisphere ASPECTS is scored on first")
    aspects.affected = toggled(aspects.affected, region, affected, list(m.AspectsRegion))


def pc_aspects_scored(o: m.Opinion, scored: bool) -> None:
    if not scored:
        o.ischaemia.pc_aspects = None
    elif o.ischaemia.pc_aspects is None:
        o.ischaemia.pc_aspects = m.PcAspects()


def pc_aspects_region(o: m.Opinion, region: m.PcAspectsRegion, affected: bool) -> None:
    """Tick or untick a pc-ASPECTS region (scoring pc-ASPECTS if it was not)."""
    if o.ischaemia.pc_aspects is None:
        o.ischaemia.pc_aspects = m.PcAspects()
    pc = o.ischaemia.pc_aspects
    pc.affected = toggled(pc.affected, region, affected, list(m.PcAspectsRegion))


def haemorrhage_type(o: m.Opinion, kind: m.HaemorrhageType, present: bool) -> None:
    o.haemorrhage.types = toggled(o.haemorrhage.types, kind, present, list(m.HaemorrhageType))


def occlusion_site(
    o: m.Opinion, site: m.OcclusionSite, occluded: bool, side: m.Side | None = None
) -> None:
    """Tick (with its side; none on the midline) or untick an occluded vessel."""
    sites = [s for s in o.occlusion.sites if s.site is not site]
    if occluded:
        sites.append(m.VesselOcclusion(site, None if site in m.MIDLINE_SITES else side))
    order = list(m.OcclusionSite)
    o.occlusion.sites = sorted(sites, key=lambda s: order.index(s.site))


def occlusion_statement(o: m.Opinion, value: str) -> None:
    """The occlusion question answered: a :class:`~app.opinion.model.Finding` value, or
    :data:`~app.opinion.model.NO_ANGIOGRAPHY` ("no angiography available")."""
    if value == m.NO_ANGIOGRAPHY:
        o.occlusion.status, o.occlusion.no_angiography = m.Finding.NOT_ASSESSED, True
    else:
        o.occlusion.status, o.occlusion.no_angiography = m.Finding(value), False


def limitation(o: m.Opinion, which: m.Limitation, present: bool) -> None:
    o.limitations = toggled(o.limitations, which, present, list(m.Limitation))


def perfusion(o: m.Opinion, core_ml: float | None, hypoperfusion_ml: float | None) -> None:
    """Perfusion volumes as read; None for either when perfusion was not read."""
    if core_ml is None or hypoperfusion_ml is None:
        o.perfusion = None
    elif o.perfusion is None:
        o.perfusion = m.Perfusion(core_ml, hypoperfusion_ml)
    else:
        o.perfusion.core_ml, o.perfusion.hypoperfusion_ml = core_ml, hypoperfusion_ml


def hir(o: m.Opinion, value: float | None) -> None:
    """The hypoperfusion intensity ratio; refused while perfusion is not read."""
    if o.perfusion is None:
        raise ValueError("perfusion: mark perfusion as read before giving the HIR")
    o.perfusion.hir = value


def phoned(o: m.Opinion, to: str, at: dt.time | None, now: dt.datetime) -> None:
    """ "Result phoned to Dr … at …"; a blank name: none; ``at`` None: ``now``.

    A time typed without a date (HH:MM) is put on the date that makes it the
    most recent past time at ``now`` (:func:`last_time_at`): 23:50 typed at
    00:10 is yesterday, never a time to come. The same time typed again (e.g.
    only the name changed) keeps the date it was given.
    """
    if not to.strip():
        o.phoned = None
        return
    if at is None:
        when = now
    elif o.phoned is not None and o.phoned.at.time().replace(second=0, microsecond=0) == (
        at.replace(second=0, microsecond=0)
    ):
        when = o.phoned.at
    else:
        when = last_time_at(at, now)
    o.phoned = m.PhoneCall(to=to, at=when.replace(microsecond=0))  # as typed


#: A phone's clock and the PC's disagree a little: a time this much ahead is today's.
CLOCK_SKEW = dt.timedelta(minutes=5)


def last_time_at(at: dt.time, now: dt.datetime) -> dt.datetime:
    """The latest moment not after ``now`` (give or take :data:`CLOCK_SKEW`) whose clock
    time (in ``now``'s zone) is ``at``: today's when it has passed, else yesterday's."""
    today = dt.datetime.combine(now.date(), at.replace(tzinfo=None), now.tzinfo)
    if today <= now + CLOCK_SKEW:
        return today
    return dt.datetime.combine(
        now.date() - dt.timedelta(days=1), at.replace(tzinfo=None), now.tzinfo
    )


def settled(opinion: m.Opinion, kind: m.ReportKind) -> m.Opinion:
    """What is signed: a copy of kind ``kind`` without the details of findings not present.

    The panel hides the details of a finding that is not PRESENT (haemorrhage
    types, side and ABC/2; occluded vessels; the side of early ischaemic
    signs; ASPECTS regions when early signs are absent; ASPECTS and
    pc-ASPECTS altogether while early signs are not assessed; the reason of a
    thrombolysis that is not contraindicated); names are trimmed. The draft keeps them, so a
    slip of the key loses nothing; the signed opinion leaves out what the
    screen did not show.
    """
    o = copy.deepcopy(opinion)
    o.kind = kind
    if o.ischaemia.early_signs is m.Finding.NOT_ASSESSED:  # no score without early signs
        o.ischaemia.aspects = o.ischaemia.pc_aspects = None
    if o.occlusion.status is not m.Finding.NOT_ASSESSED:
        o.occlusion.no_angiography = False
    h = o.haemorrhage
    if h.status is not m.Finding.PRESENT:
        h.types, h.side, h.abc = [], None, None
    if o.occlusion.status is not m.Finding.PRESENT:
        o.occlusion.sites = []
    isch = o.ischaemia
    if isch.early_signs is m.Finding.ABSENT:
        if isch.aspects is not None:
            isch.aspects.affected = []
        if isch.pc_aspects is not None:
            isch.pc_aspects.affected = []
    if isch.early_signs is not m.Finding.PRESENT:
        isch.side = None
    if o.phoned is not None:
        o.phoned.to = o.phoned.to.strip()
    if o.recommendation.thrombolysis is not m.ThrombolysisAdvice.CONTRAINDICATED:
        o.recommendation.thrombolysis_reason = ""
    return o


def signing_seed(case: str, candidate: m.Opinion) -> str:
    """The signing seed: the case and the opinion's whole content."""
    text = case + "\n" + opinion_to_json(candidate, indent=None)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identity_of_request(request: Request) -> PatientIdentity:
    """The patient as the request (the UPS workitem's Patient attributes) states it."""
    return PatientIdentity(
        patient_id=request.patient_id,
        issuer_of_patient_id=request.issuer_of_patient_id,
        name=request.patient_name,
        birth_date=request.birth_date,
        sex=request.sex,
    )
