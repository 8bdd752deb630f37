"""Shared by the opinion session and opinion panel tests: a radiologist's desk on a real hub.

:class:`Desk` holds what the radiologist's workstation keeps on disk (claims,
sealed drafts, sealed outbox, audit trail) around one hub URL;
:func:`claimed_request` stores a tiny study on the hub, creates the ED's
request for it (``tests.app.sending_util.new_case``) and claims it with
:func:`app.worklist.claims.claim_request`, so the Transaction UID is in the desk's
:class:`ClaimStore` as the application keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.drafts import DraftStore
from app.opinion.study import Study
from app.outbox.store import Outbox
from app.reading.session import OpinionSession
from app.store.audit import AuditLog
from app.store.sealed import SealedBox
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import Request, request_from_workitem
from app.worklist.signer import RadiologistStore
from tests.app.opinion.conftest import RADIOLOGIST
from tests.app.sending_util import Case, hub_factory, new_case

if TYPE_CHECKING:
    from app.ui.opinion.panel import OpinionPanel

MASTER_KEY = bytes(range(32))


@dataclass
class Desk:
    """One radiologist's files for one hub; every session and outbox reopens them."""

    folder: Path
    hub_url: str
    clock: Callable[[], dt.datetime]
    outbox_options: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.claims = ClaimStore(self.folder / "claims.json")
        self.radiologists = RadiologistStore(self.folder / "radiologists.json")
        self.radiologists.save("test-hub", RADIOLOGIST)
        self.audit = AuditLog(
            self.folder / "audit.jsonl", user="cmartin", hub=self.hub_url, clock=self.clock
        )
        self.outbox = self.open_outbox()

    def drafts(self) -> DraftStore:
        return DraftStore(self.folder / "drafts", SealedBox(MASTER_KEY, "drafts"), clock=self.clock)

    def open_outbox(self) -> Outbox:
        """The outbox as a (re)started application opens it."""
        return Outbox(
            self.folder / "outbox", SealedBox(MASTER_KEY, "outbox"), hub_factory(self.hub_url),
            self.clock, self.audit, **self.outbox_options,  # type: ignore[arg-type]
        )  # fmt: skip

    def session(self, request: Request, study: Study | None) -> OpinionSession:
        """The case opened (again): a new session on the same files."""
        return OpinionSession(
            request, study, drafts=self.drafts(), outbox=self.outbox, claims=self.claims,
            hub_url=self.hub_url, signer=self.radiologists.signer("test-hub"), clock=self.clock,
            audit=self.audit,
        )  # fmt: skip


def claimed_request(hub: HttpHub, folder: Path, desk: Desk) -> tuple[Case, Request]:
    """A request with its tiny study (NCCT + CTA) on the hub, claimed on ``desk``."""
    case = new_case(hub, folder, claim=False)
    transaction = claim_request(hub, desk.claims, case.workitem_uid, RADIOLOGIST.name)
    case.transaction_uid = transaction
    return case, request_from_workitem(hub.retrieve_workitem(case.workitem_uid))


def series_of(study: Study, description: str) -> str:
    """The Series Instance UID of the series with that (0008,103E) Series Description."""
    for uid in study.series_uids():
        if str(study.series(uid)[0].SeriesDescription) == description:
            return uid
    raise AssertionError(f"no series {description!r}")


def capture(seed: int = 0) -> np.ndarray:
    """Stands for the viewer's capture of the current view: an RGB image."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(48, 64, 3), dtype=np.uint8)


def fill_required(session: OpinionSession, study: Study) -> None:
    """What a radiologist states on the NCCT + CTA case: no bleed, left M1, thrombectomy."""
    for uid in study.series_uids():
        session.drafting.mark_series_read(uid)
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.ABSENT))
    session.edit(lambda o: setattr(o.occlusion, "status", m.Finding.PRESENT))
    session.drafting.set_occlusion_site(m.OcclusionSite.M1, True, m.Side.LEFT)
    session.edit(
        lambda o: setattr(
            o, "recommendation",
            m.Recommendation(
                thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
                thrombectomy=m.ThrombectomyAdvice.CANDIDATE,
            ),
        )
    )  # fmt: skip


def show_panel(qtbot: Any, panel: OpinionPanel) -> OpinionPanel:
    """The opinion panel, owned by ``qtbot``, shown at a radiologist's size."""
    qtbot.addWidget(panel)
    panel.resize(520, 980)
    panel.show()
    return panel


def choose(panel: OpinionPanel, field: str, value: object) -> None:
    """Click the button of ``value`` in the field's choice, as the mouse does."""
    choice = panel.form.choices[field]
    index = next(i for i, o in enumerate(choice.options) if o.value == value)
    choice.buttons[index].click()
