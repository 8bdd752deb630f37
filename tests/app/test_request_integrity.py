"""The ED checks every image file before sending: one cut short refuses the request, named."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pydicom
import pytest

from app.cli import main
from app.ed.request.images import DamagedImages, select_images
from minihub.server import HubServer
from tests.app.request_util import clinical_file, third_party_ct

NOW = datetime.now().astimezone().replace(microsecond=0)


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server.base_url


def _axial_files(folder: Path) -> list[Path]:
    images = select_images(folder)
    return sorted(path for series in images.series for path in series.paths)


def _cut_in_half(path: Path) -> bytes:
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return whole


def test_a_slice_cut_in_half_is_named_and_refused(tmp_path: Path) -> None:
    folder = third_party_ct(tmp_path / "cd")
    victim = _axial_files(folder)[2]
    whole = _cut_in_half(victim)
    pydicom.dcmread(victim, stop_before_pixels=True)  # its header still reads
    with pytest.raises(DamagedImages) as refused:
        select_images(folder)
    assert [path for path, _ in refused.value.damaged] == [victim]
    assert f"{victim.parent.name}/{victim.name}" in str(refused.value)
    assert "1 image files are damaged" in str(refused.value)
    assert "cut short" in refused.value.screen_message()

    victim.write_bytes(whole)  # copied again: the request goes
    assert select_images(folder).instance_count == 5


def test_header_only_file_is_refused(tmp_path: Path) -> None:
    folder = third_party_ct(tmp_path / "cd")
    victim = _axial_files(folder)[0]
    whole = victim.read_bytes()
    header_end = whole.rfind(b"\xe0\x7f\x10\x00")  # the Pixel Data element's tag
    assert header_end > 0
    victim.write_bytes(whole[:header_end])
    with pytest.raises(DamagedImages, match=victim.name):
        select_images(folder)


def test_request_send_refuses_then_sends_the_fixed_folder(
    capsys: pytest.CaptureFixture[str], hub_url: str, tmp_path: Path
) -> None:
    folder = third_party_ct(tmp_path / "cd")
    victim = _axial_files(folder)[1]
    whole = _cut_in_half(victim)
    clinical = clinical_file(tmp_path, NOW)
    args = ["request", "send", "--hub", hub_url, "--images", str(folder),
            "--clinical", str(clinical), "--state-dir", str(tmp_path / "state")]  # fmt: skip
    assert main(args) == 2
    err = capsys.readouterr().err
    assert victim.name in err and "damaged" in err

    victim.write_bytes(whole)
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "refused" not in out
