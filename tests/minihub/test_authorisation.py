"""Authorisation with ``--users``: roles, ED site scoping and subscription owners.

A real hub with a users file: two ED users (sites A and B), a radiologist, an
admin and a user with no role. Every route family is tried by each role on
its own site's data and on the other site's (docs/minihub.md, "Authorisation").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from pydicom.uid import generate_uid
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from minihub.auth import hash_token, load_users
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.minihub.conftest import DICOM_JSON, make_ct, part10, stow_body, value

JSON = {"Content-Type": DICOM_JSON, "Accept": DICOM_JSON}
GLOBAL = "1.2.840.10008.5.1.4.34.5"
SITE_A, SITE_B = "CH Alpha, Urgences", "CH Beta, Urgences"
USERS: dict[str, dict[str, Any]] = {
    "eda": {"roles": ["ed"], "site": SITE_A},
    "edb": {"roles": ["ed"], "site": SITE_B},
    "rad": {"roles": ["radiologist"]},
    "adm": {"roles": ["admin"]},
    "none": {"roles": []},
}
READERS = ("rad", "adm")


def session(user: str) -> requests.Session:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer token-of-{user}"
    return http


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("users") / "users.json"
    entries = [
        {"name": name, "tokens_sha256": [hash_token(f"token-of-{name}")], **extra}
        for name, extra in USERS.items()
    ]
    path.write_text(json.dumps({"users": entries}), encoding="utf-8")
    return path


@dataclass
class Study:
    study: str
    series: str
    sop: str


@dataclass
class World:
    hub: HubServer
    studies: dict[str, Study]  # by owning ED user
    http: dict[str, requests.Session]


def stow_as(http: requests.Session, hub: HubServer, ds: Any, study: str = "") -> requests.Response:
    body, content_type = stow_body([part10(ds)])
    url = f"{hub.base_url}/studies" + (f"/{study}" if study else "")
    return http.post(url, data=body, headers={"Content-Type": content_type, "Accept": DICOM_JSON})


def workitem(site: str) -> dict[str, Any]:
    now = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    request = ClinicalRequest(
        site=site, physician="TEST^Doc", question="Thrombolysis?", accession="ACC1", nihss=7,
        last_known_well=now - timedelta(hours=1), callback_phone="+33 0 00 00 00 00",
    )  # fmt: skip
    study = generate_uid()
    inputs = [InputSeries(study, generate_uid(), [("1.2.840.10008.5.1.4.1.1.2", generate_uid())],
                          f"http://hub/dicom-web/studies/{study}")]  # fmt: skip
    patient = {"PatientName": "DOE^JOHN", "PatientID": "P1", "PatientSex": "M"}
    return build_request_workitem(request, patient=patient, inputs=inputs, scheduled=now)


def create_as(http: requests.Session, hub: HubServer, site: str) -> requests.Response:
    return http.post(f"{hub.base_url}/workitems", data=json.dumps([workitem(site)]), headers=JSON)


def new_workitem(world: World, owner: str) -> str:
    response = create_as(world.http[owner], world.hub, USERS[owner]["site"])
    assert response.status_code == 201, response.text
    return str(response.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, users_file: Path) -> Iterator[World]:
    with HubServer(tmp_path_factory.mktemp("authz"), users_file=users_file) as hub:
        http = {name: session(name) for name in USERS}
        studies = {}
        for owner in ("eda", "edb"):
            study, series, sop = generate_uid(), generate_uid(), generate_uid()
            response = stow_as(http[owner], hub, make_ct(study, series, sop))
            assert response.status_code == 200, response.text
            studies[owner] = Study(study, series, sop)
        yield World(hub, studies, http)
        for s in http.values():
            s.close()


def expected_read(actor: str, owner: str) -> int:
    if actor == "none":
        return 403
    return 200 if actor == owner or actor in READERS else 404


def wait_for_event(ws: Any, uid: str) -> None:
    """Read the channel's events (skipping the initial State Reports) until one is about
    the workitem ``uid``; fail after 50."""
    for _ in range(50):
        report = json.loads(ws.recv(timeout=5))
        if value(report, "00001000") == uid:
            return
    pytest.fail("no event for the new workitem")


# --- users file ------------------------------------------------------------------------


def test_users_file_roles_and_sites(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    for entry, message in (
        ({"name": "x", "roles": ["ed"]}, "needs a site"),
        ({"name": "x", "roles": ["god"]}, "roles"),
        ({"name": "x", "roles": "radiologist"}, "roles"),
        ({"name": "x", "roles": ["ed"], "site": "  "}, "site"),
    ):
        path.write_text(json.dumps({"users": [entry]}))
        with pytest.raises(ValueError, match=message):
            load_users(path)
    path.write_text(json.dumps({"users": [{"name": "old"}, {"name": "e", "roles": ["ed"],
                                                              "site": " A "}]}))  # fmt: skip
    users = load_users(path)
    assert users["old"].roles == ("radiologist",)  # files from before roles were enforced
    assert users["e"].site == "A"


# --- studies: QIDO, WADO, STOW -------------------------------------------------------------


@pytest.mark.parametrize("actor", list(USERS))
def test_study_search_is_scoped(world: World, actor: str) -> None:
    response = world.http[actor].get(f"{world.hub.base_url}/studies", headers=JSON)
    if actor == "none":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    found = {value(ds, "0020000D") for ds in response.json()}
    expected = {s.study for owner, s in world.studies.items() if actor in (owner, *READERS)}
    assert found & {s.study for s in world.studies.values()} == expected
    for level in ("series", "instances"):
        rows = world.http[actor].get(f"{world.hub.base_url}/{level}", headers=JSON).json()
        studies = {value(ds, "0020000D") for ds in rows}
        assert studies & {s.study for s in world.studies.values()} == expected


STUDY_ROUTES = [
    "/studies/{st}",
    "/studies/{st}/metadata",
    "/studies/{st}/series",
    "/studies/{st}/instances",
    "/studies/{st}/series/{se}",
    "/studies/{st}/series/{se}/metadata",
    "/studies/{st}/series/{se}/instances",
    "/studies/{st}/series/{se}/instances/{i}",
    "/studies/{st}/series/{se}/instances/{i}/metadata",
    "/studies/{st}/series/{se}/instances/{i}/frames/1",
    "/studies/{st}/series/{se}/instances/{i}/bulkdata/7FE00010",
]


@pytest.mark.parametrize("route", STUDY_ROUTES)
@pytest.mark.parametrize("actor", list(USERS))
@pytest.mark.parametrize("owner", ["eda", "edb"])
def test_study_routes(world: World, route: str, actor: str, owner: str) -> None:
    s = world.studies[owner]
    url = world.hub.base_url + route.format(st=s.study, se=s.series, i=s.sop)
    accept = (
        DICOM_JSON if "metadata" in route or route.endswith(("/series", "/instances")) else "*/*"
    )
    response = world.http[actor].get(url, headers={"Accept": accept})
    assert response.status_code == expected_read(actor, owner), (actor, owner, response.text)


@pytest.mark.parametrize("actor", list(USERS))
@pytest.mark.parametrize("in_path", [False, True])
def test_store_into_a_study(world: World, actor: str, in_path: bool) -> None:
    """An ED adds only to its own site's studies; radiologists (results) and admins anywhere."""
    s = world.studies["eda"]
    ds = make_ct(s.study, s.series, instance_number=2)
    response = stow_as(world.http[actor], world.hub, ds, s.study if in_path else "")
    expected = {"eda": 200, "edb": 409, "rad": 200, "adm": 200, "none": 403}[actor]
    assert response.status_code == expected, response.text
    if expected == 409:
        failed = response.json()["00081198"]["Value"]
        assert value(failed[0], "00081197") == 0xC000
        assert "may not add to that study" in response.headers["Warning"]
        meta = world.http["eda"].get(
            f"{world.hub.base_url}/studies/{s.study}/series/{s.series}/instances/"
            f"{ds.SOPInstanceUID}/metadata", headers=JSON,
        )  # fmt: skip
        assert meta.status_code == 404  # nothing was stored


