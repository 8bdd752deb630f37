"""The captions' words (:class:`viewer.captions.Words`) in the user's language.

:mod:`viewer` has no Qt, so it cannot call ``tr()``: the viewer windows call
:func:`install_caption_words` once the translators are installed. Every text
is a literal ``QCoreApplication.translate("CaptionWords", …)`` so that lupdate
finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from viewer import captions, notes


def caption_words() -> captions.Words:
    """The captions' words, translated by the installed translators."""
    return captions.Words(
        no_name=QCoreApplication.translate("CaptionWords", "(no name)"),
        born=QCoreApplication.translate("CaptionWords", "Born"),
        sex=QCoreApplication.translate("CaptionWords", "Sex"),
        thin=QCoreApplication.translate("CaptionWords", "thin"),
        mean=QCoreApplication.translate("CaptionWords", "mean"),
        acquired_at=QCoreApplication.translate("CaptionWords", "acquired at"),
        mip_3d=QCoreApplication.translate("CaptionWords", "3D MIP"),
        vr_3d=QCoreApplication.translate("CaptionWords", "3D volume rendering (CTA)"),
        bone_removed=QCoreApplication.translate("CaptionWords", "bone removed"),
        not_loaded=QCoreApplication.translate("CaptionWords", "not loaded"),
        presets={
            "brain": QCoreApplication.translate("CaptionWords", "brain"),
            "stroke": QCoreApplication.translate("CaptionWords", "stroke"),
            "subdural": QCoreApplication.translate("CaptionWords", "subdural"),
            "bone": QCoreApplication.translate("CaptionWords", "bone"),
            "angio": QCoreApplication.translate("CaptionWords", "angio"),
            "dicom": QCoreApplication.translate("CaptionWords", "series window"),
            "auto": QCoreApplication.translate("CaptionWords", "automatic"),
            "custom": QCoreApplication.translate("CaptionWords", "custom"),
        },
        views={
            "axial": QCoreApplication.translate("CaptionWords", "Axial"),
            "coronal": QCoreApplication.translate("CaptionWords", "Coronal"),
            "sagittal": QCoreApplication.translate("CaptionWords", "Sagittal"),
        },
    )


def install_caption_words() -> None:
    """Draw every caption from now on in the application's language."""
    captions.set_words(caption_words())


def kind_title(kind: str, modality: str = "") -> str:
    """A series kind as shown to the user (e.g. "cta": "CTA", in French "Angio-TDM")."""
    titles = {
        "localizer": QCoreApplication.translate("CaptionWords", "Localizer"),
        "ncct": QCoreApplication.translate("CaptionWords", "NCCT"),
        "cta": QCoreApplication.translate("CaptionWords", "CTA"),
        "ctp": QCoreApplication.translate("CaptionWords", "CT perfusion"),
        "dwi": QCoreApplication.translate("CaptionWords", "DWI"),
        "adc": QCoreApplication.translate("CaptionWords", "ADC"),
        "flair": QCoreApplication.translate("CaptionWords", "FLAIR"),
        "swi": QCoreApplication.translate("CaptionWords", "SWI"),
        "tof": QCoreApplication.translate("CaptionWords", "TOF"),
        "t1": QCoreApplication.translate("CaptionWords", "T1"),
        "t2": QCoreApplication.translate("CaptionWords", "T2"),
        "*": QCoreApplication.translate("CaptionWords", "any"),
    }
    if kind == "other":
        return modality or QCoreApplication.translate("CaptionWords", "other")
    return titles.get(kind, kind.upper())


def view_title(title: str) -> str:
    """A display protocol's viewport title (viewer/protocols.py) in the user's language."""
    titles = {
        "Axial 5 mm": QCoreApplication.translate("CaptionWords", "Axial 5 mm"),
        "Coronal 5 mm": QCoreApplication.translate("CaptionWords", "Coronal 5 mm"),
        "Sagittal 5 mm": QCoreApplication.translate("CaptionWords", "Sagittal 5 mm"),
        "Axial MIP 20 mm": QCoreApplication.translate("CaptionWords", "Axial MIP 20 mm"),
        "Coronal MIP": QCoreApplication.translate("CaptionWords", "Coronal MIP"),
        "Sagittal MIP": QCoreApplication.translate("CaptionWords", "Sagittal MIP"),
        "3D VR": QCoreApplication.translate("CaptionWords", "3D VR"),
        "DWI b1000": QCoreApplication.translate("CaptionWords", "DWI b1000"),
        "ADC": QCoreApplication.translate("CaptionWords", "ADC"),
        "FLAIR": QCoreApplication.translate("CaptionWords", "FLAIR"),
        "CTP over time": QCoreApplication.translate("CaptionWords", "CTP over time"),
    }
    return titles.get(title, title)


