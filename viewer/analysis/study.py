"""Finding what applies in a study, loading it, running the stroke analyses (issue #14).

:func:`analyse_study` reads a folder (:func:`viewer.dicom_folder.read_folder`), plans
every series from its headers (:func:`viewer.assembly.plan_series`) and picks:

- **CT perfusion**: a 4-D CT series (several time points, :attr:`SeriesPlan.four_d`)
  classified ``ctp``; or, failing one, several single-volume CT series classified
  ``ctp`` sharing one frame of reference and one geometry, one time point each, ordered
  by their acquisition time. Every time point must be complete: a missing or unreadable
  slice is an :class:`AnalysisInputError` naming what is missing (perfusion maps
  computed from holes would be wrong, not merely noisy). Analysed by
  :func:`viewer.analysis.perfusion.analyse_perfusion`.
- **ADC core**: a volume of kind ``adc`` (a series of its own, or the ADC part of a
  DWI series); its units are read from its header
  (:func:`viewer.analysis.adc.adc_units`) and :func:`viewer.analysis.adc.adc_core` runs.
- **DWI–FLAIR mismatch**: with the ADC core, the DWI volume of the highest b-value
  and a FLAIR volume (:func:`viewer.analysis.mismatch.dwi_flair`).

Nothing found is not an error: :class:`StudyAnalysis` then has every result ``None``
and a warning saying what the study holds. With several candidates of one kind, the
one with the most images (then the first by Series Number) is analysed, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydicom.dataset import Dataset

from viewer.analysis.results import (
    AdcCoreResult,
    DwiFlairResult,
    PerfusionResult,
    VoxelGrid,
)
from viewer.assembly import NotAVolume, SeriesPlan, VolumePlan
from viewer.dicom_folder import Series, read_folder
from viewer.frames import frames_of
from viewer.notes import Note, joined, note
from viewer.volume import Volume

Progress = Callable[[str, float], None]
Point = tuple[float, float, float]

#: How far (mm) the phases of a one-series-per-phase CT perfusion may disagree in
#: geometry (positions, voxel axes) and still be one 4-D acquisition.
PHASE_GEOMETRY_TOLERANCE_MM = 0.05


class AnalysisInputError(ValueError):
    """What the study holds cannot be analysed; ``args[0]`` is a :class:`Note` naming
    what is missing or corrupt."""


@dataclass
class StudyAnalysis:
    """The analyses of one study, and what the DICOM writers need of its sources."""

    perfusion: PerfusionResult | None = None
    adc: AdcCoreResult | None = None
    dwi_flair: DwiFlairResult | None = None
    warnings: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # every series seen, in words
    # Source headers per slice k of each analysed grid (the CTP's first time point, the
    # ADC volume): the Parametric Maps and Segmentations reference them.
    ctp_sources: list[Dataset] = field(default_factory=list)
    adc_sources: list[Dataset] = field(default_factory=list)
    # (0020,000D) of the analysed series (one study: several is an AnalysisInputError)
    study_instance_uid: str = ""

    @property
    def nothing_to_analyse(self) -> bool:
        return self.perfusion is None and self.adc is None and self.dwi_flair is None

    def summary(self) -> dict[str, Any]:
        """``summary.json``: sections only for what was analysed."""
        out: dict[str, Any] = {}
        if self.study_instance_uid and not self.nothing_to_analyse:
            out["study_instance_uid"] = self.study_instance_uid
        if self.perfusion is not None:
            ctp = self.perfusion.summary()
            if ctp.get("vof", 0) is None:
                del ctp["vof"]  # no venous output function: the key is omitted
            out["ctp"] = ctp
        if self.adc is not None:
            mr: dict[str, Any] = {
                "adc_core_ml": self.adc.core_ml,
                "adc_core_side": self.adc.side,
                "adc_units": self.adc.units_note,
                "adc_core_threshold": "ADC < 620 × 10^-6 mm2/s",
                "warnings": [str(w) for w in self.adc.warnings],
            }
            if self.dwi_flair is not None:
                mr["dwi_flair"] = self.dwi_flair.summary()
            out["mr"] = mr
        out["warnings"] = [str(w) for w in self.warnings]
        out["software"] = {"name": "StrokeLink", "version": software_version()}
        return out


def software_version() -> str:
    """The installed StrokeLink's version (``viewer`` cannot import ``app``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("strokelink")
    except PackageNotFoundError:
        return "unknown"


