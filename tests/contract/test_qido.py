"""QIDO-RS (PS3.18 §10.6): matching, levels, includefield, paging, required attributes.

Query strings are sent byte for byte (``raw_get``): ``*`` and ``^`` raw, the
way our hub client sends them; percent-encoded variants are tested apart.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract.cases import Corpus
from tests.contract.conftest import Server, Stored
from tests.contract.wire import RETRIEVE_URL, assert_dicom_json
from tests.dicomweb_util import DICOM_JSON, RawResponse, raw_get, tag_value

STUDY_UID = "0020000D"
SERIES_UID = "0020000E"
SOP_UID = "00080018"
PATIENT_NAME = "00100010"

# PS3.18 Table 10.6.3-3: Type R attributes of a study match (value may be empty).
STUDY_REQUIRED = {
    "00080020": "Study Date",
    "00080030": "Study Time",
    "00080050": "Accession Number",
    "00080061": "Modalities in Study",
    "00080090": "Referring Physician's Name",
    "00100010": "Patient's Name",
    "00100020": "Patient ID",
    "00100030": "Patient's Birth Date",
    "00100040": "Patient's Sex",
    "0020000D": "Study Instance UID",
    "00200010": "Study ID",
    "00201206": "Number of Study Related Series",
    "00201208": "Number of Study Related Instances",
    "00081190": "Retrieve URL",  # Type C: the study is retrievable
}
# PS3.18 Table 10.6.3-4 (Series).
SERIES_REQUIRED = {
    "00080060": "Modality",
    "0020000E": "Series Instance UID",
    "00200011": "Series Number",
    "00201209": "Number of Series Related Instances",
    "00081190": "Retrieve URL",
}
# PS3.18 Table 10.6.3-5 (Instance); Rows…Number of Frames "if present in the instance".
INSTANCE_REQUIRED = {
    "00080016": "SOP Class UID",
    "00080018": "SOP Instance UID",
    "00200013": "Instance Number",
    "00081190": "Retrieve URL",
    "00280010": "Rows",
    "00280011": "Columns",
    "00280100": "Bits Allocated",
}


def qido(server: Server, path: str, query: str = "") -> RawResponse:
    return raw_get(server.url(path), query, headers={"Accept": DICOM_JSON})


def studies(server: Server, query: str) -> set[str]:
    """Study Instance UIDs matching a /studies query."""
    return {
        tag_value(item, STUDY_UID) for item in assert_dicom_json(qido(server, "studies", query))
    }


def listed_by_uid(
    answer: list[dict[str, Any]], uid_tag: str, expected: set[str], required: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """The answer's items by UID; asserts the UIDs are `expected` and each item has `required`."""
    by_uid = {tag_value(item, uid_tag): item for item in answer}
    assert set(by_uid) == expected
    for item in by_uid.values():
        missing = {name for tag, name in required.items() if tag not in item}
        assert not missing, missing
    return by_uid


def uids(corpus: Corpus, *keys: str) -> set[str]:
    return {corpus.studies[k].uid for k in keys}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("PatientID=PID{t}A", "A", id="PatientID"),
        pytest.param("PatientName=DOE{t}*", "AB", id="PatientName-wildcard"),
        pytest.param("PatientName=DOE{t}^JOHN", "A", id="PatientName-caret"),
        pytest.param("PatientName=DOE{t}^J*", "AB", id="PatientName-caret-wildcard"),
        pytest.param("00100010=ROE{t}*", "C", id="PatientName-by-tag"),
        pytest.param("AccessionNumber=B{t}", "B", id="AccessionNumber"),
        pytest.param(
            "StudyDate=20240101-20241231&ReferringPhysicianName=REF{t}^TEST",
            "AB",
            id="StudyDate-range",
        ),
        pytest.param(
            "StudyDate=20240201-&ReferringPhysicianName=REF{t}^TEST", "B", id="StudyDate-from"
        ),
        pytest.param(
            "StudyDate=-20231231&ReferringPhysicianName=REF{t}^TEST", "C", id="StudyDate-until"
        ),
        pytest.param(
            "StudyDate=20240105&ReferringPhysicianName=REF{t}^TEST", "A", id="StudyDate-single"
        ),
        pytest.param(
            "ModalitiesInStudy=MR&ReferringPhysicianName=REF{t}^TEST",
            "AB",
            id="ModalitiesInStudy-MR",
        ),
        pytest.param(
            "ModalitiesInStudy=CT&ReferringPhysicianName=REF{t}^TEST",
            "AC",
            id="ModalitiesInStudy-CT",
        ),
        pytest.param("PatientName=DOE{t}*&ModalitiesInStudy=OT", "B", id="combined-keys"),
        pytest.param("PatientID=NOBODY{t}", "", id="no-match"),
    ],
)
def test_study_matching(server: Server, stored: Stored, query: str, expected: str) -> None:
    corpus = stored.corpus
    assert studies(server, query.format(t=corpus.token)) == uids(corpus, *expected)


