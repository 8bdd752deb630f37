"""Signing an opinion, and the opinions that follow a sent one.

Signing fixes the radiologist, the time and every UID of the documents the
opinion is sent as (:class:`~app.opinion.model.DocumentUids`); the outbox
stores the signed opinion and resends it with the same UIDs, so a retry
never makes a duplicate. A sent opinion is never changed: the final opinion
after a preliminary one, or a correction, is a new opinion whose
``predecessors`` name the sent SR ((0040,A360) Predecessor Documents
Sequence). It carries the sent opinion's identity override, which covers
only the pairs of values it names
(:class:`~app.opinion.identity.IdentityOverride`); the session signs it for
the differences still found (:meth:`IdentityOverride.restricted_to`).
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid

from pydicom.uid import generate_uid

from app.opinion.model import DocumentRef, DocumentUids, Opinion, Radiologist, ReportKind

SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.33"  # Comprehensive SR


#: Namespace of the name-based (version 5) UUIDs behind seeded UIDs.
UID_NAMESPACE = uuid.UUID("6f1c3a52-9d4e-5b8a-a1f0-2c7d9e3b4a61")


def seeded_uid(seed: str, role: str) -> str:
    """``2.25.<UUID>`` (PS3.5 B.2) from a name-based UUID of ``seed`` and ``role``."""
    return f"2.25.{uuid.uuid5(UID_NAMESPACE, f'{seed}/{role}').int}"


def new_document_uids(key_images: int, *, seed: str | None = None) -> DocumentUids:
    """Fresh UIDs for one opinion's SR, PDF, key images and KOS.

    With ``seed`` the UIDs are derived from it (``2.25.…`` from a hash), so
    the same seed always gives the same UIDs; without, they are random.
    """

    def make(role: str) -> str:
        return seeded_uid(seed, role) if seed is not None else str(generate_uid(prefix=None))

    return DocumentUids(
        sr_series=make("sr-series"),
        sr_instance=make("sr-instance"),
        pdf_series=make("pdf-series"),
        pdf_instance=make("pdf-instance"),
        key_image_series=make("key-image-series"),
        key_image_instances=[make(f"key-image-{i}") for i in range(key_images)],
        kos_series=make("kos-series"),
        kos_instance=make("kos-instance"),
    )


def sign(
    opinion: Opinion, radiologist: Radiologist, *, at: dt.datetime, seed: str | None = None
) -> Opinion:
    """A signed copy: radiologist, time (with its UTC offset) and document UIDs set.

    Raises ValueError if the opinion is already signed (a signed opinion is
    sent as it is; correct it with :func:`amend`) or the time is naive.
    """
    if opinion.is_signed:
        raise ValueError("this opinion is already signed; correct it with an amendment")
    if at.tzinfo is None:
        raise ValueError("the signing time needs a time zone")
    signed = copy.deepcopy(opinion)
    signed.radiologist = radiologist
    signed.signed_at = at.replace(microsecond=0)
    signed.uids = new_document_uids(len(opinion.key_images), seed=seed)
    return signed


def sent_document(opinion: Opinion) -> DocumentRef:
    """The SR a signed opinion is sent as, for a successor's predecessor list."""
    if opinion.uids is None or not opinion.study_instance_uid:
        raise ValueError("the opinion is not signed for a study yet")
    return DocumentRef(
        study_instance_uid=opinion.study_instance_uid,
        series_instance_uid=opinion.uids.sr_series,
        sop_instance_uid=opinion.uids.sr_instance,
        sop_class_uid=SR_STORAGE,
    )


def _successor(opinion: Opinion) -> Opinion:
    following = copy.deepcopy(opinion)
    following.predecessors = [sent_document(opinion)]
    following.signed_at = None
    following.uids = None
    following.amendment_reason = ""
    return following


def final_after(preliminary: Opinion) -> Opinion:
    """A final draft carrying the preliminary opinion's content, which it supersedes."""
    final = _successor(preliminary)
    final.kind = ReportKind.FINAL
    return final


def amend(opinion: Opinion, reason: str) -> Opinion:
    """A correction draft of a sent opinion; the reason is shown and recorded."""
    if not reason.strip():
        raise ValueError("an amendment needs a reason")
    corrected = _successor(opinion)
    corrected.amendment_reason = reason.strip()
    return corrected
