"""The emergency department's side: its requests, the opinions received, the acknowledgement.

No Qt, synchronous, the hub injected (``strokelink --role ed`` wires it).
Answers are read from the **study**, not only from the workitem: a hub may
delete completed workitems, and a completed workitem can no longer change.

* :func:`opinions_for_study` — QIDO-RS for the study's Comprehensive SR
  instances, each read with :func:`app.opinion.render.opinion_from_sr`,
  with the Encapsulated PDF that (0042,0013) Source Instance Sequence ties to
  each SR and the key images (Secondary Capture snapshots) the SR cites;
  ordered preliminary, final, amendments (by signing time).
* :func:`site_requests` — the site's requests (UPS workitems whose
  (0040,A370) > (0032,1033) Requesting Service is the site) with their state:
  waiting, upload interrupted, being read by Dr X, preliminary answer,
  answered, canceled.
* :func:`acknowledge` — "read by Dr Y at T" as a new object in the study
  (:mod:`app.opinion.ack`), stored once: acknowledging again returns the
  first acknowledgement. :func:`acknowledgements_for` reads them back.

Several requests may name the same study. An opinion answers the request
(workitem) its SR names in (0008,1111) (:mod:`app.opinion.answers`), never
"the study": it is attached to that request only. An opinion naming no
request (written before they were named) is attached only when the study has
a single request; otherwise it is listed on its own row, *unmatched*, for the
ED to read without it answering any request. Acknowledgements name their
request the same way. Each request also lists the other open requests for
its study (:func:`app.worklist.duplicates.duplicate_requests`).

SR instances never change (same UID, same content), so parsed ones are kept
in a ``memo`` dict the caller may pass from one poll to the next.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

import pydicom
from pydicom.dataset import Dataset

from app.hub.errors import HubError, NotFound
from app.hub.protocol import Hub, JsonDataset, StudiesService
from app.hub.stow import dataset_bytes
from app.hub.ups import CANCELED, COMPLETED, IN_PROGRESS, SCHEDULED, state_of
from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.ack import (
    Acknowledgement,
    acknowledgement_uids,
    build_acknowledgement,
    is_acknowledgement,
    read_acknowledgement,
)
from app.opinion.answers import answered_workitem
from app.opinion.identity import normalise_name
from app.opinion.render import document_of, first, is_opinion, opinion_from_sr
from app.opinion.wording import Verdict, verdicts
from app.worklist.duplicates import duplicate_requests
from app.worklist.model import Request, read_or_placeholder, request_from_workitem

log = logging.getLogger("app.ed.site_requests")

COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
DUPLICATE = 0x0111
Memo = MutableMapping[str, Dataset]


class AuditTrail(Protocol):
    def append(self, what: str, **fields: Any) -> Any: ...


class AcknowledgementNotStored(HubError):
    """The hub did not store the acknowledgement (the reason says why)."""


@dataclass(frozen=True)
class ReceivedOpinion:
    """One opinion SR found in a study, with what belongs to it."""

    document: m.DocumentRef  # the SR
    opinion: m.Opinion  # read back from the SR (no request, no JSON-only fields)
    pdf: m.DocumentRef | None = None
    key_images: tuple[m.DocumentRef, ...] = ()  # the annotated snapshots (SC)
    acknowledgements: tuple[Acknowledgement, ...] = ()
    superseded_by: str = ""  # SOP Instance UID of the opinion that replaces this one
    sr: Dataset | None = field(default=None, compare=False, repr=False)
    workitem_uid: str = ""  # the request it answers ((0008,1111)); '' when the SR names none

    @property
    def kind(self) -> m.ReportKind:
        return self.opinion.kind

    @property
    def is_amendment(self) -> bool:
        return self.opinion.is_amendment

    @property
    def signed_at(self) -> dt.datetime | None:
        return self.opinion.signed_at

    @property
    def radiologist(self) -> str:
        """The signing radiologist's DICOM person name ('' if the SR has none)."""
        return self.opinion.radiologist.name if self.opinion.radiologist else ""

    @property
    def verdicts(self) -> list[Verdict]:
        """Verdict first: haemorrhage, occlusion, thrombolysis, thrombectomy."""
        return verdicts(self.opinion)

    @property
    def acknowledged(self) -> bool:
        return bool(self.acknowledgements)

    @property
    def is_current(self) -> bool:
        """Not replaced by a later opinion (final after preliminary, or an amendment)."""
        return not self.superseded_by