@dataclass
class _Candidate:
    series: Series
    plan: SeriesPlan
    volume: int  # index in plan.volumes (the first one for a 4-D series)

    @property
    def vplan(self) -> VolumePlan:
        return self.plan.volumes[self.volume]

    def words(self) -> Note:
        return note(
            "analysis_series",
            kind=self.vplan.kind.upper(),
            uid=self.series.series_instance_uid,
            description=self.series.description or "no description",
        )


@dataclass
class _Found:
    ctp_4d: list[_Candidate] = field(default_factory=list)
    ctp_phases: list[_Candidate] = field(default_factory=list)
    adc: list[_Candidate] = field(default_factory=list)
    dwi: list[_Candidate] = field(default_factory=list)
    flair: list[_Candidate] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)


def analyse_study(
    folder: Path,
    *,
    aif_lps: Point | None = None,
    vof_lps: Point | None = None,
    progress: Progress | None = None,
) -> StudyAnalysis:
    """Find what applies in ``folder`` and run it (see the module docstring).

    Raises :class:`AnalysisInputError` for an incomplete or corrupt CT perfusion, or a
    perfusion the engine refuses (e.g. ``aif_lps`` outside the volume).
    """
    report: Progress = progress or (lambda _stage, _fraction: None)
    report("reading", 0.0)
    scan = read_folder(folder)
    skipped = list(scan.warnings)
    found = _find(scan.series)
    analysis = StudyAnalysis(found=found.seen, study_instance_uid=_one_study(found))
    analysis.warnings.extend(skipped)

    ctp = _choose(found.ctp_4d, "CT perfusion", analysis.warnings)
    if ctp is not None:
        analysis.perfusion, analysis.ctp_sources = _perfusion_4d(
            ctp, skipped, aif_lps, vof_lps, report
        )
    elif len(found.ctp_phases) >= 2:
        _check_one_acquisition(found.ctp_phases)
        analysis.perfusion, analysis.ctp_sources = _perfusion_phases(
            found.ctp_phases, skipped, aif_lps, vof_lps, report
        )
    elif found.ctp_phases:
        analysis.warnings.append(note("analysis_single_phase", series=found.ctp_phases[0].words()))
    if analysis.perfusion is None and (aif_lps is not None or vof_lps is not None):
        given = [name for name, p in (("--aif", aif_lps), ("--vof", vof_lps)) if p is not None]
        analysis.warnings.append(note("analysis_point_unused", options="/".join(given)))

    adc = _choose(found.adc, "ADC", analysis.warnings)
    if adc is not None:
        report("ADC core", 0.9)
        analysis.adc, analysis.adc_sources = _adc(adc)
        dwi = _highest_b(found.dwi)
        flair = _choose(found.flair, "FLAIR", analysis.warnings)
        if dwi is None:
            analysis.warnings.append(note("analysis_no_dwi"))
        elif flair is None:
            analysis.warnings.append(note("analysis_no_flair"))
        else:
            from viewer.analysis.mismatch import dwi_flair

            report("DWI-FLAIR", 0.95)
            dwi_volume, flair_volume = _load(dwi), _load(flair)
            incomplete = _incomplete(dwi, dwi_volume) or _incomplete(flair, flair_volume)
            if incomplete is not None:
                analysis.warnings.append(note("analysis_incomplete_flair", what=incomplete))
            else:
                analysis.dwi_flair = dwi_flair(dwi_volume, analysis.adc, flair_volume)
    elif found.dwi:
        analysis.warnings.append(note("analysis_dwi_without_adc"))

    if analysis.nothing_to_analyse:
        seen = "; ".join(found.seen) if found.seen else note("analysis_found_nothing")
        analysis.warnings.insert(0, note("analysis_nothing", found=seen))
    report("done", 1.0)
    return analysis


