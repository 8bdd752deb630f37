"""QIDO-RS searches (PS3.18 10.6) over the SQLite index.

Query parameters are ``{attributeID}={value}`` (keyword such as ``PatientID``
or tag such as ``00100020``), ``includefield`` (attribute IDs or ``all``),
``limit`` (0..10000), ``offset`` (0..10**9) and ``fuzzymatching`` (accepted,
ignored); a ``limit`` or ``offset`` out of range or not an integer is 400.

Matching (PS3.4 C.2.2.2):

* UIDs: single value or list (``,`` or ``\\`` separated);
* strings: exact, or wildcard with ``*`` and ``?``; Person Name attributes
  (PatientName, ReferringPhysicianName) are matched case-insensitively;
* dates ``YYYYMMDD``, ranges ``A-B``, ``A-``, ``-B``; times likewise;
* an empty value is universal matching: the attribute is just returned.

Indexed keys (see :data:`INDEXED`) are matched in SQL, also on a higher
level (e.g. ``/studies?Modality=CT`` finds studies with a CT series). Other
attributes are matched on the stored DICOM JSON of the result's level.
Responses carry the attributes of PS3.18 Tables 10.6.3-3/4/5 plus matched and
included ones; bulk data is never part of a search response.
"""

from __future__ import annotations

import enum
import fnmatch
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydicom.datadict import dictionary_VR, tag_for_keyword

from minihub.instances import normalise_time
from minihub.storage import Database


class BadQuery(ValueError):
    """The query is invalid; the message is the reason sent back (400)."""


class Level(enum.IntEnum):
    """Query/retrieve levels, from the top."""

    STUDY = 0
    SERIES = 1
    INSTANCE = 2


@dataclass(frozen=True)
class IndexedKey:
    level: Level
    column: str
    kind: str  # uid, pn, text, cs, date, time, int, modalities


def _tag(keyword: str) -> int:
    tag = tag_for_keyword(keyword)
    assert tag is not None, keyword
    return int(tag)


INDEXED: dict[int, IndexedKey] = {
    _tag("PatientID"): IndexedKey(Level.STUDY, "st.patient_id", "text"),
    _tag("PatientName"): IndexedKey(Level.STUDY, "st.patient_name", "pn"),
    _tag("IssuerOfPatientID"): IndexedKey(Level.STUDY, "st.issuer", "text"),
    _tag("PatientBirthDate"): IndexedKey(Level.STUDY, "st.birth_date", "date"),
    _tag("PatientSex"): IndexedKey(Level.STUDY, "st.sex", "cs"),
    _tag("StudyInstanceUID"): IndexedKey(Level.STUDY, "st.study_uid", "uid"),
    _tag("StudyDate"): IndexedKey(Level.STUDY, "st.study_date", "date"),
    _tag("StudyTime"): IndexedKey(Level.STUDY, "st.study_time", "time"),
    _tag("AccessionNumber"): IndexedKey(Level.STUDY, "st.accession", "text"),
    _tag("ReferringPhysicianName"): IndexedKey(Level.STUDY, "st.referring", "pn"),
    _tag("StudyID"): IndexedKey(Level.STUDY, "st.study_id", "text"),
    _tag("StudyDescription"): IndexedKey(Level.STUDY, "st.description", "text"),
    _tag("ModalitiesInStudy"): IndexedKey(Level.STUDY, "", "modalities"),
    _tag("Modality"): IndexedKey(Level.SERIES, "se.modality", "cs"),
    _tag("SeriesInstanceUID"): IndexedKey(Level.SERIES, "se.series_uid", "uid"),
    _tag("SeriesNumber"): IndexedKey(Level.SERIES, "se.series_number", "int"),
    _tag("SeriesDescription"): IndexedKey(Level.SERIES, "se.description", "text"),
    _tag("SOPInstanceUID"): IndexedKey(Level.INSTANCE, "i.sop_uid", "uid"),
    _tag("SOPClassUID"): IndexedKey(Level.INSTANCE, "i.sop_class_uid", "uid"),
    _tag("InstanceNumber"): IndexedKey(Level.INSTANCE, "i.instance_number", "int"),
}

