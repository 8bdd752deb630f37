"""Texts worded by the plain-Python logic reach the screen in French under ``--lang fr``:
the no-keyring warning in the status bar and the ED's verdict lines (the PDF/SR stay
English)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from app.ed.site_requests import ReceivedOpinion, RequestState, SiteRequest
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.wording import verdicts
from app.store.keys import MasterKey
from app.ui.case_services import CaseServices, OutboxView
from app.ui.ed.opinion_view import OpinionView
from app.worklist.signer import RadiologistStore

STUDY = "2.25.1"


def test_no_keyring_warning_in_french(qtbot, tmp_path: Path, french: None) -> None:
    services = CaseServices(
        HttpHub("http://127.0.0.1:9"),
        user="danne",
        network="test-hub",
        data_dir=tmp_path / "data",
        cache_dir=tmp_path / "cache",
        key=MasterKey(bytes(range(32)), persistent=False, message="English logic text"),
        radiologists=RadiologistStore(tmp_path / "radiologists.json"),
        decoder_workers=0,
        runner_interval_ms=60_000,
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    try:
        view = OutboxView(window, window.addToolBar("t"), services)
        text = view.key_label.text()
        assert text.startswith("Aucun trousseau système n'est disponible")
        assert "English" not in text and not view.key_label.isHidden()
    finally:
        services.close()


def test_persistent_key_shows_no_warning(tmp_path: Path) -> None:
    services = CaseServices(
        HttpHub("http://127.0.0.1:9"),
        user="danne",
        network="test-hub",
        key=MasterKey(bytes(range(32)), persistent=True),
    )
    assert services.message == ""


def _opinion(**changes: object) -> ReceivedOpinion:
    opinion = m.Opinion(
        kind=m.ReportKind.FINAL,
        study_instance_uid=STUDY,
        haemorrhage=m.Haemorrhage(status=m.Finding.ABSENT),
        occlusion=m.Occlusion(
            status=m.Finding.PRESENT,
            sites=[m.VesselOcclusion(m.OcclusionSite.M1, m.Side.LEFT)],
        ),
        recommendation=m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
            thrombectomy=m.ThrombectomyAdvice.CANDIDATE,
        ),
        radiologist=m.Radiologist("MARTIN^Claire", "CHRU Nancy"),
        signed_at=dt.datetime(2025, 3, 1, 14, 30, tzinfo=dt.UTC),
    )
    for name, value in changes.items():
        setattr(opinion, name, value)
    return ReceivedOpinion(m.DocumentRef(STUDY, "2.25.2", "2.25.10"), opinion)


def _shown(qtbot, received: ReceivedOpinion) -> list[str]:
    view = OpinionView()
    qtbot.addWidget(view)
    view.show()
    view.show_request(SiteRequest(STUDY, RequestState.ANSWERED, "", None, (received,)))
    return view.verdict_texts()


def test_verdicts_in_french_on_screen_english_in_documents(qtbot, french: None) -> None:
    received = _opinion()
    assert _shown(qtbot, received) == [
        "PAS D'HÉMORRAGIE",
        "OCCLUSION : M1 GAUCHE",
        "Pas de contre-indication en imagerie",
        "CANDIDAT : transfert vers un centre de thrombectomie",
    ]
    # the document wording (PDF, SR) is untouched
    assert [v.text for v in verdicts(received.opinion)][:2] == [
        "NO HAEMORRHAGE",
        "OCCLUSION: LEFT M1",
    ]


def test_haemorrhage_and_contraindication_in_french(qtbot, french: None) -> None:
    received = _opinion(
        haemorrhage=m.Haemorrhage(
            status=m.Finding.PRESENT,
            types=[m.HaemorrhageType.SUBDURAL],
            side=m.Side.RIGHT,
            abc=m.Abc(50, 50, 10),
        ),
        recommendation=m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.CONTRAINDICATED,
            thrombolysis_reason="hémorragie",
            thrombectomy=m.ThrombectomyAdvice.PENDING,
        ),
    )
    shown = _shown(qtbot, received)
    assert shown[0] == "HÉMORRAGIE : sous-durale, droite, 12.5 mL (ABC/2)"
    assert shown[2] == "CONTRE-INDIQUÉE : hémorragie"
    assert shown[3] == "Décision en attente d'imagerie complémentaire"


def test_verdicts_stay_english_without_translator(qtbot) -> None:
    """The source language matches the document wording word for word."""
    received = _opinion(
        haemorrhage=m.Haemorrhage(
            status=m.Finding.PRESENT,
            types=[m.HaemorrhageType.SUBDURAL, m.HaemorrhageType.SUBARACHNOID],
            side=m.Side.BILATERAL,
            abc=m.Abc(20, 20, 15),
        ),
    )
    assert _shown(qtbot, received) == [v.text for v in verdicts(received.opinion)]


def test_sides_agree_with_the_french_site(qtbot, french: None) -> None:
    """M1 and the carotid T are segments (masculine), the ICA is an artery (feminine):
    "M1 DROIT", "ACI CERVICALE DROITE"; the ASPECTS hemisphere is masculine."""
    from app.ui.opinion.verdict_words import screen_details

    sites = [
        m.VesselOcclusion(m.OcclusionSite.M1, m.Side.RIGHT),
        m.VesselOcclusion(m.OcclusionSite.CERVICAL_ICA, m.Side.RIGHT),
    ]
    received = _opinion(occlusion=m.Occlusion(status=m.Finding.PRESENT, sites=sites))
    occlusion = _shown(qtbot, received)[1]
    assert occlusion.startswith("OCCLUSION : M1 DROIT + ") and occlusion.endswith(" DROITE")
    opinion = received.opinion
    opinion.ischaemia = m.Ischaemia(
        early_signs=m.Finding.PRESENT,
        side=m.Side.RIGHT,
        aspects=m.Aspects(side=m.Side.RIGHT, affected=[m.AspectsRegion.M2]),
    )
    aspects = dict(screen_details(opinion))["ASPECTS"]
    assert "(hémisphère droit)" in aspects, aspects


def test_the_case_window_counts_its_series_in_french(qtbot, french: None) -> None:
    """The case window subclasses the viewer window: its numerus forms ("3 séries") were
    looked up under the subclass's name only, and the French status bar said "3 series"."""
    from app.ui.viewer.case_window import CaseWindow
    from app.ui.viewer.window import ViewerWindow

    class Sub(ViewerWindow):
        pass

    window = Sub()
    qtbot.addWidget(window)
    assert window.tr("%n series", "", 3) == "3 séries"
    assert window.tr("Series", "the dock that lists the series") == "Séries"
    assert CaseWindow.tr is ViewerWindow.tr  # the case window inherits the lookup


def test_a_warning_of_the_hubs_retrieval_in_french_named_once(french: None) -> None:
    """'series 9003 (OT): not a volume: colour image…' from the retrieval: the French box says
    'série 9003 (OT) : pas un volume : …', the series named once."""
    from app.ui.viewer.words import series_label, warning_text
    from viewer.notes import labelled, note

    inner = note("not_a_volume_reason", reason="colour image")
    warning = labelled("series 9003 (OT)", inner)
    assert str(warning) == "series 9003 (OT): not a volume: colour image"  # logs, CLI
    assert warning_text(inner) == "pas un volume : colour image"
    assert series_label("series 9003 (OT)") == "série 9003 (OT)"
