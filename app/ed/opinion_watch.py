"""Watching opinions arrive (the ED) and be read (the radiologist). No Qt, synchronous.

* :class:`OpinionWatcher` (ED side): each :meth:`~OpinionWatcher.poll_once`
  lists the site's requests (:func:`app.ed.site_requests.site_requests`) and calls
  ``on_new_opinion`` once for every opinion not seen before and not yet
  acknowledged — including those already waiting when the application
  starts — so the UI raises the tray alert and the sound.
* :class:`UnacknowledgedWatcher` (radiologist side): the opinions this
  radiologist delivered are watched until the ED acknowledges them; one
  still unacknowledged ``after`` its delivery (injected clock) calls
  ``on_overdue`` once, so the radiologist phones the ED. An acknowledgement
  calls ``on_acknowledged`` (the radiologist sees it was read). An
  acknowledgement of a later opinion answering the same request (the final
  after the preliminary, an amendment) counts for the earlier ones; one of
  the answer to another request for the same study does not.

The UI calls ``poll_once`` from a timer, off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.ed.site_requests import (
    LocalUpload,
    Memo,
    ReceivedOpinion,
    SiteRequest,
    acknowledgements_for,
    site_requests,
)
from app.hub.errors import HubError
from app.hub.protocol import Hub, StudiesService
from app.opinion.ack import Acknowledgement
from app.opinion.answers import answered_workitem
from app.outbox.item import DeliveryState, ItemStatus

log = logging.getLogger("app.ed.opinion_watch")


class OpinionWatcher:
    """The ED's view of its site's requests, polled; alerts on new opinions.

    ``window`` is how far back requests are listed; ``studies()`` gives the
    Study Instance UIDs the ED remembers sending and ``uploads()`` this
    workstation's sends by workitem UID (see :func:`site_requests`).
    Listeners get the refreshed list after each poll.
    """

    def __init__(
        self,
        hub: Hub,
        site: str,
        *,
        clock: Callable[[], dt.datetime],
        window: dt.timedelta = dt.timedelta(hours=24),
        on_new_opinion: Callable[[SiteRequest, ReceivedOpinion], None] | None = None,
        studies: Callable[[], list[str]] | None = None,
        uploads: Callable[[], Mapping[str, LocalUpload]] | None = None,
    ) -> None:
        self.hub = hub
        self.site = site
        self.clock = clock
        self.window = window
        self.on_new_opinion = on_new_opinion
        self.studies = studies
        self.uploads = uploads
        self.requests: list[SiteRequest] = []
        self._seen: set[str] = set()
        self._memo: Memo = {}
        self._listeners: list[Callable[[list[SiteRequest]], None]] = []

    def subscribe(self, listener: Callable[[list[SiteRequest]], None]) -> None:
        self._listeners.append(listener)

    def poll_once(self) -> list[tuple[SiteRequest, ReceivedOpinion]]:
        """Refresh the list; returns (and announces) the opinions new since the last poll.

        Raises :class:`app.hub.errors.HubError` when the hub fails (the list
        is kept as it was).
        """
        requests = site_requests(
            self.hub, self.site, since=self.clock() - self.window,
            studies=self.studies() if self.studies else (), memo=self._memo,
            uploads=self.uploads() if self.uploads else None,
        )  # fmt: skip
        new: list[tuple[SiteRequest, ReceivedOpinion]] = []
        for request in requests:
            for opinion in request.opinions:
                uid = opinion.document.sop_instance_uid
                if uid in self._seen:
                    continue
                self._seen.add(uid)
                if not opinion.acknowledged and opinion.is_current:
                    new.append((request, opinion))
        self.requests = requests
        for listener in list(self._listeners):
            listener(requests)
        if self.on_new_opinion is not None:
            for request, opinion in new:
                self.on_new_opinion(request, opinion)
        return new


@dataclass(frozen=True)
class SentOpinion:
    """An opinion delivered by this radiologist, waiting to be acknowledged."""

    study_uid: str
    sr_instance_uid: str
    sent_at: dt.datetime
    workitem_uid: str | None = None
    patient_name: str = ""  # for the screen only


@dataclass(frozen=True)
class Overdue:
    """Not acknowledged in time: the radiologist should phone the ED."""

    opinion: SentOpinion
    waited: dt.timedelta


class UnacknowledgedWatcher:
    """Opinions delivered and not yet acknowledged (see the module docstring)."""

    def __init__(
        self,
        hub: StudiesService,
        *,
        clock: Callable[[], dt.datetime],
        after: dt.timedelta = dt.timedelta(minutes=10),
        on_overdue: Callable[[Overdue], None] | None = None,
        on_acknowledged: Callable[[SentOpinion, Acknowledgement], None] | None = None,
    ) -> None:
        self.hub = hub
        self.clock = clock
        self.after = after
        self.on_overdue = on_overdue
        self.on_acknowledged = on_acknowledged
        self._watched: dict[str, SentOpinion] = {}
        self._alerted: set[str] = set()
        self._memo: Memo = {}

    def watch(self, opinion: SentOpinion) -> None:
        self._watched.setdefault(opinion.sr_instance_uid, opinion)

    def watch_delivered(self, status: ItemStatus) -> None:
        """An :meth:`app.outbox.store.Outbox.subscribe` listener: watch what gets delivered."""
        if status.state is DeliveryState.DELIVERED and status.delivered_at is not None:
            self.watch(
                SentOpinion(
                    status.study_uid, status.sr_instance_uid, status.delivered_at,
                    status.workitem_uid, status.patient_name,
                )
            )  # fmt: skip

    def waiting(self) -> list[SentOpinion]:
        """Opinions still waiting for their acknowledgement, oldest first."""
        return sorted(self._watched.values(), key=lambda o: o.sent_at)

    def poll_once(self) -> list[Overdue]:
        """Look for acknowledgements; returns (and announces) the opinions newly overdue."""
        now = self.clock()
        overdue: list[Overdue] = []
        for study_uid in {o.study_uid for o in self._watched.values()}:
            try:
                acks = acknowledgements_for(self.hub, study_uid, self._memo)
            except HubError as exc:
                log.warning("could not look for acknowledgements (%s)", type(exc).__name__)
                acks = None
            in_study = sorted(
                (o for o in self._watched.values() if o.study_uid == study_uid),
                key=lambda o: o.sent_at,
            )
            for index, sent in enumerate(in_study):
                request = self._request_of(sent)
                later = {
                    o.sr_instance_uid
                    for o in in_study[index:]
                    if o is sent or self._request_of(o) == request
                }
                ack = next((a for a in acks or [] if a.opinion.sop_instance_uid in later), None)
                if ack is not None:
                    del self._watched[sent.sr_instance_uid]
                    if self.on_acknowledged is not None:
                        self.on_acknowledged(sent, ack)
                elif now - sent.sent_at >= self.after and sent.sr_instance_uid not in self._alerted:
                    self._alerted.add(sent.sr_instance_uid)
                    overdue.append(Overdue(sent, now - sent.sent_at))
        if self.on_overdue is not None:
            for item in overdue:
                self.on_overdue(item)
        return overdue

    def _request_of(self, sent: SentOpinion) -> str:
        """The workitem an opinion answers: as delivered, else as its SR names it ('' unknown)."""
        if sent.workitem_uid:
            return sent.workitem_uid
        sr = self._memo.get(sent.sr_instance_uid)
        return answered_workitem(sr) if sr is not None else ""
