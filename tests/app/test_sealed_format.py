"""One sealed-file format (issue #12): HKDF keys, versioned header, old files migrated or purged.

The old formats are rebuilt here from their algorithm (content key
SHA-256(label ‖ master key), 4-byte magic, nonce), not with app code, so the
tests keep checking what installs older than issue #12 left on disk.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.ed.request.state import RequestStateStore
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.build import example_opinion
from app.opinion.drafts import DraftStore
from app.outbox.item import DeliveryState
from app.retrieve.cache import ImageCache
from app.store.keys import MasterKey
from app.store.sealed import HEADER, SealedBox, Unreadable, derive_key
from minihub.server import HubServer
from tests.app.sending_util import hub, hub_server, make_outbox, submitted
from tests.app.test_request_state_sealed import Clock as StateClock
from tests.app.test_request_state_sealed import state

__all__ = ["hub", "hub_server"]  # fixtures

MASTER = bytes(range(32))
CASE = "1.2.826.0.1.3680043.8.498.777001"


def legacy_seal(master: bytes, purpose: str, plain: bytes, label: str) -> bytes:
    """The drafts', outbox's and request states' format before issue #12 (``SLB1``)."""
    key = hashlib.sha256(f"{purpose}-content\0".encode() + master).digest()
    nonce = secrets.token_bytes(12)
    return b"SLB1" + nonce + AESGCM(key).encrypt(nonce, plain, label.encode())


