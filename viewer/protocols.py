"""Stroke display protocols as data (STYLE.md point 7).

A :class:`Protocol` maps series kinds (the ``kind`` of
:mod:`viewer.classify`: ``"ncct"``, ``"cta"``, ``"ctp"``, ``"dwi"``, ``"adc"``,
``"flair"`` …) to viewports, each with its default window preset, slab and
view, plus enter/exit hooks run on the shared :class:`~viewer.model.ViewerState`
when the protocol is switched to or away from. The hosting layer lays the
viewports out on a ``layout`` grid; viewports with the same ``link_group``
share one ``ViewerState`` (one crosshair, one window).

Order matters: :func:`choose_protocol` takes the first protocol, in
:data:`PROTOCOLS` order, that the study's series can feed — NCCT first
(haemorrhage decides thrombolysis), then CTA, MR stroke, CTP; the others stay
available through :func:`applicable_protocols`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.model import ViewerState

Hook = Callable[[ViewerState], None]

#: ``Viewport.series_kind`` that accepts a series of any kind (generic protocol).
ANY_KIND = "*"

#: Views a viewport can show.
VIEWPORT_VIEWS = ("axial", "coronal", "sagittal", "3d", "cine")


@dataclass(frozen=True)
class Viewport:
    """One pane of a protocol: which series it shows and how it starts."""

    series_kind: str
    view: str
    preset: str
    alternatives: tuple[str, ...] = ()
    slab_mode: str = "none"
    slab_mm: float = 0.0
    render_mode: str | None = None  # 3d viewports: "mip" or "vr"
    link_group: str = "main"
    title: str = ""

    def __post_init__(self) -> None:
        if self.view not in VIEWPORT_VIEWS:
            raise ValueError(f"unknown viewport view {self.view!r}")


@dataclass(frozen=True)
class Protocol:
    """A named arrangement of viewports for some series kinds."""

    name: str
    title: str
    viewports: tuple[Viewport, ...]
    layout: tuple[int, int]  # (rows, columns)
    on_enter: Hook | None = None
    on_exit: Hook | None = None

    @property
    def series_kinds(self) -> frozenset[str]:
        """Every series kind some viewport can show."""
        return frozenset(v.series_kind for v in self.viewports)

    def applies_to(self, kinds: Sequence[str]) -> bool:
        """True when at least one viewport has a series to show."""
        return bool(self.series_kinds & set(kinds))

    def viewports_for(self, kinds: Sequence[str]) -> tuple[Viewport, ...]:
        """The viewports whose series kind is present (the others stay empty)."""
        present = set(kinds)
        return tuple(
            v for v in self.viewports if v.series_kind in present or v.series_kind == ANY_KIND
        )

    def enter(self, state: ViewerState) -> None:
        """Run the enter hook (e.g. switch the slab on)."""
        if self.on_enter is not None:
            self.on_enter(state)

    def exit(self, state: ViewerState) -> None:
        """Run the exit hook (undo what enter set)."""
        if self.on_exit is not None:
            self.on_exit(state)


def _thin(state: ViewerState) -> None:
    state.set_slab("none", 0.0)


def _ncct_enter(state: ViewerState) -> None:
    state.set_slab("mean", 5.0)


def _cta_enter(state: ViewerState) -> None:
    state.set_slab("mip", 20.0)


_NCCT_WINDOWS = ("brain", "subdural", "bone")

NCCT = Protocol(
    name="ncct",
    title="Non-contrast CT",
    viewports=(
        Viewport("ncct", "axial", "stroke", _NCCT_WINDOWS, "mean", 5.0, title="Axial 5 mm"),
        Viewport("ncct", "coronal", "stroke", _NCCT_WINDOWS, "mean", 5.0, title="Coronal 5 mm"),
        Viewport("ncct", "sagittal", "stroke", _NCCT_WINDOWS, "mean", 5.0, title="Sagittal 5 mm"),
    ),
    layout=(1, 3),
    on_enter=_ncct_enter,
    on_exit=_thin,
)

CTA = Protocol(
    name="cta",
    title="CT angiography",
    viewports=(
        Viewport("cta", "axial", "angio", ("brain", "bone"), "mip", 20.0, title="Axial MIP 20 mm"),
        Viewport("cta", "coronal", "angio", ("brain", "bone"), "mip", 20.0, title="Coronal MIP"),
        Viewport("cta", "sagittal", "angio", ("brain", "bone"), "mip", 20.0, title="Sagittal MIP"),
        Viewport(  # volume rendering: a 3-D MIP of a head CTA shows mostly the skull
            "cta", "3d", "angio", (), render_mode="vr", link_group="3d", title="3D VR"
        ),
    ),
    layout=(2, 2),
    on_enter=_cta_enter,
    on_exit=_thin,
)

MR_STROKE = Protocol(
    name="mr-stroke",
    title="MR stroke (DWI / ADC / FLAIR)",
    viewports=(
        Viewport("dwi", "axial", "auto", ("dicom",), title="DWI b1000"),
        Viewport("adc", "axial", "auto", ("dicom",), title="ADC"),
        Viewport("flair", "axial", "auto", ("dicom",), title="FLAIR"),
    ),
    layout=(1, 3),
    on_enter=_thin,
)

CTP_SOURCE = Protocol(
    name="ctp",
    title="CT perfusion source images",
    viewports=(Viewport("ctp", "cine", "brain", ("angio", "dicom"), title="CTP over time"),),
    layout=(1, 1),
    on_enter=_thin,
)

GENERIC = Protocol(
    name="generic",
    title="Multiplanar",
    viewports=(
        Viewport(ANY_KIND, "axial", "dicom", ("auto",)),
        Viewport(ANY_KIND, "coronal", "dicom", ("auto",)),
        Viewport(ANY_KIND, "sagittal", "dicom", ("auto",)),
        Viewport(ANY_KIND, "3d", "dicom", ("auto",), render_mode="mip", link_group="3d"),
    ),
    layout=(2, 2),
    on_enter=_thin,
)

#: Stroke protocols in the order they are offered.
PROTOCOLS: tuple[Protocol, ...] = (NCCT, CTA, MR_STROKE, CTP_SOURCE)


def applicable_protocols(kinds: Sequence[str]) -> list[Protocol]:
    """The stroke protocols the study's series can feed, in :data:`PROTOCOLS` order."""
    return [p for p in PROTOCOLS if p.applies_to(kinds)]


def choose_protocol(kinds: Sequence[str]) -> Protocol:
    """The protocol to open a study with; :data:`GENERIC` when no stroke protocol fits."""
    found = applicable_protocols(kinds)
    return found[0] if found else GENERIC


def protocol_for_kind(kind: str) -> Protocol:
    """The protocol that shows a single series of ``kind`` (GENERIC when none)."""
    return choose_protocol([kind])
