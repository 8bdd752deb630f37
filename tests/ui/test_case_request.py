"""The case window shows the request and never calls an incomplete series complete (issue #9).

On a real minihub: the ED's upload stopped after 10 of the 30 NCCT slices
(Input Readiness INCOMPLETE, the series announced with 30 images). The
radiologist opens the case: the request panel is docked beside the images,
a red banner over the views and the series list say "10 of 30", the word
"complete" is nowhere for that series, and the series on screen is not
ticked as read (the radiologist ticks it knowingly). The same study sent
whole is ticked as before. A series on the hub that the workitem does not
list yet, while the upload is unfinished, is "still arriving" (in red, not
ticked) until the worklist's refresh brings the READY request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pydicom
from pydicom.uid import generate_uid
from PySide6.QtCore import Qt

from app.hub.client import HttpHub
from app.ui.case_opener import OpenCase
from app.ui.main import MainWindow
from app.worklist.claims import ClaimStore, claim_request
from minihub.server import HubServer
from protocol.request import (
    ClinicalRequest,
    InputSeries,
    build_inputs_update,
    build_request_workitem,
)
from tests.app.retrieval_util import ct_series
from tests.ui.worklist_util import ME, make_window

KEYWORDS = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")


def request_for(ed: HttpHub, synth_root: Path, stored: int) -> tuple[str, str]:
    """The right-ich NCCT (30 slices) with only ``stored`` of them on the hub, and the
    ED's request announcing 30; (workitem UID, series UID)."""
    paths = sorted((synth_root / "right-ich").rglob("*.dcm"))
    datasets = [pydicom.dcmread(p) for p in paths]
    assert len(datasets) == 30
    kept = datasets[:stored]
    assert not ed.store_instances(kept).failed
    first = kept[0]
    series = InputSeries(
        str(first.StudyInstanceUID),
        str(first.SeriesInstanceUID),
        [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in kept],
        f"{ed.base_url}/studies/{first.StudyInstanceUID}",
        expected=30,
    )
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun, Urgences", physician="LEROY^Thomas",
                        question="Thrombolysis?", nihss=12, anticoagulation="VKA", inr=2.6),
        patient={k: str(first.get(k, "")) for k in KEYWORDS},
        inputs=[series],
        scheduled=dt.datetime.now(dt.UTC),
        readiness="READY" if stored == 30 else "INCOMPLETE",
        images_expected=30,
    )  # fmt: skip
    return ed.create_workitem(body), str(first.SeriesInstanceUID)


def open_claimed(qtbot, window: MainWindow, ed: HttpHub, tmp_path: Path, uid: str) -> OpenCase:
    claim_request(ed, ClaimStore(tmp_path / "claims.json"), uid, ME)
    window.refresh()

    def claimed() -> bool:
        request = window.model.request_of(uid)
        return request is not None and request.state == "IN PROGRESS"

    qtbot.waitUntil(claimed, timeout=10_000)
    request = window.model.request_of(uid)
    assert request is not None
    case = window.open_case(request)
    qtbot.waitUntil(lambda: case.window.result is not None, timeout=60_000)
    return case


def opened_request(
    qtbot, hub: HubServer, ed: HttpHub, synth_root: Path, tmp_path: Path, *, stored: int
) -> tuple[str, MainWindow, OpenCase]:
    """A request with `stored` of its 30 images on the hub, claimed and opened from the
    worklist: (its series UID, the worklist window, the open case)."""
    uid, series_uid = request_for(ed, synth_root, stored=stored)
    window = make_window(qtbot, hub.base_url, tmp_path)
    return series_uid, window, open_claimed(qtbot, window, ed, tmp_path, uid)


