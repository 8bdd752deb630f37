"""``bench hub_auth`` end to end with tiny parameters; keys checked, never figures."""

from __future__ import annotations

import json

import pytest

from bench.__main__ import main

KEYS = {"baseline_median_ms", "flood_median_ms", "ratio", "target_ms", "met", "floods"}


def test_bench_hub_auth_tiny(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["hub_auth", "--iterations", "1000", "--samples", "5", "--threads", "2"]
    assert main([*argv, "--flood-s", "3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert set(result) >= KEYS and result["target_ms"] == 100
    assert isinstance(result["met"], bool)
    for flood in ("same_address", "spread"):
        assert {"median_ms", "p90_ms", "statuses"} <= set(result["floods"][flood])
