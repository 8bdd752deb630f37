"""System programs started from the frozen bundle get the system's library path back."""

from __future__ import annotations

import sys

import pytest

from app.ui.system_programs import system_env


def test_outside_the_bundle_the_environment_is_inherited() -> None:
    assert system_env() is None


def test_in_the_bundle_its_library_path_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/strokelink/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    env = system_env()
    assert env is not None
    assert "LD_LIBRARY_PATH" not in env


def test_in_the_bundle_the_original_library_path_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/strokelink/_internal:/usr/local/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    env = system_env()
    assert env is not None
    assert env["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in env


def test_a_pdf_is_opened_with_the_system_libraries_in_the_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """The ED's 'open the PDF' starts xdg-open without the bundle's library path (Qt's own
    opener would hand it on to the PDF reader)."""
    import time

    from app.ui.ed.requests_tab import open_with_system

    seen = tmp_path / "seen.txt"
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text(f'#!/bin/sh\necho "$1|${{LD_LIBRARY_PATH-unset}}" > {seen}\n')
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{opener.parent}:/usr/bin:/bin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/strokelink/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    pdf = tmp_path / "opinion.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert open_with_system(pdf)
    deadline = time.monotonic() + 20
    while not (seen.exists() and seen.read_text().endswith("\n")):
        assert time.monotonic() < deadline, "xdg-open was not started"
        time.sleep(0.05)
    assert seen.read_text().strip() == f"{pdf}|unset"