class RequestState(StrEnum):
    WAITING = "waiting"  # nobody reads it yet
    INTERRUPTED = "upload interrupted"  # unanswered, images missing: see SiteRequest.interrupted
    BEING_READ = "being read"  # claimed: see SiteRequest.reader
    PRELIMINARY = "preliminary answer"  # a preliminary opinion is in the study
    ANSWERED = "answered"  # a final opinion is in the study (or the request is COMPLETED)
    CANCELED = "canceled"


@dataclass(frozen=True)
class LocalUpload:
    """How this workstation's send of a request stands (:class:`app.ed.request.state.RequestState`).

    ``status`` is sending, failed, cancelled or done; ``active`` a send running
    now (in this application), which is not an interruption.
    """

    request_id: str
    status: str
    stored: int = 0
    total: int = 0
    active: bool = False

    @property
    def resumable(self) -> bool:
        return not self.active and self.status != "done"


@dataclass(frozen=True)
class SiteRequest:
    """One request of the site, as the ED sees it.

    ``opinions`` answer this request (its workitem). A row with
    ``request`` None stands for what only the study still shows: the answers
    to one workitem no longer on the hub (``workitem_uid``), or, with
    ``unmatched``, opinions that name no request in a study with several.
    ``same_study`` are the other open requests for the same study;
    ``upload`` this workstation's send of the request, when it made one.
    ``interrupted``: its images stopped short of the hub (:func:`interrupted`),
    whatever the answers: a preliminary opinion on the NCCT does not make
    the CTA whose upload failed arrive. ``state`` is INTERRUPTED only while
    nobody answered the request; otherwise the flag stands beside its state.
    """

    study_uid: str
    state: RequestState
    reader: str = ""  # the radiologist (DICOM PN) reading or having read it
    request: Request | None = None  # None when only the study remains (workitem deleted)
    opinions: tuple[ReceivedOpinion, ...] = ()
    workitem_uid: str = ""
    unmatched: bool = False
    same_study: tuple[Request, ...] = ()
    upload: LocalUpload | None = None
    interrupted: bool = False

    @property
    def resumable(self) -> bool:
        """Interrupted, and this workstation can send what is missing (same workitem)."""
        return self.interrupted and self.upload is not None and self.upload.resumable

    @property
    def workitem(self) -> str:
        """The workitem this row stands for ('' for unmatched opinions or an unknown one)."""
        return self.request.workitem_uid if self.request is not None else self.workitem_uid

    @property
    def latest(self) -> ReceivedOpinion | None:
        """The opinion that counts now: the last one not replaced."""
        current = [o for o in self.opinions if o.is_current]
        return current[-1] if current else (self.opinions[-1] if self.opinions else None)

    @property
    def acknowledged(self) -> bool:
        latest = self.latest
        return latest is not None and latest.acknowledged


# --------------------------------------------------------------------------- reading the study


def _value(item: JsonDataset, tag: str) -> str:
    values = (item.get(tag) or {}).get("Value") or [""]
    return str(values[0])


def _instances(hub: StudiesService, study_uid: str, sop_class: str) -> list[JsonDataset]:
    try:
        return hub.search_instances(study_uid, filters={"SOPClassUID": sop_class})
    except NotFound:
        return []