def _warning_templates() -> dict[str, str]:
    """The French (or other) wording of each warning code of :mod:`viewer.notes`; the
    English is :data:`viewer.notes.TEMPLATES`, repeated here literally for lupdate."""
    return {
        "labelled": QCoreApplication.translate("ViewerWarnings", "{label}: {note}"),
        "skipped": QCoreApplication.translate("ViewerWarnings", "skipped {why}"),
        "skipped_no_series_uid": QCoreApplication.translate(
            "ViewerWarnings", "skipped {file}: no (0020,000E) Series Instance UID"
        ),
        "unreadable_malformed": QCoreApplication.translate(
            "ViewerWarnings", "{file}: malformed or truncated DICOM ({problem})"
        ),
        "unreadable_not_dicom": QCoreApplication.translate(
            "ViewerWarnings", "{file}: not a DICOM file"
        ),
        "unreadable_not_dicom_error": QCoreApplication.translate(
            "ViewerWarnings", "{file}: not a DICOM file ({problem})"
        ),
        "received_twice": QCoreApplication.translate(
            "ViewerWarnings",
            "{count} image(s) received twice (same SOP Instance UID): one copy used",
        ),
        "duplicate_positions": QCoreApplication.translate(
            "ViewerWarnings",
            "duplicate slice positions: {count} image(s) at the position of another "
            "({positions}); the lowest Instance Number is shown, the others are left out",
        ),
        "gantry_tilt": QCoreApplication.translate(
            "ViewerWarnings",
            "gantry tilt: slice positions step {degrees}° off the slice normal; "
            "the volume keeps the acquired, sheared geometry",
        ),
        "gantry_tilt_declared": QCoreApplication.translate(
            "ViewerWarnings",
            "gantry tilt: slice positions step {degrees}° off the slice normal; "
            "(0018,1120) Gantry/Detector Tilt {declared}°; "
            "the volume keeps the acquired, sheared geometry",
        ),
        "tilt_not_shown": QCoreApplication.translate(
            "ViewerWarnings",
            "(0018,1120) Gantry/Detector Tilt is {declared}° but the slice positions "
            "show no shear: geometry taken from the positions",
        ),
        "rescale_differs": QCoreApplication.translate(
            "ViewerWarnings",
            "(0028,1053) Rescale Slope / (0028,1052) Rescale Intercept differ between slices "
            "({count} different values): applied slice by slice",
        ),
        "uneven_spacing": QCoreApplication.translate(
            "ViewerWarnings",
            "uneven slice spacing: slices up to {offset} mm ({fraction} of the {spacing} mm "
            "spacing) from a regular grid (acquired at {acquired}, shown at {shown}); each "
            "slice is shown at its nearest grid place",
        ),
        "off_line": QCoreApplication.translate(
            "ViewerWarnings",
            "slice positions up to {offset} mm ({fraction} of a pixel) off a straight line: "
            "each slice is shown on the line",
        ),
        "slices_missing": QCoreApplication.translate(
            "ViewerWarnings",
            "{count} slice(s) missing between {first} and {second}: shown as not loaded",
        ),
        "mixed_orientations": QCoreApplication.translate(
            "ViewerWarnings",
            "mixed orientations in one series ({planes}): split into {count} parts",
        ),
        "mixed_sizes": QCoreApplication.translate(
            "ViewerWarnings", "mixed image sizes in one series ({sizes}): split into {count} parts"
        ),
        "not_a_volume": QCoreApplication.translate(
            "ViewerWarnings", "not a volume: {what}: {reason}"
        ),
        "not_a_volume_reason": QCoreApplication.translate(
            "ViewerWarnings", "not a volume: {reason}"
        ),
        "instances_not_received": QCoreApplication.translate(
            "ViewerWarnings", "{count} instance(s) not received: {shown}"
        ),
        "not_a_volume_images": QCoreApplication.translate(
            "ViewerWarnings", "not a volume: {count} image(s): {reason}"
        ),
        "not_read": QCoreApplication.translate(
            "ViewerWarnings", "{file}: could not be read ({problem}); shown as not loaded"
        ),
        "not_decoded": QCoreApplication.translate(
            "ViewerWarnings", "{file}: pixel data not decoded ({problem}); shown as not loaded"
        ),
        "not_decoded_short": QCoreApplication.translate(
            "ViewerWarnings", "{file}: pixel data not decoded ({problem})"
        ),
        "float32": QCoreApplication.translate(
            "ViewerWarnings", "voxels stored as float32: {problem}"
        ),
        "float32_beyond_int16": QCoreApplication.translate(
            "ViewerWarnings", "voxels stored as float32 (values beyond int16)"
        ),
        "monochrome1": QCoreApplication.translate(
            "ViewerWarnings", "(0028,0004) MONOCHROME1: low values are displayed bright"
        ),
        "orientation_not_unit": QCoreApplication.translate(
            "ViewerWarnings", "(0020,0037) Image Orientation (Patient) is not two unit vectors"
        ),
        "orientation_not_orthogonal": QCoreApplication.translate(
            "ViewerWarnings", "(0020,0037) Image Orientation (Patient) is not orthogonal"
        ),
        "single_slice": QCoreApplication.translate("ViewerWarnings", "a single slice"),
        "slices_not_distinct": QCoreApplication.translate(
            "ViewerWarnings", "slices are not distinct along the normal"
        ),
        "uneven_steps": QCoreApplication.translate(
            "ViewerWarnings",
            "uneven slice spacing: steps from {low} to {high} mm along the normal "
            "(median {median} mm)",
        ),
        "too_sparse": QCoreApplication.translate(
            "ViewerWarnings",
            "{missing} slice(s) missing for {present} present (steps up to {high} "
            "mm): too sparse for a volume",
        ),
        "off_grid": QCoreApplication.translate(
            "ViewerWarnings",
            "{uneven}: a slice lies {offset} mm from the nearest place on a regular grid",
        ),
        "not_on_a_line": QCoreApplication.translate(
            "ViewerWarnings",
            "slice positions are not on a line (up to {offset} mm off, {fraction} "
            "of a pixel): irregular table movement or mixed stacks",
        ),
        "single_image": QCoreApplication.translate("ViewerWarnings", "a single image"),
        "one_position": QCoreApplication.translate("ViewerWarnings", "all images at one position"),
        "not_an_image": QCoreApplication.translate("ViewerWarnings", "not an image ({sop_class})"),
        "not_an_image_unknown": QCoreApplication.translate(
            "ViewerWarnings", "not an image (unknown SOP class)"
        ),
        "colour_image": QCoreApplication.translate(
            "ViewerWarnings", "colour image ({photometric}), e.g. a secondary capture"
        ),
        "segmentation": QCoreApplication.translate(
            "ViewerWarnings", "segmentation, not an image to read"
        ),
        "localizer": QCoreApplication.translate("ViewerWarnings", "localizer (scout) image"),
        "multiframe_without_geometry": QCoreApplication.translate(
            "ViewerWarnings",
            "multi-frame image without (5200,9230) Per-frame Functional Groups geometry",
        ),
        "frames_disagree": QCoreApplication.translate(
            "ViewerWarnings",
            "(0028,0008) Number of Frames disagrees with (5200,9230) Per-frame Functional Groups",
        ),
        "no_geometry": QCoreApplication.translate(
            "ViewerWarnings", "no {tags}: no patient geometry"
        ),
        "spacing_not_positive": QCoreApplication.translate(
            "ViewerWarnings", "(0028,0030) Pixel Spacing is not positive"
        ),
        "ctp_shape": QCoreApplication.translate(
            "ViewerWarnings", "CT perfusion: the 4-D series is {shape}, expected (time, {expected})"
        ),
        "ctp_times_count": QCoreApplication.translate(
            "ViewerWarnings", "CT perfusion: {count} frame time(s) for {frames} frame(s)"
        ),
        "ctp_times_not_increasing": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: frame times do not increase (frame {index} at {time} s, after "
            "{previous} s)",
        ),
        "ctp_too_few_frames": QCoreApplication.translate(
            "ViewerWarnings", "CT perfusion: {count} usable frame(s), at least {minimum} needed"
        ),
        "ctp_no_artery": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: no enhancing artery found (no voxel enhances by {threshold} HU or more)",
        ),
        "ctp_aif_outside": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: the arterial input point ({point} mm) is outside the images",
        ),
        "ctp_vof_outside": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: the venous output point ({point} mm) is outside the images",
        ),
        "ctp_aif_not_enhancing": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: no vessel enhances at the arterial input point ({point} mm): peak "
            "{peak} HU, at least {threshold} HU needed",
        ),
        "ctp_vof_not_enhancing": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: no vessel enhances at the venous output point ({point} mm): peak "
            "{peak} HU, at least {threshold} HU needed",
        ),
        "ctp_no_brain": QCoreApplication.translate(
            "ViewerWarnings",
            "CT perfusion: no brain tissue found (pre-contrast {low} to {high} HU)",
        ),
        "ctp_motion": QCoreApplication.translate(
            "ViewerWarnings",
            "motion: {count} frame(s) excluded ({frames}): their decorrelation from the "
            "series exceeds {limit}",
        ),
        "ctp_truncated_vof": QCoreApplication.translate(
            "ViewerWarnings",
            "truncated bolus: the venous output is still at {percent} % of its peak at the "
            "last frame ({time} s); CBF and CBV may be underestimated",
        ),
        "ctp_truncated_aif": QCoreApplication.translate(
            "ViewerWarnings",
            "truncated bolus: the arterial input is still at {percent} % of its peak at the "
            "last frame ({time} s); CBF and CBV may be underestimated",
        ),
        "ctp_no_vof": QCoreApplication.translate(
            "ViewerWarnings",
            "no venous output found: the arterial input is not rescaled for partial volume",
        ),
        "adc_units_header": QCoreApplication.translate(
            "ViewerWarnings", "ADC units {units} (from {source})"
        ),
        "adc_units_values": QCoreApplication.translate(
            "ViewerWarnings",
            "ADC units {units}: not stated in the header, decided from the values (typical "
            "brain value {typical} as stored)",
        ),
        "adc_units_disagree": QCoreApplication.translate(
            "ViewerWarnings",
            "ADC units: {source} says {header} but the values (typical brain value {typical} "
            "as stored) fit {units}: {units} used",
        ),
        "adc_units_assumed": QCoreApplication.translate(
            "ViewerWarnings",
            "ADC units not stated in the header: {units} assumed (vendor convention for ADC maps)",
        ),
        "adc_units_given": QCoreApplication.translate(
            "ViewerWarnings", "ADC units: stored values × {factor} = 10^-6 mm2/s (given)"
        ),
        "adc_implausible": QCoreApplication.translate(
            "ViewerWarnings",
            "typical brain ADC {typical} × 10^-6 mm2/s lies outside 400 to 1600: check the "
            "ADC units ({units})",
        ),
        "adc_no_brain": QCoreApplication.translate(
            "ViewerWarnings", "no brain found on the ADC map: no ADC core measured"
        ),
        "adc_not_loaded": QCoreApplication.translate(
            "ViewerWarnings",
            "the ADC map is incomplete: slice(s) {slices} of {total} not loaded; "
            "no ADC core measured (it would be underestimated)",
        ),
        "flair_mirror_small": QCoreApplication.translate(
            "ViewerWarnings",
            "DWI–FLAIR mismatch not assessable: the mirror region holds too little brain "
            "tissue ({kept} of {total} voxels: CSF, outside the brain or outside the FLAIR)",
        ),
        "flair_no_signal": QCoreApplication.translate(
            "ViewerWarnings",
            "DWI–FLAIR mismatch not assessable: no usable FLAIR signal (mean {lesion} in the "
            "lesion, {mirror} in the mirror region)",
        ),
        "flair_missing": QCoreApplication.translate(
            "ViewerWarnings", "DWI–FLAIR mismatch not assessable: no FLAIR"
        ),
        "flair_no_lesion": QCoreApplication.translate(
            "ViewerWarnings", "DWI–FLAIR mismatch not assessable: no DWI lesion (ADC core 0 mL)"
        ),
        "flair_midline": QCoreApplication.translate(
            "ViewerWarnings",
            "DWI–FLAIR mismatch not assessable: the DWI lesion crosses the midline",
        ),
        "flair_other_frame": QCoreApplication.translate(
            "ViewerWarnings",
            "DWI–FLAIR mismatch not assessable: FLAIR and ADC are in different frames of reference",
        ),
        "flair_outside": QCoreApplication.translate(
            "ViewerWarnings",
            "DWI–FLAIR mismatch not assessable: the DWI lesion lies outside the FLAIR",
        ),
        "flair_dwi_not_bright": QCoreApplication.translate(
            "ViewerWarnings",
            "the ADC core is not bright on DWI b1000 (ratio {ratio} to the mirror region): "
            "check for an artefact",
        ),
        "analysis_nothing": QCoreApplication.translate(
            "ViewerWarnings", "nothing to analyse: {found}"
        ),
        "analysis_found_nothing": QCoreApplication.translate("ViewerWarnings", "no DICOM series"),
        "analysis_found_series": QCoreApplication.translate(
            "ViewerWarnings", "{kind} series {description} ({images} images)"
        ),
        "analysis_series": QCoreApplication.translate(
            "ViewerWarnings", "{kind} series {uid} ({description})"
        ),
        "analysis_short_time_points": QCoreApplication.translate(
            "ViewerWarnings", "time point(s) {points}: {have} of {expected} slices"
        ),
        "analysis_unequal_positions": QCoreApplication.translate(
            "ViewerWarnings",
            "its slice positions hold unequal numbers of images ({counts}): images are missing",
        ),
        "analysis_no_time": QCoreApplication.translate(
            "ViewerWarnings", "no acquisition time nor temporal position: cannot order the phases"
        ),
        "analysis_phase_geometry": QCoreApplication.translate(
            "ViewerWarnings", "the phase series do not share one geometry: {why}"
        ),
        "analysis_not_loaded": QCoreApplication.translate(
            "ViewerWarnings", "slices that could not be read (time point/slice): {which}"
        ),
        "analysis_skipped_files": QCoreApplication.translate(
            "ViewerWarnings", "files skipped while reading the study: {files}"
        ),
        "analysis_single_phase": QCoreApplication.translate(
            "ViewerWarnings", "{series} holds a single time point: not analysed as a CT perfusion"
        ),
        "analysis_several": QCoreApplication.translate(
            "ViewerWarnings", "several {kind} series: {chosen} analysed, {others} not"
        ),
        "analysis_no_dwi": QCoreApplication.translate(
            "ViewerWarnings", "no DWI series: the DWI–FLAIR mismatch is not assessed"
        ),
        "analysis_no_flair": QCoreApplication.translate(
            "ViewerWarnings", "no FLAIR series: the DWI–FLAIR mismatch is not assessed"
        ),
        "analysis_dwi_without_adc": QCoreApplication.translate(
            "ViewerWarnings", "DWI without an ADC map: the ADC core is not computed"
        ),
        "analysis_failed": QCoreApplication.translate("ViewerWarnings", "{what}: {why}"),
        "analysis_temporal_gap": QCoreApplication.translate(
            "ViewerWarnings",
            "temporal position(s) {positions} missing",
        ),
        "analysis_fewer_time_points": QCoreApplication.translate(
            "ViewerWarnings",
            "{have} of {declared} time points (0020,0105 Number of Temporal Positions)",
        ),
        "analysis_time_gap": QCoreApplication.translate(
            "ViewerWarnings",
            "a gap of {gap} s after time point {point} (neighbouring steps about {step} s): "
            "time points are missing",
        ),
        "analysis_same_time": QCoreApplication.translate(
            "ViewerWarnings",
            "time points {points} have the same acquisition time",
        ),
        "analysis_phase_mix": QCoreApplication.translate(
            "ViewerWarnings",
            "the single-phase CT perfusion series are not one acquisition: {why}",
        ),
        "analysis_incomplete_volume": QCoreApplication.translate(
            "ViewerWarnings",
            "{what} is incomplete: slice(s) {slices} not loaded",
        ),
        "analysis_incomplete_flair": QCoreApplication.translate(
            "ViewerWarnings",
            "{what}: the DWI–FLAIR mismatch is not assessed",
        ),
        "analysis_several_studies": QCoreApplication.translate(
            "ViewerWarnings",
            "the folder holds several studies: {studies}; put one study per folder",
        ),
        "analysis_study": QCoreApplication.translate(
            "ViewerWarnings",
            "patient ID {patient}, study {description} of {date}",
        ),
        "analysis_point_unused": QCoreApplication.translate(
            "ViewerWarnings",
            "{options} given but no CT perfusion was analysed: not used",
        ),
    }


def warning_text(warning: str) -> str:
    """A warning of :mod:`viewer` (a :class:`viewer.notes.Note`) in the user's language;
    any other text as it is."""
    if not isinstance(warning, notes.Note):
        return warning
    if warning.code == "joined":
        return "; ".join(warning_text(reason) for reason in warning.params.values())
    template = _warning_templates().get(warning.code)
    if template is None:
        return str(warning)
    params = {k: warning_text(v) for k, v in warning.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(warning)


def series_label(label: str) -> str:
    """A series' label (``"series 2 (CT)"``, made by the code, no free text) in the user's
    language."""
    if label == "series" or label.startswith("series "):
        word = QCoreApplication.translate("ViewerWarnings", "series", "a series' label")
        return word + label[len("series") :]
    return label
