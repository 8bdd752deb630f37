"""A series not all on the hub is never ticked as read automatically (issue #9, safety
invariant 6), on a real minihub: the request announces (0020,1209) images per series;
the session compares it with what the workitem lists and the headers the hub listed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from app.hub.client import HttpHub
from app.reading.state import SessionError
from app.worklist.model import Request, request_from_workitem
from app.worklist.series_arrival import Arrival, SeriesArrival, series_arrival
from minihub.server import HubServer
from protocol.request import InputSeries, build_inputs_update
from tests.app.opinion_session_util import Desk, claimed_request
from tests.app.sending_util import FAST

NOW = dt.datetime(2025, 3, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def announcing(request: Request, expected: dict[str, int], listed: int | None = None) -> Request:
    """The request as if the ED had announced ``expected`` images for some series (and
    listed only the first ``listed`` instances of each)."""
    inputs = tuple(
        dataclasses.replace(
            s,
            expected=expected.get(s.series_uid),
            instances=list(s.instances)[:listed] if listed is not None else s.instances,
        )
        for s in request.inputs
    )
    return dataclasses.replace(request, inputs=inputs)


def test_only_whole_series_are_ticked_when_shown(tmp_path: Path) -> None:
    with HubServer(tmp_path / "hub") as server, HttpHub(server.base_url, retry=FAST) as hub:
        desk = Desk(tmp_path / "desk", server.base_url, lambda: NOW)
        case, request = claimed_request(hub, tmp_path / "study", desk)
        ncct, cta = case.study.series_uids()
        assert [len(s.instances) for s in request.inputs] == [2, 2]

        partial = announcing(request, {ncct: 5, cta: 2})  # 2 of 5 NCCT images on the hub
        session = desk.session(partial, case.study)
        assert session.series_incomplete(ncct) and not session.series_incomplete(cta)
        session.drafting.mark_series_read(ncct)
        session.drafting.mark_series_read(cta)
        assert session.read_series() == {cta}
        session.drafting.set_series_read(ncct, True)  # the radiologist may tick it knowingly
        assert session.read_series() == {ncct, cta}

        # the hub listed more than the workitem did (the upload went on): whole again
        listed_one = announcing(request, {ncct: 2}, listed=1)
        again = desk.session(listed_one, case.study)
        assert not again.series_incomplete(ncct) and again.read_series() == set()
        again.drafting.mark_series_read(ncct)
        assert ncct in again.read_series()


def test_a_series_the_workitem_does_not_list_yet_is_not_ticked_until_the_upload_ends(
    tmp_path: Path,
) -> None:
    """The ED lists a series once wholly stored; the viewer lists every series on the hub.
    While the request is incomplete, a series not listed with a count it reached may
    still be arriving: never ticked automatically, until the newer request says READY."""
    with HubServer(tmp_path / "hub") as server, HttpHub(server.base_url, retry=FAST) as hub:
        desk = Desk(tmp_path / "desk", server.base_url, lambda: NOW)
        case, request = claimed_request(hub, tmp_path / "study", desk)
        ncct, cta = case.study.series_uids()
        transaction = desk.claims.get(server.base_url, case.workitem_uid)
        assert transaction

        def update(inputs: list[InputSeries], readiness: str) -> Request:
            body = build_inputs_update(
                request.clinical, inputs, readiness=readiness, images_expected=4
            )
            hub.update_workitem(case.workitem_uid, transaction, body)
            return request_from_workitem(hub.retrieve_workitem(case.workitem_uid))

        whole = [dataclasses.replace(s, expected=len(s.instances)) for s in request.inputs]
        partial = update([s for s in whole if s.series_uid == ncct], "INCOMPLETE")
        assert partial.incomplete and (partial.images_listed, partial.images_expected) == (2, 4)
        assert [s.series_uid for s in partial.inputs] == [ncct]

        session = desk.session(partial, case.study)  # the hub holds both: both are listed
        assert not session.series_incomplete(ncct)  # listed, its 2 of 2 images there
        assert session.series_incomplete(cta)  # on the hub, not listed: may still arrive
        session.drafting.mark_series_read(ncct)
        session.drafting.mark_series_read(cta)
        assert session.read_series() == {ncct}

        # listed without a count while the upload is unfinished: may be incomplete too
        uncounted = update([dataclasses.replace(whole[0], expected=None)], "INCOMPLETE")
        assert desk.session(uncounted, case.study).series_incomplete(ncct)

        # the ED's upload ended: the main window passes the newer request to the session
        ready = update(whole, "READY")
        assert not ready.incomplete
        changes: list[int] = []
        session.subscribe(lambda: changes.append(1))
        session.update_request(ready)
        assert changes and session.request is ready
        assert not session.series_incomplete(cta)
        session.drafting.mark_series_read(cta)
        assert session.read_series() == {ncct, cta}
        session.update_request(ready)  # the same request again: nothing to tell
        assert len(changes) == 2  # the update, then the tick

        other = dataclasses.replace(ready, workitem_uid="2.25.1")
        with pytest.raises(SessionError):
            session.update_request(other)


def test_series_arrival_words_each_case() -> None:
    """Whole, short ("2 of 5") or uncertain (not listed while the upload is unfinished)."""
    listed = InputSeries("1.2", "1.2.1", [("1.2.840.10008.5.1.4.1.1.2", "1.2.1.1")], "", 5)
    unlisted_count = InputSeries("1.2", "1.2.2", [("1.2.840.10008.5.1.4.1.1.2", "1.2.2.1")], "")
    base = Request("2.25.7", "IN PROGRESS", "HIGH", inputs=(listed, unlisted_count))
    done = dataclasses.replace(base, readiness="READY")
    unfinished = dataclasses.replace(base, readiness="INCOMPLETE", incomplete=True)

    assert series_arrival(done, "1.2.1", 1) == SeriesArrival(Arrival.SHORT, 1, 5)
    assert series_arrival(done, "1.2.1", 5).whole  # the hub listed them all
    assert series_arrival(unfinished, "1.2.1", 5) == SeriesArrival(Arrival.WHOLE, 5, 5)
    assert series_arrival(done, "1.2.2", 1).whole and series_arrival(done, "1.2.9", 3).whole
    assert series_arrival(unfinished, "1.2.2", 1).state is Arrival.UNCERTAIN  # no count
    assert series_arrival(unfinished, "1.2.9", 3) == SeriesArrival(Arrival.UNCERTAIN, 3)
