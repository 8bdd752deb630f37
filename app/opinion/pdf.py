"""The opinion as a PDF for an ED physician in a hurry, and as an Encapsulated PDF object.

Layout (A4): on every page a header with the patient's identity and the
PRELIMINARY / FINAL mark, and a footer with the signature and page count;
then the ED's clinical context (:mod:`app.opinion.clinical`: last known well,
NIHSS, anticoagulation, glucose, blood pressure, pre-stroke mRS, call-back
phone, history; flagged facts in red), the verdict in large type
(haemorrhage, occlusion, IV thrombolysis — with the flagged facts beside it,
so that no green light is shown without them — thrombectomy), the
conclusion and whom the result was phoned to, the details,
the key images, the series read, the request and the signature. The PDF is
built with ``invariant`` set, so the same signed opinion gives the same bytes.

:func:`build_encapsulated_pdf` wraps it in an Encapsulated PDF Storage object
(1.2.840.10008.5.1.4.1.1.104.1, modality DOC) in the request's study, whose
(0042,0013) Source Instance Sequence names the SR it renders.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import numpy.typing as npt
from PIL import Image as PilImage
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.opinion import clinical as cl
from app.opinion import codes as c
from app.opinion import model as m
from app.opinion import wording as w
from app.opinion.identity import IDENTITY_FIELDS, IdentityOverride, PatientIdentity
from app.opinion.sr import MANUFACTURER
from app.opinion.study import copy_patient_and_study, set_times

ENCAPSULATED_PDF_STORAGE = "1.2.840.10008.5.1.4.1.1.104.1"
PDF_SERIES_NUMBER = 9002
TONE_COLOURS = {
    w.Tone.ALERT: (colors.HexColor("#B3261E"), colors.HexColor("#FCE8E6")),
    w.Tone.CLEAR: (colors.HexColor("#1E6B35"), colors.HexColor("#E6F4EA")),
    w.Tone.OPEN: (colors.HexColor("#5F6368"), colors.HexColor("#F1F3F4")),
}
KIND_COLOURS = {
    m.ReportKind.PRELIMINARY: colors.HexColor("#B06000"),
    m.ReportKind.FINAL: colors.HexColor("#1E6B35"),
}
ALERT_INK = TONE_COLOURS[w.Tone.ALERT][0]
CONTEXT_PAPER = colors.HexColor("#F8F9FA")
INK = colors.HexColor("#202124")
MUTED = colors.HexColor("#5F6368")
RULE = colors.HexColor("#DADCE0")
MARGIN = 15 * mm
HEADER_H = 24 * mm
FOOTER_H = 12 * mm
FRAME_PADDING = 6  # points, reportlab's default Frame padding


@cache
def _fonts() -> tuple[str, str]:
    """Bitstream Vera (shipped with reportlab), embedded: accents print on any viewer."""
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Vera", str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(folder / "VeraBd.ttf")))
    return "Vera", "Vera-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "base": base,
        "muted": ParagraphStyle("muted", parent=base, textColor=MUTED, fontSize=8.5, leading=11),
        "label": ParagraphStyle(
            "label", parent=base, fontName=bold, fontSize=8, leading=10, textColor=MUTED
        ),
        "verdict": ParagraphStyle("verdict", parent=base, fontName=bold, fontSize=15, leading=18),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=bold,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "conclusion": ParagraphStyle(
            "conclusion", parent=base, fontName=bold, fontSize=11.5, leading=15
        ),
        "notice": ParagraphStyle(
            "notice",
            parent=base,
            fontName=bold,
            textColor=colors.HexColor("#B3261E"),
            alignment=TA_LEFT,
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def override_text(override: IdentityOverride) -> str:
    """Who overrode the identity check, why, and exactly which differences were accepted."""
    lines = [
        "Patient identity check overridden"
        + (f" by {override.by}" if override.by else "")
        + f": {override.reason}"
    ]
    for d in override.differences:
        lines.append(
            f"Accepted: {IDENTITY_FIELDS.get(d.field, d.field)}: request "
            f"{d.request or '(empty)'}, images {d.images or '(empty)'}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- page furniture


def identity_line(identity: PatientIdentity, study_date: str) -> str:
    issuer = f" ({identity.issuer_of_patient_id})" if identity.issuer_of_patient_id else ""
    parts = [
        w.person(identity.name) or "(no name)",
        f"ID {identity.patient_id or '(none)'}{issuer}",
        f"born {w.date(identity.birth_date) or '(unknown)'}",
        f"sex {identity.sex or '(unknown)'}",
    ]
    if study_date:
        parts.append(f"study {w.date(study_date)}")
    return "   ·   ".join(parts)


class _Pages:
    """Draws the header and footer on each page, with "page n of N" (two passes)."""

    def __init__(self, opinion: m.Opinion, identity: str) -> None:
        self.opinion = opinion
        self.identity = identity

    def canvas_class(self) -> type[Canvas]:
        pages = self

        class NumberedCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._saved: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._saved.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._saved)
                for state in self._saved:
                    self.__dict__.update(state)
                    pages.draw(self, total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def draw(self, canvas: Canvas, total: int) -> None:
        regular, bold = _fonts()
        width, height = A4
        o = self.opinion
        canvas.saveState()
        top = height - MARGIN
        canvas.setFillColor(INK)
        canvas.setFont(bold, 13)
        canvas.drawString(MARGIN, top - 5 * mm, "Acute stroke imaging opinion")
        kind = o.kind.value.upper() + (" · CORRECTED" if o.is_amendment else "")
        canvas.setFont(bold, 11)
        badge_w = canvas.stringWidth(kind, bold, 11) + 8 * mm
        canvas.setFillColor(KIND_COLOURS[o.kind])
        canvas.roundRect(
            width - MARGIN - badge_w, top - 7.5 * mm, badge_w, 8 * mm, 2 * mm, stroke=0, fill=1
        )
        canvas.setFillColor(colors.white)
        canvas.drawCentredString(width - MARGIN - badge_w / 2, top - 5 * mm, kind)
        canvas.setFillColor(INK)
        canvas.setFont(regular, 9.5)
        canvas.drawString(MARGIN, top - 12.5 * mm, self.identity)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - 15.5 * mm, width - MARGIN, top - 15.5 * mm)
        bottom = MARGIN
        canvas.line(MARGIN, bottom + 6 * mm, width - MARGIN, bottom + 6 * mm)
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        signer = "unsigned draft"
        if o.radiologist is not None and o.signed_at is not None:
            r = o.radiologist
            signer = f"Signed by {w.doctor(r.name)}, {r.organisation}, {w.moment(o.signed_at)}"
        canvas.drawString(MARGIN, bottom + 2 * mm, signer)
        canvas.drawRightString(
            width - MARGIN,
            bottom + 2 * mm,
            f"{MANUFACTURER} · page {canvas.getPageNumber()} of {total}",
        )
        canvas.restoreState()


# --------------------------------------------------------------------------- body


def _clinical_context(
    opinion: m.Opinion, styles: dict[str, ParagraphStyle], width: float
) -> list[Any]:
    """The ED's clinical facts, two per row; flagged ones in red, absent ones "not given"."""
    request = opinion.request.clinical
    if request is None:
        return []
    flagged = ParagraphStyle("flagged", parent=styles["base"], fontName=_fonts()[1],
                             textColor=ALERT_INK)  # fmt: skip

    def cells(fact: cl.Fact) -> list[Any]:
        style = flagged if fact.flagged else styles["muted" if not fact.given else "base"]
        return [_p(fact.label.upper(), styles["label"]), _p(fact.text, style)]

    # In order, two short facts a row; a long one on a row of its own, where it comes.
    rows: list[list[Any]] = []
    spans = []
    waiting: list[Any] = []
    for fact in cl.facts(request):
        if fact.label == "History" or len(fact.text) > 40:
            spans.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append([*cells(fact), "", ""])
        elif waiting:
            rows.append(waiting + cells(fact))
            waiting = []
        else:
            waiting = cells(fact)
    if waiting:
        rows.append([*waiting, "", ""])
    label_w, value_w = 34 * mm, width / 2 - 34 * mm
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), CONTEXT_PAPER),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0.8 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8 * mm),
                *spans,
            ]
        )
    )
    title = _p("Clinical context from the ED's request", styles["label"])
    return [KeepTogether([title, Spacer(0, 1 * mm), table]), Spacer(0, 3 * mm)]