def _find(series_list: Sequence[Series]) -> _Found:
    found = _Found()
    for series in series_list:
        try:
            plan = series.plan()
        except NotAVolume:
            found.seen.append(_seen(series, "not a volume"))
            continue
        kinds = sorted({v.kind for v in plan.volumes})
        found.seen.append(_seen(series, "/".join(k.upper() for k in kinds)))
        if plan.four_d and len(plan.volumes) >= 2:
            if plan.volumes[0].kind == "ctp" and plan.volumes[0].modality == "CT":
                found.ctp_4d.append(_Candidate(series, plan, 0))
            continue
        for n, vplan in enumerate(plan.volumes):
            candidate = _Candidate(series, plan, n)
            if vplan.kind == "ctp" and vplan.modality == "CT":
                _check_repeated_positions(candidate)
                found.ctp_phases.append(candidate)
            elif vplan.kind == "adc":
                found.adc.append(candidate)
            elif vplan.kind == "dwi":
                found.dwi.append(candidate)
            elif vplan.kind == "flair":
                found.flair.append(candidate)
    return found


def _seen(series: Series, kind: str) -> Note:
    return note(
        "analysis_found_series",
        kind=kind,
        description=repr(series.description) if series.description else "(no description)",
        images=series.instances,
    )


def _choose(candidates: list[_Candidate], kind: str, warnings: list[str]) -> _Candidate | None:
    if not candidates:
        return None
    ordered = sorted(candidates, key=lambda c: -c.series.instances)
    if len(ordered) > 1:
        others = joined([c.words() for c in ordered[1:]])
        warnings.append(
            note("analysis_several", kind=kind, chosen=ordered[0].words(), others=others)
        )
    return ordered[0]


def _highest_b(candidates: list[_Candidate]) -> _Candidate | None:
    def b_value(c: _Candidate) -> float:
        for source in c.vplan.sources:
            if source is not None and source.b_value is not None:
                return source.b_value
        match = re.search(r"b\s*=\s*(\d+(?:\.\d+)?)", c.vplan.label)
        return float(match.group(1)) if match else -1.0

    return max(candidates, key=b_value) if candidates else None


def _error(candidate: _Candidate, why: str) -> AnalysisInputError:
    return AnalysisInputError(note("analysis_failed", what=candidate.words(), why=why))


def _check_repeated_positions(candidate: _Candidate) -> None:
    """A perfusion series whose positions repeat unequally: a 4-D series with images
    missing (assembly then sees duplicates, not time points)."""
    headers = candidate.series.headers
    along: list[float] = []
    for n, ds in enumerate(headers):
        for frame in frames_of(ds, n):
            if frame.position is None or frame.orientation is None:
                return
            row, col = np.asarray(frame.orientation[:3]), np.asarray(frame.orientation[3:])
            along.append(float(np.dot(frame.position, np.cross(row, col))))
    _, counts = np.unique(np.round(np.asarray(along), 2), return_counts=True)
    if counts.size and counts.max() > 1 and counts.min() != counts.max():
        values, positions = np.unique(counts, return_counts=True)
        summary = ", ".join(
            f"{int(n)} position(s) with {int(c)}" for c, n in zip(values, positions, strict=True)
        )
        raise _error(candidate, note("analysis_unequal_positions", counts=summary))


def _with_skipped(why: str, skipped: list[str]) -> str:
    if not skipped:
        return why
    return joined([why, note("analysis_skipped_files", files=joined(skipped))])