# (keyword, always) — "always" attributes are returned empty when absent.
STUDY_RETURN = (
    ("SpecificCharacterSet", False), ("StudyDate", True), ("StudyTime", True),
    ("AccessionNumber", True), ("ReferringPhysicianName", True),
    ("TimezoneOffsetFromUTC", False), ("PatientName", True), ("PatientID", True),
    ("IssuerOfPatientID", False), ("PatientBirthDate", True), ("PatientSex", True),
    ("StudyInstanceUID", True), ("StudyID", True), ("StudyDescription", False),
)  # fmt: skip
SERIES_RETURN = (
    ("SpecificCharacterSet", False), ("TimezoneOffsetFromUTC", False), ("Modality", True),
    ("SeriesInstanceUID", True), ("SeriesNumber", True), ("SeriesDescription", False),
    ("PerformedProcedureStepStartDate", False), ("PerformedProcedureStepStartTime", False),
    ("RequestAttributesSequence", False), ("StudyInstanceUID", True),
)  # fmt: skip
INSTANCE_RETURN = (
    ("SpecificCharacterSet", False), ("TimezoneOffsetFromUTC", False),
    ("SOPClassUID", True), ("SOPInstanceUID", True), ("InstanceNumber", True),
    ("Rows", False), ("Columns", False), ("BitsAllocated", False), ("NumberOfFrames", False),
    ("StudyInstanceUID", True), ("SeriesInstanceUID", True),
)  # fmt: skip
#: Largest ``limit`` and ``offset`` accepted (larger → 400; SQLite integers overflow).
MAX_LIMIT = 10_000
MAX_OFFSET = 10**9
RESERVED = {"includefield", "limit", "offset", "fuzzymatching"}
PN_TAGS = {_tag("PatientName"), _tag("ReferringPhysicianName")}
DATE_PATTERN = re.compile(r"^\d{8}$")


@dataclass
class Query:
    """A parsed QIDO query."""

    matches: dict[int, str] = field(default_factory=dict)
    include: set[int] = field(default_factory=set)
    include_all: bool = False
    limit: int | None = None
    offset: int = 0


def paging_value(name: str, value: str) -> int:
    """A ``limit`` (0..:data:`MAX_LIMIT`) or ``offset`` (0..:data:`MAX_OFFSET`) value.

    Anything else (negative, not ASCII digits, too large for SQLite) is
    :class:`BadQuery` (400), never an overflow deep in the database.
    """
    bound = MAX_LIMIT if name.lower() == "limit" else MAX_OFFSET
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(bound)):
        raise BadQuery(f"{name} must be an integer in 0..{bound}")
    number = int(text)
    if number > bound:
        raise BadQuery(f"{name} must be an integer in 0..{bound}")
    return number


def parse_attribute_id(text: str) -> int:
    """``PatientID`` or ``00100020`` → tag; nested paths are refused."""
    text = text.strip()
    if "." in text:
        raise BadQuery(f"sequence matching is not supported: {text}")
    if re.fullmatch(r"[0-9A-Fa-f]{8}", text):
        return int(text, 16)
    tag = tag_for_keyword(text)
    if tag is None:
        raise BadQuery(f"unknown attribute: {text}")
    return int(tag)


def parse_query(params: Sequence[tuple[str, str]], *, extra_reserved: Iterable[str] = ()) -> Query:
    """Turn query parameters (in order, repeated allowed) into a :class:`Query`."""
    query = Query()
    reserved = RESERVED | set(extra_reserved)
    for name, value in params:
        lname = name.lower()
        if lname == "includefield":
            for item in value.split(","):
                if not item.strip():
                    continue
                if item.strip().lower() == "all":
                    query.include_all = True
                else:
                    query.include.add(parse_attribute_id(item))
        elif lname in ("limit", "offset"):
            if lname == "limit":
                query.limit = paging_value(lname, value)
            else:
                query.offset = paging_value(lname, value)
        elif lname in reserved:
            continue
        else:
            query.matches[parse_attribute_id(name)] = value
    return query


def values_of(value: str) -> list[str]:
    """A list-of-UIDs or multi-valued match: split on ``,`` and ``\\``."""
    return [v.strip() for v in re.split(r"[,\\]", value) if v.strip()]


def glob_pattern(value: str) -> str:
    """A DICOM wildcard value as an SQLite GLOB pattern (``*`` and ``?`` kept)."""
    return value.replace("[", "[[]")


def has_wildcard(value: str) -> bool:
    return "*" in value or "?" in value


def date_bounds(value: str) -> tuple[str, str]:
    """``A-B``/``A-``/``-B``/``A`` → inclusive (low, high) ``YYYYMMDD`` bounds."""
    low, sep, high = value.partition("-")
    if not sep:
        high = low
    for part in (low, high):
        if part and not DATE_PATTERN.match(part):
            raise BadQuery(f"invalid date or date range: {value}")
    if not low and not high:
        raise BadQuery(f"invalid date range: {value}")
    return low or "00000000", high or "99999999"


def time_bounds(value: str) -> tuple[str, str]:
    low, sep, high = value.partition("-")
    if not sep:
        high = low
    for part in (low, high):
        if part and not re.fullmatch(r"\d{2,6}(\.\d{1,6})?", part.replace(":", "")):
            raise BadQuery(f"invalid time or time range: {value}")
    return (
        normalise_time(low) if low else "000000.000000",
        normalise_time(high, upper=True) if high else "235959.999999",
    )


