"""Splitting a series into the parts that can each become one volume.

A DICOM series often holds several volumes at the same positions, which are
not duplicates:

* DWI: one volume per (0018,9087) Diffusion b-value (and gradient direction);
  ADC and TRACE images may share a series, told apart by (0008,0008) Image
  Type;
* multi-echo MR: one volume per (0018,0086) Echo Number;
* CT perfusion: one volume per time point, from (0020,0100) Temporal Position
  Identifier (or (0020,9128) Temporal Position Index) or, failing those, from
  the acquisition times of slices that repeat at the same position
  ((0008,002A) Acquisition DateTime, (0008,0032) Acquisition Time, (0018,1060)
  Trigger Time).

So the series is split first — by content, then by plane and size, then by
time — and duplicates are looked for only inside each part. A split by plane
or size is abnormal and reported as a warning; the others are normal and only
named in each part's label.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import numpy as np

from viewer.frames import FrameHeader
from viewer.geometry import IrregularGeometry, orientation_of, plane_name, same_orientation
from viewer.notes import note

# Order in which descriptors appear in a part's label.
_LABEL_ORDER = ("type", "b", "direction", "echo", "stack", "plane", "size", "time")


@dataclass
class FramePart:
    """Frames that may become one volume, with what tells them from their siblings."""

    frames: list[FrameHeader]
    descriptors: dict[str, str] = field(default_factory=dict)
    time_s: float | None = None
    label: str = ""


@dataclass
class SeriesSplit:
    """Parts of a series; ``four_d`` when its parts are time points of one stack."""

    parts: list[FramePart]
    warnings: list[str]
    four_d: bool = False


def split_by_content(frames: list[FrameHeader]) -> list[FramePart]:
    """Split by image type, b-value, gradient direction, echo and stack."""

    def key(f: FrameHeader) -> Hashable:
        b = None if f.b_value is None else round(f.b_value)
        direction = f.gradient if b else None
        return (f.image_type, b, direction, f.echo, f.stack_id)

    groups = sorted(_group(frames, key), key=lambda g: _content_order(g[0]))
    parts = [FramePart(frames=g) for g in groups]
    if len(parts) < 2:
        return parts
    types = [p.frames[0].image_type for p in parts]
    common = set(types[0]).intersection(*map(set, types[1:]))
    for part in parts:
        first = part.frames[0]
        own = [v for v in first.image_type if v not in common]
        if own:
            part.descriptors["type"] = "\\".join(own)
        if first.b_value is not None:
            part.descriptors["b"] = f"b={first.b_value:g}"
        if first.gradient is not None and first.b_value:
            x, y, z = first.gradient
            part.descriptors["direction"] = f"direction ({x:g}, {y:g}, {z:g})"
        if first.echo is not None:
            part.descriptors["echo"] = f"echo {first.echo:g}"
        if first.stack_id is not None:
            part.descriptors["stack"] = f"stack {first.stack_id}"
    return parts


def split_by_geometry(part: FramePart, *, orientation_tolerance: float) -> SeriesSplit:
    """Split by (0020,0037) orientation, (0028,0010/0011) size and (0028,0030) spacing."""
    orientations: list[tuple[float, ...]] = []

    def orientation_id(f: FrameHeader) -> int:
        assert f.orientation is not None
        for n, known in enumerate(orientations):
            if same_orientation(known, f.orientation, orientation_tolerance=orientation_tolerance):
                return n
        orientations.append(f.orientation)
        return len(orientations) - 1

    def key(f: FrameHeader) -> Hashable:
        spacing = None if f.pixel_spacing is None else tuple(round(s, 4) for s in f.pixel_spacing)
        return (orientation_id(f), f.rows, f.columns, spacing)

    groups = _group(part.frames, key)
    if len(groups) == 1:
        return SeriesSplit(parts=[part], warnings=[])
    groups.sort(key=lambda g: (-len(g), g[0].orientation, -g[0].rows, -g[0].columns))
    warnings: list[str] = []
    planes = []
    for group in groups:
        assert group[0].orientation is not None
        try:
            planes.append(plane_name(orientation_of(group[0].orientation).normal))
        except IrregularGeometry:
            planes.append("invalid orientation")
    sizes = [_size_text(g[0]) for g in groups]
    if len(orientations) > 1:
        warnings.append(
            note("mixed_orientations", planes=", ".join(sorted(set(planes))), count=len(groups))
        )
    if len(set(sizes)) > 1:
        warnings.append(note("mixed_sizes", sizes=", ".join(sorted(set(sizes))), count=len(groups)))
    parts = []
    for group, plane, size in zip(groups, planes, sizes, strict=True):
        descriptors = dict(part.descriptors)
        descriptors["plane"] = plane
        descriptors["size"] = size
        parts.append(FramePart(frames=group, descriptors=descriptors))
    return SeriesSplit(parts=parts, warnings=warnings)


def split_by_time(part: FramePart, *, position_tolerance_mm: float) -> SeriesSplit:
    """Split a single-geometry part into time points (4-D), when it is one.

    With a (0020,0100) Temporal Position Identifier taking several values, each
    value is a time point. Otherwise, when every position holds the same
    number M > 1 of slices and their acquisition times differ, the m-th
    acquisition at each position belongs to time point m. Anything else is
    left alone (repeated positions are then duplicates, reported later).
    """
    frames = part.frames
    temporal = {f.temporal_position for f in frames}
    groups: list[list[FrameHeader]] | None
    if len(temporal) > 1 and None not in temporal:
        groups = _group(sorted(frames, key=lambda f: f.temporal_position or 0), _temporal_key)
    else:
        groups = _groups_by_repetition(frames, position_tolerance_mm)
    if groups is None:
        return SeriesSplit(parts=[part], warnings=[])
    times = [_time_of(g) for g in groups]
    start = times[0]
    parts = []
    for n, (group, time) in enumerate(zip(groups, times, strict=True)):
        descriptors = dict(part.descriptors)
        relative = None if time is None or start is None else time - start
        descriptors["time"] = f"t={relative:.1f} s" if relative is not None else f"time {n + 1}"
        parts.append(FramePart(frames=group, descriptors=descriptors, time_s=relative))
    return SeriesSplit(parts=parts, warnings=[], four_d=True)


def label_parts(parts: list[FramePart]) -> None:
    """Set each part's label from the descriptors that differ between parts."""
    for part in parts:
        words = []
        for name in _LABEL_ORDER:
            values = {p.descriptors.get(name) for p in parts}
            if len(values) > 1 and part.descriptors.get(name):
                words.append(part.descriptors[name])
        part.label = " ".join(words)