def test_ed_cannot_add_to_a_study_without_a_site(world: World) -> None:
    study, series = generate_uid(), generate_uid()
    assert stow_as(world.http["rad"], world.hub, make_ct(study, series)).status_code == 200
    refused = stow_as(world.http["eda"], world.hub, make_ct(study, series, instance_number=2))
    assert refused.status_code == 409
    rows = world.http["eda"].get(f"{world.hub.base_url}/studies/{study}/series", headers=JSON)
    assert rows.status_code == 404


def test_a_refused_store_reserves_no_study_for_a_site(world: World) -> None:
    """edb's STOW of a new study, refused (it reuses eda's SOP Instance UID), must not make
    that Study UID edb's: eda then stores into it normally."""
    taken = world.studies["eda"]
    study, series = generate_uid(), generate_uid()
    clash = make_ct(study, series, sop_uid=taken.sop)
    assert stow_as(world.http["edb"], world.hub, clash).status_code == 409
    stored = stow_as(world.http["eda"], world.hub, make_ct(study, series))
    assert stored.status_code == 200, stored.text
    found = world.http["edb"].get(f"{world.hub.base_url}/studies/{study}/series", headers=JSON)
    assert found.status_code == 404  # eda's study, not edb's


# --- workitems ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor", list(USERS))
def test_workitem_search_and_retrieve(world: World, actor: str) -> None:
    uids = {owner: new_workitem(world, owner) for owner in ("eda", "edb")}
    response = world.http[actor].get(f"{world.hub.base_url}/workitems", headers=JSON)
    if actor == "none":
        assert response.status_code == 403
    else:
        found = {value(ds, "00080018") for ds in response.json()}
        expected = {u for owner, u in uids.items() if actor in (owner, *READERS)}
        assert found & set(uids.values()) == expected
        if actor.startswith("ed"):
            limited = (
                world.http[actor]
                .get(f"{world.hub.base_url}/workitems?limit=1", headers=JSON)
                .json()
            )
            assert len(limited) == 1
            assert value(limited[0]["0040A370"]["Value"][0], "00321033") == USERS[actor]["site"]
    for owner, uid in uids.items():
        got = world.http[actor].get(f"{world.hub.base_url}/workitems/{uid}", headers=JSON)
        assert got.status_code == expected_read(actor, owner)


