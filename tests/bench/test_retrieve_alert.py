"""``bench retrieve`` and ``bench alert`` end to end, tiny parameters, no timing asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main

KEYS = {"first_image_s", "full_s", "raw_s", "peer_s", "full_over_raw", "full_over_peer"}


def test_bench_retrieve_tiny(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("STROKELINK_BENCH_DIR", str(tmp_path))
    argv = ["retrieve", "--slices", "4", "--size", "32", "--workers", "1", "--throttle-mbit", "50"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    for name in ("uncompressed", "jpegls", "j2k", "throttled_50mbit"):
        assert set(result[name]) >= KEYS, name
        assert result[name]["pixels_match_peer"] is True
    assert "full_with_cache_s" in result["uncompressed"]


def test_bench_alert_tiny(capsys: pytest.CaptureFixture[str]):
    assert main(["alert", "--repeats", "2", "--poll-interval", "0.2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["bench"] == "alert" and len(result["samples_s"]) == 2
    assert {"median_s", "poll_interval_s", "max_s"} <= set(result)
