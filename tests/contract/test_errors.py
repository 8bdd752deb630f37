"""Content negotiation failures (PS3.18 §8.7.5): 406 Not Acceptable.

Malformed STOW bodies are in test_stow.py, unknown UIDs in test_wado.py.
"""

from __future__ import annotations

import pytest
import requests

from tests.contract.conftest import Server, Stored
from tests.contract.wire import instance_url


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(("study", "text/html"), id="study-html"),
        pytest.param(("study", "application/pdf"), id="study-pdf"),
        pytest.param(("instance", "text/plain"), id="instance-text"),
        pytest.param(("metadata", "application/pdf"), id="metadata-pdf"),
    ],
)
def test_unsupported_accept_is_not_acceptable(
    server: Server,
    stored: Stored,
    http: requests.Session,
    request: pytest.FixtureRequest,
    case: tuple[str, str],
) -> None:
    """PS3.18 §8.7.5: none of the Acceptable Media Types is supported → 406."""
    server.expect_deviation(request, "not_acceptable_status")
    resource, accept = case
    study = stored.corpus.studies["A"]
    ds = study.series[0].instances[0]
    url = {
        "study": server.url(f"studies/{study.uid}"),
        "instance": instance_url(server.base_url, ds),
        "metadata": instance_url(server.base_url, ds) + "/metadata",
    }[resource]
    response = http.get(url, headers={"Accept": accept})
    assert response.status_code == 406, (response.status_code, response.content[:200])