def sql_condition(key: IndexedKey, value: str) -> tuple[str, list[Any]] | None:
    """SQL for one indexed key (``None`` for universal matching)."""
    value = value.strip()
    if not value or value == "*":
        return None
    column = key.column
    if key.kind == "uid":
        uids = values_of(value)
        return f"{column} IN ({','.join('?' * len(uids))})", list(uids)
    if key.kind == "modalities":
        mods = values_of(value)
        return (
            "EXISTS (SELECT 1 FROM series mx WHERE mx.study_uid = st.study_uid"
            f" AND mx.modality IN ({','.join('?' * len(mods))}))",
            mods,
        )
    if key.kind in ("pn", "text", "cs"):
        if key.kind == "pn":
            value = value.upper()
        if key.kind == "cs" and "\\" in value:
            items = values_of(value)
            return f"{column} IN ({','.join('?' * len(items))})", items
        if has_wildcard(value):
            return f"{column} GLOB ?", [glob_pattern(value)]
        return f"{column} = ?", [value]
    if key.kind == "date":
        low, high = date_bounds(value)
        return f"({column} != '' AND {column} BETWEEN ? AND ?)", [low, high]
    if key.kind == "time":
        low, high = time_bounds(value)
        return f"({column} != '' AND {column} BETWEEN ? AND ?)", [low, high]
    if key.kind == "int":
        try:
            return f"{column} = ?", [int(value)]
        except ValueError:
            raise BadQuery(f"not an integer: {value}") from None
    raise AssertionError(key.kind)


def _lift(level: Level, key: IndexedKey, condition: str) -> str:
    """Express a condition on a lower level as EXISTS on the result level."""
    if key.level <= level or key.kind == "modalities":
        return condition
    if level == Level.STUDY and key.level == Level.SERIES:
        return f"EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid AND {condition})"
    if level == Level.STUDY:
        return (
            f"EXISTS (SELECT 1 FROM instances i WHERE i.study_uid = st.study_uid AND {condition})"
        )
    return f"EXISTS (SELECT 1 FROM instances i WHERE i.series_uid = se.series_uid AND {condition})"


def element_matches(element: Mapping[str, Any] | None, value: str, tag: int) -> bool:
    """Match one DICOM JSON element against a query value (non-indexed keys)."""
    value = value.strip()
    if not value or value == "*":
        return True
    if element is None:
        return False
    vr = element.get("vr", "")
    items: list[str] = []
    for item in element.get("Value", []):
        if isinstance(item, dict):
            items.append(str(item.get("Alphabetic", "")))
        else:
            items.append(str(item))
    if vr == "DA":
        low, high = date_bounds(value)
        return any(low <= item <= high for item in items if item)
    if vr == "TM":
        low, high = time_bounds(value)
        return any(low <= normalise_time(item) <= high for item in items if item)
    if vr == "UI":
        wanted = set(values_of(value))
        return any(item in wanted for item in items)
    if vr == "PN" or tag in PN_TAGS:
        items = [item.upper() for item in items]
        value = value.upper()
    if has_wildcard(value):
        return any(fnmatch.fnmatchcase(item, value.replace("[", "[[]")) for item in items)
    return value in items


