"""pydicom's warnings never reach a terminal or a log with the element values they quote."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from pydicom.dataelem import DataElement

from protocol.logsafe import install, scrub
from tests.viewer.dicom_factory import make_series, write_series

REPO = Path(__file__).resolve().parents[2]
NAME = "QUINTAVALLE^MARGHERITA"  # a patient's name, where a value is expected
SECRETS = ("QUINTAVALLE", "MARGHERITA", "2023xxQuint", "Sekret9")


def test_scrub_keeps_what_was_wrong_and_drops_the_value() -> None:
    assert scrub("Invalid value for VR DA: '2023xx'") == "Invalid value for VR DA: '…'"
    assert scrub("Unknown encoding 'ISO_IR X' - using default") == (
        "Unknown encoding '…' - using default"
    )
    assert scrub("can't decode b'\\xe9Doe' in (0010,0010)") == "can't decode '…' in (0010,0010)"
    assert scrub("PN \"O'Brien^J\" and 'O'Brien' end") == "PN '…' and '…' end"
    assert scrub("['Head', 'Doe']") == "['…', '…']"
    assert scrub("value 'Doe^John, cut\nnext line") == "value '…'\nnext line"


def test_install_scrubs_warnings_and_pydicom_records(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(warnings, "showwarning", lambda message, *_: shown.append(str(message)))
    factory = logging.getLogRecordFactory()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    pydicom_log = logging.getLogger("pydicom.pixels.utils")
    pydicom_log.addHandler(handler)
    try:
        install()
        install()  # idempotent: wrapped once
        warnings.showwarning(UserWarning(f"Invalid value for VR PN: '{NAME}'"), UserWarning,
                             "valuerep.py", 1)  # fmt: skip
        pydicom_log.warning("Invalid value for VR DA: '%s'", "2023xxQuint")
        logging.getLogger("app.other").warning("kept '%s'", "as is")
    finally:
        logging.setLogRecordFactory(factory)
        pydicom_log.removeHandler(handler)
    assert shown == ["Invalid value for VR PN: '…'"]
    assert stream.getvalue() == "Invalid value for VR DA: '…'\n"


@pytest.fixture
def bad_values(tmp_path: Path) -> Path:
    datasets = make_series(shape=(3, 16, 16))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom says the values are invalid: that is the point
        for ds in datasets:
            ds.add(DataElement(0x00080005, "CS", f"ISO_IR {NAME}"))
            ds.add(DataElement(0x00080020, "DA", "2023xxQuint"))
            ds.add(DataElement(0x00100010, "PN", NAME + "^" * 3 + "X" * 70))
            ds.add(DataElement(0x00101010, "AS", "Sekret9"))
        write_series(datasets, tmp_path / "bad")
    return tmp_path / "bad"


def test_info_prints_pydicom_warnings_without_values(bad_values: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "info", str(bad_values)],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Unknown encoding '…'" in done.stderr  # the warning is still shown, useful
    for secret in SECRETS:
        assert secret not in done.stdout and secret not in done.stderr
