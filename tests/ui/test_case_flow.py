"""From the worklist to the ED, through the case viewer and the opinion panel (real minihub).

The right-ich NCCT (30 slices) is on the hub with the ED's request; the main
window claims and opens it: the case window shows the images with the
opinion panel docked on its right, the series on screen is ticked as read
(and audited), the ABC/2 dialog fills the haemorrhage volume, a key image is
captured from the viewer, the final opinion goes out through the app-wide
outbox, the workitem is COMPLETED with the SR, PDF, KOS and SC referenced,
and the ED reads the opinion. Quitting with an undelivered opinion asks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor

from app.ed.site_requests import opinions_for_study
from app.hub.client import HttpHub
from app.hub.ups import COMPLETED
from app.opinion import model as m
from app.outbox.store import DeliveryState
from app.reading.state import CaseState
from app.ui.main import MainWindow
from app.worklist.signer import RadiologistStore
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.app.opinion.conftest import RADIOLOGIST
from tests.app.sending_util import draft_for, new_case, signed, workitem_state
from tests.ui.worklist_util import FAST, claim_and_open, make_window, services_in

SR, PDF = "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.104.1"
KOS, SC = "1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.5.1.4.1.1.7"


@pytest.fixture(scope="module")
def hub(module_hub: HubServer) -> HubServer:
    """One minihub for this module's tests."""
    return module_hub


def ich_request(ed: HttpHub, synth_root: Path) -> tuple[str, list[pydicom.Dataset]]:
    """The right-ich NCCT on the hub and the ED's request for it; the workitem UID."""
    datasets = [pydicom.dcmread(p) for p in sorted((synth_root / "right-ich").rglob("*.dcm"))]
    assert not ed.store_instances(datasets).failed
    first = datasets[0]
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    series = InputSeries(
        str(first.StudyInstanceUID),
        str(first.SeriesInstanceUID),
        [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in datasets],
        f"{ed.base_url}/studies/{first.StudyInstanceUID}",
    )
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun, Urgences", physician="LEROY^Thomas",
                        question="Thrombolysis?", nihss=12),
        patient={k: str(first.get(k, "")) for k in keywords},
        inputs=[series],
        scheduled=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    return ed.create_workitem(body), datasets


def signing_desk(folder: Path) -> None:
    RadiologistStore(folder / "radiologists.json").save("test-hub", RADIOLOGIST)


