"""The findings form of the opinion panel: every field of the opinion, keyboard first.

:class:`OpinionForm` takes the :class:`app.reading.session.OpinionSession` in
its constructor, sends each user change to it, and redraws itself from
``session.opinion`` in :meth:`OpinionForm.refresh` (STYLE.md point 2: no state
is read back out of the widgets). Every finding is a
:class:`~app.ui.opinion.controls.Choice` that starts on "Not assessed". The
details of a finding (haemorrhage types, occluded vessels, …) show only when
it is present. Labels carry mnemonics (Alt+letter focuses the field) and the
widgets are created in reading order, which is the Tab order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QRegularExpression, QSignalBlocker, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.opinion import model as m
from app.opinion.analysis import Offer
from app.reading.session import OpinionSession
from app.ui.opinion import words as w
from app.ui.opinion.controls import NEUTRAL, OPEN, Choice, Option, Section
from app.ui.opinion.suggestion import SuggestionBar

Edit = Callable[[m.Opinion], None]
E = TypeVar("E")


def _lookup(o: m.Opinion, path: str) -> Any:
    value: Any = o
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _assign(o: m.Opinion, path: str, value: Any) -> None:
    owner, _, name = path.rpartition(".")
    setattr(_lookup(o, owner) if owner else o, name, value)


def _spin(suffix: str, maximum: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(1)
    spin.setRange(0.0, maximum)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(True)
    return spin


def _text(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(12 + 18 * lines)
    return edit


def _set_text(edit: QLineEdit | QPlainTextEdit, value: str) -> None:
    current = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
    if current != value:
        with QSignalBlocker(edit):
            if isinstance(edit, QLineEdit):
                edit.setText(value)
            else:
                edit.setPlainText(value)


class HirField(QLineEdit):
    """The HIR, a ratio from 0 to 1 to two decimals, or empty: "not given" (an explicit
    state: 0 is a value, shown 0.00). Either decimal mark is accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pattern = QRegularExpression(r"^(0([.,]\d{0,2})?|1([.,]0{0,2})?|[.,]\d{1,2})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setPlaceholderText(self.tr("not given"))
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(120)

    def value(self) -> float | None:
        """The ratio typed; None when empty (not given) or not a number yet."""
        text = self.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return None

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (0.00 for 0, empty for None) unless the text already reads it."""
        if value is None:
            _set_text(self, "")
        elif self.value() is None or abs(self.value() - value) > 1e-9:  # type: ignore[operator]
            _set_text(self, f"{value:.2f}")


def _check(box: QCheckBox, on: bool) -> None:
    with QSignalBlocker(box):
        box.setChecked(on)


def _spin_to(spin: QDoubleSpinBox, value: float) -> None:
    if abs(spin.value() - value) > 1e-9:
        with QSignalBlocker(spin):
            spin.setValue(value)


class OpinionForm(QWidget):
    """Every field of the opinion (module docstring); ``fields`` maps a field to its control."""

    def __init__(
        self,
        session: OpinionSession,
        on_error: Callable[[Exception], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opinion-form-body")
        self.session = session
        self.on_error = on_error
        self.fields: dict[str, QWidget] = {}
        self.choices: dict[str, Choice] = {}  # every finding, by field
        self.paths: dict[str, str] = {}  # field → its attribute path in the opinion
        self.suggestions: dict[str, SuggestionBar] = {}  # "perfusion", "mr" → its marker
        self.offer_notes: dict[str, list[str]] = {}  # what the last analysis kept or left out
        # The last analysis' warnings by section, in the user's language (None: not given,
        # the recorded English ones and the study's are shown).
        self.offer_warnings: dict[str, list[str] | None] = {}
        self.study_warnings: list[str] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)
        self._build_series()
        self._build_haemorrhage()
        self._build_ischaemia()
        self._build_occlusion()
        self._build_perfusion()
        self._build_mr()
        self._build_other()
        self._build_recommendation()
        self.column.addStretch(1)
        self.refresh()

    # -- plumbing --------------------------------------------------------------------

    def _do(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except Exception as exc:  # shown by the panel's one error helper
            self.on_error(exc)
            self.refresh()

    def _edit(self, change: Edit) -> None:
        self._do(lambda: self.session.edit(change))

    def _choice(self, key: str, options: list[Option], path: str, **kw: Any) -> Choice:
        """A finding's choice for ``key`` (the field to focus), bound to ``path`` in the model."""
        choice = Choice(options, self, **kw)
        choice.chosen.connect(lambda value: self._edit(lambda o: _assign(o, path, value)))
        self.choices[key] = choice
        self.paths[key] = path
        self.fields[key] = choice
        return choice

    def _long_text(self, lines: int, name: str) -> QPlainTextEdit:
        """A text box of ``lines`` lines bound to the opinion's attribute ``name``."""
        edit = _text(lines)
        edit.textChanged.connect(lambda: self._edit(lambda o: setattr(o, name, edit.toPlainText())))
        return edit

    def _advice(self, s: Section, name: str, options: list[Option], label: str) -> None:
        """The recommendation's choice ``name`` (thrombolysis, thrombectomy), labelled."""
        path = f"recommendation.{name}"
        choice = self._choice(path, options, path, columns=2)
        s.row(QLabel(label), choice, above=True)

    def _advice_text(self, parent: QWidget, name: str) -> QLineEdit:
        """A line bound to the recommendation's text attribute ``name``."""
        edit = QLineEdit(parent)
        edit.textEdited.connect(lambda t: self._edit(lambda o: setattr(o.recommendation, name, t)))
        return edit

    def _section(self, title: str) -> Section:
        section = Section(title, self)
        self.column.addWidget(section)
        return section

    # -- sections --------------------------------------------------------------------

    def _build_series(self) -> None:
        self.series_section = self._section(self.tr("Series read"))
        self.series_box = QWidget(self.series_section)
        self.series_layout = QVBoxLayout(self.series_box)
        self.series_layout.setContentsMargins(0, 0, 0, 0)
        self.series_layout.setSpacing(2)
        self.series_checks: dict[str, QCheckBox] = {}
        self.no_series = QLabel(self.tr("The images are not listed yet."), self.series_box)
        self.no_series.setObjectName("hint")
        self.series_layout.addWidget(self.no_series)
        self.series_section.row(None, self.series_box)
        self.fields["series_read"] = self.series_box

    def _check_grid(
        self,
        parent: QWidget,
        items: Iterable[E],
        label: Callable[[E], str],
        setter: Callable[[E, bool], object],
    ) -> tuple[QGridLayout, dict[E, QCheckBox]]:
        """Two columns of check boxes, one per item; a toggle calls ``setter(item, on)``."""
        grid = QGridLayout(parent)
        grid.setContentsMargins(0, 0, 0, 0)
        boxes: dict[E, QCheckBox] = {}
        for i, item in enumerate(items):
            box = QCheckBox(label(item), parent)
            box.toggled.connect(lambda on, x=item: self._do(lambda: setter(x, on)))
            grid.addWidget(box, i // 2, i % 2)
            boxes[item] = box
        return grid, boxes

    def _build_haemorrhage(self) -> None:
        s = self._section(self.tr("&Haemorrhage"))
        s.headline(self._choice("haemorrhage", w.haemorrhage_options(), "haemorrhage.status"))
        self.haem_details = QWidget(s)
        _grid, self.haem_types = self._check_grid(
            self.haem_details, m.HaemorrhageType, w.value_word,
            self.session.drafting.set_haemorrhage_type,
        )  # fmt: skip
        self.fields["haemorrhage.types"] = self.haem_types[m.HaemorrhageType.INTRAPARENCHYMAL]
        self.haem_type_label = s.row(QLabel(self.tr("Type")), self.haem_details, above=True)
        self.haem_side = self._choice(
            "haemorrhage.side",
            w.side_options(self.tr("Not stated"), midline=True),
            "haemorrhage.side",
        )
        self.haem_side_label = QLabel(self.tr("Side"))
        s.row(self.haem_side_label, self.haem_side)
        self.abc_box = QWidget(s)
        line = QHBoxLayout(self.abc_box)
        line.setContentsMargins(0, 0, 0, 0)
        self.abc = [_spin(" mm", 300.0) for _ in range(3)]
        for letter, spin in zip("ABC", self.abc, strict=True):
            spin.setPrefix(f"{letter} ")
            spin.valueChanged.connect(self._abc_changed)
            line.addWidget(spin)
        self.abc_volume = QLabel(self.abc_box)
        self.abc_volume.setObjectName("score")
        line.addWidget(self.abc_volume)
        self.abc_label = QLabel(self.tr("Volume (ABC/2)"))
        self.abc_label.setToolTip(self.tr("From the viewer's ABC/2 measurement, or typed"))
        s.row(self.abc_label, self.abc_box)

    def _abc_changed(self) -> None:
        a, b, c = (spin.value() for spin in self.abc)
        abc = m.Abc(a, b, c) if min(a, b, c) > 0 else None
        self._edit(lambda o: setattr(o.haemorrhage, "abc", abc))

    def _build_ischaemia(self) -> None:
        s = self._section(self.tr("&Early ischaemic signs"))
        s.headline(self._choice("ischaemia", w.finding_options(), "ischaemia.early_signs"))
        self.early_side = self._choice(
            "ischaemia.side", w.side_options(self.tr("Not stated")), "ischaemia.side"
        )
        self.early_side_label = QLabel(self.tr("Side"))
        s.row(self.early_side_label, self.early_side)
        dense = self._choice(
            "ischaemia.hyperdense_artery", w.finding_options(), "ischaemia.hyperdense_artery"
        )
        s.row(QLabel(self.tr("H&yperdense artery")), dense)
        hemisphere = [Option(None, self.tr("Not scored"), OPEN),
                      Option(m.Side.LEFT, self.tr("Left"), NEUTRAL),
                      Option(m.Side.RIGHT, self.tr("Right"), NEUTRAL)]  # fmt: skip
        self.aspects_side = Choice(hemisphere, self)
        self.aspects_side.chosen.connect(
            lambda v: self._do(lambda: self.session.drafting.set_aspects_side(v))
        )
        self.fields["ischaemia.aspects"] = self.aspects_side
        self.aspects_label = s.row(QLabel(self.tr("&ASPECTS hemisphere")), self.aspects_side)
        grid_box = QWidget(s)
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        self.aspects_boxes: dict[m.AspectsRegion, QCheckBox] = {}
        layout = {"C": (0, 0), "L": (0, 1), "IC": (0, 2), "I": (0, 3),
                  "M1": (1, 0), "M2": (1, 1), "M3": (1, 2),
                  "M4": (2, 0), "M5": (2, 1), "M6": (2, 2)}  # fmt: skip
        for region in m.AspectsRegion:
            box = QCheckBox(region.value, grid_box)
            box.setToolTip(w.value_word(region))
            box.toggled.connect(
                lambda on, r=region: self._do(
                    lambda: self.session.drafting.set_aspects_region(r, on)
                )
            )
            grid.addWidget(box, *layout[region.value])
            self.aspects_boxes[region] = box
        self.aspects_score = QLabel(grid_box)
        self.aspects_score.setObjectName("score")
        grid.addWidget(self.aspects_score, 1, 3, 2, 1)
        tip = QLabel(self.tr("Tick the regions with early ischaemic change"), grid_box)
        tip.setObjectName("hint")
        grid.addWidget(tip, 3, 0, 1, 4)
        self.aspects_grid = grid_box
        s.row(None, grid_box)
        pc = [
            Option(False, self.tr("Not scored"), OPEN),
            Option(True, self.tr("Scored"), NEUTRAL),
        ]
        self.pc_scored = Choice(pc, self)
        self.pc_scored.chosen.connect(
            lambda v: self._do(lambda: self.session.drafting.set_pc_aspects_scored(bool(v)))
        )
        self.fields["ischaemia.pc_aspects"] = self.pc_scored
        self.pc_label = s.row(QLabel(self.tr("&pc-ASPECTS")), self.pc_scored)
        pc_box = QWidget(s)
        pc_grid, self.pc_boxes = self._check_grid(
            pc_box, m.PcAspectsRegion, w.value_word, self.session.drafting.set_pc_aspects_region
        )
        self.pc_score = QLabel(pc_box)
        self.pc_score.setObjectName("score")
        pc_grid.addWidget(self.pc_score, 4, 0, 1, 2)
        self.pc_box = pc_box
        s.row(None, pc_box)

    def _build_occlusion(self) -> None:
        s = self._section(self.tr("Vessel &occlusion"))
        status = Choice(w.occlusion_options(), self, columns=2)
        status.chosen.connect(
            lambda value: self._do(lambda: self.session.drafting.set_occlusion_statement(value))
        )
        self.choices["occlusion"] = self.fields["occlusion"] = status
        self.paths["occlusion"] = "occlusion.statement"  # shown; set through the session
        s.headline(status)
        self.sites_box = QWidget(s)
        grid = QGridLayout(self.sites_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.site_boxes: dict[m.OcclusionSite, QCheckBox] = {}
        self.site_sides: dict[m.OcclusionSite, Choice] = {}
        for i, site in enumerate(m.OcclusionSite):
            box = QCheckBox(w.value_word(site), self.sites_box)
            row, col = i % 5, 2 * (i // 5)
            grid.addWidget(box, row, col)
            self.site_boxes[site] = box
            if site not in m.MIDLINE_SITES:
                side = Choice(w.side_options(short=True), self.sites_box, compact=True)
                side.chosen.connect(lambda v, x=site: self._site(x, True, v))
                grid.addWidget(side, row, col + 1)
                self.site_sides[site] = side
            box.toggled.connect(lambda on, x=site: self._site(x, on, None))
        self.fields["occlusion.sites"] = self.site_boxes[m.OcclusionSite.CERVICAL_ICA]
        self.sites_label = s.row(QLabel(self.tr("Occluded vessels and side")), self.sites_box,
                                 above=True)  # fmt: skip
        tandem = self._choice("occlusion.tandem", w.finding_options(), "occlusion.tandem")
        s.row(QLabel(self.tr("Tandem lesion")), tandem)
        dissection = self._choice(
            "occlusion.dissection",
            w.finding_options(self.tr("No"), self.tr("Suspected")),
            "occlusion.dissection",
        )
        s.row(QLabel(self.tr("Dissection")), dissection)

    def _site(self, site: m.OcclusionSite, occluded: bool, side: m.Side | None) -> None:
        if occluded and side is None and site in self.site_sides:
            side = self.site_sides[site].value()
        self._do(lambda: self.session.drafting.set_occlusion_site(site, occluded, side))

    def _build_perfusion(self) -> None:
        s = self._section(self.tr("Pe&rfusion"))
        read = [
            Option(False, self.tr("Not read"), OPEN),
            Option(True, self.tr("Read"), NEUTRAL),
        ]
        self.perfusion_read = Choice(read, self)
        self.perfusion_read.chosen.connect(
            lambda v: self._do(lambda: self.session.drafting.set_perfusion(0.0, 0.0) if v
                               else self.session.drafting.set_perfusion(None, None))
        )  # fmt: skip
        self.fields["perfusion"] = self.perfusion_read
        s.headline(self.perfusion_read)
        self.perfusion_box = QWidget(s)
        line = QGridLayout(self.perfusion_box)
        line.setContentsMargins(0, 0, 0, 0)
        self.core = _spin(" mL", 1000.0)
        self.hypo = _spin(" mL", 2000.0)
        for spin in (self.core, self.hypo):
            spin.valueChanged.connect(self._perfusion_changed)
        line.addWidget(QLabel(self.tr("Core")), 0, 0)
        line.addWidget(self.core, 0, 1)
        line.addWidget(QLabel(self.tr("Hypoperfusion")), 1, 0)
        line.addWidget(self.hypo, 1, 1)
        self.hir = HirField(self.perfusion_box)
        self.hir.textEdited.connect(self._hir_edited)
        line.addWidget(QLabel(self.tr("HIR (Tmax > 10 s / Tmax > 6 s)")), 2, 0)
        line.addWidget(self.hir, 2, 1)
        self.penumbra = QLabel(self.perfusion_box)
        self.penumbra.setObjectName("score")
        line.addWidget(self.penumbra, 0, 2, 2, 1)
        s.row(None, self.perfusion_box)
        self.suggestions["perfusion"] = self._suggestion_bar(s, "perfusion")

    def _warnings_of(self, name: str, section: m.Perfusion | m.MrFindings | None) -> list[str]:
        given = self.offer_warnings.get(name)
        if given is not None:
            return given
        recorded = [] if section is None or section.measured is None else section.measured.warnings
        return list(dict.fromkeys([*recorded, *self.study_warnings]))

    def _hir_edited(self, text: str) -> None:
        """Empty: not given (a software HIR is then "removed by the radiologist"); a number
        once it reads as one ("0." is 0)."""
        value = self.hir.value()
        if text.strip() and value is None:
            return  # not a number yet
        self._do(lambda: self.session.drafting.set_hir(value))

    def _perfusion_changed(self) -> None:
        core, hypo = self.core.value(), self.hypo.value()
        self._do(lambda: self.session.drafting.set_perfusion(core, hypo))

    def _build_mr(self) -> None:
        self.mr_section = s = self._section(self.tr("MRI: DWI / FLAIR"))
        dwi = self._choice("mr.dwi_lesion", w.finding_options(), "mr.dwi_lesion")
        s.row(QLabel(self.tr("&DWI lesion")), dwi)
        self.dwi_volume = _spin(" mL", 2000.0)
        self.dwi_volume.setSpecialValueText(self.tr("not measured"))
        self.dwi_volume.valueChanged.connect(
            lambda v: self._edit(lambda o: setattr(o.mr, "dwi_volume_ml", v or None))
        )
        s.row(QLabel(self.tr("DWI volume")), self.dwi_volume)
        self.fields["mr.dwi_volume_ml"] = self.dwi_volume
        flair = self._choice("mr.flair_dwi_mismatch", w.finding_options(), "mr.flair_dwi_mismatch")
        s.row(QLabel(self.tr("DWI/FLAIR mismatch")), flair)
        self.suggestions["mr"] = self._suggestion_bar(s, "mr")

    def _suggestion_bar(self, s: Section, section: str) -> SuggestionBar:
        """The analysis' marker of ``section`` ("perfusion" or "mr") and its Confirm button."""
        bar = SuggestionBar(s)
        bar.confirm.clicked.connect(
            lambda _checked=False: self._do(
                lambda: self.session.drafting.confirm_suggestions(section)
            )
        )
        self.fields[f"{section}.measured"] = bar.confirm
        s.row(None, bar)
        return bar

    def show_offer(self, offer: Offer, warnings: Mapping[str, Sequence[str]] | None = None) -> None:
        """Say, by its section, what an analysis kept as the radiologist gave it or left out,
        and its warnings: ``warnings`` by section ("perfusion", "mr") in the user's language
        when given, else the summary's (English: the section's own and the study's)."""
        self.study_warnings = list(offer.warnings)
        for section in ("perfusion", "mr"):
            self.offer_warnings[section] = (
                None if warnings is None else list(warnings.get(section, []))
            )
            lines = [
                w.offer_line(line)
                for line in offer.kept + offer.notes
                if line.startswith((f"{section}.", f"{section}:"))
            ]
            self.offer_notes[section] = lines
        self.refresh()

    def _build_other(self) -> None:
        s = self._section(self.tr("Other findings and limitations"))
        self.other = self._long_text(2, "other_findings")
        self.fields["other_findings"] = self.other
        s.row(QLabel(self.tr("Other &findings")), self.other)
        box = QWidget(s)
        _grid, self.limit_boxes = self._check_grid(
            box, m.Limitation, w.value_word, self.session.drafting.set_limitation
        )
        self.fields["limitations"] = self.limit_boxes[m.Limitation.MOTION]
        s.row(QLabel(self.tr("&Limitations")), box)
        self.limits_text = QLineEdit(s)
        self.limits_text.setPlaceholderText(self.tr("Other limitation, in words"))
        self.limits_text.textEdited.connect(
            lambda t: self._edit(lambda o: setattr(o, "limitations_text", t))
        )
        s.row(None, self.limits_text, span=True)

    def _build_recommendation(self) -> None:
        s = self._section(self.tr("Conclusion and recommendation"))
        self.conclusion = self._long_text(3, "conclusion")
        self.fields["conclusion"] = self.conclusion
        s.row(QLabel(self.tr("&Conclusion")), self.conclusion)
        self._advice(s, "thrombolysis", w.thrombolysis_options(), self.tr("IV &thrombolysis"))
        self.lysis_reason = self._advice_text(s, "thrombolysis_reason")
        self.lysis_reason.setPlaceholderText(self.tr("Why: e.g. haemorrhage, extensive infarct"))
        self.fields["recommendation.thrombolysis_reason"] = self.lysis_reason
        self.lysis_reason_label = QLabel(self.tr("&Reason"))
        s.row(self.lysis_reason_label, self.lysis_reason)
        self._advice(s, "thrombectomy", w.thrombectomy_options(), self.tr("Throm&bectomy"))
        self.other_advice = self._advice_text(s, "other")
        s.row(QLabel(self.tr("Other advice")), self.other_advice)
        self.free_text = self._long_text(3, "free_text")
        s.row(QLabel(self.tr("Free te&xt")), self.free_text)
        phone = QWidget(s)
        line = QHBoxLayout(phone)
        line.setContentsMargins(0, 0, 0, 0)
        self.phoned_to = QLineEdit(phone)
        self.phoned_to.setPlaceholderText(self.tr("Dr …"))
        self.phoned_at = QTimeEdit(phone)
        self.phoned_at.setDisplayFormat("HH:mm")
        self.phoned_now = QPushButton(self.tr("Now"), phone)
        self.phoned_now.setAutoDefault(False)
        self.phoned_day = QLabel(phone)  # the date the time was put on, when not today
        self.phoned_day.setObjectName("hint")
        line.addWidget(self.phoned_to, 1)
        line.addWidget(QLabel(self.tr("at"), phone))
        line.addWidget(self.phoned_at)
        line.addWidget(self.phoned_day)
        line.addWidget(self.phoned_now)
        self.phoned_to.textEdited.connect(lambda _t: self._phoned(keep_time=True))
        self.phoned_at.timeChanged.connect(lambda _t: self._phoned(keep_time=True))
        self.phoned_now.clicked.connect(lambda: self._phoned(keep_time=False))
        s.row(QLabel(self.tr("Result &phoned to")), phone)

    def _phoned(self, *, keep_time: bool) -> None:
        at: dt.time | None = None
        if keep_time and self.session.opinion.phoned is not None:
            at = self.phoned_at.time().toPython()  # type: ignore[assignment]
        self._do(lambda: self.session.drafting.set_phoned(self.phoned_to.text(), at))

    # -- showing the model -----------------------------------------------------------

    def refresh(self) -> None:
        """Show ``session.opinion`` (no signal goes back to the session)."""
        o = self.session.opinion
        for key, choice in self.choices.items():
            choice.set_value(_lookup(o, self.paths[key]))
        self._refresh_series()
        h = o.haemorrhage
        present = h.status is m.Finding.PRESENT
        for widget in (self.haem_details, self.haem_type_label, self.haem_side,
                       self.haem_side_label, self.abc_box, self.abc_label):  # fmt: skip
            if widget is not None:
                widget.setVisible(present)
        for kind, box in self.haem_types.items():
            _check(box, kind in h.types)
        lengths = (h.abc.a_mm, h.abc.b_mm, h.abc.c_mm) if h.abc else (0.0, 0.0, 0.0)
        for spin, value in zip(self.abc, lengths, strict=True):
            _spin_to(spin, float(value))
        volume = h.volume_ml
        self.abc_volume.setText(self.tr("%1 mL").replace("%1", f"{volume:g}") if volume else "")
        self._refresh_ischaemia(o)
        occluded = o.occlusion.status is m.Finding.PRESENT
        self.sites_box.setVisible(occluded)
        if self.sites_label is not None:
            self.sites_label.setVisible(occluded)
        sites = {s.site: s.side for s in o.occlusion.sites}
        for site, box in self.site_boxes.items():
            _check(box, site in sites)
            if site in self.site_sides:
                self.site_sides[site].set_value(sites.get(site))
                self.site_sides[site].setEnabled(site in sites)
        p = o.perfusion
        self.perfusion_read.set_value(p is not None)
        self.perfusion_box.setVisible(p is not None)
        if p is not None:
            _spin_to(self.core, p.core_ml)
            _spin_to(self.hypo, p.hypoperfusion_ml)
            self.hir.set_value(p.hir)
            ratio = p.mismatch_ratio
            self.penumbra.setText(
                self.tr("Penumbra %1 mL\nMismatch ratio %2")
                .replace("%1", f"{p.penumbra_ml:g}")
                .replace("%2", f"{ratio:g}" if ratio is not None else "∞")
            )
        mr = o.mr
        has_mr = any(kind in w.MR_KINDS for kind in self.session.kinds.values())
        self.mr_section.setVisible(has_mr or mr != m.MrFindings())
        _spin_to(self.dwi_volume, mr.dwi_volume_ml or 0.0)
        for name, section in (("perfusion", p), ("mr", mr)):
            self.suggestions[name].show_section(
                section, self.offer_notes.get(name, []), self._warnings_of(name, section)
            )
        _set_text(self.other, o.other_findings)
        lossy_locked = bool(self.session.lossy_read())
        for which, box in self.limit_boxes.items():
            _check(box, which in o.limitations)
        lossy = self.limit_boxes[m.Limitation.LOSSY_COMPRESSION]
        lossy.setEnabled(not lossy_locked)
        lossy.setToolTip(
            self.tr("(0028,2110) Lossy Image Compression says a series read was lossy-compressed")
            if lossy_locked else ""
        )  # fmt: skip
        _set_text(self.limits_text, o.limitations_text)
        _set_text(self.conclusion, o.conclusion)
        r = o.recommendation
        contraindicated = r.thrombolysis is m.ThrombolysisAdvice.CONTRAINDICATED
        self.lysis_reason.setVisible(contraindicated)
        self.lysis_reason_label.setVisible(contraindicated)
        _set_text(self.lysis_reason, r.thrombolysis_reason)
        _set_text(self.other_advice, r.other)
        _set_text(self.free_text, o.free_text)
        if o.phoned is not None:
            _set_text(self.phoned_to, o.phoned.to)
            with QSignalBlocker(self.phoned_at):
                self.phoned_at.setTime(QTime(o.phoned.at.hour, o.phoned.at.minute))
        elif not self.phoned_to.hasFocus():
            _set_text(self.phoned_to, "")
        self.phoned_day.setText(self._phoned_day(o.phoned))

    def _phoned_day(self, call: m.PhoneCall | None) -> str:
        """The call's day when it is not the clock's: 'yesterday' or the date (e.g. a time
        typed after midnight for a call made before it)."""
        if call is None:
            return ""
        today = self.session.clock().astimezone(call.at.tzinfo).date()
        day = call.at.date()
        if day == today:
            return ""
        if day == today - dt.timedelta(days=1):
            return self.tr("yesterday")
        return day.strftime("%d/%m/%Y")

    def _refresh_ischaemia(self, o: m.Opinion) -> None:
        isch = o.ischaemia
        present = isch.early_signs is m.Finding.PRESENT
        self.early_side.setVisible(present)
        self.early_side_label.setVisible(present)
        # ASPECTS is scored once early signs are assessed; until then it is hidden and
        # left out of what is signed (app.reading.edits.settled), the draft keeping it.
        scoring = o.aspects_shown
        for widget in (self.aspects_label, self.aspects_side, self.pc_label, self.pc_scored):
            if widget is not None:
                widget.setVisible(scoring)
        aspects = isch.aspects if scoring else None
        self.aspects_side.set_value(aspects.side if aspects else None)
        ticking = isch.early_signs is not m.Finding.ABSENT
        self.aspects_grid.setVisible(aspects is not None)
        for region, box in self.aspects_boxes.items():
            _check(box, aspects is not None and region in aspects.affected)
            box.setEnabled(aspects is not None and ticking)
        self.aspects_score.setText(
            self.tr("ASPECTS %1").replace("%1", str(aspects.score)) if aspects else ""
        )
        pc = isch.pc_aspects if scoring else None
        self.pc_scored.set_value(pc is not None)
        self.pc_box.setVisible(pc is not None)
        for pc_region, box in self.pc_boxes.items():
            _check(box, pc is not None and pc_region in pc.affected)
            box.setEnabled(ticking)
        self.pc_score.setText(self.tr("pc-ASPECTS %1").replace("%1", str(pc.score)) if pc else "")

    def _refresh_series(self) -> None:
        read = self.session.read_series()
        listed = list(self.session.ordered_series())
        self.no_series.setVisible(not listed)
        for uid, kind, description in listed:
            box = self.series_checks.get(uid)
            if box is None:
                text = (
                    f"{w.value_word(kind)} — {description}" if description else w.value_word(kind)
                )
                box = QCheckBox(text, self.series_box)
                box.toggled.connect(
                    lambda on, u=uid: self._do(lambda: self.session.drafting.set_series_read(u, on))
                )
                self.series_layout.addWidget(box)
                self.series_checks[uid] = box
                if len(self.series_checks) == 1:
                    self.fields["series_read"] = box
            _check(box, uid in read)