def _perfusion_4d(
    candidate: _Candidate,
    skipped: list[str],
    aif_lps: Point | None,
    vof_lps: Point | None,
    report: Progress,
) -> tuple[PerfusionResult, list[Dataset]]:
    plan = candidate.plan
    _check_time_points(candidate, skipped)
    expected = max(v.shape[0] for v in plan.volumes)
    short = [
        (t, sum(s is not None for s in v.sources))
        for t, v in enumerate(plan.volumes)
        if sum(s is not None for s in v.sources) < expected
    ]
    if short:
        have = sorted({h for _, h in short})
        why = note(
            "analysis_short_time_points",
            points=", ".join(str(t + 1) for t, _ in short),
            have="/".join(str(h) for h in have),
            expected=expected,
        )
        raise _error(candidate, _with_skipped(why, skipped))
    shapes = {v.shape for v in plan.volumes}
    if len(shapes) > 1:
        raise _error(candidate, note("analysis_phase_geometry", why=f"shapes {sorted(shapes)}"))
    times = plan.times
    if times is None:
        raise _error(candidate, note("analysis_no_time"))
    _check_time_steps(candidate, [float(t) for t in times])
    report("loading CT perfusion", 0.05)
    assembly = candidate.series.assemble()
    volumes = assembly.volumes
    _check_loaded(candidate, volumes, assembly.warnings, skipped)
    sources = _sources(candidate.series.headers, plan.volumes[0])
    return _run_perfusion(
        candidate,
        volumes,
        [float(t) for t in times],
        sources,
        aif_lps=aif_lps,
        vof_lps=vof_lps,
        report=report,
    )


def _perfusion_phases(
    candidates: list[_Candidate],
    skipped: list[str],
    aif_lps: Point | None,
    vof_lps: Point | None,
    report: Progress,
) -> tuple[PerfusionResult, list[Dataset]]:
    first = candidates[0]
    times: list[float] = []
    for candidate in candidates:
        acquired = [s.acquisition_s for s in candidate.vplan.sources if s is not None]
        if not acquired or any(t is None for t in acquired):
            raise _error(candidate, note("analysis_no_time"))
        times.append(min(float(t) for t in acquired if t is not None))
    order = np.argsort(times, kind="stable")
    ordered = [candidates[int(n)] for n in order]
    start = min(times)
    ordered_times = [times[int(n)] - start for n in order]
    reference = ordered[0].vplan
    _check_time_steps(ordered[0], ordered_times)
    for candidate in ordered[1:]:
        v = candidate.vplan
        why = ""
        if v.frame_of_reference_uid != reference.frame_of_reference_uid:
            why = "frames of reference differ"
        elif v.shape != reference.shape:
            why = f"shapes {reference.shape} and {v.shape}"
        elif np.abs(v.affine - reference.affine).max() > PHASE_GEOMETRY_TOLERANCE_MM:
            why = "slice positions or voxel axes differ"
        if why:
            raise _error(candidate, note("analysis_phase_geometry", why=why))
        if v.missing:
            raise _error(
                candidate,
                _with_skipped(
                    note(
                        "analysis_short_time_points",
                        points=str(ordered.index(candidate) + 1),
                        have=str(len(v.sources) - len(v.missing)),
                        expected=len(v.sources),
                    ),
                    skipped,
                ),
            )
    volumes = []
    for n, candidate in enumerate(ordered):
        report("loading CT perfusion", 0.05 + 0.25 * n / len(ordered))
        assembly = candidate.series.assemble()
        volume = assembly.volumes[candidate.volume]
        _check_loaded(candidate, [volume], assembly.warnings, skipped)
        volumes.append(volume)
    sources = _sources(ordered[0].series.headers, reference)
    del first
    return _run_perfusion(
        ordered[0],
        volumes,
        ordered_times,
        sources,
        aif_lps=aif_lps,
        vof_lps=vof_lps,
        report=report,
    )


def _check_loaded(
    candidate: _Candidate, volumes: list[Volume], warnings: list[str], skipped: list[str]
) -> None:
    bad = [
        f"{t + 1}/{int(k) + 1}"
        for t, v in enumerate(volumes)
        if v.loaded is not None
        for k in np.flatnonzero(~v.loaded)
    ]
    if bad:
        why = note(
            "analysis_not_loaded", which=", ".join(bad[:10]) + (" …" if len(bad) > 10 else "")
        )
        raise _error(
            candidate, _with_skipped(joined([why, *warnings]) if warnings else why, skipped)
        )


def _sources(headers: list[Dataset], vplan: VolumePlan) -> list[Dataset]:
    """The source header of each slice k (single-frame instances; a multi-frame one
    repeats)."""
    return [headers[s.dataset_index] for s in vplan.sources if s is not None]


