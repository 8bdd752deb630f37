"""Requests for the same study: found once, flagged on both sides (ED and radiologist).

Two EDs (or one ED twice) may ask about the same study; each request is its
own UPS workitem and gets its own opinion, but whoever sees one of them must
know the other exists, and when their last-known-well times differ (a
clinical fact that decides thrombolysis) that must show. No Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.worklist.model import OPEN_STATES, Request


def duplicate_requests(
    requests: Iterable[Request], states: Iterable[str] | None = OPEN_STATES
) -> dict[str, list[Request]]:
    """For each request sharing a study with another, the *other* requests on it.

    Keyed by workitem UID; a request alone on its studies is absent. Only
    requests in ``states`` ((0074,1000) Procedure Step State; the open ones by
    default, ``None`` for all) count. The others keep the order of ``requests``.
    """
    wanted = None if states is None else set(states)
    kept = [r for r in requests if wanted is None or r.state in wanted]
    by_study: dict[str, list[Request]] = {}
    for request in kept:
        for study in dict.fromkeys(request.study_uids):
            by_study.setdefault(study, []).append(request)
    found: dict[str, list[Request]] = {}
    for request in kept:
        others: dict[str, Request] = {}
        for study in request.study_uids:
            for other in by_study.get(study, []):
                if other.workitem_uid != request.workitem_uid:
                    others.setdefault(other.workitem_uid, other)
        if others:
            found[request.workitem_uid] = list(others.values())
    return found


def differing_lkw(request: Request, others: Iterable[Request]) -> list[dt.datetime]:
    """The last-known-well times of ``request`` and ``others`` when they are not all equal.

    Oldest first, each time once; empty when they agree (absent times are left out).
    """
    times = [r.last_known_well for r in (request, *others) if r.last_known_well is not None]
    distinct = sorted(set(times))
    return distinct if len(distinct) > 1 else []