def _thrombolysis_caution(opinion: m.Opinion) -> str:
    """The flagged facts to print beside an IV thrombolysis answer that is not a "no"."""
    request = opinion.request.clinical
    advice = opinion.recommendation.thrombolysis
    if request is None or advice in (
        m.ThrombolysisAdvice.CONTRAINDICATED,
        m.ThrombolysisAdvice.NOT_ASSESSED,
    ):
        return ""
    return " · ".join(cl.flag_texts(request))


def _verdict_table(opinion: m.Opinion, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows, style = (
        [],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6 * mm),
            ("LINEBELOW", (0, 0), (-1, -2), 1.5, colors.white),
        ],
    )
    caution = _thrombolysis_caution(opinion)
    caution_style = ParagraphStyle(
        "caution", parent=styles["base"], fontName=_fonts()[1], textColor=ALERT_INK
    )
    thrombolysis = w.thrombolysis_verdict(opinion.recommendation)
    for row, verdict in enumerate(w.verdicts(opinion)):
        ink, paper = TONE_COLOURS[verdict.tone]
        text: Any = _p(verdict.text, ParagraphStyle("v", parent=styles["verdict"], textColor=ink))
        if caution and verdict == thrombolysis:
            text = [text, Spacer(0, 1 * mm), _p(f"Clinical flags: {caution}", caution_style)]
        rows.append([_p(verdict.label.upper(), styles["label"]), text])
        style += [
            ("BACKGROUND", (0, row), (-1, row), paper),
            ("LINEBEFORE", (0, row), (0, row), 4, ink),
        ]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm])
    table.setStyle(TableStyle(style))
    return table


