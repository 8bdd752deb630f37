"""A CTA whose header says nothing of contrast, opened from the hub, is judged by its pixels
(issue #10, item 5): once its images are in, the case counts it as a CTA and the occlusion
must be stated (absent or present); "no angiography available" no longer answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pydicom

from app.hub.client import HttpHub
from app.opinion import model as m
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.app.test_angiography_by_content import sparse_study
from tests.ui.test_case_request import KEYWORDS, open_claimed
from tests.ui.worklist_util import make_window

__all__ = ["sparse_study"]  # a fixture


def test_a_sparse_header_cta_becomes_a_cta_once_loaded(
    qtbot,
    hub: HubServer,
    ed: HttpHub,
    sparse_study: Path,
    tmp_path: Path,
) -> None:
    datasets = [pydicom.dcmread(p) for p in sorted(sparse_study.rglob("*.dcm"))]
    assert not ed.store_instances(datasets).failed
    by_series: dict[str, list[pydicom.Dataset]] = {}
    for ds in datasets:
        by_series.setdefault(str(ds.SeriesInstanceUID), []).append(ds)
    first = datasets[0]
    inputs = [
        InputSeries(str(first.StudyInstanceUID), uid,
                    [(str(d.SOPClassUID), str(d.SOPInstanceUID)) for d in series],
                    f"{ed.base_url}/studies/{first.StudyInstanceUID}", expected=len(series))
        for uid, series in by_series.items()
    ]  # fmt: skip
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun, Urgences", physician="LEROY^Thomas",
                        question="Thrombectomy?", nihss=17),
        patient={k: str(first.get(k, "")) for k in KEYWORDS},
        inputs=inputs,
        scheduled=dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    uid = ed.create_workitem(body)
    cta_uid = next(u for u, s in by_series.items() if len(s) > 100)  # the 0.625 mm series
    window = make_window(qtbot, hub.base_url, tmp_path)
    case = open_claimed(qtbot, window, ed, tmp_path, uid)
    session = case.session
    qtbot.waitUntil(lambda: session.kinds.get(cta_uid) is m.SeriesKind.CTA, timeout=60_000)
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)
    assert any(
        "occlusion" in p.lower() or "angiogra" in p.lower() for p in session.sending.problems()
    )