def legacy_name(master: bytes, purpose: str, *parts: str) -> str:
    """The file or folder name installs older than issue #12 gave ``parts``."""
    key = hashlib.sha256(f"{purpose}-names\0".encode() + master).digest()
    return hmac.new(key, "/".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def to_legacy(path: Path, box: SealedBox, master: bytes, label: str) -> None:
    """Rewrite a sealed file as an install older than issue #12 would have written it."""
    path.write_bytes(legacy_seal(master, box.purpose, box.read(path, label), label))


# -- the format ----------------------------------------------------------------


def test_round_trip_with_a_versioned_header() -> None:
    box = SealedBox(MASTER, "drafts")
    sealed = box.seal(b"synthetic opinion", "draft")
    assert sealed.startswith(b"SLSF\x01") and sealed[:5] == HEADER
    assert len(sealed) == 5 + 12 + len(b"synthetic opinion") + 16
    assert box.open(sealed, "draft") == b"synthetic opinion"
    header, body = box.seal_parts(b"x", "draft")
    assert box.open(header + body, "draft") == b"x"


def test_keys_are_hkdf_per_purpose() -> None:
    sealed = SealedBox(MASTER, "drafts").seal(b"plain", "draft")
    nonce = sealed[5:17]
    key = derive_key(MASTER, "drafts", "content")
    assert AESGCM(key).decrypt(nonce, sealed[17:], b"draft") == b"plain"
    assert key != hashlib.sha256(b"drafts-content\0" + MASTER).digest()
    assert len({derive_key(MASTER, p, "content") for p in ("drafts", "outbox", "cache")}) == 3
    with pytest.raises(Unreadable):
        SealedBox(MASTER, "outbox").open(sealed, "draft")


@pytest.mark.parametrize("where", [0, 4, 5, 16, 17, -1])
def test_tampering_is_detected(where: int) -> None:
    box = SealedBox(MASTER, "outbox")
    sealed = bytearray(box.seal(b"synthetic record", "outbox-item"))
    sealed[where] ^= 1
    with pytest.raises(Unreadable):
        box.open(bytes(sealed), "outbox-item")


def test_wrong_label_short_file_and_tampered_legacy_file_are_refused() -> None:
    box = SealedBox(MASTER, "drafts")
    with pytest.raises(Unreadable):
        box.open(box.seal(b"plain", "draft"), "snapshot:x:0")
    with pytest.raises(Unreadable):
        box.open(HEADER + b"\0" * 20, "draft")
    legacy = bytearray(legacy_seal(MASTER, "drafts", b"plain", "draft"))
    assert box.open(bytes(legacy), "draft") == b"plain"
    legacy[-1] ^= 1
    with pytest.raises(Unreadable):
        box.open(bytes(legacy), "draft")


# -- migration: drafts, outbox items, request states -------------------------------


def test_legacy_draft_is_read_then_rewritten_on_the_next_save(tmp_path: Path) -> None:
    box = SealedBox(MASTER, "drafts")
    store = DraftStore(tmp_path / "drafts", box)
    opinion = example_opinion()
    store.save(CASE, opinion)
    pixels = np.full((4, 4, 3), 7, np.uint8)
    store.save_snapshot(CASE, 0, pixels)
    path = store._case_folder(CASE) / "draft.bin"
    snapshot = path.with_name("snapshot-0.bin")
    to_legacy(path, box, MASTER, "draft")
    to_legacy(snapshot, box, MASTER, f"snapshot:{CASE}:0")
    assert path.read_bytes().startswith(b"SLB1")
    old_folder = path.parent.with_name(legacy_name(MASTER, "drafts", "case", CASE))
    path.parent.rename(old_folder)  # and under the folder name it had then

    again = DraftStore(tmp_path / "drafts", SealedBox(MASTER, "drafts"))
    assert again.cases() == [CASE]  # found by listing: renamed to its current name
    assert not old_folder.exists() and path.is_file()
    assert again.load(CASE) == opinion
    np.testing.assert_array_equal(again.snapshots(CASE)[0], pixels)
    again.save(CASE, m.Opinion())
    assert path.read_bytes().startswith(HEADER)
    assert again.load(CASE) == m.Opinion()


def test_legacy_request_state_is_read_then_rewritten_on_the_next_save(tmp_path: Path) -> None:
    box = SealedBox(MASTER, "requests")
    states = RequestStateStore(tmp_path / "requests", box, clock=StateClock())
    states.save(state("req-legacy", status="failed"))
    [path] = (tmp_path / "requests").glob("*.bin")
    to_legacy(path, box, MASTER, "request-state")
    assert path.read_bytes().startswith(b"SLB1")
    old_path = path.with_name(legacy_name(MASTER, "requests", "request", "req-legacy") + ".bin")
    path.rename(old_path)

    again = RequestStateStore(tmp_path / "requests", box, clock=StateClock())
    assert [s.request_id for s in again.all()] == ["req-legacy"]  # listed, and renamed
    assert not old_path.exists() and path.is_file()
    loaded = again.load("req-legacy")
    assert loaded.status == "failed" and loaded.form["nihss"] == 17
    again.save(loaded)
    assert path.read_bytes().startswith(HEADER)
    assert again.load("req-legacy").form == loaded.form


def test_legacy_outbox_item_is_read_then_rewritten_on_the_next_save(
    hub: HttpHub, hub_server: HubServer, tmp_path: Path
) -> None:
    sent = submitted(hub, hub_server.base_url, tmp_path)
    opinion, clock, status, box = sent.opinion, sent.clock, sent.status, sent.outbox.box
    [folder] = (tmp_path / "outbox").iterdir()
    for path in folder.iterdir():
        label = "outbox-item" if path.name == "item.bin" else f"object:{status.id}:{path.stem[7:]}"
        to_legacy(path, box, bytes(range(32)), label)
        assert path.read_bytes().startswith(b"SLB1")
    old_folder = folder.with_name(legacy_name(bytes(range(32)), "outbox", "item", status.id))
    folder.rename(old_folder)

    again = make_outbox(tmp_path / "outbox", hub_server.base_url, clock)
    assert not old_folder.exists() and folder.is_dir()  # renamed when the outbox opened
    assert [s.id for s in again.pending()] == [status.id]
    assert again.opinion(status.id) == opinion
    [done] = again.process_once()  # reads the legacy objects, saves the record anew
    assert done.state is DeliveryState.DELIVERED
    assert (folder / "item.bin").read_bytes().startswith(HEADER)


# -- the image cache: old entries are purged, not migrated ----------------------


def _old_cache_file(path: Path, master: bytes, plain: bytes, label: str) -> None:
    """The image cache's own format before issue #12 (``SLC1``)."""
    key = hashlib.sha256(b"content\0" + master).digest()
    nonce = secrets.token_bytes(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SLC1" + nonce + AESGCM(key).encrypt(nonce, plain, label.encode()))


def _old_name(master: bytes, *uids: str) -> str:
    key = hashlib.sha256(b"names\0" + master).digest()
    return hmac.new(key, "/".join(uids).encode(), hashlib.sha256).hexdigest()[:32]


def test_old_cache_entries_are_purged_not_shown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    study, series, sop = "1.2.826.0.1.3680043.8.498.1", "1.2.826.0.1.3680043.8.498.2", "1.2.3"
    root = tmp_path / "cache" / "v1"
    _old_cache_file(root / "key-check.bin", MASTER, b"strokelink cache key check", "key-check")
    series_dir = (
        root / _old_name(MASTER, "study", study) / _old_name(MASTER, "series", study, series)
    )
    old_entry = series_dir / f"{_old_name(MASTER, 'sop', study, series, sop)}.bin"
    _old_cache_file(old_entry, MASTER, b"synthetic pixels", f"sop:{study}/{series}/{sop}")
    metadata = [{"00080018": {"vr": "UI", "Value": [sop]}}]
    _old_cache_file(
        series_dir / "series.bin", MASTER, json.dumps(metadata).encode(), f"series:{study}/{series}"
    )

    with caplog.at_level(logging.INFO, logger="app.retrieve.cache"):
        cache = ImageCache(tmp_path / "cache", key=MasterKey(MASTER, persistent=True))
    assert any("older format" in r.getMessage() for r in caplog.records)
    assert not old_entry.exists() and not series_dir.exists()
    assert cache.get_instance(study, series, sop) is None
    assert cache.get_series_metadata(study, series) is None
    assert cache.size_bytes() == 0
    # downloaded again, it is sealed in the one format
    cache.put_instance(study, series, sop, b"synthetic pixels")
    assert cache.get_instance(study, series, sop) == b"synthetic pixels"
    assert (root / "key-check.bin").read_bytes().startswith(HEADER)
    reopened = ImageCache(tmp_path / "cache", key=MasterKey(MASTER, persistent=True))
    assert reopened.get_instance(study, series, sop) == b"synthetic pixels"


def test_an_old_cache_entry_beside_new_ones_is_refused_and_removed(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache", key=MasterKey(MASTER, persistent=True))
    cache.put_instance("1.2.9", "1.2.9.1", "1.2.9.1.1", b"synthetic")
    [path] = [p for p in (tmp_path / "cache" / "v1").rglob("*.bin") if p.name != "key-check.bin"]
    _old_cache_file(path, MASTER, b"synthetic", "sop:1.2.9/1.2.9.1/1.2.9.1.1")
    assert cache.get_instance("1.2.9", "1.2.9.1", "1.2.9.1.1") is None
    assert cache.refused == 1 and not path.exists()
