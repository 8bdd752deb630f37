"""The radiologist's worklist shows the ED's clinical facts (issue #9), on a real minihub.

Anticoagulation in words ("DOAC (last dose …)", "VKA INR 2.6", "None"), the
clinical flags as badges with their values (BP > 185/110 mmHg, glucose
< 2.8 or > 22.2 mmol/L, an anticoagulant; flags, not verdicts), images not all
on the hub in red with the counts, two open requests for the same study
flagged on both rows with both last-known-well times, and the new-request
alert naming the flags.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydicom.uid import generate_uid
from PySide6.QtCore import Qt

from app.hub.client import HttpHub
from app.ui.main import MainWindow
from app.ui.worklist import clinical_words as words
from app.ui.worklist.view import BADGES_ROLE, INCOMPLETE_COLOUR, Column
from minihub.server import HubServer
from protocol.request import ClinicalRequest
from tests.ui.clinical_util import DOAC, VKA, doac_request, inputs_for, vka_request, workitem
from tests.ui.worklist_util import make_window


def data(window: MainWindow, uid: str, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return window.model.index(window.model.row_of(uid), column).data(role)


def badges(window: MainWindow, uid: str) -> list[tuple[str, str, str]]:
    """(badge words, full words, tone) of each badge of the request's row."""
    return [(b.short, b.text, b.tone) for b in data(window, uid, Column.FLAGS, BADGES_ROLE)]


def test_anticoagulation_and_flags_on_the_rows(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    doac = ed.create_workitem(doac_request())
    vka = ed.create_workitem(vka_request())
    quiet = ClinicalRequest(site="CH Toul", anticoagulation="NONE", glucose=7.4, systolic_bp=150,
                            diastolic_bp=80)  # fmt: skip
    calm = ed.create_workitem(workitem(quiet))
    window = make_window(qtbot, hub.base_url, tmp_path)

    assert data(window, doac, Column.ANTICOAGULATION) == "DOAC"
    assert data(window, vka, Column.ANTICOAGULATION) == "VKA INR 2.6"
    assert data(window, calm, Column.ANTICOAGULATION) == "None"
    anticoagulant = data(window, doac, Column.ANTICOAGULATION, Qt.ItemDataRole.BackgroundRole)
    assert anticoagulant is not None and anticoagulant.color().name() == "#ffcdd2"
    assert data(window, calm, Column.ANTICOAGULATION, Qt.ItemDataRole.BackgroundRole) is None
    doac_words = data(window, doac, Column.ANTICOAGULATION, Qt.ItemDataRole.ToolTipRole)
    assert doac_words.startswith("Direct oral anticoagulant (DOAC) — last dose ")
    vka_words = data(window, vka, Column.ANTICOAGULATION, Qt.ItemDataRole.ToolTipRole)
    assert vka_words == "Vitamin K antagonist (VKA) — INR 2.6"

    shown = badges(window, doac)
    assert shown[:2] == [
        ("BP 210/115", "BP 210/115 mmHg", words.AMBER),
        ("Glucose ↑ 25.3 mmol/L", "High glucose 25.3 mmol/L", words.AMBER),
    ]
    assert shown[2][0] == "DOAC" and shown[2][1].startswith("DOAC (last dose ")
    assert shown[2][2] == words.RED and len(shown) == 3
    tooltip = data(window, doac, Column.FLAGS, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("The ED reports: BP 210/115 mmHg; High glucose 25.3 mmol/L; DOAC (")
    assert badges(window, vka) == [
        ("Glucose ↓ 40 mg/dL", "Low glucose 40 mg/dL (2.2 mmol/L)", words.AMBER),
        ("VKA INR 2.6", "VKA INR 2.6", words.RED),
    ]
    assert badges(window, calm) == []  # 150/80 mmHg, 7.4 mmol/L, no treatment: no flag
    assert data(window, calm, Column.FLAGS) == ""

    # the alert (sent long ago: an escalation) names the flags, briefly
    alerts = " | ".join(r.text for r in window.alerter.history)
    assert "flags: BP 210/115 mmHg, High glucose 25.3 mmol/L, DOAC" in alerts
    assert "flags: Low glucose 40 mg/dL (2.2 mmol/L), VKA INR 2.6" in alerts


def test_images_not_all_on_the_hub_are_red_on_the_row(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    partial = ed.create_workitem(
        workitem(
            VKA,
            inputs=inputs_for(generate_uid(), listed=230, expected=430),
            readiness="INCOMPLETE",
            images_expected=430,
        )
    )
    whole = ed.create_workitem(
        workitem(VKA, inputs=inputs_for(generate_uid(), listed=3, expected=3), images_expected=3)
    )
    window = make_window(qtbot, hub.base_url, tmp_path)

    assert data(window, partial, Column.MODALITIES) == (
        "CT — Images incomplete: 230 of 430 on the hub"
    )
    red = data(window, partial, Column.MODALITIES, Qt.ItemDataRole.BackgroundRole)
    assert red is not None and red.color().name() == INCOMPLETE_COLOUR
    assert "Not all images are on the hub" in data(
        window, partial, Column.MODALITIES, Qt.ItemDataRole.ToolTipRole
    )
    assert badges(window, partial)[0] == (
        "Images 230/430",
        "Images incomplete: 230 of 430 on the hub",
        words.RED,
    )
    assert data(window, whole, Column.MODALITIES) == "CT"
    assert data(window, whole, Column.MODALITIES, Qt.ItemDataRole.BackgroundRole) is None
    assert all(b[0] != "Images 3/3" for b in badges(window, whole))
    assert "images incomplete" in " | ".join(r.text for r in window.alerter.history)


def test_two_requests_for_one_study_are_flagged_on_both_rows(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    study = generate_uid()
    first = ed.create_workitem(doac_request(inputs=inputs_for(study)))
    second = ed.create_workitem(vka_request(inputs=inputs_for(study)))
    alone = ed.create_workitem(workitem(DOAC))
    window = make_window(qtbot, hub.base_url, tmp_path)

    now = window.hub_now()
    lkw = [DOAC.last_known_well, VKA.last_known_well]  # the VKA one is 1 h 20 min later
    times = " ≠ ".join(words.clock_time(t, now) for t in sorted(t for t in lkw if t))
    for uid, other_site in ((first, "CH Toul, Urgences"), (second, "CH Verdun, Urgences")):
        assert badges(window, uid)[-2:] == [
            ("2 requests", "2 open requests for this study", words.AMBER),
            (f"LKW {times}", f"Their last-known-well times differ: {times}", words.RED),
        ]
        tooltip = data(window, uid, Column.FLAGS, Qt.ItemDataRole.ToolTipRole).split("\n")
        assert tooltip[1:3] == [
            "2 open requests for this study",
            f"Their last-known-well times differ: {times}",
        ]
        assert tooltip[3].startswith(f"Another request for the same study: {other_site}, last")
    assert "requests" not in str(data(window, alone, Column.FLAGS))


def test_same_lkw_twice_is_flagged_without_times(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    study = generate_uid()
    twin = dataclasses.replace(VKA, site="CH Toul, Urgences bis")
    first = ed.create_workitem(workitem(VKA, inputs=inputs_for(study)))
    second = ed.create_workitem(workitem(twin, inputs=inputs_for(study)))
    window = make_window(qtbot, hub.base_url, tmp_path)
    for uid in (first, second):
        assert [b[0] for b in badges(window, uid)] == ["Glucose ↓ 40 mg/dL", "VKA INR 2.6",
                                                       "2 requests"]  # fmt: skip
