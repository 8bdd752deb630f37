"""Warnings that the user interface can word in the user's language.

:mod:`viewer` has no Qt, so it cannot call ``tr()``. A warning is a :class:`Note`:
a ``str`` (its English text, as ``strokelink info`` prints it and as logs read it)
that also carries a ``code`` and the ``params`` it was made from. The viewer's
windows word it through ``tr()`` from the code (``app.ui.viewer.words.warning_text``);
:data:`TEMPLATES` is the English of each code (``{name}`` placeholders), which the
user interface's table repeats literally so that lupdate finds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: The English of every warning code; ``{name}``: a parameter (already worded).
TEMPLATES: Final[Mapping[str, str]] = {
    "labelled": "{label}: {note}",
    "skipped": "skipped {why}",
    "skipped_no_series_uid": "skipped {file}: no (0020,000E) Series Instance UID",
    "unreadable_malformed": "{file}: malformed or truncated DICOM ({problem})",
    "unreadable_not_dicom": "{file}: not a DICOM file",
    "unreadable_not_dicom_error": "{file}: not a DICOM file ({problem})",
    "received_twice": "{count} image(s) received twice (same SOP Instance UID): one copy used",
    "duplicate_positions": (
        "duplicate slice positions: {count} image(s) at the position of another "
        "({positions}); the lowest Instance Number is shown, the others are left out"
    ),
    "gantry_tilt": (
        "gantry tilt: slice positions step {degrees}° off the slice normal; "
        "the volume keeps the acquired, sheared geometry"
    ),
    "gantry_tilt_declared": (
        "gantry tilt: slice positions step {degrees}° off the slice normal; "
        "(0018,1120) Gantry/Detector Tilt {declared}°; "
        "the volume keeps the acquired, sheared geometry"
    ),
    "tilt_not_shown": (
        "(0018,1120) Gantry/Detector Tilt is {declared}° but the slice positions "
        "show no shear: geometry taken from the positions"
    ),
    "rescale_differs": (
        "(0028,1053) Rescale Slope / (0028,1052) Rescale Intercept differ between slices "
        "({count} different values): applied slice by slice"
    ),
    "uneven_spacing": (
        "uneven slice spacing: slices up to {offset} mm ({fraction} of the {spacing} mm "
        "spacing) from a regular grid (acquired at {acquired}, shown at {shown}); each "
        "slice is shown at its nearest grid place"
    ),
    "off_line": (
        "slice positions up to {offset} mm ({fraction} of a pixel) off a straight line: "
        "each slice is shown on the line"
    ),
    "slices_missing": "{count} slice(s) missing between {first} and {second}: shown as not loaded",
    "mixed_orientations": ("mixed orientations in one series ({planes}): split into {count} parts"),
    "mixed_sizes": "mixed image sizes in one series ({sizes}): split into {count} parts",
    "not_a_volume": "not a volume: {what}: {reason}",
    "not_a_volume_reason": "not a volume: {reason}",
    "instances_not_received": "{count} instance(s) not received: {shown}",
    "not_a_volume_images": "not a volume: {count} image(s): {reason}",
    "not_read": "{file}: could not be read ({problem}); shown as not loaded",
    "not_decoded": "{file}: pixel data not decoded ({problem}); shown as not loaded",
    "not_decoded_short": "{file}: pixel data not decoded ({problem})",
    "float32": "voxels stored as float32: {problem}",
    "float32_beyond_int16": "voxels stored as float32 (values beyond int16)",
    "monochrome1": "(0028,0004) MONOCHROME1: low values are displayed bright",
    # why a part of a series is not a volume (shown as "not a volume: …")
    "orientation_not_unit": "(0020,0037) Image Orientation (Patient) is not two unit vectors",
    "orientation_not_orthogonal": "(0020,0037) Image Orientation (Patient) is not orthogonal",
    "single_slice": "a single slice",
    "slices_not_distinct": "slices are not distinct along the normal",
    "uneven_steps": (
        "uneven slice spacing: steps from {low} to {high} mm along the normal (median {median} mm)"
    ),
    "too_sparse": (
        "{missing} slice(s) missing for {present} present (steps up to {high} mm): too "
        "sparse for a volume"
    ),
    "off_grid": "{uneven}: a slice lies {offset} mm from the nearest place on a regular grid",
    "not_on_a_line": (
        "slice positions are not on a line (up to {offset} mm off, {fraction} of a "
        "pixel): irregular table movement or mixed stacks"
    ),
    "single_image": "a single image",
    "one_position": "all images at one position",
    "not_an_image": "not an image ({sop_class})",
    "not_an_image_unknown": "not an image (unknown SOP class)",
    "colour_image": "colour image ({photometric}), e.g. a secondary capture",
    "segmentation": "segmentation, not an image to read",
    "localizer": "localizer (scout) image",
    "multiframe_without_geometry": (
        "multi-frame image without (5200,9230) Per-frame Functional Groups geometry"
    ),
    "frames_disagree": (
        "(0028,0008) Number of Frames disagrees with (5200,9230) Per-frame Functional Groups"
    ),
    "no_geometry": "no {tags}: no patient geometry",
    "spacing_not_positive": "(0028,0030) Pixel Spacing is not positive",
    # --- analysis: CT perfusion (codes ctp_*) ---
    "ctp_shape": "CT perfusion: the 4-D series is {shape}, expected (time, {expected})",
    "ctp_times_count": "CT perfusion: {count} frame time(s) for {frames} frame(s)",
    "ctp_times_not_increasing": (
        "CT perfusion: frame times do not increase (frame {index} at {time} s, after {previous} s)"
    ),
    "ctp_too_few_frames": "CT perfusion: {count} usable frame(s), at least {minimum} needed",
    "ctp_no_artery": (
        "CT perfusion: no enhancing artery found (no voxel enhances by {threshold} HU or more)"
    ),
    "ctp_aif_outside": "CT perfusion: the arterial input point ({point} mm) is outside the images",
    "ctp_vof_outside": "CT perfusion: the venous output point ({point} mm) is outside the images",
    "ctp_aif_not_enhancing": (
        "CT perfusion: no vessel enhances at the arterial input point ({point} mm): "
        "peak {peak} HU, at least {threshold} HU needed"
    ),
    "ctp_vof_not_enhancing": (
        "CT perfusion: no vessel enhances at the venous output point ({point} mm): "
        "peak {peak} HU, at least {threshold} HU needed"
    ),
    "ctp_no_brain": "CT perfusion: no brain tissue found (pre-contrast {low} to {high} HU)",
    "ctp_motion": (
        "motion: {count} frame(s) excluded ({frames}): their decorrelation from the series "
        "exceeds {limit}"
    ),
    "ctp_truncated_vof": (
        "truncated bolus: the venous output is still at {percent} % of its peak at the last "
        "frame ({time} s); CBF and CBV may be underestimated"
    ),
    "ctp_truncated_aif": (
        "truncated bolus: the arterial input is still at {percent} % of its peak at the last "
        "frame ({time} s); CBF and CBV may be underestimated"
    ),
    "ctp_no_vof": "no venous output found: the arterial input is not rescaled for partial volume",
    # --- analysis: MR (codes adc_*, flair_*) ---
    "adc_units_header": "ADC units {units} (from {source})",
    "adc_units_values": (
        "ADC units {units}: not stated in the header, decided from the values "
        "(typical brain value {typical} as stored)"
    ),
    "adc_units_disagree": (
        "ADC units: {source} says {header} but the values (typical brain value {typical} "
        "as stored) fit {units}: {units} used"
    ),
    "adc_units_assumed": (
        "ADC units not stated in the header: {units} assumed (vendor convention for ADC maps)"
    ),
    "adc_units_given": "ADC units: stored values × {factor} = 10^-6 mm2/s (given)",
    "adc_implausible": (
        "typical brain ADC {typical} × 10^-6 mm2/s lies outside 400 to 1600: check the "
        "ADC units ({units})"
    ),
    "adc_no_brain": "no brain found on the ADC map: no ADC core measured",
    "adc_not_loaded": (
        "the ADC map is incomplete: slice(s) {slices} of {total} not loaded; "
        "no ADC core measured (it would be underestimated)"
    ),
    "flair_mirror_small": (
        "DWI–FLAIR mismatch not assessable: the mirror region holds too little brain "
        "tissue ({kept} of {total} voxels: CSF, outside the brain or outside the FLAIR)"
    ),
    "flair_no_signal": (
        "DWI–FLAIR mismatch not assessable: no usable FLAIR signal (mean {lesion} in the "
        "lesion, {mirror} in the mirror region)"
    ),
    "flair_missing": "DWI–FLAIR mismatch not assessable: no FLAIR",
    "flair_no_lesion": "DWI–FLAIR mismatch not assessable: no DWI lesion (ADC core 0 mL)",
    "flair_midline": "DWI–FLAIR mismatch not assessable: the DWI lesion crosses the midline",
    "flair_other_frame": (
        "DWI–FLAIR mismatch not assessable: FLAIR and ADC are in different frames of reference"
    ),
    "flair_outside": "DWI–FLAIR mismatch not assessable: the DWI lesion lies outside the FLAIR",
    "flair_dwi_not_bright": (
        "the ADC core is not bright on DWI b1000 (ratio {ratio} to the mirror region): "
        "check for an artefact"
    ),
    # --- analysis: finding and loading what to analyse (codes analysis_*) ---
    "analysis_nothing": "nothing to analyse: {found}",
    "analysis_found_nothing": "no DICOM series",
    "analysis_found_series": "{kind} series {description} ({images} images)",
    "analysis_series": "{kind} series {uid} ({description})",
    "analysis_short_time_points": "time point(s) {points}: {have} of {expected} slices",
    "analysis_unequal_positions": (
        "its slice positions hold unequal numbers of images ({counts}): images are missing"
    ),
    "analysis_no_time": "no acquisition time nor temporal position: cannot order the phases",
    "analysis_phase_geometry": "the phase series do not share one geometry: {why}",
    "analysis_not_loaded": "slices that could not be read (time point/slice): {which}",
    "analysis_skipped_files": "files skipped while reading the study: {files}",
    "analysis_single_phase": "{series} holds a single time point: not analysed as a CT perfusion",
    "analysis_several": "several {kind} series: {chosen} analysed, {others} not",
    "analysis_no_dwi": "no DWI series: the DWI–FLAIR mismatch is not assessed",
    "analysis_no_flair": "no FLAIR series: the DWI–FLAIR mismatch is not assessed",
    "analysis_dwi_without_adc": "DWI without an ADC map: the ADC core is not computed",
    "analysis_failed": "{what}: {why}",
    "analysis_temporal_gap": "temporal position(s) {positions} missing",
    "analysis_fewer_time_points": (
        "{have} of {declared} time points (0020,0105 Number of Temporal Positions)"
    ),
    "analysis_time_gap": (
        "a gap of {gap} s after time point {point} (neighbouring steps about {step} s): "
        "time points are missing"
    ),
    "analysis_same_time": "time points {points} have the same acquisition time",
    "analysis_phase_mix": "the single-phase CT perfusion series are not one acquisition: {why}",
    "analysis_incomplete_volume": "{what} is incomplete: slice(s) {slices} not loaded",
    "analysis_incomplete_flair": "{what}: the DWI–FLAIR mismatch is not assessed",
    "analysis_several_studies": (
        "the folder holds several studies: {studies}; put one study per folder"
    ),
    "analysis_study": "patient ID {patient}, study {description} of {date}",
    "analysis_point_unused": "{options} given but no CT perfusion was analysed: not used",
}


class Note(str):
    """A warning: its English text, and the ``code`` and ``params`` it was made from."""

    code: str
    params: dict[str, str]

    def __new__(cls, text: str, code: str = "", params: Mapping[str, str] | None = None) -> Note:
        note = super().__new__(cls, text)
        note.code = code
        note.params = dict(params or {})
        return note

    def __getnewargs__(self) -> tuple[str, str, dict[str, str]]:  # type: ignore[override]
        return (str(self), self.code, self.params)


def note(code: str, **params: object) -> Note:
    """The warning ``code`` (:data:`TEMPLATES`) with ``params`` (each worded by ``str``;
    a :class:`Note` parameter stays one, to be worded in turn)."""
    worded = {k: v if isinstance(v, Note) else str(v) for k, v in params.items()}
    return Note(TEMPLATES[code].format(**worded), code, worded)


def joined(reasons: list[str]) -> str:
    """Several reasons as one text ("a; b"), each worded in turn (code "joined")."""
    if len(reasons) == 1:
        return reasons[0]
    return Note("; ".join(reasons), "joined", {str(n): r for n, r in enumerate(reasons)})


def labelled(label: str, warning: str) -> str:
    """``warning`` of the volume ``label`` ("label: warning"); unchanged without a label."""
    return note("labelled", label=label, note=warning) if label else warning
