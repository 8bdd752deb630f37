"""Whether a series of a request is all on the hub (issue #9, safety invariant 6). No Qt.

The ED lists a series in the request's workitem ((0040,4021) Input
Information Sequence) only once it is wholly stored — or, when a send stops
part-way, as best it can with the count the series will have ((0020,1209)
Number of Series Related Instances, :attr:`protocol.request.InputSeries.expected`).
The case window, though, loads every series the study holds on the hub. So,
for a series with ``have`` images listed by the hub:

* listed with its expected count: whole when the workitem or the hub lists
  that many (:attr:`Arrival.WHOLE`), else :attr:`Arrival.SHORT` ("50 of 200");
* otherwise (not listed, or listed without a readable count): while the
  request is incomplete (:attr:`app.worklist.model.Request.incomplete`: Input
  Readiness INCOMPLETE / UNAVAILABLE, or fewer images listed than announced)
  it may still be arriving (:attr:`Arrival.UNCERTAIN`); once the request is
  complete, it is whole.

Neither :attr:`~Arrival.SHORT` nor :attr:`~Arrival.UNCERTAIN` is ever called
"complete" nor ticked as read automatically.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.worklist.model import Request

__all__ = ["Arrival", "SeriesArrival", "series_arrival"]


class Arrival(StrEnum):
    WHOLE = "whole"
    SHORT = "short"  # fewer images than the request announced for it
    UNCERTAIN = "uncertain"  # the ED's upload is not finished; its count is not known


@dataclass(frozen=True)
class SeriesArrival:
    """How a series stands: ``have`` images on the hub, ``expected`` announced (or None)."""

    state: Arrival
    have: int
    expected: int | None = None

    @property
    def whole(self) -> bool:
        return self.state is Arrival.WHOLE


def series_arrival(request: Request, series_uid: str, have: int) -> SeriesArrival:
    """How ``series_uid`` stands when the hub listed ``have`` of its images (module docstring)."""
    for series in request.inputs:
        if series.series_uid != series_uid or series.expected is None:
            continue  # an unreadable count is None too: the request is then incomplete
        on_hub = max(len(series.instances), have)
        if on_hub < series.expected:
            return SeriesArrival(Arrival.SHORT, on_hub, series.expected)
        return SeriesArrival(Arrival.WHOLE, on_hub, series.expected)
    if request.incomplete:
        return SeriesArrival(Arrival.UNCERTAIN, have)
    return SeriesArrival(Arrival.WHOLE, have)