def test_claim_open_read_capture_send_and_the_ed_reads_it(
    qtbot, hub: HubServer, ed: HttpHub, synth_root: Path, tmp_path: Path
) -> None:
    uid, datasets = ich_request(ed, synth_root)
    signing_desk(tmp_path)
    window = make_window(qtbot, hub.base_url, tmp_path)
    assert window.select(uid)
    case = claim_and_open(qtbot, window, uid)
    viewer, panel, session = case.window, case.panel, case.session
    viewer.keep_on_screen = False  # the views of a wide screen, whatever the test's screen
    viewer.resize(1800, 1000)

    # the images, with the opinion beside them
    assert viewer.isVisible() and panel.isVisible()
    assert viewer.dockWidgetArea(case.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    mpr = viewer.active_mpr()
    assert mpr is not None and mpr.volume.loaded.all()
    axial = mpr.capture_view("axial")
    assert axial.ndim == 3 and axial.std() > 5  # an image, not a blank view
    series_uid = str(datasets[0].SeriesInstanceUID)
    assert session.series_uids() == [series_uid] and len(session.headers) == 30
    assert str(session.headers[0].AccessionNumber) == str(datasets[0].AccessionNumber)
    assert session.read_series() == {series_uid}  # shown on screen → read
    records = [json.loads(line) for line in (tmp_path / "data" / "audit.jsonl").open()]
    seen = {(r["what"], r.get("series_uid", "")) for r in records}
    assert ("case-opened", "") in seen and ("series-viewed", series_uid) in seen

    # the ABC/2 dialog fills the haemorrhage volume
    dialog = viewer.toolbar.open_abc()
    qtbot.addWidget(dialog)
    dialog.set_values(a_cm=3.0, b_cm=2.0, slices=4, thickness_mm=5.0)
    dialog.use_button.click()
    assert session.opinion.haemorrhage.abc == m.Abc(30.0, 20.0, 20.0)
    dialog.close()

    # a key image from the viewer: the slice at the crosshair (the middle one), of the view
    # under the pointer (the window fits the screen: the pointer may be on any view)
    axial_widget = mpr.vtk_widgets["axial"]
    QCursor.setPos(axial_widget.mapToGlobal(axial_widget.rect().center()))
    qtbot.waitUntil(lambda: mpr.view_under_pointer() == "axial")
    panel.keyImageRequested.emit()
    (key,) = session.opinion.key_images
    middle = sorted(datasets, key=lambda ds: float(ds.ImagePositionPatient[2]))[15]
    assert key.series_instance_uid == series_uid
    assert key.sop_instance_uid == str(middle.SOPInstanceUID)
    snapshot = session.drafting.snapshot(0)
    assert snapshot is not None and snapshot.shape == axial.shape
    assert np.array_equal(snapshot, mpr.capture_view("axial"))

    # the rest of the opinion, then the final one goes out through the app-wide outbox
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.PRESENT))
    session.drafting.set_haemorrhage_type(m.HaemorrhageType.INTRAPARENCHYMAL, True)
    session.edit(lambda o: setattr(o.haemorrhage, "side", m.Side.RIGHT))
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)  # an NCCT alone
    session.edit(lambda o: setattr(o, "recommendation", m.Recommendation(
        thrombolysis=m.ThrombolysisAdvice.CONTRAINDICATED,
        thrombolysis_reason="Right intraparenchymal haemorrhage",
        thrombectomy=m.ThrombectomyAdvice.NOT_CANDIDATE,
    )))  # fmt: skip
    panel.refresh()
    assert panel.final_button.isEnabled(), session.sending.problems()
    form, area = panel.form, panel.form_area  # in the dark viewer, no field is cut off
    qtbot.waitUntil(lambda: form.minimumSizeHint().width() <= area.viewport().width())
    panel.final_button.click()
    qtbot.waitUntil(lambda: session.state is CaseState.SENT and not panel.sending, timeout=15_000)
    outbox = window.services.outbox
    qtbot.waitUntil(
        lambda: [s.state for s in outbox.items()] == [DeliveryState.DELIVERED], timeout=20_000
    )
    qtbot.waitUntil(lambda: window.outbox_view.action.text() == "Outbox (0)", timeout=5000)
    assert workitem_state(ed, uid) == COMPLETED
    item = ed.retrieve_workitem(uid)
    outputs = item["00741216"]["Value"][0]["00404033"]["Value"]
    classes = sorted(ref["00081150"]["Value"][0] for o in outputs for ref in o["00081199"]["Value"])
    assert classes == sorted([SR, PDF, KOS, SC])

    # the ED side
    (received,) = opinions_for_study(ed, str(datasets[0].StudyInstanceUID))
    assert received.opinion.kind is m.ReportKind.FINAL
    assert received.opinion.haemorrhage.status is m.Finding.PRESENT
    assert received.pdf is not None and len(received.key_images) == 1

    viewer.close()  # the case closes cleanly and leaves the main window's list
    qtbot.waitUntil(lambda: uid not in window.cases, timeout=5000)


def test_quitting_with_an_undelivered_opinion_asks(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    asked: list[int] = []
    answers = [False, True]

    def ask(_parent: object, outbox: object) -> bool:
        asked.append(len(outbox.undelivered()))  # type: ignore[attr-defined]
        return answers.pop(0)

    unreachable = lambda: HttpHub("http://127.0.0.1:9/dicom-web", retry=FAST)  # noqa: E731
    client = HttpHub(hub.base_url, retry=FAST)
    services = services_in(tmp_path, client, ask_quit=ask, hub_factory=unreachable)
    window = make_window(qtbot, hub.base_url, tmp_path, services=services)
    case = new_case(ed, tmp_path / "study")
    opinion, documents = signed(draft_for(case), case)
    services.outbox.submit(
        opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )
    services.runner.kick()
    qtbot.waitUntil(lambda: window.outbox_view.action.text() == "Outbox (1)", timeout=5000)
    assert window.outbox_view.count_label.text() == "1 opinion not delivered"
    window.outbox_view.action.trigger()
    assert window.outbox_view.dock.isVisible()
    assert window.outbox_view.panel.list.count() == 1

    window.close()  # "stay"
    assert asked == [1] and window.isVisible() and not services.closed
    window.close()  # "quit anyway": it stays sealed on disk
    assert asked == [1, 1] and not window.isVisible() and services.closed
    assert isinstance(window, MainWindow)
    client.close()