def test_incomplete_series_is_said_in_red_and_not_ticked(
    qtbot, hub: HubServer, ed: HttpHub, synth_root: Path, tmp_path: Path
) -> None:
    series_uid, window, case = opened_request(qtbot, hub, ed, synth_root, tmp_path, stored=10)
    viewer, session = case.window, case.session

    # the request, docked beside the images, with the images' state
    panel = viewer.request_panel
    assert panel is not None and viewer.request_dock is not None and panel.isVisible()
    assert viewer.dockWidgetArea(viewer.request_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert panel.value_text("anticoagulation") == "Vitamin K antagonist (VKA) — INR 2.6"
    assert panel.incomplete_label.text() == "Images incomplete: 10 of 30 on the hub"
    banner = viewer.incomplete_banner
    assert banner.isVisible() and banner.objectName() == "banner-danger"
    assert banner.text().startswith("Images incomplete: 10 of 30 on the hub — ")

    # the series list: "10 of 30 images on the hub", in red, never "complete"
    qtbot.waitUntil(lambda: series_uid in session.kinds, timeout=10_000)
    qtbot.waitUntil(lambda: series_uid in viewer.shown_series, timeout=30_000)
    details = viewer.browser.rows[series_uid].details
    assert "10 of 30 images on the hub" in details.text()
    assert "complete" not in details.text().replace("incomplete", "")
    assert "color: #ff6b6b" in details.styleSheet()

    # shown on screen, yet not ticked as read: the radiologist ticks it knowingly
    assert session.series_incomplete(series_uid)
    assert session.read_series() == set()
    session.drafting.set_series_read(series_uid, True)
    assert session.read_series() == {series_uid}

    # a newer version of the request (the main window passes it on each refresh)
    inputs = tuple(dataclasses.replace(s, expected=None) for s in case.request.inputs)
    whole = dataclasses.replace(case.request, incomplete=False, readiness="READY", inputs=inputs)
    assert viewer.show_request(whole, window.hub_now) is panel
    assert not banner.isVisible() and not panel.incomplete_label.isVisible()
    assert "on the hub" not in details.text() and details.styleSheet() == ""


def test_a_whole_series_is_ticked_when_shown(
    qtbot, hub: HubServer, ed: HttpHub, synth_root: Path, tmp_path: Path
) -> None:
    series_uid, _, case = opened_request(qtbot, hub, ed, synth_root, tmp_path, stored=30)
    viewer, session = case.window, case.session
    assert not viewer.incomplete_banner.isVisible()
    assert viewer.request_panel is not None
    assert not viewer.request_panel.incomplete_label.isVisible()
    qtbot.waitUntil(lambda: session.read_series() == {series_uid}, timeout=30_000)
    details = viewer.browser.rows[series_uid].details.text()
    assert "on the hub" not in details and details.endswith("complete")


def test_a_series_not_listed_yet_is_said_still_arriving_until_the_request_is_ready(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    """NCCT listed whole; the CTA on the hub but not listed yet, the workitem INCOMPLETE
    with more images announced than listed: the case window loads both, the CTA says in
    red that it is still arriving and is not ticked when shown. Once the ED's upload
    ends (READY, the CTA listed), the worklist's refresh lifts the guard."""
    study = generate_uid()
    ncct = ct_series(study_uid=study, slices=8, number=2, description="HEAD NCCT")
    cta = ct_series(study_uid=study, slices=8, number=3, description="CTA <b>HEAD</b>",
                    contrast=True, thickness=1.0)  # fmt: skip
    assert not ed.store_instances(ncct + cta).failed
    ncct_uid, cta_uid = str(ncct[0].SeriesInstanceUID), str(cta[0].SeriesInstanceUID)

    def listed(datasets: list[pydicom.Dataset]) -> InputSeries:
        refs = [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in datasets]
        return InputSeries(study, str(datasets[0].SeriesInstanceUID), refs,
                           f"{ed.base_url}/studies/{study}", expected=len(datasets))  # fmt: skip

    clinical = ClinicalRequest(site="CH Verdun, Urgences", question="Thrombectomy?", nihss=12)
    body = build_request_workitem(
        clinical, patient={k: str(ncct[0].get(k, "")) for k in KEYWORDS}, inputs=[listed(ncct)],
        scheduled=dt.datetime.now(dt.UTC), readiness="INCOMPLETE", images_expected=16,
    )  # fmt: skip
    uid = ed.create_workitem(body)
    window = make_window(qtbot, hub.base_url, tmp_path)
    case = open_claimed(qtbot, window, ed, tmp_path, uid)
    viewer, session = case.window, case.session
    assert session.request.incomplete and session.request.images_listed == 8

    qtbot.waitUntil(lambda: {cta_uid, ncct_uid} <= set(session.kinds), timeout=10_000)
    viewer.show_series(cta_uid)
    qtbot.waitUntil(lambda: cta_uid in viewer.shown_series, timeout=30_000)
    details = viewer.browser.rows[cta_uid].details
    qtbot.waitUntil(lambda: "loading" not in details.text(), timeout=30_000)
    assert details.text().endswith("still arriving: the ED's upload is not finished")
    assert "complete" not in details.text().replace("incomplete", "")
    assert "color: #ff6b6b" in details.styleSheet()
    assert viewer.browser.rows[cta_uid].title.text() == "3. CTA <b>HEAD</b>"  # as sent
    whole = viewer.browser.rows[ncct_uid].details
    assert whole.styleSheet() == "" and "still arriving" not in whole.text()
    assert session.series_incomplete(cta_uid) and not session.series_incomplete(ncct_uid)
    assert cta_uid not in session.read_series()  # shown, not ticked

    # the ED's upload ends: READY, the CTA listed; the worklist's refresh passes it on
    transaction = ClaimStore(tmp_path / "claims.json").get(hub.base_url, uid)
    assert transaction
    update = build_inputs_update(clinical, [listed(ncct), listed(cta)], readiness="READY",
                                 images_expected=16)  # fmt: skip
    ed.update_workitem(uid, transaction, update)
    window.refresh()
    qtbot.waitUntil(lambda: session.request.readiness == "READY", timeout=10_000)
    assert not session.request.incomplete and not viewer.incomplete_banner.isVisible()
    assert details.styleSheet() == "" and details.text().endswith("complete")
    assert not session.series_incomplete(cta_uid)
    # shown while it was still arriving: the radiologist ticks it knowingly
    assert cta_uid not in session.read_series()
    session.drafting.mark_series_read(cta_uid)  # the next time it is shown, it is ticked
    assert cta_uid in session.read_series()
