"""Edits of issue #10 item 6, with an injected clock: "phoned at" typed as a time alone goes
on the most recent past date; ASPECTS never outlives early signs going back to not assessed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.opinion import model as m
from app.reading import edits

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute, second, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("typed", "now", "expected"),
    [
        (dt.time(23, 50), at(2, 0, 10), at(1, 23, 50)),  # across midnight: yesterday
        (dt.time(0, 5), at(2, 0, 10), at(2, 0, 5)),  # earlier today
        (dt.time(0, 10), at(2, 0, 10, 42), at(2, 0, 10)),  # this very minute: today
        # a minute ahead: the phone's clock is ahead of the PC's, not a call of yesterday
        (dt.time(0, 11), at(2, 0, 10, 42), at(2, 0, 11)),
        (dt.time(0, 30), at(2, 0, 10, 42), at(1, 0, 30)),  # well ahead: yesterday
        (dt.time(14, 35), at(1, 14, 40), at(1, 14, 35)),
    ],
)
def test_a_time_alone_is_the_most_recent_past_one(
    typed: dt.time, now: dt.datetime, expected: dt.datetime
) -> None:
    o = m.Opinion()
    edits.phoned(o, "Dr PETIT", typed, now)
    assert o.phoned is not None and o.phoned.at == expected
    assert o.phoned.at <= now + edits.CLOCK_SKEW and o.phoned.at.tzinfo is PARIS
    assert edits.last_time_at(typed, now) == expected


def test_across_a_change_of_month_and_year() -> None:
    now = dt.datetime(2025, 1, 1, 0, 2, tzinfo=PARIS)
    assert edits.last_time_at(dt.time(23, 58), now) == dt.datetime(
        2024, 12, 31, 23, 58, tzinfo=PARIS
    )


def test_the_same_time_keeps_its_date_when_only_the_name_changes() -> None:
    o = m.Opinion()
    edits.phoned(o, "Dr PETIT", dt.time(23, 50), at(1, 23, 55))  # typed before midnight
    assert o.phoned is not None and o.phoned.at == at(1, 23, 50)
    edits.phoned(o, "Dr Laurent PETIT", dt.time(23, 50), at(2, 0, 20))  # name fixed after it
    assert o.phoned is not None and o.phoned.at == at(1, 23, 50)
    assert o.phoned.to == "Dr Laurent PETIT"
    edits.phoned(o, "Dr Laurent PETIT", dt.time(0, 15), at(2, 0, 20))  # a new time: dated again
    assert o.phoned is not None and o.phoned.at == at(2, 0, 15)
    edits.phoned(o, "Dr Laurent PETIT", None, at(2, 0, 21))  # "Now"
    assert o.phoned is not None and o.phoned.at == at(2, 0, 21)
    edits.phoned(o, "  ", dt.time(0, 15), at(2, 0, 21))
    assert o.phoned is None


def scored() -> m.Opinion:
    o = m.Opinion()
    o.ischaemia.early_signs = m.Finding.PRESENT
    edits.aspects_side(o, m.Side.LEFT)
    edits.aspects_region(o, m.AspectsRegion.M2, True)
    edits.pc_aspects_region(o, m.PcAspectsRegion.PONS, True)
    return o


def test_early_signs_back_to_not_assessed_leaves_aspects_out_of_what_is_signed() -> None:
    o = scored()
    assert o.aspects_shown and edits.settled(o, m.ReportKind.FINAL).ischaemia.aspects is not None
    o.ischaemia.early_signs = m.Finding.NOT_ASSESSED
    assert not o.aspects_shown
    signed = edits.settled(o, m.ReportKind.FINAL)
    assert signed.ischaemia.aspects is None and signed.ischaemia.pc_aspects is None
    assert o.ischaemia.aspects is not None  # the draft keeps it: a slip of the key loses nothing
    o.ischaemia.early_signs = m.Finding.PRESENT
    again = edits.settled(o, m.ReportKind.FINAL).ischaemia
    assert again.aspects is not None and again.aspects.score == 9
    assert again.pc_aspects is not None and again.pc_aspects.score == 8


def test_early_signs_absent_keeps_a_score_of_ten() -> None:
    o = scored()
    o.ischaemia.early_signs = m.Finding.ABSENT
    signed = edits.settled(o, m.ReportKind.FINAL).ischaemia
    assert signed.aspects is not None and signed.aspects.score == 10


def test_the_occlusion_statement_no_angiography() -> None:
    o = m.Opinion()
    edits.occlusion_statement(o, m.NO_ANGIOGRAPHY)
    assert o.occlusion.no_angiography and o.occlusion.status is m.Finding.NOT_ASSESSED
    assert o.occlusion.statement == m.NO_ANGIOGRAPHY
    edits.occlusion_statement(o, m.Finding.ABSENT)
    assert not o.occlusion.no_angiography and o.occlusion.statement == "absent"


def test_a_time_a_minute_ahead_of_the_pc_clock_is_today() -> None:
    """The phone's clock is a little ahead of the PC's: 10:31 typed at 10:30:40 is today's."""
    from app.reading.edits import last_time_at

    now = dt.datetime(2025, 3, 1, 10, 30, 40, tzinfo=dt.UTC)
    assert last_time_at(dt.time(10, 31), now).date() == now.date()
    assert last_time_at(dt.time(10, 50), now).date() == dt.date(2025, 2, 28)  # clearly ahead
