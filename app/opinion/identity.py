"""Is the patient of the images the patient of the request? (safety invariant 3)

The identity is (0010,0020) Patient ID with (0010,0021) Issuer of Patient ID,
(0010,0030) Patient's Birth Date, (0010,0040) Patient's Sex and (0010,0010)
Patient's Name. Names are compared after normalisation (case, accents, the
``^`` component separators, extra spaces); everything else must be equal.
Any difference stops the opinion; sending anyway needs an override with a
typed reason, which the caller writes to the audit trail (who, when, which
study; never the values). An override is bound to values: it
names each :class:`Difference` it accepts (field, request's value, images'
value) and covers exactly those pairs (:meth:`IdentityOverride.covers`), so
images of another patient arriving later are stopped again. Values never go
to logs: a :class:`Mismatch` says which field differs and where, and keeps
the values (and the whole identity found there) only for the screen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Identity fields in the order they are checked, with their DICOM tags.
IDENTITY_FIELDS: dict[str, str] = {
    "patient_id": "(0010,0020) Patient ID",
    "issuer_of_patient_id": "(0010,0021) Issuer of Patient ID",
    "birth_date": "(0010,0030) Patient's Birth Date",
    "sex": "(0010,0040) Patient's Sex",
    "name": "(0010,0010) Patient's Name",
}


@dataclass(frozen=True)
class PatientIdentity:
    """One patient identity, as the request or an image states it.

    ``name`` is a DICOM person name (``FAMILY^Given^Middle^Prefix^Suffix``);
    ``birth_date`` is ``YYYYMMDD``; ``sex`` is ``M``, ``F``, ``O`` or empty.
    """

    patient_id: str = ""
    issuer_of_patient_id: str = ""
    name: str = ""
    birth_date: str = ""
    sex: str = ""

    @classmethod
    def from_dataset(cls, ds: Any) -> PatientIdentity:
        """The identity in a pydicom dataset's Patient module (missing → empty)."""
        return cls(
            patient_id=str(ds.get("PatientID", "") or "").strip(),
            issuer_of_patient_id=str(ds.get("IssuerOfPatientID", "") or "").strip(),
            name=str(ds.get("PatientName", "") or "").strip(),
            birth_date=str(ds.get("PatientBirthDate", "") or "").strip(),
            sex=str(ds.get("PatientSex", "") or "").strip().upper(),
        )

    def normalised(self) -> dict[str, str]:
        """The values compared, field by field."""
        return {name: normalise_value(name, getattr(self, name)) for name in IDENTITY_FIELDS}

    def summary(self) -> str:
        """The identity in one line, for the screen only: ``MARTIN^Paul (ID 123, born …)``."""
        details = [
            f"ID {self.patient_id or '(empty)'}"
            + (f" / {self.issuer_of_patient_id}" if self.issuer_of_patient_id else ""),
            f"born {self.birth_date or '(empty)'}",
            f"sex {self.sex or '(empty)'}",
        ]
        return f"{self.name or '(no name)'} ({', '.join(details)})"


def normalise_value(field: str, value: str) -> str:
    """One identity value as it is compared: names by :func:`normalise_name`, the sex
    upper-cased, everything else with its surrounding spaces removed."""
    if field == "name":
        return normalise_name(value)
    if field == "sex":
        return value.strip().upper()
    return value.strip()


def normalise_name(name: str) -> str:
    """A person name reduced to what identifies it.

    Only the first (alphabetic) component group is kept (before ``=``);
    accents are removed, case folded, runs of spaces collapsed, and the five
    ``^`` components trimmed, with empty trailing components dropped:
    ``"  Dupont^Zoé^^^ "`` and ``"DUPONT^ZOE"`` both give ``"dupont^zoe"``.
    """
    alphabetic = name.split("=", 1)[0]
    decomposed = unicodedata.normalize("NFKD", alphabetic)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    components = [re.sub(r"\s+", " ", part).strip() for part in plain.split("^")]
    while components and not components[-1]:
        components.pop()
    return "^".join(components)


@dataclass(frozen=True)
class Mismatch:
    """One identity field that differs between the request and some images.

    ``where`` says which images (e.g. the series description and number);
    the values are for the screen, never for logs.
    """

    field: str
    request_value: str
    image_value: str
    where: str = ""
    #: The whole identity found where the value differs (screen only), to name the patient.
    found: PatientIdentity | None = dataclasses.field(default=None, compare=False)

    @property
    def what(self) -> str:
        """The field in words with its tag, e.g. ``(0010,0030) Patient's Birth Date``."""
        return IDENTITY_FIELDS.get(self.field, self.field)

    def message(self) -> str:
        """A sentence for the user (it shows both values: screen only)."""
        place = f" in {self.where}" if self.where else ""
        return (
            f"{self.what} differs{place}: request {self.request_value or '(empty)'!s}, "
            f"images {self.image_value or '(empty)'!s}"
        )


