"""The ED's acknowledgement of an opinion: a new object in the study, and its reader.

A completed UPS workitem can no longer be updated, so the acknowledgement
("read by Dr X at T") is a document of its own in the study: a small
Comprehensive SR, chosen over a Basic Text SR so that the same highdicom
builder, ``dsrdump`` checks and reader serve the opinion and its
acknowledgement. It references the acknowledged opinion SR with a COMPOSITE
content item (which also puts it in (0040,A375) Current Requested Procedure
Evidence Sequence), not with (0040,A360) Predecessor Documents Sequence or
(0040,A525) Identical Documents Sequence: it neither supersedes nor copies
the opinion. The ED physician is the observer and the verifying observer.
Like the opinion, it names the request (UPS workitem) it answers in
(0008,1111) Referenced Performed Procedure Step Sequence
(:mod:`app.opinion.answers`), so that acknowledging the answer to one request
never acknowledges another request for the same study.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import highdicom as hd
from highdicom.sr import RelationshipTypeValues as Rel
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from app.opinion import codes as c
from app.opinion.answers import answered_workitem, set_answered_workitem
from app.opinion.model import DocumentRef, Radiologist
from app.opinion.signing import seeded_uid
from app.opinion.sr import MANUFACTURER, concept, observer_context, template_items, text
from app.opinion.study import (
    copy_patient_and_study,
    dicom_datetime,
    parse_dicom_datetime,
    set_times,
)

ACK_SERIES_NUMBER = 9005


@dataclass(frozen=True)
class Acknowledgement:
    """ "Opinion read by Dr X (ED of site S) at T"; ``by`` is a DICOM person name.

    ``workitem_uid`` is the request whose answer was read ('' when unknown:
    an acknowledgement written before requests were named, or of an opinion
    that names none).
    """

    opinion: DocumentRef
    by: str
    site: str
    at: dt.datetime
    comment: str = ""
    workitem_uid: str = ""


def acknowledgement_uids(seed: str | None = None) -> tuple[str, str]:
    """(series, instance) UIDs for an acknowledgement; derived from ``seed`` when given."""
    if seed is None:
        return str(generate_uid(prefix=None)), str(generate_uid(prefix=None))
    return seeded_uid(f"ack/{seed}", "series"), seeded_uid(f"ack/{seed}", "instance")


def build_acknowledgement(
    ack: Acknowledgement, *, header: Dataset, series_instance_uid: str, sop_instance_uid: str
) -> hd.sr.ComprehensiveSR:
    """The acknowledgement as a Comprehensive SR in the study of ``header``.

    ``header`` is any instance of the study (an image, or the opinion SR).
    """
    if ack.at.tzinfo is None:
        raise ValueError("the acknowledgement time needs a time zone")
    if ack.opinion.study_instance_uid != header.StudyInstanceUID:
        raise ValueError("the acknowledged opinion is not in this study")
    # The ED physician is a person observer, with the same TID 1002 shape as the radiologist.
    observer = observer_context(Radiologist(name=ack.by, organisation=ack.site))
    # The evidence is the opinion itself, carrying the patient and study highdicom copies.
    opinion_ref = Dataset()
    copy_patient_and_study(opinion_ref, header)
    opinion_ref.SeriesInstanceUID = ack.opinion.series_instance_uid
    opinion_ref.SOPInstanceUID = ack.opinion.sop_instance_uid
    opinion_ref.SOPClassUID = ack.opinion.sop_class_uid
    items: list[hd.sr.ContentItem] = [
        *template_items(
            hd.sr.LanguageOfContentItemAndDescendants(language=concept(c.LANGUAGE_ENGLISH))
        ),
        *observer,
        hd.sr.CompositeContentItem(
            concept(c.ACKNOWLEDGED_OPINION),
            referenced_sop_class_uid=ack.opinion.sop_class_uid,
            referenced_sop_instance_uid=ack.opinion.sop_instance_uid,
            relationship_type=Rel.CONTAINS,
        ),
        hd.sr.PnameContentItem(concept(c.ACKNOWLEDGED_BY), ack.by, relationship_type=Rel.CONTAINS),
        hd.sr.DateTimeContentItem(
            concept(c.ACKNOWLEDGED_AT), dicom_datetime(ack.at), relationship_type=Rel.CONTAINS
        ),
        text(c.ACKNOWLEDGING_SITE, ack.site, Rel.CONTAINS),
    ]
    if ack.comment.strip():
        items.append(text(c.COMMENT, ack.comment.strip(), Rel.CONTAINS))
    root = hd.sr.ContainerContentItem(concept(c.ACK_TITLE))
    root.ContentSequence = hd.sr.ContentSequence(items)
    sr = hd.sr.ComprehensiveSR(
        evidence=[opinion_ref],
        content=root,
        series_instance_uid=series_instance_uid,
        series_number=ACK_SERIES_NUMBER,
        sop_instance_uid=sop_instance_uid,
        instance_number=1,
        manufacturer=MANUFACTURER,
        is_complete=True,
        is_final=True,
        is_verified=True,
        institution_name=ack.site,
        verifying_observer_name=ack.by,
        verifying_organization=ack.site,
        specific_character_set="ISO_IR 192",
    )
    sr.SeriesDescription = "Stroke opinion acknowledgement"
    set_answered_workitem(sr, ack.workitem_uid)
    sr.CodingSchemeIdentificationSequence = [c.coding_scheme_identification()]
    set_times(sr, ack.at.replace(microsecond=0))
    sr.VerifyingObserverSequence[0].VerificationDateTime = dicom_datetime(ack.at)
    return sr


def is_acknowledgement(ds: Dataset) -> bool:
    """True for an SR whose document title is the acknowledgement's."""
    try:
        title = ds.ConceptNameCodeSequence[0]
    except (AttributeError, IndexError):
        return False
    return (title.CodeValue, title.CodingSchemeDesignator) == c.key(c.ACK_TITLE)


