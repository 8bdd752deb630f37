"""Images "From the hospital PACS" in the ED form, under Xvfb: a real Orthanc plays the PACS
(DICOM port, our AE title in its DicomModalities); search by patient ID, pick the study and
its series, C-GET them, and the form shows the series and the identity to confirm."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pydicom
import pytest
import requests
from PySide6.QtCore import Qt

from app.ui.ed.pacs_source import PacsSource
from app.ui.ed.window import EdMainWindow
from minihub.server import HubServer
from tests.app.request_util import dicomdir_tests
from tests.conftest import require_program
from tests.servers import OrthancServer, free_port, start_orthanc
from tests.ui.ed_util import make_ed_window

CASE = "right-ich"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory: pytest.TempPathFactory, synth_root: Path) -> Iterator[OrthancServer]:
    """The hospital PACS, holding the synthetic right-ICH case and a CT with a scout."""
    require_program("Orthanc")
    modalities = {"strokelink": ["STROKELINK", "127.0.0.1", 11112]}
    with start_orthanc(
        tmp_path_factory.mktemp("pacs"), dicom_port=True, dicom_modalities=modalities
    ) as server:
        files = sorted((synth_root / CASE).rglob("*.dcm"))
        files += [p for p in sorted((dicomdir_tests() / "98892001").rglob("*")) if p.is_file()]
        with requests.Session() as session:
            for path in files:
                answer = session.post(f"{server.url}/instances", data=path.read_bytes())
                assert answer.status_code == 200, answer.text
        yield server


def case_patient(synth_root: Path) -> pydicom.Dataset:
    first = next(iter(sorted((synth_root / CASE).rglob("*.dcm"))))
    return pydicom.dcmread(first, stop_before_pixels=True)


def open_dialog(window: EdMainWindow, host: str, port: int, ae: str) -> PacsSource:
    dialog = window.open_pacs()
    for edit, text in ((dialog.host_edit, host), (dialog.port_edit, str(port)),
                       (dialog.ae_edit, ae)):  # fmt: skip
        edit.setText(text)
    return dialog


def search(qtbot, dialog: PacsSource, patient_id: str) -> None:
    dialog.patient_id_edit.setText(patient_id)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)


def pick_study(qtbot, dialog: PacsSource, row: int = 0) -> None:
    dialog.results.selectRow(row)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.series_list.count() > 0, timeout=15_000)


def test_retrieve_from_pacs_into_the_form(
    qtbot, hub: HubServer, orthanc: OrthancServer, synth_root: Path, tmp_path: Path
) -> None:
    header = case_patient(synth_root)
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    assert orthanc.dicom_port_number is not None
    dialog = open_dialog(window, "127.0.0.1", orthanc.dicom_port_number, orthanc.dicom_aet)
    search(qtbot, dialog, str(header.PatientID))
    assert not dialog.message_label.isVisible(), dialog.message_label.text()
    assert dialog.results.rowCount() == 1
    assert str(header.PatientID) in dialog.results.item(0, 0).text()
    assert dialog.results.item(0, 4).text() == str(header.AccessionNumber)
    assert "CT" in dialog.results.item(0, 3).text()

    pick_study(qtbot, dialog)
    [item] = [dialog.series_list.item(i) for i in range(dialog.series_list.count())]
    assert item.checkState() == Qt.CheckState.Checked
    assert dialog.retrieve_button.isEnabled()
    panel = window.request_tab.images_panel
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        qtbot.mouseClick(dialog.retrieve_button, Qt.MouseButton.LeftButton)

    images = window.draft.images
    assert images is not None, panel.message_label.text()
    assert [s.series_uid for s in images.series] == [str(header.SeriesInstanceUID)]
    assert images.series[0].count == 30
    assert str(header.SeriesInstanceUID) in window.draft.ticked
    assert panel.id_label.text().startswith(str(header.PatientID))
    assert panel.confirm_box.isVisible() and not panel.confirm_box.isChecked()
    assert not dialog.isVisible()

    # Retrieved into a private folder that goes with the window; settings remembered.
    source = Path(window.draft.source)
    assert window.pacs_files is not None
    private = window.pacs_files.folder
    assert source.parent == private and stat.S_IMODE(source.stat().st_mode) == 0o700
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    saved = json.loads((tmp_path / "ed.json").read_text())
    assert (saved["pacs_host"], saved["pacs_port"], saved["pacs_ae_title"]) == (
        "127.0.0.1", str(orthanc.dicom_port_number), orthanc.dicom_aet
    )  # fmt: skip
    assert saved["pacs_calling_ae_title"] == "STROKELINK"
    window.close()
    assert not private.exists()


def test_localisers_are_left_unticked(qtbot, hub: HubServer, orthanc: OrthancServer,
                                      tmp_path: Path) -> None:  # fmt: skip
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    assert orthanc.dicom_port_number is not None
    dialog = open_dialog(window, "127.0.0.1", orthanc.dicom_port_number, orthanc.dicom_aet)
    dialog.date_edit.setText("20010101")
    search(qtbot, dialog, "")
    assert dialog.results.rowCount() == 1, dialog.message_label.text()
    pick_study(qtbot, dialog)
    states = {
        dialog.series_list.item(i).text(): dialog.series_list.item(i).checkState()
        for i in range(dialog.series_list.count())
    }
    [(scout, scout_state)] = [(t, s) for t, s in states.items() if "Scout" in t]
    assert scout_state == Qt.CheckState.Unchecked and "left out" in scout
    assert list(states.values()).count(Qt.CheckState.Checked) == 1


# pynetdicom 3.0 shuts its socket down without closing it when the connection is
# refused (transport.AssociationSocket.connect): a ResourceWarning that is not ours.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_unreachable_pacs_says_so(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path)
    port = free_port()
    dialog = open_dialog(window, "127.0.0.1", port, "PACS")
    search(qtbot, dialog, "anyone")
    assert dialog.message_label.isVisible()
    assert dialog.message_label.text() == (
        f"the PACS PACS@127.0.0.1:{port} did not answer while searching studies"
    )
    assert dialog.results.rowCount() == 0 and window.draft.images is None
    assert "anyone" not in dialog.message_label.text()

    dialog.port_edit.setText("")
    search(qtbot, dialog, "anyone")
    assert "port (1–65535)" in dialog.message_label.text()