def _load(hub: StudiesService, study_uid: str, item: JsonDataset, memo: Memo) -> Dataset:
    sop = _value(item, "00080018")
    if sop not in memo:
        data = hub.retrieve_instance(study_uid, _value(item, "0020000E"), sop)
        memo[sop] = pydicom.dcmread(io.BytesIO(data))
    return memo[sop]


def study_reports(
    hub: StudiesService, study_uid: str, memo: Memo | None = None
) -> tuple[list[Dataset], list[Acknowledgement]]:
    """The study's opinion SRs and acknowledgements (other SRs are left out)."""
    memo = {} if memo is None else memo
    opinions: list[Dataset] = []
    acks: list[Acknowledgement] = []
    for item in _instances(hub, study_uid, COMPREHENSIVE_SR):
        ds = _load(hub, study_uid, item, memo)
        if is_opinion(ds):
            opinions.append(ds)
        elif is_acknowledgement(ds):
            try:
                acks.append(read_acknowledgement(ds))
            except ValueError:
                log.warning("an acknowledgement SR in the study could not be read; ignored")
    return opinions, sorted(acks, key=lambda a: a.at)


def acknowledgements_for(
    hub: StudiesService, study_uid: str, memo: Memo | None = None
) -> list[Acknowledgement]:
    """Every acknowledgement stored in the study, oldest first."""
    return study_reports(hub, study_uid, memo)[1]


def _pdfs(hub: StudiesService, study_uid: str, memo: Memo) -> dict[str, m.DocumentRef]:
    """Encapsulated PDFs of the study by the SR they were made from ((0042,0013))."""
    found: dict[str, m.DocumentRef] = {}
    for item in _instances(hub, study_uid, ENCAPSULATED_PDF):
        sop, series = _value(item, "00080018"), _value(item, "0020000E")
        key = f"metadata:{sop}"
        if key not in memo:
            meta = hub.retrieve_instance_metadata(study_uid, series, sop)
            memo[key] = Dataset.from_json({t: v for t, v in meta.items() if t == "00420013"})
        for source in memo[key].get("SourceInstanceSequence", []):
            found[str(source.ReferencedSOPInstanceUID)] = m.DocumentRef(
                study_uid, series, sop, ENCAPSULATED_PDF
            )
    return found


def key_images_of(sr: Dataset) -> tuple[m.DocumentRef, ...]:
    """The snapshots the opinion SR cites as best illustration of its key images."""
    series_of: dict[str, str] = {}
    for study in sr.get("CurrentRequestedProcedureEvidenceSequence", []):
        for series in study.ReferencedSeriesSequence:
            for ref in series.ReferencedSOPSequence:
                series_of[str(ref.ReferencedSOPInstanceUID)] = str(series.SeriesInstanceUID)
    section = first(sr, c.KEY_IMAGES)
    found = []
    for item in [] if section is None else section.get("ContentSequence", []):
        shot = first(item, c.BEST_ILLUSTRATION)
        if shot is None:
            continue
        ref = shot.ReferencedSOPSequence[0]
        uid = str(ref.ReferencedSOPInstanceUID)
        found.append(
            m.DocumentRef(
                str(sr.StudyInstanceUID),
                series_of.get(uid, ""),
                uid,
                str(ref.ReferencedSOPClassUID),
            )
        )
    return tuple(found)


def _order(o: ReceivedOpinion) -> tuple[dt.datetime, int, int]:
    when = o.signed_at or dt.datetime.min.replace(tzinfo=dt.UTC)
    return when, 0 if o.kind is m.ReportKind.PRELIMINARY else 1, int(o.is_amendment)