class Search:
    """Runs QIDO searches for one request base URL."""

    def __init__(self, db: Database, base_url: str) -> None:
        self.db = db
        self.base_url = base_url

    def run(
        self, level: Level, query: Query, *, study_uid: str | None = None,
        series_uid: str | None = None, site: str | None = None,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """The DICOM JSON datasets matching ``query`` at ``level``.

        ``site`` (a :func:`minihub.auth.site_key`) limits the answer to the
        studies that site stored (an ED user's searches).
        """
        where: list[str] = []
        params: list[Any] = []
        if site is not None:
            where.append("st.study_uid IN (SELECT study_uid FROM study_sites WHERE site = ?)")
            params.append(site)
        if study_uid is not None:
            where.append("st.study_uid = ?")
            params.append(study_uid)
        if series_uid is not None:
            where.append("se.series_uid = ?")
            params.append(series_uid)
        post: dict[int, str] = {}
        for tag, value in query.matches.items():
            key = INDEXED.get(tag)
            if key is None:
                if value.strip():
                    post[tag] = value
                continue
            condition = sql_condition(key, value)
            if condition is not None:
                where.append(_lift(level, key, condition[0]))
                params.extend(condition[1])
        sql = _SELECT[level] + (" WHERE " + " AND ".join(where) if where else "") + _ORDER[level]
        if not post and query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        elif not post and query.offset:
            sql += " LIMIT -1 OFFSET ?"
            params.append(query.offset)
        rows = self.db.connection().execute(sql, params).fetchall()
        results = []
        for row in rows:
            merged = _merged(level, row)
            if all(element_matches(merged.get(f"{t:08X}"), v, t) for t, v in post.items()):
                results.append((row, merged))
        if post:
            end = None if query.limit is None else query.offset + query.limit
            results = results[query.offset : end]
        restricted = Level.SERIES if series_uid else Level.STUDY if study_uid else None
        return [self._response(level, row, merged, query, restricted) for row, merged in results]

    def _response(
        self, level: Level, row: Any, merged: dict[str, Any], query: Query,
        restricted: Level | None,
    ) -> dict[str, Any]:  # fmt: skip
        wanted: list[tuple[str, bool]] = []
        if level == Level.STUDY or restricted is None:
            wanted += STUDY_RETURN
        if level == Level.SERIES or (level == Level.INSTANCE and restricted != Level.SERIES):
            wanted += SERIES_RETURN
        if level == Level.INSTANCE:
            wanted += INSTANCE_RETURN
        out: dict[str, Any] = {}
        for keyword, always in wanted:
            tag = f"{_tag(keyword):08X}"
            if tag in merged:
                out[tag] = merged[tag]
            elif always:
                out[tag] = {"vr": dictionary_VR(keyword)}
        extra = set(query.matches) | query.include
        for tag_int in extra:
            tag = f"{tag_int:08X}"
            if tag in merged:
                out[tag] = merged[tag]
            elif tag_int in INDEXED and INDEXED[tag_int].kind == "modalities":
                continue
            else:
                try:
                    out[tag] = {"vr": dictionary_VR(tag_int)}
                except KeyError:
                    continue
        if query.include_all:
            out.update(merged)
        out = {tag: elem for tag, elem in out.items() if "BulkDataURI" not in elem}
        study_url = f"{self.base_url}/studies/{row['study_uid']}"
        if level == Level.STUDY:
            modalities = sorted({m for m in (row["modalities"] or "").split(",") if m})
            out["00080061"] = {"vr": "CS", "Value": modalities} if modalities else {"vr": "CS"}
            out["00201206"] = {"vr": "IS", "Value": [row["n_series"]]}
            out["00201208"] = {"vr": "IS", "Value": [row["n_instances"]]}
            out["00081190"] = {"vr": "UR", "Value": [study_url]}
            out["00080056"] = {"vr": "CS", "Value": ["ONLINE"]}
        elif level == Level.SERIES:
            out["00201209"] = {"vr": "IS", "Value": [row["n_instances"]]}
            out["00081190"] = {"vr": "UR", "Value": [f"{study_url}/series/{row['series_uid']}"]}
        else:
            url = f"{study_url}/series/{row['series_uid']}/instances/{row['sop_uid']}"
            out["00081190"] = {"vr": "UR", "Value": [url]}
            out["00080056"] = {"vr": "CS", "Value": ["ONLINE"]}
        return dict(sorted(out.items()))


def _merged(level: Level, row: Any) -> dict[str, Any]:
    merged: dict[str, Any] = json.loads(row["study_attrs"])
    if level >= Level.SERIES:
        merged.update(json.loads(row["series_attrs"]))
    if level == Level.INSTANCE:
        merged.update(json.loads(row["metadata"]))
    return merged


_SELECT = {
    Level.STUDY: (
        "SELECT st.study_uid, st.attrs AS study_attrs,"
        " (SELECT COUNT(*) FROM series x WHERE x.study_uid = st.study_uid) AS n_series,"
        " (SELECT COUNT(*) FROM instances x WHERE x.study_uid = st.study_uid) AS n_instances,"
        " (SELECT group_concat(DISTINCT x.modality) FROM series x"
        "  WHERE x.study_uid = st.study_uid AND x.modality != '') AS modalities"
        " FROM studies st"
    ),
    Level.SERIES: (
        "SELECT se.series_uid, se.study_uid, se.attrs AS series_attrs, st.attrs AS study_attrs,"
        " (SELECT COUNT(*) FROM instances x WHERE x.series_uid = se.series_uid) AS n_instances"
        " FROM series se JOIN studies st ON st.study_uid = se.study_uid"
    ),
    Level.INSTANCE: (
        "SELECT i.sop_uid, i.series_uid, i.study_uid, i.metadata,"
        " se.attrs AS series_attrs, st.attrs AS study_attrs"
        " FROM instances i JOIN series se ON se.series_uid = i.series_uid"
        " JOIN studies st ON st.study_uid = i.study_uid"
    ),
}
_ORDER = {
    Level.STUDY: " ORDER BY st.rowid",
    Level.SERIES: " ORDER BY st.rowid, se.series_number IS NULL, se.series_number, se.rowid",
    Level.INSTANCE: (
        " ORDER BY st.rowid, se.series_number IS NULL, se.series_number, se.rowid,"
        " i.instance_number IS NULL, i.instance_number, i.rowid"
    ),
}