@pytest.mark.parametrize("actor", list(USERS))
@pytest.mark.parametrize("site", [SITE_A, SITE_B])
def test_workitem_creation(world: World, actor: str, site: str) -> None:
    response = create_as(world.http[actor], world.hub, site)
    if actor == "none":
        expected = 403
    elif actor.startswith("ed"):
        expected = 201 if USERS[actor]["site"] == site else 403
    else:
        expected = 201
    assert response.status_code == expected, response.text


def expected_perform(actor: str, owner: str) -> int:
    if actor in READERS:
        return 200
    if actor == owner:
        return 403
    return 403 if actor == "none" else 404


@pytest.mark.parametrize("actor", list(USERS))
@pytest.mark.parametrize("owner", ["eda", "edb"])
def test_update_claim_complete(world: World, actor: str, owner: str) -> None:
    uid = new_workitem(world, owner)
    http, base = world.http[actor], world.hub.base_url
    changes = {"00741200": {"vr": "CS", "Value": ["LOW"]},
               "00100010": {"vr": "PN", "Value": [{"Alphabetic": "EVIL^NAME"}]}}  # fmt: skip
    response = http.post(f"{base}/workitems/{uid}", data=json.dumps([changes]), headers=JSON)
    assert response.status_code == expected_perform(actor, owner)
    txn = generate_uid()

    def to(state: str) -> requests.Response:
        body = {"00741000": {"vr": "CS", "Value": [state]},
                "00081195": {"vr": "UI", "Value": [txn]}}  # fmt: skip
        return http.put(f"{base}/workitems/{uid}/state", data=json.dumps([body]), headers=JSON)

    assert to("IN PROGRESS").status_code == expected_perform(actor, owner)
    stored = world.http["rad"].get(f"{base}/workitems/{uid}", headers=JSON).json()[0]
    if actor in READERS:
        assert value(stored, "00741200") == "LOW"
        assert value(stored, "00741000") == "IN PROGRESS"
    else:
        assert value(stored, "00741200") != "LOW"
        assert value(stored, "00741000") == "SCHEDULED"
        assert value(stored, "00100010") != {"Alphabetic": "EVIL^NAME"}


@pytest.mark.parametrize("actor", list(USERS))
@pytest.mark.parametrize("owner", ["eda", "edb"])
def test_cancel_request(world: World, actor: str, owner: str) -> None:
    uid = new_workitem(world, owner)
    response = world.http[actor].post(
        f"{world.hub.base_url}/workitems/{uid}/cancelrequest", headers=JSON
    )
    if actor == "none":
        assert response.status_code == 403
    elif actor == owner or actor in READERS:
        assert response.status_code in (200, 202), response.text
    else:
        assert response.status_code == 404
        stored = world.http["rad"].get(f"{world.hub.base_url}/workitems/{uid}", headers=JSON)
        assert value(stored.json()[0], "00741000") == "SCHEDULED"


# --- subscriptions -----------------------------------------------------------------------