def test_study_instance_uid_and_uid_list(server: Server, stored: Stored) -> None:
    """Single UID, and a comma-separated UID list (PS3.18 §8.3.4.1)."""
    a, b = stored.corpus.studies["A"].uid, stored.corpus.studies["B"].uid
    assert studies(server, f"StudyInstanceUID={a}") == {a}
    assert studies(server, f"StudyInstanceUID={a},{b}") == {a, b}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("PatientName=DOE{t}%5EJOHN", "A", id="caret"),
        pytest.param("PatientName=DOE{t}%2A", "AB", id="asterisk"),
        pytest.param("PatientName=DOE{t}%5EJ%2A&PatientID=PID{t}B", "B", id="both"),
    ],
)
def test_percent_encoded_values_match_like_raw_ones(
    server: Server, stored: Stored, request: pytest.FixtureRequest, query: str, expected: str
) -> None:
    """``^`` cannot appear raw in a URI (RFC 3986 §2), so clients may send %5E."""
    server.expect_deviation(request, "qido_percent_decoding")
    corpus = stored.corpus
    assert studies(server, query.format(t=corpus.token)) == uids(corpus, *expected)


def test_no_match_is_an_empty_array(server: Server, stored: Stored) -> None:
    response = qido(server, "studies", f"PatientID=NOBODY{stored.corpus.token}")
    assert assert_dicom_json(response) == []


