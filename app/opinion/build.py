"""From a signed opinion and its study to the objects that are sent, without a hub.

:func:`problems_before_sending` says what stops an opinion (fields not set,
identity differences no override covers, the occlusion left unsaid while a
series looks angiographic, series or key images not in the study);
:func:`build_documents` makes the SR, the key images (SC) and their
KOS, and the Encapsulated PDF, all in the request's study and in new series,
with the UIDs fixed at signing. :func:`example_opinion` is the complete
example that ``strokelink opinion example`` prints.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from app.opinion import keyimages, pdf, sr
from app.opinion import model as m
from app.opinion.identity import (
    Mismatch,
    PatientIdentity,
    check_identity,
    images_identities,
    uncovered,
)
from app.opinion.signing import seeded_uid
from app.opinion.study import Study
from viewer.classify import CONTENT_SLICES, hu_slices, looks_angiographic


class OpinionNotReady(ValueError):
    """The opinion cannot be sent as it is; ``problems`` lists why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the opinion cannot be sent:\n  " + "\n  ".join(problems))


@dataclass
class OpinionDocuments:
    """What one opinion is sent as: SR, PDF, key images (SC) and their KOS."""

    sr: Dataset
    pdf: Dataset
    key_images: list[Dataset]
    kos: Dataset | None
    pdf_bytes: bytes

    def datasets(self) -> list[Dataset]:
        """Every object, in the order they are stored (referenced ones first)."""
        return [*self.key_images, *([self.kos] if self.kos is not None else []), self.sr, self.pdf]

    def write(self, folder: Path) -> list[Path]:
        """Write each object as a DICOM file (and the PDF as ``opinion.pdf``) into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        names = [f"key-image-{i + 1:02d}.dcm" for i in range(len(self.key_images))]
        if self.kos is not None:
            names.append("key-images-kos.dcm")
        names += ["opinion-sr.dcm", "opinion-pdf.dcm"]
        for name, ds in zip(names, self.datasets(), strict=True):
            path = folder / name
            ds.save_as(path, enforce_file_format=True)
            written.append(path)
        path = folder / "opinion.pdf"
        path.write_bytes(self.pdf_bytes)
        written.append(path)
        return written


def identity_problems(opinion: m.Opinion, study: Study) -> list[str]:
    """Identity differences (request vs images, or between images) no override covers.

    An override covers exactly the pairs of values it names; each place whose
    images differ otherwise is named with the patient found there.
    """
    places = images_identities(study.headers)
    reference = opinion.request.identity
    if reference is None:
        reference = next(iter(places.values()))
    left = uncovered(check_identity(reference, places), opinion.identity_override)
    if not left:
        return []
    lines = [f"identity: {x.message()}" for x in left]
    lines += _patients_found(left)
    fields = ", ".join(dict.fromkeys(x.field for x in left))
    lines.append(
        "identity: sending needs an identity_override with a typed reason naming each "
        f"difference it accepts (field, request, images); not covered: {fields}"
    )
    return lines


def _patients_found(mismatches: list[Mismatch]) -> list[str]:
    """One line per place whose images are of a patient the override does not cover."""
    named: dict[str, str] = {}
    for x in mismatches:
        if x.found is not None:
            named.setdefault(x.where or "the images", x.found.summary())
    return [f"identity: {where} shows patient {who}" for where, who in named.items()]


def angiographic_series(study: Study, *, content: bool = True) -> dict[str, str]:
    """The study's series that look angiographic (:func:`viewer.classify.looks_angiographic`),
    as ``{words naming the series: why}``; with ``content``, thin-slice CT series are also
    judged by a sample of their pixels, read from the study's files."""
    found: dict[str, str] = {}
    for uid in study.series_uids():
        headers = study.series(uid)
        number = headers[0].get("SeriesNumber", "")
        words = f"series {number} {headers[0].get('SeriesDescription', '')}".strip()
        thin_ct = content and _thin_ct(headers)
        try:
            slices = _sample_hu(study, headers) if thin_ct else None
            verdict = looks_angiographic(headers, slices_hu=slices)
        except (ValueError, TypeError, AttributeError, OSError):
            verdict, slices = None, None
        if verdict is not None:
            found[words] = verdict.reason
        elif thin_ct and slices is None and _files_at_hand(study, headers):
            # its files are here yet no pixel could be read: a CTA cannot be ruled out
            found[words] = "a thin-slice CT whose pixels could not be read to judge it"
    return found


