"""The ED's opinion view marks preliminary, final, amended and replaced opinions, verdict
first (opinions read back from SRs are plain data: no hub needed here)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from app.ed.site_requests import ReceivedOpinion, RequestState, SiteRequest
from app.opinion import model as m
from app.ui.ed.opinion_view import OpinionView
from app.ui.ed.site_requests_view import Column, SiteRequestList, SiteRequestsModel

PARIS = dt.timezone(dt.timedelta(hours=1))
STUDY = "2.25.1"


def received(uid: str, kind: m.ReportKind, minute: int, **changes: object) -> ReceivedOpinion:
    opinion = m.Opinion(
        kind=kind,
        study_instance_uid=STUDY,
        haemorrhage=m.Haemorrhage(status=m.Finding.ABSENT),
        occlusion=m.Occlusion(status=m.Finding.ABSENT),
        radiologist=m.Radiologist("MARTIN^Claire", "CHRU Nancy"),
        signed_at=dt.datetime(2025, 3, 1, 14, minute, tzinfo=PARIS),
        conclusion="No occlusion.",
    )
    for name, value in changes.items():
        setattr(opinion, name, value)
    return ReceivedOpinion(m.DocumentRef(STUDY, "2.25.2", uid), opinion)


def labels(view: OpinionView) -> list[str]:
    return [label.text() for label in view.area.widget().findChildren(QLabel)]


def test_preliminary_replaced_by_final_then_amended(qtbot) -> None:
    draft = received("2.25.10", m.ReportKind.PRELIMINARY, 10)
    preliminary = ReceivedOpinion(draft.document, draft.opinion, superseded_by="2.25.11")
    final = received("2.25.11", m.ReportKind.FINAL, 30)
    request = SiteRequest(STUDY, RequestState.ANSWERED, "MARTIN^Claire", None, (preliminary, final))
    view = OpinionView()
    qtbot.addWidget(view)
    view.show()

    view.show_request(request)
    assert view.opinion is final
    assert view.verdict_texts()[:2] == ["NO HAEMORRHAGE", "No vessel occlusion"]
    assert "FINAL OPINION" in labels(view) and "No occlusion." in labels(view)
    items = [view.choice.itemText(i) for i in range(view.choice.count())]
    assert items[0].startswith("Preliminary opinion") and items[0].endswith("(replaced)")
    assert items[1].startswith("Final opinion") and view.choice.isVisibleTo(view)
    assert view.ack_button.isEnabled() and not view.pdf_button.isEnabled()  # no PDF here

    view.choice.setCurrentIndex(0)
    view.choice.activated.emit(0)
    assert view.opinion is preliminary
    assert "PRELIMINARY OPINION" in labels(view)
    assert "A later opinion replaces this one: read the latest." in labels(view)
    view.show_request(request)  # a refresh keeps what the physician chose
    assert view.opinion is preliminary

    amended = received("2.25.12", m.ReportKind.FINAL, 45, amendment_reason="side corrected")
    view.show_request(SiteRequest("2.25.99", RequestState.ANSWERED, "", None, (amended,)))
    assert view.opinion is amended
    assert "AMENDED OPINION" in labels(view) and "Amended: side corrected" in labels(view)
    assert not view.choice.isVisibleTo(view)


def test_list_rows_say_the_state_in_words(qtbot) -> None:
    final = received("2.25.21", m.ReportKind.FINAL, 30)
    requests = SiteRequestList()
    model = SiteRequestsModel(requests)
    requests.replace(
        [
            SiteRequest("2.25.30", RequestState.WAITING),
            SiteRequest("2.25.31", RequestState.BEING_READ, "MARTIN^Claire"),
            SiteRequest(STUDY, RequestState.ANSWERED, "MARTIN^Claire", None, (final,)),
        ]
    )
    states = [model.index(r, Column.STATE).data() for r in range(3)]
    assert states == [
        "Waiting for a radiologist",
        "Being read by MARTIN Claire",
        "Answered by MARTIN Claire",
    ]
    assert model.index(2, Column.VERDICT).data() == "NO HAEMORRHAGE · No vessel occlusion"
    assert model.index(2, Column.READ).data() == "To read and acknowledge"