def check_identity(
    request_identity: PatientIdentity,
    image_identities: Iterable[PatientIdentity] | Mapping[str, PatientIdentity],
) -> list[Mismatch]:
    """Every difference between the request's identity and the images' identities.

    ``image_identities`` is a list of identities, or a mapping from a place
    (e.g. ``"series 3 CTA"``) to the identity found there. One mismatch is
    reported per field and distinct image value. An empty request field is a
    difference when the images have a value, and the other way round: an
    absent (0010,0021) Issuer on one side is a difference too.
    """
    if isinstance(image_identities, Mapping):
        places: list[tuple[str, PatientIdentity]] = list(image_identities.items())
    else:
        places = [("", identity) for identity in image_identities]
    wanted = request_identity.normalised()
    found: list[Mismatch] = []
    seen: set[tuple[str, str]] = set()
    for where, identity in places:
        values = identity.normalised()
        for name in IDENTITY_FIELDS:
            if values[name] == wanted[name] or (name, values[name]) in seen:
                continue
            seen.add((name, values[name]))
            found.append(
                Mismatch(
                    field=name,
                    request_value=getattr(request_identity, name),
                    image_value=getattr(identity, name),
                    where=where,
                    found=identity,
                )
            )
    return found


@dataclass(frozen=True)
class Difference:
    """One difference an override accepts: the field, the request's value, the images' value.

    Values are kept as shown to the user; they are compared normalised
    (:func:`normalise_value`).
    """

    field: str
    request: str
    images: str

    def matches(self, mismatch: Mismatch) -> bool:
        """True when ``mismatch`` is this very pair of values (normalised)."""
        return (
            mismatch.field == self.field
            and normalise_value(self.field, mismatch.request_value)
            == normalise_value(self.field, self.request)
            and normalise_value(self.field, mismatch.image_value)
            == normalise_value(self.field, self.images)
        )

    @classmethod
    def of(cls, mismatch: Mismatch) -> Difference:
        return cls(mismatch.field, mismatch.request_value, mismatch.image_value)


@dataclass(frozen=True)
class IdentityOverride:
    """The user's decision to send despite identity differences, with the typed reason.

    It covers exactly the value pairs in ``differences`` (:meth:`covers`):
    another difference, e.g. a later series of another patient, is not covered.
    """

    reason: str
    by: str
    at: dt.datetime
    differences: tuple[Difference, ...] = field(default=())

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields of the differences covered, in order, each once."""
        return tuple(dict.fromkeys(d.field for d in self.differences))

    def covers(self, mismatch: Mismatch) -> bool:
        """True when this override accepted exactly this field and pair of values."""
        return any(d.matches(mismatch) for d in self.differences)

    def restricted_to(self, mismatches: Iterable[Mismatch]) -> IdentityOverride | None:
        """This override for the differences still found in ``mismatches`` only; None
        when none of them is (a later opinion inherits only the same differences)."""
        found = list(mismatches)
        kept = tuple(d for d in self.differences if any(d.matches(x) for x in found))
        if not kept:
            return None
        return IdentityOverride(self.reason, self.by, self.at, kept)


def uncovered(mismatches: Iterable[Mismatch], override: IdentityOverride | None) -> list[Mismatch]:
    """The differences ``override`` does not cover (all of them without one)."""
    return [x for x in mismatches if override is None or not override.covers(x)]


def override_identity(
    mismatches: Iterable[Mismatch], *, reason: str, by: str, at: dt.datetime
) -> IdentityOverride:
    """Accept exactly these differences for this opinion; the reason must be typed (not blank).

    Raises ValueError on a blank reason or when there is nothing to override.
    """
    differences = tuple(dict.fromkeys(Difference.of(m) for m in mismatches))
    if not differences:
        raise ValueError("there is no identity difference to override")
    if not reason.strip():
        raise ValueError("an identity override needs a reason, typed by the user")
    if not by.strip():
        raise ValueError("an identity override needs the name of who overrides")
    return IdentityOverride(reason=reason.strip(), by=by.strip(), at=at, differences=differences)


def images_identities(datasets: Iterable[Any]) -> dict[str, PatientIdentity]:
    """The distinct identities in a set of image headers, keyed by where they were found."""
    places: dict[str, PatientIdentity] = {}
    for ds in datasets:
        identity = PatientIdentity.from_dataset(ds)
        if identity in places.values():
            continue
        number = ds.get("SeriesNumber", "")
        description = str(ds.get("SeriesDescription", "") or "").strip()
        where = f"series {number} {description}".strip() if number != "" else "series"
        places[where if where not in places else f"{where} ({len(places) + 1})"] = identity
    return places
