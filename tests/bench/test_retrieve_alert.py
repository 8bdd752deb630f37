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
    argv += ["--runs", "3", "--line-mbit", "40"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    for name in ("uncompressed", "jpegls", "j2k", "throttled_50mbit"):
        assert set(result[name]) >= KEYS, name
        assert result[name]["pixels_match_peer"] is True
    uncompressed = result["uncompressed"]
    assert "full_with_cache_s" in uncompressed
    assert len(uncompressed["full_over_peer_runs"]) == 3
    assert uncompressed["full_over_peer_max"] == max(uncompressed["full_over_peer_runs"])
    assert uncompressed["full_over_peer_runs"][0] == uncompressed["full_over_peer"]
    line = result["throttled_40mbit"]
    assert line["shape"] == [4, 32, 32]
    # compressed bytes crossed the line (the hub's transcoding, or its JPEG-LS copy)
    assert line["transfer_syntaxes"] == ["1.2.840.10008.1.2.4.80"]
    assert 0 < line["bytes"] < line["uncompressed_bytes"]
    assert line["uncompressed_link_s"] == round(line["uncompressed_bytes"] * 8 / 40e6, 3)
    assert line["full_over_uncompressed_link"] > 0 and line["first_image_s"] > 0


def test_bench_retrieve_refuses_bad_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STROKELINK_BENCH_DIR", str(tmp_path))
    with pytest.raises(SystemExit, match="--runs must be at least 1"):
        main(["retrieve", "--slices", "2", "--size", "16", "--runs", "0"])


def test_bench_alert_tiny(capsys: pytest.CaptureFixture[str]):
    assert main(["alert", "--repeats", "2", "--poll-interval", "0.2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["bench"] == "alert" and len(result["samples_s"]) == 2
    assert {"median_s", "poll_interval_s", "max_s"} <= set(result)
