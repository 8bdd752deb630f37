"""Signers' names in documents: the title the radiologist gave, never "Dr Pr"."""

from __future__ import annotations

from app.opinion import wording as w


def test_a_titled_signer_keeps_the_title() -> None:
    assert w.doctor("MARTIN^Claire^^Pr") == "Pr MARTIN Claire"
    assert w.person("MARTIN^Claire^^Pr") == "Pr MARTIN Claire"


def test_an_untitled_signer_is_dr() -> None:
    assert w.doctor("MARTIN^Claire") == "Dr MARTIN Claire"
    assert w.doctor("MARTIN^Claire^^ ") == "Dr MARTIN Claire"
