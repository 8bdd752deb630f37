"""The encrypted image cache: round trip, nothing readable on disk, purge."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.retrieve.cache import ImageCache
from app.store.keys import SERVICE, MasterKey, load_master_key
from tests.app.retrieval_util import PATIENT_NAME, ct_series, part10
from tests.hub_util import MemoryKeyring, memory_keyring

STUDY, SERIES = "1.2.826.0.1.3680043.8.498.1", "1.2.826.0.1.3680043.8.498.2"
HOUR = 3600.0
__all__ = ["memory_keyring"]  # a fixture


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _cache(root: Path, clock: Clock | None = None, **kwargs: object) -> ImageCache:
    key = MasterKey(b"\x01" * 32, persistent=True)
    return ImageCache(root, key=key, clock=clock or Clock(), **kwargs)  # type: ignore[arg-type]


def test_round_trip_of_instances_and_metadata(tmp_path: Path):
    cache = _cache(tmp_path)
    ds = ct_series(slices=1)[0]
    data = part10(ds)
    sop = str(ds.SOPInstanceUID)
    assert cache.get_instance(STUDY, SERIES, sop) is None
    cache.put_instance(STUDY, SERIES, sop, data)
    assert cache.has_instance(STUDY, SERIES, sop)
    assert cache.get_instance(STUDY, SERIES, sop) == data
    metadata = [{"00080018": {"vr": "UI", "Value": [sop]}}]
    cache.put_series_metadata(STUDY, SERIES, metadata)
    assert cache.get_series_metadata(STUDY, SERIES) == metadata
    cache.put_study_series(STUDY, [{"0020000E": {"vr": "UI", "Value": [SERIES]}}])
    assert cache.get_study_series(STUDY) == [{"0020000E": {"vr": "UI", "Value": [SERIES]}}]
    assert cache.cached_instances(STUDY, SERIES, [sop, "1.2.3"]) == {sop}
    # a second cache with the same key reads it all back
    assert _cache(tmp_path).get_instance(STUDY, SERIES, sop) == data
    assert not list(tmp_path.rglob(".tmp-*"))  # atomic writes leave nothing behind


def test_a_stolen_folder_reveals_nothing(tmp_path: Path):
    cache = _cache(tmp_path)
    datasets = ct_series(slices=3)
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    for ds in datasets:
        cache.put_instance(study, series, str(ds.SOPInstanceUID), part10(ds))
    cache.put_series_metadata(study, series, [ds.to_json_dict() for ds in datasets])
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 5
    secrets = [PATIENT_NAME.encode(), b"SECRET-ID-42", b"DICM", study.encode(), series.encode()]
    secrets += [str(ds.SOPInstanceUID).encode() for ds in datasets]
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            assert secret not in content, path
            assert secret.decode() not in str(path.relative_to(tmp_path))


def test_tampered_or_swapped_files_are_refused(tmp_path: Path):
    cache = _cache(tmp_path)
    one, two = ct_series(slices=2)
    cache.put_instance(STUDY, SERIES, str(one.SOPInstanceUID), part10(one))
    cache.put_instance(STUDY, SERIES, str(two.SOPInstanceUID), part10(two))
    path_one = cache._instance_path(STUDY, SERIES, str(one.SOPInstanceUID))
    path_two = cache._instance_path(STUDY, SERIES, str(two.SOPInstanceUID))
    # swapping two files: each is authenticated with its own UIDs
    content_one = path_one.read_bytes()
    path_one.write_bytes(path_two.read_bytes())
    assert cache.get_instance(STUDY, SERIES, str(one.SOPInstanceUID)) is None
    assert not path_one.exists()  # refused and removed: it will be fetched again
    # one flipped bit
    tampered = bytearray(content_one)
    tampered[len(tampered) // 2] ^= 1
    path_two.write_bytes(bytes(tampered))
    assert cache.get_instance(STUDY, SERIES, str(two.SOPInstanceUID)) is None
    assert cache.refused == 2


def test_retention_purges_series_older_than_24_hours(tmp_path: Path):
    clock = Clock()
    cache = _cache(tmp_path, clock)
    cache.put_instance(STUDY, SERIES, "1.2.3.1", b"old" * 100)
    cache.put_study_series(STUDY, [])
    clock.now += 23 * HOUR
    cache.put_instance(STUDY, "1.2.4", "1.2.4.1", b"new" * 100)
    assert cache.purge().expired_series == 0
    clock.now += 2 * HOUR
    report = cache.purge()
    assert report.expired_series == 1
    assert cache.get_instance(STUDY, SERIES, "1.2.3.1") is None
    assert cache.get_instance(STUDY, "1.2.4", "1.2.4.1") == b"new" * 100
    assert cache.get_study_series(STUDY) is None  # the study list expired too
    clock.now += 24 * HOUR
    cache.purge()
    assert not [p for p in (tmp_path / "v1").iterdir() if p.is_dir()]


def test_size_cap_evicts_least_recently_used_series(tmp_path: Path):
    clock = Clock()
    cache = _cache(tmp_path, clock, max_bytes=5000)
    for n, series in enumerate(("1.1", "1.2", "1.3")):
        clock.now += 10
        cache.put_instance(STUDY, series, f"{series}.1", bytes([n]) * 2000)
    clock.now += 10
    assert cache.get_instance(STUDY, "1.1", "1.1.1") is not None  # 1.1 used again: 1.2 is LRU
    report = cache.purge()
    assert report.evicted_series == 1
    assert cache.size_bytes() <= 5000
    assert cache.has_instance(STUDY, "1.1", "1.1.1")
    assert not cache.has_instance(STUDY, "1.2", "1.2.1")
    assert cache.has_instance(STUDY, "1.3", "1.3.1")


def test_key_from_the_keyring_survives_a_restart(tmp_path: Path, memory_keyring: MemoryKeyring):
    key = load_master_key()
    assert key.persistent and key.message == ""
    assert (SERVICE, "cache-key") in memory_keyring.secrets
    cache = ImageCache(tmp_path, key=key)
    cache.put_instance(STUDY, SERIES, "1.2.3", b"pixels")
    restarted = ImageCache(tmp_path, key=load_master_key())
    assert restarted.persistent
    assert restarted.get_instance(STUDY, SERIES, "1.2.3") == b"pixels"


def test_without_a_keyring_the_key_is_ephemeral(tmp_path: Path):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        cache = ImageCache(tmp_path)
        assert not cache.persistent
        assert "keyring" in cache.message
        cache.put_instance(STUDY, SERIES, "1.2.3", b"pixels")
        assert cache.get_instance(STUDY, SERIES, "1.2.3") == b"pixels"
        # after a "restart" (a new key) the old files are unreadable, then wiped
        restarted = ImageCache(tmp_path)
        assert restarted.get_instance(STUDY, SERIES, "1.2.3") is None
        assert restarted.size_bytes() == 0
    finally:
        keyring.set_keyring(previous)


def test_default_folder_is_the_platform_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache = ImageCache(key=MasterKey(os.urandom(32), persistent=False))
    assert cache.root.is_relative_to(tmp_path / "xdg")
    assert "strokelink" in str(cache.root)
