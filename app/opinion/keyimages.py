"""Key images: Secondary Capture snapshots with burnt-in annotations, and a KOS listing them.

A key image is sent as a true-colour Secondary Capture Image
(1.2.840.10008.5.1.4.1.1.7) with (0028,0301) Burned In Annotation YES and a
(0008,2112) Source Image Sequence naming the image it shows, so any ED
viewer shows it as the radiologist saw it. The viewer hands its annotated
snapshot (RGB); without one, :func:`render_snapshot` draws the source image
with its window, the orientation letters from (0020,0037) Image Orientation
(Patient) — never from the screen — and the caption. A Key Object Selection
document (1.2.840.10008.5.1.4.1.1.88.59, title "For Referring Provider")
references the snapshots and their source images.

A key image of a reformatted, slab or 3-D view (``KeyImage.derived_from``)
is its snapshot: its (0008,2112) Source Image Sequence, the KOS and the SR
list every image it was made from, one item per instance with (0008,1160)
Referenced Frame Number for the frames of a multi-frame instance
(:func:`app.opinion.sr.source_references`); a native view's snapshot names
the one image (and frame) it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import highdicom as hd
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont
from pydicom.dataset import Dataset
from pydicom.pixels import apply_modality_lut
from pydicom.valuerep import DA, TM

from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.sr import MANUFACTURER, concept, source_references
from app.opinion.study import copy_patient_and_study, set_times

KEY_IMAGE_SERIES_NUMBER = 9003
KOS_SERIES_NUMBER = 9004
#: Snapshots smaller than this (pixels, short side) are enlarged so the burnt-in text stays legible.
MIN_SNAPSHOT_SIZE = 512
#: Window used for CT without (0028,1050) Window Center: the brain window.
BRAIN_WINDOW = (40.0, 80.0)

RGB = npt.NDArray[np.uint8]


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"
    try:
        return ImageFont.truetype(str(vera), size)
    except OSError:  # pragma: no cover - reportlab always ships Vera
        return ImageFont.load_default()


def orientation_letter(direction: Sequence[float]) -> str:
    """The patient direction a unit vector (LPS) points to mostly: L/R, P/A, H/F."""
    axis = int(np.argmax(np.abs(direction)))
    letters = (("L", "R"), ("P", "A"), ("H", "F"))[axis]
    return letters[0] if direction[axis] > 0 else letters[1]


def patient_orientation(ds: Dataset) -> tuple[str, str] | None:
    """(0020,0020) Patient Orientation (row, column directions) from (0020,0037), if any."""
    iop = ds.get("ImageOrientationPatient")
    if iop is None or len(iop) != 6:
        return None
    row, column = [float(v) for v in iop[:3]], [float(v) for v in iop[3:]]
    return orientation_letter(row), orientation_letter(column)


def _opposite(letter: str) -> str:
    return {"L": "R", "R": "L", "A": "P", "P": "A", "H": "F", "F": "H"}[letter]


def grey_frame(ds: Dataset, frame: int | None = None) -> npt.NDArray[np.uint8]:
    """One frame in 8 bits: its (0028,1050/1051) window, else the CT brain window, else min–max."""
    pixels = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        pixels = pixels[(frame or 1) - 1]
    if pixels.ndim == 3:  # already colour
        raise ValueError("colour source images are sent as their own snapshot")
    values = apply_modality_lut(pixels, ds).astype(np.float32)
    if "WindowCenter" in ds and "WindowWidth" in ds:
        centre = float(np.atleast_1d(ds.WindowCenter)[0])
        width = float(np.atleast_1d(ds.WindowWidth)[0])
    elif ds.get("Modality") == "CT":
        centre, width = BRAIN_WINDOW
    else:
        low, high = float(values.min()), float(values.max())
        centre, width = (low + high) / 2, high - low
    low, high = centre - width / 2, centre + width / 2
    scaled = (values - low) / max(high - low, 1e-6)
    grey = np.clip(scaled * 255.0, 0, 255).astype(np.uint8)
    if ds.get("PhotometricInterpretation") == "MONOCHROME1":
        grey = 255 - grey
    return grey


def render_snapshot(source: Dataset, frame: int | None, caption: str, label: str) -> RGB:
    """The source image as an RGB snapshot with orientation letters, label and caption burnt in."""
    grey = grey_frame(source, frame)
    image = Image.fromarray(grey).convert("RGB")
    scale = max(1, int(np.ceil(MIN_SNAPSHOT_SIZE / min(image.size))))
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    size = max(14, image.width // 28)
    font = _font(size)
    yellow, white = (255, 214, 0), (255, 255, 255)

    def shadowed(
        xy: tuple[float, float], words: str, fill: tuple[int, int, int], anchor: str
    ) -> None:
        draw.text((xy[0] + 1, xy[1] + 1), words, font=font, fill=(0, 0, 0), anchor=anchor)
        draw.text(xy, words, font=font, fill=fill, anchor=anchor)

    orientation = patient_orientation(source)
    if orientation is not None:
        row, column = orientation
        w, h, pad = image.width, image.height, size // 2
        shadowed((w - pad, h / 2), row, yellow, "rm")
        shadowed((pad, h / 2), _opposite(row), yellow, "lm")
        shadowed((w / 2, h - pad), column, yellow, "ms")
        shadowed((w / 2, pad), _opposite(column), yellow, "mt")
    shadowed((size // 2, size // 2), label, white, "lt")
    if caption:
        shadowed((image.width / 2, image.height - size * 2), caption, white, "ms")
    return np.asarray(image, dtype=np.uint8).copy()


def load_png(path: Path) -> RGB:
    """An RGB snapshot from a PNG file (alpha dropped)."""
    with Image.open(path) as picture:
        return np.asarray(picture.convert("RGB"), dtype=np.uint8).copy()


def build_key_image(
    opinion: m.Opinion,
    index: int,
    pixels: RGB,
    source: Dataset,
    header: Dataset,
    *,
    derived: Sequence[Dataset] = (),
) -> hd.sc.SCImage:
    """Key image ``index`` of a signed opinion as a Secondary Capture in the study of ``header``.

    ``source`` is the header of the key image's source image, ``derived`` those
    of the images a reformatted, slab or 3-D key image was made from.
    """
    assert opinion.uids is not None and opinion.signed_at is not None
    if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.dtype != np.uint8:
        raise ValueError("a key image snapshot is an RGB image, 8 bits per channel")
    key = opinion.key_images[index]
    orientation = patient_orientation(source) if key.snapshot is None else None
    sc = hd.sc.SCImage(
        pixel_array=np.ascontiguousarray(pixels),
        photometric_interpretation="RGB",
        bits_allocated=8,
        coordinate_system="PATIENT",
        study_instance_uid=str(header.StudyInstanceUID),
        series_instance_uid=opinion.uids.key_image_series,
        series_number=KEY_IMAGE_SERIES_NUMBER,
        sop_instance_uid=opinion.uids.key_image_instances[index],
        instance_number=index + 1,
        manufacturer=MANUFACTURER,
        patient_orientation=orientation or ("L", "P"),
        specific_character_set="ISO_IR 192",
    )
    copy_patient_and_study(sc, header)
    if orientation is None:
        sc.PatientOrientation = []  # a viewer snapshot may be any plane: Type 2, left empty
    sc.SeriesDescription = "Stroke opinion key images"
    # (0018,0015) Body Part Examined says the head is unpaired, so no (0020,0060) Laterality.
    sc.BodyPartExamined = str(source.get("BodyPartExamined") or "HEAD")
    sc.ConversionType = "WSD"
    sc.BurnedInAnnotation = "YES"
    sc.ImageComments = key.caption.strip() or f"Key image {index + 1}"
    if key.derived:
        sc.DerivationDescription = (
            "Key image of the stroke opinion: a reformatted, slab or 3-D view of the source "
            "images, annotations burnt in"
        )
    else:
        sc.DerivationDescription = "Key image of the stroke opinion, annotations burnt in"
    sc.SourceImageSequence = [
        _source_item(ds, frames) for ds, frames in source_references(key, source, derived)
    ]
    set_times(sc, opinion.signed_at)
    sc.DateOfSecondaryCapture = DA(opinion.signed_at.strftime("%Y%m%d"))
    sc.TimeOfSecondaryCapture = TM(opinion.signed_at.strftime("%H%M%S"))
    return sc


def _source_item(source: Dataset, frames: Sequence[int]) -> Dataset:
    item = Dataset()
    item.ReferencedSOPClassUID = source.SOPClassUID
    item.ReferencedSOPInstanceUID = source.SOPInstanceUID
    if frames:
        item.ReferencedFrameNumber = frames[0] if len(frames) == 1 else list(frames)
    return item


def build_kos(
    opinion: m.Opinion,
    snapshots: Sequence[Dataset],
    sources: Sequence[Dataset],
    derived: Sequence[Sequence[Dataset]] = (),
) -> hd.ko.KeyObjectSelectionDocument:
    """The Key Object Selection document listing the snapshots, then the images they show
    or were made from (each instance once, with its frames in a multi-frame instance).

    ``sources`` and ``derived`` are per key image, as for :func:`build_key_image`.
    """
    assert opinion.uids is not None and opinion.signed_at is not None
    assert opinion.radiologist is not None
    frames: dict[str, list[int]] = {}
    headers: dict[str, Dataset] = {}
    for index, key in enumerate(opinion.key_images):
        made_from = derived[index] if index < len(derived) else ()
        for ds, numbers in source_references(key, sources[index], made_from):
            uid = str(ds.SOPInstanceUID)
            headers.setdefault(uid, ds)
            known = frames.setdefault(uid, [])
            known.extend(n for n in numbers if n not in known)
    unique_sources = list(headers.values())
    content = hd.ko.KeyObjectSelection(
        document_title=concept(c.KOS_TITLE),
        referenced_objects=[*snapshots, *unique_sources],
        observer_person_context=hd.sr.ObserverContext(
            observer_type=concept(c.PERSON),
            observer_identifying_attributes=hd.sr.PersonObserverIdentifyingAttributes(
                name=opinion.radiologist.name,
                organization_name=opinion.radiologist.organisation,
            ),
        ),
        description=f"Key images of the {opinion.kind.value} stroke opinion",
    )
    kos = hd.ko.KeyObjectSelectionDocument(
        evidence=[*snapshots, *unique_sources],
        content=content,
        series_instance_uid=opinion.uids.kos_series,
        series_number=KOS_SERIES_NUMBER,
        sop_instance_uid=opinion.uids.kos_instance,
        instance_number=1,
        manufacturer=MANUFACTURER,
        institution_name=opinion.radiologist.organisation,
        specific_character_set="ISO_IR 192",
    )
    kos.SeriesDescription = "Stroke opinion key objects"
    for item in kos.ContentSequence:  # highdicom references whole instances: add the frames
        if item.ValueType == "IMAGE":
            reference = item.ReferencedSOPSequence[0]
            numbers = sorted(frames.get(str(reference.ReferencedSOPInstanceUID), []))
            if numbers:
                reference.ReferencedFrameNumber = numbers[0] if len(numbers) == 1 else numbers
    set_times(kos, opinion.signed_at)
    return kos
