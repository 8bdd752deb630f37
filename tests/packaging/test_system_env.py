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