def _temporal_key(f: FrameHeader) -> Hashable:
    return f.temporal_position


def _groups_by_repetition(
    frames: list[FrameHeader], position_tolerance_mm: float
) -> list[list[FrameHeader]] | None:
    """The m-th acquisition at every position forms time point m, if consistent."""
    if any(f.position is None or f.orientation is None for f in frames):
        return None
    try:
        normal = orientation_of(frames[0].orientation or ()).normal
    except IrregularGeometry:
        return None
    along = np.array([np.dot(f.position or (0, 0, 0), normal) for f in frames])
    order = np.argsort(along, kind="stable")
    stacks: list[list[FrameHeader]] = []
    last = None
    for n in order:
        if last is None or along[n] - last > position_tolerance_mm:
            stacks.append([])
        stacks[-1].append(frames[n])
        last = along[n]
    repeats = {len(s) for s in stacks}
    if len(repeats) != 1 or repeats == {1}:
        return None
    count = repeats.pop()
    time_key = _time_key(frames)
    if time_key is None:
        return None
    groups: list[list[FrameHeader]] = [[] for _ in range(count)]
    for stack in stacks:
        keys = [time_key(f) for f in stack]
        if len(set(keys)) != count:
            return None
        for m, frame in enumerate(sorted(stack, key=time_key)):
            groups[m].append(frame)
    return groups


def _acquisition(f: FrameHeader) -> float | None:
    return f.acquisition_s


def _trigger(f: FrameHeader) -> float | None:
    return f.trigger_s


def _acquisition_number(f: FrameHeader) -> float | None:
    return None if f.acquisition_number is None else float(f.acquisition_number)


def _time_key(frames: list[FrameHeader]) -> Callable[[FrameHeader], float] | None:
    """The first time attribute that every frame has: acquisition, trigger, number."""
    for getter in (_acquisition, _trigger, _acquisition_number):
        if all(getter(f) is not None for f in frames):
            return _TimeKey(getter)
    return None


@dataclass(frozen=True)
class _TimeKey:
    getter: Callable[[FrameHeader], float | None]

    def __call__(self, f: FrameHeader) -> float:
        value = self.getter(f)
        return 0.0 if value is None else value


def _content_order(f: FrameHeader) -> tuple[float, float, str, str, str]:
    """Stable order of content parts: by b-value, echo, image type, stack, direction."""
    return (
        -1.0 if f.b_value is None else f.b_value,
        -1.0 if f.echo is None else f.echo,
        "\\".join(f.image_type),
        f.stack_id or "",
        str(f.gradient),
    )


def _time_of(frames: list[FrameHeader]) -> float | None:
    """Time of a time point: its earliest acquisition, else trigger time, in seconds."""
    for values in (
        [f.acquisition_s for f in frames],
        [f.trigger_s for f in frames],
    ):
        known = [v for v in values if v is not None]
        if known:
            return min(known)
    return None


def _size_text(f: FrameHeader) -> str:
    text = f"{f.columns}×{f.rows}"
    if f.pixel_spacing is not None:
        text += f" at {f.pixel_spacing[1]:g}×{f.pixel_spacing[0]:g} mm"
    return text


def _group(
    frames: list[FrameHeader], key: Callable[[FrameHeader], Hashable]
) -> list[list[FrameHeader]]:
    """Group frames by key, groups in order of first appearance."""
    groups: dict[Hashable, list[FrameHeader]] = {}
    for frame in frames:
        groups.setdefault(key(frame), []).append(frame)
    return list(groups.values())
