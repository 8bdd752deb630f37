""" "Last known well unknown" never drops a typed time silently (issue #9, review finding).

The schema's ``last_known_well: "unknown"`` means no last-known-well time is known.
Choosing it empties and disables the time field, and says which time was removed;
a wake-up stroke keeps its time (went to sleep, last seen well).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.ed.draft import RequestDraft
from minihub.server import HubServer
from tests.ui.ed_util import make_ed_window

NOW = dt.datetime(2025, 6, 1, 15, 5).astimezone()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


def test_the_draft_empties_the_time_and_names_it() -> None:
    draft = RequestDraft()
    changes: list[str] = []
    draft.subscribe(changes.append)
    draft.enter("last_known_well", "14:00", NOW)
    assert draft.get("last_known_well") == NOW.replace(hour=14, minute=0)

    draft.set("onset_unknown", "wake-up")  # wake-up keeps the time
    assert draft.text("last_known_well") == "14:00" and draft.removed_lkw == ""
    assert draft.to_json()["wake_up"] is True

    changes.clear()
    draft.set("onset_unknown", "unknown")
    assert draft.text("last_known_well") == "" and draft.get("last_known_well") is None
    assert draft.removed_lkw == "14:00" and "removed_lkw" in changes
    assert "last_known_well" in changes  # the field is told to show it emptied
    data = draft.to_json()
    assert data["last_known_well"] == "unknown" and "wake_up" not in data

    draft.set("onset_unknown", "")  # back: the time stays removed, and said so
    assert draft.text("last_known_well") == "" and draft.removed_lkw == "14:00"
    draft.enter("last_known_well", "13:40", NOW)  # a new time: the note goes
    assert draft.removed_lkw == "" and draft.to_json()["last_known_well"] == (
        NOW.replace(hour=13, minute=40).isoformat()
    )

    refused = RequestDraft()
    refused.enter("last_known_well", "25h", NOW)  # not a time: removed all the same, named
    refused.set("onset_unknown", "unknown")
    assert refused.removed_lkw == "25h" and refused.entry_problems() == {}
    empty = RequestDraft()
    empty.set("onset_unknown", "unknown")
    assert empty.removed_lkw == ""
    refused.reset()
    assert refused.removed_lkw == ""


def test_the_form_shows_the_time_removed(qtbot: Any, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path, clock=lambda: NOW)
    clinical = window.request_tab.clinical
    lkw, kind = clinical.lkw, clinical.unknown_kind
    unknown = kind.findData("unknown")
    assert kind.itemText(unknown) == "Last known well unknown"
    assert kind.itemText(kind.findData("wake-up")) == (
        "Wake-up stroke (time: went to sleep / last seen well)"
    )
    qtbot.mouseClick(lkw.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(lkw.edit, "14:00")
    clinical.unknown_box.click()  # wake-up first: the time is kept
    assert lkw.isEnabled() and lkw.edit.text() == "14:00"
    assert not clinical.lkw_removed.isVisible()

    kind.setCurrentIndex(unknown)
    assert lkw.edit.text() == "" and not lkw.isEnabled() and lkw.day.text() == ""
    assert clinical.lkw_removed.isVisible()
    assert clinical.lkw_removed.text() == (
        "The time typed (14:00) was removed: “Last known well unknown” was chosen."
    )
    assert window.draft.to_json()["last_known_well"] == "unknown"

    clinical.unknown_box.click()  # unticked: the field is back, empty, the note stays
    assert lkw.isEnabled() and lkw.edit.text() == ""
    assert clinical.lkw_removed.isVisible()
    qtbot.keyClicks(lkw.edit, "1345")
    assert not clinical.lkw_removed.isVisible()
    assert window.draft.to_json()["last_known_well"] == NOW.replace(hour=13, minute=45).isoformat()
    window.close()