def _details_table(
    rows: Sequence[tuple[str, str]], styles: dict[str, ParagraphStyle], width: float
) -> Table:
    data = [[_p(label, styles["label"]), _p(text, styles["base"])] for label, text in rows]
    table = Table(data, colWidths=[45 * mm, width - 45 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _thumbnail(pixels: npt.NDArray[np.uint8], width: float, max_height: float) -> Image:
    """The image within ``width`` × ``max_height``, its proportions kept (a tall, narrow
    capture of one pane of three must not make a row taller than the page)."""
    buffer = io.BytesIO()
    PilImage.fromarray(pixels).save(buffer, format="PNG")
    buffer.seek(0)
    h, w_px = pixels.shape[:2]
    scale = min(width / w_px, max_height / h)
    return Image(buffer, width=w_px * scale, height=h * scale)


def _key_images(
    opinion: m.Opinion,
    pixels: Sequence[npt.NDArray[np.uint8]],
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Any]:
    if not pixels:
        return []
    per_row = 3
    cell = width / per_row
    cells: list[Any] = [
        [
            _thumbnail(p, cell - 3 * mm, 90 * mm),
            _p(opinion.key_images[i].caption or f"Key image {i + 1}", styles["muted"]),
        ]
        for i, p in enumerate(pixels)
    ]
    flow: list[Any] = []
    for start in range(0, len(cells), per_row):
        row = cells[start : start + per_row]
        row += [""] * (per_row - len(row))
        table = Table([row], colWidths=[cell] * per_row)
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        flow.append(table)
    # The heading stays with the first row of images.
    return [KeepTogether([_p("Key images", styles["heading"]), flow[0]]), *flow[1:]]


def story(
    opinion: m.Opinion, key_image_pixels: Sequence[npt.NDArray[np.uint8]], width: float
) -> list[Any]:
    """The flowables of the PDF body, verdict first."""
    s = _styles()
    flow: list[Any] = []
    if opinion.is_amendment:
        flow.append(
            _p(
                "Corrected opinion: it replaces the opinion sent before. "
                f"Reason: {opinion.amendment_reason}",
                s["notice"],
            )
        )
        flow.append(Spacer(0, 2 * mm))
    if opinion.identity_override is not None:
        flow.append(_p(override_text(opinion.identity_override), s["notice"]))
        flow.append(Spacer(0, 2 * mm))
    flow += _clinical_context(opinion, s, width)
    flow.append(_verdict_table(opinion, s, width))
    flow.append(Spacer(0, 4 * mm))
    if opinion.conclusion.strip():
        flow.append(_p(opinion.conclusion.strip(), s["conclusion"]))
    if opinion.phoned is not None:
        flow.append(Spacer(0, 2 * mm))
        flow.append(
            _p(f"Result phoned to {opinion.phoned.to} at {w.moment(opinion.phoned.at)}.", s["base"])
        )
    flow.append(_p("Details", s["heading"]))
    flow.append(_details_table(w.details(opinion), s, width))
    flow += _key_images(opinion, key_image_pixels, s, width)
    if opinion.series_read:
        rows = [
            (w.SERIES_KINDS[x.kind], x.description or x.series_instance_uid)
            for x in opinion.series_read
        ]
        flow.append(KeepTogether([_p("Series read", s["heading"]), _details_table(rows, s, width)]))
    req = opinion.request
    request_rows = [
        (label, value)
        for label, value in (
            ("Requesting site", req.requesting_site),
            ("Requesting physician", w.person(req.requesting_physician)),
            ("Question", req.question),
            ("Accession number", req.accession_number),
        )
        if value
    ]
    if request_rows:
        flow.append(
            KeepTogether([_p("Request", s["heading"]), _details_table(request_rows, s, width)])
        )
    flow.append(Spacer(0, 5 * mm))
    flow.append(KeepTogether(_signature(opinion, s)))
    return flow


def _signature(opinion: m.Opinion, s: dict[str, ParagraphStyle]) -> list[Any]:
    if opinion.radiologist is None or opinion.signed_at is None:
        return [_p("Not signed: draft, not for clinical use.", s["notice"])]
    r = opinion.radiologist
    return [
        _p("Signature", s["heading"]),
        _p(
            f"Electronically signed by {w.doctor(r.name)}, {r.organisation}, "
            f"on {w.moment(opinion.signed_at)}.",
            s["base"],
        ),
        _p(
            f"{opinion.kind.value.capitalize()} opinion. The DICOM structured report of the "
            "same study "
            "holds the same content in coded form.",
            s["muted"],
        ),
    ]


def build_pdf(
    opinion: m.Opinion,
    identity: PatientIdentity,
    *,
    study_date: str = "",
    key_image_pixels: Sequence[npt.NDArray[np.uint8]] = (),
) -> bytes:
    """The opinion's PDF; ``identity`` is the patient as the images name them."""
    buffer = io.BytesIO()
    pages = _Pages(opinion, identity_line(identity, study_date))
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN - FRAME_PADDING,
        rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN + HEADER_H - 6 * mm,
        bottomMargin=MARGIN + FOOTER_H,
        title=f"Stroke imaging opinion ({opinion.kind.value})",
        author=w.person(opinion.radiologist.name) if opinion.radiologist else "",
        creator=MANUFACTURER,
        invariant=1,
    )
    # The frame keeps its padding on each side: the body starts at MARGIN, like the header.
    width = doc.width - 2 * FRAME_PADDING
    doc.build(story(opinion, key_image_pixels, width), canvasmaker=pages.canvas_class())
    return buffer.getvalue()


def build_encapsulated_pdf(
    opinion: m.Opinion, pdf: bytes, *, header: Dataset, sr: Dataset
) -> Dataset:
    """The PDF as an Encapsulated PDF object in the study of ``header``, derived from ``sr``."""
    assert opinion.uids is not None and opinion.signed_at is not None
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = UID(ENCAPSULATED_PDF_STORAGE)
    ds.file_meta.MediaStorageSOPInstanceUID = UID(opinion.uids.pdf_instance)
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = ENCAPSULATED_PDF_STORAGE
    ds.SOPInstanceUID = opinion.uids.pdf_instance
    copy_patient_and_study(ds, header)
    ds.Modality = "DOC"
    ds.SeriesInstanceUID = opinion.uids.pdf_series
    ds.SeriesNumber = PDF_SERIES_NUMBER
    ds.SeriesDescription = f"Stroke opinion PDF ({opinion.kind.value})"
    ds.Manufacturer = MANUFACTURER
    ds.ConversionType = "WSD"
    ds.InstanceNumber = 1
    set_times(ds, opinion.signed_at)
    ds.AcquisitionDateTime = ""
    ds.BurnedInAnnotation = "YES"
    ds.DocumentTitle = f"Stroke imaging opinion ({opinion.kind.value})"
    title = Dataset()
    title.CodeValue, title.CodingSchemeDesignator, title.CodeMeaning = c.REPORT_TITLE
    ds.ConceptNameCodeSequence = [title]
    source = Dataset()
    source.ReferencedSOPClassUID = sr.SOPClassUID
    source.ReferencedSOPInstanceUID = sr.SOPInstanceUID
    ds.SourceInstanceSequence = [source]
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocument = pdf + (b"\0" if len(pdf) % 2 else b"")
    ds.EncapsulatedDocumentLength = len(pdf)
    return ds