def subscribe_as(world: World, actor: str, target: str, aetitle: str) -> requests.Response:
    return world.http[actor].post(f"{world.hub.base_url}/workitems/{target}/subscribers/{aetitle}")


def test_subscriptions_belong_to_their_owner(world: World) -> None:
    base = world.hub.base_url
    assert subscribe_as(world, "rad", GLOBAL, "RADAE").status_code == 201
    for actor in ("eda", "edb", "none"):
        path = f"{base}/workitems/{GLOBAL}/subscribers/RADAE"
        assert world.http[actor].delete(path).status_code == 403
        assert world.http[actor].post(path + "/suspend").status_code == 403
        assert subscribe_as(world, actor, GLOBAL, "RADAE").status_code == 403
    # the radiologist's channel still works, and nobody else may open it
    ws_url = base.replace("http://", "ws://", 1) + "/subscribers/RADAE"
    with pytest.raises(InvalidStatus), connect(ws_url, open_timeout=5,
                 additional_headers={"Authorization": "Bearer token-of-edb"}) as ws:  # fmt: skip
        ws.recv(timeout=2)
    rad = {"Authorization": "Bearer token-of-rad"}
    with connect(ws_url, open_timeout=5, additional_headers=rad) as ws:
        wait_for_event(ws, new_workitem(world, "eda"))
    assert world.http["adm"].delete(f"{base}/workitems/{GLOBAL}/subscribers/RADAE").status_code \
        == 200  # fmt: skip


def test_ed_subscribes_to_its_own_workitems_only(world: World) -> None:
    own, other = new_workitem(world, "edb"), new_workitem(world, "eda")
    assert subscribe_as(world, "edb", GLOBAL, "EDBAE").status_code == 403
    assert subscribe_as(world, "edb", "1.2.840.10008.5.1.4.34.5.1", "EDBAE").status_code == 403
    assert subscribe_as(world, "edb", other, "EDBAE").status_code == 404
    assert subscribe_as(world, "edb", own, "EDBAE").status_code == 201
    assert subscribe_as(world, "eda", own, "EDBAE").status_code == 404  # not eda's workitem
    path = f"{world.hub.base_url}/workitems/{own}/subscribers/EDBAE"
    assert world.http["eda"].delete(path).status_code == 403
    assert world.http["edb"].delete(path).status_code == 200
    # no subscription left: the AE Title is free again (for edb, or anyone)
    assert subscribe_as(world, "edb", own, "EDBAE").status_code == 201


def test_an_ed_user_never_locks_a_radiologist_out_of_a_channel(world: World) -> None:
    """An ED user who subscribes first with the radiologist's AE Title (it is derived from
    the user name) does not keep the radiologist's alerts away: the radiologist takes it
    back, the ED user's subscriptions under it go, and the ED user may no longer use it."""
    own = new_workitem(world, "edb")
    assert subscribe_as(world, "edb", own, "SL_RADSQUAT").status_code == 201
    assert subscribe_as(world, "rad", GLOBAL, "SL_RADSQUAT").status_code == 201
    assert subscribe_as(world, "edb", own, "SL_RADSQUAT").status_code == 403
    path = f"{world.hub.base_url}/workitems/{GLOBAL}/subscribers/SL_RADSQUAT"
    assert world.http["edb"].delete(path).status_code == 403
    ws_url = world.hub.base_url.replace("http://", "ws://", 1) + "/subscribers/SL_RADSQUAT"
    with connect(ws_url, open_timeout=5,
                 additional_headers={"Authorization": "Bearer token-of-rad"}) as ws:  # fmt: skip
        wait_for_event(ws, new_workitem(world, "eda"))
    assert world.http["rad"].delete(path).status_code == 200


def test_ae_titles_subscribed_before_users_stay_with_radiologists(
    tmp_path: Path, users_file: Path
) -> None:
    with HubServer(tmp_path / "hub") as open_hub:
        url = f"{open_hub.base_url}/workitems/{GLOBAL}/subscribers/LEGACY"
        assert requests.post(url, timeout=10).status_code == 201
    with HubServer(tmp_path / "hub", users_file=users_file) as hub:
        world = World(hub, {}, {name: session(name) for name in USERS})
        own = new_workitem(world, "edb")
        assert subscribe_as(world, "edb", own, "LEGACY").status_code == 403
        path = f"{hub.base_url}/workitems/{GLOBAL}/subscribers/LEGACY"
        assert world.http["edb"].delete(path).status_code == 403
        assert world.http["rad"].delete(path).status_code == 200
