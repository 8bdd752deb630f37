"""Opinion drafts: sealed on disk, restored exactly, never torn by a kill -9 (invariant 4)."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from app.opinion import model as m
from app.opinion.build import example_opinion
from app.opinion.drafts import DraftStore
from app.store import sealed
from app.store.sealed import SealedBox, Unreadable

PARIS = dt.timezone(dt.timedelta(hours=1))
CASE = "1.2.826.0.1.3680043.8.498.777001"
OTHER_CASE = "1.2.826.0.1.3680043.8.498.777002"


def clock() -> dt.datetime:
    return dt.datetime(2025, 3, 1, 14, 30, tzinfo=PARIS)


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def store(tmp_path: Path, key: bytes) -> DraftStore:
    return DraftStore(tmp_path / "drafts", SealedBox(key, "drafts"), clock=clock)


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_restored_exactly(store: DraftStore) -> None:
    opinion = example_opinion()
    opinion.other_findings = "Ancienne lacune cérébelleuse droite — « vue »."
    store.save(CASE, opinion)
    assert store.load(CASE) == opinion
    draft = store.load_draft(CASE)
    assert draft is not None
    assert (draft.case, draft.saved_at, draft.problems) == (CASE, clock(), ())
    store.save(CASE, m.Opinion())
    assert store.load(CASE) == m.Opinion()
    assert store.load(OTHER_CASE) is None


def test_a_self_contradicting_draft_is_restored_too(store: DraftStore) -> None:
    opinion = example_opinion()
    opinion.haemorrhage.types = [m.HaemorrhageType.SUBDURAL]  # while ABSENT: half-edited
    store.save(CASE, opinion)
    draft = store.load_draft(CASE)
    assert draft is not None and draft.opinion == opinion
    assert any(p.startswith("haemorrhage.types") for p in draft.problems)


def test_encrypted_at_rest_no_patient_data_or_uid(store: DraftStore, tmp_path: Path) -> None:
    opinion = example_opinion()
    store.save(CASE, opinion)
    store.save_snapshot(CASE, 0, np.full((8, 8, 3), 200, np.uint8))
    files = every_file(tmp_path / "drafts")
    assert len(files) == 2
    secrets_in_clear = [
        b"DUPONT",
        "Zoé".encode(),
        b"NAN-0042",
        b"19540212",
        CASE.encode(),
        b"haemorrhage",
    ]
    for path in files:
        data = path.read_bytes()
        assert data.startswith(sealed.HEADER)
        for secret in secrets_in_clear:
            assert secret not in data, (path.name, secret)
        assert CASE not in str(path)


def test_snapshots_round_trip_and_delete(store: DraftStore) -> None:
    pixels = np.random.default_rng(0).integers(0, 255, (16, 12, 3), dtype=np.uint8)
    store.save(CASE, example_opinion())
    store.save_snapshot(CASE, 0, pixels)
    store.save_snapshot(CASE, 2, pixels[::-1])
    shots = store.snapshots(CASE)
    assert sorted(shots) == [0, 2]
    np.testing.assert_array_equal(shots[0], pixels)
    np.testing.assert_array_equal(shots[2], pixels[::-1])
    store.remove_snapshot(CASE, 2)
    assert sorted(store.snapshots(CASE)) == [0]
    with pytest.raises(ValueError, match="RGB"):
        store.save_snapshot(CASE, 1, np.zeros((4, 4), np.uint8))
    store.delete(CASE)
    assert store.load(CASE) is None and store.snapshots(CASE) == {}


def test_listing_and_refusals(store: DraftStore, tmp_path: Path, key: bytes) -> None:
    store.save(CASE, example_opinion())
    store.save(OTHER_CASE, m.Opinion())
    assert sorted(store.cases()) == sorted([CASE, OTHER_CASE])
    # Another key (e.g. no keyring last time): unreadable, never mistaken for a draft.
    stranger = DraftStore(tmp_path / "drafts", SealedBox(secrets.token_bytes(32), "drafts"))
    assert stranger.cases() == []
    assert stranger.load(CASE) is None  # its folder names differ too
    # The drafts' key is not the outbox's, even from the same master key.
    other_purpose = DraftStore(tmp_path / "drafts", SealedBox(key, "outbox"))
    assert other_purpose.cases() == []
    # A draft file moved into another case's folder is refused.
    mine = store._case_folder(CASE) / "draft.bin"
    theirs = store._case_folder(OTHER_CASE) / "draft.bin"
    theirs.write_bytes(mine.read_bytes())
    with pytest.raises(Unreadable, match="another case"):
        store.load(OTHER_CASE)
    assert store.cases() == [CASE]
    # A flipped bit is refused.
    data = bytearray(mine.read_bytes())
    data[-1] ^= 1
    mine.write_bytes(bytes(data))
    with pytest.raises(Unreadable):
        store.load(CASE)


SAVER = textwrap.dedent(
    """
    import secrets, sys
    from pathlib import Path
    from app.store.sealed import SealedBox
    from app.opinion.drafts import DraftStore
    from app.opinion.build import example_opinion

    store = DraftStore(Path(sys.argv[1]), SealedBox(bytes.fromhex(sys.argv[2]), "drafts"))
    opinion = example_opinion()
    opinion.free_text = "x" * 20000  # a bigger file: more time spent mid-write
    n = 0
    while True:
        n += 1
        opinion.other_findings = f"save {n}"
        store.save("1.2.3", opinion)
        if n == 1:
            print("saving", flush=True)
    """
)


def test_kill_9_mid_save_loop_leaves_the_last_complete_draft(tmp_path: Path, key: bytes) -> None:
    folder = tmp_path / "drafts"
    root = Path(__file__).resolve().parents[2]
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(folder), key.hex()],
            cwd=root,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"saving"
        time.sleep(0.3 + secrets.randbelow(300) / 1000)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        store = DraftStore(folder, SealedBox(key, "drafts"))
        opinion = store.load("1.2.3")
        assert opinion is not None
        assert opinion.other_findings.startswith("save ")
        assert int(opinion.other_findings.split()[1]) >= 1
        assert opinion.free_text == "x" * 20000
        assert store.cases() == ["1.2.3"]
    # A temporary file a kill left behind is never taken for the draft.
    names = [p.name for p in every_file(folder)]
    assert names.count("draft.bin") == 1


def test_saved_record_is_the_documented_json(store: DraftStore, key: bytes) -> None:
    store.save(CASE, example_opinion())
    path = store._case_folder(CASE) / "draft.bin"
    record = json.loads(SealedBox(key, "drafts").read(path, "draft"))
    assert record["case"] == CASE and record["opinion"]["schema"] == m.SCHEMA_VERSION


def test_box_keyed_by_the_cache_key(tmp_path: Path) -> None:
    from app.store.keys import MasterKey

    master = secrets.token_bytes(32)
    ephemeral = SealedBox.for_user("drafts", MasterKey(master, False, "no keyring"))
    assert (ephemeral.persistent, ephemeral.message) == (False, "no keyring")
    kept = SealedBox.for_user("drafts", MasterKey(master, True))
    assert kept.open(ephemeral.seal(b"x", "draft"), "draft") == b"x"  # same key, same box
    assert "key" not in repr(kept).lower().replace("sealedbox", "")