def test_study_answer_has_the_required_attributes(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["A"]
    (item,) = assert_dicom_json(qido(server, "studies", f"StudyInstanceUID={study.uid}"))
    missing = {name for tag, name in STUDY_REQUIRED.items() if tag not in item}
    assert not missing, missing
    assert tag_value(item, PATIENT_NAME) == {"Alphabetic": study.patient_name}
    assert tag_value(item, "00100020") == study.patient_id
    assert tag_value(item, "00080020") == study.date
    assert tag_value(item, "00080050") == study.accession
    assert set(item["00080061"]["Value"]) == {"CT", "MR"}
    assert int(tag_value(item, "00201206")) == 2
    assert int(tag_value(item, "00201208")) == 4
    assert item["0020000D"]["vr"] == "UI"
    assert item[PATIENT_NAME]["vr"] == "PN"
    assert tag_value(item, RETRIEVE_URL) == server.url(f"studies/{study.uid}")


def test_series_of_a_study(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["A"]
    answer = assert_dicom_json(qido(server, f"studies/{study.uid}/series"))
    by_uid = listed_by_uid(answer, SERIES_UID, {s.uid for s in study.series}, SERIES_REQUIRED)
    for series in study.series:
        item = by_uid[series.uid]
        assert tag_value(item, "00080060") == series.modality
        assert int(tag_value(item, "00200011")) == series.number
        assert int(tag_value(item, "00201209")) == len(series.instances)
        assert tag_value(item, RETRIEVE_URL) == server.url(
            f"studies/{study.uid}/series/{series.uid}"
        )


def test_series_of_a_study_by_modality(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["B"]
    answer = assert_dicom_json(qido(server, f"studies/{study.uid}/series", "Modality=OT"))
    assert [tag_value(item, SERIES_UID) for item in answer] == [study.series[1].uid]


def test_all_series_by_modality(server: Server, stored: Stored) -> None:
    """/series?Modality=CT finds the CT series of A and C, not the MR/OT ones."""
    corpus = stored.corpus
    answer = assert_dicom_json(qido(server, "series", "Modality=CT"))
    found = {tag_value(item, SERIES_UID) for item in answer}
    ours = {s.uid: s.modality for st in corpus.studies.values() for s in st.series}
    assert {uid for uid in found if uid in ours} == {u for u, m in ours.items() if m == "CT"}
    scoped = assert_dicom_json(
        qido(server, "series", f"Modality=CT&StudyInstanceUID={corpus.studies['A'].uid}")
    )
    assert [tag_value(item, SERIES_UID) for item in scoped] == [corpus.studies["A"].series[0].uid]


def test_all_series_carry_study_attributes(
    server: Server, stored: Stored, request: pytest.FixtureRequest
) -> None:
    server.expect_deviation(request, "all_series_study_attributes")
    study = stored.corpus.studies["A"]
    (item,) = assert_dicom_json(qido(server, "series", f"Modality=CT&StudyInstanceUID={study.uid}"))
    assert tag_value(item, PATIENT_NAME) == {"Alphabetic": study.patient_name}
    assert tag_value(item, "00080020") == study.date


def test_instances_of_a_series(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["A"]
    series = study.series[0]
    answer = assert_dicom_json(qido(server, f"studies/{study.uid}/series/{series.uid}/instances"))
    expected = {ds.SOPInstanceUID for ds in series.instances}
    by_uid = listed_by_uid(answer, SOP_UID, expected, INSTANCE_REQUIRED)
    for ds in series.instances:
        item = by_uid[ds.SOPInstanceUID]
        assert tag_value(item, "00080016") == ds.SOPClassUID
        assert int(tag_value(item, "00200013")) == ds.InstanceNumber
        assert (tag_value(item, "00280010"), tag_value(item, "00280011")) == (16, 16)
        assert tag_value(item, RETRIEVE_URL) == server.url(
            f"studies/{study.uid}/series/{series.uid}/instances/{ds.SOPInstanceUID}"
        )


def test_instance_number_of_frames(server: Server, stored: Stored) -> None:
    """(0028,0008) Number of Frames is returned when the instance has it."""
    study = stored.corpus.studies["B"]
    series = study.series[1]
    (item,) = assert_dicom_json(qido(server, f"studies/{study.uid}/series/{series.uid}/instances"))
    assert int(tag_value(item, "00280008")) == 3


def test_all_instances_by_sop_instance_uid(server: Server, stored: Stored) -> None:
    ds = stored.corpus.studies["C"].instances[0]
    answer = assert_dicom_json(qido(server, "instances", f"SOPInstanceUID={ds.SOPInstanceUID}"))
    assert [tag_value(item, SOP_UID) for item in answer] == [ds.SOPInstanceUID]


def test_includefield_by_keyword_and_tag(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["A"]
    query = f"StudyInstanceUID={study.uid}&includefield=StudyDescription&includefield=00081030"
    (item,) = assert_dicom_json(qido(server, "studies", query))
    assert tag_value(item, "00081030") == "CONTRACT A"
    series = study.series[0]
    path = f"studies/{study.uid}/series/{series.uid}/instances"
    items = assert_dicom_json(qido(server, path, "includefield=00200032"))
    positions = sorted(tuple(item["00200032"]["Value"]) for item in items)
    assert positions == sorted(tuple(ds.ImagePositionPatient) for ds in series.instances)


def test_includefield_all(server: Server, stored: Stored, request: pytest.FixtureRequest) -> None:
    server.expect_deviation(request, "includefield_all")
    study = stored.corpus.studies["A"]
    query = f"StudyInstanceUID={study.uid}&includefield=all"
    (item,) = assert_dicom_json(qido(server, "studies", query))
    assert tag_value(item, "00081030") == "CONTRACT A"


def test_limit_and_offset_page_through_instances(server: Server, stored: Stored) -> None:
    study = stored.corpus.studies["A"]
    series = study.series[0]
    path = f"studies/{study.uid}/series/{series.uid}/instances"

    def page(query: str) -> list[str]:
        return [tag_value(item, SOP_UID) for item in assert_dicom_json(qido(server, path, query))]

    first = page("limit=2")
    rest = page("limit=2&offset=2")
    assert len(first) == 2
    assert len(rest) == 1
    assert set(first) | set(rest) == {ds.SOPInstanceUID for ds in series.instances}
    assert len(page("offset=1")) == 2
    assert page("offset=3") == []


def test_limit_on_studies(server: Server, stored: Stored) -> None:
    t = stored.corpus.token
    one = studies(server, f"PatientName=DOE{t}*&limit=1")
    other = studies(server, f"PatientName=DOE{t}*&limit=1&offset=1")
    assert len(one) == len(other) == 1
    assert one | other == uids(stored.corpus, "A", "B")