def opinions_for_study(
    hub: StudiesService, study_uid: str, memo: Memo | None = None
) -> list[ReceivedOpinion]:
    """The opinions in a study, preliminary, final, amendments (by signing time)."""
    memo = {} if memo is None else memo
    reports, acks = study_reports(hub, study_uid, memo)
    if not reports:
        return []
    pdfs = _pdfs(hub, study_uid, memo)
    replaced: dict[str, str] = {}
    read = []
    for ds in reports:
        opinion = opinion_from_sr(ds)
        for predecessor in opinion.predecessors:
            replaced[predecessor.sop_instance_uid] = str(ds.SOPInstanceUID)
        read.append((ds, opinion))
    received = [
        ReceivedOpinion(
            document=document_of(ds),
            opinion=opinion,
            pdf=pdfs.get(str(ds.SOPInstanceUID)),
            key_images=key_images_of(ds),
            acknowledgements=tuple(
                a for a in acks if a.opinion.sop_instance_uid == str(ds.SOPInstanceUID)
            ),
            superseded_by=replaced.get(str(ds.SOPInstanceUID), ""),
            sr=ds,
            workitem_uid=answered_workitem(ds),
        )
        for ds, opinion in read
    ]
    return sorted(received, key=_order)


# --------------------------------------------------------------------------- the site's requests


def _performer(workitem: JsonDataset) -> str:
    """(0040,4035) > (0040,4037): at the top level, else in (0074,1216)."""
    places = [workitem]
    performed = (workitem.get("00741216") or {}).get("Value") or []
    places += [p for p in performed if isinstance(p, dict)]
    for place in places:
        for person in (place.get("00404035") or {}).get("Value") or []:
            for name in (person.get("00404037") or {}).get("Value") or []:
                text = name.get("Alphabetic", "") if isinstance(name, dict) else str(name)
                if text:
                    return str(text)
    return ""


def _state(workitem_state: str, opinions: Iterable[ReceivedOpinion]) -> RequestState:
    opinions = list(opinions)
    if any(o.kind is m.ReportKind.FINAL for o in opinions):
        return RequestState.ANSWERED
    if opinions:
        return RequestState.PRELIMINARY
    return {
        SCHEDULED: RequestState.WAITING,
        IN_PROGRESS: RequestState.BEING_READ,
        COMPLETED: RequestState.ANSWERED,
        CANCELED: RequestState.CANCELED,
    }.get(workitem_state, RequestState.WAITING)


def interrupted(workitem_state: str, request: Request, upload: LocalUpload | None) -> bool:
    """Whether the images of a request stopped short of the hub, answered or not.

    This workstation's send of it stopped (failed, cancelled, or left
    "sending" by a crash) and is not running now: resumable whatever the
    opinions, as long as the request is not cancelled. Sent from elsewhere
    (``upload`` None), or by a send here that finished: the workitem says
    (0040,4041) Input Readiness State INCOMPLETE while it is still open.
    """
    if workitem_state == CANCELED:
        return False
    if upload is not None and upload.active:
        return False
    if upload is not None and upload.status != "done":
        return True
    if workitem_state not in (SCHEDULED, IN_PROGRESS):
        return False
    return request.readiness == "INCOMPLETE" and upload is None


