"""The viewer's toolbar and the ABC/2 dialog.

The toolbar shows the active pane's :class:`~viewer.model.ViewerState`
(window preset, slab) and changes it; it never keeps state of its own
(STYLE.md point 2): when the state changes, the widgets follow.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QWidget,
)

from app.ui.viewer.mpr_widget import MprWidget
from viewer.measure import abc_over_2_ml
from viewer.model import Change, ViewerState
from viewer.presets import PRESETS

SLAB_MODES_SHOWN = ("none", "mip", "minip", "mean")


class ViewerToolBar(QToolBar):
    """Window, slab, 3-D mode, measurement tools; acts on ``current()``'s MPR widget.

    ``abcMeasured(a_mm, b_mm, c_mm)``: the ABC/2 dialog's values, put in the opinion.
    """

    abcMeasured = Signal(float, float, float)
    layoutChosen = Signal(str)  # "1x1", "1x3" or "2x2"
    analysisRequested = Signal()  # "Stroke analysis" (shown by windows that offer it)

    def __init__(self, current: Callable[[], MprWidget | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("viewer-toolbar")
        self.setWindowTitle(self.tr("Viewer tools"))
        self.current = current
        self._state: ViewerState | None = None
        self._unsubscribe: Callable[[], None] | None = None

        self.addWidget(QLabel(self.tr("Window")))
        self.preset = QComboBox(self)
        self.preset.setObjectName("preset")
        titles = {
            "brain": self.tr("Brain"),
            "stroke": self.tr("Stroke"),
            "subdural": self.tr("Subdural"),
            "bone": self.tr("Bone"),
            "angio": self.tr("Angio"),
        }
        for key, (name, preset) in zip("12345", PRESETS.items(), strict=True):
            label = f"{titles.get(name, preset.title)} {preset.width:g}/{preset.centre:g}  [{key}]"
            self.preset.addItem(label, name)
        self.preset.addItem(self.tr("Series window  [0]"), "dicom")
        self.preset.addItem(self.tr("Automatic (percentiles)  [A]"), "auto")
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.activated.connect(self._preset_chosen)
        self.addWidget(self.preset)
        self.addSeparator()

        self.addWidget(QLabel(self.tr("Slab")))
        self.slab_mode = QComboBox(self)
        self.slab_mode.setObjectName("slab-mode")
        for mode, title in zip(
            SLAB_MODES_SHOWN,
            (self.tr("Thin"), self.tr("MIP"), self.tr("MinIP"), self.tr("Average")),
            strict=True,
        ):
            self.slab_mode.addItem(title, mode)
        self.slab_mode.setToolTip(self.tr("Slab projection (M cycles)"))
        self.slab_mode.activated.connect(self._slab_chosen)
        self.addWidget(self.slab_mode)
        self.slab_mm = QDoubleSpinBox(self)
        self.slab_mm.setObjectName("slab-mm")
        self.slab_mm.setRange(0.0, 100.0)
        self.slab_mm.setSingleStep(1.0)
        self.slab_mm.setDecimals(1)
        self.slab_mm.setSuffix(" mm")
        self.slab_mm.setToolTip(self.tr("Slab thickness (+ / -)"))
        self.slab_mm.editingFinished.connect(self._slab_chosen)
        self.addWidget(self.slab_mm)
        self.addSeparator()

        self.tools = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for tool, title, tip in (
            ("navigate", self.tr("Navigate"), self.tr("Crosshair, scroll, window (Esc)")),
            ("distance", self.tr("Distance"), self.tr("Two clicks measure a distance (D)")),
            ("roi", self.tr("ROI"), self.tr("Two corners of an ellipse: mean, SD, area (E)")),
        ):
            action = QAction(title, self)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, t=tool: self._tool_chosen(t))
            self.tools.addAction(action)
            self.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions["navigate"].setChecked(True)
        self.abc = QAction(self.tr("ABC/2…"), self)
        self.abc.setToolTip(self.tr("Haemorrhage volume by ABC/2"))
        self.abc.triggered.connect(self.open_abc)
        self.addAction(self.abc)
        self.addSeparator()
        self.oblique = QAction(self.tr("Oblique"), self)
        self.oblique.setCheckable(True)
        self.oblique.setToolTip(self.tr("Left drag turns the planes (O; ctrl + drag anytime)"))
        self.oblique.toggled.connect(self._oblique_toggled)
        self.addAction(self.oblique)
        self.crosshair = QAction(self.tr("Crosshair"), self)
        self.crosshair.setObjectName("crosshair")
        self.crosshair.setCheckable(True)
        self.crosshair.setToolTip(self.tr("Show or hide the crosshair lines (C)"))
        self.crosshair.triggered.connect(self._crosshair_chosen)
        self.addAction(self.crosshair)
        self.render_vr = QAction(self.tr("3D: volume rendering"), self)
        self.render_vr.setCheckable(True)
        self.render_vr.setToolTip(self.tr("3-D view: MIP or volume rendering (CTA preset)"))
        self.render_vr.toggled.connect(self._render_mode)
        self.addAction(self.render_vr)
        self.bone = QAction(self.tr("Remove bone"), self)
        self.bone.setObjectName("remove-bone")
        self.bone.setCheckable(True)
        self.bone.setToolTip(
            self.tr("3-D view: hide the skull so the vessels show (on for a CT angiography)")
        )
        self.bone.triggered.connect(self._bone_chosen)
        self.addAction(self.bone)
        self.reset = QAction(self.tr("Reset"), self)
        self.reset.setToolTip(self.tr("Fit the views, undo the oblique rotation (R)"))
        self.reset.triggered.connect(self._reset)
        self.addAction(self.reset)
        self.analyse = QAction(self.tr("Stroke analysis"), self)
        self.analyse.setObjectName("stroke-analysis")
        self.analyse.setToolTip(
            self.tr("CT perfusion maps, ADC core, DWI–FLAIR mismatch: suggestions to confirm")
        )
        self.analyse.triggered.connect(lambda _=False: self.analysisRequested.emit())
        self.analyse.setVisible(False)
        self.addAction(self.analyse)
        self.addSeparator()
        self.addWidget(QLabel(self.tr("Layout")))
        self.layouts = QActionGroup(self)
        self.layout_actions: dict[str, QAction] = {}
        for layout, title, tip in (
            ("1x1", "1×1", self.tr("The view under the pointer alone (Ctrl+1; F and back)")),
            ("1x3", "1×3", self.tr("The three planes in a row (Ctrl+3)")),
            ("2x2", "2×2", self.tr("The three planes and the 3-D view (Ctrl+4)")),
        ):
            action = QAction(title, self)
            action.setObjectName(f"layout-{layout}")
            action.setCheckable(True)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, name=layout: self.layoutChosen.emit(name))
            self.layouts.addAction(action)
            self.addAction(action)
            self.layout_actions[layout] = action

    # --- following the active state ----------------------------------------------------------
    def follow(self) -> None:
        """Show the active pane's state (call when the active pane or its state changes)."""
        mpr = self.current()
        state = mpr.state if mpr is not None else None
        if state is not self._state:
            if self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None
            self._state = state
            if state is not None:
                self._unsubscribe = state.subscribe(self._state_changed)
        if mpr is not None:
            self.tool_actions[mpr.tool].setChecked(True)
            self.oblique.setChecked(mpr.oblique)
            self.render_vr.setEnabled(mpr.volume_view is not None)
            self.bone.setEnabled(mpr.volume_view is not None)
            if mpr.volume_view is not None:
                self.render_vr.setChecked(mpr.volume_view.mode == "vr")
                self.bone.setChecked(mpr.volume_view.bone_removal)
        self._show_state()

    def show_layout(self, layout: str) -> None:
        """Check the layout on screen ("" for a protocol's own arrangement: none)."""
        self.layouts.setExclusive(False)
        for name, action in self.layout_actions.items():
            action.setChecked(name == layout)
        self.layouts.setExclusive(True)

    def _state_changed(self, change: Change) -> None:
        if change.what in ("window", "slab", "crosshair_shown"):
            self._show_state()

    def _show_state(self) -> None:
        state = self._state
        for widget in (self.preset, self.slab_mode, self.slab_mm):
            widget.setEnabled(state is not None)
        self.crosshair.setEnabled(state is not None)
        if state is None:
            return
        self.crosshair.setChecked(state.crosshair_drawn())
        index = self.preset.findData(state.preset)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.findData("custom"))
        mode, mm = state.slab
        self.slab_mode.setCurrentIndex(max(0, self.slab_mode.findData(mode)))
        self.slab_mm.blockSignals(True)
        self.slab_mm.setValue(mm)
        self.slab_mm.blockSignals(False)

    # --- actions -----------------------------------------------------------------------------
    def _preset_chosen(self) -> None:
        mpr = self.current()
        name = self.preset.currentData()
        if mpr is not None and name != "custom":
            mpr.apply_preset(str(name))

    def _slab_chosen(self) -> None:
        mpr = self.current()
        if mpr is None:
            return
        mode = str(self.slab_mode.currentData())
        mm = float(self.slab_mm.value())
        if mode != "none" and mm <= 0:
            mm = 20.0 if mode == "mip" else 5.0
        mpr.state.set_slab(mode, 0.0 if mode == "none" else mm)

    def _crosshair_chosen(self, shown: bool) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.state.set_crosshair_shown(shown)

    def _tool_chosen(self, tool: str) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.events.cancel_measurement()
            mpr.set_tool(tool)

    def _oblique_toggled(self, on: bool) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.set_oblique(on)

    def _render_mode(self, vr: bool) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.set_render_mode("vr" if vr else "mip")

    def _bone_chosen(self, on: bool) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.set_bone_removal(on)

    def _reset(self) -> None:
        mpr = self.current()
        if mpr is not None:
            mpr.reset()

    def open_abc(self) -> AbcDialog:
        """The ABC/2 dialog, A and B from the two longest distances measured."""
        mpr = self.current()
        lengths: list[float] = []
        thickness = 5.0
        if mpr is not None:
            lengths = sorted(
                (m.length_mm or 0.0 for m in mpr.measurements.distances()), reverse=True
            )
            thickness = mpr.slice_step_mm("axial") if "axial" in mpr.mpr_views else thickness
        dialog = AbcDialog(self)
        dialog.set_values(
            a_cm=lengths[0] / 10.0 if lengths else 0.0,
            b_cm=lengths[1] / 10.0 if len(lengths) > 1 else 0.0,
            slices=1,
            thickness_mm=thickness,
        )
        dialog.measured.connect(self.abcMeasured)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def close_toolbar(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._state = None


class AbcDialog(QDialog):
    """Haemorrhage volume by ABC/2 (Kothari): A, B in cm; C = slices × thickness.

    "Put in the opinion" emits ``measured(a_mm, b_mm, c_mm)``.
    """

    measured = Signal(float, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Haemorrhage volume (ABC/2)"))
        form = QFormLayout(self)
        self.a = self._length()
        self.b = self._length()
        self.slices = QSpinBox(self)
        self.slices.setRange(0, 500)
        self.thickness = QDoubleSpinBox(self)
        self.thickness.setRange(0.1, 20.0)
        self.thickness.setDecimals(2)
        self.thickness.setSuffix(" mm")
        self.c = QLabel(self)
        self.volume_label = QLabel(self)
        self.volume_label.setObjectName("abc-result")
        form.addRow(self.tr("A: largest diameter"), self.a)
        form.addRow(self.tr("B: diameter perpendicular to A"), self.b)
        form.addRow(self.tr("Slices with haemorrhage"), self.slices)
        form.addRow(self.tr("Slice thickness"), self.thickness)
        form.addRow(self.tr("C"), self.c)
        form.addRow(self.tr("Volume"), self.volume_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.use_button = buttons.addButton(
            self.tr("Put in the opinion"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.use_button.setObjectName("abc-use")
        self.use_button.clicked.connect(lambda _checked=False: self.use())
        form.addRow(buttons)
        for spin in (self.a, self.b, self.thickness):
            spin.valueChanged.connect(self._update)
        self.slices.valueChanged.connect(self._update)
        self._update()

    def _length(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(0.0, 30.0)
        spin.setDecimals(2)
        spin.setSuffix(" cm")
        return spin

    def set_values(self, *, a_cm: float, b_cm: float, slices: int, thickness_mm: float) -> None:
        self.a.setValue(a_cm)
        self.b.setValue(b_cm)
        self.slices.setValue(slices)
        self.thickness.setValue(thickness_mm)
        self._update()

    @property
    def c_cm(self) -> float:
        return self.slices.value() * self.thickness.value() / 10.0

    @property
    def volume_ml(self) -> float:
        return abc_over_2_ml(self.a.value(), self.b.value(), self.c_cm)

    def use(self) -> None:
        """Hand A, B and C (in mm) to the opinion (nothing while one of them is zero)."""
        a_mm, b_mm, c_mm = self.a.value() * 10.0, self.b.value() * 10.0, self.c_cm * 10.0
        if min(a_mm, b_mm, c_mm) > 0:
            self.measured.emit(a_mm, b_mm, c_mm)

    def _update(self) -> None:
        self.use_button.setEnabled(self.volume_ml > 0)
        self.c.setText(f"{self.c_cm:.2f} cm")
        self.volume_label.setText(self.tr("%1 mL").replace("%1", f"{self.volume_ml:.1f}"))