def _grid(volume: Volume) -> VoxelGrid:
    return VoxelGrid(
        shape=volume.shape,
        affine=volume.affine.copy(),
        frame_of_reference_uid=volume.frame_of_reference_uid,
    )


def _run_perfusion(
    candidate: _Candidate,
    volumes: list[Volume],
    times: list[float],
    sources: list[Dataset],
    *,
    aif_lps: Point | None,
    vof_lps: Point | None,
    report: Progress,
) -> tuple[PerfusionResult, list[Dataset]]:
    from viewer.analysis.perfusion import PerfusionError, analyse_perfusion

    frames = np.stack([v.array.astype(np.float32, copy=False) for v in volumes])
    grid = _grid(volumes[0])

    def engine_progress(fraction: float) -> None:
        report("CT perfusion", 0.3 + 0.6 * fraction)

    report("CT perfusion", 0.3)
    try:
        result = analyse_perfusion(
            frames,
            times,
            grid,
            aif_lps=aif_lps,
            vof_lps=vof_lps,
            progress=engine_progress,
        )
    except PerfusionError as error:
        why = error.args[0] if error.args else str(error)
        raise _error(candidate, why) from error
    if not result.series_instance_uid:
        result.series_instance_uid = candidate.series.series_instance_uid
    if not result.source_sop_instance_uids:
        result.source_sop_instance_uids = [str(ds.SOPInstanceUID) for ds in sources]
    return result, sources


def _load(candidate: _Candidate) -> Volume:
    return candidate.series.assemble().volumes[candidate.volume]


def _adc(candidate: _Candidate) -> tuple[AdcCoreResult, list[Dataset]]:
    from viewer.analysis.adc import adc_core, adc_units

    volume = _load(candidate)
    incomplete = _incomplete(candidate, volume)
    if incomplete is not None:
        raise AnalysisInputError(incomplete)
    sources = _sources(candidate.series.headers, candidate.vplan)
    factor, units_note = adc_units(
        sources[0] if sources else candidate.series.headers[0], volume.array
    )
    result = adc_core(volume, factor=factor, units_note=units_note)
    if not result.series_instance_uid:
        result.series_instance_uid = candidate.series.series_instance_uid
    if not result.source_sop_instance_uids:
        result.source_sop_instance_uids = [str(ds.SOPInstanceUID) for ds in sources]
    return result, sources


def _incomplete(candidate: _Candidate, volume: Volume) -> Note | None:
    """Names the slices of ``volume`` that are missing from its series or were not
    loaded (a partly retrieved or unreadable series); None when it is complete."""
    missing = set(candidate.vplan.missing)
    if volume.loaded is not None:
        missing.update(int(k) for k in np.flatnonzero(~volume.loaded))
    if not missing:
        return None
    slices = sorted(k + 1 for k in missing)
    which = ", ".join(str(k) for k in slices[:10]) + (" …" if len(slices) > 10 else "")
    return note(
        "analysis_incomplete_volume",
        what=candidate.words(),
        slices=f"{which} of {candidate.vplan.shape[0]}",
    )


def _check_time_points(candidate: _Candidate, skipped: list[str]) -> None:
    """A 4-D series' time points against its (0020,0100) Temporal Position Identifiers
    (no gap) and its (0020,0105) Number of Temporal Positions (none fewer)."""
    plan = candidate.plan
    positions: list[int] = []
    for v in plan.volumes:
        found = [s.temporal_position for s in v.sources if s is not None]
        known = [p for p in found if p is not None]
        if known:
            positions.append(min(known))
    if len(positions) == len(plan.volumes) and positions:
        present = set(positions)
        gaps = sorted(set(range(min(present), max(present) + 1)) - present)
        if min(present) > 1:
            gaps = sorted(set(range(1, min(present))) | set(gaps))
        if gaps:
            shown = ", ".join(str(p) for p in gaps[:10]) + (" …" if len(gaps) > 10 else "")
            why = note("analysis_temporal_gap", positions=shown)
            raise _error(candidate, _with_skipped(why, skipped))
    declared = _declared_time_points(candidate.series.headers)
    if declared is not None and len(plan.volumes) < declared:
        why = note("analysis_fewer_time_points", have=len(plan.volumes), declared=declared)
        raise _error(candidate, _with_skipped(why, skipped))


