"""The radiologist's opinion panel, beside the images (issue #5 "Writing it").

:class:`OpinionPanel` shows one :class:`app.reading.session.OpinionSession`:
the request's facts on top (patient, question, clock since last known well),
the identity check, the findings form (:class:`~app.ui.opinion.form.OpinionForm`),
the key images, and at the bottom what is still missing, the two send
buttons and this case's outbox state. Choosing "no imaging contraindication
to IV thrombolysis" while the ED reported a clinical flag (anticoagulant,
blood pressure, glucose) shows a caution naming them; sending stays
possible. The logic is the session's; the panel gathers input, calls it, and
shows errors through :meth:`OpinionPanel.show_error`.

Embedding it (the case window)::

    panel = OpinionPanel(session, runner)          # runner: the app's OutboxRunner
    panel.keyImageRequested.connect(capture)       # capture_view → panel.add_key_image(...)
    session.add_series(headers)                    # as series are listed / arrive
    session.drafting.mark_series_read(uid)         # a series shown to the radiologist
    panel.set_haemorrhage_abc(a_mm, b_mm, c_mm)    # the viewer's ABC/2 measurement
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.opinion import model as m
from app.opinion.build import OpinionNotReady
from app.opinion.wording import date, person
from app.outbox.store import ItemStatus
from app.reading.sending import Prepared
from app.reading.session import OpinionSession
from app.reading.state import CaseState
from app.ui.opinion import words as w
from app.ui.opinion.controls import STYLE, WrappingList
from app.ui.opinion.form import OpinionForm
from app.ui.opinion.identity import IdentityOverrideDialog, legacy_override_text, mismatch_text
from app.ui.opinion.key_image_list import key_image_list, thumbnail
from app.ui.opinion.outbox_panel import OutboxRunner, item_line
from app.ui.plain_text import plain_label, plain_text_label
from app.ui.style import style_as
from app.ui.workers import Worker
from app.ui.worklist import clinical_words
from app.ui.worklist.hub_words import reason_words


class OpinionPanel(QWidget):
    """The opinion of one case (module docstring).

    ``runner`` (optional) is told to send at once after an opinion is queued,
    and reports the outbox's changes; ``autosave_ms`` is the pause after the
    last change before the draft is written.
    """

    keyImageRequested = Signal()  # capture the current view, then call add_key_image
    sent = Signal(object)  # ItemStatus of an opinion just queued

    def __init__(
        self,
        session: OpinionSession,
        runner: OutboxRunner | None = None,
        *,
        autosave_ms: int = 300,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        style_as(self, "opinion-panel", STYLE)
        self.session = session
        self.runner = runner
        self.worker = Worker(self)
        self.sending = False
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(autosave_ms)
        self.save_timer.timeout.connect(self.flush)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(6)
        column.addWidget(self._build_header())
        self.identity = self._banner(column)
        self.override_button = QPushButton(self.tr("Override with a reason…"), self)
        self.override_button.clicked.connect(lambda _checked=False: self.override_identity())
        column.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignRight)
        self.late = self._banner(column)
        self.signed_banner = self._banner(column)
        self.amend_button = QPushButton(self.tr("Amend…"), self)
        self.amend_button.clicked.connect(lambda _checked=False: self.amend())
        column.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignRight)
        self.form = OpinionForm(session, self.show_error, self)
        self.form_area = QScrollArea(self)
        self.form_area.setObjectName("opinion-form")
        self.form_area.setWidgetResizable(True)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area.setWidget(self.form)
        column.addWidget(self.form_area, 1)
        # Wide enough for the form in any language: no field is ever cut off.
        scrollbar = self.form_area.verticalScrollBar().sizeHint().width()
        needed = self.form.minimumSizeHint().width() + scrollbar + 2 * self.form_area.frameWidth()
        self.setMinimumWidth(max(500, needed + 16))
        column.addWidget(self._build_key_images())
        column.addWidget(self._build_footer())
        self._shortcuts()
        session.subscribe(self._changed)
        if runner is not None:
            runner.statusChanged.connect(self._outbox_changed)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(30_000)
        self.clock_timer.timeout.connect(self._show_clock)
        self.clock_timer.timeout.connect(self._show_caution)  # ages in the caution
        self.clock_timer.start()
        self.refresh()

    # -- building ------------------------------------------------------------------

    def _banner(self, column: QVBoxLayout) -> QLabel:
        label = plain_label(QLabel(self))  # names series and people: the hub's text
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(label)
        return label

    def _frame(self, name: str, *margins: int) -> tuple[QFrame, QVBoxLayout]:
        """A frame (styled by its object ``name``, see ``STYLE``) and its column."""
        frame = QFrame(self)
        frame.setObjectName(name)
        column = QVBoxLayout(frame)
        column.setContentsMargins(*margins)
        return frame, column

    def _build_header(self) -> QFrame:
        header, grid = self._frame("header", 10, 8, 10, 8)
        grid.setSpacing(2)
        r = self.session.request
        self.patient = plain_label(QLabel(header))  # the header's words are the ED's text
        self.patient.setText(person(r.patient_name) or self.tr("(no name)"))
        self.patient.setObjectName("patient")
        self.patient.setWordWrap(True)
        grid.addWidget(self.patient)
        # The clock on its own line under the name (long in French), wrapping: never over it.
        self.lkw = QLabel(header)
        self.lkw.setObjectName("lkw")
        self.lkw.setWordWrap(True)
        grid.addWidget(self.lkw)
        facts = [r.sex, date(r.birth_date)]
        if r.patient_id:
            issuer = f" ({r.issuer_of_patient_id})" if r.issuer_of_patient_id else ""
            facts.append(self.tr("ID %1").replace("%1", r.patient_id + issuer))
        grid.addWidget(plain_text_label(" · ".join(f for f in facts if f), header))
        site = " — ".join(x for x in (r.requesting_site, person(r.requesting_physician)) if x)
        if site:
            grid.addWidget(plain_text_label(site, header))
        if r.question:
            question = plain_text_label(self.tr("Question: %1").replace("%1", r.question), header)
            question.setWordWrap(True)
            grid.addWidget(question)
        self._show_clock()
        return header

    def _build_key_images(self) -> QFrame:
        box, column = self._frame("footer", 8, 6, 8, 6)
        line = QHBoxLayout()
        title = QLabel(self.tr("Key images"), box)
        title.setObjectName("section-title")
        line.addWidget(title, 1)
        self.capture_button = QPushButton(self.tr("Capture the view (Ctrl+K)"), box)
        self.capture_button.setAutoDefault(False)
        self.capture_button.clicked.connect(self.keyImageRequested)
        self.remove_button = QPushButton(self.tr("Remove"), box)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected_key_image)
        line.addWidget(self.capture_button)
        line.addWidget(self.remove_button)
        column.addLayout(line)
        self.key_images = key_image_list(box)
        column.addWidget(self.key_images)
        self.no_key_images = QLabel(
            self.tr("None yet: capture the current view, annotations included."), box
        )
        self.no_key_images.setObjectName("hint")
        column.addWidget(self.no_key_images)
        return box

    def _build_footer(self) -> QFrame:
        footer, column = self._frame("footer", 8, 6, 8, 8)
        self.missing_title = QLabel(self.tr("Missing before sending"), footer)
        self.missing_title.setObjectName("section-title")
        column.addWidget(self.missing_title)
        self.missing = WrappingList(5, footer)  # long (French) lines wrap, never scroll sideways
        self.missing.setObjectName("missing")
        self.missing.itemActivated.connect(self._focus_missing)
        self.missing.itemClicked.connect(self._focus_missing)
        column.addWidget(self.missing)
        self.error = plain_label(QLabel(footer))
        self.error.setObjectName("banner-error")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        self.caution = plain_label(QLabel(footer))
        self.caution.setObjectName("banner-warn")
        self.caution.setWordWrap(True)
        self.caution.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caution.hide()
        column.addWidget(self.caution)
        buttons = QHBoxLayout()
        self.preliminary_button = QPushButton(self.tr("Send preliminary"), footer)
        self.preliminary_button.setObjectName("secondary")
        self.preliminary_button.setToolTip(
            self.tr("Ctrl+Shift+P — the request stays in progress; the final opinion follows")
        )
        self.final_button = QPushButton(self.tr("Sign and send final"), footer)
        self.final_button.setObjectName("primary")
        self.final_button.setToolTip(self.tr("Ctrl+Shift+Enter — completes the request"))
        for button in (self.preliminary_button, self.final_button):
            button.setAutoDefault(False)
        self.preliminary_button.clicked.connect(self.send_preliminary)
        self.final_button.clicked.connect(self.send_final)
        buttons.addWidget(self.preliminary_button)
        buttons.addStretch(1)
        buttons.addWidget(self.final_button)
        column.addLayout(buttons)
        self.case_outbox = plain_label(QLabel(footer))
        self.case_outbox.setWordWrap(True)
        column.addWidget(self.case_outbox)
        self.saved = QLabel(footer)
        self.saved.setObjectName("hint")
        column.addWidget(self.saved)
        return footer

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Shift+P", self.send_preliminary),
            ("Ctrl+Shift+Return", self.send_final),
            ("Ctrl+Shift+Enter", self.send_final),
            ("Ctrl+K", self.keyImageRequested.emit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.key_images)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected_key_image)

    # -- showing -------------------------------------------------------------------

    def _changed(self) -> None:
        self.form.refresh()
        self.refresh()
        if self.session.unsaved:
            self.save_timer.start()

    def refresh(self) -> None:
        """Redraw everything but the form from the session."""
        s = self.session
        writing = s.state is CaseState.WRITING
        self.form.setEnabled(writing and not self.sending)
        self._show_identity()
        late = s.flagged_series()
        self.late.setVisible(bool(late))
        if late:
            names = ", ".join(d or u for u, d in late)
            self.late.setObjectName("banner-warn")
            self.late.setText(
                self.tr("Received after the opinion was signed, and not read in it: %1. "
                        "Read it; correct the opinion if it changes anything.").replace("%1", names)
            )  # fmt: skip
        o = s.opinion
        self.signed_banner.setVisible(not writing or o.is_amendment or s.sending.preliminary_sent)
        self.amend_button.setVisible(not writing)
        self.amend_button.setEnabled(s.sending.can_amend())
        if not writing and o.signed_at is not None:
            who = person(o.radiologist.name) if o.radiologist else ""
            at = o.signed_at.astimezone().strftime("%H:%M")
            if s.sending.can_amend():
                text = self.tr("Final opinion signed by %1 at %2 and delivered. To correct it, "
                               "send an amendment.")  # fmt: skip
            else:
                text = self.tr("Final opinion signed by %1 at %2; it can no longer change. It "
                               "can be amended once delivered.")  # fmt: skip
            self.signed_banner.setObjectName("banner-ok")
            self.signed_banner.setText(text.replace("%1", who).replace("%2", at))
        elif o.is_amendment:
            self.signed_banner.setObjectName("banner-warn")
            self.signed_banner.setText(
                self.tr("Amendment of the final opinion: %1").replace("%1", o.amendment_reason)
            )
        elif s.sending.preliminary_sent:
            self.signed_banner.setObjectName("banner-ok")
            self.signed_banner.setText(
                self.tr("Preliminary opinion sent; this draft is the final opinion.")
            )
        for label in (self.late, self.signed_banner):
            label.style().unpolish(label)
            label.style().polish(label)
        self._show_missing()
        self._show_caution()
        self._show_key_images()
        self._show_case_outbox()
        for widget in (self.missing_title, self.missing, self.saved):
            widget.setVisible(writing)
        if s.saved_at is not None:
            when = s.saved_at.astimezone().strftime("%H:%M:%S")
            restored = self.tr(" (restored)") if s.restored else ""
            self.saved.setText(self.tr("Draft saved %1").replace("%1", when) + restored)
        elif s.warning:
            self.saved.setText(self.tr("The saved draft of this case could not be read."))

    def _show_caution(self) -> None:
        """Not blocking: the ED's clinical flags, when the imaging advice is to thrombolyse."""
        s = self.session
        advice = s.opinion.recommendation.thrombolysis
        flags = ""
        if (
            s.state is CaseState.WRITING
            and advice is m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION
        ):
            flags = clinical_words.flags_sentence(s.request.clinical, s.clock())
        self.caution.setVisible(bool(flags))
        if flags:
            self.caution.setText(
                self.tr("The ED reports: %1.").replace("%1", flags)
                + " "
                + self.tr(
                    "No imaging contraindication to IV thrombolysis is chosen: weigh "
                    "these clinical facts; sending stays possible."
                )
            )

    def _show_clock(self) -> None:
        elapsed = self.session.since_last_known_well()
        if elapsed is None:
            self.lkw.setText(self.tr("Last known well: unknown"))
            return
        minutes = max(0, int(elapsed.total_seconds() // 60))
        lkw = self.session.request.last_known_well
        assert lkw is not None
        self.lkw.setText(
            self.tr("LKW %1 h %2 min ago (%3)")
            .replace("%1", str(minutes // 60))
            .replace("%2", f"{minutes % 60:02d}")
            .replace("%3", lkw.astimezone().strftime("%H:%M"))
        )

    def _show_identity(self) -> None:
        s = self.session
        uncovered = s.identity.uncovered() if s.headers else []
        override = s.opinion.identity_override
        self.override_button.setVisible(bool(uncovered) and s.state is CaseState.WRITING)
        if not s.headers:
            name, text = "banner-warn", self.tr("Identity: checked once the images are listed.")
        elif uncovered:
            name = "banner-error"
            head = self.tr("Identity differs between the request and the images — sending is "
                           "blocked:")  # fmt: skip
            text = "\n".join([head, *(mismatch_text(x) for x in uncovered)])
            if s.legacy_override and s.opinion.identity_override is None:
                text += "\n" + legacy_override_text()
        elif override is not None:
            name = "banner-warn"
            text = self.tr("Identity differences overridden by %1: %2").replace(
                "%1", override.by).replace("%2", override.reason)  # fmt: skip
        else:
            name = "banner-ok"
            text = self.tr("Identity: the request and the images match (ID and issuer, birth "
                           "date, sex, name).")  # fmt: skip
        self.identity.setObjectName(name)
        self.identity.setText(text)
        self.identity.style().unpolish(self.identity)
        self.identity.style().polish(self.identity)

    def _show_missing(self) -> None:
        s = self.session
        problems = s.sending.problems(m.ReportKind.FINAL) if s.state is CaseState.WRITING else []
        self.missing.clear()
        seen: set[str] = set()
        for problem in problems:
            text, key = w.missing_line(problem)
            if text in seen:
                continue
            seen.add(text)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.missing.addItem(item)
        if s.state is CaseState.WRITING and not problems:
            item = QListWidgetItem(self.tr("Nothing missing: ready to sign."))
            item.setForeground(QColor("#1d5e3a"))
            self.missing.addItem(item)
        self.missing.fit()
        idle = s.state is CaseState.WRITING and not self.sending
        amendment = s.opinion.is_amendment
        self.preliminary_button.setEnabled(
            idle and not amendment and s.sending.can_send(m.ReportKind.PRELIMINARY)
        )
        self.final_button.setEnabled(idle and not problems)
        self.final_button.setText(
            self.tr("Sign and send the amendment") if amendment else self.tr("Sign and send final")
        )

    def _show_key_images(self) -> None:
        self.key_images.clear()
        for index, key in enumerate(self.session.opinion.key_images):
            pixels = self.session.drafting.snapshot(index)
            item = QListWidgetItem(key.caption or self.tr("Image %1").replace("%1", str(index + 1)))
            if pixels is not None:
                item.setIcon(QIcon(thumbnail(pixels)))
            self.key_images.addItem(item)
        count = self.key_images.count()
        self.key_images.setVisible(count > 0)
        self.no_key_images.setVisible(count == 0)
        writing = self.session.state is CaseState.WRITING
        self.capture_button.setEnabled(writing)
        self.remove_button.setEnabled(writing and self.key_images.count() > 0)

    def _show_case_outbox(self) -> None:
        items = self.session.sending.case_items()
        self.case_outbox.setVisible(bool(items) or self.sending)
        lines = [item_line(status) for status in items]
        if self.sending:
            lines.append(self.tr("Signing and putting the opinion in the outbox…"))
        self.case_outbox.setText("\n".join(lines))

    def _outbox_changed(self, status: ItemStatus) -> None:
        self.session.sending.delivered(status)
        self.refresh()

    def _focus_missing(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.ItemDataRole.UserRole) or "")
        fields = self.form.fields
        while key and key not in fields:
            key = key.rpartition(".")[0]
        target = fields.get(key)
        if target is None and key == "identity":
            target = self.override_button
        if target is not None and target.isVisible():
            self.form_area.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- errors --------------------------------------------------------------------

    def show_error(self, exc: Exception) -> None:
        """The one place errors are shown (STYLE.md point 3)."""
        if isinstance(exc, OpinionNotReady):
            text = self.tr("Not sent: see what is missing before sending.")
        else:
            text = reason_words(str(exc)) or self.tr("unexpected error")
        self.error.setText(text)
        self.error.show()
        QTimer.singleShot(10_000, self.error.hide)

    # -- actions -------------------------------------------------------------------

    def flush(self) -> None:
        """Write the draft now if it changed (the debounce timer's end, or closing)."""
        self.save_timer.stop()
        try:
            if self.session.save_draft():
                self.refresh()
        except Exception as exc:  # a full disk: say it, keep the draft in memory
            self.show_error(exc)

    def _do(self, action: Any) -> Any:
        try:
            return action()
        except Exception as exc:
            self.show_error(exc)
            return None

    def add_key_image(
        self,
        rgb: np.ndarray,
        series_uid: str,
        sop_instance_uid: str,
        *,
        frame: int | None = None,
        caption: str = "",
        derived_from: Sequence[m.SourceImage] = (),
    ) -> int | None:
        """Add the viewer's capture (annotations burnt in) as a key image; its index.

        ``derived_from``: the images a reformatted, slab or 3-D capture was made from.
        """
        return self._do(
            lambda: self.session.drafting.add_key_image(
                rgb,
                series_uid,
                sop_instance_uid,
                frame=frame,
                caption=caption,
                derived_from=derived_from,
            )
        )

    def remove_selected_key_image(self) -> None:
        row = self.key_images.currentRow()
        if row >= 0:
            self._do(lambda: self.session.drafting.remove_key_image(row))

    def offer_analysis(
        self, summary: dict[str, Any], warnings: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        """Prefill the empty perfusion / MR fields from the analysis' summary (the viewer's
        ``analysis_ready``) as suggestions the radiologist confirms; what the radiologist
        already gave is kept (:mod:`app.opinion.analysis`). ``warnings``: the analysis'
        warnings by section ("perfusion", "mr") in the user's language
        (:func:`app.ui.opinion.suggestion.section_warnings`), shown in each section's bar;
        without it the summary's English warnings are shown. The SR and the PDF record
        each section's own warnings, in English, and never the study-level ones."""
        offer = self._do(lambda: self.session.drafting.offer_analysis(summary))
        if offer is not None:
            self.form.show_offer(offer, warnings)

    def set_haemorrhage_abc(self, a_mm: float, b_mm: float, c_mm: float) -> None:
        """The viewer's ABC/2 measurement, in mm."""
        self._do(lambda: self.session.drafting.set_haemorrhage_abc(a_mm, b_mm, c_mm))

    def mark_series_read(self, uid: str) -> None:
        self._do(lambda: self.session.drafting.mark_series_read(uid))

    def override_identity(self, reason: str | None = None) -> bool:
        """Send despite the identity differences: ask the reason (or take it); True if done."""
        shown = self.session.identity.mismatches()  # what the radiologist decides on
        if reason is None:
            dialog = IdentityOverrideDialog(shown, self, legacy=self.session.legacy_override)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason.toPlainText()
        return self._do(lambda: self.session.identity.override(reason, shown)) is not None

    def amend(self, reason: str | None = None) -> None:
        if reason is None:
            text, ok = QInputDialog.getText(
                self, self.tr("Amend the opinion"), self.tr("What does the amendment correct?")
            )
            if not ok:
                return
            reason = text
        self._do(lambda: self.session.sending.amend(reason))

    def send_preliminary(self) -> None:
        self.send(m.ReportKind.PRELIMINARY)

    def send_final(self) -> None:
        self.send(m.ReportKind.FINAL)

    def send(self, kind: m.ReportKind) -> None:
        """Sign here, build and queue off the GUI thread, then tell the outbox to send."""
        if self.sending or not self._buttons_allow(kind):
            return
        try:
            prepared = self.session.sending.prepare(kind)
        except Exception as exc:
            self.show_error(exc)
            return
        self.sending = True
        self.refresh()
        self.worker.submit(
            lambda: self.session.sending.submit(prepared),
            lambda status: self._queued(prepared, status),
            self._not_queued,
        )

    def _buttons_allow(self, kind: m.ReportKind) -> bool:
        button = self.final_button if kind is m.ReportKind.FINAL else self.preliminary_button
        return button.isEnabled()

    def _queued(self, prepared: Prepared, status: ItemStatus) -> None:
        self.sending = False
        self.session.sending.submitted(prepared)
        self.sent.emit(status)
        if self.runner is not None:
            self.runner.kick()
        self.refresh()

    def _not_queued(self, exc: Exception) -> None:
        self.sending = False
        self.refresh()
        self.show_error(exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self.worker.wait(30_000)
        super().closeEvent(event)


__all__ = ["OpinionPanel"]
