"""An open case keeps watching its study: series that arrive later are announced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.retrieve.case import CaseRetrieval
from app.retrieve.study_watch import StudyWatch, new_series
from tests.app.retrieval_util import ct_series
from tests.hub_util import minihub_client


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HttpHub]:
    yield from minihub_client(tmp_path / "hub")


def test_the_cta_after_the_ncct_is_announced_and_retrieved(hub: HttpHub):
    study = generate_uid()
    ncct = ct_series(study_uid=study, slices=4, number=2, description="HEAD NCCT")
    hub.store_instances(ncct)
    case = CaseRetrieval(hub, study)
    assert case.run().complete
    known = {s.series_uid for s in case.series}
    watch = StudyWatch(hub, study, known)
    assert not watch.poll_once()
    assert new_series(hub, study, known) == []

    cta = ct_series(
        study_uid=study, slices=6, number=3, contrast=True, thickness=1.0, description="CTA"
    )
    hub.store_instances(cta[:3])  # still arriving
    changes = watch.poll_once()
    assert [s.series_uid for s in changes.new] == [str(cta[0].SeriesInstanceUID)]
    assert changes.new[0].modality == "CT" and changes.new[0].number == 3
    assert [s.series_uid for s in new_series(hub, study, known)] == [str(cta[0].SeriesInstanceUID)]
    hub.store_instances(cta[3:])
    grown = watch.poll_once()
    assert [s.series_uid for s in grown.grown] == [str(cta[0].SeriesInstanceUID)]

    added = case.add_series(changes.new)
    assert [a.series_uid for a in added] == [str(cta[0].SeriesInstanceUID)]
    result = case.run()
    assert result.complete
    assert result.series[str(cta[0].SeriesInstanceUID)].received == 6