def _declared_time_points(headers: list[Dataset]) -> int | None:
    values = set()
    for ds in headers:
        value = ds.get("NumberOfTemporalPositions")
        try:
            if value not in (None, ""):
                values.add(int(value))
        except (TypeError, ValueError):
            continue
    return max(values) if values else None


#: A step between time points this many times longer than the neighbouring steps (on
#: both sides where there are some) means time points are missing. Protocols that
#: slow their sampling after the bolus (e.g. 1 s, then 3 s) change the step once and
#: keep it, so the steps after the change are the neighbours of the longer steps; a
#: missing phase doubles one step in a row of equal ones.
TIME_GAP_FACTOR = 1.75


def _check_time_steps(candidate: _Candidate, times: list[float]) -> None:
    problem = time_step_problem(times)
    if problem is not None:
        raise _error(candidate, problem)


def time_step_problem(times: list[float]) -> Note | None:
    """What is wrong with the times (s) of a CT perfusion's time points, ordered: two at
    one time, or a step far longer than its neighbours (:data:`TIME_GAP_FACTOR`);
    None when nothing is."""
    steps = np.diff(np.asarray(times, dtype=np.float64))
    same = np.flatnonzero(steps <= 1e-3)
    if same.size:
        n = int(same[0])
        return note("analysis_same_time", points=f"{n + 1} and {n + 2}")
    for n, step in enumerate(steps):
        before, after = steps[max(0, n - 3) : n], steps[n + 1 : n + 4]
        medians = [float(np.median(side)) for side in (before, after) if side.size]
        if medians and step > TIME_GAP_FACTOR * max(medians):
            return note(
                "analysis_time_gap", gap=f"{step:.1f}", point=n + 1, step=f"{max(medians):.1f}"
            )
    return None


def _check_one_acquisition(candidates: list[_Candidate]) -> None:
    """Single-volume CT perfusion series are phases of one acquisition only when they
    share their Series Description (else Protocol Name) and their Acquisition Numbers,
    where given, are distinct."""

    def label(c: _Candidate) -> str:
        header = c.series.headers[0] if c.series.headers else Dataset()
        return str(header.get("SeriesDescription", "") or header.get("ProtocolName", ""))

    labels = sorted({label(c) for c in candidates})
    if len(labels) > 1:
        why = "descriptions " + ", ".join(repr(x) for x in labels)
        raise AnalysisInputError(note("analysis_phase_mix", why=why))
    numbers = []
    for c in candidates:
        found = {s.acquisition_number for s in c.vplan.sources if s is not None}
        numbers.append(found.pop() if len(found) == 1 else None)
    known = [n for n in numbers if n is not None]
    if len(known) == len(numbers) and len(set(known)) < len(known):
        repeated = sorted({n for n in known if known.count(n) > 1})
        why = "acquisition number(s) " + ", ".join(str(n) for n in repeated) + " repeated"
        raise AnalysisInputError(note("analysis_phase_mix", why=why))


def _one_study(found: _Found) -> str:
    """The Study Instance UID of every candidate series; several patients or studies
    is an :class:`AnalysisInputError` naming them."""
    studies: dict[tuple[str, str, str], Dataset] = {}
    for group in (found.ctp_4d, found.ctp_phases, found.adc, found.dwi, found.flair):
        for candidate in group:
            if not candidate.series.headers:
                continue
            header = candidate.series.headers[0]
            key = (
                str(header.get("PatientID", "")),
                str(header.get("IssuerOfPatientID", "")),
                str(header.get("StudyInstanceUID", "")),
            )
            studies.setdefault(key, header)
    if len(studies) > 1:
        named: list[str] = [
            note(
                "analysis_study",
                patient=key[0] or "(none)",
                description=repr(str(h.get("StudyDescription", "") or "(no description)")),
                date=str(h.get("StudyDate", "") or "(no date)"),
            )
            for key, h in sorted(studies.items())
        ]
        raise AnalysisInputError(note("analysis_several_studies", studies=joined(named)))
    return next(iter(studies))[2] if studies else ""