def read_acknowledgement(ds: Dataset) -> Acknowledgement:
    """The acknowledgement an SR holds; ValueError when it is not one."""
    if not is_acknowledgement(ds):
        raise ValueError("this SR is not an opinion acknowledgement")
    by = site = comment = ""
    at: dt.datetime | None = None
    opinion_uid = opinion_class = ""
    for item in ds.ContentSequence:
        name = (
            item.ConceptNameCodeSequence[0].CodeValue,
            item.ConceptNameCodeSequence[0].CodingSchemeDesignator,
        )
        if name == c.key(c.ACKNOWLEDGED_OPINION):
            ref = item.ReferencedSOPSequence[0]
            opinion_uid, opinion_class = (
                str(ref.ReferencedSOPInstanceUID),
                str(ref.ReferencedSOPClassUID),
            )
        elif name == c.key(c.ACKNOWLEDGED_BY):
            by = str(item.PersonName)
        elif name == c.key(c.ACKNOWLEDGED_AT):
            at = parse_dicom_datetime(
                str(item.DateTime), str(ds.get("TimezoneOffsetFromUTC", "") or "")
            )
        elif name == c.key(c.ACKNOWLEDGING_SITE):
            site = str(item.TextValue)
        elif name == c.key(c.COMMENT):
            comment = str(item.TextValue)
    series = ""
    for study in ds.get("CurrentRequestedProcedureEvidenceSequence", []):
        for s in study.ReferencedSeriesSequence:
            if any(i.ReferencedSOPInstanceUID == opinion_uid for i in s.ReferencedSOPSequence):
                series = str(s.SeriesInstanceUID)
    if not opinion_uid or at is None or not by:
        raise ValueError("the acknowledgement lacks the opinion, the time or the physician")
    return Acknowledgement(
        opinion=DocumentRef(str(ds.StudyInstanceUID), series, opinion_uid, opinion_class),
        by=by,
        site=site,
        at=at,
        comment=comment,
        workitem_uid=answered_workitem(ds),
    )