def _files_at_hand(study: Study, headers: list[Dataset]) -> bool:
    return any(str(ds.SOPInstanceUID) in study.paths for ds in headers)


def _thin_ct(headers: list[Dataset]) -> bool:
    """A CT series of slices ≤ 1.5 mm (what a CT angiography is reconstructed at)."""
    if str(headers[0].get("Modality", "")).upper() != "CT":
        return False
    try:
        return float(headers[0].get("SliceThickness", 99) or 99) <= 1.5
    except (TypeError, ValueError):
        return False


def _sample_hu(study: Study, headers: list[Dataset]) -> np.ndarray | None:
    """Up to :data:`viewer.classify.CONTENT_SLICES` slices of the series in HU, read from
    the study's files (None when none is at hand)."""
    if not _files_at_hand(study, headers):
        return None
    ordered = sorted(headers, key=lambda ds: int(ds.get("InstanceNumber", 0) or 0))
    step = max(1, len(ordered) // CONTENT_SLICES)
    sample = []
    for ds in ordered[::step]:
        try:
            sample.append(study.load(str(ds.SOPInstanceUID)))
        except (OSError, ValueError, InvalidDicomError):
            continue
    return hu_slices(sample) if sample else None


def study_problems(opinion: m.Opinion, study: Study) -> list[str]:
    problems = []
    if opinion.study_instance_uid and opinion.study_instance_uid != study.study_instance_uid:
        problems.append(
            "study_instance_uid: the opinion is for another study than the images given"
        )
    present = set(study.series_uids())
    for i, s in enumerate(opinion.series_read):
        if s.series_instance_uid not in present:
            problems.append(f"series_read[{i}]: series {s.series_instance_uid} is not in the study")
    by_uid = {str(ds.SOPInstanceUID): ds for ds in study.headers}
    for i, k in enumerate(opinion.key_images):
        images = [(f"key_images[{i}]", m.SourceImage(k.sop_instance_uid, k.frame))]
        images += [(f"key_images[{i}].derived_from[{j}]", s) for j, s in enumerate(k.derived_from)]
        for where, source in images:
            image = by_uid.get(source.sop_instance_uid)
            if image is None or image.SeriesInstanceUID != k.series_instance_uid:
                problems.append(
                    f"{where}: image {source.sop_instance_uid} is not in that series of the study"
                )
            elif source.frame is not None and source.frame > number_of_frames(image):
                problems.append(
                    f"{where}: image {source.sop_instance_uid} has no frame {source.frame}"
                )
    return problems


def number_of_frames(ds: Dataset) -> int:
    """(0028,0008) Number of Frames (1 when absent or unreadable)."""
    try:
        return max(1, int(ds.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def problems_before_sending(opinion: m.Opinion, study: Study) -> list[str]:
    """Everything that stops this opinion from being sent for this study (empty: go)."""
    return [
        *m.missing_for_sending(opinion, angiographic=list(angiographic_series(study))),
        *identity_problems(opinion, study),
        *study_problems(opinion, study),
    ]


def with_automatic_limitations(opinion: m.Opinion, study: Study) -> m.Opinion:
    """A copy listing lossy compression as a limitation when a series read says so in
    (0028,2110) Lossy Image Compression (01)."""
    read = [s.series_instance_uid for s in opinion.series_read]
    if not study.lossy_series(read) or m.Limitation.LOSSY_COMPRESSION in opinion.limitations:
        return opinion
    updated = copy.deepcopy(opinion)
    updated.limitations.append(m.Limitation.LOSSY_COMPRESSION)
    return updated


def _snapshot(
    opinion: m.Opinion,
    index: int,
    study: Study,
    given: Mapping[int, np.ndarray],
    base_dir: Path | None,
) -> np.ndarray:
    key = opinion.key_images[index]
    if index in given:
        return np.asarray(given[index], dtype=np.uint8)
    if key.snapshot is not None:
        path = Path(key.snapshot)
        return keyimages.load_png(
            path if path.is_absolute() or base_dir is None else base_dir / path
        )
    label = f"Key image {index + 1}/{len(opinion.key_images)}"
    return keyimages.render_snapshot(
        study.load(key.sop_instance_uid), key.frame, key.caption, label
    )


def build_documents(
    opinion: m.Opinion,
    study: Study,
    *,
    snapshots: Mapping[int, np.ndarray] | None = None,
    base_dir: Path | None = None,
) -> OpinionDocuments:
    """The objects a signed opinion is sent as, in ``study``.

    ``snapshots`` maps a key image's index to the viewer's annotated RGB
    snapshot; otherwise ``key.snapshot`` (a PNG, relative to ``base_dir``)
    or the source image itself is used. Raises :class:`OpinionNotReady`
    with every problem found (unsigned, incomplete, identity, study).
    """
    problems = [] if opinion.is_signed else ["signature: the opinion is not signed"]
    problems += problems_before_sending(opinion, study)
    problems += [
        f"key_images[{i}]: a reformatted, slab or 3-D key image is its capture; "
        "the capture (snapshot) is missing"
        for i, key in enumerate(opinion.key_images)
        if key.derived and key.snapshot is None and i not in (snapshots or {})
    ]
    if problems:
        raise OpinionNotReady(problems)
    opinion = with_automatic_limitations(opinion, study)
    if not opinion.study_instance_uid:
        opinion = copy.deepcopy(opinion)
        opinion.study_instance_uid = study.study_instance_uid
    header = study.first
    read = [ds for s in opinion.series_read for ds in study.series(s.series_instance_uid)]
    by_uid = {str(ds.SOPInstanceUID): ds for ds in study.headers}  # checked by study_problems
    sources = [by_uid[key.sop_instance_uid] for key in opinion.key_images]
    derived = [[by_uid[s.sop_instance_uid] for s in key.derived_from] for key in opinion.key_images]
    pixels = [
        _snapshot(opinion, index, study, snapshots or {}, base_dir)
        for index in range(len(opinion.key_images))
    ]
    shots = [
        keyimages.build_key_image(opinion, i, pixels[i], sources[i], header, derived=derived[i])
        for i in range(len(opinion.key_images))
    ]
    report = sr.build_sr(
        opinion,
        source=header,
        read_instances=read,
        snapshots=shots,
        snapshot_sources=sources,
        derived_sources=derived,
    )
    pdf_bytes = pdf.build_pdf(
        opinion,
        PatientIdentity.from_dataset(header),
        study_date=str(header.get("StudyDate", "")),
        key_image_pixels=pixels,
    )
    encapsulated = pdf.build_encapsulated_pdf(opinion, pdf_bytes, header=header, sr=report)
    kos = keyimages.build_kos(opinion, shots, sources, derived) if shots else None
    return OpinionDocuments(
        sr=report, pdf=encapsulated, key_images=list(shots), kos=kos, pdf_bytes=pdf_bytes
    )


# --------------------------------------------------------------------------- example


def guess_series_kind(ds: Dataset) -> m.SeriesKind:
    """A rough kind from the header (for the example only; the viewer classifies properly)."""
    words = f"{ds.get('SeriesDescription', '')} {ds.get('ProtocolName', '')}".upper()
    modality = str(ds.get("Modality", ""))
    if modality == "CT":
        if "PERF" in words or "CTP" in words:
            return m.SeriesKind.CTP
        if "CTA" in words or "ANGIO" in words or ds.get("ContrastBolusAgent"):
            return m.SeriesKind.CTA
        return m.SeriesKind.NCCT
    if modality == "MR":
        for word, kind in (
            ("ADC", m.SeriesKind.ADC),
            ("DWI", m.SeriesKind.DWI),
            ("DIFF", m.SeriesKind.DWI),
            ("FLAIR", m.SeriesKind.FLAIR),
            ("TOF", m.SeriesKind.TOF),
            ("SWI", m.SeriesKind.SWI),
        ):
            if word in words:
                return kind
    return m.SeriesKind.OTHER


def example_opinion(study: Study | None = None) -> m.Opinion:
    """A complete final opinion (left M1 occlusion, ASPECTS 7), unsigned.

    With a study, its identity, series and a key image are the study's;
    without, the UIDs are placeholders and ``opinion build`` will say so.
    """
    paris = dt.timezone(dt.timedelta(hours=1))

    def placeholder(role: str) -> str:
        return seeded_uid("strokelink-example", role)

    if study is not None:
        identity = PatientIdentity.from_dataset(study.first)
        series = [
            m.SeriesRead(
                uid,
                guess_series_kind(study.series(uid)[0]),
                str(study.series(uid)[0].get("SeriesDescription", "")),
            )
            for uid in study.series_uids()
        ]
        angio = next((s for s in series if s.kind is m.SeriesKind.CTA), series[-1])
        images = study.series(angio.series_instance_uid)
        key_source = images[len(images) // 2]
        key = m.KeyImage(
            angio.series_instance_uid, str(key_source.SOPInstanceUID), caption="Left M1 occlusion"
        )
        study_uid = study.study_instance_uid
    else:
        identity = PatientIdentity("NAN-0042", "CHRU-NANCY", "DUPONT^Zoé", "19540212", "F")
        series = [
            m.SeriesRead(placeholder("ncct"), m.SeriesKind.NCCT, "NCCT head"),
            m.SeriesRead(placeholder("cta"), m.SeriesKind.CTA, "CTA head and neck"),
        ]
        key = m.KeyImage(
            series[1].series_instance_uid, placeholder("key"), caption="Left M1 occlusion"
        )
        study_uid = placeholder("study")
    return m.Opinion(
        kind=m.ReportKind.FINAL,
        request=m.RequestInfo(
            identity=identity,
            accession_number="",
            requesting_site="CH Épinal, emergency department",
            requesting_physician="PETIT^Laurent",
            question="IV thrombolysis? Thrombectomy?",
        ),
        study_instance_uid=study_uid,
        series_read=series,
        haemorrhage=m.Haemorrhage(status=m.Finding.ABSENT),
        ischaemia=m.Ischaemia(
            early_signs=m.Finding.PRESENT,
            side=m.Side.LEFT,
            hyperdense_artery=m.Finding.PRESENT,
            aspects=m.Aspects(
                side=m.Side.LEFT,
                affected=[m.AspectsRegion.L, m.AspectsRegion.I, m.AspectsRegion.M2],
            ),
        ),
        occlusion=m.Occlusion(
            status=m.Finding.PRESENT,
            sites=[m.VesselOcclusion(m.OcclusionSite.M1, m.Side.LEFT)],
            tandem=m.Finding.ABSENT,
            dissection=m.Finding.ABSENT,
        ),
        other_findings="Old right cerebellar lacune.",
        conclusion=(
            "Acute left MCA ischaemic stroke with a left M1 occlusion; ASPECTS 7; no haemorrhage."
        ),
        recommendation=m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
            thrombectomy=m.ThrombectomyAdvice.CANDIDATE,
        ),
        phoned=m.PhoneCall(to="Dr Laurent PETIT", at=dt.datetime(2025, 3, 1, 14, 35, tzinfo=paris)),
        key_images=[key],
        radiologist=m.Radiologist(
            name="MARTIN^Claire", organisation="CHRU Nancy", identifier="cmartin"
        ),
    )
