"""QIDO-RS (PS3.18 10.6): matching, returned attributes, paging, errors."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import requests
from pydicom.uid import generate_uid

from minihub.server import HubServer
from tests.minihub.conftest import DICOM_JSON, make_ct, stow, value


@dataclass(frozen=True)
class Corpus:
    a: str  # DOE^JOHN, 20250101, CT (2 series: 2 + 1 instances)
    b: str  # Doe^Jane, 20250315, MR
    c: str  # MÜLLER^ÉMILE, 20241231, CT + SR-like OT
    a_series: tuple[str, str]


@pytest.fixture(scope="module")
def corpus(hub: HubServer, http: requests.Session) -> Corpus:
    a, b, c = generate_uid(), generate_uid(), generate_uid()
    a1, a2 = generate_uid(), generate_uid()
    datasets = [
        make_ct(a, a1, instance_number=2, series_number=1),
        make_ct(a, a1, instance_number=1, series_number=1),
        make_ct(a, a2, series_number=2, frames=3),
        make_ct(b, generate_uid(), patient_name="Doe^Jane", patient_id="P2",
                study_date="20250315", study_time="231500", accession="ACC2", modality="MR"),
        make_ct(c, generate_uid(), patient_name="MÜLLER^ÉMILE", patient_id="P3", issuer="OTHER",
                study_date="20241231", study_time="0800", accession="ACC3"),
        make_ct(c, generate_uid(), patient_name="MÜLLER^ÉMILE", patient_id="P3", issuer="OTHER",
                study_date="20241231", accession="ACC3", modality="OT", series_number=9),
    ]  # fmt: skip
    for ds in datasets:
        ds.SpecificCharacterSet = "ISO_IR 192"
    assert stow(http, hub.base_url, datasets).status_code == 200
    return Corpus(a, b, c, (a1, a2))


def studies(http: requests.Session, hub: HubServer, **params: str) -> list[str]:
    response = http.get(f"{hub.base_url}/studies", params=params, headers={"Accept": DICOM_JSON})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == DICOM_JSON
    return [value(item, "0020000D") for item in response.json()]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"PatientID": "P1"}, "a"),
        ({"00100020": "P2"}, "b"),
        ({"PatientName": "doe^*"}, "ab"),
        ({"PatientName": "D?E^JOHN"}, "a"),
        ({"PatientName": "DOE"}, ""),
        ({"PatientName": "müller*"}, "c"),
        ({"StudyDate": "20250101"}, "a"),
        ({"StudyDate": "20250101-"}, "ab"),
        ({"StudyDate": "-20250101"}, "ac"),
        ({"StudyDate": "20250102-20250401"}, "b"),
        ({"StudyTime": "2300-"}, "b"),
        ({"StudyTime": "-0900"}, "c"),
        ({"ModalitiesInStudy": "MR"}, "b"),
        ({"ModalitiesInStudy": "OT\\MR"}, "bc"),
        ({"Modality": "CT"}, "ac"),
        ({"AccessionNumber": "ACC3"}, "c"),
        ({"IssuerOfPatientID": "OTHER"}, "c"),
        ({"ReferringPhysicianName": "house^*"}, "abc"),
        ({"StudyDescription": "CT*"}, "abc"),
        ({"PatientSex": "F", "PatientID": "P2"}, "b"),
        ({"fuzzymatching": "true", "PatientID": "P1"}, "a"),
        ({"PatientBirthDate": "19600101"}, "abc"),
        ({"StudyID": "1", "PatientID": "P3"}, "c"),
    ],
)
def test_study_matching(
    hub: HubServer, http: requests.Session, corpus: Corpus, params: dict[str, str], expected: str
) -> None:
    names = {corpus.a: "a", corpus.b: "b", corpus.c: "c"}
    found = "".join(sorted(names[uid] for uid in studies(http, hub, **params) if uid in names))
    assert found == expected


def test_uid_list_matching(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    assert set(studies(http, hub, StudyInstanceUID=f"{corpus.a},{corpus.c}")) == {
        corpus.a,
        corpus.c,
    }
    assert set(studies(http, hub, StudyInstanceUID=f"{corpus.b}\\{corpus.c}")) == {
        corpus.b,
        corpus.c,
    }
    assert studies(http, hub, SeriesInstanceUID=corpus.a_series[1]) == [corpus.a]


def test_study_attributes(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    (study,) = http.get(f"{hub.base_url}/studies", params={"StudyInstanceUID": corpus.a}).json()
    assert value(study, "00201206") == 2  # NumberOfStudyRelatedSeries
    assert value(study, "00201208") == 3  # NumberOfStudyRelatedInstances
    assert study["00080061"]["Value"] == ["CT"]  # ModalitiesInStudy
    assert value(study, "00081190") == f"{hub.base_url}/studies/{corpus.a}"
    assert value(study, "00100010") == {"Alphabetic": "DOE^JOHN"}
    for tag in ("00080020", "00080030", "00080050", "00080090", "00100020", "00100030",
                "00100040", "00200010"):  # fmt: skip
        assert tag in study
    assert "00280010" not in study  # Rows is not a study attribute
    (c,) = http.get(f"{hub.base_url}/studies", params={"StudyInstanceUID": corpus.c}).json()
    assert c["00080061"]["Value"] == ["CT", "OT"]


def test_includefield(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    url = f"{hub.base_url}/studies"
    (plain,) = http.get(url, params={"PatientID": "P1"}).json()
    assert "00080005" in plain and "00101010" not in plain
    (included,) = http.get(
        url, params={"PatientID": "P1", "includefield": "00081030,PatientAge"}
    ).json()
    assert value(included, "00081030") == "CT HEAD"
    assert "00101010" in included  # asked for, absent in the data: returned empty
    (series,) = http.get(
        f"{hub.base_url}/studies/{corpus.b}/series", params={"includefield": "all"}
    ).json()
    assert value(series, "00080060") == "MR"
    assert "7FE00010" not in series
    (instance,) = http.get(
        f"{hub.base_url}/studies/{corpus.b}/instances", params={"includefield": "all"}
    ).json()
    assert instance["00200037"]["Value"] == [1, 0, 0, 0, 1, 0]
    assert "7FE00010" not in instance


def test_series_and_instances(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    series = http.get(f"{hub.base_url}/studies/{corpus.a}/series").json()
    assert [value(s, "0020000E") for s in series] == list(corpus.a_series)
    assert [value(s, "00201209") for s in series] == [2, 1]
    assert value(series[0], "00080060") == "CT"
    assert value(series[0], "00200011") == 1
    assert value(series[0], "00081190") == (
        f"{hub.base_url}/studies/{corpus.a}/series/{corpus.a_series[0]}"
    )
    assert "00100010" not in series[0]  # restricted to a study: no study attributes
    across = http.get(f"{hub.base_url}/series", params={"Modality": "MR"}).json()
    assert len(across) == 1 and value(across[0], "00100020") == "P2"

    instances = http.get(
        f"{hub.base_url}/studies/{corpus.a}/series/{corpus.a_series[0]}/instances"
    ).json()
    assert [value(i, "00200013") for i in instances] == [1, 2]
    for item in instances:
        assert value(item, "00080016") == "1.2.840.10008.5.1.4.1.1.2"
        assert value(item, "00280010") == 8 and value(item, "00280011") == 8
        assert value(item, "00081190").endswith(f"/instances/{value(item, '00080018')}")
    (multi,) = http.get(
        f"{hub.base_url}/instances", params={"SeriesInstanceUID": corpus.a_series[1]}
    ).json()
    assert value(multi, "00280008") == 3
    assert value(multi, "00100020") == "P1"  # not restricted: study attributes included
    assert len(http.get(f"{hub.base_url}/studies/{corpus.c}/instances").json()) == 2


def test_limit_and_offset(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    everything = studies(http, hub)
    assert len(everything) >= 3
    assert studies(http, hub, limit="2") == everything[:2]
    assert studies(http, hub, limit="2", offset="1") == everything[1:3]
    assert studies(http, hub, offset="1") == everything[1:]
    # limit/offset also apply after matching on non-indexed attributes
    assert len(studies(http, hub, PatientBirthTime="", limit="1")) == 1
    assert studies(http, hub, offset="1000") == []


def test_non_indexed_attribute_matching(
    hub: HubServer, http: requests.Session, corpus: Corpus
) -> None:
    found = http.get(
        f"{hub.base_url}/instances",
        params={"StudyInstanceUID": corpus.a, "ImageType": "ORIGINAL", "PixelSpacing": "0.5"},
    ).json()
    assert len(found) == 3
    none = http.get(
        f"{hub.base_url}/instances", params={"StudyInstanceUID": corpus.a, "ImageType": "DERIVED"}
    ).json()
    assert none == []


def test_empty_result_and_errors(hub: HubServer, http: requests.Session, corpus: Corpus) -> None:
    empty = http.get(f"{hub.base_url}/studies", params={"PatientID": "nobody"})
    assert empty.status_code == 200 and empty.json() == []
    for params in ({"NotAKeyword": "x"}, {"limit": "-1"}, {"offset": "x"},
                   {"StudyDate": "2025"}, {"StudyDate": "-"}, {"SeriesNumber": "one"},
                   {"00400275.00321060": "x"}, {"includefield": "Bogus"}):  # fmt: skip
        response = http.get(f"{hub.base_url}/studies", params=params)
        assert response.status_code == 400, params
        assert response.headers["Warning"].startswith("299 minihub:")
    unknown = generate_uid()
    assert http.get(f"{hub.base_url}/studies/{unknown}/series").status_code == 404
    assert http.get(f"{hub.base_url}/studies/{unknown}/instances").status_code == 404
    assert (
        http.get(f"{hub.base_url}/studies/{corpus.a}/series/{unknown}/instances").status_code == 404
    )
    not_json = http.get(f"{hub.base_url}/studies", headers={"Accept": "application/dicom+xml"})
    assert not_json.status_code == 406
