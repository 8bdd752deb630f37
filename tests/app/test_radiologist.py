"""Who signs: the signer settings checked, kept per hub profile, named in claims (no display)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.ups import first_value, performer_of
from app.opinion.model import Radiologist
from app.worklist.claims import ClaimStore, claim_request, is_mine, same_person
from app.worklist.model import request_from_workitem
from app.worklist.signer import Problem, RadiologistStore, SignerSettings, settings_from_json
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.hub_util import minihub_client

CLAIRE = SignerSettings("MARTIN", "Claire", "Pr", "CHRU Nancy, Neuroradiologie")


def test_family_given_and_organisation_are_required_the_title_is_not() -> None:
    assert SignerSettings("", " ", "", "").problems() == {
        "family": Problem.REQUIRED,
        "given": Problem.REQUIRED,
        "organisation": Problem.REQUIRED,
    }
    assert SignerSettings("MARTIN", "Claire", "", "CHRU Nancy").problems() == {}
    assert CLAIRE.problems() == {}


def test_what_dicom_cannot_hold_is_refused_never_cut() -> None:
    assert SignerSettings("MAR^TIN", "Claire", "Dr", "CHRU").problems() == {
        "family": Problem.SEPARATOR
    }
    assert SignerSettings("MARTIN", "Claire=Zoé", "Dr", "CHRU").problems() == {
        "given": Problem.SEPARATOR
    }
    assert SignerSettings("MARTIN", "Claire", "Dr\\Pr", "CHRU").problems() == {
        "title": Problem.SEPARATOR
    }
    assert SignerSettings("MARTIN", "Cl\taire", "Dr", "CHRU\\Nancy").problems() == {
        "given": Problem.CONTROL,
        "organisation": Problem.SEPARATOR,
    }
    long_family = SignerSettings("M" * 60, "Claire", "Dr", "CHRU")  # PN group > 64 characters
    assert long_family.problems() == {"family": Problem.TOO_LONG}
    assert long_family.family == "M" * 60  # kept as typed
    assert SignerSettings("MARTIN", "Claire", "Dr", "O" * 65).problems() == {
        "organisation": Problem.TOO_LONG
    }
    # "^" in an organisation is ordinary text (LO), not a separator
    assert SignerSettings("MARTIN", "Claire", "Dr", "A^B").problems() == {}


def test_the_title_is_the_person_names_prefix() -> None:
    assert CLAIRE.name == "MARTIN^Claire"
    assert CLAIRE.person_name == "MARTIN^Claire^^Pr"
    assert SignerSettings("MARTIN", "Claire", "", "CHRU").person_name == "MARTIN^Claire"
    assert CLAIRE.radiologist() == Radiologist(
        "MARTIN^Claire^^Pr", "CHRU Nancy, Neuroradiologie", ""
    )
    padded = SignerSettings("  Dupont ", " Zoé", " Dr ", " CH Verdun ")
    assert (padded.family, padded.given, padded.title, padded.organisation) == (
        "Dupont",
        "Zoé",
        "Dr",
        "CH Verdun",
    )


def test_saved_and_read_back_per_hub_profile(tmp_path: Path) -> None:
    path = tmp_path / "config" / "radiologists.json"
    store = RadiologistStore(path)
    assert store.load_signer("lorraine") is None  # the first start
    store.save("alsace", Radiologist("KOCH^Hans", "HUS", "hkoch"))
    store.save("lorraine", Radiologist("MARTIN^Claire", "old", "cmartin"))
    store.save_signer("lorraine", CLAIRE)
    on_disk = json.loads(path.read_text(encoding="utf-8"))["networks"]
    assert on_disk["lorraine"] == {
        "name": "MARTIN^Claire",
        "title": "Pr",
        "organisation": "CHRU Nancy, Neuroradiologie",
        "identifier": "cmartin",  # the login stored before is kept
    }
    assert on_disk["alsace"]["name"] == "KOCH^Hans"  # other profiles untouched
    again = RadiologistStore(path)  # a restart
    assert again.load_signer("lorraine") == SignerSettings(
        "MARTIN", "Claire", "Pr", "CHRU Nancy, Neuroradiologie", "cmartin"
    )
    assert again.load("lorraine") == Radiologist(
        "MARTIN^Claire^^Pr", "CHRU Nancy, Neuroradiologie", "cmartin"
    )
    assert again.signer("lorraine")() == again.load("lorraine")


def test_unicode_is_kept_and_an_incomplete_signer_is_not_saved(tmp_path: Path) -> None:
    store = RadiologistStore(tmp_path / "radiologists.json")
    store.save_signer("lorraine", SignerSettings("Lefèvre", "Zoé", "", "Hôpital Émile-Roux"))
    assert "Lefèvre^Zoé" in (tmp_path / "radiologists.json").read_text(encoding="utf-8")
    before = (tmp_path / "radiologists.json").read_bytes()
    with pytest.raises(ValueError, match="incomplete"):
        store.save_signer("lorraine", SignerSettings("Lefèvre", "", "", "Hôpital Émile-Roux"))
    assert (tmp_path / "radiologists.json").read_bytes() == before
    assert store.signer("lorraine", login="zlefevre")() == Radiologist(
        "Lefèvre^Zoé", "Hôpital Émile-Roux", "zlefevre"
    )


def test_a_name_written_by_hand_with_its_prefix_gives_the_title() -> None:
    found = settings_from_json({"name": "MARTIN^Claire^^Dr", "organisation": "CHRU"})
    assert found == SignerSettings("MARTIN", "Claire", "Dr", "CHRU")
    assert settings_from_json({"name": " "}) is None
    assert settings_from_json("MARTIN") is None


def new_request(hub: HttpHub) -> str:
    study = generate_uid()
    ct = "1.2.840.10008.5.1.4.1.1.2"
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun", physician="LEROY^Thomas", question="Thrombolysis?"),
        patient={"PatientName": "SYNTH^SIGNER", "PatientID": "SG1", "IssuerOfPatientID": "SYN"},
        inputs=[InputSeries(study, generate_uid(), [(ct, generate_uid())], "")],
        scheduled=dt.datetime.now().astimezone(),
    )
    return hub.create_workitem(body)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HttpHub]:
    yield from minihub_client(tmp_path / "hub")


def test_a_claim_names_the_signer_and_their_organisation(hub: HttpHub, tmp_path: Path) -> None:
    uid = new_request(hub)
    claim_request(hub, ClaimStore(tmp_path / "claims.json"), uid, CLAIRE.radiologist())
    item = hub.retrieve_workitem(uid)
    assert performer_of(item) == "MARTIN^Claire^^Pr"
    performer = first_value(item, "00404035")
    assert first_value(performer, "00404036") == "CHRU Nancy, Neuroradiologie"
    request = request_from_workitem(item)
    assert request.performer == "MARTIN^Claire^^Pr"
    # my claim from another workstation, whatever title I chose since; not a namesake's login
    assert is_mine(request, set(), "cmartin", "MARTIN^Claire")
    assert is_mine(request, set(), "Martin Claire")
    assert not is_mine(request, set(), "cmartin", "MARTIN^Paul^^Pr")


def test_same_person_compares_family_and_given_names_only() -> None:
    assert same_person("MARTIN^Claire^^Pr", "martin^claire^^Dr")
    assert same_person("DURAND^Claire", "Durand  Claire")
    assert not same_person("", "")
    assert not same_person("MARTIN^Claire", "MARTIN^Paul")


def test_a_middle_name_written_by_hand_is_kept() -> None:
    from app.worklist.signer import settings_from_json

    settings = settings_from_json({"name": "DUPONT^Jean^Pierre", "organisation": "CHRU"})
    assert settings is not None
    assert (settings.family, settings.given) == ("DUPONT", "Jean Pierre")