def _since(when: dt.datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("'since' needs a time zone")
    return when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S") + "+0000-"


def same_site(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _answering(opinion: ReceivedOpinion, workitem_uid: str) -> ReceivedOpinion:
    """``opinion`` as an answer to ``workitem_uid``: with the acknowledgements of that request."""
    acks = tuple(a for a in opinion.acknowledgements if a.workitem_uid in ("", workitem_uid))
    return replace(opinion, acknowledgements=acks) if acks != opinion.acknowledgements else opinion


def match_opinions(
    opinions: Iterable[ReceivedOpinion], requests: Iterable[str]
) -> tuple[dict[str, list[ReceivedOpinion]], list[ReceivedOpinion]]:
    """The study's opinions by the workitem they answer, and those that cannot be matched.

    ``requests`` are the workitem UIDs known to name the study. An opinion
    naming its workitem answers that one (known or not); one naming none
    answers the study's request only when the study has exactly one
    (counting those the other opinions name), else it is unmatched.
    """
    opinions = list(opinions)
    known = set(requests) | {o.workitem_uid for o in opinions if o.workitem_uid}
    matched: dict[str, list[ReceivedOpinion]] = {}
    unmatched: list[ReceivedOpinion] = []
    for opinion in opinions:
        uid = opinion.workitem_uid or (next(iter(known)) if len(known) == 1 else "")
        if uid:
            matched.setdefault(uid, []).append(_answering(opinion, uid))
        else:
            unmatched.append(opinion)
    return matched, unmatched


def _reader(workitem: JsonDataset | None, opinions: list[ReceivedOpinion]) -> str:
    """Who answered (the signer of the answer that counts), else who claimed the request."""
    current = [o for o in opinions if o.is_current] or opinions
    if current and current[-1].radiologist:
        return current[-1].radiologist
    return _performer(workitem) if workitem is not None else ""


def site_requests(
    hub: Hub,
    site: str,
    *,
    since: dt.datetime,
    studies: Iterable[str] = (),
    memo: Memo | None = None,
    uploads: Mapping[str, LocalUpload] | None = None,
) -> list[SiteRequest]:
    """The site's requests sent since ``since``, newest first, with their state.

    ``site`` is compared with (0032,1033) Requesting Service (case and
    spaces aside). ``studies`` are Study Instance UIDs the ED knows it sent
    (kept locally): the answers in those with no workitem of the site any
    more are listed too, as answered, from the study alone (one row per
    request they answer). ``uploads`` are this workstation's sends by
    workitem UID (:func:`interrupted`). Opinions are matched to requests by
    :func:`match_opinions`.
    """
    memo = {} if memo is None else memo
    uploads = uploads or {}
    workitems = hub.search_workitems({"ScheduledProcedureStepStartDateTime": _since(since)})
    read = [(w, read_or_placeholder(w, request_from_workitem)) for w in workitems]
    on_study: dict[str, list[str]] = {}
    ours: dict[str, list[tuple[JsonDataset, Request]]] = {}
    for workitem, request in read:
        study_uid = (request.study_uids or (_value(workitem, "0020000D"),))[0]
        on_study.setdefault(study_uid, []).append(request.workitem_uid)
        if same_site(request.requesting_site, site):
            ours.setdefault(study_uid, []).append((workitem, request))
    others = duplicate_requests([r for _, r in read])
    found: list[SiteRequest] = []
    for study_uid, items in ours.items():
        opinions = opinions_for_study(hub, study_uid, memo) if study_uid else []
        matched, unmatched = match_opinions(opinions, on_study[study_uid])
        for workitem, request in items:
            answers = matched.get(request.workitem_uid, [])
            upload = uploads.get(request.workitem_uid)
            state = _state(state_of(workitem), answers)
            stopped = interrupted(state_of(workitem), request, upload)
            if stopped and state in (RequestState.WAITING, RequestState.BEING_READ):
                state = RequestState.INTERRUPTED
            found.append(
                SiteRequest(
                    study_uid, state, _reader(workitem, answers), request, tuple(answers),
                    same_study=tuple(others.get(request.workitem_uid, ())), upload=upload,
                    interrupted=stopped,
                )
            )  # fmt: skip
        # Answers to a request of the study no longer listed (deleted once completed, or
        # sent before ``since``): from the study alone, never dropped.
        for uid, answers in matched.items():
            if uid not in on_study[study_uid]:
                found.append(_study_row(study_uid, answers, workitem_uid=uid))
        if unmatched:
            found.append(_study_row(study_uid, unmatched, unmatched=True))
    for study_uid in dict.fromkeys(studies):
        if study_uid in ours:
            continue
        opinions = opinions_for_study(hub, study_uid, memo)
        matched, unmatched = match_opinions(opinions, ())
        for uid, answers in matched.items():
            found.append(_study_row(study_uid, answers, workitem_uid=uid))
        if unmatched:  # none names a request: the study's only answer, as before they did
            found.append(_study_row(study_uid, unmatched, unmatched=bool(matched)))
    return sorted(found, key=_newest, reverse=True)


def _study_row(
    study_uid: str,
    opinions: list[ReceivedOpinion],
    *,
    workitem_uid: str = "",
    unmatched: bool = False,
) -> SiteRequest:
    state = _state("", opinions)
    return SiteRequest(
        study_uid, state, _reader(None, opinions), None, tuple(opinions),
        workitem_uid=workitem_uid, unmatched=unmatched,
    )  # fmt: skip


def _newest(r: SiteRequest) -> dt.datetime:
    times = [o.signed_at for o in r.opinions if o.signed_at]
    if r.request is not None and r.request.scheduled is not None:
        times.append(r.request.scheduled)
    return max(times, default=dt.datetime.min.replace(tzinfo=dt.UTC))


# --------------------------------------------------------------------------- acknowledging


def acknowledge(
    hub: StudiesService,
    opinion: ReceivedOpinion,
    *,
    by: str,
    site: str,
    at: dt.datetime,
    comment: str = "",
    audit: AuditTrail | None = None,
    workitem_uid: str = "",
) -> Acknowledgement:
    """Store "read by ``by`` (of ``site``) at ``at``" in the opinion's study; idempotent.

    ``by`` is the ED physician's DICOM person name. The acknowledgement names
    the request it answers: the workitem the opinion names, else
    ``workitem_uid`` (the request an opinion naming none was shown under; ''
    for an unmatched one); it acknowledges that request only. If this
    physician already acknowledged this opinion for this request, that
    acknowledgement is returned and nothing is stored. Raises
    :class:`app.hub.errors.HubError` when the hub fails, ValueError when
    ``workitem_uid`` is not the request the opinion answers.
    """
    if not by.strip():
        raise ValueError("an acknowledgement needs the name of who read the opinion")
    if opinion.sr is None:
        raise ValueError("the opinion SR itself is needed to acknowledge it")
    if opinion.workitem_uid and workitem_uid and workitem_uid != opinion.workitem_uid:
        raise ValueError("this opinion answers another request")
    request_uid = opinion.workitem_uid or workitem_uid
    study_uid = opinion.document.study_instance_uid
    sr_uid = opinion.document.sop_instance_uid

    def already() -> Acknowledgement | None:
        for a in acknowledgements_for(hub, study_uid):
            if (
                a.opinion.sop_instance_uid == sr_uid
                and a.workitem_uid in ("", request_uid)
                and normalise_name(a.by) == normalise_name(by)
            ):
                return a
        return None

    existing = already()
    if existing is not None:
        return existing
    ack = Acknowledgement(
        opinion.document, by.strip(), site.strip(), at, comment, workitem_uid=request_uid
    )
    seed = f"{sr_uid}/{request_uid}" if request_uid else sr_uid
    series_uid, sop_uid = acknowledgement_uids(f"{seed}/{normalise_name(by)}")
    ds = build_acknowledgement(
        ack, header=opinion.sr, series_instance_uid=series_uid, sop_instance_uid=sop_uid
    )
    result = hub.store_instances([dataset_bytes(ds)], study_uid)
    if not result.ok:
        if any(f.reason_code == DUPLICATE for f in result.failed):
            existing = already()  # acknowledged at the same moment from another workstation
            if existing is not None:
                return existing
        raise AcknowledgementNotStored(
            f"the hub did not store the acknowledgement ({result.summary()})"
        )
    if audit is not None:
        try:
            audit.append(
                "ack", study_uid=study_uid, sop_instance_uid=sop_uid,
                document_uids=[sr_uid], outcome="ok",
                **({"workitem_uid": request_uid} if request_uid else {}),
            )  # fmt: skip
        except (ValueError, OSError) as exc:
            log.warning("the audit trail refused a record (%s)", type(exc).__name__)
    return read_acknowledgement(ds)
