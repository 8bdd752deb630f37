"""A final opinion already exists for this study: shown before another one is written.

Two requests may name the same study (issue #9 item 7). A radiologist opening
one of them must see, first, any final opinion already in the study — for this
request or another — with who signed it, when, and its verdicts; and then say
"Write a new opinion" explicitly. :class:`PriorOpinionGate` holds the opinion
panel: while such opinions are shown the panel is hidden behind them; the
choice puts it back. The study's opinions are read like the ED reads them
(:func:`app.ed.site_requests.opinions_for_study`), off the GUI thread by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ed.site_requests import ReceivedOpinion
from app.opinion import model as m
from app.opinion.wording import Tone, moment, person
from app.ui.opinion.verdict_words import screen_verdicts
from app.ui.plain_text import selectable_label
from app.ui.style import style_as

TONE_COLOURS = {Tone.ALERT: "#b71c1c", Tone.CLEAR: "#1b5e20", Tone.OPEN: "#5f6368"}
BANNER_STYLE = (
    "QFrame#prior-opinion { background:#fff8e1; border:2px solid #e65100; border-radius:6px; }"
)


def prior_finals(
    opinions: Iterable[ReceivedOpinion], known: Iterable[str] = ()
) -> list[ReceivedOpinion]:
    """The study's final opinions that count now (not replaced), oldest first.

    ``known`` are SR SOP Instance UIDs the radiologist's own session already
    holds (its own delivered opinion): the panel shows those itself.
    """
    mine = set(known)
    return [
        o
        for o in opinions
        if o.kind is m.ReportKind.FINAL and o.is_current and o.document.sop_instance_uid not in mine
    ]


def _label(text: str, style: str = "") -> QLabel:
    return selectable_label(text, style, plain=True)  # names and conclusion: another's text


class PriorOpinionBanner(QFrame):
    """The final opinions already in the study, and the explicit choice to write another."""

    write_new = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style_as(self, "prior-opinion", BANNER_STYLE)
        self.opinions: list[ReceivedOpinion] = []
        self.column = QVBoxLayout(self)
        self.body = QVBoxLayout()
        self.column.addLayout(self.body)
        self.write_button = QPushButton(self.tr("Write a new opinion"), self)
        self.write_button.setToolTip(
            self.tr("After reading the opinion above: write this request's own opinion")
        )
        self.write_button.setStyleSheet("font-weight:bold; padding:4px 12px;")
        self.write_button.clicked.connect(self.write_new.emit)
        self.column.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_opinions(self, opinions: Sequence[ReceivedOpinion], workitem_uid: str) -> None:
        """Word each opinion: who, when, for which request, its verdicts and conclusion."""
        self.opinions = list(opinions)
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        title = (
            self.tr("A final opinion already exists for this study")
            if len(opinions) == 1
            else self.tr("%1 final opinions already exist for this study").replace(
                "%1", str(len(opinions))
            )
        )
        heading = _label(title, "color:#e65100; font-size:13pt; font-weight:bold;")
        heading.setObjectName("prior-title")
        self.body.addWidget(heading)
        for index, opinion in enumerate(opinions):
            self.body.addWidget(self._opinion(opinion, workitem_uid, index))
        self.body.addWidget(
            _label(
                self.tr(
                    "Read it before writing another: the ED may already act on it. To correct "
                    "it, its author amends it."
                ),
                "color:#37474f;",
            )
        )

    def _opinion(self, opinion: ReceivedOpinion, workitem_uid: str, index: int) -> QWidget:
        box = QWidget(self)
        box.setObjectName(f"prior-{index}")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 6)
        if opinion.workitem_uid and opinion.workitem_uid == workitem_uid:
            which = self.tr("for this request")
        elif opinion.workitem_uid:
            which = self.tr("for another request of this study")
        else:
            which = self.tr("for a request it does not name")
        signed = moment(opinion.signed_at) if opinion.signed_at else "—"
        kind = (
            self.tr("Amended final opinion") if opinion.is_amendment else self.tr("Final opinion")
        )
        who = (
            self.tr("%1 by %2, signed %3 — %4")
            .replace("%1", kind)
            .replace("%2", person(opinion.radiologist) or "—")
            .replace("%3", signed)
            .replace("%4", which)
        )
        who_label = _label(who, "font-weight:bold;")
        who_label.setObjectName(f"prior-who-{index}")
        column.addWidget(who_label)
        for verdict in screen_verdicts(opinion.opinion):
            line = _label(verdict.text, f"color:{TONE_COLOURS[verdict.tone]}; font-weight:bold;")
            line.setObjectName(f"prior-verdict-{index}")
            column.addWidget(line)
        conclusion = opinion.opinion.conclusion.strip()
        if conclusion:
            column.addWidget(_label(conclusion, "font-style:italic;"))
        return box

    def verdict_texts(self, index: int = 0) -> list[str]:
        """The verdict lines shown for the ``index``-th opinion (tests, screen readers)."""
        return [w.text() for w in self.findChildren(QLabel, f"prior-verdict-{index}")]

    def who_text(self, index: int = 0) -> str:
        label = self.findChild(QLabel, f"prior-who-{index}")
        return label.text() if label is not None else ""


class PriorOpinionGate(QWidget):
    """The opinion panel, behind the study's earlier final opinions until the user chooses.

    :meth:`show_prior` with nothing to show leaves the panel as it is;
    otherwise the banner replaces it until "Write a new opinion" is clicked
    (``chosen`` then fires). :meth:`show_check_failed` says the study could
    not be checked, above the panel.
    """

    chosen = Signal()
    checked = Signal(int)  # final opinions found (0: none), -1: the study could not be checked

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.banner = PriorOpinionBanner(self)
        self.banner.hide()
        self.banner.write_new.connect(self.write_new)
        self.notice = _label("", "color:#5f2b00; background:#ffe0b2; padding:4px;")
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addWidget(panel, 1)
        layout.addStretch(0)  # takes the room while the panel is hidden
        self.waiting_for_choice = False
        self.found: int | None = None  # as last checked (see ``checked``); None: not yet

    def show_prior(self, opinions: Sequence[ReceivedOpinion], workitem_uid: str) -> bool:
        """Show ``opinions`` in place of the panel; False (nothing shown) when there are none."""
        if opinions:
            self.banner.show_opinions(opinions, workitem_uid)
            self.banner.show()
            self.panel.hide()
            self.waiting_for_choice = True
        self.found = len(opinions)
        self.checked.emit(len(opinions))
        return bool(opinions)

    def show_check_failed(self, reason: str) -> None:
        self.notice.setText(
            self.tr("Could not check the study for an earlier opinion (%1).").replace("%1", reason)
        )
        self.notice.show()
        self.found = -1
        self.checked.emit(-1)

    def write_new(self) -> None:
        """The user read the earlier opinion and writes this request's own."""
        self.banner.hide()
        self.panel.show()
        self.waiting_for_choice = False
        self.chosen.emit()
