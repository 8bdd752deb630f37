"""A request's state before it is sent: its key, its fresh state, its images on disk.

The :class:`~app.ed.request.state.RequestState` that :mod:`app.ed.request.send`
saves after every step starts here: :func:`request_key` recognises the same
request sent again (it then resumes), :func:`new_state` chooses the workitem UID
once, before anything is sent.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime

from pydicom import dcmread
from pydicom.uid import generate_uid

from app.ed.request.form import ClinicalForm
from app.ed.request.images import RequestImages, RequestSeries
from app.ed.request.state import RequestState, SeriesState
from app.opinion.identity import PatientIdentity

__all__ = ["new_state", "patient_of_files", "refresh_paths", "request_key", "series_state"]


def request_key(hub_url: str, images: RequestImages | None, form: ClinicalForm) -> str:
    """A digest of what is sent, so that sending the same request again resumes it."""
    content = {
        "hub": hub_url.rstrip("/"),
        "study": images.study_uid if images else "",
        "series": sorted(s.series_uid for s in images.series) if images else [],
        "form": form.to_json(),
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def new_state(
    hub_url: str, images: RequestImages | None, form: ClinicalForm, *, now: datetime
) -> RequestState:
    """A fresh state; the workitem UID is chosen here, once."""
    series = [series_state(s) for s in (images.series if images else ())]
    return RequestState(
        request_id=uuid.uuid4().hex,
        key=request_key(hub_url, images, form),
        hub_url=hub_url.rstrip("/"),
        workitem_uid=generate_uid(),
        created=now.isoformat(),
        form=form.to_json(),
        series=series,
        patient_from_form=images is None,
    )


def refresh_paths(state: RequestState, images: RequestImages) -> None:
    """The same images read from another place (a CD mounted elsewhere): use the new paths."""
    where = {
        sop: str(path)
        for s in images.series
        for path, (_, sop) in zip(s.paths, s.instances, strict=True)
    }
    for series in state.series:
        series.paths = [
            where.get(sop, path)
            for path, (_, sop) in zip(series.paths, series.instances, strict=True)
        ]


def series_state(series: RequestSeries) -> SeriesState:
    return SeriesState(
        study_uid=series.study_uid,
        series_uid=series.series_uid,
        title=series.title(),
        kind=series.kind,
        paths=[str(p) for p in series.paths],
        instances=[list(i) for i in series.instances],
    )


def patient_of_files(state: RequestState) -> PatientIdentity:
    """The identity in the first image still on disk (it is not kept in the state)."""
    for series in state.series:
        for path in series.paths:
            try:
                return PatientIdentity.from_dataset(dcmread(path, stop_before_pixels=True))
            except (OSError, ValueError):
                continue
    raise ValueError("the images of this request are no longer readable: it cannot be resumed")
