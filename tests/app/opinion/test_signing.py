"""Signing fixes the UIDs once; successors reference what was sent."""

from __future__ import annotations

import pytest
from pydicom.uid import UID

from app.opinion import model as m
from app.opinion.schema import opinion_from_json, opinion_to_json
from app.opinion.signing import amend, final_after, new_document_uids, sent_document, sign
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT


def all_uids(u: m.DocumentUids) -> list[str]:
    return [
        u.sr_series,
        u.sr_instance,
        u.pdf_series,
        u.pdf_instance,
        u.key_image_series,
        *u.key_image_instances,
        u.kos_series,
        u.kos_instance,
    ]


def test_seeded_uids_are_the_same_every_time() -> None:
    a, b = new_document_uids(2, seed="opinion-1"), new_document_uids(2, seed="opinion-1")
    assert a == b
    assert all(UID(u).is_valid for u in all_uids(a))
    assert len(set(all_uids(a))) == len(all_uids(a))
    assert set(all_uids(a)).isdisjoint(all_uids(new_document_uids(2, seed="opinion-2")))


def test_unseeded_uids_are_fresh() -> None:
    assert set(all_uids(new_document_uids(1))).isdisjoint(all_uids(new_document_uids(1)))


def test_signed_uids_survive_the_outbox_json(signed_opinion: m.Opinion) -> None:
    stored = opinion_from_json(opinion_to_json(signed_opinion))
    assert stored.uids == signed_opinion.uids
    assert stored.signed_at == SIGNED_AT
    assert stored.is_signed


def test_a_signed_opinion_is_not_signed_again(signed_opinion: m.Opinion) -> None:
    with pytest.raises(ValueError, match="already signed"):
        sign(signed_opinion, RADIOLOGIST, at=SIGNED_AT)


def test_final_after_preliminary_supersedes_it(preliminary: m.Opinion) -> None:
    final = final_after(preliminary)
    assert final.kind is m.ReportKind.FINAL
    assert final.predecessors == [sent_document(preliminary)]
    assert final.uids is None and final.signed_at is None
    assert not final.is_amendment
    signed = sign(final, RADIOLOGIST, at=SIGNED_AT)
    assert signed.uids is not None and preliminary.uids is not None
    assert signed.uids.sr_instance != preliminary.uids.sr_instance


def test_amendment_needs_a_reason_and_references_the_sent_opinion(
    signed_opinion: m.Opinion,
) -> None:
    with pytest.raises(ValueError, match="reason"):
        amend(signed_opinion, "")
    corrected = amend(signed_opinion, "Wrong side: the occlusion is right M1")
    assert corrected.is_amendment
    assert corrected.predecessors[0].sop_instance_uid == signed_opinion.uids.sr_instance  # type: ignore[union-attr]
