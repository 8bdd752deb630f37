"""Opinion drafts on disk, sealed, restored exactly after a crash (safety invariant 4).

One folder per case (the request's workitem UID), named by a keyed hash so a
listing shows no UID::

    drafts/<name(case)>/draft.bin          the opinion JSON + claim, sealed
    drafts/<name(case)>/snapshot-<i>.bin   key image i's annotated RGB snapshot, sealed

The UI calls :meth:`DraftStore.save` on every change (debounced on its side,
e.g. 500 ms). Each save replaces the file atomically (:mod:`app.store.sealed`):
after ``kill -9`` the draft on disk is the last complete one, never a torn
one. (The claim's Transaction UID is kept by :class:`app.worklist.claims.ClaimStore`.)

A draft is kept as the JSON of ``docs/opinion-schema.md``. Loading accepts a
draft the strict reader would refuse (a half-edited draft may contradict
itself, e.g. haemorrhage types ticked while the status went back to absent):
it is restored as it was and :attr:`Draft.problems` lists what the strict
reader said. Drafts are deleted once the opinion is delivered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.opinion import schema
from app.opinion.model import Opinion
from app.opinion.schema import OpinionValidationError, opinion_from_dict, opinion_to_dict
from app.store.sealed import SealedBox, Unreadable, private_folder, remove_leftovers

log = logging.getLogger("app.opinion.drafts")

DRAFT_FILE = "draft.bin"
FORMAT = 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Draft:
    """A saved draft: the case (workitem UID), the opinion, when it was saved.

    ``problems`` lists what the strict reader said of a self-contradicting draft.
    """

    case: str
    opinion: Opinion
    saved_at: dt.datetime
    problems: tuple[str, ...] = field(default=())


def restore_opinion(data: Any) -> tuple[Opinion, tuple[str, ...]]:
    """The opinion a saved JSON dict holds, even one the strict reader refuses.

    Returns the opinion and what the strict reader said (empty when valid). An
    identity override of the old form is dropped and said
    (:data:`app.opinion.schema.LEGACY_OVERRIDE_NOTE`).
    """
    legacy = (schema.LEGACY_OVERRIDE_NOTE,) if schema.legacy_override(data) else ()
    try:
        return opinion_from_dict(data), legacy
    except OpinionValidationError as exc:
        problems = (*legacy, *exc.errors)
    if isinstance(data, dict):
        data = schema.without_legacy_override(data)
    body = {k: v for k, v in data.items() if k != "schema"} if isinstance(data, dict) else {}
    errors: list[str] = []
    # The schema's own reader, without the consistency checks a draft may not pass yet.
    opinion = schema._load(Opinion, body, "", errors)
    if not isinstance(opinion, Opinion):
        raise Unreadable("the draft does not hold an opinion")
    return opinion, problems


class DraftStore:
    """Sealed opinion drafts under ``folder``, one per case.

    ``box`` seals the files (purpose ``"drafts"``); ``clock`` gives aware
    datetimes (the time a draft was saved).
    """

    def __init__(
        self, folder: Path, box: SealedBox, *, clock: Callable[[], dt.datetime] = _now
    ) -> None:
        self.folder = private_folder(Path(folder))
        self.box = box
        self.clock = clock

    def _case_folder(self, case: str) -> Path:
        if not case:
            raise ValueError("a draft needs its case (the workitem UID)")
        return self.box.locate(self.folder, "case", case)

    # -- the opinion -----------------------------------------------------------

    def save(self, case: str, opinion: Opinion) -> None:
        """Replace the case's draft by ``opinion`` (atomically, sealed)."""
        folder = self._case_folder(case)
        record = {
            "format": FORMAT,
            "case": case,
            "saved_at": self.clock().isoformat(),
            "opinion": opinion_to_dict(opinion),
        }
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.box.write(private_folder(folder) / DRAFT_FILE, data, "draft")

    def load(self, case: str) -> Opinion | None:
        """The case's draft opinion, exactly as saved; None when there is none.

        Raises :class:`app.store.sealed.Unreadable` when the file is damaged or was
        sealed with another key (e.g. the keyring was unavailable last time).
        """
        draft = self.load_draft(case)
        return None if draft is None else draft.opinion

    def load_draft(self, case: str) -> Draft | None:
        """The whole :class:`Draft` of a case, or None."""
        path = self._case_folder(case) / DRAFT_FILE
        try:
            draft = self._read(path)
        except FileNotFoundError:
            return None
        if draft.case != case:
            raise Unreadable("this draft file belongs to another case")
        return draft

    def _read(self, path: Path) -> Draft:
        plain = self.box.read(path, "draft")
        try:
            record = json.loads(plain)
            opinion, problems = restore_opinion(record["opinion"])
            return Draft(
                case=str(record["case"]),
                opinion=opinion,
                saved_at=dt.datetime.fromisoformat(record["saved_at"]),
                problems=problems,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise Unreadable(f"the draft is malformed ({type(exc).__name__})") from None

    def cases(self) -> list[str]:
        """The cases with a readable draft (unreadable ones are skipped, with a warning)."""
        return [draft.case for draft in self.drafts()]

    def drafts(self) -> list[Draft]:
        """Every readable draft, most recently saved first."""
        found: list[Draft] = []
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
            remove_leftovers(folder)
            path = folder / DRAFT_FILE
            if not path.is_file():
                continue
            try:
                draft = self._read(path)
            except (Unreadable, OSError):
                log.warning("a draft could not be read (damaged, or sealed with another key)")
                continue
            if self.box.place(folder, "case", draft.case) is None:
                log.warning("a draft file was found in another case's folder; ignored")
                continue
            found.append(draft)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def delete(self, case: str) -> None:
        """Remove the case's draft and snapshots (after delivery, or when abandoned)."""
        shutil.rmtree(self._case_folder(case), ignore_errors=True)

    # -- key image snapshots ---------------------------------------------------

    def save_snapshot(self, case: str, index: int, pixels: np.ndarray) -> None:
        """Keep key image ``index``'s annotated RGB snapshot (uint8, rows × columns × 3)."""
        if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.dtype != np.uint8:
            raise ValueError("a key image snapshot is an RGB image, 8 bits per channel")
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(pixels), allow_pickle=False)
        folder = private_folder(self._case_folder(case))
        self.box.write(
            folder / f"snapshot-{index}.bin", buffer.getvalue(), f"snapshot:{case}:{index}"
        )

    def remove_snapshot(self, case: str, index: int) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self._case_folder(case) / f"snapshot-{index}.bin").unlink()

    def snapshots(self, case: str) -> dict[int, np.ndarray]:
        """The case's snapshots by key image index (as ``build_documents(snapshots=…)`` takes)."""
        folder = self._case_folder(case)
        found: dict[int, np.ndarray] = {}
        for path in sorted(folder.glob("snapshot-*.bin")):
            try:
                index = int(path.stem.removeprefix("snapshot-"))
                plain = self.box.read(path, f"snapshot:{case}:{index}")
                found[index] = np.load(io.BytesIO(plain), allow_pickle=False)
            except (ValueError, Unreadable, OSError):
                log.warning("a key image snapshot could not be read; it is left out")
        return found
