"""app.store.json_file: the small JSON settings files (read as one object, replaced atomically)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.store.json_file import read_json_object, write_json_atomic


def test_round_trip_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    assert read_json_object(path, what="the settings") == {}
    write_json_atomic(path, {"b": 1, "a": "Zoé"}, temp_prefix=".s-", ensure_ascii=False)
    assert read_json_object(path, what="the settings") == {"a": "Zoé", "b": 1}
    assert path.read_text(encoding="utf-8") == '{\n "a": "Zoé",\n "b": 1\n}'
    write_json_atomic(path, {"a": "Zoé"}, temp_prefix=".s-")
    assert '"Zo\\u00e9"' in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary left


def test_bad_content(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    assert read_json_object(path, what="the settings") == {}  # not an object
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cannot read the settings .*settings\.json"):
        read_json_object(path, what="the settings")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_json_atomic(path, {"a": 1}, temp_prefix=".s-")
    with pytest.raises(TypeError):
        write_json_atomic(path, {"a": object()}, temp_prefix=".s-")
    assert read_json_object(path, what="the settings") == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
